//! What the SSH benchmarks share: the real `certlink serve` they start, and a
//! russh client that trusts only that server's key and signs in as OpenSSH
//! would (a source address of its own, `TCP_NODELAY`).

use std::path::{Path, PathBuf};
use std::process::Child;
use std::sync::Arc;
use std::time::Duration;

use russh::client;
use russh::keys::{HashAlg, PublicKeyOrCertificate};

/// Accepts the server whose key has this SHA-256 fingerprint, and no other.
pub struct Pinned(pub String);

impl client::Handler for Pinned {
    type Error = russh::Error;
    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(matches!(key, PublicKeyOrCertificate::PublicKey { key, .. }
            if key.fingerprint(HashAlg::Sha256).to_string() == self.0))
    }
}

/// The server process, stopped when the benchmark is done (or panics).
pub struct KillOnDrop(pub Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The release build the benchmarks drive (`cargo build --release` first).
pub fn binary() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/release/certlink")
}

/// A connection to the server on `port` from `source` (the server allows 24
/// connections per address, docs/ssh.md "Limits"), signed in as `email`.
pub async fn connect(
    port: u16,
    fingerprint: &str,
    email: &str,
    source: [u8; 4],
    inactivity: Duration,
) -> client::Handle<Pinned> {
    let config = Arc::new(client::Config {
        inactivity_timeout: Some(inactivity),
        ..Default::default()
    });
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind(std::net::SocketAddr::from((source, 0)))
        .expect("bind");
    let stream = socket
        .connect(std::net::SocketAddr::from(([127, 0, 0, 1], port)))
        .await
        .expect("connect");
    // As OpenSSH's client does (the server sets it too): a command's or a
    // key's small packets go out at once instead of waiting for Nagle.
    stream.set_nodelay(true).expect("nodelay");
    let mut handle = client::connect_stream(config, stream, Pinned(fingerprint.into()))
        .await
        .expect("ssh handshake");
    let auth = handle
        .authenticate_password(email, certlink_core::demo::ACCOUNT_PASSWORD)
        .await
        .expect("auth");
    assert!(auth.success(), "{email} could not sign in");
    handle
}
