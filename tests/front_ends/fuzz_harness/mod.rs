//! The checks behind the cargo-fuzz targets in `fuzz/` (docs/reliability/
//! fuzzing.md). Each file is self-contained so the fuzz targets include it by
//! path and run exactly the checks `tests/front_ends/fuzz_props.rs` runs.

pub mod demo_db;
pub mod import;
pub mod keys;
pub mod tui;
