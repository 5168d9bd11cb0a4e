//! A message over the screen: a refusal in the service's plain words (with the
//! rule behind it), or an error. Enter or Esc closes it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use ratatui::crossterm::event::KeyCode;

use super::frame::{dialog_area, dialog_inner_width, draw_frame};
use super::reply::Reply;
use crate::action::Action;
use crate::components::wrap;
use crate::keys::{self, Binding, KeyMap, ch, key};
use crate::theme::{Mark, Theme};
use certlink_i18n::Lang;

const ROWS: &[Binding] = &[Binding {
    chords: &[key(KeyCode::Enter), key(KeyCode::Esc), ch('q')],
    action: Action::Back,
    keys: "Enter/Esc",
    does: certlink_i18n::Lang::tui_key_close,
    hint: true,
}];

/// The keys of a message, and of the temporary password shown once.
pub static KEYS: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_message,
    &[ROWS, keys::QUIT_ANYWHERE],
);

/// Enter or Esc closes a message (and the once-only password, which closing
/// drops, R13).
pub fn close_on(action: &Action) -> Reply {
    if matches!(action, Action::Back | Action::Activate) {
        Reply::Close
    } else {
        Reply::Stay
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageDialog {
    pub title: String,
    pub text: String,
    /// A refusal or failure (✗ and the error style) rather than information.
    pub is_refusal: bool,
}

impl MessageDialog {
    /// A refusal titled in English ([`MessageDialog::refused_in`]).
    pub fn refused(rule: Option<&str>, text: String) -> MessageDialog {
        MessageDialog::refused_in(Lang::En, rule, text)
    }

    /// A refusal; the title names the rule when there is one ("Refused
    /// (R9)", "已拒绝（R9）"), in `lang`.
    pub fn refused_in(lang: Lang, rule: Option<&str>, text: String) -> MessageDialog {
        let title = match rule {
            Some(rule) if rule != "-" => lang.tui_dialog_refused_rule(rule),
            _ => lang.tui_dialog_refused().to_string(),
        };
        MessageDialog {
            title,
            text,
            is_refusal: true,
        }
    }

    fn lines(&self, width: u16, lang: Lang) -> Vec<String> {
        let mark = if self.is_refusal { Mark::REFUSED } else { "" };
        let mut lines = wrap(&format!("{mark}{}", self.text), width);
        lines.push(String::new());
        lines.extend(wrap(lang.tui_dialog_message_close(), width));
        lines
    }

    /// Where the message is drawn (in English).
    pub fn area(&self, screen: Rect) -> Rect {
        self.area_in(screen, Lang::En)
    }

    /// Where the message is drawn in `lang`.
    pub fn area_in(&self, screen: Rect, lang: Lang) -> Rect {
        dialog_area(
            screen,
            self.lines(dialog_inner_width(screen), lang).len() as u16,
        )
    }

    pub fn render(&self, frame: &mut Frame, screen: Rect, theme: &Theme, lang: Lang) {
        let area = self.area_in(screen, lang);
        let inner = draw_frame(frame, area, &self.title, theme);
        let lines = self.lines(inner.width, lang);
        let last = lines.len().saturating_sub(1);
        let body_style = if self.is_refusal {
            theme.error
        } else {
            theme.text
        };
        let lines: Vec<Line> = lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                if i == last {
                    Line::styled(l, theme.muted)
                } else {
                    Line::styled(l, body_style)
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
