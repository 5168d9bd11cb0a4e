//! certlink-core's integration tests: the service's rules, reports and
//! invariants, driven through its public API (one test binary for the layer).

// A failed test is the point: tests may unwrap, expect and panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod abuse_signin;
mod admin_support;
mod invariants_model;
mod merge_preview;
mod outlook_paging;
mod preferences;
mod r16_history;
mod report_passes;
mod report_table;
mod reports;
