//! Who may read what, per rule, for every kind of reader.

use super::*;

const ORG_A: u64 = 1_000_001;
const ORG_B: u64 = 2_000_002;

fn org(n: u64) -> MpnId {
    MpnId::new(n).unwrap()
}
fn member(account: u64, org_id: u64, roles: Roles) -> Actor {
    Actor::Member {
        account: AccountId(account),
        org: org(org_id),
        roles,
    }
}
const PARTNER_ADMIN: Roles = Roles {
    partner_admin: true,
    global_admin: false,
};
const SUPPORT: Actor = Actor::Support {
    account: AccountId(9),
};

/// A user, an MPN Partner Admin and a Global Admin of organization A, a
/// support engineer and the operator.
fn readers() -> [(&'static str, Actor); 5] {
    [
        ("user", member(1, ORG_A, Roles::USER)),
        ("partner admin", member(2, ORG_A, PARTNER_ADMIN)),
        ("global admin", member(3, ORG_A, Roles::GLOBAL_ADMIN)),
        ("support", SUPPORT),
        ("operator", Actor::Operator),
    ]
}

fn needs_of<T: std::fmt::Debug>(outcome: Result<T, Refusal>) -> Needs {
    match outcome {
        Err(Refusal::NotPermitted { needs }) => needs,
        other => panic!("expected not permitted, got {other:?}"),
    }
}

#[test]
fn r10_r11_r18_the_reports_are_for_the_organizations_admins_alone() {
    for (view, needs) in [
        (OrgView::SkillsReport, Needs::SkillsReport),
        (OrgView::CompetencyStatus, Needs::CompetencyStatus),
        (OrgView::Designations, Needs::Designations),
        (OrgView::LearnAnalytics, Needs::LearnAnalytics),
    ] {
        for (who, actor) in readers() {
            match who {
                "partner admin" | "global admin" => {
                    assert_eq!(may(&actor, view), Ok(org(ORG_A)), "{who}: {view:?}");
                }
                _ => assert_eq!(needs_of(may(&actor, view)), needs, "{who}: {view:?}"),
            }
        }
    }
    // Each admin reaches their own organization, never another (invariant 4).
    assert_eq!(
        may(&member(4, ORG_B, PARTNER_ADMIN), OrgView::SkillsReport),
        Ok(org(ORG_B))
    );
    assert_eq!(
        Refusal::not_permitted(Needs::CompetencyStatus).rule(),
        "R11"
    );
}

#[test]
fn r12_r13_r17_accounts_and_links_are_for_global_admins_alone() {
    for (who, actor) in readers() {
        let (accounts, links) = (may(&actor, OrgView::Accounts), may(&actor, OrgView::Links));
        match who {
            "global admin" => {
                assert_eq!(accounts, Ok(org(ORG_A)));
                assert_eq!(links, Ok(org(ORG_A)));
            }
            "user" | "partner admin" => {
                assert_eq!(needs_of(accounts), Needs::OrgAccounts, "{who}");
                assert_eq!(needs_of(links), Needs::OrgLinks, "{who}");
            }
            _ => {
                assert_eq!(needs_of(accounts), Needs::OrgAccounts, "{who}");
                assert_eq!(needs_of(links), Needs::OrgLinksOfAnOrganization, "{who}");
            }
        }
    }
}

#[test]
fn r14_the_support_desk_is_for_support_engineers() {
    for (who, actor) in readers() {
        for (view, needs) in [
            (SupportDesk::PeopleLookup, Needs::PeopleLookup),
            (SupportDesk::TicketQueue, Needs::TicketQueue),
        ] {
            if who == "support" {
                assert_eq!(may(&actor, view), Ok(()));
            } else {
                assert_eq!(needs_of(may(&actor, view)), needs, "{who}: {view:?}");
            }
        }
    }
}

#[test]
fn r14_a_ticket_is_read_by_its_opener_and_support_and_hidden_from_others() {
    let ticket = Ticket {
        opened_by: AccountId(1),
    };
    assert_eq!(may(&member(1, ORG_A, Roles::USER), ticket), Ok(()));
    assert_eq!(may(&SUPPORT, ticket), Ok(()));
    let hidden = Err(Refusal::NotFound {
        what: Missing::Ticket,
    });
    assert_eq!(may(&member(2, ORG_A, Roles::GLOBAL_ADMIN), ticket), hidden);
    assert_eq!(may(&member(3, ORG_B, Roles::USER), ticket), hidden);
    assert_eq!(may(&Actor::Operator, ticket), hidden);
}

#[test]
fn r16_each_reader_sees_their_own_their_organizations_or_everything() {
    let email: Email = "someone@contoso.com".parse().unwrap();
    let account = |id: u64, of: Option<u64>| History::Account {
        id: AccountId(id),
        org: of.map(org),
        email: &email,
    };
    let user = member(1, ORG_A, Roles::USER);
    let admin = member(3, ORG_A, Roles::GLOBAL_ADMIN);
    let partner_admin = member(2, ORG_A, PARTNER_ADMIN);

    // Support and the operator see every entry, every organization named.
    for actor in [SUPPORT, Actor::Operator] {
        assert_eq!(
            may(&actor, account(1, Some(ORG_A))),
            Ok(HistoryReach::Everything)
        );
        assert_eq!(
            may(&actor, History::Mcid { own: false }),
            Ok(HistoryReach::Everything)
        );
    }
    // A person's own account: all of it, other organizations hidden.
    assert_eq!(
        may(&user, account(1, Some(ORG_A))),
        Ok(HistoryReach::HidingOtherOrgs(org(ORG_A)))
    );
    // A colleague's account: their Global Admin only.
    assert_eq!(
        may(&admin, account(1, Some(ORG_A))),
        Ok(HistoryReach::HidingOtherOrgs(org(ORG_A)))
    );
    for actor in [user, partner_admin] {
        assert_eq!(
            needs_of(may(&actor, account(5, Some(ORG_A)))),
            Needs::History
        );
    }
    // Another organization's account, or a support engineer's, does not
    // exist for a member (invariant 4), whatever their roles.
    for actor in [user, admin] {
        for of in [Some(ORG_B), None] {
            assert_eq!(
                may(&actor, account(7, of)),
                Err(Refusal::NotFound {
                    what: Missing::AccountInOrg {
                        email: "someone@contoso.com".into()
                    }
                })
            );
        }
    }
    // The person's own profile: all of it is theirs.
    assert_eq!(
        may(&user, History::Mcid { own: true }),
        Ok(HistoryReach::Everything)
    );
    // Someone else's profile: a Global Admin sees what concerns the
    // organization; nobody else sees any of it.
    assert_eq!(
        may(&admin, History::Mcid { own: false }),
        Ok(HistoryReach::ConcerningOrg(org(ORG_A)))
    );
    for actor in [user, partner_admin] {
        assert_eq!(
            needs_of(may(&actor, History::Mcid { own: false })),
            Needs::History
        );
    }
    assert_eq!(HistoryReach::Everything.viewer_org(), None);
    assert_eq!(
        HistoryReach::ConcerningOrg(org(ORG_A)).viewer_org(),
        Some(org(ORG_A))
    );
}

#[test]
fn r12_r13_r17_a_row_offers_what_its_state_allows_to_its_global_admins() {
    use AccountAction::{Delete, RemoveFromReport, ResendDetails, ToggleRole};
    let row = |status, roles, linked| AccountRow {
        org: Some(org(ORG_A)),
        status,
        roles,
        linked,
        other_active_global_admins: 1,
    };
    let roles = |pa: bool, ga: bool| {
        [
            ToggleRole {
                role: Role::PartnerAdmin,
                holds: pa,
            },
            ToggleRole {
                role: Role::GlobalAdmin,
                holds: ga,
            },
        ]
    };
    let admin = member(3, ORG_A, Roles::GLOBAL_ADMIN);
    let [pa, ga] = roles(false, false);
    assert_eq!(
        account_actions(&admin, &row(AccountStatus::Invited, Roles::USER, false)),
        vec![ResendDetails, Delete, pa, ga]
    );
    let [pa, ga] = roles(true, true);
    let both = Roles {
        partner_admin: true,
        global_admin: true,
    };
    assert_eq!(
        account_actions(&admin, &row(AccountStatus::Active, both, true)),
        vec![Delete, pa, ga],
        "an active person removes their own link (R7): no removal offered"
    );
    assert_eq!(
        account_actions(&admin, &row(AccountStatus::Deleted, both, true)),
        vec![RemoveFromReport]
    );
    assert_eq!(
        account_actions(&admin, &row(AccountStatus::Deleted, Roles::USER, false)),
        vec![]
    );
    // Nothing for anyone else: the organization's other people, another
    // organization's Global Admin, support, the operator.
    let active = row(AccountStatus::Active, Roles::USER, false);
    for actor in [
        member(1, ORG_A, Roles::USER),
        member(2, ORG_A, PARTNER_ADMIN),
        member(4, ORG_B, Roles::GLOBAL_ADMIN),
        SUPPORT,
        Actor::Operator,
    ] {
        assert_eq!(account_actions(&actor, &active), vec![], "{actor:?}");
    }
    // A support engineer's account belongs to no organization's admins.
    let support_row = AccountRow {
        org: None,
        ..active
    };
    assert_eq!(account_actions(&admin, &support_row), vec![]);
}

#[test]
fn r12_r17_actions_that_cannot_work_are_not_offered() {
    use AccountAction::{Delete, RemoveFromReport, ToggleRole};
    let admin = member(3, ORG_A, Roles::GLOBAL_ADMIN);
    let last_admin = AccountRow {
        org: Some(org(ORG_A)),
        status: AccountStatus::Active,
        roles: Roles::GLOBAL_ADMIN,
        linked: false,
        other_active_global_admins: 0,
    };
    assert!(last_admin.is_last_global_admin());
    let pa = ToggleRole {
        role: Role::PartnerAdmin,
        holds: false,
    };
    // The seen case: the last Global Admin was offered to revoke herself.
    assert_eq!(
        account_actions(&admin, &last_admin),
        vec![pa],
        "the last Global Admin is neither deleted nor loses the role (R17)"
    );
    // With a second Global Admin both are offered again.
    let one_of_two = AccountRow {
        other_active_global_admins: 1,
        ..last_admin
    };
    assert!(!one_of_two.is_last_global_admin());
    assert_eq!(
        account_actions(&admin, &one_of_two),
        vec![
            Delete,
            pa,
            ToggleRole {
                role: Role::GlobalAdmin,
                holds: true
            }
        ]
    );
    // An invited Global Admin is not yet one of the active ones: deleting the
    // invitation is offered even with no other Global Admin.
    let invited = AccountRow {
        status: AccountStatus::Invited,
        ..last_admin
    };
    assert!(!invited.is_last_global_admin());
    assert!(account_actions(&admin, &invited).contains(&Delete));
    // The seen case: a deleted account offered `d delete`. It offers only
    // the removal of its still-linked MCID, and nothing when none is linked.
    let deleted = AccountRow {
        status: AccountStatus::Deleted,
        linked: true,
        ..last_admin
    };
    assert_eq!(account_actions(&admin, &deleted), vec![RemoveFromReport]);
    let gone = AccountRow {
        linked: false,
        ..deleted
    };
    assert_eq!(account_actions(&admin, &gone), vec![]);
}
