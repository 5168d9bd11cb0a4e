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
        let form = Form::new(vec![Field::plain("Email"), Field::masked("Password")]);
        let form = match suggestion {
            Some(email) => form.with_shortcut(format!(
                "Use {email} to associate my Microsoft Learning account"
            )),
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
            form: Form::new(vec![Field::plain("Username"), Field::masked("Password")]),
            suggestion: None,
            error: None,
            submit,
        }
    }

    pub fn title(&self) -> &'static str {
        match self.purpose {
            CredentialsPurpose::Associate => "Associate your Microsoft Learning account",
            CredentialsPurpose::PartnerUniversity => "Get Partner University access",
        }
    }

    fn intro(&self) -> &'static str {
        match self.purpose {
            CredentialsPurpose::Associate => {
                "Sign in with your certification profile (Microsoft Learning account) to link its MCID with your organization. Only you can do this: the password is checked (R8)."
            }
            CredentialsPurpose::PartnerUniversity => {
                "Sign in with your Partner University account (not your work account) to associate it with your work account (R2)."
            }
        }
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
                Some(s) => match self.missing() {
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
    pub fn click(&mut self, screen: Rect, busy: Option<&str>, column: u16, row: u16) {
        let (_, form_area) = self.layout(screen, busy);
        if let Some(i) = self.form.row_at(form_area, column, row) {
            self.form.focus_row(i);
            if self.form.shortcut_focused() {
                self.use_suggestion();
            }
        }
    }

    /// An empty field is not sent (it would only count as a failed attempt,
    /// R1): the word for it, with the focus on it.
    fn missing(&mut self) -> Option<String> {
        let name = self.form.fields.first().map_or("", |f| f.label);
        let (field, note) = if self.form.value(0).trim().is_empty() {
            (0, format!("Type the {}.", name.to_lowercase()))
        } else if self.form.value(PASSWORD).is_empty() {
            (PASSWORD, "Type the password.".to_string())
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
            (Some(progress), _) => vec![Line::from(progress.to_string())],
            (None, Some(error)) => wrap(&format!("{}{error}", Mark::REFUSED), width)
                .into_iter()
                .map(Line::from)
                .collect(),
            (None, None) => Vec::new(),
        }
    }

    /// (dialog, form area) on this screen: shared by drawing and mouse clicks.
    pub fn layout(&self, screen: Rect, busy: Option<&str>) -> (Rect, Rect) {
        let width = dialog_inner_width(screen);
        let intro = wrap(self.intro(), width).len() as u16;
        let form = self.form.height(width);
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

    pub fn render(&self, frame: &mut Frame, screen: Rect, theme: &Theme, busy: Option<&str>) {
        let (area, form_area) = self.layout(screen, busy);
        let inner = draw_frame(frame, area, self.title(), theme);
        let intro: Vec<Line> = wrap(self.intro(), inner.width)
            .into_iter()
            .map(|l| Line::styled(l, theme.muted))
            .collect();
        let intro_height = intro.len() as u16;
        frame.render_widget(Paragraph::new(intro), inner);
        self.form.render(frame, form_area, theme, busy.is_none());
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
