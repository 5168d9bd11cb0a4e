//! Every way a command can be refused, with what the person needs to know: the
//! rule, and what to do next. Messages are plain words, shared by every front end,
//! in the reader's language (`DateFormat::lang`; the words are the catalog's
//! `refusal-*`, `needs-*` and `credential-*`). The code, the rule and the values a
//! refusal carries stay language-neutral.

use certlink_i18n::Lang;
use chrono::{DateTime, Utc};

use super::decide::AccountStatus;
use super::domains::DomainOwner;
use super::ids::Mcid;
use super::needs::Needs;
use super::roles::Role;
use super::time::DateFormat;

/// Which password was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    WorkAccount,
    Profile,
    PartnerUniversity,
}

impl Credential {
    /// "email or password": what was wrong, in `lang`.
    pub fn what_in(self, lang: Lang) -> &'static str {
        match self {
            Credential::WorkAccount => lang.credential_work_account(),
            Credential::Profile => lang.credential_profile(),
            Credential::PartnerUniversity => lang.credential_partner_university(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.code())]
pub enum Refusal {
    /// R1/R2/R4: the credentials did not verify (or name no one: we do not say which).
    WrongCredentials { credential: Credential },
    /// R1: too many failures from this source; try again after the instant.
    Throttled {
        credential: Credential,
        retry_after: DateTime<Utc>,
    },
    /// R1: too many failures; locked until the instant (the operator can unlock).
    Locked {
        credential: Credential,
        until: DateTime<Utc>,
    },
    /// R1: a deleted account cannot sign in.
    AccountDeleted,
    /// R13: a temporary password must be replaced before anything else.
    PasswordChangeRequired,
    /// A role or permission is missing; `needs` says which, who may, and the rule.
    NotPermitted { needs: Needs },
    /// R9: `used` of `limit` associations started since `since`.
    LimitReached {
        used: u32,
        limit: u32,
        since: DateTime<Utc>,
        next_allowed: DateTime<Utc>,
    },
    /// R9: the cool-off since the last start has not passed.
    CoolOff {
        cool_off_days: u32,
        next_allowed: DateTime<Utc>,
    },
    /// R4/R6: this account already holds the link to this organization.
    AlreadyLinkedHere { mcid: Mcid },
    /// R4: an account holds at most one MCID.
    UnlinkFirst { mcid: Mcid },
    /// R7: there is no link to remove.
    NotLinked,
    /// R2: the PU account is associated with another active account.
    PuHeldElsewhere,
    /// R2: this account already has PU access.
    PuAlreadyGranted,
    /// R2: there is no PU access to remove.
    NoPuAccess,
    /// R17: an organization keeps at least one active Global Admin.
    LastGlobalAdmin,
    /// R12: removal from the report is for departed (deleted) accounts.
    AccountStillActive,
    /// R12: the account is already deleted.
    AlreadyDeleted,
    /// R17: nothing to change: the account already holds `role` (`held`),
    /// or does not hold the role being revoked.
    RoleUnchanged { role: Role, held: bool },
    /// An email, MCID or other id that names nothing visible to the actor.
    NotFound { what: Missing },
    /// R13: the email belongs to a live account already.
    EmailInUse { email: String },
    /// R13: sign-in details are resent only to invited accounts.
    NotInvited { status: AccountStatus },
    /// R14: the ticket is already resolved.
    AlreadyResolved,
    /// R15: a profile cannot be merged into itself.
    MergeIntoItself,
    /// R15: the profile was already merged into another.
    AlreadyMerged { mcid: Mcid, into: Mcid },
    /// R13a: a work account's email is in one of its organization's domains (a
    /// support engineer's in a support domain); `domains` are the owner's.
    OutsideDomains {
        email: String,
        support: bool,
        domains: Vec<String>,
    },
    /// R13a: the domain belongs to another organization or to support (operator).
    DomainTaken { domain: String, owner: DomainOwner },
    /// R13a: the owner holds the domain already (operator).
    DomainAlreadyHeld { domain: String },
    /// R13a: live accounts still use the domain (operator).
    DomainInUse { domain: String, accounts: u64 },
    /// R13a: an owner holds at most `limit` domains (operator).
    TooManyDomains { limit: usize },
}

impl Refusal {
    /// A missing permission.
    pub fn not_permitted(needs: Needs) -> Refusal {
        Refusal::NotPermitted { needs }
    }

    /// Stable machine-readable code for scripts (`{"error":{"code":…}}`).
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::WrongCredentials { .. } => "wrong_credentials",
            Refusal::Throttled { .. } => "throttled",
            Refusal::Locked { .. } => "locked",
            Refusal::AccountDeleted => "account_deleted",
            Refusal::PasswordChangeRequired => "password_change_required",
            Refusal::NotPermitted { .. } => "not_permitted",
            Refusal::LimitReached { .. } => "limit_reached",
            Refusal::CoolOff { .. } => "cool_off",
            Refusal::AlreadyLinkedHere { .. } => "already_linked_here",
            Refusal::UnlinkFirst { .. } => "unlink_first",
            Refusal::NotLinked => "not_linked",
            Refusal::PuHeldElsewhere => "pu_held_elsewhere",
            Refusal::PuAlreadyGranted => "pu_already_granted",
            Refusal::NoPuAccess => "no_pu_access",
            Refusal::LastGlobalAdmin => "last_global_admin",
            Refusal::AccountStillActive => "account_still_active",
            Refusal::AlreadyDeleted => "already_deleted",
            Refusal::RoleUnchanged { .. } => "role_unchanged",
            Refusal::NotFound { .. } => "not_found",
            Refusal::EmailInUse { .. } => "email_in_use",
            Refusal::NotInvited { .. } => "not_invited",
            Refusal::AlreadyResolved => "already_resolved",
            Refusal::MergeIntoItself => "merge_into_itself",
            Refusal::AlreadyMerged { .. } => "already_merged",
            Refusal::OutsideDomains { .. } => "outside_domains",
            Refusal::DomainTaken { .. } => "domain_taken",
            Refusal::DomainAlreadyHeld { .. } => "domain_already_held",
            Refusal::DomainInUse { .. } => "domain_in_use",
            Refusal::TooManyDomains { .. } => "too_many_domains",
        }
    }

    /// The rule of domain.md behind the refusal.
    pub fn rule(&self) -> &'static str {
        match self {
            Refusal::WrongCredentials { credential }
            | Refusal::Throttled { credential, .. }
            | Refusal::Locked { credential, .. } => match credential {
                Credential::WorkAccount => "R1",
                Credential::Profile => "R4",
                Credential::PartnerUniversity => "R2",
            },
            Refusal::AccountDeleted => "R1",
            Refusal::PasswordChangeRequired => "R13",
            Refusal::NotPermitted { needs } => needs.rule(),
            Refusal::LimitReached { .. } | Refusal::CoolOff { .. } => "R9",
            Refusal::AlreadyLinkedHere { .. } => "R6",
            Refusal::UnlinkFirst { .. } => "R4",
            Refusal::NotLinked => "R7",
            Refusal::PuHeldElsewhere | Refusal::PuAlreadyGranted | Refusal::NoPuAccess => "R2",
            Refusal::LastGlobalAdmin | Refusal::RoleUnchanged { .. } => "R17",
            Refusal::AccountStillActive | Refusal::AlreadyDeleted => "R12",
            Refusal::NotFound { .. } => "-",
            Refusal::EmailInUse { .. } | Refusal::NotInvited { .. } => "R13",
            Refusal::AlreadyResolved => "R14",
            Refusal::MergeIntoItself | Refusal::AlreadyMerged { .. } => "R15",
            Refusal::OutsideDomains { .. }
            | Refusal::DomainTaken { .. }
            | Refusal::DomainAlreadyHeld { .. }
            | Refusal::DomainInUse { .. }
            | Refusal::TooManyDomains { .. } => "R13a",
        }
    }

    /// The date a script may want to read, if the refusal carries one.
    pub fn next_allowed(&self) -> Option<DateTime<Utc>> {
        match self {
            Refusal::LimitReached { next_allowed, .. } | Refusal::CoolOff { next_allowed, .. } => {
                Some(*next_allowed)
            }
            Refusal::Locked { until, .. } => Some(*until),
            Refusal::Throttled { retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }

    /// What the person reads, in `dates.lang`: what happened and what to do.
    pub fn message(&self, dates: &DateFormat) -> String {
        let lang = dates.lang;
        match self {
            Refusal::WrongCredentials { credential } => {
                lang.refusal_wrong_credentials(credential.what_in(lang))
            }
            Refusal::Throttled {
                credential,
                retry_after,
            } => {
                let secs = (*retry_after - dates.now).num_seconds().max(1);
                lang.refusal_throttled(credential.what_in(lang), secs)
            }
            Refusal::Locked { credential, until } => lang.refusal_locked(
                credential.what_in(lang),
                until.format("%Y-%m-%d %H:%M").to_string(),
            ),
            Refusal::AccountDeleted => lang.refusal_account_deleted().into(),
            Refusal::PasswordChangeRequired => {
                // How to set it depends on the front end, which adds it (cli/output.rs).
                lang.refusal_password_change_required().into()
            }
            Refusal::NotPermitted { needs } => lang.refusal_not_permitted(needs.who_may_in(lang)),
            Refusal::LimitReached {
                used,
                limit,
                since,
                next_allowed,
            } => lang.refusal_limit_reached(
                *used,
                *limit,
                dates.date(*since),
                dates.moment_with_countdown(*next_allowed),
            ),
            Refusal::CoolOff {
                cool_off_days,
                next_allowed,
            } => lang.refusal_cool_off(*cool_off_days, dates.moment_with_countdown(*next_allowed)),
            Refusal::AlreadyLinkedHere { mcid } => {
                lang.refusal_already_linked_here(mcid.to_string())
            }
            Refusal::UnlinkFirst { mcid } => lang.refusal_unlink_first(mcid.to_string()),
            Refusal::NotLinked => lang.refusal_not_linked().into(),
            Refusal::PuHeldElsewhere => lang.refusal_pu_held_elsewhere().into(),
            Refusal::PuAlreadyGranted => lang.refusal_pu_already_granted().into(),
            Refusal::NoPuAccess => lang.refusal_no_pu_access().into(),
            Refusal::LastGlobalAdmin => lang.refusal_last_global_admin().into(),
            Refusal::AccountStillActive => lang.refusal_account_still_active().into(),
            Refusal::AlreadyDeleted => lang.refusal_already_deleted().into(),
            Refusal::RoleUnchanged { role, held: true } => {
                lang.refusal_role_already_held(role.title_in(lang))
            }
            Refusal::RoleUnchanged { role, held: false } => {
                lang.refusal_role_not_held(role.title_in(lang))
            }
            Refusal::NotFound { what } => lang.refusal_not_found(what.words(lang)),
            Refusal::EmailInUse { email } => lang.refusal_email_in_use(email.as_str()),
            Refusal::NotInvited { status } => lang.refusal_not_invited(status.label_in(lang)),
            Refusal::AlreadyResolved => lang.refusal_already_resolved().into(),
            Refusal::MergeIntoItself => lang.refusal_merge_into_itself().into(),
            Refusal::AlreadyMerged { mcid, into } => {
                lang.refusal_already_merged(mcid.to_string(), into.to_string())
            }
            Refusal::OutsideDomains {
                email,
                support,
                domains,
            } => {
                let listed = if domains.is_empty() {
                    lang.refusal_domains_none().to_string()
                } else {
                    domains.join(list_separator(lang))
                };
                if *support {
                    lang.refusal_outside_support_domains(email.as_str(), listed)
                } else {
                    lang.refusal_outside_org_domains(email.as_str(), listed)
                }
            }
            Refusal::DomainTaken { domain, owner } => {
                lang.refusal_domain_taken(domain.as_str(), owner.words(lang))
            }
            Refusal::DomainAlreadyHeld { domain } => {
                lang.refusal_domain_already_held(domain.as_str())
            }
            Refusal::DomainInUse { domain, accounts } => {
                lang.refusal_domain_in_use(*accounts, domain.as_str())
            }
            Refusal::TooManyDomains { limit } => lang.refusal_too_many_domains(*limit),
        }
    }
}

/// Between the items of a list in a sentence: ", " in English, "、" in Chinese.
pub fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", ",
        Lang::ZhCn => "、",
    }
}

/// What a [`Refusal::NotFound`] did not find, worded in the reader's
/// language. Nothing here says whether it exists elsewhere (invariant 4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// "that account in your organization"
    ThatAccount,
    /// "MCID … is not linked to your organization"
    Link { mcid: Mcid },
    /// "no such ticket"
    Ticket,
    /// "no account … in your organization"
    AccountInOrg { email: String },
    /// "no account …" (support and operator, who see every organization)
    Account { email: String },
    /// "no profile with MCID …"
    Profile { mcid: Mcid },
    /// "no certification profile with MCID …" (a history asked for)
    CertificationProfile { mcid: Mcid },
    /// "… is not a domain of …"
    Domain { domain: String, owner: DomainOwner },
    /// "no one matches …" (the query as typed, quoted)
    Match { query: String },
}

impl Missing {
    /// The words, after "Not found: ".
    pub fn words(&self, lang: Lang) -> String {
        match self {
            Missing::ThatAccount => lang.refusal_missing_that_account().into(),
            Missing::Link { mcid } => lang.refusal_missing_link(mcid.to_string()),
            Missing::Ticket => lang.refusal_missing_ticket().into(),
            Missing::AccountInOrg { email } => lang.refusal_missing_account_in_org(email.as_str()),
            Missing::Account { email } => lang.refusal_missing_account(email.as_str()),
            Missing::Profile { mcid } => lang.refusal_missing_profile(mcid.to_string()),
            Missing::CertificationProfile { mcid } => {
                lang.refusal_missing_certification_profile(mcid.to_string())
            }
            Missing::Domain { domain, owner } => {
                lang.refusal_missing_domain(domain.as_str(), owner.words(lang))
            }
            Missing::Match { query } => lang.refusal_missing_match(format!("{query:?}")),
        }
    }
}

impl std::fmt::Display for Missing {
    /// In English (logs and tests); [`Missing::words`] for a reader.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn r9_limit_message_names_the_date_and_countdown() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let r = Refusal::LimitReached {
            used: 3,
            limit: 3,
            since: Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap(),
            next_allowed: Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap(),
        };
        assert_eq!(
            r.message(&DateFormat::new(chrono_tz::UTC, now)),
            "Limit reached: 3 of 3 associations used since 2026-03-01. Your next association is allowed from 2027-03-01 09:00 UTC (in 98 days)."
        );
        assert_eq!(r.rule(), "R9");
        assert_eq!(r.code(), "limit_reached");
    }

    // Issue 15, principle 10: at 00:05 on the day named the refusal gives the hour
    // it ends at, and its countdown is "today", not "in 1 day".
    #[test]
    fn r9_cool_off_message_gives_the_moment_in_the_display_zone() {
        let r = Refusal::CoolOff {
            cool_off_days: 30,
            next_allowed: Utc.with_ymd_and_hms(2027, 3, 31, 8, 0, 0).unwrap(),
        };
        let at_00_05_cest = Utc.with_ymd_and_hms(2027, 3, 30, 22, 5, 0).unwrap();
        assert_eq!(
            r.message(&DateFormat::new(chrono_tz::Europe::Berlin, at_00_05_cest)),
            "We require a period of 30 days between associations. Your next association is allowed from 2027-03-31 10:00 CEST (today)."
        );
        assert_eq!(
            r.message(&DateFormat::new(chrono_tz::UTC, at_00_05_cest)),
            "We require a period of 30 days between associations. Your next association is allowed from 2027-03-31 08:00 UTC (in 1 day)."
        );
    }

    #[test]
    fn not_permitted_names_the_rule_of_what_is_missing() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let dates = DateFormat::new(chrono_tz::UTC, now);
        for needs in Needs::ALL {
            let refusal = Refusal::NotPermitted { needs };
            assert_eq!(refusal.rule(), needs.rule());
            assert_eq!(refusal.code(), "not_permitted");
            assert_eq!(
                refusal.message(&dates),
                format!("Not permitted: {}.", needs.who_may())
            );
        }
        let merge = Refusal::NotPermitted {
            needs: Needs::Merge,
        };
        assert_eq!(merge.rule(), "R15");
        assert_eq!(
            merge.message(&dates),
            "Not permitted: only support engineers (Certification Support) merge profiles (R15)."
        );
        let links = Refusal::NotPermitted {
            needs: Needs::OrgLinks,
        };
        assert_eq!(links.rule(), "R8", "a view no rule names is R8's");
    }

    fn han(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// One of each refusal, with every credential.
    fn every_refusal() -> Vec<Refusal> {
        let at = |d| Utc.with_ymd_and_hms(2027, 3, d, 9, 0, 0).unwrap();
        let mcid = Mcid::new(123_456).unwrap();
        let mut all = Vec::new();
        for credential in [
            Credential::WorkAccount,
            Credential::Profile,
            Credential::PartnerUniversity,
        ] {
            all.push(Refusal::WrongCredentials { credential });
            all.push(Refusal::Throttled {
                credential,
                retry_after: at(1),
            });
            all.push(Refusal::Locked {
                credential,
                until: at(2),
            });
        }
        all.extend(Needs::ALL.map(Refusal::not_permitted));
        all.extend([
            Refusal::AccountDeleted,
            Refusal::PasswordChangeRequired,
            Refusal::LimitReached {
                used: 3,
                limit: 3,
                since: at(1),
                next_allowed: at(20),
            },
            Refusal::CoolOff {
                cool_off_days: 30,
                next_allowed: at(5),
            },
            Refusal::AlreadyLinkedHere { mcid },
            Refusal::UnlinkFirst { mcid },
            Refusal::NotLinked,
            Refusal::PuHeldElsewhere,
            Refusal::PuAlreadyGranted,
            Refusal::NoPuAccess,
            Refusal::LastGlobalAdmin,
            Refusal::AccountStillActive,
            Refusal::AlreadyDeleted,
            Refusal::RoleUnchanged {
                role: Role::GlobalAdmin,
                held: true,
            },
            Refusal::RoleUnchanged {
                role: Role::PartnerAdmin,
                held: false,
            },
            Refusal::EmailInUse {
                email: "wang@contoso.com".into(),
            },
            Refusal::NotInvited {
                status: AccountStatus::Deleted,
            },
            Refusal::AlreadyResolved,
            Refusal::MergeIntoItself,
            Refusal::AlreadyMerged {
                mcid,
                into: Mcid::new(654_321).unwrap(),
            },
            Refusal::OutsideDomains {
                email: "wang@example.com".into(),
                support: false,
                domains: vec!["contoso.com".into(), "contoso.cn".into()],
            },
            Refusal::OutsideDomains {
                email: "wang@example.com".into(),
                support: true,
                domains: vec![],
            },
            Refusal::DomainTaken {
                domain: "contoso.com".into(),
                owner: DomainOwner::Support,
            },
            Refusal::DomainAlreadyHeld {
                domain: "contoso.com".into(),
            },
            Refusal::DomainInUse {
                domain: "contoso.com".into(),
                accounts: 2,
            },
            Refusal::TooManyDomains { limit: 20 },
        ]);
        for what in [
            Missing::ThatAccount,
            Missing::Link { mcid },
            Missing::Ticket,
            Missing::AccountInOrg {
                email: "wang@contoso.com".into(),
            },
            Missing::Account {
                email: "wang@contoso.com".into(),
            },
            Missing::Profile { mcid },
            Missing::CertificationProfile { mcid },
            Missing::Domain {
                domain: "contoso.com".into(),
                owner: DomainOwner::Org("1234567".parse::<crate::MpnId>().unwrap()),
            },
            Missing::Match {
                query: "wang".into(),
            },
        ] {
            all.push(Refusal::NotFound { what });
        }
        all
    }

    #[test]
    fn every_refusal_speaks_chinese_with_the_same_code_rule_and_ids() {
        let now = Utc.with_ymd_and_hms(2027, 2, 28, 9, 0, 0).unwrap();
        let en = DateFormat::new(chrono_tz::Asia::Shanghai, now);
        let zh = en.in_lang(Lang::ZhCn);
        for refusal in every_refusal() {
            let (english, chinese) = (refusal.message(&en), refusal.message(&zh));
            assert!(!english.is_empty() && !chinese.is_empty(), "{refusal:?}");
            assert_ne!(english, chinese, "{refusal:?}");
            assert!(!han(&english), "{refusal:?}: {english}");
            assert!(han(&chinese), "{refusal:?}: {chinese}");
            // The code and rule are values, not words: the same in both.
            assert!(!refusal.code().is_empty());
            // A rule the English names, the Chinese names too; so are the
            // ids, emails, domains and dates the message carries.
            let rule = refusal.rule();
            if english.contains(&format!("({rule}")) {
                assert!(chinese.contains(rule), "{refusal:?}: {chinese}");
            }
            for token in english.split([' ', '(', ')', ',']) {
                let token = token.trim_end_matches(['.', ':']);
                let carried = token.contains('@')
                    || token.contains(".com")
                    || token.contains(".cn")
                    || (token.len() >= 4 && token.chars().all(|c| c.is_ascii_digit() || c == '-'));
                if carried {
                    assert!(
                        chinese.contains(token),
                        "{refusal:?}: {token} not in {chinese}"
                    );
                }
            }
            // No invisible bidi isolation marks in a terminal.
            assert!(!chinese.contains(['\u{2068}', '\u{2069}']), "{chinese:?}");
        }
    }

    #[test]
    fn r9_limit_message_in_chinese_keeps_the_iso_date_and_counts_down_in_chinese() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let r = Refusal::LimitReached {
            used: 3,
            limit: 3,
            since: Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap(),
            next_allowed: Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap(),
        };
        assert_eq!(
            r.message(&DateFormat::new(chrono_tz::UTC, now).in_lang(Lang::ZhCn)),
            "已达到限制：自 2026-03-01 起已使用 3 次关联（上限 3 次）。你下次可以关联的时间为 2027-03-01 09:00 UTC（98 天后）。"
        );
        let merge = Refusal::not_permitted(Needs::Merge);
        assert_eq!(
            merge.message(&DateFormat::new(chrono_tz::UTC, now).in_lang(Lang::ZhCn)),
            "不允许：只有支持工程师（认证支持部门）才能合并配置文件（R15）。"
        );
    }

    #[test]
    fn english_words_of_the_structured_refusals_are_unchanged() {
        let dates = DateFormat::new(chrono_tz::UTC, Utc::now());
        let cases = [
            (
                Refusal::RoleUnchanged {
                    role: Role::GlobalAdmin,
                    held: true,
                },
                "Nothing changed: the account already holds Global Admin.",
            ),
            (
                Refusal::RoleUnchanged {
                    role: Role::PartnerAdmin,
                    held: false,
                },
                "Nothing changed: the account does not hold MPN Partner Admin.",
            ),
            (
                Refusal::NotInvited {
                    status: AccountStatus::Active,
                },
                "That account is active: sign-in details are resent only to invited accounts. Invite the email again if the person left.",
            ),
            (
                Refusal::DomainTaken {
                    domain: "contoso.com".into(),
                    owner: DomainOwner::Org("1234567".parse::<crate::MpnId>().unwrap()),
                },
                "contoso.com belongs to organization 1234567 (R13a): a domain has one owner. Remove it there first if it has changed hands.",
            ),
            (
                Refusal::NotFound {
                    what: Missing::Match {
                        query: "wang".into(),
                    },
                },
                "Not found: no one matches \"wang\".",
            ),
            (
                Refusal::DomainInUse {
                    domain: "contoso.com".into(),
                    accounts: 12_345,
                },
                "12345 live account(s) still use contoso.com (R13a): delete them, or re-address invited ones, before removing the domain.",
            ),
        ];
        for (refusal, english) in cases {
            assert_eq!(refusal.message(&dates), english);
        }
    }
}
