//! The TUI under random event sequences: key presses, clicks, wheel, resizes
//! (1×1 to 300×100) and pastes go through the same path as a terminal's events
//! (`tui::input::action_for` → `App::update`, jobs run to the end as the worker
//! thread would) and every state is drawn on a ratatui `TestBackend`, on a
//! private copy of the demo database, starting on the sign-in screen or signed
//! in as one of each role. Shared by the `tui` cargo-fuzz target and its
//! proptest twin.
//!
//! What must hold, whatever the person does:
//! - no panic in update or draw, at any size;
//! - every frame is exactly the terminal's area and no cell holds a control
//!   character (which would move the real terminal's cursor);
//! - the database's invariants hold after the session.

use std::path::Path;
use std::sync::Arc;

use certlink_core::store::{Store, invariants};
use certlink_tui::action::Action;
use certlink_tui::app::{App, RemoteInfo};
use certlink_tui::popups::Popup;
use certlink_tui::theme::Theme;
use certlink_tui::{draw, input};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use super::demo_db;

pub const MAX_WIDTH: u16 = 300;
pub const MAX_HEIGHT: u16 = 100;

/// Where a run starts.
#[derive(Debug, Clone, Copy)]
pub struct Start {
    /// None: the sign-in screen with the demo sign-ins; Some(i): signed in as
    /// `demo_db::SIGN_INS[i % len]`.
    pub who: Option<usize>,
    /// Served over SSH (downloads become commands) or local.
    pub remote: bool,
    /// Colours or the monochrome theme (NO_COLOR).
    pub colored: bool,
    pub width: u16,
    pub height: u16,
}

/// Clamps a size into 1×1..=300×100.
pub fn clamp_size(width: u16, height: u16) -> (u16, u16) {
    (width.clamp(1, MAX_WIDTH), height.clamp(1, MAX_HEIGHT))
}

/// Draws the app at `size` and checks the frame.
fn draw_checked(app: &App, size: (u16, u16)) -> Result<(), String> {
    let mut terminal =
        Terminal::new(TestBackend::new(size.0, size.1)).map_err(|e| e.to_string())?;
    terminal
        .draw(|frame| draw::draw(frame, app))
        .map_err(|e| e.to_string())?;
    let buffer = terminal.backend().buffer();
    if buffer.area != Rect::new(0, 0, size.0, size.1) {
        return Err(format!("drew {:?} into a {size:?} terminal", buffer.area));
    }
    for (i, cell) in buffer.content().iter().enumerate() {
        if cell.symbol().chars().any(char::is_control) {
            let (x, y) = (i % usize::from(size.0), i / usize::from(size.0));
            return Err(format!(
                "control character {:?} drawn at ({x}, {y}) in {size:?}",
                cell.symbol()
            ));
        }
    }
    Ok(())
}

/// Keeps the skills download inside the run's scratch folder: random typing
/// may edit the proposed path into anything, so the path of the download
/// dialog is put back inside before the Enter that writes it.
fn confine(app: &mut App, action: &Action, scratch: &Path) {
    if *action != Action::Activate {
        return;
    }
    let Some(Popup::Download(dialog)) = app.popups.last_mut() else {
        return;
    };
    let typed = dialog.path.value().trim().to_string();
    let inside = std::path::absolute(&typed)
        .map(|p| p.starts_with(scratch) && !p.components().any(|c| c.as_os_str() == ".."))
        .unwrap_or(false);
    if !inside {
        dialog
            .path
            .set(&scratch.join("skills.csv").display().to_string());
    }
}

/// Runs `events` from `start`; the first failed check, if any.
pub fn run(start: Start, events: &[Event]) -> Result<(), String> {
    let template = demo_db::template();
    let copy = demo_db::Copy::new();
    let service = Arc::new(copy.service());
    let theme = if start.colored {
        Theme::colored()
    } else {
        Theme::plain()
    };
    let mut size = clamp_size(start.width, start.height);
    let area = Rect::new(0, 0, size.0, size.1);
    let mut app = match start.who {
        None => {
            let mut app = App::new(Arc::clone(&service), Some(template.sign_ins.clone()), theme);
            app.update(Action::Resize {
                width: size.0,
                height: size.1,
            });
            app
        }
        Some(i) => {
            let session = template.sessions[i % template.sessions.len()].clone();
            App::signed_in(Arc::clone(&service), session, theme, area)
        }
    };
    let scratch = copy.dir.path().to_path_buf();
    app.download_dir = scratch.clone();
    if start.remote {
        app.remote = Some(RemoteInfo {
            email: "ada@contoso.com".into(),
            host: "certlink.example".into(),
            port: 2222,
        });
    }
    draw_checked(&app, size)?;
    for (step, event) in events.iter().enumerate() {
        if app.should_quit {
            break;
        }
        let event = match event {
            Event::Resize(w, h) => {
                size = clamp_size(*w, *h);
                Event::Resize(size.0, size.1)
            }
            other => other.clone(),
        };
        let Some(action) = input::action_for(event, app.context(), true) else {
            continue;
        };
        confine(&mut app, &action, &scratch);
        let mut job = app.update(action);
        while let Some(next) = job {
            // The busy state is on screen while a job runs.
            draw_checked(&app, size).map_err(|e| format!("step {step}, busy: {e}"))?;
            app.update(Action::Tick);
            let done = next.run(&service);
            job = app.job_done(done);
        }
        // The skills tab's background reads: drawn while they run (rows not
        // read yet are placeholders), then fed back, a bounded number of rounds.
        for _ in 0..8 {
            let background = app.take_background();
            if background.is_empty() {
                break;
            }
            draw_checked(&app, size).map_err(|e| format!("step {step}, background: {e}"))?;
            for next in background {
                let done = next.run(&service);
                if let Some(front) = app.job_done(done) {
                    return Err(format!("step {step}: a background job started {front:?}"));
                }
            }
        }
        draw_checked(&app, size).map_err(|e| format!("step {step}: {e}"))?;
    }
    drop(app);
    drop(service);
    let store = Store::open(&copy.path).map_err(|e| e.to_string())?;
    let read = store.read().map_err(|e| e.to_string())?;
    let problems = invariants::check(&read).map_err(|e| e.to_string())?;
    if !problems.is_empty() {
        return Err(format!("invariants broken: {problems:?}"));
    }
    Ok(())
}

/// A start from small numbers (the fuzzer's bytes or proptest's values).
pub fn start_from(who: u8, flags: u8, width: u16, height: u16) -> Start {
    let people = demo_db::SIGN_INS.len() + 1;
    Start {
        who: match usize::from(who) % people {
            0 => None,
            n => Some(n - 1),
        },
        remote: flags & 1 != 0,
        colored: flags & 2 == 0,
        width: 1 + width % MAX_WIDTH,
        height: 1 + height % MAX_HEIGHT,
    }
}

/// Keys worth pressing: every key of the key table and text for the fields,
/// including wide and accented characters.
const KEYS: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::Insert,
    KeyCode::F(1),
    KeyCode::F(5),
];
const CHARS: &str =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ?/@.-_+,[]<>éü王😀";

/// One terminal event from small numbers: `code` picks the kind (and the
/// modifiers of a key), `arg` the key, cell or size, `text` a paste.
pub fn event_from(code: u8, arg: u16, text: &str) -> Event {
    let cell = (
        arg % (MAX_WIDTH + 1),
        (arg / (MAX_WIDTH + 1)) % (MAX_HEIGHT + 1),
    );
    let mouse = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: cell.0,
            row: cell.1,
            modifiers: KeyModifiers::NONE,
        })
    };
    match code % 16 {
        0..=7 | 14 => {
            let chars: Vec<char> = CHARS.chars().collect();
            let pick = usize::from(arg) % (KEYS.len() + chars.len());
            let key = KEYS
                .get(pick)
                .copied()
                .unwrap_or_else(|| KeyCode::Char(chars[pick - KEYS.len()]));
            let modifiers = match code >> 4 {
                0..=9 => KeyModifiers::NONE,
                10 | 11 => KeyModifiers::CONTROL,
                12 | 13 => KeyModifiers::ALT,
                14 => KeyModifiers::SHIFT,
                _ => KeyModifiers::CONTROL | KeyModifiers::ALT,
            };
            let mut key = KeyEvent::new(key, modifiers);
            if code % 16 == 14 {
                key.kind = KeyEventKind::Release;
            }
            Event::Key(key)
        }
        8 | 9 => mouse(MouseEventKind::Down(MouseButton::Left)),
        10 => mouse(MouseEventKind::ScrollUp),
        11 => mouse(MouseEventKind::ScrollDown),
        12 => Event::Resize(1 + arg % MAX_WIDTH, 1 + (arg / MAX_WIDTH) % MAX_HEIGHT),
        13 => Event::Paste(text.to_string()),
        _ => Event::FocusGained,
    }
}
