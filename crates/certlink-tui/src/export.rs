//! The skills report's download (R10): the CSV goes to a file the person
//! confirmed, through the shared writer `report::write_skills_csv`, streamed a
//! row at a time (the rows are read by handle a chunk at a time, issue #7). It is written next to the target and renamed into place, so
//! a failure never leaves half a report under the chosen name.
//!
//! This is the one place a download touches the file system; over SSH a later
//! front end replaces [`write_skills_csv_file`] with a command hint.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use certlink_domain::time::DateFormat;

use certlink_i18n::Lang;

/// Where the dialog proposes to write: `dir/skills-report-YYYY-MM-DD.csv`,
/// dated in the display time zone.
pub fn default_path(dir: &Path, dates: &DateFormat) -> PathBuf {
    dir.join(format!("skills-report-{}.csv", dates.date(dates.now)))
}

/// The path as typed: trimmed, with a leading `~/` meaning the home folder.
pub fn typed_path(text: &str) -> Option<PathBuf> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Some(PathBuf::from(home).join(rest)),
        _ => Some(PathBuf::from(text)),
    }
}

/// Writes a CSV at `path` with `write` (which returns the rows written).
/// Returns the absolute path written and the number of rows, or what went
/// wrong in plain words, in `lang`.
pub fn write_skills_csv_file(
    path: &Path,
    lang: Lang,
    write: impl FnOnce(&mut dyn Write) -> io::Result<usize>,
) -> Result<(PathBuf, usize), String> {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(lang.tui_shell_export_is_folder(shown));
    }
    let Some(file_name) = path.file_name() else {
        return Err(lang.tui_shell_export_no_file(shown));
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(lang.tui_shell_export_no_folder(folder.display().to_string()));
    }
    let mut partial_name = file_name.to_os_string();
    partial_name.push(".part");
    let partial = folder.join(partial_name);
    let written = File::create(&partial).and_then(|file| {
        let mut out = BufWriter::new(file);
        let n = write(&mut out)?;
        out.flush()?;
        out.get_ref().sync_all()?;
        Ok(n)
    });
    let renamed = written.and_then(|n| std::fs::rename(&partial, &path).map(|()| n));
    match renamed {
        Ok(n) => Ok((path, n)),
        Err(e) => {
            // Nothing half-written stays behind; if removing fails too, the
            // ".part" name says what it is.
            let _ = std::fs::remove_file(&partial);
            Err(in_words(&e, folder, &path, lang))
        }
    }
}

fn in_words(e: &io::Error, folder: &Path, path: &Path, lang: Lang) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => {
            lang.tui_shell_export_no_permission(folder.display().to_string())
        }
        io::ErrorKind::StorageFull => lang.tui_shell_export_disk_full(path.display().to_string()),
        _ => lang.tui_shell_export_failed(path.display().to_string(), e.to_string()),
    }
}
