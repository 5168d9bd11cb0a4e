//! The confirmation asked before every unlink, removal, deletion, role change
//! or merge (R2, R7, R12, R15, R17): it says what will end and
//! what it costs, and defaults to the harmless answer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use ratatui::crossterm::event::KeyCode;

use super::frame::{dialog_area, dialog_inner_width, draw_frame};
use super::reply::Reply;
use crate::action::Action;
use crate::components::{button, wrap};
use crate::jobs::Job;
use crate::keys::{self, Binding, KeyMap, alt, ch, key};
use crate::theme::Theme;

/// The confirmation carries the job it runs on "Yes", made by the tab that
/// asks: nothing else knows what is being confirmed.
pub struct ConfirmDialog {
    /// Taken when "Yes" runs it.
    job: Option<Job>,
    pub title: String,
    pub text: String,
    pub yes: &'static str,
    /// The focused button; "No" first, so Enter alone changes nothing.
    pub yes_focused: bool,
}

impl std::fmt::Debug for ConfirmDialog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConfirmDialog")
            .field("job", &self.job)
            .field("title", &self.title)
            .finish()
    }
}

const ROWS: &[Binding] = &[
    Binding {
        chords: &[ch('y')],
        action: Action::Confirm,
        keys: "y",
        does: "yes, do it",
        hint: true,
    },
    Binding {
        chords: &[ch('n'), key(KeyCode::Esc)],
        action: Action::Cancel,
        keys: "n/Esc",
        does: "no, keep it",
        hint: true,
    },
    Binding {
        chords: &[
            key(KeyCode::Tab),
            key(KeyCode::BackTab),
            alt(KeyCode::Tab),
            key(KeyCode::Left),
            key(KeyCode::Right),
            ch('h'),
            ch('l'),
        ],
        action: Action::NextField,
        keys: "Tab/←/→",
        does: "choose a button",
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: "press the chosen button",
        hint: true,
    },
];

pub static KEYS: KeyMap =
    KeyMap::acting("Confirmation", &[ROWS, keys::HELP_F1, keys::QUIT_ANYWHERE]);

/// What a click on the dialog hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmButton {
    Yes,
    No,
}

const NO: &str = "No, keep it";
/// Between the two buttons; drawing and clicks share it.
const BUTTON_GAP: &str = "  ";

impl ConfirmDialog {
    pub fn new(title: String, text: String, yes: &'static str, job: Job) -> Self {
        ConfirmDialog {
            job: Some(job),
            title,
            text,
            yes,
            yes_focused: false,
        }
    }

    /// The job "Yes" runs.
    pub fn job(&self) -> Option<&Job> {
        self.job.as_ref()
    }

    pub fn update(&mut self, action: Action) -> Reply {
        match action {
            Action::NextField | Action::PrevField => {
                self.yes_focused = !self.yes_focused;
                Reply::Stay
            }
            Action::Confirm => self.accept(),
            Action::Activate if self.yes_focused => self.accept(),
            Action::Cancel | Action::Back | Action::Activate => Reply::Close,
            Action::OpenHelp => Reply::Help,
            _ => Reply::Stay,
        }
    }

    /// "Yes": closes the dialog and starts the change.
    fn accept(&mut self) -> Reply {
        match self.job.take() {
            Some(job) => Reply::CloseAndRun(job),
            None => Reply::Close,
        }
    }

    pub fn click(&mut self, screen: Rect, column: u16, row: u16) -> Reply {
        match self.button_at(screen, column, row) {
            Some(ConfirmButton::Yes) => self.update(Action::Confirm),
            Some(ConfirmButton::No) => self.update(Action::Cancel),
            None => Reply::Stay,
        }
    }

    fn text_lines(&self, width: u16) -> Vec<String> {
        wrap(&self.text, width)
    }

    /// (dialog, buttons row, yes button, no button).
    pub fn layout(&self, screen: Rect) -> (Rect, Rect, Rect, Rect) {
        let width = dialog_inner_width(screen);
        let text = self.text_lines(width).len() as u16;
        let area = dialog_area(screen, text + 2);
        let inner_x = area.x + 2;
        let buttons_y = (area.y + area.height).saturating_sub(2);
        let row = Rect::new(inner_x, buttons_y, area.width.saturating_sub(4), 1);
        let yes_text = button::text(self.yes);
        let yes = button::cells(row, 0, &yes_text);
        let no_lead = u16::try_from(yes_text.width() + BUTTON_GAP.len()).unwrap_or(u16::MAX);
        let no = button::cells(row, no_lead, &button::text(NO));
        (area, row, yes, no)
    }

    pub fn button_at(&self, screen: Rect, column: u16, row: u16) -> Option<ConfirmButton> {
        let (_, _, yes, no) = self.layout(screen);
        let hit = |r: Rect| r.contains(ratatui::layout::Position::new(column, row));
        if hit(yes) {
            Some(ConfirmButton::Yes)
        } else if hit(no) {
            Some(ConfirmButton::No)
        } else {
            None
        }
    }

    pub fn render(&self, frame: &mut Frame, screen: Rect, theme: &Theme) {
        let (area, row, _, _) = self.layout(screen);
        let inner = draw_frame(frame, area, &self.title, theme);
        let lines: Vec<Line> = self
            .text_lines(inner.width)
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        let style = |focused: bool| {
            if focused { theme.selected } else { theme.text }
        };
        let buttons = Line::from(vec![
            Span::styled(button::text(self.yes), style(self.yes_focused)),
            Span::raw(BUTTON_GAP),
            Span::styled(button::text(NO), style(!self.yes_focused)),
        ]);
        frame.render_widget(buttons, row);
    }
}
