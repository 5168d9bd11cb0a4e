//! CSV that is safe to open in a spreadsheet (issue 13, part 5).
//!
//! Partner admins open the skills and users downloads in Excel or LibreOffice,
//! which run a cell that starts with `=`, `+`, `-` or `@` as a formula (and a
//! leading tab or carriage return can hide such a start). Names, emails, skill
//! names and competency names come from people and imports, so a person named
//! `=HYPERLINK(…)` must reach the sheet as text. As OWASP's CSV-injection
//! guidance says, such a cell is written with a leading `'`, which spreadsheets
//! take as "text follows" and do not show. Every CSV certlink writes goes
//! through [`SafeCsv`]; JSON keeps the exact value.

use std::borrow::Cow;
use std::io::{self, Write};

/// The first bytes that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [u8; 6] = [b'=', b'+', b'-', b'@', b'\t', b'\r'];

/// The cell as a spreadsheet must receive it: unchanged, or with a leading `'`
/// when it would start a formula.
pub fn neutralize(cell: &[u8]) -> Cow<'_, [u8]> {
    match cell.first() {
        Some(first) if FORMULA_STARTS.contains(first) => {
            let mut safe = Vec::with_capacity(cell.len() + 1);
            safe.push(b'\'');
            safe.extend_from_slice(cell);
            Cow::Owned(safe)
        }
        _ => Cow::Borrowed(cell),
    }
}

/// A CSV writer whose every cell is [`neutralize`]d; quoting is the csv crate's.
pub struct SafeCsv<W: Write> {
    csv: csv::Writer<W>,
}

impl<W: Write> SafeCsv<W> {
    pub fn new(out: W) -> Self {
        Self {
            csv: csv::Writer::from_writer(out),
        }
    }

    /// One cell of the current record.
    pub fn field(&mut self, cell: impl AsRef<[u8]>) -> io::Result<()> {
        self.csv
            .write_field(neutralize(cell.as_ref()))
            .map_err(io::Error::from)
    }

    /// A whole record (a header, or a row of cells).
    pub fn record<I, T>(&mut self, cells: I) -> io::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        for cell in cells {
            self.field(cell)?;
        }
        self.end_record()
    }

    /// Ends the record begun by [`field`](Self::field) calls.
    pub fn end_record(&mut self) -> io::Result<()> {
        self.csv
            .write_record(None::<&[u8]>)
            .map_err(io::Error::from)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.csv.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(cells: &[&str]) -> String {
        let mut out = Vec::new();
        let mut w = SafeCsv::new(&mut out);
        w.record(cells).expect("in memory");
        w.flush().expect("in memory");
        drop(w);
        String::from_utf8(out).expect("utf-8")
    }

    /// Each character OWASP names starts a formula; each is neutralized.
    #[test]
    fn every_formula_start_is_neutralized() {
        for start in ["=", "+", "-", "@", "\t", "\r"] {
            let cell = format!("{start}HYPERLINK(\"http://x.invalid\",\"click\")");
            assert_eq!(&*neutralize(cell.as_bytes()), format!("'{cell}").as_bytes());
        }
        assert_eq!(
            written(&["=HYPERLINK(\"http://x.invalid\",\"click\")", "ok"]),
            "\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"click\"\")\",ok\n"
        );
    }

    /// Ordinary cells, and cells with a formula character later on, are kept.
    #[test]
    fn other_cells_are_written_as_they_are() {
        for cell in [
            "Ada Lovelace",
            "a=b",
            "AZ-104",
            "",
            "2026-12-31",
            "王小明",
            "'quoted",
        ] {
            assert_eq!(&*neutralize(cell.as_bytes()), cell.as_bytes());
        }
        assert_eq!(written(&["a,b", "x"]), "\"a,b\",x\n");
    }
}
