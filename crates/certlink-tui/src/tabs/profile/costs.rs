//! What the profile's link actions cost under R9, said before the act
//! (issue 15, principle 1): the allowance is the service's (`ProfileView`,
//! computed by `certlink_domain::association_limit`), the refusal the domain's
//! (`Allowance::refusal`); this module only puts them into the dialogs' words,
//! in the reader's language (`dates.lang`).

use certlink_core::service::ProfileView;
use certlink_domain::association_limit::Block;
use certlink_domain::time::DateFormat;

/// R7, R9: what removing access does to the allowance, and from when linking
/// again is possible.
pub fn unlink_cost(view: &ProfileView, dates: &DateFormat) -> String {
    let lang = dates.lang;
    let a = &view.allowance;
    let used = lang.tui_profile_cost_used(a.used, a.limit);
    let again = match (a.next_allowed, a.blocked_by) {
        (None, _) => lang.tui_profile_cost_again_now(a.used + 1, a.limit),
        (Some(at), Some(Block::Limit)) => {
            lang.tui_profile_cost_again_limit(dates.moment_with_countdown(at))
        }
        (Some(at), _) => match a.last_start {
            Some(s) => lang.tui_profile_cost_again_cool_off_since(
                a.cool_off_days,
                dates.date(s),
                dates.moment_with_countdown(at),
            ),
            None => lang
                .tui_profile_cost_again_cool_off(a.cool_off_days, dates.moment_with_countdown(at)),
        },
    };
    lang.tui_profile_cost(used, again)
}

/// R9: why the profile known for this account cannot start an association
/// now, with the date it can; None when it can (or none is known).
pub fn associate_refusal(view: &ProfileView, dates: &DateFormat) -> Option<String> {
    let lang = dates.lang;
    // Only a profile associated through this account before is known.
    let mcid = view.mcid.filter(|_| view.linked_mpn_id.is_none())?;
    let refusal = view.allowance.refusal()?;
    let mcid = mcid.to_string();
    Some(match &view.profile_email {
        Some(e) => lang.tui_profile_refusal_email(mcid, e.to_string(), refusal.message(dates)),
        None => lang.tui_profile_refusal(mcid, refusal.message(dates)),
    })
}
