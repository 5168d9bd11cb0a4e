//! What a person lacked when a command or a read was not permitted: one value
//! per permission, each with the rule it comes from and the words that say who
//! may. [`crate::Refusal::NotPermitted`] carries it, so scripts and the audit
//! trail get the rule from the value, never from parsing a sentence.

use certlink_i18n::Lang;

/// A permission that was missing. Named by what it allows; the reads are
/// decided in [`crate::permissions`], the changes in [`crate::decide`] and
/// [`crate::tickets`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Needs {
    /// R10: the organization's skills report and its users export.
    SkillsReport,
    /// R11: the organization's competency status.
    CompetencyStatus,
    /// R11's successor: the organization's Solutions Partner designation scores.
    Designations,
    /// R18: the organization's Learn analytics.
    LearnAnalytics,
    /// R12, R13, R17: the organization's accounts (the Users tab, `user list`,
    /// the organization's email domains).
    OrgAccounts,
    /// The organization's current links, asked by someone outside every
    /// organization.
    OrgLinksOfAnOrganization,
    /// The organization's current links, asked by a member who is not its
    /// Global Admin.
    OrgLinks,
    /// R16: someone else's audit trail.
    History,
    /// R14: lookups across organizations and the person view.
    PeopleLookup,
    /// R14: the queue of every ticket.
    TicketQueue,
    /// R14: opening a ticket.
    OpenTicket,
    /// R14: resolving a ticket.
    ResolveTicket,
    /// R14: importing learning records.
    Import,
    /// R8: linking, unlinking and PU access, by the person themselves.
    OwnAccount,
    /// R12: deleting an account.
    DeleteAccount,
    /// R12: removing a departed person from the skills report.
    RemoveFromReport,
    /// R17: granting and revoking roles.
    SetRole,
    /// R15: merging certification profiles.
    Merge,
    /// R13: inviting people into the organization.
    Invite,
    /// R13: resending sign-in details.
    Resend,
}

impl Needs {
    /// Every permission, for tests and documentation that go through them all.
    pub const ALL: [Needs; 20] = [
        Needs::SkillsReport,
        Needs::CompetencyStatus,
        Needs::Designations,
        Needs::LearnAnalytics,
        Needs::OrgAccounts,
        Needs::OrgLinksOfAnOrganization,
        Needs::OrgLinks,
        Needs::History,
        Needs::PeopleLookup,
        Needs::TicketQueue,
        Needs::OpenTicket,
        Needs::ResolveTicket,
        Needs::Import,
        Needs::OwnAccount,
        Needs::DeleteAccount,
        Needs::RemoveFromReport,
        Needs::SetRole,
        Needs::Merge,
        Needs::Invite,
        Needs::Resend,
    ];

    /// The rule of domain.md that grants it. The organization's links are a
    /// Global Admin's view that no rule names: R8, privacy, covers them.
    pub fn rule(self) -> &'static str {
        match self {
            Needs::SkillsReport => "R10",
            Needs::CompetencyStatus | Needs::Designations => "R11",
            Needs::LearnAnalytics => "R18",
            Needs::OrgAccounts | Needs::DeleteAccount | Needs::RemoveFromReport => "R12",
            Needs::OrgLinksOfAnOrganization | Needs::OrgLinks | Needs::OwnAccount => "R8",
            Needs::History => "R16",
            Needs::PeopleLookup
            | Needs::TicketQueue
            | Needs::OpenTicket
            | Needs::ResolveTicket
            | Needs::Import => "R14",
            Needs::SetRole => "R17",
            Needs::Merge => "R15",
            Needs::Invite | Needs::Resend => "R13",
        }
    }

    /// Who may, in English words, naming the rule ("only … (R10)").
    pub fn who_may(self) -> &'static str {
        self.who_may_in(Lang::En)
    }

    /// Who may, in `lang`, naming the rule ("only … (R10)", "只有……（R10）").
    pub fn who_may_in(self, lang: Lang) -> &'static str {
        let words: fn(Lang) -> &'static str = match self {
            Needs::SkillsReport => Lang::needs_skills_report,
            Needs::CompetencyStatus => Lang::needs_competency_status,
            Needs::Designations => Lang::needs_designations,
            Needs::LearnAnalytics => Lang::needs_learn_analytics,
            Needs::OrgAccounts => Lang::needs_org_accounts,
            Needs::OrgLinksOfAnOrganization => Lang::needs_org_links_of_an_organization,
            Needs::OrgLinks => Lang::needs_org_links,
            Needs::History => Lang::needs_history,
            Needs::PeopleLookup => Lang::needs_people_lookup,
            Needs::TicketQueue => Lang::needs_ticket_queue,
            Needs::OpenTicket => Lang::needs_open_ticket,
            Needs::ResolveTicket => Lang::needs_resolve_ticket,
            Needs::Import => Lang::needs_import,
            Needs::OwnAccount => Lang::needs_own_account,
            Needs::DeleteAccount => Lang::needs_delete_account,
            Needs::RemoveFromReport => Lang::needs_remove_from_report,
            Needs::SetRole => Lang::needs_set_role,
            Needs::Merge => Lang::needs_merge,
            Needs::Invite => Lang::needs_invite,
            Needs::Resend => Lang::needs_resend,
        };
        words(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first rule id written as "(Rn" in `text`: the rule a reader of
    /// the words would name.
    fn rule_named_in(text: &str) -> Option<String> {
        let at = text.find("(R")? + 2;
        let digits: String = text[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let n: usize = digits.parse().ok()?;
        (1..=18).contains(&n).then(|| format!("R{n}"))
    }

    #[test]
    fn rule_named_in_reads_the_first_rule_id() {
        assert_eq!(
            rule_named_in("only support engineers merge profiles (R15)").as_deref(),
            Some("R15")
        );
        assert_eq!(
            rule_named_in("a Global Admin (R12, R13, R17)").as_deref(),
            Some("R12")
        );
        assert_eq!(rule_named_in("(R1) first").as_deref(), Some("R1"));
        assert_eq!(rule_named_in("no rule named"), None);
        assert_eq!(rule_named_in("(R19) is not a rule"), None);
        assert_eq!(rule_named_in("(R0)"), None);
    }

    #[test]
    fn each_permission_names_its_rule_in_its_words() {
        for needs in Needs::ALL {
            let named = rule_named_in(needs.who_may()).unwrap_or_else(|| "R8".into());
            assert_eq!(needs.rule(), named, "{needs:?}: {}", needs.who_may());
        }
    }

    #[test]
    fn each_permission_names_its_rule_in_chinese_too() {
        for needs in Needs::ALL {
            let zh = needs.who_may_in(Lang::ZhCn);
            assert_ne!(zh, needs.who_may(), "{needs:?}");
            // Chinese puts the rule in full-width parentheses.
            let named = rule_named_in(&zh.replace('（', "(")).unwrap_or_else(|| "R8".into());
            assert_eq!(needs.rule(), named, "{needs:?}: {zh}");
        }
    }
}
