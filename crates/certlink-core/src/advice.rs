//! The words every front end gives a store error: the store says what happened
//! and gives its advice as a value; the way out is the operator's commands
//! (`certlink admin check`, `--db`, ...), the same whether the person reads it
//! in the CLI, over SSH or in the terminal app (who may have to ask the
//! operator). The store and the service name no command: only this does.

use crate::store::{Advice, Damage, StoreError};

/// Where to go when the file may be damaged.
const RECOVERY: &str = "run `certlink admin check`; if it reports damage, restore the newest backup (made by `certlink admin backup --to FILE`)";

/// A store error with what to do about it.
pub fn words(error: &StoreError) -> String {
    let what = error.to_string();
    match error.advice() {
        None => what,
        Some(Advice::UseTheHolder) => format!(
            "{what} (e.g. `certlink serve`); connect with ssh instead, or stop that process"
        ),
        Some(Advice::RestoreIfItWasOne) => format!(
            "{what} (if it was one, its header is damaged: restore the newest backup, made by `certlink admin backup --to FILE`)"
        ),
        Some(Advice::CreateOne) => {
            format!("{what}: create one with `certlink init` (or `certlink demo` for a sandbox)")
        }
        Some(Advice::CreateTheDirectory) => {
            format!("{what}: create it first or choose another --db path")
        }
        Some(Advice::Recover(Damage::Found)) => format!("{what}: {RECOVERY}"),
        Some(Advice::Recover(Damage::Possible)) => format!("{what}; {RECOVERY}"),
        Some(Advice::Recover(Damage::IfItRepeats)) => format!("{what} (if it repeats, {RECOVERY})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The way out names the operator's check and backups.
    #[test]
    fn damage_points_to_the_operators_check_and_backups() {
        assert_eq!(
            words(&StoreError::Corrupt("bad page".into())),
            "the database is damaged (bad page): run `certlink admin check`; if it reports damage, restore the newest backup (made by `certlink admin backup --to FILE`)"
        );
        assert_eq!(
            words(&StoreError::Stopped("redb/src/page.rs:1".into())),
            "certlink stopped on an unexpected error (redb/src/page.rs:1): the database may be damaged, or this is a bug; run `certlink admin check`; if it reports damage, restore the newest backup (made by `certlink admin backup --to FILE`)"
        );
        assert_eq!(
            words(&StoreError::Reopening),
            StoreError::Reopening.to_string()
        );
    }
}
