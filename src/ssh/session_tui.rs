//! The terminal app over an SSH channel (issue 6): the same `App`, key table
//! and drawing as the local terminal, one thread per session.
//!
//! The thread owns the session's `App` and its `Terminal`; the handler only
//! pushes what the client sent ([`TuiInput`]) into its bounded queue, and dropping
//! the queue's sender (EOF, close, or the connection going away) ends it.
//! A thread rather than an async task because `App::update` reads the store
//! synchronously; slow calls (argon2, whole reports) still go to the app's
//! job worker, so keys keep coming while they run.
//!
//! Drawing goes into a `Viewport::Fixed` of the size the client asked for
//! (`pty-req`, then `window-change`): the server's own tty means nothing. The
//! bytes go through [`ChannelWriter`] to the channel's forwarding task. No
//! raw mode here: the client's terminal is in raw mode already; the app
//! switches the alternate screen, cursor, paste and mouse modes itself.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use tokio::sync::Notify;

use super::channel_io::{ChannelWriter, Inbox, InboxSender, Next, Offer, Outgoing, inbox};
use super::input::{ESC_TIMEOUT, KeyDecoder};
use super::limits::TUI_INPUT_BYTES;
use certlink_core::service::{Service, Session};
use certlink_i18n::{Choice, Lang};
use certlink_tui::app::{App, RemoteInfo};
use certlink_tui::jobs::Worker;
use certlink_tui::theme::Theme;
use certlink_tui::{BUSY_POLL, FRESH_POLL, collect_jobs, draw, handle_event, tick};

/// The handler's end of a session: the client's keys and terminal size.
/// Dropping it (EOF, close, the connection gone) ends the session's thread.
pub struct TuiInput {
    keys: InboxSender,
    size: Arc<AtomicU32>,
}

impl TuiInput {
    /// Key bytes, as they came. Never waits: when the session is not keeping
    /// up (its client stopped reading the screen) and [`TUI_INPUT_BYTES`] wait
    /// already, the bytes are dropped. Returns whether they were taken.
    pub fn keys(&self, bytes: &[u8]) -> bool {
        self.keys.offer(bytes) == Offer::Taken
    }

    /// `window-change`: kept beside the key queue, so it is never dropped.
    pub fn resize(&self, width: u16, height: u16) {
        self.size.store(pack(width, height), Ordering::SeqCst);
        self.keys.poke();
    }
}

fn pack(width: u16, height: u16) -> u32 {
    (u32::from(width) << 16) | u32::from(height)
}

fn unpack(size: u32) -> (u16, u16) {
    ((size >> 16) as u16, (size & 0xffff) as u16)
}

/// Everything a session starts with.
pub struct TuiStart {
    pub service: Arc<Service>,
    pub person: Session,
    /// What the client's locale says (`env` requests on the channel); with
    /// the person's saved preference it decides the app's language.
    pub lang: Choice,
    pub width: u16,
    pub height: u16,
    pub remote: RemoteInfo,
    /// The session ends after this long without a key press.
    pub idle: Duration,
    pub out: super::channel_io::Outbound,
    /// The session's slot (docs/ssh.md "Limits"), given back when its thread ends.
    pub slot: Option<super::gate::Pass>,
}

/// Mouse reporting: button presses only (1000) in SGR form (1006). Not
/// crossterm's `EnableMouseCapture`, which also asks for every pointer
/// motion (1003): each would cross the network for nothing.
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1000l";

/// Starts the session's thread; the returned input feeds it.
pub fn start(start: TuiStart) -> io::Result<TuiInput> {
    let (keys, rx) = inbox(TUI_INPUT_BYTES, TUI_INPUT_BYTES, Arc::new(Notify::new()));
    let size = Arc::new(AtomicU32::new(pack(start.width, start.height)));
    let input = TuiInput {
        keys,
        size: Arc::clone(&size),
    };
    std::thread::Builder::new()
        .name("certlink-ssh-tui".into())
        .spawn(move || run(start, Input { rx, size }))?;
    Ok(input)
}

/// The session thread's end of [`TuiInput`].
struct Input {
    rx: Inbox,
    size: Arc<AtomicU32>,
}

/// How a session ended.
enum End {
    Quit,
    Idle,
    /// The client is gone (EOF, close, disconnect): nobody to tell.
    Gone,
}

fn run(mut start: TuiStart, rx: Input) {
    let _slot = start.slot.take();
    let out = start.out.clone();
    let idle = start.idle;
    let lang = start.lang.for_person(start.person.lang);
    let ended = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| session(start, rx)));
    let (code, note) = match ended {
        Ok(Ok(End::Quit)) => (0, None),
        Ok(Ok(End::Idle)) => (
            0,
            Some(format!("{}\r\n", lang.ssh_closed_idle(minutes(idle, lang)))),
        ),
        Ok(Ok(End::Gone)) => return,
        Ok(Err(e)) => (
            3,
            Some(format!("{}\r\n", lang.ssh_session_failed(e.to_string()))),
        ),
        Err(_) => (3, Some(format!("{}\r\n", lang.ssh_internal_error()))),
    };
    // The screen was restored by `session` (or never set up); say why it
    // ended, then the exit status closes the channel.
    if let Some(note) = note {
        let _ = out.send_blocking(Outgoing::Stderr(note.into_bytes()));
    }
    let _ = out.send_blocking(Outgoing::Exit(code));
}

fn minutes(d: Duration, lang: Lang) -> String {
    match d.as_secs() {
        s if s % 60 == 0 && s >= 60 => lang.ssh_minutes(s / 60),
        s => lang.ssh_seconds(s),
    }
}

type RemoteTerminal = Terminal<CrosstermBackend<ChannelWriter>>;

fn session(start: TuiStart, rx: Input) -> io::Result<End> {
    let area = size(start.width, start.height);
    let backend = CrosstermBackend::new(ChannelWriter::stdout(start.out.clone()));
    let mut terminal = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )?;
    {
        let w = terminal.backend_mut();
        execute!(w, EnterAlternateScreen, EnableBracketedPaste, Hide)?;
        w.write_all(MOUSE_ON)?;
    }
    // The language is set before the app reads its first screen: the
    // client's locale, unless the person saved a preference.
    let mut app = App::signed_in_speaking(
        Arc::clone(&start.service),
        start.person,
        Theme::from_env(),
        area,
        start.lang,
    );
    app.remote = Some(start.remote);
    // Principle 7: a sandbox served on a clock moved ahead says so.
    app.sandbox_clock = certlink_tui::components::sandbox_clock::note(&start.service);
    let worker = Worker::new(start.service);
    let ended = event_loop(&mut terminal, &mut app, &worker, &rx, start.idle);
    // Leave the client's terminal as it was, whatever ended the session.
    let w = terminal.backend_mut();
    let _ = w.write_all(MOUSE_OFF);
    let _ = execute!(w, DisableBracketedPaste, Show, LeaveAlternateScreen);
    ended
}

fn size(width: u16, height: u16) -> Rect {
    Rect::new(0, 0, width.max(1), height.max(1))
}

fn event_loop(
    terminal: &mut RemoteTerminal,
    app: &mut App,
    worker: &Worker,
    rx: &Input,
    idle: Duration,
) -> io::Result<End> {
    let mut keys = KeyDecoder::default();
    let mut drawn_size = rx.size.load(Ordering::SeqCst);
    let mut last_key = Instant::now();
    // A lone Esc (or another ambiguous prefix) waits until then.
    let mut esc_due: Option<Instant> = None;
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| draw::draw(frame, app))?;
            dirty = false;
        }
        if app.should_quit {
            return Ok(End::Quit);
        }
        let now = Instant::now();
        let idle_at = last_key + idle;
        if now >= idle_at && app.busy.is_none() {
            return Ok(End::Idle);
        }
        // Sleep until something can happen: a key, the Esc deadline, the
        // spinner's next frame while a job runs, the next freshness check
        // (another session's change shows within FRESH_POLL), or the idle
        // timeout.
        let mut wait = if app.working() {
            BUSY_POLL
        } else {
            idle_at.saturating_duration_since(now).min(FRESH_POLL)
        };
        if let Some(due) = esc_due {
            wait = wait.min(due.saturating_duration_since(now));
        }
        match rx.rx.next(wait) {
            Next::Data(bytes) => {
                last_key = Instant::now();
                for event in keys.feed(&bytes) {
                    handle_event(app, worker, event, true);
                }
                esc_due = Some(last_key + ESC_TIMEOUT);
                dirty = true;
            }
            Next::Poked | Next::Timeout => {}
            Next::Ended => return Ok(End::Gone),
        }
        let asked = rx.size.load(Ordering::SeqCst);
        if asked != drawn_size {
            drawn_size = asked;
            let (width, height) = unpack(asked);
            let area = size(width, height);
            terminal.resize(area)?;
            handle_event(app, worker, Event::Resize(area.width, area.height), true);
            dirty = true;
        }
        if esc_due.is_some_and(|due| Instant::now() >= due) {
            esc_due = None;
            for event in keys.flush() {
                handle_event(app, worker, event, true);
                dirty = true;
            }
        }
        dirty |= collect_jobs(app, worker)?;
        dirty |= tick(app, worker);
    }
}
