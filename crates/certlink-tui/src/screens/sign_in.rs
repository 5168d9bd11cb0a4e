//! The sign-in screen (R1): email and masked password; a refusal (wrong
//! credentials, throttled, locked) in the service's words. In a sandbox the demo
//! sign-ins are listed under the form (their passwords are public there only).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Row, Table, TableState};

use ratatui::crossterm::event::KeyCode;

use crate::action::Action;
use crate::components::form::{Field, Form};
use crate::components::status_bar;
use crate::components::{centered, scroll_offset, wrap};
use crate::jobs::{Job, Progress};
use crate::keys::{self, Binding, KeyMap, key};
use crate::theme::{Mark, Theme};
use certlink_core::demo::DemoSignIns;
use certlink_core::service::{Session, SignInSource};
use certlink_i18n::Lang;
use certlink_i18n::width::width as cols;

const SIGN_IN: &[Binding] = &[
    Binding {
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: certlink_i18n::Lang::tui_key_next_sign_in,
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: certlink_i18n::Lang::tui_key_clear_the_form,
        hint: false,
    },
];

/// The demo sign-ins beside the form: a second pane, moved in with its own
/// keys (the form keeps Tab and the arrows), so both are hinted.
const DEMO: &[Binding] = &[
    Binding {
        chords: &[key(KeyCode::PageDown)],
        action: Action::Down,
        keys: "PgUp/PgDn",
        does: certlink_i18n::Lang::tui_key_pick_a_demo,
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::PageUp)],
        action: Action::Up,
        keys: "PgUp/PgDn",
        does: certlink_i18n::Lang::tui_key_pick_a_demo,
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::F(2))],
        action: Action::UseDemoSignIn,
        keys: "F2",
        does: certlink_i18n::Lang::tui_key_use_it,
        hint: true,
    },
];

/// The form has the keys. On a real database there is no demo list, so no
/// key or hint mentions it.
pub static KEYS: KeyMap = KeyMap::typing(
    certlink_i18n::Lang::tui_key_title_sign_in,
    &[
        SIGN_IN,
        keys::FIELDS,
        keys::EDIT,
        keys::HELP_F1,
        keys::QUIT_ANYWHERE,
    ],
);

/// A sandbox's sign-in: the form, and the demo sign-ins listed under it
/// (their passwords are public there only); the wheel scrolls them.
pub static DEMO_KEYS: KeyMap = KeyMap::typing(
    certlink_i18n::Lang::tui_key_title_sign_in_sandbox,
    &[
        SIGN_IN,
        keys::FIELDS,
        DEMO,
        keys::EDIT,
        keys::HELP_F1,
        keys::QUIT_ANYWHERE,
    ],
)
.with_wheel();

/// The key map of the sign-in screen: with the demo sign-ins on a sandbox.
pub fn keys(sandbox_demo: bool) -> &'static KeyMap {
    if sandbox_demo { &DEMO_KEYS } else { &KEYS }
}

/// R1: the sign-in's answer, the person's session.
pub struct SignedIn(pub Session);

/// R1: checks the work account's password (an argon2id hash: on the worker).
pub fn sign_in(email: String, password: String) -> Job {
    Job::new(
        "SignIn",
        Progress::words(Lang::tui_signin_progress),
        move |service| {
            service
                .sign_in(email.trim(), &password, &SignInSource::Local)
                .map(SignedIn)
        },
    )
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInScreen {
    pub form: Form,
    pub error: Option<String>,
    /// The selected row of the demo sign-ins (sandbox only).
    pub demo_selected: usize,
}

/// One demo sign-in as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoRow {
    /// Work accounts and support engineers sign in here; profiles and PU
    /// accounts are for the dialogs after sign-in.
    pub signs_in_here: bool,
    pub login: String,
    pub password: String,
    pub who: DemoWho,
}

/// Who a demo sign-in is, put into words when drawn (in the reader's
/// language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoWho {
    Account {
        name: String,
        role: DemoRole,
        invited: bool,
    },
    Support,
    Profile {
        mcid: u64,
        linked_to: Option<u64>,
    },
    PartnerUniversity {
        email: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoRole {
    GlobalAdmin,
    PartnerAdmin,
    User,
}

impl DemoWho {
    /// "Ada Lovelace · Global Admin", "profile MCID 10000001 · linked to 1234567".
    pub fn words(&self, lang: Lang) -> String {
        match self {
            DemoWho::Account {
                name,
                role,
                invited,
            } => {
                let role = match role {
                    DemoRole::GlobalAdmin => lang.tui_signin_demo_global_admin(),
                    DemoRole::PartnerAdmin => lang.tui_signin_demo_partner_admin(),
                    DemoRole::User => lang.tui_signin_demo_user(),
                };
                if *invited {
                    format!("{name} · {role} · {}", lang.tui_signin_demo_invited())
                } else {
                    format!("{name} · {role}")
                }
            }
            DemoWho::Support => lang.tui_signin_demo_support().to_string(),
            DemoWho::Profile { mcid, linked_to } => {
                let profile = lang.tui_signin_demo_profile(mcid.to_string());
                match linked_to {
                    Some(m) => {
                        format!("{profile} · {}", lang.tui_signin_demo_linked(m.to_string()))
                    }
                    None => profile,
                }
            }
            DemoWho::PartnerUniversity { email } => format!("Partner University · {email}"),
        }
    }
}

/// The listed demo sign-ins: people who can sign in first, then the profiles
/// and PU accounts they can associate.
pub fn demo_rows(demo: &DemoSignIns) -> Vec<DemoRow> {
    let mut rows = Vec::new();
    for a in demo.accounts.iter().filter(|a| a.status != "deleted") {
        let role = if a.roles.contains(&"global-admin") {
            DemoRole::GlobalAdmin
        } else if a.roles.contains(&"partner-admin") {
            DemoRole::PartnerAdmin
        } else {
            DemoRole::User
        };
        rows.push(DemoRow {
            signs_in_here: true,
            login: a.email.clone(),
            password: a.password.clone(),
            who: DemoWho::Account {
                name: a.name.clone(),
                role,
                invited: a.status == "invited",
            },
        });
    }
    for s in &demo.support {
        rows.push(DemoRow {
            signs_in_here: true,
            login: s.email.clone(),
            password: s.password.clone(),
            who: DemoWho::Support,
        });
    }
    for p in &demo.profiles {
        rows.push(DemoRow {
            signs_in_here: false,
            login: p.email.clone(),
            password: p.password.clone(),
            who: DemoWho::Profile {
                mcid: p.mcid,
                linked_to: p.linked_mpn_id,
            },
        });
    }
    for u in &demo.pu_accounts {
        rows.push(DemoRow {
            signs_in_here: false,
            login: u.username.clone(),
            password: u.password.clone(),
            who: DemoWho::PartnerUniversity {
                email: u.email.clone(),
            },
        });
    }
    rows
}

/// Where the parts of the sign-in screen go; drawing and clicks share it.
pub struct SignInLayout {
    pub title: Rect,
    pub form_block: Rect,
    pub form: Rect,
    pub message: Rect,
    pub demo: Option<Rect>,
}

const EMAIL: usize = 0;
const PASSWORD: usize = 1;

const FORM_WIDTH: u16 = 64;
/// Borders, two fields and two lines for the message.
const FORM_HEIGHT: u16 = 6;

impl Default for SignInScreen {
    fn default() -> Self {
        SignInScreen::new(Lang::En)
    }
}

impl SignInScreen {
    pub fn new(lang: Lang) -> SignInScreen {
        SignInScreen {
            form: Form::new(vec![
                Field::plain(lang.tui_signin_email()),
                Field::masked(lang.tui_signin_password()),
            ]),
            error: None,
            demo_selected: 0,
        }
    }

    /// The fields' labels in `lang`; what was typed stays.
    pub fn relabel(&mut self, lang: Lang) {
        let labels = [lang.tui_signin_email(), lang.tui_signin_password()];
        for (field, label) in self.form.fields.iter_mut().zip(labels) {
            field.label = label;
        }
    }

    /// An action on the screen; `demo` is the sandbox's demo sign-ins.
    /// Enter moves from the email to the password, and there gives the
    /// sign-in job.
    pub fn update(&mut self, action: Action, demo: Option<&[DemoRow]>, lang: Lang) -> Option<Job> {
        let demo_len = demo.map_or(0, <[DemoRow]>::len);
        match action {
            Action::Activate if !self.form.on_last_field() => {
                self.form.apply(&Action::NextField);
            }
            Action::Activate => return self.submit(lang),
            Action::Back => *self = SignInScreen::new(lang),
            Action::Up => self.demo_selected = self.demo_selected.saturating_sub(1),
            Action::Down => {
                self.demo_selected = (self.demo_selected + 1).min(demo_len.saturating_sub(1));
            }
            Action::UseDemoSignIn => self.use_selected_demo(demo, lang),
            other => {
                self.form.apply(&other);
            }
        }
        None
    }

    /// A click: on a field focuses it, on a demo sign-in uses it.
    pub fn click(
        &mut self,
        area: Rect,
        demo: Option<&[DemoRow]>,
        lang: Lang,
        column: u16,
        row: u16,
    ) {
        let layout = SignInScreen::layout(area, demo.is_some());
        let at = Position::new(column, row);
        let rows = self.form.rows(layout.form);
        if let Some(i) = rows.iter().position(|r| r.contains(at)) {
            self.form.focus_row(i);
            return;
        }
        let count = demo.map_or(0, <[DemoRow]>::len);
        if let Some(i) = self.demo_row_at(area, count, column, row) {
            self.demo_selected = i;
            self.use_selected_demo(demo, lang);
        }
    }

    fn use_selected_demo(&mut self, demo: Option<&[DemoRow]>, lang: Lang) {
        if let Some(row) = demo.and_then(|d| d.get(self.demo_selected)) {
            self.use_demo(row, lang);
        }
    }

    /// The sign-in job; the password leaves the field. An empty field is
    /// not sent (it would only count as a failed attempt, R1): the focus
    /// goes to it with a word.
    fn submit(&mut self, lang: Lang) -> Option<Job> {
        let missing = [
            (EMAIL, lang.tui_signin_type_email()),
            (PASSWORD, lang.tui_signin_type_password()),
        ]
        .into_iter()
        .find(|(i, _)| self.form.value(*i).trim().is_empty());
        if let Some((field, note)) = missing {
            self.error = Some(note.into());
            self.form.focus_field(field);
            return None;
        }
        self.error = None;
        let email = self.form.value(EMAIL).to_string();
        let password = self
            .form
            .field_mut(PASSWORD)
            .map(|i| i.take())
            .unwrap_or_default();
        Some(sign_in(email, password))
    }

    /// R1: shows the refusal and asks for the password again: the email
    /// stays as typed, the password (a secret) must be typed again, so the
    /// focus goes there.
    pub fn refused(&mut self, message: String) {
        self.error = Some(message);
        if let Some(p) = self.form.field_mut(PASSWORD) {
            p.clear();
        }
        self.form.focus_field(PASSWORD);
    }

    /// Fills the form from a demo row that signs in here.
    pub fn use_demo(&mut self, row: &DemoRow, lang: Lang) -> bool {
        if !row.signs_in_here {
            self.error = Some(lang.tui_signin_not_work_account(row.login.as_str()));
            return false;
        }
        if let Some(e) = self.form.field_mut(0) {
            e.set(&row.login);
        }
        if let Some(p) = self.form.field_mut(1) {
            p.set(&row.password);
        }
        self.form.focus_field(1);
        self.error = None;
        true
    }

    pub fn layout(area: Rect, with_demo: bool) -> SignInLayout {
        let title = Rect { height: 1, ..area };
        let rest = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        let (form_block, demo) = if with_demo {
            let [form, demo] =
                Layout::vertical([Constraint::Length(FORM_HEIGHT), Constraint::Fill(1)])
                    .areas(rest);
            (form, Some(demo))
        } else {
            (centered(rest, FORM_WIDTH, FORM_HEIGHT), None)
        };
        let inner = Rect {
            x: form_block.x + 2,
            y: form_block.y + 1,
            width: form_block.width.saturating_sub(4),
            height: form_block.height.saturating_sub(2),
        };
        let form = Rect {
            height: 2.min(inner.height),
            ..inner
        };
        let message = Rect {
            y: inner.y + form.height,
            height: inner.height.saturating_sub(form.height),
            ..inner
        };
        SignInLayout {
            title,
            form_block,
            form,
            message,
            demo,
        }
    }

    /// The demo row under a click, if any.
    pub fn demo_row_at(&self, area: Rect, rows: usize, column: u16, row: u16) -> Option<usize> {
        let demo = SignInScreen::layout(area, true).demo?;
        let first = demo.y + 2;
        if !demo.contains(Position::new(column, row))
            || row < first
            || row + 1 >= demo.y + demo.height
        {
            return None;
        }
        let visible = usize::from(demo.height.saturating_sub(3));
        let index = scroll_offset(self.demo_selected, visible) + usize::from(row - first);
        (index < rows).then_some(index)
    }

    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        demo: Option<&[DemoRow]>,
        lang: Lang,
        theme: &Theme,
        busy: Option<&str>,
    ) {
        let layout = SignInScreen::layout(area, demo.is_some());
        let mut title = vec![
            Span::styled("certlink", theme.heading),
            Span::raw(format!(" · {}", lang.tui_signin_title())),
        ];
        if demo.is_some() {
            title.push(Span::raw("  "));
            title.push(Span::styled(status_bar::badge(lang), theme.badge));
        }
        frame.render_widget(Line::from(title), layout.title);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.border_focus)
            .title(Span::styled(
                format!(" {} ", lang.tui_signin_box()),
                theme.heading,
            ));
        frame.render_widget(block, layout.form_block);
        self.form.render(frame, layout.form, theme, busy.is_none());
        let message: Vec<Line> = match (busy, &self.error) {
            (Some(progress), _) => vec![Line::styled(progress.to_string(), theme.warn)],
            (None, Some(error)) => wrap(&format!("{}{error}", Mark::REFUSED), layout.message.width)
                .into_iter()
                .map(|l| Line::styled(l, theme.error))
                .collect(),
            (None, None) => Vec::new(),
        };
        frame.render_widget(Paragraph::new(message), layout.message);
        if let (Some(demo), Some(area)) = (demo, layout.demo) {
            self.render_demo(frame, area, demo, lang, theme);
        }
    }

    fn render_demo(
        &self,
        frame: &mut Frame,
        area: Rect,
        rows: &[DemoRow],
        lang: Lang,
        theme: &Theme,
    ) {
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.border)
            .title(Span::styled(
                format!(" {} ", lang.tui_signin_demo_title()),
                theme.text,
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let selected = self.demo_selected.min(rows.len().saturating_sub(1));
        // Profile emails are long and needed in full later: give the column
        // what it needs, up to about half of the width.
        let longest = rows.iter().map(|r| cols(&r.login)).max().unwrap_or(0);
        let login_width = u16::try_from(longest)
            .unwrap_or(u16::MAX)
            .min(inner.width / 2);
        // Only the visible rows are built: a scaled sandbox lists thousands.
        let visible = usize::from(inner.height.saturating_sub(1));
        let offset = scroll_offset(selected, visible);
        let table = Table::new(
            rows.iter().skip(offset).take(visible).map(|r| {
                let style = if r.signs_in_here {
                    theme.text
                } else {
                    theme.muted
                };
                Row::new(vec![r.login.clone(), r.password.clone(), r.who.words(lang)]).style(style)
            }),
            [
                Constraint::Length(login_width),
                Constraint::Length(15),
                Constraint::Fill(1),
            ],
        )
        .header(
            Row::new(vec![
                lang.tui_signin_demo_col_sign_in(),
                lang.tui_signin_demo_col_password(),
                lang.tui_signin_demo_col_who(),
            ])
            .style(theme.heading),
        )
        .row_highlight_style(theme.selected)
        .highlight_symbol(Mark::SELECTED)
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
        .column_spacing(1);
        let mut state = TableState::default().with_selected(Some(selected - offset));
        frame.render_stateful_widget(table, inner, &mut state);
    }
}
