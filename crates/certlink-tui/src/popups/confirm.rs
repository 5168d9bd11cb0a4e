//! The confirmation asked before every unlink, removal, deletion, role change
//! or merge (R2, R7, R12, R15, R17): it says what will end and
//! what it costs, and defaults to the harmless answer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{dialog_area, dialog_inner_width, draw_frame};
use crate::components::wrap;
use crate::theme::Theme;
use certlink_domain::Role;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmPurpose {
    /// R7: end the person's own link.
    Unlink,
    /// R2: end the person's Partner University access.
    RemovePu,
    /// R12: delete an account of the organization.
    DeleteAccount { email: String },
    /// R12: end the link of a departed person.
    RemoveFromReport { mcid: String },
    /// R17: grant or revoke a role.
    SetRole {
        email: String,
        role: Role,
        grant: bool,
    },
    /// R15: merge `from` into `into`, as previewed.
    Merge { from: String, into: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmDialog {
    pub purpose: ConfirmPurpose,
    pub title: String,
    pub text: String,
    pub yes: &'static str,
    /// The focused button; "No" first, so Enter alone changes nothing.
    pub yes_focused: bool,
}

/// What a click on the dialog hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmButton {
    Yes,
    No,
}

const NO: &str = "No, keep it";

impl ConfirmDialog {
    pub fn new(purpose: ConfirmPurpose, title: String, text: String, yes: &'static str) -> Self {
        ConfirmDialog {
            purpose,
            title,
            text,
            yes,
            yes_focused: false,
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
        let yes_w = button(self.yes).width() as u16;
        let no_w = button(NO).width() as u16;
        let yes = Rect::new(inner_x, buttons_y, yes_w.min(row.width), 1);
        let no_x = (inner_x + yes_w + 2).min(row.x + row.width);
        let no = Rect::new(no_x, buttons_y, no_w.min(row.x + row.width - no_x), 1);
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
            Span::styled(button(self.yes), style(self.yes_focused)),
            Span::raw("  "),
            Span::styled(button(NO), style(!self.yes_focused)),
        ]);
        frame.render_widget(buttons, row);
    }
}

/// A button's text; the brackets show it is a button without colour.
fn button(label: &str) -> String {
    format!("[ {label} ]")
}
