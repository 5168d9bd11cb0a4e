//! certlink: link Microsoft certification profiles (MCIDs) to partner
//! organizations under the rules of `domain.md` (R1–R18).
//!
//! Layers, inside out: [`domain`] (rules as pure functions), [`store`] (redb),
//! [`service`] (sign-in, permissions, clock: the API every front end uses), and the
//! front ends ([`cli`], [`tui`], [`ssh`]).

pub mod cli;
pub mod demo;
pub mod domain;
pub mod import;
pub mod outbox;
pub mod report;
pub mod scratch;
pub mod service;
pub mod ssh;
pub mod store;
pub mod tui;
