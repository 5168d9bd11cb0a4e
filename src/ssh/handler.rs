//! One SSH connection: password sign-in as the account's email (R1, through the
//! service, throttled per source address) or a public key registered for that
//! account (`certlink key add`), session channels for `exec`, and
//! nothing else. Closed by default: no shell but the app, no subsystems, no
//! port, agent or X11 forwarding, and of environment variables only the
//! client's locale is kept ([`super::locale`]): what the server says to a
//! person, the command's output and the app are in their language.
//! Every count and queue a client controls here is bounded ([`limits`]):
//! channels per connection, sign-in checks per source, commands and sessions
//! per person, the terminal size, the bytes of input waiting.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use russh::server::{
    Auth, ChannelOpenHandle, Msg, PublicKeyOffer, Session as SshSession, VerifiedPublicKey,
};
use russh::{Channel, ChannelId, ChannelOpenFailure};

use super::channel_io::{self, ChannelReader, ChannelWriter, Fed, Flow, InboxSender, Outgoing};
use super::exec::{self, Plan};
use super::gate::Full;
use super::limits;
use super::locale::{ClientLocale, Speaks};
use super::server::Shared;
use super::session_tui::{self, TuiInput, TuiStart};
use crate::cli::{Io, Remote};
use certlink_core::service::{Session, SignInSource, key_fingerprint};
use certlink_i18n::{Choice, Lang};
use certlink_tui::app::RemoteInfo;

pub struct Connection {
    shared: Arc<Shared>,
    /// The client's address, without the port: R1 throttles per source.
    source: SignInSource,
    /// The person, once signed in.
    person: Option<Session>,
    /// Told to the accept loop, which ends connections that never sign in.
    signed_in: Arc<AtomicBool>,
    /// The address we listen on, for the `ssh …` commands the app shows.
    listen: SocketAddr,
    /// Interactive sessions end after this long without a key press.
    idle: Duration,
    channels: HashMap<ChannelId, ChannelState>,
    /// Output and input of this connection's channels wait on each other.
    flow: Flow,
    /// The language of what is said to the whole connection (told to the
    /// accept loop, which says the shutdown).
    speaks: Arc<Speaks>,
}

#[derive(Default)]
struct ChannelState {
    /// Standard input of a running command that reads it, until the
    /// client's EOF; other commands' input is discarded.
    stdin: Option<Stdin>,
    /// A command (or the app) already runs on this channel: one per channel.
    started: bool,
    /// The terminal size from `pty-req` (columns, rows); no pty, no app.
    pty: Option<(u16, u16)>,
    /// The app's input; dropping it ends the app's thread.
    tui: Option<TuiInput>,
    /// Set once its output task closed the channel (or lost the client).
    ended: Arc<AtomicBool>,
    /// What the client said of its locale (`env` requests, before the
    /// command or the app starts).
    locale: ClientLocale,
}

struct Stdin {
    queue: InboxSender,
    /// Where the reason goes when the input is cut.
    out: Outgoer,
}

impl Connection {
    pub(super) fn new(
        shared: Arc<Shared>,
        peer: SocketAddr,
        listen: SocketAddr,
        idle: Duration,
        signed_in: Arc<AtomicBool>,
        speaks: Arc<Speaks>,
    ) -> Connection {
        let source = SignInSource::Remote(peer.ip().to_string());
        Connection {
            shared,
            source,
            person: None,
            signed_in,
            listen,
            idle,
            channels: HashMap::new(),
            flow: Flow::default(),
            speaks,
        }
    }

    fn accept(&mut self, person: Session) -> Auth {
        // Until a channel says more: the person's saved preference, or English.
        self.speaks.set(Choice::default().for_person(person.lang));
        self.person = Some(person);
        self.signed_in.store(true, Ordering::SeqCst);
        Auth::Accept
    }

    /// What decides the language on a channel besides the person's saved
    /// preference: their client's locale as sent on that channel.
    fn choice_on(&self, channel: ChannelId) -> Choice {
        self.channels
            .get(&channel)
            .map(|state| state.locale.choice())
            .unwrap_or_default()
    }

    /// The language spoken to the person on a channel; the connection's
    /// language follows the channel that last started something.
    fn lang_on(&self, channel: ChannelId) -> Lang {
        let saved = self.person.as_ref().and_then(|p| p.lang);
        let lang = self.choice_on(channel).for_person(saved);
        self.speaks.set(lang);
        lang
    }

    /// The language of what is said to the whole connection.
    fn connection_lang(&self) -> Lang {
        self.speaks.get().unwrap_or_default()
    }

    /// The key R1 and the sign-in gate count per: the address without port.
    fn source_key(&self) -> String {
        match &self.source {
            SignInSource::Remote(address) => address.clone(),
            _ => "local".into(),
        }
    }

    /// A sign-in check (argon2, a key lookup) on the sign-in threads, at most
    /// [`limits::SIGN_IN_CHECKS_PER_SOURCE`] at once per address: running
    /// commands never delay it, and one address cannot queue ahead of all.
    async fn check<T: Send + 'static>(
        &self,
        work: impl FnOnce(&certlink_core::service::Service) -> T + Send + 'static,
    ) -> Option<T> {
        let pass = self.shared.sign_in.enter(&self.source_key()).await.ok()?;
        let service = Arc::clone(&self.shared.service);
        tokio::task::spawn_blocking(move || {
            let _pass = pass;
            work(&service)
        })
        .await
        .ok()
    }

    /// Runs an exec command on a blocking thread (the CLI and the store are
    /// synchronous) once it has a slot: one of the person's
    /// [`limits::COMMANDS_PER_PERSON`] or it is refused at once, then a shared
    /// one (it waits its turn). Its output streams to the client, then the
    /// exit status.
    fn start_exec(&mut self, channel: ChannelId, line: &str, mut person: Session, out: Outgoer) {
        let choice = self.choice_on(channel);
        let lang = self.lang_on(channel);
        person.speaks = lang;
        let (command, mut global, reads_stdin) = match exec::plan_in(line, lang) {
            Plan::Answer {
                code,
                stdout,
                stderr,
            } => {
                out.send_from_handler(Outgoing::Stdout(stdout.into_bytes()));
                out.send_from_handler(Outgoing::Stderr(stderr.into_bytes()));
                out.send_from_handler(Outgoing::Exit(code.into()));
                return;
            }
            Plan::Run {
                command,
                global,
                reads_stdin,
            } => (command, global, reads_stdin),
        };
        // The client's CERTLINK_LANG is an explicit choice, as `--lang` is
        // (which still wins); its LANG/LC_* are the locale (`Remote.locale`).
        global.lang = global.lang.or(choice.explicit);
        let lang = global.lang.unwrap_or(lang);
        person.speaks = lang;
        let (stdin, inbox) = channel_io::inbox(
            limits::STDIN_QUEUE_BYTES,
            limits::STDIN_HARD_BYTES,
            self.flow.wake(),
        );
        if reads_stdin && let Some(state) = self.channels.get_mut(&channel) {
            state.stdin = Some(Stdin {
                queue: stdin,
                out: out.clone(),
            });
        }
        // Otherwise `stdin` is dropped here: the command reads an empty input.
        // The person's own slot now, so requests are answered in their order.
        let Ok(reserved) = self.shared.commands.reserve(&person_key(&person)) else {
            let busy = format!("{}\n", lang.ssh_busy_commands(limits::COMMANDS_PER_PERSON));
            out.send_from_handler(Outgoing::Stderr(busy.into_bytes()));
            out.send_from_handler(Outgoing::Exit(1));
            return;
        };
        let reader = ChannelReader::new(inbox);
        let shared = Arc::clone(&self.shared);
        let guard = self.shared.inflight.guard();
        tokio::spawn(async move {
            let Ok(pass) = reserved.admit().await else {
                // The gate is never closed; should it be, the client still gets a status.
                out.send_from_handler(Outgoing::Exit(3));
                return;
            };
            let service = Arc::clone(&shared.service);
            let _ = tokio::task::spawn_blocking(move || {
                let (_running, _pass) = (guard, pass);
                let io = Io::new(
                    Box::new(ChannelWriter::stdout(out.clone())),
                    Box::new(ChannelWriter::stderr(out.clone())),
                    Box::new(reader),
                );
                let remote = Remote {
                    service,
                    session: person,
                    locale: choice.locale,
                };
                // A bug must not leave the client waiting for an exit status.
                let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    crate::cli::run_signed_in(*command, global, io, remote)
                }))
                .unwrap_or_else(|_| {
                    let said = format!("{}\n", lang.ssh_internal_error());
                    let _ = out.send_blocking(Outgoing::Stderr(said.into_bytes()));
                    3
                });
                let _ = out.send_blocking(Outgoing::Exit(code.into()));
            })
            .await;
        });
    }

    /// Standard input for a command that reads it (see [`channel_io::feed`]).
    async fn feed_stdin(&self, channel: ChannelId, data: &[u8]) {
        let Some(stdin) = self.channels.get(&channel).and_then(|s| s.stdin.as_ref()) else {
            return;
        };
        let lang = self.connection_lang();
        if let Fed::Cut(why) = channel_io::feed(&stdin.queue, &self.flow, data, lang).await {
            stdin
                .out
                .send_from_handler(Outgoing::Stderr(why.into_bytes()));
        }
    }
}

/// Whose share a command or a session counts against.
fn person_key(person: &Session) -> String {
    person.email.to_string()
}

type Outgoer = channel_io::Outbound;

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        // Argon2 is slow on purpose: off the async threads, on the sign-in ones.
        let (email, password, source) =
            (user.to_string(), password.to_string(), self.source.clone());
        let signed_in = self
            .check(move |service| service.sign_in(&email, &password, &source))
            .await;
        match signed_in {
            Some(Ok(session)) => Ok(self.accept(session)),
            // Refused, locked or unknown: the service has audited it (R1, R16).
            _ => Ok(Auth::reject()),
        }
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        // Only a key registered for this person is worth a signature; others
        // are refused before the client signs anything, and counted, audited
        // once a period per account (R1, R16: an outsider cannot grow the
        // audit trail by offering keys).
        let (email, fingerprint, source) = (
            user.to_string(),
            key_fingerprint(offer.public_key),
            self.source.clone(),
        );
        let known = self
            .check(move |service| service.key_offered(&email, &fingerprint, &source))
            .await;
        Ok(match known {
            Some(Ok(true)) => Auth::Accept,
            _ => Auth::reject(),
        })
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        // russh has verified the signature: the client holds the private key.
        // The service checks the key is this live person's and audits (R16).
        let (email, fingerprint, source) = (
            user.to_string(),
            key_fingerprint(key.public_key),
            self.source.clone(),
        );
        let signed_in = self
            .check(move |service| service.session_for_key(&email, &fingerprint, &source))
            .await;
        match signed_in {
            Some(Ok(session)) => Ok(self.accept(session)),
            _ => Ok(Auth::reject()),
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if self.person.is_none() {
            // Dropping `reply` rejects the channel.
            return Ok(());
        }
        // Channels we closed stop counting: russh does not report the
        // client's answering close.
        self.channels.retain(|_, s| !s.ended.load(Ordering::SeqCst));
        if self.channels.len() >= limits::CHANNELS_PER_CONNECTION {
            reply
                .reject(ChannelOpenFailure::Other {
                    // RFC 4254 §5.1 SSH_OPEN_RESOURCE_SHORTAGE.
                    code: 4,
                    reason: self
                        .connection_lang()
                        .ssh_channels_per_connection(limits::CHANNELS_PER_CONNECTION),
                })
                .await;
            return Ok(());
        }
        self.channels.insert(channel.id(), ChannelState::default());
        reply.accept().await;
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        let (Some(person), Some(state)) = (self.person.clone(), self.channels.get_mut(&channel))
        else {
            return session.channel_failure(channel);
        };
        if state.started {
            return session.channel_failure(channel);
        }
        state.started = true;
        session.channel_success(channel)?;
        let line = String::from_utf8_lossy(data).into_owned();
        let out = channel_io::forward(
            session.handle(),
            channel,
            self.flow.clone(),
            Arc::clone(&state.ended),
        );
        self.start_exec(channel, &line, person, out);
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        let (Some(person), Some(state)) = (self.person.clone(), self.channels.get_mut(&channel))
        else {
            return session.channel_failure(channel);
        };
        if state.started {
            return session.channel_failure(channel);
        }
        state.started = true;
        session.channel_success(channel)?;
        let out = channel_io::forward(
            session.handle(),
            channel,
            self.flow.clone(),
            Arc::clone(&state.ended),
        );
        let pty = state.pty;
        let choice = self.choice_on(channel);
        let lang = self.lang_on(channel);
        // Without a pty the client's terminal is not in raw mode: keys would
        // arrive a line at a time and the screen would be garbled.
        let Some((width, height)) = pty else {
            let said = format!("{}\r\n", lang.ssh_needs_terminal());
            out.send_from_handler(Outgoing::Stderr(said.into_bytes()));
            out.send_from_handler(Outgoing::Exit(2));
            return Ok(());
        };
        let slot = match self.shared.sessions.try_enter(&person_key(&person)) {
            Ok(slot) => slot,
            Err(full) => {
                out.send_from_handler(Outgoing::Stderr(
                    too_many_sessions(full, self.shared.limits.sessions, lang).into_bytes(),
                ));
                out.send_from_handler(Outgoing::Exit(1));
                return Ok(());
            }
        };
        let remote = RemoteInfo {
            email: person.email.to_string(),
            host: client_host(self.listen),
            port: self.listen.port(),
        };
        let mut person = person;
        person.speaks = lang;
        let started = session_tui::start(TuiStart {
            service: Arc::clone(&self.shared.service),
            person,
            lang: choice,
            width,
            height,
            remote,
            idle: self.idle,
            out: out.clone(),
            slot: Some(slot),
        });
        match started {
            Ok(tui) => {
                if let Some(state) = self.channels.get_mut(&channel) {
                    state.tui = Some(tui);
                }
            }
            Err(e) => {
                out.send_from_handler(Outgoing::Stderr(
                    format!("{}\r\n", lang.ssh_cannot_start_app(e.to_string())).into_bytes(),
                ));
                out.send_from_handler(Outgoing::Exit(3));
            }
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        columns: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if let Some(state) = self.channels.get_mut(&channel) {
            let size = limits::terminal_size(columns, rows);
            state.pty = Some(size);
            if let Some(tui) = &state.tui {
                tui.resize(size.0, size.1);
            }
        }
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        let Some(state) = self.channels.get(&channel) else {
            return Ok(());
        };
        // Keys a session is not keeping up with are dropped (never waited
        // for: its thread may be waiting for this connection to send output).
        if let Some(tui) = &state.tui {
            tui.keys(data);
            return Ok(());
        }
        // The command may have ended without reading: nothing to do then.
        self.feed_stdin(channel, data).await;
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if let Some(state) = self.channels.get_mut(&channel) {
            state.stdin = None;
            // No more keys can come: the app ends (and closes the channel).
            state.tui = None;
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.channels.remove(&channel);
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        columns: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if let Some(state) = self.channels.get_mut(&channel) {
            state.pty = Some(limits::terminal_size(columns, rows));
        }
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        variable_name: &str,
        variable_value: &str,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        // Only before the command or the app starts: it reads the locale once.
        let taken = match self.channels.get_mut(&channel) {
            Some(state) if !state.started => state.locale.set(variable_name, variable_value),
            _ => false,
        };
        if taken {
            session.channel_success(channel)
        } else {
            session.channel_failure(channel)
        }
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        // No sftp or other subsystems: files are never served.
        session.channel_failure(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }
}

/// Why an interactive session was not started.
fn too_many_sessions(full: Full, total: usize, lang: Lang) -> String {
    let why = match full {
        Full::Key => lang.ssh_busy_sessions_person(limits::SESSIONS_PER_PERSON),
        Full::Total => lang.ssh_busy_sessions_total(total),
    };
    format!("{why}\r\n")
}

/// The host to put in `ssh …` commands: the listening address, unless it is
/// a wildcard (0.0.0.0, ::), which names no host a client could use.
fn client_host(listen: SocketAddr) -> String {
    if listen.ip().is_unspecified() {
        "HOST".into()
    } else {
        listen.ip().to_string()
    }
}
