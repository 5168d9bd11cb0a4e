//! The client's key bytes → the crossterm events the local app handles.
//!
//! crossterm reads only its own tty, so a channel's bytes go through termwiz's
//! `InputParser`: it knows the xterm and CSI-u sequences, buffers a sequence
//! split across packets, and collects bracketed paste. Its events are then
//! translated to crossterm's so both front ends share one key table.
//!
//! A lone Esc cannot be told from the start of a sequence until no more bytes
//! follow: [`KeyDecoder::feed`] keeps an ambiguous prefix, and the session
//! calls [`KeyDecoder::flush`] after [`ESC_TIMEOUT`] of silence.

use std::time::Duration;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use termwiz::input::{self as tw, InputEvent, InputParser, Modifiers, MouseButtons};

/// How long after the last byte a pending Esc counts as the Esc key. Escape
/// sequences arrive in one write of the client's terminal, so a short wait
/// tells them apart even over a slow link; longer would make Esc feel slow.
pub const ESC_TIMEOUT: Duration = Duration::from_millis(50);

pub struct KeyDecoder {
    parser: InputParser,
    /// Buttons held at the last mouse report: a click is a new press, not a
    /// drag report with the button still down.
    buttons: MouseButtons,
}

impl Default for KeyDecoder {
    fn default() -> Self {
        KeyDecoder {
            parser: InputParser::new(),
            buttons: MouseButtons::NONE,
        }
    }
}

impl KeyDecoder {
    /// Bytes from the client; an ambiguous tail (a lone Esc) waits for more.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let parsed = self.parser.parse_as_vec(bytes, true);
        self.translate(parsed)
    }

    /// No more bytes came: whatever is pending is what it looks like.
    pub fn flush(&mut self) -> Vec<Event> {
        let parsed = self.parser.parse_as_vec(&[], false);
        self.translate(parsed)
    }

    fn translate(&mut self, parsed: Vec<InputEvent>) -> Vec<Event> {
        parsed
            .into_iter()
            .filter_map(|event| match event {
                InputEvent::Key(key) => key_event(key).map(Event::Key),
                InputEvent::Paste(text) => Some(Event::Paste(text)),
                InputEvent::Mouse(mouse) => self.mouse_event(mouse).map(Event::Mouse),
                // Size comes from window-change requests, not from the input.
                InputEvent::PixelMouse(_) | InputEvent::Resized { .. } | InputEvent::Wake => None,
            })
            .collect()
    }

    fn mouse_event(&mut self, mouse: tw::MouseEvent) -> Option<MouseEvent> {
        let buttons = mouse.mouse_buttons;
        let pressed_before = self.buttons.contains(MouseButtons::LEFT);
        self.buttons = buttons.clone();
        let kind = if buttons.contains(MouseButtons::VERT_WHEEL) {
            if buttons.contains(MouseButtons::WHEEL_POSITIVE) {
                MouseEventKind::ScrollUp
            } else {
                MouseEventKind::ScrollDown
            }
        } else if buttons.contains(MouseButtons::LEFT) && !pressed_before {
            MouseEventKind::Down(MouseButton::Left)
        } else {
            // Releases, drags and other buttons mean nothing to the app.
            return None;
        };
        Some(MouseEvent {
            kind,
            // termwiz reports 1-based cells, crossterm 0-based.
            column: mouse.x.saturating_sub(1),
            row: mouse.y.saturating_sub(1),
            modifiers: modifiers(mouse.modifiers),
        })
    }
}

fn modifiers(m: Modifiers) -> KeyModifiers {
    let mut out = KeyModifiers::NONE;
    if m.contains(Modifiers::SHIFT) {
        out |= KeyModifiers::SHIFT;
    }
    if m.contains(Modifiers::ALT) {
        out |= KeyModifiers::ALT;
    }
    if m.contains(Modifiers::CTRL) {
        out |= KeyModifiers::CONTROL;
    }
    if m.contains(Modifiers::SUPER) {
        out |= KeyModifiers::SUPER;
    }
    out
}

fn key_event(key: tw::KeyEvent) -> Option<KeyEvent> {
    use tw::KeyCode as T;
    let mut mods = modifiers(key.modifiers);
    let code = match key.key {
        // crossterm reports Shift-Tab as BackTab (with Shift), as terminals send it.
        T::Tab if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        T::Char(c) => KeyCode::Char(c),
        T::Backspace => KeyCode::Backspace,
        T::Tab => KeyCode::Tab,
        T::Enter => KeyCode::Enter,
        T::Escape => KeyCode::Esc,
        T::PageUp | T::KeyPadPageUp => KeyCode::PageUp,
        T::PageDown | T::KeyPadPageDown => KeyCode::PageDown,
        T::End | T::KeyPadEnd => KeyCode::End,
        T::Home | T::KeyPadHome => KeyCode::Home,
        T::LeftArrow | T::ApplicationLeftArrow => KeyCode::Left,
        T::RightArrow | T::ApplicationRightArrow => KeyCode::Right,
        T::UpArrow | T::ApplicationUpArrow => KeyCode::Up,
        T::DownArrow | T::ApplicationDownArrow => KeyCode::Down,
        T::Insert => KeyCode::Insert,
        T::Delete => KeyCode::Delete,
        T::Function(n) => KeyCode::F(n),
        _ => return None,
    };
    // Ctrl-letters arrive as control bytes; termwiz names them by letter, as
    // crossterm does. A shifted letter is its capital, Shift or not.
    if let KeyCode::Char(c) = code
        && c.is_uppercase()
    {
        mods |= KeyModifiers::SHIFT;
    }
    Some(KeyEvent {
        code,
        modifiers: mods,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(events: Vec<Event>) -> Vec<(KeyCode, KeyModifiers)> {
        events
            .into_iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn arrows_function_keys_backtab_ctrl_and_alt() {
        let mut d = KeyDecoder::default();
        let got = keys(d.feed(b"\x1b[A\x1bOP\x1b[15~\x1b[Z\x03\x1bxq\r\t\x7f"));
        assert_eq!(
            got,
            vec![
                (KeyCode::Up, KeyModifiers::NONE),
                (KeyCode::F(1), KeyModifiers::NONE),
                (KeyCode::F(5), KeyModifiers::NONE),
                (KeyCode::BackTab, KeyModifiers::SHIFT),
                (KeyCode::Char('c'), KeyModifiers::CONTROL),
                (KeyCode::Char('x'), KeyModifiers::ALT),
                (KeyCode::Char('q'), KeyModifiers::NONE),
                (KeyCode::Enter, KeyModifiers::NONE),
                (KeyCode::Tab, KeyModifiers::NONE),
                (KeyCode::Backspace, KeyModifiers::NONE),
            ]
        );
    }

    #[test]
    fn a_sequence_split_across_packets_is_one_key() {
        let mut d = KeyDecoder::default();
        assert!(d.feed(b"\x1b[").is_empty());
        assert_eq!(
            keys(d.feed(b"B")),
            vec![(KeyCode::Down, KeyModifiers::NONE)]
        );
    }

    #[test]
    fn a_lone_esc_waits_for_the_flush() {
        let mut d = KeyDecoder::default();
        assert!(d.feed(b"\x1b").is_empty());
        assert_eq!(keys(d.flush()), vec![(KeyCode::Esc, KeyModifiers::NONE)]);
        assert!(d.flush().is_empty());
    }

    #[test]
    fn bracketed_paste_is_one_event() {
        let mut d = KeyDecoder::default();
        let got = d.feed(b"\x1b[200~ada@contoso.com\x1b[201~");
        assert_eq!(got, vec![Event::Paste("ada@contoso.com".into())]);
    }

    #[test]
    fn sgr_mouse_press_is_a_click_and_the_wheel_scrolls() {
        let mut d = KeyDecoder::default();
        let got = d.feed(b"\x1b[<0;4;2M\x1b[<0;4;2m\x1b[<64;1;1M");
        let kinds: Vec<_> = got
            .into_iter()
            .filter_map(|e| match e {
                Event::Mouse(m) => Some((m.kind, m.column, m.row)),
                _ => None,
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                (MouseEventKind::Down(MouseButton::Left), 3, 1),
                (MouseEventKind::ScrollUp, 0, 0),
            ]
        );
    }
}
