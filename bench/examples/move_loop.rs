//! A loop of durable moves for profilers (`perf record`, `strace -c`, callgrind):
//! `cargo build --release -p certlink-bench --example move_loop &&
//!  strace -f -c target/release/examples/move_loop 10000 2000`.
//! Arguments: people (default 10,000), moves (default 1,000). Prints the mean.

use std::sync::Arc;
use std::time::Instant;

use certlink::domain::{AccountStatus, MpnId, Roles};
use certlink::service::{ManualClock, NewAccount, SignInSource};
use certlink::store::records::AccountKind;
use certlink_bench::{Fixture, now};
use chrono::TimeDelta;

fn main() {
    let mut args = std::env::args().skip(1);
    let people: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let moves: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000);
    let fixture = Fixture::new(people, true);
    let clock = ManualClock::new(now() + TimeDelta::days(1));
    let service = fixture.service.with_clock(Arc::new(clock.clone()));
    for (email, org) in [
        ("mover@contoso.com", 1_234_567),
        ("mover@fabrikam.com", 2_345_678),
    ] {
        service
            .create_account(NewAccount {
                kind: AccountKind::Member {
                    org: MpnId::new(org).expect("MPN ID"),
                },
                email,
                name: "Mover",
                roles: Roles::USER,
                password: certlink::demo::ACCOUNT_PASSWORD,
                status: AccountStatus::Active,
            })
            .expect("account");
    }
    service
        .add_profile(
            "99999999",
            "mover@learn.example.com",
            "Mover",
            "bench-profile-pass",
        )
        .expect("profile");
    let sessions = ["mover@contoso.com", "mover@fabrikam.com"].map(|email| {
        service
            .sign_in(
                email,
                certlink::demo::ACCOUNT_PASSWORD,
                &SignInSource::Local,
            )
            .expect("sign in")
    });
    eprintln!(
        "ready: {} bytes",
        std::fs::metadata(&fixture.path)
            .map(|m| m.len())
            .unwrap_or(0)
    );
    let started = Instant::now();
    for i in 0..moves {
        clock.advance(TimeDelta::days(122));
        service
            .link(
                &sessions[i % 2],
                "mover@learn.example.com",
                "bench-profile-pass",
            )
            .expect("move");
    }
    let took = started.elapsed();
    if moves == 0 {
        return;
    }
    eprintln!(
        "{moves} moves in {took:?}: mean {:?}; file {} bytes",
        took / moves as u32,
        std::fs::metadata(&fixture.path)
            .map(|m| m.len())
            .unwrap_or(0)
    );
}
