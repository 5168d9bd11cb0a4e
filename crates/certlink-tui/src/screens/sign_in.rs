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
use crate::components::{centered, scroll_offset, wrap};
use crate::jobs::Job;
use crate::keys::{self, Binding, KeyMap, key};
use crate::theme::{Mark, Theme};
use certlink_core::demo::DemoSignIns;
use certlink_core::service::{Session, SignInSource};

const SIGN_IN: &[Binding] = &[
    Binding {
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: "next / sign in",
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: "clear the form",
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
        does: "pick a demo",
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::PageUp)],
        action: Action::Up,
        keys: "PgUp/PgDn",
        does: "pick a demo",
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::F(2))],
        action: Action::UseDemoSignIn,
        keys: "F2",
        does: "use it",
        hint: true,
    },
];

/// The form has the keys. On a real database there is no demo list, so no
/// key or hint mentions it.
pub static KEYS: KeyMap = KeyMap::typing(
    "Sign-in",
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
    "Sign-in (sandbox)",
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
    Job::new("SignIn", "Signing in…", move |service| {
        service
            .sign_in(email.trim(), &password, &SignInSource::Local)
            .map(SignedIn)
    })
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
    pub who: String,
}

/// The listed demo sign-ins: people who can sign in first, then the profiles
/// and PU accounts they can associate.
pub fn demo_rows(demo: &DemoSignIns) -> Vec<DemoRow> {
    let mut rows = Vec::new();
    for a in demo.accounts.iter().filter(|a| a.status != "deleted") {
        let role = if a.roles.contains(&"global-admin") {
            "Global Admin"
        } else if a.roles.contains(&"partner-admin") {
            "Partner Admin"
        } else {
            "User"
        };
        let status = if a.status == "invited" {
            " · invited"
        } else {
            ""
        };
        rows.push(DemoRow {
            signs_in_here: true,
            login: a.email.clone(),
            password: a.password.clone(),
            who: format!("{} · {role}{status}", a.name),
        });
    }
    for s in &demo.support {
        rows.push(DemoRow {
            signs_in_here: true,
            login: s.email.clone(),
            password: s.password.clone(),
            who: "support engineer".into(),
        });
    }
    for p in &demo.profiles {
        let linked = match p.linked_mpn_id {
            Some(m) => format!(" · linked to {m}"),
            None => String::new(),
        };
        rows.push(DemoRow {
            signs_in_here: false,
            login: p.email.clone(),
            password: p.password.clone(),
            who: format!("profile MCID {}{linked}", p.mcid),
        });
    }
    for u in &demo.pu_accounts {
        rows.push(DemoRow {
            signs_in_here: false,
            login: u.username.clone(),
            password: u.password.clone(),
            who: format!("Partner University · {}", u.email),
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
        SignInScreen::new()
    }
}

impl SignInScreen {
    pub fn new() -> SignInScreen {
        SignInScreen {
            form: Form::new(vec![Field::plain("Email"), Field::masked("Password")]),
            error: None,
            demo_selected: 0,
        }
    }

    /// An action on the screen; `demo` is the sandbox's demo sign-ins.
    /// Enter moves from the email to the password, and there gives the
    /// sign-in job.
    pub fn update(&mut self, action: Action, demo: Option<&[DemoRow]>) -> Option<Job> {
        let demo_len = demo.map_or(0, <[DemoRow]>::len);
        match action {
            Action::Activate if !self.form.on_last_field() => {
                self.form.apply(&Action::NextField);
            }
            Action::Activate => return self.submit(),
            Action::Back => *self = SignInScreen::new(),
            Action::Up => self.demo_selected = self.demo_selected.saturating_sub(1),
            Action::Down => {
                self.demo_selected = (self.demo_selected + 1).min(demo_len.saturating_sub(1));
            }
            Action::UseDemoSignIn => self.use_selected_demo(demo),
            other => {
                self.form.apply(&other);
            }
        }
        None
    }

    /// A click: on a field focuses it, on a demo sign-in uses it.
    pub fn click(&mut self, area: Rect, demo: Option<&[DemoRow]>, column: u16, row: u16) {
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
            self.use_selected_demo(demo);
        }
    }

    fn use_selected_demo(&mut self, demo: Option<&[DemoRow]>) {
        if let Some(row) = demo.and_then(|d| d.get(self.demo_selected)) {
            self.use_demo(row);
        }
    }

    /// The sign-in job; the password leaves the field. An empty field is
    /// not sent (it would only count as a failed attempt, R1): the focus
    /// goes to it with a word.
    fn submit(&mut self) -> Option<Job> {
        let missing = [
            (EMAIL, "Type the email of your work account."),
            (PASSWORD, "Type your password."),
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
    pub fn use_demo(&mut self, row: &DemoRow) -> bool {
        if !row.signs_in_here {
            self.error = Some(format!(
                "{} is not a work account: sign in first, then use it in a dialog on the Profile tab.",
                row.login
            ));
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
        theme: &Theme,
        busy: Option<&str>,
    ) {
        let layout = SignInScreen::layout(area, demo.is_some());
        let mut title = vec![
            Span::styled("certlink", theme.heading),
            Span::raw(" · sign in with your work account"),
        ];
        if demo.is_some() {
            title.push(Span::raw("  "));
            title.push(Span::styled(" SANDBOX ", theme.badge));
        }
        frame.render_widget(Line::from(title), layout.title);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.border_focus)
            .title(Span::styled(" Sign in (R1) ", theme.heading));
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
            self.render_demo(frame, area, demo, theme);
        }
    }

    fn render_demo(&self, frame: &mut Frame, area: Rect, rows: &[DemoRow], theme: &Theme) {
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.border)
            .title(Span::styled(
                " Demo sign-ins (sandbox only) · PgUp/PgDn to pick, F2 to use ",
                theme.text,
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let selected = self.demo_selected.min(rows.len().saturating_sub(1));
        // Profile emails are long and needed in full later: give the column
        // what it needs, up to about half of the width.
        let longest = rows
            .iter()
            .map(|r| unicode_width::UnicodeWidthStr::width(r.login.as_str()))
            .max()
            .unwrap_or(0);
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
                Row::new(vec![r.login.clone(), r.password.clone(), r.who.clone()]).style(style)
            }),
            [
                Constraint::Length(login_width),
                Constraint::Length(15),
                Constraint::Fill(1),
            ],
        )
        .header(Row::new(vec!["Sign-in", "Password", "Who"]).style(theme.heading))
        .row_highlight_style(theme.selected)
        .highlight_symbol(Mark::SELECTED)
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
        .column_spacing(1);
        let mut state = TableState::default().with_selected(Some(selected - offset));
        frame.render_stateful_widget(table, inner, &mut state);
    }
}
