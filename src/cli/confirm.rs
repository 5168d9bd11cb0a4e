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
        return Err(CliError::Invalid(
            ctx.lang().cli_confirm_on_terminal(declined),
        ));
    }
    ctx.io.eprint(&ctx.lang().cli_confirm_question(question));
    let answer = ctx.io.read_line().unwrap_or_default();
    if yes_answer(&answer) {
        Ok(())
    } else {
        Err(CliError::Invalid(declined.to_string()))
    }
}

/// A yes to a y/N question: y or yes in any language (是 too; the
/// question shows [y/N] in both).
pub fn yes_answer(answer: &str) -> bool {
    matches!(answer.trim(), "y" | "Y" | "yes" | "是")
}
