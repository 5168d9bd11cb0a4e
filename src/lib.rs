//! The `certlink` binary's front ends: the command line ([`cli`]) and the SSH
//! server ([`ssh`]), which runs the same commands and the terminal app
//! (`certlink-tui`) for many people at once. Both call `certlink-core`'s
//! service only.

pub mod cli;
pub mod ssh;
