//! The figures: a line per series as it ends, then one table and the ratios
//! issue 17 sets as targets.

use std::collections::BTreeMap;
use std::time::Duration;

use certlink_bench::percentiles;

use crate::plan::{Plan, Series};
use crate::run::Outcome;

pub fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

pub fn utc() -> String {
    chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// A series at one writer count, all rounds together.
struct Figures {
    outcome: Outcome,
    p50: Duration,
    p99: Duration,
}

impl Figures {
    fn rate(&self) -> f64 {
        let wall = self.outcome.wall.as_secs_f64();
        if wall > 0.0 {
            self.outcome.done as f64 / wall
        } else {
            0.0
        }
    }
}

#[derive(Default)]
pub struct Report {
    /// By series (in the plan's order) and writer count.
    rows: BTreeMap<(usize, usize), (Series, Outcome)>,
    failed: bool,
}

impl Report {
    pub fn add(&mut self, round: usize, series: Series, n: usize, mut outcome: Outcome) {
        let mut sorted = outcome.samples.clone();
        let (p50, p99) = if sorted.is_empty() {
            (Duration::ZERO, Duration::ZERO)
        } else {
            percentiles(&mut sorted)
        };
        let rate = outcome.done as f64 / outcome.wall.as_secs_f64().max(1e-9);
        println!(
            "   round {round}  {:<22} {n:>3} writers  {rate:>9.0} /s  p50 {:>8.3} ms  p99 {:>8.3} ms  n={}{}  load {}",
            series.name(),
            ms(p50),
            ms(p99),
            outcome.done,
            problems(&outcome),
            load()
        );
        if let Some(p) = &outcome.first_problem {
            println!("      first: {p}");
        }
        self.failed |= outcome.refused + outcome.failed > 0;
        let key = (series as usize, n);
        match self.rows.get_mut(&key) {
            Some((_, total)) => total.merge(std::mem::take(&mut outcome)),
            None => {
                self.rows.insert(key, (series, outcome));
            }
        }
    }

    pub fn failed(&self) -> bool {
        self.failed
    }

    fn figures(&self, series: Series, n: usize) -> Option<Figures> {
        let (_, outcome) = self.rows.get(&(series as usize, n))?;
        let mut samples = outcome.samples.clone();
        if samples.is_empty() {
            return None;
        }
        let (p50, p99) = percentiles(&mut samples);
        Some(Figures {
            outcome: Outcome {
                done: outcome.done,
                refused: outcome.refused,
                failed: outcome.failed,
                stopped: outcome.stopped,
                wall: outcome.wall,
                samples: Vec::new(),
                first_problem: None,
            },
            p50,
            p99,
        })
    }

    pub fn print(&self, plan: &Plan, people: usize) {
        println!(
            "\n== many writers, {people} people ({}, {} round(s); ended {} UTC, load {})",
            plan.bound(),
            plan.rounds,
            utc(),
            load()
        );
        println!(
            "{:<22} {:>7} {:>11} {:>10} {:>10} {:>9}  not moves",
            "series", "writers", "per second", "p50 ms", "p99 ms", "n"
        );
        for (&(_, n), (series, _)) in &self.rows {
            let Some(f) = self.figures(*series, n) else {
                continue;
            };
            println!(
                "{:<22} {n:>7} {:>11.0} {:>10.3} {:>10.3} {:>9}  {}",
                series.name(),
                f.rate(),
                ms(f.p50),
                ms(f.p99),
                f.outcome.done,
                problems(&f.outcome).trim()
            );
        }
        println!("\n-- ratios (issue 17 targets)");
        for series in [Series::Service, Series::Ssh] {
            if !plan.runs(series) {
                continue;
            }
            let one = self.figures(series, 1);
            let sixteen = self.figures(series, 16);
            let sqlite16 = self.figures(Series::Sqlite, 16);
            let name = series.name();
            ratio(
                &format!("{name}: rate at 16 writers / at 1"),
                sixteen
                    .as_ref()
                    .zip(one.as_ref())
                    .map(|(a, b)| a.rate() / b.rate()),
                "≥ 8×",
            );
            ratio(
                &format!("{name} at 16 / SQLite at 16 (rate)"),
                sixteen
                    .as_ref()
                    .zip(sqlite16.as_ref())
                    .map(|(a, b)| a.rate() / b.rate()),
                "≥ 5×",
            );
            ratio(
                &format!("{name}: p99 at 16 / p50 at 1"),
                sixteen
                    .as_ref()
                    .zip(one.as_ref())
                    .map(|(a, b)| ms(a.p99) / ms(b.p50)),
                "≤ 3×",
            );
        }
        if let Some(one) = self.figures(Series::Service, 1) {
            ratio(
                &format!(
                    "certlink service: p50 at 1 / single move {:.3} ms",
                    plan.single_move_ms
                ),
                Some(ms(one.p50) / plan.single_move_ms),
                "≤ 1× (no slower)",
            );
        }
        if let (Some(ssh), Some(service)) = (
            self.figures(Series::Ssh, 1),
            self.figures(Series::Service, 1),
        ) {
            ratio(
                "SSH exec p50 / service p50, 1 writer",
                Some(ms(ssh.p50) / ms(service.p50)),
                "(exec's cost)",
            );
        }
        let raw = (self.figures(Series::Raw, 16), self.figures(Series::Raw, 1));
        if let (Some(r16), Some(r1)) = raw {
            ratio(
                "raw: rate at 16 writers / at 1",
                Some(r16.rate() / r1.rate()),
                "(the disk's own)",
            );
        }
    }
}

fn ratio(what: &str, value: Option<f64>, target: &str) {
    match value {
        Some(v) => println!("{what:<58} {v:>8.2}×   target {target}"),
        None => println!("{what:<58} {:>8}    target {target}", "n/a"),
    }
}

fn problems(o: &Outcome) -> String {
    let mut out = String::new();
    if o.refused > 0 {
        out += &format!("  REFUSED {}", o.refused);
    }
    if o.failed > 0 {
        out += &format!("  FAILED {}", o.failed);
    }
    if o.stopped > 0 {
        out += &format!("  {} client(s) out of profiles", o.stopped);
    }
    out
}
