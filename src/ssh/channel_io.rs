//! Bytes between blocking front-end code (the CLI, the TUI) and an SSH channel.
//!
//! Out: a `Write` that buffers and, on flush, hands the bytes to a forwarding
//! task through an unbounded channel; that task awaits `Handle::data`. Awaiting
//! the handle from a handler callback could deadlock the session, and blocking
//! code cannot await at all. One task per channel keeps stdout, stderr and the
//! exit status in the order they were written.
//!
//! In: a `Read` over the client's data, fed by the handler's `data` callback
//! and ended by `channel_eof` (the sender is dropped).

use std::io::{self, Read, Write};
use std::sync::mpsc;

use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

/// What goes to the client, in order.
pub enum Outgoing {
    Stdout(Vec<u8>),
    Stderr(Vec<u8>),
    /// The command ended: exit-status, EOF, close.
    Exit(u32),
}

/// Starts the task that sends a channel's output to the client.
pub fn forward(handle: Handle, channel: ChannelId) -> UnboundedSender<Outgoing> {
    let (tx, mut rx) = unbounded_channel::<Outgoing>();
    tokio::spawn(async move {
        while let Some(out) = rx.recv().await {
            let sent = match out {
                Outgoing::Stdout(bytes) => handle.data(channel, bytes).await.is_ok(),
                // Extended data type 1 is stderr (RFC 4254 §5.2).
                Outgoing::Stderr(bytes) => handle.extended_data(channel, 1, bytes).await.is_ok(),
                Outgoing::Exit(code) => {
                    let _ = handle.exit_status_request(channel, code).await;
                    let _ = handle.eof(channel).await;
                    let _ = handle.close(channel).await;
                    break;
                }
            };
            // The client is gone: nothing more can be delivered.
            if !sent {
                break;
            }
        }
    });
    tx
}

/// Flush when this much is buffered even without an explicit flush, so a long
/// export streams instead of piling up.
const CHUNK: usize = 32 * 1024;

/// Standard output or standard error of a channel, as a `Write`.
pub struct ChannelWriter {
    tx: UnboundedSender<Outgoing>,
    stderr: bool,
    buf: Vec<u8>,
}

impl ChannelWriter {
    pub fn stdout(tx: UnboundedSender<Outgoing>) -> Self {
        Self {
            tx,
            stderr: false,
            buf: Vec::new(),
        }
    }

    pub fn stderr(tx: UnboundedSender<Outgoing>) -> Self {
        Self {
            tx,
            stderr: true,
            buf: Vec::new(),
        }
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let bytes = std::mem::take(&mut self.buf);
        let out = if self.stderr {
            Outgoing::Stderr(bytes)
        } else {
            Outgoing::Stdout(bytes)
        };
        self.tx
            .send(out)
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the ssh client is gone"))
    }
}

impl Drop for ChannelWriter {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// The client's data on a channel, as a blocking `Read`; end of file when the
/// client sends EOF or goes away.
pub struct ChannelReader {
    rx: mpsc::Receiver<Vec<u8>>,
    pending: Vec<u8>,
    at: usize,
}

impl ChannelReader {
    /// The reader and the sender the handler feeds.
    pub fn new() -> (mpsc::Sender<Vec<u8>>, ChannelReader) {
        let (tx, rx) = mpsc::channel();
        (
            tx,
            ChannelReader {
                rx,
                pending: Vec::new(),
                at: 0,
            },
        )
    }
}

impl Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.at >= self.pending.len() {
            match self.rx.recv() {
                Ok(bytes) => {
                    self.pending = bytes;
                    self.at = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.pending.len() - self.at);
        out[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}
