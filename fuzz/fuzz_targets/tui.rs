//! Random terminal events through the TUI's update and draw on a TestBackend
//! (1×1 to 300×100), on a copy of the demo database, from the sign-in screen or
//! signed in as each role. The input is: who, flags, width, height, then
//! events of (code, arg[, paste text]). Checks in `tests/fuzz_harness/tui.rs`.
#![no_main]

use arbitrary::{Result, Unstructured};
use ratatui::crossterm::event::Event;

#[path = "../../tests/front_ends/fuzz_harness/demo_db.rs"]
mod demo_db;
#[path = "../../tests/front_ends/fuzz_harness/tui.rs"]
mod tui;

/// At most this many events per input: long enough for sign-in, a dialog and
/// a job, short enough to keep each run fast.
const MAX_EVENTS: usize = 64;

fn decode(u: &mut Unstructured) -> Result<(tui::Start, Vec<Event>)> {
    let start = tui::start_from(
        u.arbitrary()?,
        u.arbitrary()?,
        u.arbitrary()?,
        u.arbitrary()?,
    );
    let mut events = Vec::new();
    while !u.is_empty() && events.len() < MAX_EVENTS {
        let code: u8 = u.arbitrary()?;
        let arg: u16 = u.arbitrary()?;
        let text = if code % 16 == 13 {
            let len = u.int_in_range(0..=40usize)?;
            String::from_utf8_lossy(u.bytes(len.min(u.len()))?).into_owned()
        } else {
            String::new()
        };
        events.push(tui::event_from(code, arg, &text));
    }
    Ok((start, events))
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok((start, events)) = decode(&mut u) else {
        return;
    };
    if let Err(e) = tui::run(start, &events) {
        panic!("{e}");
    }
});
