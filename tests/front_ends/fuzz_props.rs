//! The proptest twins of the cargo-fuzz targets (docs/reliability/fuzzing.md):
//! the same checks (`tests/front_ends/fuzz_harness/`) on generated inputs, a bounded
//! number of cases so `cargo test` stays quick; `FUZZ_PROPS_SCALE=N` runs N
//! times as many. The regression tests at the end replay what fuzzing found.

use crate::fuzz_harness;

use fuzz_harness::{import, keys, tui};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// `cases` by default, times `FUZZ_PROPS_SCALE` when set.
fn config(cases: u32) -> ProptestConfig {
    let scale = std::env::var("FUZZ_PROPS_SCALE")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    ProptestConfig {
        cases: cases * scale,
        ..ProptestConfig::default()
    }
}

fn fail(e: String) -> TestCaseError {
    TestCaseError::fail(e)
}

// ------------------------------------------------------------ SSH key bytes

/// Bytes that look like what terminals send: escape sequences, their pieces,
/// UTF-8, control bytes, paste brackets and mouse reports, mixed with noise.
fn key_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"\x1b".to_vec()),
        Just(b"\x1b[".to_vec()),
        Just(b"\x1bO".to_vec()),
        Just(b"\x1b[A".to_vec()),
        Just(b"\x1b[1;5C".to_vec()),
        Just(b"\x1b[15~".to_vec()),
        Just(b"\x1b[Z".to_vec()),
        Just(b"\x1b[200~".to_vec()),
        Just(b"\x1b[201~".to_vec()),
        Just(b"\x1b[<0;4;2M".to_vec()),
        Just(b"\x1b[<0;4;2m".to_vec()),
        Just(b"\x1b[<64;1;1M".to_vec()),
        Just(b"\x1b[M !!".to_vec()),
        Just("é王😀".as_bytes().to_vec()),
        Just(b"\r\n\t\x7f\x03\x00".to_vec()),
        proptest::collection::vec(any::<u8>(), 1..4),
        "[ -~]{1,4}".prop_map(String::into_bytes),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(config(256))]

    /// The same bytes in one packet or cut anywhere give the same events; after
    /// the Esc timeout nothing is pending and the next key is a key.
    #[test]
    fn ssh_key_bytes_do_not_depend_on_packets(
        bytes in key_bytes(),
        cuts in proptest::collection::vec(0usize..64, 0..8),
    ) {
        keys::check(&bytes, &cuts).map_err(fail)?;
    }
}

// ------------------------------------------------------- learning records

/// One field's value as written: good, edge or wrong.
fn field(choices: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(choices).prop_map(str::to_string),
        1 => "\\PC{0,8}",
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

const FIELDS: [&str; 9] = [
    "mcid",
    "pu_username",
    "kind",
    "skill_id",
    "name",
    "date",
    "expires",
    "passed",
    "status",
];

/// A row's nine fields; empty means absent.
fn row() -> impl Strategy<Value = Vec<String>> {
    (
        field(&["10000001", "10000002", "10000017", "", "0", "99999999"]),
        field(&["", "", "", "hedy.l", "ada.l", "nobody.x"]),
        field(&[
            "exam",
            "certification",
            "assessment",
            "module",
            "learning-path",
            "badge",
        ]),
        field(&["AZ-900", "az-104-cert", "m-1", "lp-azure", "", "has space"]),
        field(&[
            "Azure Fundamentals",
            "Intro, part 1",
            "王小明 \"quoted\"",
            "",
        ]),
        field(&[
            "2026-01-10",
            "2026-11-23T11:00:00Z",
            "2027-01-01",
            "31/12/2026",
            "",
        ]),
        field(&["", "", "2027-03-01", "2025-01-01"]),
        field(&["", "true", "false", "yes", "maybe"]),
        field(&["", "completed", "in-progress", "done"]),
    )
        .prop_map(|(a, b, c, d, e, f, g, h, i)| vec![a, b, c, d, e, f, g, h, i])
}

fn as_jsonl(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::new();
    for row in rows {
        let object: serde_json::Map<String, serde_json::Value> = FIELDS
            .iter()
            .zip(row)
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| {
                let value = match (*k, v.parse::<u64>()) {
                    ("mcid", Ok(n)) => serde_json::Value::from(n),
                    _ => serde_json::Value::from(v.as_str()),
                };
                (k.to_string(), value)
            })
            .collect();
        out.push_str(&serde_json::Value::Object(object).to_string());
        out.push('\n');
    }
    out.into_bytes()
}

fn as_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let quote = |v: &String| {
        if v.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v.clone()
        }
    };
    let mut out = FIELDS.join(",");
    out.push('\n');
    for row in rows {
        out.push_str(&row.iter().map(quote).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out.into_bytes()
}

/// Random bytes, and near-valid files of both formats (most rows are good, so
/// many files reach the importer), sometimes with their bytes damaged.
fn record_file() -> impl Strategy<Value = Vec<u8>> {
    let file = || {
        (proptest::collection::vec(row(), 1..6), any::<bool>())
            .prop_map(|(rows, csv)| if csv { as_csv(&rows) } else { as_jsonl(&rows) })
    };
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..200),
        4 => file(),
        1 => (file(), any::<prop::sample::Index>(), any::<u8>()).prop_map(|(mut f, at, b)| {
            let i = at.index(f.len());
            f[i] = b;
            f
        }),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    /// Any file: no panic, line-numbered errors or valid rows, the same answer
    /// however it is read; accepted rows through the importer change nothing
    /// on refusal, and on success keep the invariants and re-import as no-ops.
    #[test]
    fn learning_record_files_are_rejected_by_line_or_imported_whole(bytes in record_file()) {
        import::check(&bytes).map_err(fail)?;
    }
}

/// Valid rows of both formats do reach the importer and import (so the
/// property above is not only exercising refusals).
#[test]
fn a_valid_file_of_each_format_imports() {
    let good = vec![
        vec![
            "10000001",
            "",
            "exam",
            "AZ-900",
            "Azure, Fundamentals",
            "2026-01-10",
            "",
            "true",
            "",
        ],
        vec![
            "",
            "hedy.l",
            "module",
            "m-1",
            "Intro",
            "2026-01-11",
            "",
            "",
            "completed",
        ],
    ];
    let good: Vec<Vec<String>> = good
        .into_iter()
        .map(|r| r.into_iter().map(str::to_string).collect())
        .collect();
    // The fuzzer's seeds are accepted files too, so it starts on the importer.
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/import");
    let seed = |name: &str| std::fs::read(seeds.join(name)).expect("a seed file");
    for bytes in [
        as_jsonl(&good),
        as_csv(&good),
        seed("records.jsonl"),
        seed("records.csv"),
    ] {
        let rows = import::check_parse(&bytes).unwrap().expect("accepted");
        assert!(!rows.is_empty());
        assert!(import::check_service_import(&rows).unwrap(), "imported");
    }
}

// -------------------------------------------------------------------- TUI

fn tui_events() -> impl Strategy<Value = Vec<(u8, u16, String)>> {
    proptest::collection::vec(
        (any::<u8>(), any::<u16>(), "\\PC{0,12}|[\\x00-\\x1f]{1,3}"),
        0..64,
    )
}

proptest! {
    #![proptest_config(config(48))]

    /// Random keys, clicks, wheel, resizes (1×1..300×100) and pastes from the
    /// sign-in screen or signed in as each role: no panic, every frame exactly
    /// the terminal's area without control characters, invariants intact.
    #[test]
    fn tui_survives_random_events_at_any_size(
        who in any::<u8>(),
        flags in any::<u8>(),
        width in any::<u16>(),
        height in any::<u16>(),
        events in tui_events(),
    ) {
        let start = tui::start_from(who, flags, width, height);
        let events: Vec<_> = events
            .iter()
            .map(|(code, arg, text)| tui::event_from(*code, *arg, text))
            .collect();
        tui::run(start, &events).map_err(fail)?;
    }
}

/// Every start, at the smallest, a small and the largest size, with a few
/// keys: the fixed corners the random test may miss.
#[test]
fn tui_every_role_at_the_corner_sizes() {
    for who in 0..=fuzz_harness::demo_db::SIGN_INS.len() as u8 {
        for (w, h) in [(1, 1), (59, 15), (60, 16), (300, 100)] {
            let start = tui::start_from(who, 0, w - 1, h - 1);
            let events: Vec<_> = [(0u8, 4u16), (0, 1), (0, 2), (0, 0)]
                .iter()
                .map(|(c, a)| tui::event_from(*c, *a, ""))
                .collect();
            tui::run(start, &events).unwrap_or_else(|e| panic!("who {who} at {w}×{h}: {e}"));
        }
    }
}

// ------------------------------------------------- regressions from fuzzing

/// A file with more bad rows than are reported, then a line that is not
/// UTF-8 (JSON Lines) or a broken CSV record: still at most
/// `MAX_REPORTED_ERRORS` errors, as `import::parse` promises.
#[test]
fn a_read_error_after_many_bad_rows_keeps_the_error_cap() {
    let mut jsonl = "{\"mcid\": 0}\n"
        .repeat(certlink_core::import::MAX_REPORTED_ERRORS + 5)
        .into_bytes();
    jsonl.extend_from_slice(b"\xff\n");
    import::check_parse(&jsonl).unwrap();
    let mut csv = b"mcid,kind\n".to_vec();
    csv.extend_from_slice(
        "0,exam\n"
            .repeat(certlink_core::import::MAX_REPORTED_ERRORS + 5)
            .as_bytes(),
    );
    csv.extend_from_slice(b"1,exam,extra\n");
    import::check_parse(&csv).unwrap();
}

/// cargo fuzz `ssh_input`, crash-8a03dec2: Esc, bytes that are not UTF-8,
/// then a mouse report; the Alt key vanished in one packet but not when cut.
#[test]
fn ssh_alt_junk_before_a_mouse_report_does_not_depend_on_packets() {
    let bytes = [27, 197, 197, 197, 197, 91, 60, 48, 59, 52, 59, 50, 77];
    keys::check(&bytes, &[3, 3377]).unwrap();
}

/// Every input cargo fuzz `import` crashed on (kept in fuzz/regressions/import/).
/// crash-7fe6c1f7: 50 bad JSON Lines rows, then a line that is not UTF-8,
/// gave 51 errors.
#[test]
fn import_inputs_that_crashed_the_fuzzer() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/import");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions/import") {
        let path = entry.expect("an entry").path();
        let bytes = std::fs::read(&path).expect("a regression input");
        import::check(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        replayed += 1;
    }
    assert!(
        replayed > 0,
        "no regression inputs found in {}",
        dir.display()
    );
}

/// cargo fuzz `ssh_input`, crash-5d64d88c: a broken `ESC [ <` sequence before
/// a mouse report was swallowed by the report in one packet.
#[test]
fn ssh_broken_sequence_before_a_mouse_report_does_not_depend_on_packets() {
    let bytes = [
        27, 91, 27, 91, 60, 137, 137, 137, 137, 137, 137, 137, 48, 59, 52, 59, 50, 109, 27, 91, 60,
        50, 56, 59, 49, 59, 49, 77,
    ];
    keys::check(&bytes, &[3, 7]).unwrap();
}

/// cargo fuzz `ssh_input`, crash-22932470: `ESC [` then the first byte of a
/// character at a packet's end reached termwiz as an open sequence.
#[test]
fn ssh_open_sequence_before_a_cut_off_character_does_not_depend_on_packets() {
    let mut bytes = vec![27, 91];
    bytes.extend([232; 25]);
    bytes.extend(b"<0;4;2m\x1b[\x1b[201\x1b[\xcd");
    keys::check(&bytes, &[3, 23815]).unwrap();
}
