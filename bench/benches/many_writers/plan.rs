//! What a run measures and for how long, from the environment (see main.rs).

use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    Service,
    Ssh,
    Sqlite,
    Raw,
}

impl Series {
    pub fn name(self) -> &'static str {
        match self {
            Series::Service => "certlink service",
            Series::Ssh => "certlink SSH exec",
            Series::Sqlite => "SQLite (WAL, FULL)",
            Series::Raw => "raw 4 KiB + fdatasync",
        }
    }

    fn parse(s: &str) -> Option<Series> {
        match s.trim() {
            "service" => Some(Series::Service),
            "ssh" => Some(Series::Ssh),
            "sqlite" => Some(Series::Sqlite),
            "raw" => Some(Series::Raw),
            _ => None,
        }
    }
}

/// One writer's moves a second, at most, that the SSH profiles are made for
/// (about 4× certlink's single-writer rate here: room for group commit).
const SSH_MOVES_PER_SECOND: f64 = 4_000.0;

pub struct Plan {
    pub people: Vec<usize>,
    pub writers: Vec<usize>,
    pub seconds: f64,
    /// Operations per writer per series, instead of `seconds`.
    pub ops: Option<u64>,
    pub rounds: usize,
    pub series: Vec<Series>,
    pub people_per_writer: usize,
    ssh_profiles: Option<usize>,
    pub single_move_ms: f64,
}

fn var<T: std::str::FromStr>(name: &str) -> Option<T> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

fn list(name: &str) -> Option<Vec<usize>> {
    let v: Vec<usize> = std::env::var(name)
        .ok()?
        .split(',')
        .filter_map(|s| s.trim().replace('_', "").parse().ok())
        .filter(|n| *n > 0)
        .collect();
    (!v.is_empty()).then_some(v)
}

impl Plan {
    pub fn from_env() -> Plan {
        let series = std::env::var("CERTLINK_BENCH_SERIES")
            .ok()
            .map(|v| v.split(',').filter_map(Series::parse).collect::<Vec<_>>())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| vec![Series::Service, Series::Ssh, Series::Sqlite, Series::Raw]);
        Plan {
            people: list("CERTLINK_BENCH_PEOPLE").unwrap_or_else(|| vec![10_000]),
            writers: list("CERTLINK_BENCH_WRITERS").unwrap_or_else(|| vec![1, 4, 16, 64]),
            seconds: var("CERTLINK_BENCH_SECONDS")
                .filter(|s: &f64| *s > 0.0)
                .unwrap_or(3.0),
            ops: var("CERTLINK_BENCH_OPS").filter(|o| *o > 0),
            rounds: var("CERTLINK_BENCH_ROUNDS").filter(|r| *r > 0).unwrap_or(2),
            series,
            people_per_writer: var("CERTLINK_BENCH_PEOPLE_PER_WRITER")
                .filter(|p| *p > 0)
                .unwrap_or(4),
            ssh_profiles: var("CERTLINK_BENCH_SSH_PROFILES"),
            single_move_ms: var("CERTLINK_BENCH_SINGLE_MOVE_MS").unwrap_or(1.125),
        }
    }

    pub fn runs(&self, series: Series) -> bool {
        self.series.contains(&series)
    }

    pub fn most_writers(&self) -> usize {
        self.writers.iter().copied().max().unwrap_or(1)
    }

    pub fn bound(&self) -> String {
        match self.ops {
            Some(ops) => format!("{ops} operations per writer per series"),
            None => format!("{} s per series", self.seconds),
        }
    }

    /// When a writer that started at `started` stops (time-bound plans).
    pub fn deadline(&self, started: Instant) -> Instant {
        started + Duration::from_secs_f64(self.seconds)
    }

    /// Whether a writer that has done `done` operations goes on.
    pub fn more(&self, done: u64, deadline: Instant) -> bool {
        match self.ops {
            Some(ops) => done < ops,
            None => Instant::now() < deadline,
        }
    }

    /// Profiles for the SSH clients: each takes [`crate::ssh::MOVES_PER_PROFILE`]
    /// moves (the server's clock runs in real time, so R9 is widened on its copy
    /// and a profile is used up after those), enough for the plan at
    /// [`SSH_MOVES_PER_SECOND`].
    pub fn ssh_profiles(&self) -> usize {
        if let Some(n) = self.ssh_profiles {
            return n.max(self.most_writers());
        }
        let per_profile = crate::ssh::MOVES_PER_PROFILE as f64;
        let moves: f64 = match self.ops {
            Some(ops) => self
                .writers
                .iter()
                .map(|n| (*n as f64) * ops as f64)
                .sum::<f64>(),
            None => SSH_MOVES_PER_SECOND * self.seconds * self.writers.len() as f64,
        } * self.rounds as f64;
        // A client's profile in use is not shared: one extra per writer per series.
        let spare: usize = self.writers.iter().sum::<usize>() * self.rounds;
        self.most_writers() + (moves / per_profile).ceil() as usize + spare
    }
}
