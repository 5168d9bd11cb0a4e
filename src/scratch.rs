//! Owner-only scratch files (a sort's spilled runs, an import's spooled
//! standard input): they may hold people's data, so no one else may read them,
//! and nothing is left behind by a killed process.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates a new file at `path`, readable and writable by its owner only. On
/// Unix its name is removed at once: the open file lives on until it is
/// dropped. Elsewhere the caller removes `path` when done.
pub fn create(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    #[cfg(unix)]
    std::fs::remove_file(path)?;
    Ok(file)
}
