//! The server's ed25519 host key: generated on first start, saved in OpenSSH
//! format with mode 0600, and reused afterwards, so clients can pin it (a new
//! key on every start would make every client warn).

use std::io::Write;
use std::path::Path;

use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{HashAlg, PrivateKey};

/// Loads the key at `path`, or creates it there if no file exists yet.
/// Returns the key and whether it was created now.
pub fn load_or_create(path: &Path) -> Result<(PrivateKey, bool), String> {
    if path.exists() {
        let key = russh::keys::load_secret_key(path, None)
            .map_err(|e| format!("cannot read the host key {}: {e}", path.display()))?;
        return Ok((key, false));
    }
    let mut seed = [0u8; 32];
    // The OS generator directly: no userspace RNG whose version must match
    // the one ssh-key was built with.
    getrandom::fill(&mut seed).map_err(|e| format!("no randomness for a host key: {e}"))?;
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| format!("cannot encode the host key: {e}"))?;
    write_private(path, text.as_bytes())
        .map_err(|e| format!("cannot save the host key {}: {e}", path.display()))?;
    Ok((key, true))
}

/// Creates the file with mode 0600 from the start (never world-readable, not
/// even for an instant) and refuses to overwrite one created meanwhile.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// The fingerprint clients show ("SHA256:…").
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_once_then_reused_with_mode_0600() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("host_key");
        let (first, created) = load_or_create(&path).unwrap();
        assert!(created);
        let (again, created) = load_or_create(&path).unwrap();
        assert!(!created);
        assert_eq!(fingerprint(&first), fingerprint(&again));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
