//! The one confirmation of destructive commands (`user delete`, `report
//! remove`, `mcid merge`; principle 9): what the command will do goes to the
//! error stream, then a y/N question on a terminal. Scripts, pipes and SSH exec
//! have no one to ask: they pass `--yes`, else nothing changes.

use super::{CliError, Ctx};

/// Asks whether to go on. `what` says what the command does (shown before the
/// question), `question` is the short question, `declined` the words when the
/// answer is no. `yes` (`--yes`) skips all of it.
pub fn confirm(
    ctx: &Ctx,
    yes: bool,
    what: &str,
    question: &str,
    declined: &str,
) -> Result<(), CliError> {
    if yes {
        return Ok(());
    }
    if !what.is_empty() {
        ctx.io.eprint(what);
        if !what.ends_with('\n') {
            ctx.io.eprint("\n");
        }
    }
    if !ctx.io.terminal_input() {
        return Err(CliError::Invalid(format!(
            "{declined}: confirm on a terminal, or pass --yes"
        )));
    }
    ctx.io.eprint(&format!("{question} [y/N] "));
    let answer = ctx.io.read_line().unwrap_or_default();
    match answer.trim() {
        "y" | "Y" | "yes" => Ok(()),
        _ => Err(CliError::Invalid(declined.to_string())),
    }
}
