//! Credential entry for R4 (associate the Microsoft Learning account) and R2
//! (Partner University access): email or username, masked password, Tab or
//! Enter between them, Enter on the password submits, Esc cancels, paste
//! works. The service checks everything;
//! a refusal is shown here in its own words and the password is cleared.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::frame::{dialog_area, dialog_inner_width, draw_frame};
use super::reply::Reply;
use super::submit::Submitting;
use crate::action::Action;
use crate::components::form::{Field, Form};
use crate::components::wrap;
use crate::jobs::Job;
use crate::keys::{self, KeyMap};
use crate::theme::{Mark, Theme};
use certlink_core::service::Session;
use certlink_domain::Email;
use certlink_i18n::Lang;
use certlink_i18n::width::fit;

pub static KEYS: KeyMap = KeyMap::typing(
    certlink_i18n::Lang::tui_key_title_credentials_dialog,
    &[
        keys::SUBMIT,
        keys::FIELDS,
        keys::CANCEL,
        keys::EDIT,
        keys::HELP_F1,
        keys::QUIT_ANYWHERE,
    ],
);

/// The job for the entered sign-in name and password, made by the tab that
/// opened the dialog.
pub type CredentialsJob = Box<dyn Fn(&Session, String, String) -> Job>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialsPurpose {
    /// R4: the certification profile's sign-in.
    Associate,
    /// R2: the Partner University account's sign-in.
    PartnerUniversity,
}

pub struct CredentialsDialog {
    pub purpose: CredentialsPurpose,
    pub form: Form,
    /// R4 shortcut: the PU email that is also a profile's sign-in email.
    pub suggestion: Option<String>,
    pub error: Option<String>,
    submit: CredentialsJob,
}

impl std::fmt::Debug for CredentialsDialog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialsDialog")
            .field("purpose", &self.purpose)
            .field("error", &self.error)
            .finish()
    }
}

/// Index of the password field in both dialogs.
const PASSWORD: usize = 1;

impl CredentialsDialog {
    /// R4: "Use <email> to associate my Microsoft Learning account" is offered
    /// when the service finds the PU email is also a profile's sign-in email.
    pub fn associate(suggestion: Option<&Email>, submit: CredentialsJob) -> CredentialsDialog {
        let en = Lang::En;
        let form = Form::new(vec![
            Field::plain(en.tui_dialog_credentials_email()),
            Field::masked(en.tui_dialog_credentials_password()),
        ]);
        let form = match suggestion {
            Some(email) => form.with_shortcut(en.tui_dialog_credentials_use_email(email.as_str())),
            None => form,
        };
        CredentialsDialog {
            purpose: CredentialsPurpose::Associate,
            form,
            suggestion: suggestion.map(|e| e.to_string()),
            error: None,
            submit,
        }
    }

    /// R4: the sign-in email of the profile the service knows for this
    /// account, filled in; the password comes next.
    pub fn with_known_email(mut self, email: &Email) -> CredentialsDialog {
        if let Some(input) = self.form.field_mut(0) {
            input.set(email.as_str());
        }
        self.form.focus_field(PASSWORD);
        self
    }

    pub fn partner_university(submit: CredentialsJob) -> CredentialsDialog {
        CredentialsDialog {
            purpose: CredentialsPurpose::PartnerUniversity,
            form: Form::new(vec![
                Field::plain(Lang::En.tui_dialog_credentials_username()),
                Field::masked(Lang::En.tui_dialog_credentials_password()),
            ]),
            suggestion: None,
            error: None,
            submit,
        }
    }

    /// The title, in English ([`CredentialsDialog::title_in`]).
    pub fn title(&self) -> &'static str {
        self.title_in(Lang::En)
    }

    pub fn title_in(&self, lang: Lang) -> &'static str {
        match self.purpose {
            CredentialsPurpose::Associate => lang.tui_dialog_credentials_associate_title(),
            CredentialsPurpose::PartnerUniversity => lang.tui_dialog_credentials_pu_title(),
        }
    }

    fn intro(&self, lang: Lang) -> &'static str {
        match self.purpose {
            CredentialsPurpose::Associate => lang.tui_dialog_credentials_associate_intro(),
            CredentialsPurpose::PartnerUniversity => lang.tui_dialog_credentials_pu_intro(),
        }
    }

    /// The form as drawn in `lang`: the same fields and focus, labelled and
    /// with the shortcut worded in that language (the form itself keeps the
    /// English words the dialog was made with).
    fn form_in(&self, lang: Lang) -> std::borrow::Cow<'_, Form> {
        if lang == Lang::En {
            return std::borrow::Cow::Borrowed(&self.form);
        }
        let mut form = self.form.clone();
        let name = match self.purpose {
            CredentialsPurpose::Associate => lang.tui_dialog_credentials_email(),
            CredentialsPurpose::PartnerUniversity => lang.tui_dialog_credentials_username(),
        };
        let labels = [name, lang.tui_dialog_credentials_password()];
        for (field, label) in form.fields.iter_mut().zip(labels) {
            field.label = label;
        }
        if form.shortcut.is_some()
            && let Some(email) = &self.suggestion
        {
            form.shortcut = Some(lang.tui_dialog_credentials_use_email(email.as_str()));
        }
        std::borrow::Cow::Owned(form)
    }

    /// The shortcut fills in the email; the password is still asked (R4).
    pub fn use_suggestion(&mut self) {
        if let Some(email) = self.suggestion.clone() {
            if let Some(input) = self.form.field_mut(0) {
                input.set(&email);
            }
            self.form.focus_field(PASSWORD);
        }
    }

    pub fn update(&mut self, action: Action, submitting: Option<&Submitting>) -> Reply {
        match action {
            Action::Back => Reply::Close,
            Action::Activate if self.form.shortcut_focused() => {
                self.use_suggestion();
                Reply::Stay
            }
            // Enter moves from the name to the password, and submits there.
            Action::Activate if !self.form.on_last_field() => {
                self.form.apply(&Action::NextField);
                Reply::Stay
            }
            Action::Activate => match submitting {
                Some(s) => match self.missing(s.dates.lang) {
                    Some(note) => {
                        self.error = Some(note);
                        Reply::Stay
                    }
                    None => {
                        self.error = None;
                        Reply::Run(self.job(s.session))
                    }
                },
                None => Reply::Stay,
            },
            Action::OpenHelp => Reply::Help,
            other => {
                self.form.apply(&other);
                Reply::Stay
            }
        }
    }

    /// A click on a row focuses it; on the shortcut, also uses it.
    pub fn click(&mut self, screen: Rect, busy: Option<&str>, column: u16, row: u16, lang: Lang) {
        let (_, form_area) = self.layout(screen, busy, lang);
        if let Some(i) = self.form_in(lang).row_at(form_area, column, row) {
            self.form.focus_row(i);
            if self.form.shortcut_focused() {
                self.use_suggestion();
            }
        }
    }

    /// An empty field is not sent (it would only count as a failed attempt,
    /// R1): the word for it, with the focus on it.
    fn missing(&mut self, lang: Lang) -> Option<String> {
        let (field, note) = if self.form.value(0).trim().is_empty() {
            let note = match self.purpose {
                CredentialsPurpose::Associate => lang.tui_dialog_credentials_type_email(),
                CredentialsPurpose::PartnerUniversity => {
                    lang.tui_dialog_credentials_type_username()
                }
            };
            (0, note.to_string())
        } else if self.form.value(PASSWORD).is_empty() {
            (
                PASSWORD,
                lang.tui_dialog_credentials_type_password().to_string(),
            )
        } else {
            return None;
        };
        self.form.focus_field(field);
        Some(note)
    }

    /// The job for the entered credentials; the password leaves the field.
    fn job(&mut self, session: &Session) -> Job {
        let name = self.form.value(0).to_string();
        let password = self
            .form
            .field_mut(PASSWORD)
            .map(|i| i.take())
            .unwrap_or_default();
        (self.submit)(session, name, password)
    }

    /// After a refusal: show it, and put the cursor back on the password.
    pub fn refused(&mut self, message: String) {
        self.error = Some(message);
        if let Some(input) = self.form.field_mut(PASSWORD) {
            input.clear();
        }
        self.form.focus_field(PASSWORD);
    }

    fn status_lines(&self, width: u16, busy: Option<&str>) -> Vec<Line<'static>> {
        match (busy, &self.error) {
            (Some(progress), _) => vec![Line::from(fit(progress, usize::from(width)).into_owned())],
            (None, Some(error)) => wrap(&format!("{}{error}", Mark::REFUSED), width)
                .into_iter()
                .map(Line::from)
                .collect(),
            (None, None) => Vec::new(),
        }
    }

    /// (dialog, form area) on this screen, the words in `lang`: shared by
    /// drawing and mouse clicks.
    pub fn layout(&self, screen: Rect, busy: Option<&str>, lang: Lang) -> (Rect, Rect) {
        let width = dialog_inner_width(screen);
        let intro = wrap(self.intro(lang), width).len() as u16;
        let form = self.form_in(lang).height(width);
        let status = self.status_lines(width, busy).len() as u16;
        let area = dialog_area(screen, intro + 1 + form + 1 + status.max(1));
        let inner = Rect {
            x: area.x + 2,
            y: area.y + 1,
            width: area.width.saturating_sub(4),
            height: area.height.saturating_sub(2),
        };
        let form_area = Rect {
            y: inner.y + intro + 1,
            height: form.min(inner.height.saturating_sub(intro + 1)),
            ..inner
        };
        (area, form_area)
    }

    pub fn render(
        &self,
        frame: &mut Frame,
        screen: Rect,
        theme: &Theme,
        busy: Option<&str>,
        lang: Lang,
    ) {
        let (area, form_area) = self.layout(screen, busy, lang);
        let inner = draw_frame(frame, area, self.title_in(lang), theme);
        let intro: Vec<Line> = wrap(self.intro(lang), inner.width)
            .into_iter()
            .map(|l| Line::styled(l, theme.muted))
            .collect();
        let intro_height = intro.len() as u16;
        frame.render_widget(Paragraph::new(intro), inner);
        self.form_in(lang)
            .render(frame, form_area, theme, busy.is_none());
        let status_y = form_area.y + form_area.height + 1;
        let style = if busy.is_some() {
            theme.warn
        } else {
            theme.error
        };
        let status: Vec<Line> = self
            .status_lines(inner.width, busy)
            .into_iter()
            .map(|l| l.style(style))
            .collect();
        let bottom = inner.y + inner.height;
        if status_y < bottom && intro_height < inner.height {
            let rect = Rect {
                y: status_y,
                height: bottom - status_y,
                ..inner
            };
            frame.render_widget(Paragraph::new(status), rect);
        }
    }
}
