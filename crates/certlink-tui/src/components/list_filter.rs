//! A list's `/` filter (issue 15, principle 6): the text being typed, the
//! text in force, and how a list's title says what it shows ("3 of 20,000").
//! The list's owner applies the text where its rows come from (the service,
//! for lists paged from the store); this only holds and shows it. The text
//! is bounded by the domain's [`limits::LIST_FILTER`].

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use unicode_width::UnicodeWidthStr;

use super::text_input::TextInput;
use crate::action::Action;
use crate::theme::Theme;
use certlink_domain::limits;
use certlink_i18n::Lang;

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// The line being typed while `editing`.
    input: TextInput,
    /// The keys go to the line.
    pub editing: bool,
    /// The text the list is narrowed by ("" for none).
    applied: String,
}

/// What a key did to the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterChange {
    /// Nothing the list needs to read again for.
    Same,
    /// The text in force changed: read the list again.
    Applied,
}

impl ListFilter {
    /// `/`: the line takes the keys, starting from the text in force.
    pub fn start(&mut self) {
        self.input.set(&self.applied);
        self.editing = true;
    }

    /// The text in force.
    pub fn applied(&self) -> &str {
        &self.applied
    }

    pub fn is_active(&self) -> bool {
        !self.applied.is_empty()
    }

    /// Keys while editing: Enter applies the line, Esc clears the filter,
    /// anything else edits it (at most [`limits::LIST_FILTER`] characters).
    pub fn update(&mut self, action: &Action) -> FilterChange {
        match action {
            Action::Activate => {
                self.editing = false;
                self.set_applied(self.input.value().trim().to_string())
            }
            Action::Back => {
                self.editing = false;
                self.clear()
            }
            other => {
                self.input.apply(other);
                if self.input.value().chars().count() > limits::LIST_FILTER {
                    // Typed or pasted past the bound: the first part is kept.
                    let kept: String = self
                        .input
                        .value()
                        .chars()
                        .take(limits::LIST_FILTER)
                        .collect();
                    self.input.set(&kept);
                }
                FilterChange::Same
            }
        }
    }

    /// Esc on the list: drops the text in force.
    pub fn clear(&mut self) -> FilterChange {
        self.input.clear();
        self.set_applied(String::new())
    }

    fn set_applied(&mut self, text: String) -> FilterChange {
        let text: String = text.chars().take(limits::LIST_FILTER).collect();
        if text == self.applied {
            return FilterChange::Same;
        }
        self.applied = text;
        FilterChange::Applied
    }

    /// The counts for a list's title in `lang`: "(20,000)", "(3 of 20,000) ·
    /// filter "hire"", "（3/20,000）· 筛选“hire”".
    pub fn title_counts(&self, lang: Lang, matching: usize, total: usize) -> String {
        if self.is_active() {
            lang.tui_dialog_filter_counts(grouped(matching), grouped(total), self.applied.as_str())
        } else {
            lang.tui_dialog_filter_count(grouped(total))
        }
    }

    /// The line while editing: "Filter: text▏" with the cursor, the label in
    /// `lang`; the field starts after the label's display width.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, lang: Lang) {
        let label = lang.tui_dialog_filter_label();
        let label_width = u16::try_from(label.width()).unwrap_or(u16::MAX);
        frame.render_widget(Span::styled(label, theme.heading), area);
        let field = Rect {
            x: area.x.saturating_add(label_width).min(area.right()),
            width: area.width.saturating_sub(label_width),
            ..area
        };
        self.input.render(frame, field, theme.input_focus, true);
    }
}

/// 20000 as "20,000".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_applies_esc_clears_and_the_text_is_bounded() {
        let mut f = ListFilter::default();
        f.start();
        for c in "hire".chars() {
            assert_eq!(f.update(&Action::Type(c)), FilterChange::Same);
        }
        assert_eq!(f.update(&Action::Activate), FilterChange::Applied);
        assert_eq!(f.applied(), "hire");
        assert_eq!(
            f.title_counts(Lang::En, 3, 20_000),
            "(3 of 20,000) · filter \"hire\""
        );
        f.start();
        assert_eq!(f.update(&Action::Activate), FilterChange::Same, "unchanged");
        f.start();
        assert_eq!(f.update(&Action::Back), FilterChange::Applied);
        assert_eq!(f.title_counts(Lang::En, 20_000, 20_000), "(20,000)");
        f.start();
        f.update(&Action::Paste("x".repeat(limits::LIST_FILTER * 3)));
        f.update(&Action::Activate);
        assert_eq!(f.applied().chars().count(), limits::LIST_FILTER);
    }

    /// Issue 16: a Chinese filter typed, pasted or committed by an IME is
    /// kept whole, the cursor stands after its wide characters, and the
    /// title says the counts in the reader's language.
    #[test]
    fn a_chinese_filter_and_its_cursor() {
        let mut f = ListFilter::default();
        f.start();
        f.update(&Action::Type('王'));
        f.update(&Action::Paste("小明".into()));
        let backend = ratatui::backend::TestBackend::new(30, 1);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal
            .draw(|frame| f.render(frame, frame.area(), &Theme::plain(), Lang::ZhCn))
            .unwrap();
        let label = Lang::ZhCn.tui_dialog_filter_label().width();
        assert_eq!(
            usize::from(terminal.get_cursor_position().unwrap().x),
            label + "王小明".width()
        );
        assert_eq!(f.update(&Action::Activate), FilterChange::Applied);
        assert_eq!(f.applied(), "王小明");
        assert_eq!(
            f.title_counts(Lang::ZhCn, 3, 20_000),
            "（3/20,000）· 筛选“王小明”"
        );
        assert_eq!(
            f.title_counts(Lang::En, 3, 20_000),
            "(3 of 20,000) · filter \"王小明\""
        );
        // The bound counts characters, as the service's check does.
        f.start();
        f.update(&Action::Paste("王".repeat(limits::LIST_FILTER + 9)));
        f.update(&Action::Activate);
        assert_eq!(f.applied().chars().count(), limits::LIST_FILTER);
        assert!(limits::check_chars("the filter", f.applied(), limits::LIST_FILTER).is_ok());
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000_000), "1,000,000");
    }
}
