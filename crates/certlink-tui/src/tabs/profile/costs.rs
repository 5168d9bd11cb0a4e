//! What the profile's link actions cost under R9, said before the act
//! (issue 15, principle 1): the allowance is the service's (`ProfileView`,
//! computed by `certlink_domain::association_limit`), the refusal the domain's
//! (`Allowance::refusal`); this module only puts them into the dialogs' words.

use certlink_core::service::ProfileView;
use certlink_domain::association_limit::Block;
use certlink_domain::time::DateFormat;

/// R7, R9: what removing access does to the allowance, and from when linking
/// again is possible.
pub fn unlink_cost(view: &ProfileView, dates: &DateFormat) -> String {
    let a = &view.allowance;
    let used = format!("{} of {} associations used in 365 days", a.used, a.limit);
    let again = match (a.next_allowed, a.blocked_by) {
        (None, _) => format!(
            "linking again is possible at once, and would use association {} of {}",
            a.used + 1,
            a.limit
        ),
        (Some(at), Some(Block::Limit)) => format!(
            "the yearly limit is reached, so linking again is possible from {}",
            dates.moment_with_countdown(at)
        ),
        (Some(at), _) => {
            let since = a
                .last_start
                .map(|s| format!(" since the last start on {}", dates.date(s)))
                .unwrap_or_default();
            format!(
                "the {}-day cool-off{since} runs, so linking again is possible from {}",
                a.cool_off_days,
                dates.moment_with_countdown(at)
            )
        }
    };
    format!(
        "Removing access does not use an association and gives none back ({used}). Linking again later is a new association (R9): {again}."
    )
}

/// R9: why the profile known for this account cannot start an association
/// now, with the date it can; None when it can (or none is known).
pub fn associate_refusal(view: &ProfileView, dates: &DateFormat) -> Option<String> {
    // Only a profile associated through this account before is known.
    let mcid = view.mcid.filter(|_| view.linked_mpn_id.is_none())?;
    let refusal = view.allowance.refusal()?;
    let email = view
        .profile_email
        .as_ref()
        .map(|e| format!(" ({e})"))
        .unwrap_or_default();
    Some(format!(
        "MCID {mcid}{email}, last associated through your account, cannot start a new association now. {}",
        refusal.message(dates)
    ))
}
