//! Learning-record files (JSON Lines and CSV) as arbitrary bytes through the
//! parsers and, when accepted, the service's importer on a copy of the demo
//! database. The checks are in `tests/fuzz_harness/import.rs`, shared with
//! the proptest twin in `tests/fuzz_props.rs`.
#![no_main]

#[path = "../../tests/front_ends/fuzz_harness/demo_db.rs"]
#[allow(dead_code)]
mod demo_db;
#[path = "../../tests/front_ends/fuzz_harness/import.rs"]
mod import;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = import::check(data) {
        panic!("{e}");
    }
});
