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
//!
//! Bracketed paste is collected here, not by termwiz: termwiz waits for the
//! end marker forever (a client that sends a paste start without its end
//! would have every later key swallowed into the paste), and it panics on a
//! paste that is not UTF-8 (it advances by the length of the repaired text).
//! Bytes that are not UTF-8 become U+FFFD before termwiz sees them: termwiz
//! keeps an invalid byte at the head of its buffer for ever, and every later
//! key with it (a Latin-1 terminal's "é" froze the session). And an escape
//! sequence cut at a packet's end waits here for its final byte: termwiz reads
//! a mouse report cut after `ESC [` as Alt-[ and typed keys. All four were
//! found by fuzzing (docs/reliability/fuzzing.md).
//!
//! Chinese text (issue 16) is three bytes a character: a character cut at a
//! packet's end waits for the rest, in keys and in a paste alike; an IME's
//! commit of several characters at once is several keys; a paste cut off at
//! its size cap or by the Esc timeout never ends in half a character.

use std::time::Duration;

use certlink_domain::limits;
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
    /// Bytes not yet given to the parser: the end of a packet that may be the
    /// start of a paste marker, or, while pasting, what may be its end marker.
    held: Vec<u8>,
    /// The text of a paste whose end marker has not come yet.
    paste: Option<Vec<u8>>,
    /// The first bytes of a character a paste ended by the Esc timeout was
    /// cut in (its rest still on its way, the paste slower than the
    /// timeout): the rest, if it comes next, makes it a key; anything else
    /// drops it. Not pending input: a flush never gives it.
    cut: Vec<u8>,
}

/// The bracketed-paste markers (xterm).
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

impl Default for KeyDecoder {
    fn default() -> Self {
        KeyDecoder {
            parser: InputParser::new(),
            buttons: MouseButtons::NONE,
            held: Vec::new(),
            paste: None,
            cut: Vec::new(),
        }
    }
}

/// `bytes` with every invalid UTF-8 sequence replaced by U+FFFD, and how many
/// were used: an incomplete character at the end waits for the next packet,
/// unless `last` (no more bytes are coming).
fn repair_utf8(bytes: &[u8], last: bool) -> (Vec<u8>, usize) {
    let mut out = Vec::with_capacity(bytes.len());
    let mut used = 0;
    while used < bytes.len() {
        match std::str::from_utf8(&bytes[used..]) {
            Ok(_) => {
                out.extend_from_slice(&bytes[used..]);
                used = bytes.len();
            }
            Err(e) => {
                out.extend_from_slice(&bytes[used..used + e.valid_up_to()]);
                used += e.valid_up_to();
                match e.error_len() {
                    Some(bad) => used += bad,
                    None if last => used = bytes.len(),
                    None => break,
                }
                out.extend_from_slice(
                    char::REPLACEMENT_CHARACTER
                        .encode_utf8(&mut [0; 4])
                        .as_bytes(),
                );
            }
        }
    }
    (out, used)
}

/// Whether `seq` (starting with Esc) is a control sequence still waiting for
/// its final byte: a lone Esc, `ESC O`, or `ESC [` then parameter and
/// intermediate bytes only (ECMA-48).
fn is_open(seq: &[u8]) -> bool {
    match seq {
        [_] | [_, b'O'] => true,
        [_, b'[', rest @ ..] => rest.iter().all(|b| (0x20..=0x3f).contains(b)),
        _ => false,
    }
}

/// How many bytes at the end of `bytes` are an open control sequence, with
/// the open ones an Esc cut short right before it: termwiz reads those as one
/// run when they come in one call (an Esc restarts a sequence) but as keys
/// (Alt-Esc, Alt-[) when they came in an earlier one. Sequences are short; a
/// longer tail is noise and goes on.
fn open_sequence_at_end(bytes: &[u8]) -> usize {
    const LONGEST: usize = 64;
    let Some(mut start) = bytes.iter().rposition(|&b| b == 0x1b) else {
        return 0;
    };
    if !is_open(&bytes[start..]) {
        return 0;
    }
    while let Some(before) = bytes[..start].iter().rposition(|&b| b == 0x1b) {
        if !is_open(&bytes[before..start]) {
            break;
        }
        start = before;
    }
    let tail = bytes.len() - start;
    if tail <= LONGEST { tail } else { 0 }
}

/// The first complete SGR mouse report (`ESC [ < b ; x ; y M|m`, xterm 1006)
/// in `bytes`: where it starts, its length and the event. Read here, not by
/// termwiz: termwiz runs its sequence parser over the whole buffer when it
/// starts with Esc, which swallows keys before a report in the same packet
/// (an Alt-Backspace then a click lost the Alt-Backspace; found by fuzzing).
fn find_sgr_mouse(bytes: &[u8]) -> Option<(usize, usize, tw::MouseEvent)> {
    const INTRO: &[u8] = b"\x1b[<";
    let mut from = 0;
    while let Some(at) = find(&bytes[from..], INTRO).map(|i| i + from) {
        let body = &bytes[at + INTRO.len()..];
        let end = body
            .iter()
            .position(|b| !(b.is_ascii_digit() || *b == b';'));
        if let Some(end) = end
            && matches!(body[end], b'M' | b'm')
        {
            let numbers: Vec<u16> = body[..end]
                .split(|b| *b == b';')
                .map(|n| {
                    std::str::from_utf8(n)
                        .ok()
                        .and_then(|n| n.parse::<u32>().ok())
                        .map_or(u16::MAX, |n| n.min(u32::from(u16::MAX)) as u16)
                })
                .collect();
            if let [code, x, y] = numbers[..] {
                let event = sgr_mouse_event(code, x, y, body[end] == b'M');
                return Some((at, INTRO.len() + end + 1, event));
            }
        }
        from = at + 1;
    }
    None
}

/// An SGR report's button code (xterm: low bits the button, 4 Shift, 8 Alt,
/// 16 Ctrl, 32 motion, 64 wheel) as termwiz's event.
fn sgr_mouse_event(code: u16, x: u16, y: u16, press: bool) -> tw::MouseEvent {
    let mut buttons = MouseButtons::NONE;
    if code & 64 != 0 {
        buttons |= MouseButtons::VERT_WHEEL;
        if code & 1 == 0 {
            buttons |= MouseButtons::WHEEL_POSITIVE;
        }
    } else if press {
        match code & 3 {
            0 => buttons |= MouseButtons::LEFT,
            1 => buttons |= MouseButtons::MIDDLE,
            2 => buttons |= MouseButtons::RIGHT,
            _ => {}
        }
    }
    let mut modifiers = Modifiers::NONE;
    if code & 4 != 0 {
        modifiers |= Modifiers::SHIFT;
    }
    if code & 8 != 0 {
        modifiers |= Modifiers::ALT;
    }
    if code & 16 != 0 {
        modifiers |= Modifiers::CTRL;
    }
    tw::MouseEvent {
        x,
        y,
        mouse_buttons: buttons,
        modifiers,
    }
}

/// Where `marker` starts in `bytes`, if it does.
fn find(bytes: &[u8], marker: &[u8]) -> Option<usize> {
    bytes.windows(marker.len()).position(|w| w == marker)
}

/// How many bytes at the end of `bytes` could be the start of `marker`.
fn marker_prefix_at_end(bytes: &[u8], marker: &[u8]) -> usize {
    (1..marker.len())
        .rev()
        .find(|&n| bytes.ends_with(&marker[..n]))
        .unwrap_or(0)
}

/// Adds to a paste what fits under `limits::PASTE_BYTES`; the rest is dropped.
/// A client that opens a paste and never ends it, sending without pause (so the
/// Esc timeout never ends it either), must not grow the server's memory.
fn extend_capped(text: &mut Vec<u8>, bytes: &[u8]) {
    let room = limits::PASTE_BYTES.saturating_sub(text.len());
    text.extend_from_slice(&bytes[..bytes.len().min(room)]);
}

/// How many bytes at the end of `bytes` are a UTF-8 character not yet
/// complete (its first bytes; at most three).
fn incomplete_char_at_end(bytes: &[u8]) -> usize {
    // The last lead byte within a character's length of the end.
    let from = bytes.len().saturating_sub(3);
    let Some(lead) = bytes[from..]
        .iter()
        .rposition(|b| b & 0xc0 != 0x80)
        .map(|i| from + i)
    else {
        return 0;
    };
    let needs = match bytes[lead] {
        0xf0..=0xf7 => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    };
    let has = bytes.len() - lead;
    if has < needs { has } else { 0 }
}

/// A paste's text: its bytes as UTF-8 (what is not becomes U+FFFD), less a
/// character cut off at its end by the size cap.
fn paste_text(mut bytes: Vec<u8>) -> String {
    bytes.truncate(bytes.len() - incomplete_char_at_end(&bytes));
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

impl KeyDecoder {
    /// Bytes from the client; an ambiguous tail (a lone Esc) waits for more.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let cut = std::mem::take(&mut self.cut);
        if bytes.first().is_some_and(|b| b & 0xc0 == 0x80) {
            self.held.extend_from_slice(&cut);
        }
        self.held.extend_from_slice(bytes);
        let mut parsed = Vec::new();
        loop {
            let held = std::mem::take(&mut self.held);
            match &mut self.paste {
                Some(text) => match find(&held, PASTE_END) {
                    Some(end) => {
                        extend_capped(text, &held[..end]);
                        parsed.push(InputEvent::Paste(paste_text(std::mem::take(text))));
                        self.paste = None;
                        self.held = held[end + PASTE_END.len()..].to_vec();
                    }
                    None => {
                        let keep = held.len() - marker_prefix_at_end(&held, PASTE_END);
                        extend_capped(text, &held[..keep]);
                        self.held = held[keep..].to_vec();
                        break;
                    }
                },
                None => {
                    let paste = find(&held, PASTE_START).map(|at| (at, PASTE_START.len(), None));
                    let mouse = find_sgr_mouse(&held).map(|(at, len, m)| (at, len, Some(m)));
                    let next = match (paste, mouse) {
                        (Some(p), Some(m)) => Some(if m.0 < p.0 { m } else { p }),
                        (p, m) => p.or(m),
                    };
                    // The end marker of a paste the Esc timeout already
                    // ended (its pieces came slower than the timeout) is
                    // nothing: not keys.
                    let stray_end = find(&held, PASTE_END)
                        .filter(|&at| next.as_ref().is_none_or(|(first, _, _)| at < *first));
                    if let Some(at) = stray_end {
                        let (text, _) = repair_utf8(&held[..at], true);
                        parsed.extend(self.parse(&text, false));
                        self.held = held[at + PASTE_END.len()..].to_vec();
                        continue;
                    }
                    match next {
                        Some((at, len, mouse)) => {
                            // A paste marker or mouse report ends whatever came before it.
                            let (text, _) = repair_utf8(&held[..at], true);
                            parsed.extend(self.parse(&text, false));
                            match mouse {
                                Some(m) => parsed.push(InputEvent::Mouse(m)),
                                None => self.paste = Some(Vec::new()),
                            }
                            self.held = held[at + len..].to_vec();
                        }
                        None => {
                            // An unfinished character waits, and so does an
                            // open sequence before it (both found by fuzzing:
                            // one checked before the other let `ESC [` through
                            // when a cut-off character followed it).
                            let (text, used) = repair_utf8(&held, false);
                            let open = marker_prefix_at_end(&text, PASTE_START)
                                .max(open_sequence_at_end(&text));
                            // The open tail is ASCII: the same bytes in both.
                            parsed.extend(self.parse(&text[..text.len() - open], true));
                            self.held = held[used - open..].to_vec();
                            break;
                        }
                    }
                }
            }
        }
        self.translate(parsed)
    }

    /// No more bytes came: whatever is pending is what it looks like. A paste
    /// whose end marker never came ends here, so no later key is swallowed.
    pub fn flush(&mut self) -> Vec<Event> {
        let held = std::mem::take(&mut self.held);
        let parsed = match self.paste.take() {
            Some(mut text) => {
                let whole = text.len() + held.len() <= limits::PASTE_BYTES;
                extend_capped(&mut text, &held);
                // A character cut by the timeout (its rest still on its way)
                // waits for the rest, which comes as a key.
                let cut = if whole {
                    incomplete_char_at_end(&text)
                } else {
                    0
                };
                self.cut = text.split_off(text.len() - cut);
                vec![InputEvent::Paste(paste_text(text))]
            }
            None => self.parse(&repair_utf8(&held, true).0, false),
        };
        self.translate(parsed)
    }

    /// UTF-8 `text` through termwiz, in pieces, so a packet's bytes mean the same
    /// whether they come in one call or several. termwiz's sequence parser,
    /// looking for a mouse report, skips bytes no sequence holds and restarts
    /// at an Esc, so with a report later in the same call it swallowed what
    /// came before; cut into pieces, the same bytes were keys. So a piece ends
    /// after an Esc followed by Delete or a non-ASCII character (Alt and that
    /// key), and before a byte that breaks an `ESC [` sequence (what came so
    /// far is read as keys at once). Both found by fuzzing.
    fn parse(&mut self, text: &[u8], maybe_more: bool) -> Vec<InputEvent> {
        let mut events = Vec::new();
        let mut from = 0;
        let mut i = 0;
        while i + 1 < text.len() {
            if text[i] != 0x1b {
                i += 1;
                continue;
            }
            let next = text[i + 1];
            if next == 0x7f || next >= 0x80 {
                // The key after the Esc: Delete, or a UTF-8 character.
                let len = match next {
                    0xf0.. => 4,
                    0xe0.. => 3,
                    0xc0.. => 2,
                    _ => 1,
                };
                let end = (i + 1 + len).min(text.len());
                events.extend(self.parser.parse_as_vec(&text[from..end], true));
                from = end;
                i = end;
            } else if next == b'[' {
                let body = text[i + 2..]
                    .iter()
                    .position(|b| !(0x20..=0x3f).contains(b))
                    .map(|n| i + 2 + n);
                match body {
                    // A whole sequence: termwiz reads it.
                    Some(end) if (0x40..=0x7e).contains(&text[end]) => i = end + 1,
                    Some(end) => {
                        events.extend(self.parser.parse_as_vec(&text[from..end], false));
                        from = end;
                        i = end;
                    }
                    // Still open at the end: it waits with the rest.
                    None => break,
                }
            } else {
                i += 1;
            }
        }
        events.extend(self.parser.parse_as_vec(&text[from..], maybe_more));
        events
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

    /// Found by fuzzing: a paste start without its end swallowed every later
    /// key; now the paste ends at the Esc timeout and keys are keys again.
    #[test]
    fn a_paste_without_its_end_marker_ends_at_the_flush() {
        let mut d = KeyDecoder::default();
        assert!(d.feed(b"\x1b[200~half a pas").is_empty());
        assert_eq!(d.flush(), vec![Event::Paste("half a pas".into())]);
        assert_eq!(
            keys(d.feed(b"j")),
            vec![(KeyCode::Char('j'), KeyModifiers::NONE)]
        );
    }

    /// A paste that never ends, sent without pause, stays within its cap.
    #[test]
    fn an_endless_paste_is_capped() {
        let mut d = KeyDecoder::default();
        assert!(d.feed(PASTE_START).is_empty());
        let chunk = vec![b'a'; 64 * 1024];
        for _ in 0..32 {
            assert!(d.feed(&chunk).is_empty());
            assert!(d.paste.as_ref().unwrap().len() <= limits::PASTE_BYTES);
        }
        let events = d.feed(PASTE_END);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(d.paste, None);
    }

    /// Found by fuzzing: termwiz panicked on a paste that is not UTF-8.
    #[test]
    fn a_paste_that_is_not_utf8_is_repaired_not_a_panic() {
        let mut d = KeyDecoder::default();
        let got = d.feed(b"\x1b[200~a\xff\x1b[201~b");
        assert_eq!(
            got,
            vec![
                Event::Paste("a\u{fffd}".into()),
                Event::Key(KeyEvent::new(KeyCode::Char('b'), KeyModifiers::NONE)),
            ]
        );
    }

    /// Found by fuzzing: a byte that is not UTF-8 stopped all later keys.
    #[test]
    fn a_byte_that_is_not_utf8_is_a_replacement_character_not_a_freeze() {
        let mut d = KeyDecoder::default();
        assert_eq!(
            keys(d.feed(b"\x80j")),
            vec![
                (KeyCode::Char('\u{fffd}'), KeyModifiers::NONE),
                (KeyCode::Char('j'), KeyModifiers::NONE),
            ]
        );
        // A character split across packets is still one character.
        assert!(d.feed(b"\xc3").is_empty());
        assert_eq!(
            keys(d.feed(b"\xa9")),
            vec![(KeyCode::Char('é'), KeyModifiers::NONE)]
        );
        // A cut-off one at the Esc timeout is a replacement character.
        assert!(d.feed(b"\xc3").is_empty());
        assert_eq!(
            keys(d.flush()),
            vec![(KeyCode::Char('\u{fffd}'), KeyModifiers::NONE)]
        );
    }

    /// Found by fuzzing: a mouse report cut after `ESC [` became Alt-[ and
    /// typed keys.
    #[test]
    fn a_mouse_report_split_across_packets_is_one_click() {
        let mut d = KeyDecoder::default();
        assert!(d.feed(b"\x1b[").is_empty());
        assert!(d.feed(b"<0;4").is_empty());
        let got = d.feed(b";2M");
        assert!(
            matches!(got.as_slice(), [Event::Mouse(m)] if m.column == 3 && m.row == 1),
            "{got:?}"
        );
    }

    /// Found by fuzzing: keys before a mouse report in the same packet were
    /// swallowed by termwiz's sequence parser.
    #[test]
    fn a_key_before_a_mouse_report_in_one_packet_is_kept() {
        let mut d = KeyDecoder::default();
        let got = d.feed(b"\x1b\x7f\x1b[<0;4;2M");
        assert_eq!(got.len(), 2, "Alt-Backspace, then the click: {got:?}");
        assert!(matches!(&got[0], Event::Key(k) if k.code == KeyCode::Backspace));
    }

    /// Found by fuzzing: an Alt-key of a non-ASCII character before a mouse
    /// report in the same packet vanished into the report.
    #[test]
    fn alt_and_a_non_ascii_key_before_a_mouse_report_is_kept() {
        let mut d = KeyDecoder::default();
        let got = d.feed("\x1bé[<0;4;2M".as_bytes());
        assert!(
            matches!(&got[0], Event::Key(k) if k.code == KeyCode::Char('é') && k.modifiers == KeyModifiers::ALT),
            "{got:?}"
        );
    }

    /// Found by fuzzing: a broken `ESC [` sequence before a mouse report in
    /// the same packet was swallowed by it; cut between packets it was keys.
    #[test]
    fn a_broken_sequence_before_a_mouse_report_is_keys_in_any_packets() {
        let bytes = b"\x1b[\x1b[<\x89\x890;4;2m\x1b[<28;1;1M";
        let mut whole = KeyDecoder::default();
        let mut split = KeyDecoder::default();
        let one: Vec<_> = whole.feed(bytes).into_iter().chain(whole.flush()).collect();
        let mut cut = split.feed(&bytes[..3]);
        cut.extend(split.feed(&bytes[3..7]));
        cut.extend(split.feed(&bytes[7..]));
        cut.extend(split.flush());
        assert_eq!(one, cut);
        assert!(matches!(one.last(), Some(Event::Mouse(_))), "{one:?}");
        assert!(one.len() > 1, "the broken sequence is keys: {one:?}");
    }

    /// Found by fuzzing: `ESC [` then the first byte of a character at a
    /// packet's end let the open sequence through to termwiz.
    #[test]
    fn an_open_sequence_before_a_cut_off_character_waits() {
        let bytes = b"\x1b[\xe8\xe8<0;4;2m\x1b[\x1b[201\x1b[\xcd";
        let mut whole = KeyDecoder::default();
        let mut split = KeyDecoder::default();
        let one: Vec<_> = whole.feed(bytes).into_iter().chain(whole.flush()).collect();
        let mut cut = split.feed(&bytes[..3]);
        cut.extend(split.feed(&bytes[3..]));
        cut.extend(split.flush());
        assert_eq!(one, cut);
    }

    #[test]
    fn paste_markers_split_across_packets() {
        let mut d = KeyDecoder::default();
        let mut got = Vec::new();
        for packet in [&b"x\x1b[2"[..], b"00~p\x1b", b"[201", b"~y"] {
            got.extend(d.feed(packet));
        }
        assert_eq!(
            got,
            vec![
                Event::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)),
                Event::Paste("p".into()),
                Event::Key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE)),
            ]
        );
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

    fn typed(events: Vec<Event>) -> String {
        keys(events)
            .into_iter()
            .filter_map(|(code, _)| match code {
                KeyCode::Char(c) => Some(c),
                _ => None,
            })
            .collect()
    }

    /// Issue 16: a Chinese character is three bytes; cut anywhere between
    /// two packets it is still one key, and nothing comes of the first part.
    #[test]
    fn a_chinese_character_split_across_two_packets_is_one_key() {
        let bytes = "王".as_bytes();
        for cut in 1..bytes.len() {
            let mut d = KeyDecoder::default();
            assert!(d.feed(&bytes[..cut]).is_empty(), "cut at {cut}");
            assert_eq!(typed(d.feed(&bytes[cut..])), "王", "cut at {cut}");
            assert!(d.flush().is_empty());
        }
        // Four bytes in three packets, then a key in the same packet as the end.
        let mut d = KeyDecoder::default();
        let bytes = "😀".as_bytes();
        assert!(d.feed(&bytes[..1]).is_empty());
        assert!(d.feed(&bytes[1..3]).is_empty());
        let mut rest = bytes[3..].to_vec();
        rest.push(b'x');
        assert_eq!(typed(d.feed(&rest)), "😀x");
    }

    /// An IME commits several characters in one write: each is a key, in order.
    #[test]
    fn an_ime_commit_of_several_characters_is_each_a_key() {
        let mut d = KeyDecoder::default();
        let events = d.feed("王小明".as_bytes());
        assert_eq!(typed(events), "王小明");
        // Split inside the second character, at the packet's end.
        let bytes = "王小明".as_bytes();
        let mut d = KeyDecoder::default();
        let mut got = typed(d.feed(&bytes[..4]));
        got.push_str(&typed(d.feed(&bytes[4..])));
        assert_eq!(got, "王小明");
    }

    /// A bracketed paste of Chinese cut into pieces at every byte, markers
    /// included, is one paste with the whole text.
    #[test]
    fn a_chinese_paste_split_in_pieces_is_one_paste() {
        let text = "王小明：我的认证没有显示";
        let mut bytes = PASTE_START.to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(PASTE_END);
        bytes.push(b'j');
        let expected = vec![
            Event::Paste(text.into()),
            Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)),
        ];
        // Two pieces, cut at every place.
        for cut in 1..bytes.len() {
            let mut d = KeyDecoder::default();
            let mut got = d.feed(&bytes[..cut]);
            got.extend(d.feed(&bytes[cut..]));
            assert_eq!(got, expected, "cut at {cut}");
        }
        // A byte a packet.
        let mut d = KeyDecoder::default();
        let got: Vec<Event> = bytes.iter().flat_map(|b| d.feed(&[*b])).collect();
        assert_eq!(got, expected);
    }

    /// A paste the Esc timeout ends between the bytes of a character: the
    /// character comes whole as a key with the rest, the end marker is
    /// nothing.
    #[test]
    fn a_paste_ended_by_the_timeout_inside_a_character_keeps_it_whole() {
        let mut d = KeyDecoder::default();
        let bytes = "王小".as_bytes();
        let mut first = PASTE_START.to_vec();
        first.extend_from_slice(&bytes[..4]);
        assert!(d.feed(&first).is_empty());
        assert_eq!(d.flush(), vec![Event::Paste("王".into())]);
        let mut rest = bytes[4..].to_vec();
        rest.extend_from_slice(PASTE_END);
        rest.push(b'j');
        assert_eq!(typed(d.feed(&rest)), "小j");
        // Nothing of it is pending after the timeout: a second flush is
        // empty, and what is typed next is just that.
        let mut d = KeyDecoder::default();
        assert!(d.feed(&first).is_empty());
        assert_eq!(d.flush(), vec![Event::Paste("王".into())]);
        assert!(d.flush().is_empty());
        assert_eq!(typed(d.feed(b"j")), "j");
    }

    /// A paste longer than the cap is cut on a character boundary.
    #[test]
    fn a_capped_paste_ends_on_a_whole_character() {
        let mut d = KeyDecoder::default();
        assert!(d.feed(PASTE_START).is_empty());
        // One ASCII byte first, so the cap falls inside a character.
        assert!(d.feed(b"a").is_empty());
        let chunk = "王".repeat(limits::PASTE_BYTES / 3 + 10);
        assert!(d.feed(chunk.as_bytes()).is_empty());
        let events = d.feed(PASTE_END);
        let [Event::Paste(text)] = events.as_slice() else {
            panic!("{events:?}");
        };
        assert!(text.len() <= limits::PASTE_BYTES);
        assert!(!text.contains('\u{fffd}'), "no broken character at the end");
        assert!(text.ends_with('王'));
    }
}
