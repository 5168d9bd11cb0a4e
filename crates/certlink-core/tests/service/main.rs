//! certlink-core's integration tests: the service's rules, reports and
//! invariants, driven through its public API (one test binary for the layer).

// A failed test is the point: tests may unwrap, expect and panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod abuse_signin;
mod admin_support;
mod designations;
mod designations_model;
mod invariants_model;
mod merge_preview;
mod outlook_paging;
mod preferences;
mod r16_history;
mod report_passes;
mod report_table;
mod reports;

use std::sync::Arc;

use certlink_core::service::{Environment, ManualClock, Service};
use certlink_core::store::{DbKind, Store};

/// A sandbox service in memory on a clock the test moves, from `start`.
fn sandbox_at(start: chrono::DateTime<chrono::Utc>) -> (Service, ManualClock) {
    let store = Store::in_memory(DbKind::Sandbox, &certlink_domain::Settings::sandbox()).unwrap();
    let clock = ManualClock::new(start);
    let service = Service::with_store(store, Environment::default())
        .unwrap()
        .with_clock(Arc::new(clock.clone()));
    (service, clock)
}
