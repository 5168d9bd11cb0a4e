//! The terminal app on a large database: drawing each screen into a 120×40 buffer,
//! and a key press to a finished frame (update, any service reads it triggers,
//! and the draw). Scales from `CERTLINK_BENCH_PEOPLE` (default 10,000 and 100,000).
//!
//! Run: `cargo bench -p certlink-bench --bench screens`

use std::sync::Arc;
use std::time::Duration;

use certlink_bench::{Fixture, scales};
use certlink_tui::action::Action;
use certlink_tui::app::App;
use certlink_tui::draw;
use certlink_tui::theme::Theme;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// Applies an action and runs the job it starts, as the worker thread would,
/// then the background jobs it queues (the skills tab's passes and row reads).
fn act(app: &mut App, action: Action) {
    let mut next = app.update(action);
    loop {
        while let Some(job) = next {
            let done = job.run(app.service());
            next = app.job_done(done);
        }
        let background = app.take_background();
        if background.is_empty() {
            return;
        }
        for job in background {
            let done = job.run(app.service());
            next = next.or(app.job_done(done));
        }
    }
}

fn signed_in(service: certlink_core::service::Service, email: &str) -> App {
    let mut app = App::new(Arc::new(service), None, Theme::colored());
    act(
        &mut app,
        Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    for c in email.chars() {
        act(&mut app, Action::Type(c));
    }
    act(&mut app, Action::NextField);
    for c in certlink_core::demo::ACCOUNT_PASSWORD.chars() {
        act(&mut app, Action::Type(c));
    }
    act(&mut app, Action::Activate);
    assert!(app.main().is_some(), "{email} signed in");
    app
}

/// Benchmarks one frame of `app` under `name`: with `key`, the key press is
/// handled first (its update, the service reads it starts, then the draw).
fn frame(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    people: usize,
    terminal: &mut Terminal<TestBackend>,
    app: &mut App,
    key: Option<Action>,
) {
    group.bench_with_input(BenchmarkId::new(name, people), &people, |b, _| {
        b.iter(|| {
            if let Some(key) = &key {
                act(app, key.clone());
            }
            terminal
                .draw(|frame| draw::draw(frame, app))
                .map(|_| ())
                .expect("draw")
        })
    });
}

fn screens(c: &mut Criterion) {
    let mut group = c.benchmark_group("tui");
    for people in scales() {
        let f = Fixture::new(people, false);
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
        let mut app = signed_in(f.service, "ada@contoso.com");
        let (t, a) = (&mut terminal, &mut app);
        frame(&mut group, "draw_profile_120x40", people, t, a, None);
        act(a, Action::NextTab);
        frame(&mut group, "draw_associations_120x40", people, t, a, None);
        // The skills report (issue #7): drawn from the handles and the cached
        // window; a page down reads the next window's rows by handle.
        act(a, Action::SelectTab(2));
        frame(&mut group, "draw_skills_120x40", people, t, a, None);
        let page_down = Some(Action::PageDown);
        frame(
            &mut group,
            "key_to_frame_skills_page_down",
            people,
            t,
            a,
            page_down,
        );
        act(a, Action::SelectTab(1));
        // Key press to finished frame: switching tabs reloads the tab's data.
        frame(
            &mut group,
            "key_to_frame_tab_switch",
            people,
            t,
            a,
            Some(Action::NextTab),
        );
        frame(
            &mut group,
            "key_to_frame_move_down",
            people,
            t,
            a,
            Some(Action::Down),
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(Duration::from_secs(3));
    targets = screens
}
criterion_main!(benches);
