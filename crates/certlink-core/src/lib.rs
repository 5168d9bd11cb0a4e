//! certlink's core: everything below the front ends. The [`service`] is the one
//! API the CLI, the terminal app and the SSH server call; it signs people in,
//! asks the domain (`certlink-domain`) for every decision and commits through
//! the store, which is private to this crate.
//!
//! - [`service`]: sign-in, permissions, commands and reads; what it uses
//!   besides the database (clock, mail, backup place) comes in its `Environment`.
//! - [`browse`]: the skills report's browsing engine (row handles, the
//!   external sort, filters, cancellation), for any front end.
//! - [`report`]: CSV writing and report wording shared by the front ends.
//! - [`import`]: parsing the learning-records import format.
//! - [`outbox`]: invitation mail (maildir or SMTP); the service's `Mailer`.
//! - [`backup_dir`]: the directory of scheduled backups, the service's `BackupShelf`.
//! - [`demo`]: the sandbox database and the large sandbox population.
//! - [`private_files`]: files and folders only their owner may read (0600/0700).
//! - [`memory`]: giving freed memory back after whole-report passes.
//! - [`advice`]: the words every front end gives a store error's advice.
//! - [`progress`]: the stages and counts long operator work reports.
//!
//! The store (redb tables, records, the writer) is reached only through the
//! service; integration tests open it with the `test-support` feature.

pub mod advice;
pub mod backup_dir;
pub mod browse;
pub mod demo;
pub mod import;
pub mod memory;
pub mod outbox;
pub mod private_files;
pub mod progress;
pub mod report;
pub mod service;
#[cfg(feature = "test-support")]
pub mod store;
#[cfg(not(feature = "test-support"))]
mod store;

/// The store's error, as the service reports it, and its advice (front ends
/// match on them to word the answer; they cannot reach the store itself).
pub use store::{Advice, Damage, DbKind, StoreError};
