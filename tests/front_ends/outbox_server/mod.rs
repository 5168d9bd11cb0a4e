//! A tiny SMTP server for tests, on loopback only (127.0.0.1, port 0): EHLO/HELO,
//! MAIL FROM, RCPT TO, DATA … ".", RSET, NOOP, QUIT. It records what it accepts,
//! and can be told to answer the end of DATA with a 451 (try again later) to test
//! retries. Every loop is bounded and every read has a timeout; the server stops
//! when dropped.

#![allow(dead_code)] // each test binary uses a different part

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What one accepted transaction carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The message as the client sent it, dot-unstuffed, without the final
    /// ".\r\n" line.
    pub data: Vec<u8>,
}

#[derive(Debug, Default)]
struct Shared {
    received: Vec<Received>,
    fail_data: bool,
    refused: usize,
}

pub struct SmtpServer {
    addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// The server gives up on its own after this long, whatever the test does.
const LIFETIME: Duration = Duration::from_secs(60);
const READ_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_LINES_PER_CONNECTION: usize = 100_000;

impl SmtpServer {
    pub fn start() -> SmtpServer {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind loopback");
        listener
            .set_nonblocking(true)
            .expect("nonblocking listener");
        let addr = listener.local_addr().expect("local addr");
        let shared = Arc::new(Mutex::new(Shared::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let shared = Arc::clone(&shared);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || serve(listener, shared, stop))
        };
        SmtpServer {
            addr,
            shared,
            stop,
            thread: Some(thread),
        }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// From now on, answer the end of DATA with `451` (or accept again).
    pub fn fail_with_451(&self, fail: bool) {
        self.shared.lock().unwrap().fail_data = fail;
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.lock().unwrap().received.clone()
    }

    /// How many messages were answered with 451.
    pub fn refused(&self) -> usize {
        self.shared.lock().unwrap().refused
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(listener: TcpListener, shared: Arc<Mutex<Shared>>, stop: Arc<AtomicBool>) {
    let deadline = Instant::now() + LIFETIME;
    while !stop.load(Ordering::SeqCst) && Instant::now() < deadline {
        match listener.accept() {
            Ok((stream, _)) => {
                // One client at a time is all the tests need.
                let _ = session(stream, &shared);
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(_) => return,
        }
    }
}

fn session(stream: TcpStream, shared: &Mutex<Shared>) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    stream.set_write_timeout(Some(READ_TIMEOUT))?;
    let mut out = stream.try_clone()?;
    let mut input = BufReader::new(stream);
    out.write_all(b"220 127.0.0.1 test ESMTP\r\n")?;
    let mut mail_from = String::new();
    let mut rcpt_to = Vec::new();
    let mut line = Vec::new();
    let mut lines = 0;
    loop {
        lines += 1;
        if lines > MAX_LINES_PER_CONNECTION {
            return Ok(());
        }
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let command = String::from_utf8_lossy(&line).trim_end().to_string();
        let upper = command.to_ascii_uppercase();
        if upper.starts_with("EHLO") {
            out.write_all(b"250-127.0.0.1 hello\r\n250 8BITMIME\r\n")?;
        } else if upper.starts_with("HELO") || upper == "NOOP" {
            out.write_all(b"250 ok\r\n")?;
        } else if let Some(rest) = upper.strip_prefix("MAIL FROM:") {
            mail_from = address(&command[command.len() - rest.len()..]);
            rcpt_to.clear();
            out.write_all(b"250 ok\r\n")?;
        } else if let Some(rest) = upper.strip_prefix("RCPT TO:") {
            rcpt_to.push(address(&command[command.len() - rest.len()..]));
            out.write_all(b"250 ok\r\n")?;
        } else if upper == "DATA" {
            out.write_all(b"354 end with <CRLF>.<CRLF>\r\n")?;
            let data = read_data(&mut input, &mut lines)?;
            let mut shared = shared.lock().unwrap();
            if shared.fail_data {
                shared.refused += 1;
                out.write_all(b"451 4.3.0 Temporary failure, try again later\r\n")?;
            } else {
                shared.received.push(Received {
                    mail_from: mail_from.clone(),
                    rcpt_to: rcpt_to.clone(),
                    data,
                });
                out.write_all(b"250 2.0.0 queued\r\n")?;
            }
        } else if upper == "RSET" {
            mail_from.clear();
            rcpt_to.clear();
            out.write_all(b"250 ok\r\n")?;
        } else if upper == "QUIT" {
            out.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else {
            out.write_all(b"502 command not implemented\r\n")?;
        }
    }
}

/// `<a@b> SIZE=…` → `a@b`.
fn address(arg: &str) -> String {
    let arg = arg.trim();
    match (arg.find('<'), arg.find('>')) {
        (Some(open), Some(close)) if open < close => arg[open + 1..close].to_string(),
        _ => arg.split_whitespace().next().unwrap_or("").to_string(),
    }
}

/// Reads DATA lines up to the lone ".", undoing dot-stuffing.
fn read_data(input: &mut impl BufRead, lines: &mut usize) -> std::io::Result<Vec<u8>> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    while *lines <= MAX_LINES_PER_CONNECTION {
        *lines += 1;
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        if line == b".\r\n" {
            return Ok(data);
        }
        let unstuffed = line.strip_prefix(b".").unwrap_or(&line);
        data.extend_from_slice(unstuffed);
    }
    Err(std::io::Error::other("DATA did not end"))
}
