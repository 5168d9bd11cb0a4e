//! What a person waits for on a large database: the profile and its allowance,
//! link history, the organization's first page of links, a support engineer's
//! history lookup; and the skills report: building the organization's rows, CSV
//! formatting rows/s, the streamed export rows/s (report table scan + CSV),
//! import rows/s; the long lists of the terminal app (issue 15): counts, the
//! last page at once, and a filter applied in the store. Scales from
//! `CERTLINK_BENCH_PEOPLE` (default 10,000 and 100,000).
//!
//! Run: `cargo bench -p certlink-bench --bench queries`

use std::time::{Duration, Instant};

use certlink_bench::{Fixture, scales};
use certlink_core::import::{InputFormat, parse};
use certlink_core::service::{
    HistoryTarget, Importer, OrgLinkFilter, OrgLinkSeek, UserFilter, UserSeek,
};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn lookups(c: &mut Criterion) {
    let mut group = c.benchmark_group("lookup");
    for people in scales() {
        let f = Fixture::new(people, false);
        // A generated person near the end of the population, and the staff.
        // Generated people are Contoso's nine times in ten: take the nearest one.
        let contoso = |from: usize| {
            (0..from)
                .rev()
                .map(|i| format!("p{i}@contoso.com"))
                .find(|email| f.try_sign_in(email).is_some())
                .expect("a Contoso person")
        };
        let person = f.sign_in(&contoso(people - 3));
        let admin = f.sign_in("ada@contoso.com");
        let support = f.sign_in("sam@support.example.com");
        let target = HistoryTarget::Account(contoso(people / 2).parse().expect("email"));
        group.bench_with_input(BenchmarkId::new("profile", people), &people, |b, _| {
            b.iter(|| f.service.profile(&person).expect("profile"))
        });
        group.bench_with_input(BenchmarkId::new("link_history", people), &people, |b, _| {
            b.iter(|| f.service.link_history(&person, 50).expect("history"))
        });
        group.bench_with_input(
            BenchmarkId::new("org_links_first_page", people),
            &people,
            |b, _| b.iter(|| f.service.org_links(&admin, None, 50).expect("links")),
        );
        group.bench_with_input(
            BenchmarkId::new("support_history_lookup", people),
            &people,
            |b, _| b.iter(|| f.service.history(&support, &target, 50).expect("history")),
        );
    }
    group.finish();
}

fn reports(c: &mut Criterion) {
    let mut group = c.benchmark_group("skills_report");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for people in scales() {
        let f = Fixture::new(people, false);
        let admin = f.sign_in("ada@contoso.com");
        let rows = f.service.skills_report(&admin).expect("report");
        let dates = f.service.date_format().expect("dates");
        println!("skills_report/{people}: {} rows for Contoso", rows.len());
        group.bench_with_input(BenchmarkId::new("build_rows", people), &people, |b, _| {
            b.iter(|| f.service.skills_report(&admin).expect("report"))
        });
        group.bench_with_input(
            BenchmarkId::new("first_page_100_people", people),
            &people,
            |b, _| {
                b.iter(|| {
                    f.service
                        .skills_report_first_page(&admin, 100)
                        .expect("first page")
                })
            },
        );
        group.throughput(Throughput::Elements(rows.len() as u64));
        // CSV formatting alone, of rows already in memory.
        group.bench_with_input(BenchmarkId::new("csv_export", people), &people, |b, _| {
            b.iter(|| {
                certlink_core::report::write_skills_csv(&rows, &dates, std::io::sink())
                    .expect("csv")
            })
        });
        // The whole export as `report skills --format csv` runs it, after
        // sign-in: one range scan of the report table, rows streamed to CSV.
        group.bench_with_input(
            BenchmarkId::new("stream_csv_export", people),
            &people,
            |b, _| {
                b.iter(|| {
                    let mut csv = certlink_core::report::SkillCsv::new(std::io::sink(), dates)
                        .expect("header");
                    let n = f
                        .service
                        .for_each_skill_row(&admin, |row| csv.row(row))
                        .expect("export");
                    csv.finish().expect("flush");
                    n
                })
            },
        );
    }
    group.finish();
}

/// Import rows/s: one file of `rows` exam records into a fresh sandbox, in one
/// transaction (parsing included).
fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    let people = 10_000;
    let rows_per_file = 100_000;
    let mut text = String::with_capacity(rows_per_file * 120);
    for i in 0..rows_per_file {
        text.push_str(&format!(
            "{{\"mcid\": {}, \"kind\": \"exam\", \"skill_id\": \"EX-{}\", \"name\": \"Exam {}\", \"date\": \"2026-0{}-1{}\", \"passed\": true}}\n",
            20_000_000 + (i % people),
            i,
            i % 97,
            1 + i % 9,
            i % 10
        ));
    }
    group.throughput(Throughput::Elements(rows_per_file as u64));
    group.bench_function(BenchmarkId::new("jsonl_rows", rows_per_file), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let f = Fixture::new(people, false);
                let started = Instant::now();
                let rows = parse(text.as_bytes(), InputFormat::JsonLines, |_| {}).expect("rows");
                f.service
                    .import_records(Importer::Operator, &rows, &mut |_, _| {})
                    .expect("import");
                total += started.elapsed();
            }
            total
        })
    });
    group.finish();
}

/// The Users list and the organization's current links as a Global Admin
/// pages them: the total in the title, End (the last page, read backwards
/// from the index), and a filter that matches few (read through the store).
fn lists(c: &mut Criterion) {
    let mut group = c.benchmark_group("lists");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    for people in scales() {
        let f = Fixture::new(people, false);
        let admin = f.sign_in("ada@contoso.com");
        let all_users = UserFilter::default();
        let few_users = UserFilter::new("lovelace").expect("filter");
        let all_links = OrgLinkFilter::default();
        let few_links = OrgLinkFilter::new("lovelace").expect("filter");
        let s = &f.service;
        group.bench_with_input(BenchmarkId::new("users_count", people), &people, |b, _| {
            b.iter(|| s.count_users(&admin, &all_users).expect("count"))
        });
        group.bench_with_input(
            BenchmarkId::new("users_last_page", people),
            &people,
            |b, _| {
                b.iter(|| {
                    s.users_page(&admin, &all_users, UserSeek::Last, 40)
                        .expect("page")
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("users_count_filtered", people),
            &people,
            |b, _| b.iter(|| s.count_users(&admin, &few_users).expect("count")),
        );
        group.bench_with_input(
            BenchmarkId::new("org_links_count", people),
            &people,
            |b, _| b.iter(|| s.count_org_links(&admin, &all_links).expect("count")),
        );
        group.bench_with_input(
            BenchmarkId::new("org_links_last_page", people),
            &people,
            |b, _| {
                b.iter(|| {
                    s.org_links_page(&admin, &all_links, OrgLinkSeek::Last, 40)
                        .expect("page")
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("org_links_count_filtered", people),
            &people,
            |b, _| b.iter(|| s.count_org_links(&admin, &few_links).expect("count")),
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(Duration::from_secs(3));
    targets = lookups, reports, import, lists
}
criterion_main!(benches);
