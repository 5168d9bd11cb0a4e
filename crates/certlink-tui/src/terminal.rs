//! Terminal set-up and restore. Raw mode, the alternate screen, bracketed paste
//! and (unless `--no-mouse`) mouse capture are switched on together and off
//! together, on every exit path: normal return, error (the guard's Drop), and
//! panic (a hook that restores first, then prints color-eyre's report).

use std::io::{self, Stdout, stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Restores the terminal when dropped.
pub struct TerminalGuard {
    pub terminal: Tui,
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
        let _ = self.terminal.show_cursor();
    }
}

/// Installs color-eyre's hooks, wrapped so a panic restores the terminal before
/// the report is printed (else it would land in the alternate screen).
pub fn install_hooks() {
    let hooks = color_eyre::config::HookBuilder::default()
        .display_env_section(false)
        .try_into_hooks();
    let Ok((panic_hook, eyre_hook)) = hooks else {
        // Hooks were built before (a second run in one process): keep the
        // restore part at least.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        return;
    };
    // Already installed by an earlier run in this process: that one stays.
    let _ = eyre_hook.install();
    let panic_hook = panic_hook.into_panic_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        panic_hook(info);
    }));
}

pub fn init(mouse: bool) -> io::Result<TerminalGuard> {
    enable_raw_mode()?;
    // From here on a failure must undo what was done: restore() is safe to
    // call for steps that did not happen.
    let setup = (|| -> io::Result<Tui> {
        execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
        if mouse {
            execute!(stdout(), EnableMouseCapture)?;
        }
        // No `clear()`: it asks the terminal for the cursor position, which
        // not every terminal answers; the fresh alternate screen is blank and
        // the first draw paints every cell.
        Terminal::new(CrosstermBackend::new(stdout()))
    })();
    match setup {
        Ok(terminal) => Ok(TerminalGuard { terminal }),
        Err(e) => {
            restore();
            Err(e)
        }
    }
}

/// Switches everything off; errors are ignored (nothing more can be done, and
/// each step must run even if one fails).
pub fn restore() {
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen);
    let _ = execute!(stdout(), ratatui::crossterm::cursor::Show);
}
