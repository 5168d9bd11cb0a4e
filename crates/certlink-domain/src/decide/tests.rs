//! One test (or more) per rule the state machine decides.

use chrono::{TimeDelta, TimeZone};

use super::*;
use crate::ids::LinkId;

const ORG_A: u64 = 1_000_001;
const ORG_B: u64 = 2_000_002;

fn org(n: u64) -> MpnId {
    MpnId::new(n).unwrap()
}
fn mcid(n: u64) -> Mcid {
    Mcid::new(n).unwrap()
}
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}
fn account(id: u64, org_id: u64) -> AccountFacts {
    AccountFacts {
        id: AccountId(id),
        org: Some(org(org_id)),
        roles: Roles::USER,
        status: AccountStatus::Active,
        linked_mcid: None,
        pu: None,
    }
}
fn actor_for(a: &AccountFacts) -> Actor {
    Actor::Member {
        account: a.id,
        org: a.org.unwrap(),
        roles: a.roles,
    }
}
fn profile(link: Option<ActiveLink>, starts: Vec<DateTime<Utc>>) -> ProfileFacts {
    ProfileFacts {
        mcid: mcid(42),
        active_link: link,
        association_starts: starts,
    }
}
fn active(org_id: u64, account: u64, since: DateTime<Utc>) -> ActiveLink {
    ActiveLink {
        id: LinkId(7),
        org: org(org_id),
        account: AccountId(account),
        since,
    }
}
fn settings() -> Settings {
    Settings::production()
}
fn link(me: &AccountFacts, p: ProfileFacts, c: CredentialCheck) -> Result<Vec<Event>, Refusal> {
    decide(
        &actor_for(me),
        &Command::Link {
            me: me.clone(),
            profile: Some(p),
            credentials: c,
        },
        &settings(),
        now(),
    )
}

#[test]
fn r4_first_link_counts_as_an_association() {
    let me = account(1, ORG_A);
    let events = link(&me, profile(None, vec![]), CredentialCheck::Verified).unwrap();
    assert_eq!(
        events,
        vec![Event::LinkStarted {
            mcid: mcid(42),
            org: org(ORG_A),
            account: AccountId(1),
            counts_as_association: true
        }]
    );
}

#[test]
fn r4_wrong_profile_password_is_refused() {
    let me = account(1, ORG_A);
    assert_eq!(
        link(&me, profile(None, vec![]), CredentialCheck::Wrong),
        Err(Refusal::WrongCredentials {
            credential: Credential::Profile
        })
    );
    let until = now() + TimeDelta::minutes(5);
    assert_eq!(
        link(
            &me,
            profile(None, vec![]),
            CredentialCheck::Gated(Gate::Locked { until })
        ),
        Err(Refusal::Locked {
            credential: Credential::Profile,
            until
        })
    );
}

#[test]
fn r4_one_mcid_per_account_unlink_first() {
    let mut me = account(1, ORG_A);
    me.linked_mcid = Some(mcid(99));
    assert_eq!(
        link(&me, profile(None, vec![]), CredentialCheck::Verified),
        Err(Refusal::UnlinkFirst { mcid: mcid(99) })
    );
}

#[test]
fn r5_r6_move_ends_old_link_and_starts_new_one_together() {
    let me = account(1, ORG_B);
    let old = active(ORG_A, 5, now() - TimeDelta::days(200));
    let events = link(
        &me,
        profile(Some(old), vec![now() - TimeDelta::days(200)]),
        CredentialCheck::Verified,
    )
    .unwrap();
    assert_eq!(
        events,
        vec![
            Event::LinkEnded {
                link: old,
                mcid: mcid(42),
                reason: EndReason::Moved
            },
            Event::LinkStarted {
                mcid: mcid(42),
                org: org(ORG_B),
                account: AccountId(1),
                counts_as_association: true
            },
        ]
    );
}

#[test]
fn r6_rehired_account_takes_over_without_new_association() {
    let me = account(9, ORG_A);
    let old = active(ORG_A, 5, now() - TimeDelta::days(3));
    // Even at the limit and inside the cool-off, taking over costs nothing.
    let starts = vec![
        now() - TimeDelta::days(3),
        now() - TimeDelta::days(40),
        now() - TimeDelta::days(80),
    ];
    let events = link(&me, profile(Some(old), starts), CredentialCheck::Verified).unwrap();
    assert_eq!(
        events,
        vec![
            Event::LinkEnded {
                link: old,
                mcid: mcid(42),
                reason: EndReason::AccountReplaced
            },
            Event::LinkStarted {
                mcid: mcid(42),
                org: org(ORG_A),
                account: AccountId(9),
                counts_as_association: false
            },
        ]
    );
}

#[test]
fn r6_already_linked_here_changes_nothing() {
    let mut me = account(1, ORG_A);
    me.linked_mcid = Some(mcid(42));
    let current = active(ORG_A, 1, now() - TimeDelta::days(3));
    assert_eq!(
        link(
            &me,
            profile(Some(current), vec![]),
            CredentialCheck::Verified
        ),
        Err(Refusal::AlreadyLinkedHere { mcid: mcid(42) })
    );
}

#[test]
fn r7_unlink_own_link_without_password() {
    let mut me = account(1, ORG_A);
    me.linked_mcid = Some(mcid(42));
    let current = active(ORG_A, 1, now() - TimeDelta::days(3));
    let cmd = Command::Unlink {
        me: me.clone(),
        link: Some(current),
        mcid: Some(mcid(42)),
    };
    assert_eq!(
        decide(&actor_for(&me), &cmd, &settings(), now()).unwrap(),
        vec![Event::LinkEnded {
            link: current,
            mcid: mcid(42),
            reason: EndReason::RemovedByUser
        }]
    );
    let nothing = Command::Unlink {
        me: account(1, ORG_A),
        link: None,
        mcid: None,
    };
    assert_eq!(
        decide(&actor_for(&me), &nothing, &settings(), now()),
        Err(Refusal::NotLinked)
    );
}

#[test]
fn r8_nobody_links_for_someone_else() {
    let me = account(1, ORG_A);
    let cmd = Command::Link {
        me: me.clone(),
        profile: Some(profile(None, vec![])),
        credentials: CredentialCheck::Verified,
    };
    let admin = Actor::Member {
        account: AccountId(2),
        org: org(ORG_A),
        roles: Roles::GLOBAL_ADMIN,
    };
    for actor in [
        admin,
        Actor::Support {
            account: AccountId(3),
        },
        Actor::Operator,
    ] {
        assert!(
            matches!(
                decide(&actor, &cmd, &settings(), now()),
                Err(Refusal::NotPermitted { .. })
            ),
            "{actor:?}"
        );
    }
}

#[test]
fn r9_limit_refusal_carries_the_date() {
    let me = account(1, ORG_B);
    let starts = vec![
        now() - TimeDelta::days(300),
        now() - TimeDelta::days(200),
        now() - TimeDelta::days(100),
    ];
    let refusal = link(&me, profile(None, starts), CredentialCheck::Verified).unwrap_err();
    assert_eq!(
        refusal,
        Refusal::LimitReached {
            used: 3,
            limit: 3,
            since: now() - TimeDelta::days(300),
            next_allowed: now() - TimeDelta::days(300) + association_limit::WINDOW,
        }
    );
}

#[test]
fn r9_cool_off_refusal_carries_the_date() {
    let me = account(1, ORG_B);
    let refusal = link(
        &me,
        profile(None, vec![now() - TimeDelta::days(10)]),
        CredentialCheck::Verified,
    )
    .unwrap_err();
    assert_eq!(
        refusal,
        Refusal::CoolOff {
            cool_off_days: 30,
            next_allowed: now() + TimeDelta::days(20)
        }
    );
}

#[test]
fn r9_relinking_the_same_org_after_unlink_counts() {
    let me = account(1, ORG_A);
    let refusal = link(
        &me,
        profile(None, vec![now() - TimeDelta::days(1)]),
        CredentialCheck::Verified,
    )
    .unwrap_err();
    assert!(matches!(refusal, Refusal::CoolOff { .. }));
}

#[test]
fn r9_wrong_password_is_reported_before_the_limit() {
    // The limit is only revealed to the profile's owner: a wrong password says nothing about it.
    let me = account(1, ORG_B);
    let refusal = link(
        &me,
        profile(None, vec![now() - TimeDelta::days(1)]),
        CredentialCheck::Wrong,
    )
    .unwrap_err();
    assert_eq!(
        refusal,
        Refusal::WrongCredentials {
            credential: Credential::Profile
        }
    );
}

#[test]
fn r2_pu_one_to_one() {
    let me = account(1, ORG_A);
    let user: PuUsername = "ada.pu".parse().unwrap();
    let grant = |holder: Option<AccountFacts>| Command::GrantPu {
        me: me.clone(),
        username: user.clone(),
        known: true,
        holder,
        credentials: CredentialCheck::Verified,
    };
    assert_eq!(
        decide(&actor_for(&me), &grant(None), &settings(), now()).unwrap(),
        vec![Event::PuGranted {
            account: AccountId(1),
            username: user.clone()
        }]
    );
    let other = account(2, ORG_B);
    assert_eq!(
        decide(
            &actor_for(&me),
            &grant(Some(other.clone())),
            &settings(),
            now()
        ),
        Err(Refusal::PuHeldElsewhere)
    );
    let mut gone = other;
    gone.status = AccountStatus::Deleted;
    assert!(decide(&actor_for(&me), &grant(Some(gone)), &settings(), now()).is_ok());
    let mut has = me.clone();
    has.pu = Some(user.clone());
    assert_eq!(
        decide(
            &actor_for(&has),
            &Command::RemovePu { me: has.clone() },
            &settings(),
            now()
        )
        .unwrap(),
        vec![Event::PuEnded {
            account: AccountId(1),
            username: user
        }]
    );
    assert_eq!(
        decide(
            &actor_for(&me),
            &Command::RemovePu { me: me.clone() },
            &settings(),
            now()
        ),
        Err(Refusal::NoPuAccess)
    );
}

#[test]
fn r12_delete_keeps_the_link_and_ends_pu() {
    let admin = Actor::Member {
        account: AccountId(2),
        org: org(ORG_A),
        roles: Roles::GLOBAL_ADMIN,
    };
    let mut target = account(1, ORG_A);
    target.linked_mcid = Some(mcid(42));
    target.pu = Some("ada.pu".parse().unwrap());
    let events = decide(
        &admin,
        &Command::DeleteAccount {
            target: target.clone(),
            other_active_global_admins: 0,
        },
        &settings(),
        now(),
    )
    .unwrap();
    assert_eq!(
        events,
        vec![
            Event::PuEnded {
                account: AccountId(1),
                username: "ada.pu".parse().unwrap()
            },
            Event::AccountDeleted {
                account: AccountId(1)
            }
        ]
    );
    let partner_admin = Actor::Member {
        account: AccountId(3),
        org: org(ORG_A),
        roles: Roles {
            partner_admin: true,
            global_admin: false,
        },
    };
    assert!(matches!(
        decide(
            &partner_admin,
            &Command::DeleteAccount {
                target,
                other_active_global_admins: 1
            },
            &settings(),
            now()
        ),
        Err(Refusal::NotPermitted { .. })
    ));
}

#[test]
fn r12_remove_from_report_only_for_departed_people_of_my_org() {
    let admin = Actor::Member {
        account: AccountId(2),
        org: org(ORG_A),
        roles: Roles::GLOBAL_ADMIN,
    };
    let current = active(ORG_A, 1, now() - TimeDelta::days(3));
    let mut holder = account(1, ORG_A);
    let cmd = |holder: &AccountFacts, link| Command::RemoveFromReport {
        mcid: mcid(42),
        link,
        holder: Some(holder.clone()),
    };
    assert_eq!(
        decide(&admin, &cmd(&holder, Some(current)), &settings(), now()),
        Err(Refusal::AccountStillActive)
    );
    holder.status = AccountStatus::Deleted;
    assert_eq!(
        decide(&admin, &cmd(&holder, Some(current)), &settings(), now()).unwrap(),
        vec![Event::LinkEnded {
            link: current,
            mcid: mcid(42),
            reason: EndReason::RemovedByAdmin
        }]
    );
    // Another organization's admin learns nothing.
    let other = Actor::Member {
        account: AccountId(8),
        org: org(ORG_B),
        roles: Roles::GLOBAL_ADMIN,
    };
    assert!(matches!(
        decide(&other, &cmd(&holder, Some(current)), &settings(), now()),
        Err(Refusal::NotFound { .. })
    ));
}

#[test]
fn r17_last_global_admin_is_kept() {
    let mut me = account(2, ORG_A);
    me.roles = Roles::GLOBAL_ADMIN;
    let actor = actor_for(&me);
    let revoke = |others| Command::SetRole {
        target: me.clone(),
        role: Role::GlobalAdmin,
        grant: false,
        other_active_global_admins: others,
    };
    assert_eq!(
        decide(&actor, &revoke(0), &settings(), now()),
        Err(Refusal::LastGlobalAdmin)
    );
    assert!(decide(&actor, &revoke(1), &settings(), now()).is_ok());
    let target = account(5, ORG_A);
    let grant = Command::SetRole {
        target: target.clone(),
        role: Role::PartnerAdmin,
        grant: true,
        other_active_global_admins: 0,
    };
    assert_eq!(
        decide(&actor, &grant, &settings(), now()).unwrap(),
        vec![Event::RolesChanged {
            account: AccountId(5),
            roles: Roles {
                partner_admin: true,
                global_admin: false
            }
        }]
    );
    let user_actor = actor_for(&target);
    assert!(matches!(
        decide(&user_actor, &grant, &settings(), now()),
        Err(Refusal::NotPermitted { .. })
    ));
}

#[test]
fn r1_sign_in_outcomes() {
    let a = account(1, ORG_A);
    assert_eq!(
        decide_sign_in(Some(&a), CredentialCheck::Verified),
        Ok(AccountId(1))
    );
    assert_eq!(
        decide_sign_in(None, CredentialCheck::Wrong),
        Err(Refusal::WrongCredentials {
            credential: Credential::WorkAccount
        })
    );
    let mut gone = a.clone();
    gone.status = AccountStatus::Deleted;
    assert_eq!(
        decide_sign_in(Some(&gone), CredentialCheck::Verified),
        Err(Refusal::AccountDeleted)
    );
    assert_eq!(
        decide_sign_in(Some(&gone), CredentialCheck::Wrong),
        Err(Refusal::WrongCredentials {
            credential: Credential::WorkAccount
        })
    );
}

#[test]
fn r4_unknown_profile_email_reads_as_wrong_credentials() {
    let me = account(1, ORG_A);
    let cmd = Command::Link {
        me: me.clone(),
        profile: None,
        credentials: CredentialCheck::Wrong,
    };
    assert_eq!(
        decide(&actor_for(&me), &cmd, &settings(), now()),
        Err(Refusal::WrongCredentials {
            credential: Credential::Profile
        })
    );
}

fn merge_facts(n: u64, link: Option<ActiveLink>) -> MergeFacts {
    MergeFacts {
        mcid: mcid(n),
        merged_into: None,
        active_link: link,
    }
}

#[test]
fn r15_merge_keeps_the_primary_link_else_the_duplicate() {
    let support = Actor::Support {
        account: AccountId(9),
    };
    let dup = active(ORG_A, 1, now() - TimeDelta::days(5));
    let primary = ActiveLink {
        id: LinkId(8),
        ..active(ORG_B, 2, now() - TimeDelta::days(9))
    };
    let both = Command::Merge {
        from: merge_facts(41, Some(dup)),
        into: merge_facts(42, Some(primary)),
    };
    assert_eq!(
        decide(&support, &both, &settings(), now()).unwrap(),
        vec![
            Event::LinkEnded {
                link: dup,
                mcid: mcid(41),
                reason: EndReason::Merged
            },
            Event::ProfilesMerged {
                from: mcid(41),
                into: mcid(42)
            }
        ]
    );
    let only_dup = Command::Merge {
        from: merge_facts(41, Some(dup)),
        into: merge_facts(42, None),
    };
    assert_eq!(
        decide(&support, &only_dup, &settings(), now()).unwrap(),
        vec![Event::ProfilesMerged {
            from: mcid(41),
            into: mcid(42)
        }],
        "the duplicate's link survives, re-pointed to the primary"
    );
    let itself = Command::Merge {
        from: merge_facts(42, None),
        into: merge_facts(42, None),
    };
    assert_eq!(
        decide(&support, &itself, &settings(), now()),
        Err(Refusal::MergeIntoItself)
    );
    let merged = Command::Merge {
        from: MergeFacts {
            merged_into: Some(mcid(7)),
            ..merge_facts(41, None)
        },
        into: merge_facts(42, None),
    };
    assert_eq!(
        decide(&support, &merged, &settings(), now()),
        Err(Refusal::AlreadyMerged {
            mcid: mcid(41),
            into: mcid(7)
        })
    );
    let admin = Actor::Member {
        account: AccountId(2),
        org: org(ORG_A),
        roles: Roles::GLOBAL_ADMIN,
    };
    assert!(matches!(
        decide(&admin, &only_dup, &settings(), now()),
        Err(Refusal::NotPermitted { .. })
    ));
}

fn member(id: u64, org_id: u64, roles: Roles) -> Actor {
    Actor::Member {
        account: AccountId(id),
        org: org(org_id),
        roles,
    }
}

fn email(s: &str) -> Email {
    s.parse().unwrap()
}

#[test]
fn r13_invite_and_resend() {
    let admin = member(2, ORG_A, Roles::GLOBAL_ADMIN);
    let domains: Vec<Domain> = vec!["a.com".parse().unwrap()];
    assert_eq!(
        check_invite(&admin, false, &email("new@a.com"), &domains),
        Ok(org(ORG_A))
    );
    assert!(matches!(
        check_invite(&admin, true, &email("new@a.com"), &domains),
        Err(Refusal::EmailInUse { .. })
    ));
    let user = member(3, ORG_A, Roles::USER);
    assert!(matches!(
        check_invite(&user, false, &email("new@a.com"), &domains),
        Err(Refusal::NotPermitted { .. })
    ));
    let mut invited = account(5, ORG_A);
    invited.status = AccountStatus::Invited;
    let to = email("x@a.com");
    assert_eq!(check_resend(&admin, &invited, &to, false, &domains), Ok(()));
    assert!(matches!(
        check_resend(&admin, &invited, &to, true, &domains),
        Err(Refusal::EmailInUse { .. })
    ));
    let mut gone = invited.clone();
    gone.status = AccountStatus::Deleted;
    assert_eq!(
        check_resend(&admin, &gone, &to, false, &domains),
        Err(Refusal::NotInvited {
            status: AccountStatus::Deleted
        })
    );
    let other_admin = member(8, ORG_B, Roles::GLOBAL_ADMIN);
    assert!(matches!(
        check_resend(&other_admin, &invited, &to, false, &domains),
        Err(Refusal::NotPermitted { .. })
    ));
}

/// R13a: an invitation or a resend outside the organization's domains is
/// refused, before "already in use" (which would tell another organization's
/// admin that the address exists: invariant 4).
#[test]
fn r13a_invite_and_resend_stay_in_the_organizations_domains() {
    let admin = member(2, ORG_A, Roles::GLOBAL_ADMIN);
    let domains: Vec<Domain> = vec!["a.com".parse().unwrap()];
    let outside = check_invite(&admin, true, &email("evil@b.com"), &domains);
    assert_eq!(
        outside,
        Err(Refusal::OutsideDomains {
            email: "evil@b.com".into(),
            support: false,
            domains: vec!["a.com".into()],
        })
    );
    let refusal = outside.unwrap_err();
    assert_eq!(
        (refusal.code(), refusal.rule()),
        ("outside_domains", "R13a")
    );
    let mut invited = account(5, ORG_A);
    invited.status = AccountStatus::Invited;
    assert!(matches!(
        check_resend(&admin, &invited, &email("barbara@b.com"), true, &domains),
        Err(Refusal::OutsideDomains { .. })
    ));
    // Permission comes first: a plain user learns nothing about domains.
    let user = member(3, ORG_A, Roles::USER);
    assert!(matches!(
        check_invite(&user, false, &email("evil@b.com"), &domains),
        Err(Refusal::NotPermitted { .. })
    ));
}
