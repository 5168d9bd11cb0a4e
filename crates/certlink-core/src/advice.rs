//! The words every front end gives a store error: the store says what happened
//! and gives its advice as a value; the way out is the operator's commands
//! (`certlink admin check`, `--db`, ...), the same whether the person reads it
//! in the CLI, over SSH or in the terminal app (who may have to ask the
//! operator). The store and the service name no command: only this does.

use certlink_i18n::Lang;

use crate::store::{Advice, Damage, StoreError};

/// A store error with what to do about it, in English.
pub fn words(error: &StoreError) -> String {
    words_in(error, Lang::En)
}

/// A store error with what to do about it, the way out in `lang` (what
/// happened is the store's own words).
pub fn words_in(error: &StoreError, lang: Lang) -> String {
    let what = error.to_string();
    let recovery = lang.core_advice_recovery();
    match error.advice() {
        None => what,
        Some(Advice::UseTheHolder) => lang.core_advice_use_holder(what),
        Some(Advice::RestoreIfItWasOne) => lang.core_advice_restore_if_it_was_one(what),
        Some(Advice::CreateOne) => lang.core_advice_create_one(what),
        Some(Advice::CreateTheDirectory) => lang.core_advice_create_directory(what),
        Some(Advice::Recover(Damage::Found)) => lang.core_advice_recover_found(what, recovery),
        Some(Advice::Recover(Damage::Possible)) => {
            lang.core_advice_recover_possible(what, recovery)
        }
        Some(Advice::Recover(Damage::IfItRepeats)) => {
            lang.core_advice_recover_if_it_repeats(what, recovery)
        }
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

    #[test]
    fn the_way_out_speaks_chinese_and_keeps_the_commands() {
        let zh = words_in(&StoreError::Corrupt("bad page".into()), Lang::ZhCn);
        assert!(
            zh.contains("`certlink admin check`") && zh.contains("请运行"),
            "{zh}"
        );
        let en = words_in(&StoreError::Corrupt("bad page".into()), Lang::En);
        assert_eq!(en, words(&StoreError::Corrupt("bad page".into())));
    }
}
