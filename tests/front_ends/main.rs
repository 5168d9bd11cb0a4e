//! The front ends' tests: the real `certlink` binary (CLI, SSH server, terminal
//! app in a pseudo-terminal) and the library parts behind them (one test binary).

// A failed test is the point: tests may unwrap, expect and panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod abuse_limits;
mod abuse_matrix;
mod abuse_secrets;
mod abuse_ssh;
mod backup_restore;
mod cli_admin;
mod cli_costs;
mod cli_dates;
mod cli_designations;
mod cli_faq;
mod cli_harness;
mod cli_lang;
mod cli_language;
mod cli_lists;
mod cli_merge;
mod cli_move;
mod cli_progress;
mod cli_reports;
mod cli_sandbox;
mod cli_usability;
mod fuzz_props;
mod outbox_cli;
mod outbox_smtp;
mod ssh_concurrency;
mod ssh_exec;
mod ssh_keys;
mod ssh_lang;
mod ssh_openssh;
mod ssh_tui;
mod tui_pty;
mod tui_pty_lang;

mod fuzz_harness;
mod outbox_server;
mod sandbox_clock;
mod ssh_harness;
