//! A dialog's form with more than text: text fields, tick boxes (the roles of
//! an invitation, R13/R17) and one-of choices (a ticket's category, R14). Tab
//! moves between items; a text item takes typing, a tick box flips on Space,
//! a choice moves on Space and ←/→. Which kind is focused decides the keys
//! (the form dialog's two key maps).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::text_input::TextInput;
use super::truncate;
use crate::action::Action;
use crate::theme::Theme;
use certlink_i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    Text(TextInput),
    /// A tick box with its words ("MPN Partner Admin").
    Check {
        text: &'static str,
        on: bool,
    },
    /// One of several options, shown one at a time with arrows.
    Choice {
        options: Vec<&'static str>,
        index: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Left of the item; empty for a tick box that continues a group.
    pub label: &'static str,
    pub kind: ItemKind,
}

impl Item {
    pub fn text(label: &'static str) -> Item {
        Item {
            label,
            kind: ItemKind::Text(TextInput::plain()),
        }
    }

    /// A text item already holding `value` (a correction starts from the old).
    pub fn text_with(label: &'static str, value: &str) -> Item {
        let mut input = TextInput::plain();
        input.set(value);
        Item {
            label,
            kind: ItemKind::Text(input),
        }
    }

    pub fn check(label: &'static str, text: &'static str) -> Item {
        Item {
            label,
            kind: ItemKind::Check { text, on: false },
        }
    }

    /// A one-of choice: a static list (`&[…]`) or one made for the reader's
    /// language (`vec![lang.x(), …]`).
    pub fn choice(label: &'static str, options: impl Into<Vec<&'static str>>) -> Item {
        Item {
            label,
            kind: ItemKind::Choice {
                options: options.into(),
                index: 0,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialogForm {
    pub items: Vec<Item>,
    focus: usize,
}

impl DialogForm {
    pub fn new(items: Vec<Item>) -> DialogForm {
        DialogForm { items, focus: 0 }
    }

    pub fn focus(&self) -> usize {
        self.focus
    }

    pub fn focus_item(&mut self, index: usize) {
        if index < self.items.len() {
            self.focus = index;
        }
    }

    /// A tick box or a choice has focus: Space and arrows choose, not type.
    pub fn choice_focused(&self) -> bool {
        matches!(
            self.items.get(self.focus).map(|i| &i.kind),
            Some(ItemKind::Check { .. } | ItemKind::Choice { .. })
        )
    }

    /// The text of a text item ("" for other kinds).
    pub fn text(&self, index: usize) -> &str {
        match self.items.get(index).map(|i| &i.kind) {
            Some(ItemKind::Text(input)) => input.value(),
            _ => "",
        }
    }

    pub fn checked(&self, index: usize) -> bool {
        matches!(
            self.items.get(index).map(|i| &i.kind),
            Some(ItemKind::Check { on: true, .. })
        )
    }

    /// The index of the chosen option of a choice item (0 for other kinds).
    pub fn chosen(&self, index: usize) -> usize {
        match self.items.get(index).map(|i| &i.kind) {
            Some(ItemKind::Choice { index, .. }) => *index,
            _ => 0,
        }
    }

    /// Something was typed into a text item.
    pub fn has_input(&self) -> bool {
        self.items
            .iter()
            .any(|i| matches!(&i.kind, ItemKind::Text(input) if !input.value().is_empty()))
    }

    /// The last item has focus: Enter submits there, elsewhere it moves on.
    pub fn on_last_item(&self) -> bool {
        self.focus + 1 >= self.items.len()
    }

    /// Focus on the first empty text item, if any: after a refusal it is
    /// most likely the one to fill in.
    pub fn focus_first_empty(&mut self) {
        if let Some(i) = self
            .items
            .iter()
            .position(|i| matches!(&i.kind, ItemKind::Text(input) if input.value().is_empty()))
        {
            self.focus = i;
        }
    }

    /// Handles the form's own actions; false when the action is not for it.
    pub fn apply(&mut self, action: &Action) -> bool {
        let n = self.items.len().max(1);
        let Some(item) = self.items.get_mut(self.focus) else {
            return false;
        };
        match (action, &mut item.kind) {
            (Action::NextField, _) => self.focus = (self.focus + 1) % n,
            (Action::PrevField, _) => self.focus = (self.focus + n - 1) % n,
            (Action::Type(c), ItemKind::Text(input)) => input.insert(*c),
            (Action::Paste(text), ItemKind::Text(input)) => input.paste(text),
            (Action::Edit(op), ItemKind::Text(input)) => input.edit(*op),
            (
                Action::Toggle | Action::ChoiceNext | Action::ChoicePrev,
                ItemKind::Check { on, .. },
            ) => *on = !*on,
            (Action::Toggle | Action::ChoiceNext, ItemKind::Choice { options, index }) => {
                *index = (*index + 1) % options.len().max(1);
            }
            (Action::ChoicePrev, ItemKind::Choice { options, index }) => {
                let n = options.len().max(1);
                *index = (*index + n - 1) % n;
            }
            _ => return false,
        }
        true
    }

    /// One line per item.
    pub fn height(&self) -> u16 {
        u16::try_from(self.items.len()).unwrap_or(u16::MAX)
    }

    /// The line of each item, top to bottom (for drawing and clicks).
    pub fn rows(&self, area: Rect) -> Vec<Rect> {
        (0..self.items.len())
            .map(|i| {
                let y = area.y.saturating_add(u16::try_from(i).unwrap_or(u16::MAX));
                Rect::new(area.x, y, area.width, u16::from(y < area.bottom()))
            })
            .collect()
    }

    fn label_width(&self) -> u16 {
        let widest = self
            .items
            .iter()
            .map(|i| i.label.width())
            .max()
            .unwrap_or(0);
        u16::try_from(widest + 2).unwrap_or(u16::MAX)
    }

    /// Draws the items; `active` is false while a job runs (no cursor then).
    /// A choice says where it is ("(2 of 5)") in `lang`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, active: bool, lang: Lang) {
        let label_width = self.label_width();
        for (index, (item, row)) in self.items.iter().zip(self.rows(area)).enumerate() {
            if row.height == 0 {
                continue;
            }
            let focused = index == self.focus;
            let label = Rect {
                width: label_width.min(row.width),
                ..row
            };
            let value = Rect {
                x: row.x + label.width,
                width: row.width - label.width,
                ..row
            };
            let label_style = if focused { theme.heading } else { theme.text };
            frame.render_widget(
                Span::styled(truncate(item.label, usize::from(label.width)), label_style),
                label,
            );
            let room = usize::from(value.width);
            match &item.kind {
                ItemKind::Text(input) => {
                    let style = if focused {
                        theme.input_focus
                    } else {
                        theme.input
                    };
                    input.render(frame, value, style, focused && active);
                }
                ItemKind::Check { text, on } => {
                    // The box says ticked or not in characters, not colour.
                    let mark = if *on { "[x] " } else { "[ ] " };
                    let style = if focused { theme.selected } else { theme.text };
                    frame.render_widget(
                        Line::from(Span::styled(
                            truncate(&format!("{mark}{text}"), room),
                            style,
                        )),
                        value,
                    );
                }
                ItemKind::Choice { options, index } => {
                    let option = options.get(*index).copied().unwrap_or_default();
                    let position = lang.tui_dialog_choice_position(index + 1, options.len());
                    let text = format!("◀ {option} ▶  {position}");
                    let style = if focused { theme.selected } else { theme.text };
                    frame.render_widget(
                        Line::from(Span::styled(truncate(&text, room), style)),
                        value,
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_take_their_own_keys() {
        const OPTIONS: &[&str] = &["a", "b", "c"];
        let mut form = DialogForm::new(vec![
            Item::text("Email"),
            Item::check("Roles", "Global Admin"),
            Item::choice("Category", OPTIONS),
        ]);
        assert!(!form.choice_focused());
        form.apply(&Action::Type('x'));
        assert_eq!(form.text(0), "x");
        form.apply(&Action::NextField);
        assert!(form.choice_focused());
        assert!(!form.apply(&Action::Type('y')), "no typing into a tick box");
        form.apply(&Action::Toggle);
        assert!(form.checked(1));
        form.apply(&Action::NextField);
        form.apply(&Action::ChoicePrev);
        assert_eq!(form.chosen(2), 2);
        form.apply(&Action::ChoiceNext);
        assert_eq!(form.chosen(2), 0);
        form.apply(&Action::NextField);
        assert_eq!(form.focus(), 0, "focus wraps around");
    }
}
