//! Solutions Partner designations (R11's successor since October 2022): per
//! solution area, a partner capability score of at most 100 points; an
//! organization qualifies with at least 70 and more than zero in every metric.
//! Skilling is the metric linked MCIDs earn (R5: only where linked, R3: once
//! reflected, and only certifications not expired).
//!
//! - [`definition`]: what an area asks, operator data from a TOML file.
//! - [`score`]: the score, who counts and why, what the next points take, and
//!   what a change does to it (the what-ifs).
//! - [`words`]: the next points and a score change as people read them.

pub mod definition;
pub mod score;
pub mod words;

pub use definition::{
    AreaDefinition, DesignationError, DesignationFile, Level, Points, SizeClass, SkillingMetric,
    Step, StepRule,
};
pub use score::{
    AreaScore, Earn, Holders, Holding, MetricScore, NextPoints, OtherMetrics, PersonStanding,
    ScoreChange, Standing, StepScore, score,
};

#[cfg(test)]
mod tests;
