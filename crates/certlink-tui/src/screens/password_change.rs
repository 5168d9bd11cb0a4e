//! R13: after signing in with a temporary password the person must set their
//! own before anything else. The service checks the current password (with R1
//! throttling) and the new one's length; the screen only checks that the new
//! password was typed the same twice.

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use crate::action::Action;
use crate::components::form::{Field, Form};
use crate::components::{centered, wrap};
use crate::jobs::{Failure, Job, Progress, failure_in};
use crate::keys::{self, Binding, KeyMap, key};
use crate::theme::{Mark, Theme};
use certlink_core::service::password::MIN_PASSWORD_LEN;
use certlink_core::service::{ServiceError, Session};
use certlink_i18n::Lang;

const BACK: &[Binding] = &[Binding {
    chords: &[key(KeyCode::Esc)],
    action: Action::Back,
    keys: "Esc",
    does: certlink_i18n::Lang::tui_key_back_to_sign_in,
    hint: true,
}];

pub static KEYS: KeyMap = KeyMap::typing(
    certlink_i18n::Lang::tui_key_title_new_password,
    &[
        keys::SUBMIT,
        keys::FIELDS,
        BACK,
        keys::EDIT,
        keys::HELP_F1,
        keys::QUIT_ANYWHERE,
    ],
);

/// R13: the answer of a password change.
pub enum PasswordChanged {
    /// The session without the demand.
    Set(Session),
    /// Refused, in words, with what must be typed again: the rest stays as
    /// typed.
    Refused { failure: Failure, retype: Retype },
}

/// What a refused password change asks to type again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retype {
    /// The temporary password was wrong (R1) or could not be checked.
    Temporary,
    /// The new password was not accepted (too short, the same as before).
    New,
}

impl Retype {
    fn after(error: &ServiceError) -> Retype {
        match error {
            ServiceError::Invalid(_) => Retype::New,
            ServiceError::Refused(_) | ServiceError::Store(_) => Retype::Temporary,
        }
    }
}

/// R13: the service checks the current password (R1 throttling) and the new
/// one's length. A refusal is worded in English ([`change_password_in`]).
pub fn change_password(session: Session, current: String, new: String) -> Job {
    change_password_in(session, current, new, Lang::En)
}

/// [`change_password`] for a reader of `lang`: a refusal is worded in it.
pub fn change_password_in(session: Session, current: String, new: String, lang: Lang) -> Job {
    Job::new(
        "ChangePassword",
        Progress::words(Lang::tui_signin_new_password_progress),
        move |service| {
            let answer = match service.change_password(&session, &current, &new) {
                Ok(session) => PasswordChanged::Set(session),
                Err(e) => PasswordChanged::Refused {
                    failure: failure_in(service, lang, &e),
                    retype: Retype::after(&e),
                },
            };
            Ok::<_, ServiceError>(answer)
        },
    )
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordChangeScreen {
    pub session: Session,
    pub form: Form,
    pub error: Option<String>,
}

const CURRENT: usize = 0;
const NEW: usize = 1;
const REPEAT: usize = 2;

/// Where the parts go; drawing and clicks share it.
pub struct PasswordChangeLayout {
    pub block: Rect,
    pub intro: Rect,
    pub form: Rect,
    pub message: Rect,
}

impl PasswordChangeScreen {
    pub fn new(session: Session, lang: Lang) -> PasswordChangeScreen {
        PasswordChangeScreen {
            session,
            form: Form::new(
                PasswordChangeScreen::labels(lang)
                    .map(Field::masked)
                    .to_vec(),
            ),
            error: None,
        }
    }

    fn labels(lang: Lang) -> [&'static str; 3] {
        [
            lang.tui_signin_temporary_password(),
            lang.tui_signin_new_password(),
            lang.tui_signin_new_password_again(),
        ]
    }

    /// The fields' labels in `lang`; what was typed stays.
    pub fn relabel(&mut self, lang: Lang) {
        let labels = PasswordChangeScreen::labels(lang);
        for (field, label) in self.form.fields.iter_mut().zip(labels) {
            field.label = label;
        }
    }

    /// Enter moves to the next field, and on the last gives the job, or a
    /// note when the new passwords differ; Esc is the app's (back to
    /// sign-in, or the end of an SSH session).
    pub fn update(&mut self, action: Action, lang: Lang) -> Option<Job> {
        match action {
            Action::Activate if !self.form.on_last_field() => {
                self.form.apply(&Action::NextField);
                None
            }
            Action::Activate => match self.job(lang) {
                Ok(job) => {
                    self.error = None;
                    Some(job)
                }
                Err(note) => {
                    self.error = Some(note);
                    None
                }
            },
            other => {
                self.form.apply(&other);
                None
            }
        }
    }

    /// A click on a field focuses it.
    pub fn click(&mut self, area: Rect, lang: Lang, column: u16, row: u16) {
        let layout = PasswordChangeScreen::layout(area, lang);
        if let Some(i) = self
            .form
            .rows(layout.form)
            .iter()
            .position(|r| r.contains(Position::new(column, row)))
        {
            self.form.focus_row(i);
        }
    }

    /// The job, or a note when the two new passwords differ (typing, not a
    /// rule). The fields stay until the answer: a refusal clears only what
    /// must be typed again ([`PasswordChangeScreen::refused`]).
    fn job(&mut self, lang: Lang) -> Result<Job, String> {
        if self.form.value(NEW) != self.form.value(REPEAT) {
            self.retype(Retype::New);
            return Err(lang.tui_signin_new_passwords_differ().into());
        }
        let current = self.form.value(CURRENT).to_string();
        let new = self.form.value(NEW).to_string();
        Ok(change_password_in(self.session.clone(), current, new, lang))
    }

    /// A refusal: said in the service's words; what it was about is typed
    /// again, the rest stays (a too-short new password keeps the temporary
    /// one).
    pub fn refused(&mut self, message: String, retype: Retype) {
        self.error = Some(message);
        self.retype(retype);
    }

    /// Empties the fields to type again and puts the focus on the first.
    fn retype(&mut self, retype: Retype) {
        let fields: &[usize] = match retype {
            Retype::Temporary => &[CURRENT],
            Retype::New => &[NEW, REPEAT],
        };
        for &i in fields {
            if let Some(input) = self.form.field_mut(i) {
                input.clear();
            }
        }
        if let Some(&first) = fields.first() {
            self.form.focus_field(first);
        }
    }

    pub fn layout(area: Rect, lang: Lang) -> PasswordChangeLayout {
        let width = area.width.min(72);
        let intro = lang.tui_signin_new_password_intro();
        let intro_lines = wrap(intro, width.saturating_sub(4)).len() as u16;
        // Borders, intro, blank, three fields, blank, two message lines.
        let height = 2 + intro_lines + 1 + 3 + 1 + 2;
        let block = centered(area, width, height);
        let inner = Rect {
            x: block.x + 2,
            y: block.y + 1,
            width: block.width.saturating_sub(4),
            height: block.height.saturating_sub(2),
        };
        let intro = Rect {
            height: intro_lines.min(inner.height),
            ..inner
        };
        let form_y = (inner.y + intro_lines + 1).min(inner.y + inner.height);
        let form = Rect {
            y: form_y,
            height: 3.min(inner.y + inner.height - form_y),
            ..inner
        };
        let message_y = (form.y + form.height + 1).min(inner.y + inner.height);
        let message = Rect {
            y: message_y,
            height: inner.y + inner.height - message_y,
            ..inner
        };
        PasswordChangeLayout {
            block,
            intro,
            form,
            message,
        }
    }

    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        lang: Lang,
        theme: &Theme,
        busy: Option<&str>,
    ) {
        let layout = PasswordChangeScreen::layout(area, lang);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.border_focus)
            .title(Span::styled(
                format!(
                    " {} ",
                    lang.tui_signin_new_password_title(self.session.email.as_str())
                ),
                theme.heading,
            ));
        frame.render_widget(block, layout.block);
        let intro: Vec<Line> = wrap(lang.tui_signin_new_password_intro(), layout.intro.width)
            .into_iter()
            .map(Line::raw)
            .collect();
        frame.render_widget(Paragraph::new(intro), layout.intro);
        self.form.render(frame, layout.form, theme, busy.is_none());
        let message: Vec<Line> = match (busy, &self.error) {
            (Some(progress), _) => vec![Line::styled(progress.to_string(), theme.warn)],
            (None, Some(error)) => wrap(&format!("{}{error}", Mark::REFUSED), layout.message.width)
                .into_iter()
                .map(|l| Line::styled(l, theme.error))
                .collect(),
            (None, None) => vec![Line::styled(
                lang.tui_signin_new_password_note(MIN_PASSWORD_LEN),
                theme.muted,
            )],
        };
        frame.render_widget(Paragraph::new(message), layout.message);
    }
}
