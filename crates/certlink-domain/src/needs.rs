//! What a person lacked when a command or a read was not permitted: one value
//! per permission, each with the rule it comes from and the words that say who
//! may. [`crate::Refusal::NotPermitted`] carries it, so scripts and the audit
//! trail get the rule from the value, never from parsing a sentence.

/// A permission that was missing. Named by what it allows; the reads are
/// decided in [`crate::permissions`], the changes in [`crate::decide`] and
/// [`crate::tickets`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Needs {
    /// R10: the organization's skills report and its users export.
    SkillsReport,
    /// R11: the organization's competency status.
    CompetencyStatus,
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
    pub const ALL: [Needs; 19] = [
        Needs::SkillsReport,
        Needs::CompetencyStatus,
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
            Needs::CompetencyStatus => "R11",
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

    /// Who may, in words, naming the rule ("only … (R10)").
    pub fn who_may(self) -> &'static str {
        match self {
            Needs::SkillsReport => {
                "only Global Admins and MPN Partner Admins of the organization see its reports (R10)"
            }
            Needs::CompetencyStatus => {
                "only Global Admins and MPN Partner Admins of the organization see its competency status (R11)"
            }
            Needs::LearnAnalytics => {
                "only Global Admins and MPN Partner Admins of the organization see its Learn analytics (R18)"
            }
            Needs::OrgAccounts => {
                "only a Global Admin manages the organization's accounts (R12, R13, R17)"
            }
            Needs::OrgLinksOfAnOrganization => "a Global Admin of an organization",
            Needs::OrgLinks => "a Global Admin sees the organization's links",
            Needs::History => {
                "you see your own history; a Global Admin sees their organization's; support sees all (R16)"
            }
            Needs::PeopleLookup => "support engineers look people up across organizations (R14)",
            Needs::TicketQueue => "only support engineers see the ticket queue (R14)",
            Needs::OpenTicket => "tickets are opened by people of an organization (R14)",
            Needs::ResolveTicket => "only support engineers resolve tickets (R14)",
            Needs::Import => "support engineers and the operator import learning records (R14)",
            Needs::OwnAccount => {
                "only the person, signed in to their own work account, can link or unlink their profiles (R8)"
            }
            Needs::DeleteAccount => {
                "only a Global Admin of the account's organization can delete it (R12)"
            }
            Needs::RemoveFromReport => {
                "only a Global Admin can remove people from the skills report (R12)"
            }
            Needs::SetRole => {
                "only a Global Admin of the organization grants and revokes roles (R17)"
            }
            Needs::Merge => "only support engineers (Certification Support) merge profiles (R15)",
            Needs::Invite => "only a Global Admin invites people into the organization (R13)",
            Needs::Resend => {
                "only a Global Admin of the organization resends sign-in details (R13)"
            }
        }
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
}
