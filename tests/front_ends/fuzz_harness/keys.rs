//! The SSH key-byte parser (`certlink::ssh::input::KeyDecoder`) under arbitrary
//! bytes and arbitrary packet boundaries. Shared by the `ssh_input` cargo-fuzz
//! target and its proptest twin in `tests/front_ends/fuzz_props.rs`.
//!
//! What must hold, whatever the client sends:
//! - no panic;
//! - packets do not matter: the same bytes fed in one packet or split at any
//!   points (with no pause long enough for the Esc timeout in between) give the
//!   same events once the pause finally comes (`flush`);
//! - after the Esc timeout nothing stays pending (a second flush is empty), and
//!   the decoder is not stuck: a plain key typed next comes out as that key;
//! - mouse cells are the 0-based cells of a terminal of at most u16 size.

use certlink::ssh::input::KeyDecoder;
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

/// Feeds `bytes` as packets cut at `cuts` (byte offsets, any order, out of
/// range ones ignored), then the Esc timeout's flush.
pub fn decode_split(bytes: &[u8], cuts: &[usize]) -> Vec<Event> {
    decode_split_with(&mut KeyDecoder::default(), bytes, cuts)
}

/// As [`decode_split`], on a given decoder (a new one is costly: termwiz
/// builds its key table).
fn decode_split_with(decoder: &mut KeyDecoder, bytes: &[u8], cuts: &[usize]) -> Vec<Event> {
    let mut points: Vec<usize> = cuts.iter().copied().filter(|&c| c <= bytes.len()).collect();
    points.push(0);
    points.push(bytes.len());
    points.sort_unstable();
    points.dedup();
    let mut events = Vec::new();
    for pair in points.windows(2) {
        events.extend(decoder.feed(&bytes[pair[0]..pair[1]]));
    }
    events.extend(decoder.flush());
    events
}

/// Checks every property above for one input; the message says which failed.
pub fn check(bytes: &[u8], cuts: &[usize]) -> Result<(), String> {
    let mut decoder = KeyDecoder::default();
    let whole = decode_split_with(&mut decoder, bytes, &[]);
    let split = decode_split(bytes, cuts);
    if whole != split {
        return Err(format!(
            "packet boundaries changed the events: {bytes:?} cut at {cuts:?}\n one packet: {whole:?}\n split:      {split:?}"
        ));
    }
    for event in &whole {
        if let Event::Key(key) = event
            && key.kind != KeyEventKind::Press
        {
            return Err(format!("a key event that is not a press: {key:?}"));
        }
    }
    // The pause came (the one-packet decoder was flushed): nothing may wait
    // any longer, and the next key is a key.
    let again = decoder.flush();
    if !again.is_empty() {
        return Err(format!("a second flush after {bytes:?} gave {again:?}"));
    }
    let next = decoder.feed(b"j");
    let next: Vec<_> = next.into_iter().chain(decoder.flush()).collect();
    let is_j = matches!(
        next.as_slice(),
        [Event::Key(k)] if k.code == KeyCode::Char('j') && k.modifiers == KeyModifiers::NONE
    );
    if !is_j {
        return Err(format!(
            "after {bytes:?} and the Esc timeout, typing j gave {next:?}"
        ));
    }
    Ok(())
}
