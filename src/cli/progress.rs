//! The CLI's drawing of core's progress (principle 12): a bar on standard
//! error with the stage it is in, only when standard error is a terminal, the
//! command runs locally and the output is not JSON; and always a one-line
//! summary with the time taken, so a long `admin check` never sits silent.

use std::io::IsTerminal;
use std::time::Instant;

use certlink_core::progress::{Progress, stage_label};
use certlink_i18n::Lang;

use super::Ctx;
use super::args::Format;

/// A bar on the terminal, or nothing, for one operator command.
pub struct Operation<'a> {
    ctx: &'a Ctx,
    /// What the summary calls the command, e.g. "admin check".
    name: &'static str,
    started: Instant,
    bar: Option<indicatif::ProgressBar>,
    /// A bar may be drawn (a local terminal, not JSON).
    drawn: bool,
    stages: u32,
}

impl<'a> Operation<'a> {
    pub fn start(ctx: &'a Ctx, name: &'static str) -> Self {
        let mut op = Self::quiet(ctx, name);
        op.bar = op.drawn.then(|| spinner(name));
        op
    }

    /// Like [`Operation::start`], but silent unless a stage begins: opening a
    /// database says something only when it migrates.
    pub fn quiet(ctx: &'a Ctx, name: &'static str) -> Self {
        let drawn =
            ctx.is_local() && ctx.format() != Format::Json && std::io::stderr().is_terminal();
        Operation {
            ctx,
            name,
            started: Instant::now(),
            bar: None,
            drawn,
            stages: 0,
        }
    }

    /// Ends a [`Operation::quiet`] one: the summary only if work was reported.
    pub fn finish_if_worked(self, what: &str) {
        if self.stages > 0 {
            self.finish(what);
        }
    }

    /// Ends the bar without a summary (the command prints its own).
    pub fn clear(self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// Ends the bar and prints the summary: `what` says what was done.
    pub fn finish(self, what: &str) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        self.ctx.io.eprint(&summary(
            self.ctx.lang(),
            self.name,
            what,
            self.stages,
            self.started.elapsed().as_secs_f64(),
        ));
    }
}

/// The last line of a long command, e.g. "admin check: all checked, 6 stages in 0.4 s".
pub fn summary(lang: Lang, name: &str, what: &str, stages: u32, seconds: f64) -> String {
    let seconds = format!("{seconds:.1}");
    let line = match stages {
        0 => lang.cli_summary(name, what, seconds),
        n => lang.cli_summary_stages(name, what, n, seconds),
    };
    format!("{line}\n")
}

/// A bar that ticks on its own while a stage has no count.
fn spinner(name: &'static str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new_spinner();
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar.set_message(name);
    bar
}

impl Progress for Operation<'_> {
    fn stage(&mut self, name: &'static str, total: Option<u64>) {
        self.stages += 1;
        if self.drawn && self.bar.is_none() {
            self.bar = Some(spinner(self.name));
        }
        let Some(bar) = &self.bar else { return };
        match total {
            Some(total) => {
                bar.set_length(total);
                bar.set_position(0);
                if let Ok(style) = indicatif::ProgressStyle::with_template(
                    "{prefix}: {msg} [{bar:30}] {pos}/{len} {elapsed}",
                ) {
                    bar.set_style(style.progress_chars("=> "));
                }
            }
            None => {
                if let Ok(style) =
                    indicatif::ProgressStyle::with_template("{spinner} {prefix}: {msg} {elapsed}")
                {
                    bar.set_style(style);
                }
            }
        }
        bar.set_prefix(self.name);
        bar.set_message(stage_label(name, self.ctx.lang()));
    }

    fn advance(&mut self, units: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(units);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::summary;
    use certlink_i18n::Lang;

    #[test]
    fn the_summary_names_the_command_and_the_time() {
        assert_eq!(
            summary(Lang::En, "admin check", "all invariants hold", 6, 1.25),
            "admin check: all invariants hold, 6 stages in 1.2 s\n"
        );
        assert_eq!(
            summary(Lang::En, "admin check", "ok", 1, 1.25),
            "admin check: ok, 1 stage in 1.2 s\n"
        );
        assert_eq!(
            summary(Lang::En, "import", "12 rows", 0, 0.04),
            "import: 12 rows, in 0.0 s\n"
        );
        assert_eq!(
            summary(Lang::ZhCn, "admin check", "完好", 6, 1.25),
            "admin check：完好，6 个阶段，用时 1.2 秒\n"
        );
    }
}
