//! The skills tab on row handles (issue #7) against a reference model: the
//! rows sorted (stable, ties in report order) and filtered in memory, as the
//! tab did when it held every row. Generated reports have name ties, people
//! with several rows, missing values, sub-second times and departed people.
//! Also: the selection follows its row, a superseded pass is dropped, one
//! window read at a time with a bounded cache, gone rows drawn as gone.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use super::tabs::skills::{SkillColumn, SkillsTab, SortOrder};
use super::theme::Theme;
use certlink_core::browse::index::{
    Handles, IndexBuilder, IndexRequest, PushError, RowHandle, Stop,
};
use certlink_core::browse::sort::SortBudget;
use certlink_core::report;
use certlink_core::service::SkillRow;
use certlink_domain::skills::SkillKind;
use certlink_domain::time::DateFormat;
use certlink_domain::{AccountId, AccountStatus, Mcid, MpnId};

fn at() -> DateTime<Utc> {
    // A literal, valid date: cannot fail.
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn dates() -> DateFormat {
    DateFormat::new(chrono_tz::UTC, at())
}

/// A small deterministic generator (xorshift): the same report every run.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }
}

/// `people` people of one organization, each with 1..=4 rows (a few with an
/// empty skill row), values drawn from small pools so that ties are common.
fn report_of(people: usize, seed: u64) -> Vec<SkillRow> {
    let mut g = Gen(seed.max(1));
    let org = MpnId::new(1_234_567).expect("valid MPN ID");
    let names = [
        "Ada Lovelace",
        "Alan Turing",
        "Grace Hopper",
        "王小明",
        "ada lovelace",
        "Zoë",
    ];
    let skills = ["AZ-104", "AZ-900", "SC-200", "pu-security"];
    let competencies = ["Azure Infrastructure", "Security", "Data and AI"];
    let mut rows = Vec::new();
    for p in 0..people {
        let name = g.pick(&names).to_string();
        let email: certlink_domain::Email = format!("p{:03}@x{}.example.com", g.below(1000), p)
            .parse()
            .expect("valid email");
        let mcid = (g.below(4) > 0)
            .then(|| Mcid::new(10_000_000 + g.below(50)).ok())
            .flatten();
        let departed = g.below(8) == 0;
        let status = [
            AccountStatus::Active,
            AccountStatus::Invited,
            AccountStatus::Deleted,
        ][g.below(3) as usize];
        for _ in 0..1 + g.below(4) {
            let has_skill = g.below(10) > 0;
            let time = |g: &mut Gen| {
                // Whole days, and sometimes a part of a second: both order.
                at() - TimeDelta::days(g.below(20) as i64)
                    + TimeDelta::nanoseconds(if g.below(3) == 0 {
                        g.below(999) as i64
                    } else {
                        0
                    })
            };
            let earned = has_skill.then(|| time(&mut g));
            let visible_from = (has_skill && g.below(2) == 0).then(|| time(&mut g));
            rows.push(SkillRow {
                account: AccountId(p as u64 + 1),
                mpn_id: org,
                name: name.clone(),
                email: email.clone(),
                mcid,
                linked_since: mcid.map(|_| at()),
                account_status: status,
                departed_still_linked: departed,
                kind: has_skill.then(|| SkillKind::ALL[g.below(5) as usize]),
                skill_id: has_skill.then(|| g.pick(&skills).to_string()),
                skill_name: has_skill.then(|| "A skill".to_string()),
                earned,
                expires: None,
                visible_from,
                expected_from: None,
                reflected: visible_from.is_none() || g.below(2) == 0,
                competencies: (0..g.below(3))
                    .map(|_| g.pick(&competencies).to_string())
                    .collect(),
            });
        }
    }
    rows
}

/// The reference: positions sorted stably by the column, then filtered on
/// the cells (each in lower case, never across two).
fn reference(rows: &[SkillRow], order: SortOrder, filter: &str) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..rows.len()).collect();
    positions.sort_by(|&a, &b| {
        let o = order.column.compare(&rows[a], &rows[b]);
        if order.descending { o.reverse() } else { o }
    });
    let needle = filter.trim().to_lowercase();
    let dates = dates();
    positions
        .into_iter()
        .filter(|&p| {
            needle.is_empty() || {
                let cells = report::skill_cells(&rows[p], &dates);
                SkillColumn::ALL
                    .iter()
                    .map(|c| c.cell())
                    .chain([8])
                    .any(|i| cells[i].to_lowercase().contains(&needle))
            }
        })
        .collect()
}

/// The tab's view as positions in `rows`.
fn view_positions(tab: &SkillsTab, rows: &[SkillRow]) -> Vec<usize> {
    let mut handles = Handles::default();
    let place: std::collections::HashMap<RowHandle, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (handles.next(r).expect("a handle"), i))
        .collect();
    tab.view_handles().iter().map(|h| place[h]).collect()
}

fn tab_over(rows: &[SkillRow], order: SortOrder, filter: &str) -> SkillsTab {
    let mut tab = SkillsTab::with_rows(rows.to_vec(), dates());
    tab.sort = order;
    tab.filter.set(filter);
    tab.filter_changed();
    tab.index_in_memory(rows);
    tab
}

fn every_order() -> Vec<SortOrder> {
    SkillColumn::ALL
        .iter()
        .flat_map(|&column| [false, true].map(|descending| SortOrder { column, descending }))
        .collect()
}

#[test]
fn every_column_sorts_as_the_rows_in_memory_both_ways() {
    let rows = report_of(150, 7);
    assert!(rows.len() > 300, "{} rows", rows.len());
    for order in every_order() {
        let tab = tab_over(&rows, order, "");
        assert_eq!(
            view_positions(&tab, &rows),
            reference(&rows, order, ""),
            "{order:?}"
        );
        assert_eq!(tab.shown(), rows.len());
    }
}

#[test]
fn sorting_through_runs_on_disk_gives_the_same_order() {
    let rows = report_of(120, 11);
    let tiny = SortBudget {
        key_bytes: 256,
        records: 8,
    };
    for order in every_order() {
        let request = IndexRequest {
            known: None,
            sort: Some(order),
            filter: None,
        };
        let mut builder = IndexBuilder::new(request, dates(), tiny);
        for row in &rows {
            builder.push(row).expect("pushed");
        }
        let update = builder.finish().expect("sorted");
        let (_, sorted) = update.sorted.expect("a sort");
        let sorted: Vec<usize> = sorted.iter().map(|&p| p as usize).collect();
        assert_eq!(sorted, reference(&rows, order, ""), "{order:?}");
    }
}

#[test]
fn the_filter_matches_as_the_cells_in_memory_and_the_view_keeps_the_sort() {
    let rows = report_of(150, 3);
    for filter in [
        "ada",
        "ADA LOVELACE",
        "still linked",
        "pending",
        "az-",
        "security",
        "2026-11-1",
        "  王小明 ",
        "zzz",
        "active",
        "p00",
    ] {
        for order in [
            SortOrder::default(),
            SortOrder {
                column: SkillColumn::Earned,
                descending: true,
            },
        ] {
            let tab = tab_over(&rows, order, filter);
            let expected = reference(&rows, order, filter);
            assert_eq!(
                view_positions(&tab, &rows),
                expected,
                "{filter:?} {order:?}"
            );
            assert_eq!(tab.shown(), expected.len());
            assert_eq!(tab.total(), rows.len(), "N of M: M is every row");
        }
    }
    // A match never spans two cells: a name's end and the e-mail's start.
    let rows = report_of(20, 5);
    let tab = tab_over(&rows, SortOrder::default(), "lovelacep");
    assert_eq!(tab.shown(), 0);
}

#[test]
fn the_selection_follows_its_row_across_sorts_and_filters() {
    let rows = report_of(100, 9);
    let mut tab = tab_over(&rows, SortOrder::default(), "");
    tab.move_by(37);
    let chosen = tab.view_handles()[37];
    for order in every_order() {
        tab.sort = order;
        tab.index_in_memory(&rows);
        assert_eq!(tab.view_handles()[tab.selected], chosen, "{order:?}");
    }
    let row = &rows[view_positions(&tab, &rows)[tab.selected]];
    tab.filter.set(&row.email.to_string());
    tab.filter_changed();
    tab.index_in_memory(&rows);
    assert_eq!(tab.view_handles()[tab.selected], chosen, "still shown");
    tab.filter.set("no row has this");
    tab.filter_changed();
    tab.index_in_memory(&rows);
    assert_eq!(tab.shown(), 0);
    assert_eq!(tab.selected, 0);
    tab.clear_filter();
    assert_eq!(tab.shown(), rows.len(), "cleared at once, no pass");
    assert!(tab.plan_index().is_none());
}

#[test]
fn a_newer_pass_supersedes_the_running_one() {
    let rows = report_of(60, 13);
    let mut tab = tab_over(&rows, SortOrder::default(), "");
    let before = tab.view_handles();
    tab.cycle_sort(&SkillColumn::ALL);
    let first = tab.plan_index().expect("a pass for Email");
    assert!(
        tab.plan_index().is_none(),
        "the same pass is not asked twice"
    );
    tab.reverse_sort();
    assert!(
        tab.plan_index().is_none(),
        "the next pass waits for the running one to stop"
    );
    assert!(
        first.latest.load(std::sync::atomic::Ordering::Relaxed) > first.generation,
        "the first pass sees it is superseded"
    );
    // The first pass's answer comes: dropped.
    let answer = |job: super::tabs::skills::IndexJob| {
        let mut builder = IndexBuilder::new(job.request, job.dates, SortBudget::DEFAULT);
        rows.iter().for_each(|r| builder.push(r).expect("pushed"));
        builder.finish().map_err(|_| unreachable_failure())
    };
    let generation = first.generation;
    assert!(tab.index_done(generation, answer(first)).is_none());
    assert_eq!(tab.view_handles(), before, "nothing changed");
    let second = tab.plan_index().expect("now the pass for Email descending");
    assert!(second.generation > generation);
    // Back to the sort shown: the running pass is not needed any more.
    tab.sort = SortOrder::default();
    assert!(tab.plan_index().is_none());
    assert!(tab.is_working(), "until it has stopped");
    let generation = second.generation;
    tab.index_done(generation, answer(second));
    assert_eq!(tab.view_handles(), before, "its answer is dropped");
    assert!(!tab.is_working());
    assert!(tab.plan_index().is_none());
}

fn unreachable_failure() -> super::tabs::skills::IndexFailure {
    super::tabs::skills::IndexFailure::Message("not expected".into())
}

#[test]
fn a_changed_report_stops_a_pass_and_the_next_reads_everything() {
    let rows = report_of(40, 17);
    let mut tab = tab_over(&rows, SortOrder::default(), "");
    tab.reverse_sort();
    let job = tab.plan_index().expect("a pass");
    assert!(
        job.request.known.is_some(),
        "a sort checks the handles it has"
    );
    let mut builder = IndexBuilder::new(job.request, job.dates, SortBudget::DEFAULT);
    // Someone left: their rows are gone from the stream.
    let stop = rows[3..]
        .iter()
        .try_for_each(|r| builder.push(r))
        .expect_err("the handles differ");
    assert!(matches!(stop, PushError::Stop(Stop::Changed)));
    tab.index_done(
        job.generation,
        Err(super::tabs::skills::IndexFailure::Stop(Stop::Changed)),
    );
    let again = tab.plan_index().expect("a full pass follows");
    assert!(again.request.known.is_none(), "reads the handles afresh");
}

#[test]
fn one_window_read_at_a_time_and_the_cache_stays_bounded() {
    let rows = report_of(400, 21);
    let mut tab = SkillsTab::with_rows(rows.clone(), dates());
    tab.reload();
    assert_eq!(tab.cached_rows(), 0);
    let visible = 16;
    let first = tab.plan_rows(visible).expect("the window is read");
    assert!(first.len() <= visible * 5, "{}", first.len());
    // Scrolling fast while it runs asks for nothing more.
    for _ in 0..50 {
        tab.move_by(40);
        assert!(tab.plan_rows(visible).is_none());
    }
    // Its rows come: only those of the current window are kept, and the
    // newest window is read next.
    let by_handle = |wanted: &[RowHandle]| {
        let mut handles = Handles::default();
        let all: std::collections::HashMap<RowHandle, SkillRow> = rows
            .iter()
            .map(|r| (handles.next(r).expect("a handle"), r.clone()))
            .collect();
        wanted
            .iter()
            .map(|h| (*h, all.get(h).cloned()))
            .collect::<Vec<_>>()
    };
    tab.take_rows(by_handle(&first), visible);
    assert!(tab.cached_rows() <= visible * 5);
    let next = tab.plan_rows(visible).expect("the newest window");
    tab.take_rows(by_handle(&next), visible);
    assert!(tab.plan_rows(visible).is_none(), "all at hand");
    assert!(tab.selected_row().is_some());
    assert!(tab.cached_rows() <= visible * 5);
}

#[test]
fn rows_not_read_yet_or_gone_never_show_a_value() {
    let rows = report_of(30, 23);
    let mut tab = SkillsTab::with_rows(rows.clone(), dates());
    tab.reload();
    let draw = |tab: &SkillsTab| {
        let mut terminal = Terminal::new(TestBackend::new(80, 12)).expect("terminal");
        terminal
            .draw(|f| tab.draw(f, Rect::new(0, 0, 80, 12), &Theme::plain(), None))
            .expect("drawn");
        super::tests::text_of(&terminal)
    };
    let text = draw(&tab);
    assert!(text.contains("▶ …"), "{text}");
    assert!(!text.contains('@'), "no e-mail made up\n{text}");
    let wanted = tab
        .plan_rows(SkillsTab::page(Rect::new(0, 0, 80, 12)))
        .expect("a read");
    // Every person left the report meanwhile.
    tab.take_rows(wanted.into_iter().map(|h| (h, None)).collect(), 7);
    let text = draw(&tab);
    assert!(text.contains("▶ (gone)"), "{text}");
    assert!(
        text.contains("This row is no longer in the report: reading the report again…"),
        "{text}"
    );
    assert!(tab.plan_rows(7).is_none(), "gone rows are not read again");
    // The report changed under the tab: it reads itself again, whole, with
    // no key pressed (issue 15, principle 2).
    let again = tab.plan_index().expect("a pass follows by itself");
    assert!(again.request.known.is_none(), "the handles afresh");
}

fn any_order() -> impl Strategy<Value = SortOrder> {
    (0..SkillColumn::ALL.len(), any::<bool>()).prop_map(|(i, descending)| SortOrder {
        column: SkillColumn::ALL[i],
        descending,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any report, sort and filter: the handle view equals the rows sorted
    /// and filtered in memory.
    #[test]
    fn the_handle_view_equals_the_reference(
        people in 0usize..40,
        seed in 1u64..u64::MAX,
        order in any_order(),
        filter in prop::sample::select(vec!["", "a", "az", "still", "2026", "sec", "ö", "x"]),
    ) {
        let rows = report_of(people, seed);
        let tab = tab_over(&rows, order, filter);
        prop_assert_eq!(view_positions(&tab, &rows), reference(&rows, order, filter));
        prop_assert_eq!(tab.total(), rows.len());
    }
}

/// A whole-report pass over `rows`, as the worker would run `job`.
fn run_pass(
    job: super::tabs::skills::IndexJob,
    rows: &[SkillRow],
) -> Result<certlink_core::browse::index::IndexUpdate, super::tabs::skills::IndexFailure> {
    let mut builder = IndexBuilder::new(job.request, job.dates, SortBudget::DEFAULT);
    rows.iter()
        .try_for_each(|r| builder.push(r))
        .and_then(|()| builder.finish())
        .map_err(|_| unreachable_failure())
}

#[test]
fn a_change_while_a_pass_runs_supersedes_it_and_the_next_reads_everything() {
    let rows = report_of(40, 29);
    let mut tab = tab_over(&rows, SortOrder::default(), "");
    // A first change: a whole pass is asked.
    tab.note_changes(1, dates());
    let first = tab.plan_index().expect("a whole pass");
    assert!(first.request.known.is_none());
    let generation = first.generation;
    let latest = std::sync::Arc::clone(&first.latest);
    // Another change while it runs: it may have read past it.
    tab.note_changes(2, dates());
    assert!(
        latest.load(std::sync::atomic::Ordering::Relaxed) > generation,
        "the running pass sees it is superseded"
    );
    let answer = run_pass(first, &rows);
    assert_eq!(tab.index_done(generation, answer), None);
    let again = tab.plan_index().expect("a new whole pass");
    assert!(again.request.known.is_none(), "reads the handles afresh");
    let generation = again.generation;
    let answer = run_pass(again, &rows);
    assert_eq!(tab.index_done(generation, answer), None);
    assert!(tab.plan_index().is_none(), "up to date");
    // The same count again: nothing to read.
    tab.note_changes(2, dates());
    assert!(tab.plan_index().is_none());
}
