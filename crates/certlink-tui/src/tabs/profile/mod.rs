//! My profile: the association allowance (R9), *Microsoft exams and
//! certifications* (R4, R7) and *Your learning* (R2), each with its one
//! action. What is shown comes from `Service::profile`; which action is
//! offered follows the state it reports, and the service decides.
//! [`calls`] holds its service calls, `view.rs` draws it.

pub mod calls;
mod costs;
pub mod language;
mod view;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use super::registry::{TabEntry, TabId};
use crate::action::Action;
use crate::components::tab_bar::Titles;
use crate::jobs::Done;
use crate::keys::{self, Binding, Context, KeyMap, key};
use crate::popups::{ConfirmDialog, CredentialsDialog, MessageDialog, Popup};
use crate::tab::{Cx, Reads, Tab, View};
use calls::Answer;
use certlink_core::service::{LinkOutcome, ProfileView, ServiceError, Session};
use certlink_domain::Email;
use certlink_domain::skills::SkillRecord;
use certlink_i18n::Lang;

/// The Profile tab in the registry (`tabs::REGISTRY`).
pub const ENTRY: TabEntry = TabEntry {
    id: TabId::Profile,
    titles: Titles {
        full: "Profile",
        short: "Profile",
        tiny: "Prof",
    },
    // Everyone's own profile (R2, R4, R7, R9).
    shown_to: |_| true,
    start: |_| Box::new(ProfileTab::default()),
};

/// What the selected line of the profile does on Enter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileAction {
    /// R4: open the credentials dialog.
    Associate,
    /// R7: confirm, then end the person's own link.
    RemoveLink,
    /// R2: open the PU credentials dialog.
    GetPu,
    /// R2: confirm, then end PU access.
    RemovePu,
}

impl ProfileAction {
    pub fn label(self, view: &ProfileView, lang: Lang) -> String {
        match self {
            ProfileAction::Associate => lang.tui_profile_action_associate().into(),
            ProfileAction::RemoveLink => match view.mcid {
                Some(m) => lang.tui_profile_action_unlink(m.to_string()),
                None => lang.tui_profile_action_remove().into(),
            },
            ProfileAction::GetPu => lang.tui_profile_action_get_pu().into(),
            ProfileAction::RemovePu => lang.tui_profile_action_remove().into(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ProfileTab {
    pub view: Option<ProfileView>,
    /// The person's held certifications, exams and assessments, newest first
    /// (`Service::my_skills`: the linked or last MCID, and the PU account).
    pub skills: Vec<SkillRecord>,
    /// R4 shortcut offered by the service, if any.
    pub suggestion: Option<Email>,
    /// Index into [`ProfileTab::actions`].
    pub selected: usize,
}

const ROWS: &[Binding] = &[Binding {
    chords: &[key(KeyCode::Enter)],
    action: Action::Activate,
    keys: "Enter",
    does: certlink_i18n::Lang::tui_key_open_act,
    hint: true,
}];

pub static KEYS: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_profile,
    &[
        ROWS,
        language::ROWS,
        keys::READ_AGAIN,
        keys::SWITCH_TABS,
        keys::MOVE,
        keys::SIGN_OUT_HELP_QUIT,
        keys::QUIT_ANYWHERE,
    ],
);

impl ProfileTab {
    /// The actions on offer, top to bottom: the link's, then PU access's.
    /// Support engineers belong to no organization and have none.
    pub fn actions(&self, session: &Session) -> Vec<ProfileAction> {
        let Some(view) = &self.view else {
            return Vec::new();
        };
        if session.is_support {
            return Vec::new();
        }
        vec![
            if view.linked_mpn_id.is_some() {
                ProfileAction::RemoveLink
            } else {
                ProfileAction::Associate
            },
            if view.pu_username.is_some() {
                ProfileAction::RemovePu
            } else {
                ProfileAction::GetPu
            },
        ]
    }

    pub fn selected_action(&self, session: &Session) -> Option<ProfileAction> {
        self.actions(session).get(self.selected).copied()
    }

    /// Enter on the profile: a dialog for a new link or access (R2, R4), a
    /// confirmation before any removal (R2, R7). The allowance is read again
    /// first: what the dialog says it costs is the present's (R9).
    fn act(&mut self, cx: &mut Cx) {
        let lang = cx.lang();
        let fresh = cx
            .service
            .profile(cx.session)
            .and_then(|view| Ok((view, cx.service.date_format()?.in_lang(lang))));
        let dates = match fresh {
            Ok((view, dates)) => {
                self.view = Some(view);
                dates
            }
            Err(e) => {
                cx.show_error(&e);
                return;
            }
        };
        let Some(view) = &self.view else {
            return;
        };
        let session = cx.session.clone();
        let popup = match self.selected_action(cx.session) {
            // R9 before any password: a known profile that cannot associate
            // now says so and from when, and no form opens.
            Some(ProfileAction::Associate) => match costs::associate_refusal(view, &dates) {
                Some(text) => Popup::Message(MessageDialog {
                    title: lang.tui_profile_not_yet_title().into(),
                    text,
                    is_refusal: true,
                }),
                None => {
                    let dialog = CredentialsDialog::associate(
                        self.suggestion.as_ref(),
                        Box::new(move |session: &Session, email, password| {
                            calls::link(session.clone(), email, password, lang)
                        }),
                    );
                    // The profile known for this account, filled in (R4).
                    let known = view.profile_email.as_ref().filter(|_| view.mcid.is_some());
                    Popup::Credentials(match known {
                        Some(email) => dialog.with_known_email(email),
                        None => dialog,
                    })
                }
            },
            Some(ProfileAction::GetPu) => {
                Popup::Credentials(CredentialsDialog::partner_university(Box::new(
                    move |session: &Session, username, password| {
                        calls::grant_pu(session.clone(), username, password, lang)
                    },
                )))
            }
            Some(ProfileAction::RemoveLink) => {
                let mcid = view.mcid.map(|m| m.to_string()).unwrap_or_default();
                let org = view.org_name.clone().unwrap_or_default();
                Popup::Confirm(ConfirmDialog::new(
                    lang.tui_profile_unlink_title().into(),
                    lang.tui_profile_unlink_text(mcid, &org, costs::unlink_cost(view, &dates)),
                    lang.tui_profile_unlink_yes(),
                    calls::unlink(session, lang),
                ))
            }
            Some(ProfileAction::RemovePu) => {
                let user = view
                    .pu_username
                    .as_ref()
                    .map(|u| u.to_string())
                    .unwrap_or_default();
                Popup::Confirm(ConfirmDialog::new(
                    lang.tui_profile_remove_pu_title().into(),
                    lang.tui_profile_remove_pu_text(user),
                    lang.tui_profile_unlink_yes(),
                    calls::remove_pu(session, lang),
                ))
            }
            None => return,
        };
        cx.open(popup);
    }

    fn answered(&mut self, answer: Answer, cx: &mut Cx) {
        let lang = cx.lang();
        match answer {
            Answer::Linked(outcome) => {
                cx.close_form();
                cx.refresh(self);
                let mcid = self
                    .view
                    .as_ref()
                    .and_then(|v| v.mcid)
                    .map(|m| lang.tui_profile_mcid(m.to_string()))
                    .unwrap_or_else(|| lang.tui_profile_your_profile().into());
                cx.flash(match outcome {
                    LinkOutcome::Linked => lang.tui_profile_flash_linked(mcid),
                    LinkOutcome::Moved => lang.tui_profile_flash_moved(mcid),
                    LinkOutcome::TookOver => lang.tui_profile_flash_took_over(mcid),
                });
            }
            Answer::ConfirmMove(asked) => {
                cx.close_form();
                let dates = match cx.service.date_format() {
                    Ok(d) => d.in_lang(lang),
                    Err(e) => {
                        cx.show_error(&e);
                        return;
                    }
                };
                let text = asked.preview.lines(&dates).join("\n");
                let session = cx.session.clone();
                cx.open(Popup::Confirm(ConfirmDialog::new(
                    lang.tui_profile_move_title().into(),
                    text,
                    lang.tui_profile_move_yes(),
                    calls::link_move(session, *asked, lang),
                )));
            }
            Answer::PuGranted => {
                cx.close_form();
                cx.refresh(self);
                cx.flash(lang.tui_profile_flash_pu_granted());
            }
            Answer::Unlinked => {
                cx.refresh(self);
                cx.flash(lang.tui_profile_flash_unlinked());
            }
            Answer::PuRemoved => {
                cx.refresh(self);
                cx.flash(lang.tui_profile_flash_pu_removed());
            }
            Answer::Language(saved) => self.language_saved(saved, cx),
        }
    }
}

impl Tab for ProfileTab {
    fn keys(&self, _: &Session) -> Context {
        &KEYS
    }

    fn key_maps(&self) -> &'static [Context] {
        static MAPS: [Context; 1] = [&KEYS];
        &MAPS
    }

    fn update(&mut self, action: Action, cx: &mut Cx) {
        let last = self.actions(cx.session).len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Activate => self.act(cx),
            Action::ChooseLanguage => self.choose_language(cx),
            _ => {}
        }
    }

    /// A click on an action line selects it and acts.
    fn click(&mut self, column: u16, row: u16, cx: &mut Cx) {
        if let Some(i) = self.action_at(cx.body, cx.session, cx.lang(), column, row)
            && i < self.actions(cx.session).len()
        {
            self.selected = i;
            self.act(cx);
        }
    }

    fn on_done(&mut self, done: Done, cx: &mut Cx) {
        match done.take::<Answer>() {
            Some(Ok(answer)) => self.answered(answer, cx),
            Some(Err(failure)) => cx.failed(failure),
            None => {}
        }
    }

    /// The profile, the R4 suggestion and the skills, keeping the selection
    /// in range: dates and allowances move with time.
    fn refresh_always(&mut self, reads: &Reads) -> Result<(), ServiceError> {
        let (service, session) = (reads.service, reads.session);
        self.view = Some(service.profile(session)?);
        self.suggestion = service.profile_email_suggestion(session)?;
        self.skills = service.my_skills(session)?;
        let actions = self.actions(session).len();
        self.selected = self.selected.min(actions.saturating_sub(1));
        Ok(())
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(frame, area, view.session, view.dates, view.lang, view.theme);
    }
}
