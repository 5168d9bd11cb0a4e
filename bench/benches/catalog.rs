//! What the message catalog costs (docs/performance.md, "Words"): building a
//! language's catalog (once per process, on its first text: before the
//! first frame of a session in that language), a fixed text, and a text
//! with placeholders.

use certlink_i18n::Lang;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn catalog(c: &mut Criterion) {
    let mut group = c.benchmark_group("catalog");
    for lang in Lang::ALL {
        group.bench_with_input(BenchmarkId::new("build", lang.tag()), &lang, |b, &lang| {
            b.iter(|| certlink_i18n::build_uncached(black_box(lang)))
        });
        lang.warm();
        group.bench_with_input(
            BenchmarkId::new("fixed text", lang.tag()),
            &lang,
            |b, &lang| b.iter(|| black_box(lang).countdown_today().len()),
        );
        group.bench_with_input(
            BenchmarkId::new("countdown", lang.tag()),
            &lang,
            |b, &lang| b.iter(|| black_box(lang).countdown_days(black_box(30))),
        );
    }
    group.finish();
}

criterion_group!(benches, catalog);
criterion_main!(benches);
