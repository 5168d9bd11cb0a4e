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
//! In: an [`inbox`] per channel, bounded in bytes, fed by the handler's `data`
//! callback and ended by `channel_eof` (the sender is dropped); a command
//! reads it as a `Read` ([`ChannelReader`]), an interactive session with
//! [`Inbox::next`]. What a full inbox means is the handler's choice
//! (handler.rs): wait, drop keys, or cut standard input.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::Notify;
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

/// What the channels of one connection share about their flow. russh runs a
/// connection's input and output in one loop: while the handler waits for a
/// command to read its input, no output of that connection moves. So the
/// handler stops waiting as soon as any writer of the connection is held up
/// (handler.rs `data`), and the readers say when they took input.
#[derive(Clone, Default)]
pub struct Flow {
    /// Writers of this connection waiting for room right now.
    held: Arc<AtomicUsize>,
    /// Told when a writer starts waiting or a reader took input.
    wake: Arc<Notify>,
}

impl Flow {
    /// Some writer of the connection waits for the client right now.
    pub fn held_up(&self) -> bool {
        self.held.load(Ordering::SeqCst) > 0
    }

    /// What a waiting handler listens to (readers of the connection's inboxes
    /// are given it too).
    pub fn wake(&self) -> Arc<Notify> {
        Arc::clone(&self.wake)
    }
}

/// The sending side of a channel's output queue.
#[derive(Clone)]
pub struct Outbound {
    tx: Sender<Outgoing>,
    flow: Flow,
}

impl Outbound {
    /// A queue of `capacity` messages and its receiving end (tests drain it by
    /// hand; [`forward`] hands it to the client).
    pub fn bounded(capacity: usize, flow: Flow) -> (Outbound, Receiver<Outgoing>) {
        let (tx, rx) = channel(capacity);
        (Outbound { tx, flow }, rx)
    }

    /// From blocking code (a command's thread, a terminal session's thread):
    /// waits while the queue is full, i.e. while the client is slow. An error
    /// means the client is gone.
    pub fn send_blocking(&self, out: Outgoing) -> io::Result<()> {
        let gone = |_| io::Error::new(io::ErrorKind::BrokenPipe, "the ssh client is gone");
        match self.tx.try_send(out) {
            Ok(()) => Ok(()),
            Err(TrySendError::Closed(_)) => Err(gone(())),
            Err(TrySendError::Full(out)) => {
                self.flow.held.fetch_add(1, Ordering::SeqCst);
                self.flow.wake.notify_one();
                let sent = self.tx.blocking_send(out).map_err(|_| gone(()));
                self.flow.held.fetch_sub(1, Ordering::SeqCst);
                sent
            }
        }
    }

    /// From the handler's async callbacks, which must not block: they send only
    /// a channel's first few messages (a refusal, an immediate answer), so the
    /// queue has room; if it had none, a task sends the message when it does.
    pub fn send_from_handler(&self, out: Outgoing) {
        match self.tx.try_send(out) {
            Ok(()) | Err(TrySendError::Closed(_)) => {}
            Err(TrySendError::Full(out)) => {
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    let _ = tx.send(out).await;
                });
            }
        }
    }
}

/// Starts the task that sends a channel's output to the client.
/// `ended` is set when it is done: it closed the channel, or the client is
/// gone (russh does not tell the handler of a close that answers ours).
pub fn forward(handle: Handle, channel: ChannelId, flow: Flow, ended: Arc<AtomicBool>) -> Outbound {
    let (tx, mut rx) = Outbound::bounded(QUEUED_CHUNKS, flow);
    tokio::spawn(async move {
        let _ended = SetOnDrop(ended);
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

struct SetOnDrop(Arc<AtomicBool>);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
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

/// The client's data on a channel, queued for blocking code (a command's
/// standard input, an interactive session's keys) with a bound in bytes
/// ([`super::limits`]). The handler offers each packet and decides what a full
/// queue means (wait, drop, cut); the reader takes whole chunks.
pub fn inbox(limit: usize, hard: usize, room: Arc<Notify>) -> (InboxSender, Inbox) {
    let shared = Arc::new(Shared {
        state: Mutex::new(State::default()),
        ready: Condvar::new(),
        room,
        limit,
        hard,
    });
    (InboxSender(Arc::clone(&shared)), Inbox(shared))
}

struct Shared {
    state: Mutex<State>,
    /// Wakes the reader: data, end of file, a cut, a poke.
    ready: Condvar,
    /// Wakes a handler waiting for room: the reader took a chunk or left.
    room: Arc<Notify>,
    limit: usize,
    hard: usize,
}

#[derive(Default)]
struct State {
    chunks: VecDeque<Vec<u8>>,
    bytes: usize,
    eof: bool,
    /// Standard input was cut: the reader gets this error, not an end of file.
    cut: Option<String>,
    reader_gone: bool,
    poked: bool,
}

impl Shared {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// What became of offered data.
#[derive(Debug, PartialEq, Eq)]
pub enum Offer {
    Taken,
    /// The queue holds its limit: nothing was taken.
    Full,
    /// Nobody reads any more (the command or the session ended): dropped.
    Gone,
}

/// The handler's end of an [`inbox`]; dropping it is the client's end of file.
pub struct InboxSender(Arc<Shared>);

impl InboxSender {
    /// Queues `data` if it fits under the limit (a lone chunk always fits).
    pub fn offer(&self, data: &[u8]) -> Offer {
        self.put(data, self.0.limit)
    }

    /// Queues `data` on top of the limit, up to the hard bound; `Full` past it.
    pub fn force(&self, data: &[u8]) -> Offer {
        self.put(data, self.0.hard)
    }

    fn put(&self, data: &[u8], bound: usize) -> Offer {
        let mut state = self.0.state();
        if state.reader_gone || state.cut.is_some() {
            return Offer::Gone;
        }
        if state.bytes > 0 && state.bytes + data.len() > bound {
            return Offer::Full;
        }
        state.bytes += data.len();
        state.chunks.push_back(data.to_vec());
        self.0.ready.notify_one();
        Offer::Taken
    }

    /// Ends the input with an error the reader sees instead of the rest.
    pub fn cut(&self, reason: &str) {
        let mut state = self.0.state();
        state.chunks.clear();
        state.bytes = 0;
        state.cut = Some(reason.to_string());
        self.0.ready.notify_one();
    }

    /// Wakes the reader without data (an interactive session's resize).
    pub fn poke(&self) {
        self.0.state().poked = true;
        self.0.ready.notify_one();
    }

    /// Bytes waiting, for tests and figures.
    pub fn queued(&self) -> usize {
        self.0.state().bytes
    }

    /// The handler waits here for room (see [`inbox`]'s `room`).
    pub fn room(&self) -> Arc<Notify> {
        Arc::clone(&self.0.room)
    }
}

impl Drop for InboxSender {
    fn drop(&mut self) {
        self.0.state().eof = true;
        self.0.ready.notify_one();
    }
}

/// What an interactive session's thread gets next.
pub enum Next {
    Data(Vec<u8>),
    /// [`InboxSender::poke`]: look at what changed beside the queue.
    Poked,
    Timeout,
    /// The client's end of file, or the sender dropped.
    Ended,
}

/// The reading end of an [`inbox`].
pub struct Inbox(Arc<Shared>);

impl Inbox {
    /// The next chunk, a poke, the end, or nothing within `wait`.
    pub fn next(&self, wait: Duration) -> Next {
        let deadline = std::time::Instant::now() + wait;
        let mut state = self.0.state();
        loop {
            if let Some(chunk) = self.pop(&mut state) {
                return Next::Data(chunk);
            }
            if std::mem::take(&mut state.poked) {
                return Next::Poked;
            }
            if state.eof || state.cut.is_some() {
                return Next::Ended;
            }
            let now = std::time::Instant::now();
            if now >= deadline {
                return Next::Timeout;
            }
            state = self
                .0
                .ready
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Takes the first chunk: its bytes no longer count, and a handler
    /// waiting for room is told.
    fn pop(&self, state: &mut State) -> Option<Vec<u8>> {
        let chunk = state.chunks.pop_front()?;
        state.bytes -= chunk.len();
        self.0.room.notify_one();
        Some(chunk)
    }

    /// The next chunk, waiting as long as it takes; `None` at the end.
    fn take(&self) -> io::Result<Option<Vec<u8>>> {
        let mut state = self.0.state();
        loop {
            if let Some(reason) = &state.cut {
                return Err(io::Error::other(reason.clone()));
            }
            if let Some(chunk) = self.pop(&mut state) {
                return Ok(Some(chunk));
            }
            if state.eof {
                return Ok(None);
            }
            state = self
                .0
                .ready
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

impl Drop for Inbox {
    fn drop(&mut self) {
        let mut state = self.0.state();
        state.reader_gone = true;
        state.chunks.clear();
        state.bytes = 0;
        drop(state);
        // A handler waiting for room drops the data instead.
        self.0.room.notify_one();
    }
}

/// What [`feed`] did with the client's data.
#[derive(Debug, PartialEq, Eq)]
pub enum Fed {
    Taken,
    /// Nobody reads it any more.
    Dropped,
    /// The input was cut: the reason, for the client's stderr.
    Cut(String),
}

/// Queues standard input for a command that reads it. When the queue is full
/// this waits (the connection reads nothing more from the client: TCP holds
/// it back) until the command takes some, unless a writer of the same
/// connection is held up: the loop that would deliver its output is the one
/// waiting here, so waiting could deadlock. Then the data is taken on top, up
/// to the hard bound, and past it the input is cut (the command reads an
/// error, never a short end of file).
/// The reason the input was cut is said in `lang`.
pub async fn feed(queue: &InboxSender, flow: &Flow, data: &[u8], lang: certlink_i18n::Lang) -> Fed {
    let room = queue.room();
    loop {
        match queue.offer(data) {
            Offer::Taken => return Fed::Taken,
            Offer::Gone => return Fed::Dropped,
            Offer::Full => {}
        }
        if flow.held_up() {
            return match queue.force(data) {
                Offer::Taken => Fed::Taken,
                Offer::Gone => Fed::Dropped,
                Offer::Full => {
                    let why = format!("{}\n", lang.ssh_stdin_cut(queue.0.hard / 1024));
                    queue.cut(why.trim_end());
                    Fed::Cut(why)
                }
            };
        }
        // A permit left by an earlier wake only makes this look again.
        room.notified().await;
    }
}

/// A command's standard input over its channel, as a blocking `Read`; end of
/// file when the client sends EOF or goes away, an error when it was cut.
pub struct ChannelReader {
    inbox: Inbox,
    pending: Vec<u8>,
    at: usize,
}

impl ChannelReader {
    pub fn new(inbox: Inbox) -> ChannelReader {
        ChannelReader {
            inbox,
            pending: Vec::new(),
            at: 0,
        }
    }
}

impl Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.at >= self.pending.len() {
            match self.inbox.take()? {
                Some(bytes) => {
                    self.pending = bytes;
                    self.at = 0;
                }
                None => return Ok(0),
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
        let (tx, mut rx) = Outbound::bounded(QUEUED_CHUNKS, Flow::default());
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
        let (tx, rx) = Outbound::bounded(QUEUED_CHUNKS, Flow::default());
        drop(rx);
        let mut out = ChannelWriter::stdout(tx);
        let err = out.write_all(&vec![0; CHUNK]).expect_err("no client");
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn an_inbox_holds_at_most_its_limit_or_on_demand_its_hard_bound() {
        let (tx, rx) = inbox(100, 250, Arc::new(Notify::new()));
        let chunk = [7u8; 40];
        assert_eq!(tx.offer(&chunk), Offer::Taken);
        assert_eq!(tx.offer(&chunk), Offer::Taken);
        assert_eq!(
            tx.offer(&chunk),
            Offer::Full,
            "120 bytes would pass the limit"
        );
        assert_eq!(tx.queued(), 80);
        for _ in 0..4 {
            assert_eq!(tx.force(&chunk), Offer::Taken);
        }
        assert_eq!(
            tx.force(&chunk),
            Offer::Full,
            "280 bytes would pass the hard bound"
        );
        assert_eq!(tx.queued(), 240);
        assert!(matches!(rx.next(Duration::ZERO), Next::Data(d) if d.len() == 40));
        assert_eq!(tx.queued(), 200);
        drop(rx);
        assert_eq!(tx.offer(&chunk), Offer::Gone, "nobody reads: dropped");
        assert_eq!(tx.queued(), 0);
    }

    #[test]
    fn a_cut_input_reads_as_an_error_and_an_ended_one_as_its_end() {
        let (tx, rx) = inbox(100, 100, Arc::new(Notify::new()));
        assert_eq!(tx.offer(b"half a file"), Offer::Taken);
        tx.cut("cut for a reason");
        let mut read = Vec::new();
        let err = ChannelReader::new(rx)
            .read_to_end(&mut read)
            .expect_err("never a short end of file");
        assert!(err.to_string().contains("cut for a reason"), "{err}");

        let (tx, rx) = inbox(100, 100, Arc::new(Notify::new()));
        assert_eq!(tx.offer(b"all of it"), Offer::Taken);
        drop(tx);
        let mut read = Vec::new();
        ChannelReader::new(rx).read_to_end(&mut read).expect("end");
        assert_eq!(read, b"all of it");
    }

    /// True once `future` has been polled and is still waiting.
    async fn waits<F: std::future::Future + Unpin>(future: &mut F) -> bool {
        tokio::select! {
            biased;
            _ = future => false,
            () = std::future::ready(()) => true,
        }
    }

    #[tokio::test]
    async fn feeding_a_full_queue_waits_until_the_command_reads() {
        let flow = Flow::default();
        let (tx, rx) = inbox(64, 128, flow.wake());
        assert_eq!(
            feed(&tx, &flow, &[1; 64], certlink_i18n::Lang::En).await,
            Fed::Taken
        );
        let mut second = Box::pin(feed(&tx, &flow, &[2; 64], certlink_i18n::Lang::En));
        assert!(waits(&mut second).await, "the queue is full: wait");
        assert!(waits(&mut second).await, "still full");
        assert_eq!(tx.queued(), 64);
        assert!(matches!(rx.next(Duration::ZERO), Next::Data(_)));
        assert_eq!(second.await, Fed::Taken, "room again");
        drop(rx);
        assert_eq!(
            feed(&tx, &flow, &[3; 64], certlink_i18n::Lang::En).await,
            Fed::Dropped
        );
    }

    #[tokio::test]
    async fn feeding_never_waits_on_a_held_up_writer_and_cuts_past_the_hard_bound() {
        let flow = Flow::default();
        let (out, mut sent) = Outbound::bounded(1, flow.clone());
        out.send_blocking(Outgoing::Stdout(vec![0]))
            .expect("room for one");
        let held = out.clone();
        let writer = std::thread::spawn(move || held.send_blocking(Outgoing::Stdout(vec![1])));
        while !flow.held_up() {
            tokio::task::yield_now().await;
        }
        let (tx, rx) = inbox(64, 128, flow.wake());
        assert_eq!(
            feed(&tx, &flow, &[1; 64], certlink_i18n::Lang::En).await,
            Fed::Taken
        );
        assert_eq!(
            feed(&tx, &flow, &[2; 64], certlink_i18n::Lang::En).await,
            Fed::Taken,
            "on top, no wait"
        );
        let Fed::Cut(why) = feed(&tx, &flow, &[3; 64], certlink_i18n::Lang::En).await else {
            panic!("past the hard bound the input is cut");
        };
        assert!(why.contains("standard input cut"), "{why}");
        let mut read = Vec::new();
        assert!(ChannelReader::new(rx).read_to_end(&mut read).is_err());
        drop(out);
        while sent.recv().await.is_some() {}
        writer.join().expect("writer").expect("delivered");
    }
}
