//! Where a command's output goes and where its input comes from: the process's
//! standard streams for the local CLI, an SSH channel for `ssh HOST COMMAND`
//! (src/ssh/exec.rs). Commands print through this, never to `std::io::stdout()`
//! directly, so the same code serves both.

use std::cell::RefCell;
use std::io::{self, IsTerminal, Read, Write};

pub struct Io {
    out: RefCell<Box<dyn Write>>,
    err: RefCell<Box<dyn Write>>,
    input: RefCell<Box<dyn Read>>,
    /// A person types the input at a terminal: confirmations may be asked.
    terminal_input: bool,
}

impl Io {
    /// The process's standard streams (the local CLI).
    pub fn process() -> Io {
        Io {
            out: RefCell::new(Box::new(io::stdout())),
            err: RefCell::new(Box::new(io::stderr())),
            input: RefCell::new(Box::new(io::stdin())),
            terminal_input: io::stdin().is_terminal(),
        }
    }

    /// Given streams, with no terminal behind the input (e.g. an SSH channel).
    pub fn new(out: Box<dyn Write>, err: Box<dyn Write>, input: Box<dyn Read>) -> Io {
        Io {
            out: RefCell::new(out),
            err: RefCell::new(err),
            input: RefCell::new(input),
            terminal_input: false,
        }
    }

    pub fn terminal_input(&self) -> bool {
        self.terminal_input
    }

    /// Writes text to the output and flushes. A closed pipe (`| head`, a client
    /// gone) is not an error worth a panic or a second message.
    pub fn print(&self, text: &str) {
        let mut out = self.out.borrow_mut();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }

    pub fn print_json(&self, value: &serde_json::Value) {
        self.print(&format!(
            "{}\n",
            serde_json::to_string_pretty(value).unwrap_or_default()
        ));
    }

    /// Writes text to the error stream and flushes.
    pub fn eprint(&self, text: &str) {
        let mut err = self.err.borrow_mut();
        let _ = err.write_all(text.as_bytes());
        let _ = err.flush();
    }

    /// A `Write` on the output, for streaming exports.
    pub fn writer(&self) -> OutWriter<'_> {
        OutWriter(self)
    }

    /// A `Read` on the input, for streaming imports.
    pub fn reader(&self) -> InReader<'_> {
        InReader(self)
    }

    /// What [`Io::read_line`] failed on, in `lang`.
    pub fn line_error(error: &io::Error, lang: certlink_i18n::Lang) -> String {
        match error.kind() {
            io::ErrorKind::InvalidInput => {
                lang.cli_line_too_long(certlink_domain::limits::PASSWORD * 4)
            }
            io::ErrorKind::InvalidData => lang.cli_line_not_utf8().into(),
            _ => error.to_string(),
        }
    }

    /// One line of input without its line ending. Reads byte by byte so that
    /// nothing after the line is consumed (a secret, then data). A line is a
    /// password or an answer: longer than any password can be is refused.
    pub fn read_line(&self) -> io::Result<String> {
        let max = certlink_domain::limits::PASSWORD * 4;
        let mut input = self.input.borrow_mut();
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while input.read(&mut byte)? == 1 && byte[0] != b'\n' {
            if line.len() >= max {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("the line is longer than {max} bytes"),
                ));
            }
            line.push(byte[0]);
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        String::from_utf8(line)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "the input is not UTF-8"))
    }
}

/// The input as a `Read`, borrowed per call.
pub struct InReader<'a>(&'a Io);

impl Read for InReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.input.borrow_mut().read(buf)
    }
}

/// The output as a `Write`, borrowed per call.
pub struct OutWriter<'a>(&'a Io);

impl Write for OutWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.out.borrow_mut().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.out.borrow_mut().flush()
    }
}
