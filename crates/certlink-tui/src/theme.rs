//! Styles from the terminal's own 16-colour palette, so they follow the person's
//! terminal theme. With `NO_COLOR` set, colours are dropped and only bold,
//! reverse and underline remain. No meaning rides on colour alone: every state
//! also has words or a symbol (see [`Mark`]).

use ratatui::style::{Color, Modifier, Style};

/// Symbols that carry meaning next to colour.
pub struct Mark;

impl Mark {
    pub const SELECTED: &'static str = "▶ ";
    pub const UNSELECTED: &'static str = "  ";
    pub const OK: &'static str = "✓ ";
    pub const REFUSED: &'static str = "✗ ";
    /// Not yet: pending, or waiting for an earlier step.
    pub const PENDING: &'static str = "… ";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub heading: Style,
    pub border: Style,
    pub border_focus: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub selected: Style,
    pub key: Style,
    pub ok: Style,
    pub warn: Style,
    pub error: Style,
    pub input: Style,
    pub input_focus: Style,
    pub badge: Style,
    /// The association allowance box (R9): the reason many people open the app.
    pub allowance: Style,
}

impl Theme {
    pub fn colored() -> Theme {
        Theme {
            text: Style::new(),
            muted: Style::new().fg(Color::DarkGray),
            heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            tab: Style::new(),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            ok: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            warn: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            input: Style::new().add_modifier(Modifier::UNDERLINED),
            input_focus: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            badge: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            allowance: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
        }
    }

    /// The same styles without colour (NO_COLOR): modifiers keep the emphasis.
    pub fn plain() -> Theme {
        let c = Theme::colored();
        let strip = |s: Style| Style {
            fg: None,
            bg: None,
            underline_color: None,
            ..s
        };
        Theme {
            text: strip(c.text),
            muted: strip(c.muted),
            heading: strip(c.heading),
            border: strip(c.border),
            border_focus: strip(c.border_focus).add_modifier(Modifier::BOLD),
            tab: strip(c.tab),
            tab_active: strip(c.tab_active).add_modifier(Modifier::REVERSED),
            selected: strip(c.selected),
            key: strip(c.key),
            ok: strip(c.ok),
            warn: strip(c.warn),
            error: strip(c.error),
            input: strip(c.input),
            input_focus: strip(c.input_focus).add_modifier(Modifier::REVERSED),
            badge: strip(c.badge).add_modifier(Modifier::REVERSED),
            allowance: strip(c.allowance),
        }
    }

    /// `NO_COLOR` set to anything non-empty turns colour off (no-color.org).
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::plain(),
            _ => Theme::colored(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_theme_has_no_colour_but_keeps_emphasis() {
        let t = Theme::plain();
        for s in [
            t.text,
            t.muted,
            t.heading,
            t.tab_active,
            t.selected,
            t.ok,
            t.warn,
            t.error,
            t.input_focus,
            t.badge,
        ] {
            assert_eq!((s.fg, s.bg), (None, None));
        }
        assert!(t.tab_active.add_modifier.contains(Modifier::REVERSED));
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
        assert!(t.error.add_modifier.contains(Modifier::BOLD));
    }
}
