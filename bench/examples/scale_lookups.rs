//! One person's lookups and the first skills page on an existing generated
//! file, without copying it (a 10M file is ~20 GB: `Fixture` would copy it for
//! each benchmark, and the `queries` bench also builds the whole report in
//! memory, ~10 GB there). The same four lookups as `queries -- lookup`, plus
//! `skills_report_first_page(100)`, each timed as the mean of a few thousand
//! calls after a warm-up (a plain harness, not criterion).
//!
//! `cargo build --release -p certlink-bench --example scale_lookups &&
//!  target/release/examples/scale_lookups FILE PEOPLE`
//! (bench/scripts/scale_lookups.sh). Sign-ins add a few audit records to FILE.

use std::time::{Duration, Instant};

use certlink_core::demo;
use certlink_core::service::{Environment, HistoryTarget, Service, SignInSource};

/// Calls `f` for about `budget` after a warm-up and returns the mean per call.
fn mean<T>(budget: Duration, mut f: impl FnMut() -> T) -> Duration {
    for _ in 0..200 {
        std::hint::black_box(f());
    }
    let started = Instant::now();
    let mut calls = 0u32;
    while started.elapsed() < budget {
        for _ in 0..50 {
            std::hint::black_box(f());
        }
        calls += 50;
    }
    started.elapsed() / calls
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE PEOPLE");
    let people: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .expect("FILE PEOPLE");
    let opened = Instant::now();
    let service = Service::open(path.as_ref(), Environment::default()).expect("open");
    eprintln!("opened in {:?}", opened.elapsed());
    let sign_in =
        |email: &str, password: &str| service.sign_in(email, password, &SignInSource::Local).ok();
    // As `queries -- lookup`: the Contoso person nearest the end, and the staff.
    let contoso = |from: usize| {
        (0..from)
            .rev()
            .map(|i| format!("p{i}@contoso.com"))
            .find(|email| sign_in(email, demo::ACCOUNT_PASSWORD).is_some())
            .expect("a Contoso person")
    };
    let person = sign_in(&contoso(people - 3), demo::ACCOUNT_PASSWORD).expect("person");
    let admin = sign_in("ada@contoso.com", demo::ACCOUNT_PASSWORD).expect("admin");
    let support = sign_in("sam@support.example.com", demo::SUPPORT_PASSWORD).expect("support");
    let target = HistoryTarget::Account(contoso(people / 2).parse().expect("email"));
    let budget = Duration::from_secs(2);
    let rows = [
        (
            "profile",
            mean(budget, || service.profile(&person).expect("profile")),
        ),
        (
            "link_history",
            mean(budget, || {
                service.link_history(&person, 50).expect("history")
            }),
        ),
        (
            "org_links_first_page",
            mean(budget, || {
                service.org_links(&admin, None, 50).expect("links")
            }),
        ),
        (
            "support_history_lookup",
            mean(budget, || {
                service.history(&support, &target, 50).expect("history")
            }),
        ),
        (
            "skills_first_page_100_people",
            mean(budget, || {
                service
                    .skills_report_first_page(&admin, 100)
                    .expect("first page")
            }),
        ),
    ];
    for (name, took) in rows {
        println!("{people}\t{name}\t{:.2} µs", took.as_secs_f64() * 1e6);
    }
}
