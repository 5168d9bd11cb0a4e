//! Files as private as the secrets they hold (issue 13, part 4).
//!
//! The database and its backups hold argon2 hashes and the whole audit trail;
//! the outbox holds temporary passwords; the log names people and sources;
//! scratch files (sorts, spooled imports) hold people's data.
//! Like OpenSSH's keys they are created for their owner alone (files 0600,
//! directories 0700) whatever the umask, which only ever removes bits.
//! Existing files keep their mode: the operator may have chosen it, and
//! `admin check` says when a database is readable by others.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Owner read and write.
pub const FILE_MODE: u32 = 0o600;
/// Owner read, write and search.
pub const DIR_MODE: u32 = 0o700;

/// A new file, for its owner only; fails if `path` exists.
pub fn create_new(path: &Path) -> io::Result<File> {
    private(OpenOptions::new().read(true).write(true).create_new(true)).open(path)
}

/// A scratch file (a sort's spilled runs, an import's spooled standard
/// input): new, private, and on Unix unnamed at once, so the open file lives
/// on until dropped and a killed process leaves nothing behind. Elsewhere the
/// caller removes `path` when done.
pub fn scratch(path: &Path) -> io::Result<File> {
    let file = create_new(path)?;
    #[cfg(unix)]
    std::fs::remove_file(path)?;
    Ok(file)
}

/// Opens `path` to append, creating it for its owner only if it is missing.
pub fn open_append(path: &Path) -> io::Result<File> {
    private(OpenOptions::new().append(true).create(true)).open(path)
}

/// The mode given to files these functions create, on the options.
pub fn private(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    options
}

/// `dir` and its missing parents; the ones created are for their owner only.
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(DIR_MODE);
    }
    builder.create(dir)
}

/// Copies `from` into a new private file `to` (`std::fs::copy` would give the
/// copy the source's mode), and returns the bytes copied.
pub fn copy(from: &Path, to: &Path) -> io::Result<u64> {
    let mut source = File::open(from)?;
    let mut target = create_new(to)?;
    let copied = io::copy(&mut source, &mut target);
    if copied.is_err() {
        drop(target);
        let _ = std::fs::remove_file(to);
    }
    copied
}

/// Whether anyone but the owner may read or write `path` (group or other
/// bits set). Always false where modes do not exist.
pub fn open_to_others(path: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Ok(std::fs::metadata(path)?.permissions().mode() & 0o077 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(false)
    }
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777
    }

    /// Whatever the source's mode, the copy, a new file and a new directory
    /// are the owner's alone; an existing directory is left as it was.
    #[test]
    fn created_files_and_directories_are_for_the_owner_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let public = dir.path().join("public");
        std::fs::write(&public, b"hashes").expect("write");
        std::fs::set_permissions(&public, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        assert!(open_to_others(&public).expect("mode"));
        let copy_path = dir.path().join("copy");
        assert_eq!(copy(&public, &copy_path).expect("copy"), 6);
        assert_eq!(mode(&copy_path), FILE_MODE);
        assert!(!open_to_others(&copy_path).expect("mode"));
        assert!(copy(&public, &copy_path).is_err(), "never over a file");
        let log = dir.path().join("a/b/log");
        create_dir_all(log.parent().expect("parent")).expect("dirs");
        assert_eq!(mode(&dir.path().join("a")), DIR_MODE);
        assert_eq!(mode(&dir.path().join("a/b")), DIR_MODE);
        drop(open_append(&log).expect("log"));
        assert_eq!(mode(&log), FILE_MODE);
        let before = mode(dir.path());
        create_dir_all(dir.path()).expect("exists");
        assert_eq!(mode(dir.path()), before);
    }
}
