//! One SSH connection: password sign-in as the account's email (R1, through the
//! service, throttled per source address) or a public key registered for that
//! account (`certlink key add`), session channels for `exec`, and
//! nothing else. Closed by default: no shell but the app, no subsystems, no
//! port, agent or X11 forwarding, and environment variables are ignored.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use russh::server::{
    Auth, ChannelOpenHandle, Msg, PublicKeyOffer, Session as SshSession, VerifiedPublicKey,
};
use russh::{Channel, ChannelId};

use super::channel_io::{self, ChannelReader, ChannelWriter, Outgoing};
use super::exec::{self, Plan};
use super::server::Shared;
use super::session_tui::{self, TuiEvent, TuiStart};
use crate::cli::{Io, Remote};
use crate::service::{Session, SignInSource, key_fingerprint};
use crate::tui::app::RemoteInfo;

pub struct Connection {
    shared: Arc<Shared>,
    /// The client's address, without the port: R1 throttles per source.
    source: SignInSource,
    /// The person, once signed in.
    person: Option<Session>,
    /// The address we listen on, for the `ssh …` commands the app shows.
    listen: SocketAddr,
    /// Interactive sessions end after this long without a key press.
    idle: Duration,
    channels: HashMap<ChannelId, ChannelState>,
}

#[derive(Default)]
struct ChannelState {
    /// Standard input of the running command, until the client's EOF.
    stdin: Option<mpsc::Sender<Vec<u8>>>,
    /// A command (or the app) already runs on this channel: one per channel.
    started: bool,
    /// The terminal size from `pty-req` (columns, rows); no pty, no app.
    pty: Option<(u16, u16)>,
    /// The app's input queue; dropping it ends the app's thread.
    tui: Option<mpsc::Sender<TuiEvent>>,
}

impl Connection {
    pub(super) fn new(
        shared: Arc<Shared>,
        peer: Option<SocketAddr>,
        listen: SocketAddr,
        idle: Duration,
    ) -> Connection {
        let source = match peer {
            Some(addr) => SignInSource::Remote(addr.ip().to_string()),
            None => SignInSource::Remote("unknown".into()),
        };
        Connection {
            shared,
            source,
            person: None,
            listen,
            idle,
            channels: HashMap::new(),
        }
    }

    /// Runs an exec command on a blocking thread (the CLI and the store are
    /// synchronous); its output streams to the client, then the exit status.
    fn start_exec(&mut self, channel: ChannelId, line: &str, person: Session, out: Outgoer) {
        let (command, global) = match exec::plan(line) {
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
            Plan::Run { command, global } => (command, global),
        };
        let (stdin, reader) = ChannelReader::new();
        if let Some(state) = self.channels.get_mut(&channel) {
            state.stdin = Some(stdin);
        }
        let service = Arc::clone(&self.shared.service);
        let guard = self.shared.inflight.guard();
        tokio::task::spawn_blocking(move || {
            let _running = guard;
            let io = Io::new(
                Box::new(ChannelWriter::stdout(out.clone())),
                Box::new(ChannelWriter::stderr(out.clone())),
                Box::new(reader),
            );
            let remote = Remote {
                service,
                session: person,
            };
            // A bug must not leave the client waiting for an exit status.
            let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                crate::cli::run_signed_in(*command, global, io, remote)
            }))
            .unwrap_or_else(|_| {
                let _ = out.send_blocking(Outgoing::Stderr(
                    b"certlink: internal error; nothing was left half-done in the database\n"
                        .to_vec(),
                ));
                3
            });
            let _ = out.send_blocking(Outgoing::Exit(code.into()));
        });
    }
}

type Outgoer = channel_io::Outbound;

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        // Argon2 is slow on purpose: off the async threads.
        let service = Arc::clone(&self.shared.service);
        let (email, password, source) =
            (user.to_string(), password.to_string(), self.source.clone());
        let signed_in =
            tokio::task::spawn_blocking(move || service.sign_in(&email, &password, &source)).await;
        match signed_in {
            Ok(Ok(session)) => {
                self.person = Some(session);
                Ok(Auth::Accept)
            }
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
        let service = Arc::clone(&self.shared.service);
        let (email, fingerprint, source) = (
            user.to_string(),
            key_fingerprint(offer.public_key),
            self.source.clone(),
        );
        let known =
            tokio::task::spawn_blocking(move || service.key_offered(&email, &fingerprint, &source))
                .await;
        Ok(match known {
            Ok(Ok(true)) => Auth::Accept,
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
        let service = Arc::clone(&self.shared.service);
        let (email, fingerprint, source) = (
            user.to_string(),
            key_fingerprint(key.public_key),
            self.source.clone(),
        );
        let signed_in = tokio::task::spawn_blocking(move || {
            service.session_for_key(&email, &fingerprint, &source)
        })
        .await;
        match signed_in {
            Ok(Ok(session)) => {
                self.person = Some(session);
                Ok(Auth::Accept)
            }
            _ => Ok(Auth::reject()),
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if self.person.is_some() {
            self.channels.insert(channel.id(), ChannelState::default());
            reply.accept().await;
        }
        // Otherwise dropping `reply` rejects the channel.
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
        let out = channel_io::forward(session.handle(), channel);
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
        let out = channel_io::forward(session.handle(), channel);
        // Without a pty the client's terminal is not in raw mode: keys would
        // arrive a line at a time and the screen would be garbled.
        let Some((width, height)) = state.pty else {
            out.send_from_handler(Outgoing::Stderr(
                b"certlink: the terminal app needs a terminal (ssh -t), or give a command, e.g. ssh ... profile\r\n"
                    .to_vec(),
            ));
            out.send_from_handler(Outgoing::Exit(2));
            return Ok(());
        };
        let remote = RemoteInfo {
            email: person.email.to_string(),
            host: client_host(self.listen),
            port: self.listen.port(),
        };
        let started = session_tui::start(TuiStart {
            service: Arc::clone(&self.shared.service),
            person,
            width,
            height,
            remote,
            idle: self.idle,
            out: out.clone(),
        });
        match started {
            Ok(tui) => state.tui = Some(tui),
            Err(e) => {
                out.send_from_handler(Outgoing::Stderr(
                    format!("certlink: cannot start the app: {e}\r\n").into_bytes(),
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
            let size = (clamp(columns), clamp(rows));
            state.pty = Some(size);
            if let Some(tui) = &state.tui {
                let _ = tui.send(TuiEvent::Resize {
                    width: size.0,
                    height: size.1,
                });
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
        // The command or the app may have ended without reading: nothing to do then.
        if let Some(tui) = &state.tui {
            let _ = tui.send(TuiEvent::Data(data.to_vec()));
        } else if let Some(stdin) = &state.stdin {
            let _ = stdin.send(data.to_vec());
        }
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
            state.pty = Some((clamp(columns), clamp(rows)));
        }
        session.channel_success(channel)
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

/// A terminal dimension from the client, in what a terminal can hold.
fn clamp(cells: u32) -> u16 {
    u16::try_from(cells).unwrap_or(u16::MAX)
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
