//! R16 (issue 15, principle 11): a command that ends an organization's link is in
//! that organization's history and in the old holder's account history, as the
//! link's start was: merges (R15) and moves (R6).
//! On the demo world's fixed clock.

use certlink_core::service::{AuditView, HistoryTarget, Service, Session};

use super::admin_support::{sign_in, world};

const CONTOSO: &str = "1234567";

fn mcid_trail(s: &Service, who: &Session, mcid: &str) -> Vec<AuditView> {
    s.history(who, &HistoryTarget::Mcid(mcid.parse().unwrap()), 100)
        .unwrap()
}

fn account_trail(s: &Service, who: &Session, email: &str) -> Vec<AuditView> {
    s.history(who, &HistoryTarget::Account(email.parse().unwrap()), 100)
        .unwrap()
}

fn actions(trail: &[AuditView]) -> Vec<&str> {
    trail.iter().map(|h| h.action.as_str()).collect()
}

/// The seen case: support merges a duplicate linked at Contoso (Margaret's
/// 10000002) into a primary linked at Fabrikam (Radia's 10000006). Contoso's
/// Global Admin saw the link start but never its end.
#[test]
fn r16_a_merge_that_ends_contosos_link_is_in_contosos_history() {
    let s = world();
    let sam = sign_in(&s, "sam@support.example.com");
    let preview = s.merge_preview(&sam, "10000002", "10000006").unwrap();
    assert_eq!(
        preview.ending_link.as_ref().map(|(o, _)| o.to_string()),
        Some(CONTOSO.to_string())
    );
    s.merge_profiles(&sam, "10000002", "10000006").unwrap();

    let ada = sign_in(&s, "ada@contoso.com");
    // The primary's trail, which now holds the duplicate's: the start at Contoso,
    // then the merge that ended it, naming Contoso and hiding Fabrikam (invariant 4).
    let trail = mcid_trail(&s, &ada, "10000006");
    let merge = trail
        .iter()
        .find(|h| h.action == "mcid-merge")
        .unwrap_or_else(|| panic!("no merge in Contoso's view: {:?}", actions(&trail)));
    assert_eq!(merge.other_org.as_deref(), Some(CONTOSO));
    assert_eq!(merge.org.as_deref(), Some("another organization"));
    assert!(
        trail.iter().any(|h| h.action == "link"),
        "the start is there too"
    );
    assert!(
        trail
            .iter()
            .all(|h| !format!("{h:?}").contains("Fabrikam") && h.org.as_deref() != Some("2345678")),
        "Fabrikam leaked to Contoso: {trail:?}"
    );
    // Asked by the duplicate's old number, the trail is the same (R15: it moved).
    assert_eq!(actions(&mcid_trail(&s, &ada, "10000002")), actions(&trail));
    // The old holder's account history ends with the merge too.
    let holder = account_trail(&s, &ada, "margaret@contoso.com");
    assert_eq!(
        holder.first().map(|h| h.action.as_str()),
        Some("mcid-merge")
    );
    // Fabrikam's Global Admin sees the merge on its own side as well.
    let tim = sign_in(&s, "tim@fabrikam.com");
    let fabrikam = mcid_trail(&s, &tim, "10000006");
    assert!(fabrikam.iter().any(|h| h.action == "mcid-merge"));
    assert!(s.check_invariants().unwrap().is_empty());
}

/// A move away (R6) ends the link of an account in the old organization: that
/// account's history shows the move, with the new organization hidden.
#[test]
fn r16_a_move_away_is_in_the_old_holders_account_history() {
    let s = world();
    // Radia (Fabrikam) gets an account at Contoso and moves her MCID there.
    let tim = sign_in(&s, "tim@fabrikam.com");
    let before = account_trail(&s, &tim, "radia@fabrikam.com");
    let ada = sign_in(&s, "ada@contoso.com");
    let radia_at_contoso = invite_and_activate(&s, &ada, "radia@contoso.com");
    s.link(
        &radia_at_contoso,
        "radia.perlman@learn.example.com",
        certlink_core::demo::PROFILE_PASSWORD,
    )
    .unwrap();
    let after = account_trail(&s, &tim, "radia@fabrikam.com");
    assert_eq!(after.len(), before.len() + 1, "{:?}", actions(&after));
    let moved = &after[0];
    assert_eq!(moved.action, "link");
    assert_eq!(moved.org.as_deref(), Some("another organization"));
    assert_eq!(moved.actor, "someone outside your organization");
}

/// A merge whose duplicate's link survives (the primary is unlinked) changes the
/// MCID the holder's link names: it is in the holder's account history.
#[test]
fn r16_a_merge_that_keeps_the_duplicates_link_is_in_its_holders_history() {
    let s = world();
    let sam = sign_in(&s, "sam@support.example.com");
    // Margaret's 10000002 (linked at Contoso) into Ken's 10000007 (unlinked).
    s.merge_profiles(&sam, "10000002", "10000007").unwrap();
    let ada = sign_in(&s, "ada@contoso.com");
    let holder = account_trail(&s, &ada, "margaret@contoso.com");
    assert_eq!(
        holder.first().map(|h| h.action.as_str()),
        Some("mcid-merge")
    );
    assert_eq!(holder[0].org.as_deref(), Some(CONTOSO));
    assert!(s.check_invariants().unwrap().is_empty());
}

fn invite_and_activate(s: &Service, admin: &Session, email: &str) -> Session {
    let invitation = s
        .invite(admin, email, "New Account", certlink_domain::Roles::USER)
        .unwrap();
    let first = s
        .sign_in(
            email,
            &invitation.temporary_password,
            &certlink_core::service::SignInSource::Local,
        )
        .unwrap();
    s.change_password(
        &first,
        &invitation.temporary_password,
        "a-new-long-password",
    )
    .unwrap();
    s.sign_in(
        email,
        "a-new-long-password",
        &certlink_core::service::SignInSource::Local,
    )
    .unwrap()
}
