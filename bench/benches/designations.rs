//! Solutions Partner designation scores on a large organization: every area's
//! score of Contoso (who holds nine in ten generated people, nine in ten of
//! them linked, with 0–2 certifications each), read from the holdings table;
//! the deletion preview with its what-if (every score twice); and the first
//! page of a metric's people named. Prints the organization's linked people.
//!
//! Run: `CERTLINK_BENCH_PEOPLE=10000,125000 cargo bench -p certlink-bench --bench designations`

use certlink_bench::{Fixture, scales};
use certlink_core::service::OrgLinkFilter;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn scores(c: &mut Criterion) {
    let mut group = c.benchmark_group("designations");
    group.sample_size(20);
    for people in scales() {
        let f = Fixture::new(people, false);
        let admin = f.sign_in("ada@contoso.com");
        let report = f.service.designations(&admin).expect("scores");
        let linked = f
            .service
            .count_org_links(&admin, &OrgLinkFilter::default())
            .expect("count");
        let holders: usize = report
            .areas
            .iter()
            .map(|a| a.counted_people())
            .max()
            .unwrap_or(0);
        eprintln!(
            "{people} people: Contoso has {linked} linked MCIDs; the largest area counts {holders}"
        );
        // A linked person with certifications, for the what-if.
        let leaving = f
            .service
            .designation_people(&admin, &report, 1, 0, 0, 1)
            .expect("people")
            .pop()
            .expect("someone counts for Azure Infrastructure");
        group.bench_with_input(BenchmarkId::new("all_areas", people), &people, |b, _| {
            b.iter(|| f.service.designations(&admin).expect("scores"))
        });
        group.bench_with_input(
            BenchmarkId::new("deletion_preview_with_what_if", people),
            &people,
            |b, _| {
                b.iter(|| {
                    f.service
                        .delete_account_preview(&admin, leaving.email.as_str())
                        .expect("preview")
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("first_100_people_named", people),
            &people,
            |b, _| {
                b.iter(|| {
                    f.service
                        .designation_people(&admin, &report, 1, 0, 0, 100)
                        .expect("people")
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, scores);
criterion_main!(benches);
