//! A dialog on one [`DialogForm`], for the forms of the admins' and
//! support's work (invite, new sign-in details, tickets, merges): its title,
//! what it is for, and what Enter does with the form, all given by the tab
//! that opens it. Enter moves to the next item and submits on the last, Esc
//! cancels; the service checks everything and a refusal is shown here in its
//! words, with what was typed kept for fixing.

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::frame::{self, dialog_area, dialog_inner_width, draw_frame};
use super::reply::Reply;
use super::submit::{Submitted, Submitting};
use crate::action::Action;
use crate::components::dialog_form::{DialogForm, Item};
use crate::components::wrap;
use crate::keys::{self, Binding, KeyMap, ch, key};
use crate::theme::Theme;
use certlink_i18n::Lang;

/// A text field of the form has the keys.
pub static KEYS: KeyMap = KeyMap::typing(
    certlink_i18n::Lang::tui_key_title_dialog,
    &[
        keys::SUBMIT,
        keys::FIELDS,
        keys::CANCEL,
        keys::EDIT,
        keys::HELP_F1,
        keys::QUIT_ANYWHERE,
    ],
);

const CHOOSE: &[Binding] = &[
    Binding {
        chords: &[ch(' '), key(KeyCode::Right), ch('l')],
        action: Action::ChoiceNext,
        keys: "Space/←/→",
        does: certlink_i18n::Lang::tui_key_tick_choose,
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::Left), ch('h')],
        action: Action::ChoicePrev,
        keys: "Space/←/→",
        does: certlink_i18n::Lang::tui_key_tick_choose,
        hint: true,
    },
];

/// A tick box or a choice has the keys: Space and ←/→ choose.
pub static CHOICE_KEYS: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_dialog,
    &[
        keys::SUBMIT,
        CHOOSE,
        keys::FIELDS,
        keys::CANCEL,
        keys::HELP_F1,
        keys::QUIT_ANYWHERE,
    ],
);

/// What Enter does with the form: made by the tab that opens the dialog.
/// The fields stay until the answer: a refusal keeps them for fixing,
/// success closes the dialog.
pub type FormSubmit = Box<dyn Fn(&DialogForm, &Submitting) -> Submitted>;

pub struct FormDialog {
    pub title: String,
    pub intro: String,
    pub form: DialogForm,
    pub error: Option<String>,
    submit: FormSubmit,
}

impl std::fmt::Debug for FormDialog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormDialog")
            .field("title", &self.title)
            .field("error", &self.error)
            .finish()
    }
}

impl FormDialog {
    pub fn new(title: String, intro: String, items: Vec<Item>, submit: FormSubmit) -> FormDialog {
        FormDialog {
            title,
            intro,
            form: DialogForm::new(items),
            error: None,
            submit,
        }
    }

    pub fn keys(&self) -> &'static KeyMap {
        if self.form.choice_focused() {
            &CHOICE_KEYS
        } else {
            &KEYS
        }
    }

    /// Every key but Enter (see [`FormDialog::submit`]).
    pub fn update(&mut self, action: Action) -> Reply {
        match action {
            Action::Back => Reply::Close,
            Action::OpenHelp => Reply::Help,
            other => {
                self.form.apply(&other);
                Reply::Stay
            }
        }
    }

    /// Enter: what the form's owner makes of what was typed.
    pub fn submit(&mut self, submitting: &Submitting) -> Submitted {
        self.error = None;
        (self.submit)(&self.form, submitting)
    }

    /// A click on an item focuses it.
    pub fn click(&mut self, screen: Rect, busy: Option<&str>, column: u16, row: u16) {
        let (_, form_area) = self.layout(screen, busy);
        let rows = self.form.rows(form_area);
        if let Some(i) = rows
            .iter()
            .position(|r| r.contains(Position::new(column, row)))
        {
            self.form.focus_item(i);
        }
    }

    /// A refusal keeps everything typed; a text item left empty is the
    /// likely one to fix, so the focus goes there.
    pub fn refused(&mut self, message: String) {
        self.error = Some(message);
        self.form.focus_first_empty();
    }

    fn status_lines(&self, width: u16, busy: Option<&str>) -> Vec<String> {
        frame::status_lines(width, busy, self.error.as_deref())
    }

    /// (dialog, form area) on this screen: shared by drawing and mouse clicks.
    pub fn layout(&self, screen: Rect, busy: Option<&str>) -> (Rect, Rect) {
        let width = dialog_inner_width(screen);
        let intro = wrap(&self.intro, width).len() as u16;
        let form = self.form.height();
        let status = self.status_lines(width, busy).len() as u16;
        let area = dialog_area(screen, intro + 1 + form + 1 + status.max(1));
        let inner = Rect {
            x: area.x + 2,
            y: area.y + 1,
            width: area.width.saturating_sub(4),
            height: area.height.saturating_sub(2),
        };
        // On a short screen the intro gives way first: the fields must show.
        let intro_shown = intro.min(inner.height.saturating_sub(form + 1));
        let form_area = Rect {
            y: inner.y + intro_shown + u16::from(intro_shown > 0),
            height: form.min(inner.height),
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
        let (area, form_area) = self.layout(screen, busy);
        let inner = draw_frame(frame, area, &self.title, theme);
        let intro: Vec<Line> = wrap(&self.intro, inner.width)
            .into_iter()
            .map(|l| Line::styled(l, theme.muted))
            .collect();
        let intro_area = Rect {
            height: form_area.y.saturating_sub(inner.y + 1),
            ..inner
        };
        frame.render_widget(Paragraph::new(intro), intro_area);
        self.form
            .render(frame, form_area, theme, busy.is_none(), lang);
        frame::draw_status(
            frame,
            inner,
            form_area.bottom() + 1,
            self.status_lines(inner.width, busy),
            busy.is_some(),
            theme,
        );
    }
}
