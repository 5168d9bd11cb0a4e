//! What the CLI test files share: the binary on a database with no password
//! or colour from the environment, a demo sandbox built on the test clock,
//! and the JSON a command printed.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use crate::sandbox_clock::T0;

/// The binary on `db`, with no password from the environment (each test says
/// which it sends) and no colour.
pub(crate) fn bare(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_certlink"));
    c.env_remove("CERTLINK_PASSWORD")
        .env_remove("CERTLINK_MCID_PASSWORD")
        .env("NO_COLOR", "1")
        .env("CERTLINK_CONFIG", db.with_extension("config.toml"))
        .args(["--db", db.to_str().unwrap()]);
    c
}

/// The JSON value a command printed on stdout.
pub(crate) fn json(out: &assert_cmd::assert::Assert) -> Value {
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

/// A demo sandbox built at [`T0`] in its own directory.
pub(crate) fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.redb");
    bare(&db)
        .args(["--now", T0, "--format", "json", "demo"])
        .assert()
        .success();
    (dir, db)
}
