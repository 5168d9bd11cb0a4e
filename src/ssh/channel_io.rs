//! Bytes between blocking front-end code (the CLI, the TUI) and an SSH channel.
//!
//! Out: a `Write` that buffers and, on flush, hands the bytes to a forwarding
//! task through a *bounded* queue; that task awaits `Handle::data`, which waits
//! for the client's window. Awaiting the handle from a handler callback could
//! deadlock the session, and blocking code cannot await at all. One task per
//! channel keeps stdout, stderr and the exit status in the order they were
//! written. The queue is bounded so that a client that reads slowly (or not at
//! all) holds back the writer instead of making the server buffer a whole
//! export: at most [`QUEUED_CHUNKS`] chunks wait per channel.
//!
//! In: a `Read` over the client's data, fed by the handler's `data` callback
//! and ended by `channel_eof` (the sender is dropped).

use std::io::{self, Read, Write};
use std::sync::mpsc;

use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::mpsc::{Receiver, Sender, channel};

/// What goes to the client, in order.
pub enum Outgoing {
    Stdout(Vec<u8>),
    Stderr(Vec<u8>),
    /// The command ended: exit-status, EOF, close.
    Exit(u32),
}

/// Messages that may wait for one channel before a writer is held back: with
/// [`CHUNK`]-sized writes, about 256 KiB per channel at most.
pub const QUEUED_CHUNKS: usize = 8;

/// The sending side of a channel's output queue.
#[derive(Clone)]
pub struct Outbound(Sender<Outgoing>);

impl Outbound {
    /// A queue of `capacity` messages and its receiving end (tests drain it by
    /// hand; [`forward`] hands it to the client).
    pub fn bounded(capacity: usize) -> (Outbound, Receiver<Outgoing>) {
        let (tx, rx) = channel(capacity);
        (Outbound(tx), rx)
    }

    /// From blocking code (a command's thread, a terminal session's thread):
    /// waits while the queue is full, i.e. while the client is slow. An error
    /// means the client is gone.
    pub fn send_blocking(&self, out: Outgoing) -> io::Result<()> {
        self.0
            .blocking_send(out)
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the ssh client is gone"))
    }

    /// From the handler's async callbacks, which must not block: they send only
    /// a channel's first few messages (a refusal, an immediate answer), so the
    /// queue has room; if it had none, a task sends the message when it does.
    pub fn send_from_handler(&self, out: Outgoing) {
        match self.0.try_send(out) {
            Ok(()) | Err(TrySendError::Closed(_)) => {}
            Err(TrySendError::Full(out)) => {
                let tx = self.0.clone();
                tokio::spawn(async move {
                    let _ = tx.send(out).await;
                });
            }
        }
    }
}

/// Starts the task that sends a channel's output to the client.
pub fn forward(handle: Handle, channel: ChannelId) -> Outbound {
    let (tx, mut rx) = Outbound::bounded(QUEUED_CHUNKS);
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
            // The client is gone: nothing more can be delivered (dropping the
            // receiver turns the writers' next send into an error).
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
    tx: Outbound,
    stderr: bool,
    buf: Vec<u8>,
}

impl ChannelWriter {
    pub fn stdout(tx: Outbound) -> Self {
        Self {
            tx,
            stderr: false,
            buf: Vec::new(),
        }
    }

    pub fn stderr(tx: Outbound) -> Self {
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
        self.tx.send_blocking(out)
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// A client that reads slowly holds the writer back: at every moment the
    /// writer has flushed at most the chunks read so far plus the queue's
    /// capacity (and the one it is handing over). No timing involved: the
    /// bound is checked after each read.
    #[test]
    fn a_slow_reader_holds_back_the_writer_instead_of_growing_a_buffer() {
        const CHUNKS: usize = 40;
        let (tx, mut rx) = Outbound::bounded(QUEUED_CHUNKS);
        let flushed = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&flushed);
        let writer = std::thread::spawn(move || {
            let mut out = ChannelWriter::stdout(tx);
            for i in 0..CHUNKS {
                out.write_all(&vec![i as u8; CHUNK]).expect("write");
                counter.fetch_add(1, Ordering::SeqCst);
            }
        });
        let mut read = 0;
        while let Some(message) = rx.blocking_recv() {
            let Outgoing::Stdout(bytes) = message else {
                panic!("only output was written");
            };
            assert!(bytes.len() >= CHUNK, "whole chunks");
            assert!(bytes.iter().all(|b| *b == read as u8), "chunks in order");
            read += 1;
            let ahead = flushed.load(Ordering::SeqCst);
            assert!(
                ahead <= read + QUEUED_CHUNKS + 1,
                "{ahead} chunks flushed with only {read} read"
            );
        }
        writer.join().expect("writer");
        assert_eq!(read, CHUNKS);
    }

    /// A client that went away turns the next write into an error: a long
    /// export stops instead of filling memory for no one.
    #[test]
    fn a_gone_client_fails_the_writer() {
        let (tx, rx) = Outbound::bounded(QUEUED_CHUNKS);
        drop(rx);
        let mut out = ChannelWriter::stdout(tx);
        let err = out.write_all(&vec![0; CHUNK]).expect_err("no client");
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    }
}
