//! What support engineers need to answer "why can't I link?" (R14, R16) and to
//! merge duplicate profiles (R15): lookups across organizations, a person view
//! with the full link history, the association window and recent refusals.

use serde::Serialize;

use crate::store::records::{AccountRecord, Outcome};
use crate::store::tables::{EMAIL_INDEX_ALL, NAME_INDEX};
use crate::store::{AuditEntry, Queries};
use certlink_domain::association_limit::{self, Allowance};
use certlink_domain::decide::decide;
use certlink_domain::limits;
use certlink_domain::merge::{self, Identity, IdentityDifference};
use certlink_domain::permissions::SupportDesk;
use certlink_domain::skills::Subject;
use certlink_domain::{
    AccountStatus, Command, Email, Mcid, MergeFacts, MpnId, PuUsername, Refusal, Roles,
};

use super::{AuditView, InvalidInput, LinkRow, Service, ServiceError, Session, audit_actor};

/// The most hits a lookup returns.
pub const LOOKUP_LIMIT: usize = 50;
/// The person view's link history: the most recent this many (a front end
/// says so when the list is full).
pub const PERSON_LINKS: usize = 100;
/// The person view's refused attempts: the most recent this many.
pub const PERSON_REFUSALS: usize = 20;

/// The people a lookup found, and whether more match than it shows.
#[derive(Debug, Clone, Serialize)]
pub struct LookupHits {
    pub people: Vec<PersonHit>,
    pub more: bool,
}

/// One person found by a lookup.
#[derive(Debug, Clone, Serialize)]
pub struct PersonHit {
    pub email: Email,
    pub name: String,
    pub mpn_id: Option<MpnId>,
    pub org_name: Option<String>,
    pub status: AccountStatus,
    pub linked_mcid: Option<Mcid>,
    /// Why it matched: "email", "name", "MCID" or "MPN ID".
    pub matched_by: &'static str,
}

/// Everything about one person, for support.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub email: Email,
    pub name: String,
    pub mpn_id: Option<MpnId>,
    pub org_name: Option<String>,
    pub status: AccountStatus,
    pub roles: Roles,
    pub must_change_password: bool,
    pub pu_username: Option<PuUsername>,
    pub mcid: Option<Mcid>,
    pub linked_mpn_id: Option<MpnId>,
    pub allowance: Allowance,
    pub links: Vec<LinkRow>,
    /// Recent refused attempts with their rule (R16).
    pub refusals: Vec<AuditView>,
}

/// What an MCID merge would do (R15), shown before it runs.
#[derive(Debug, Clone, Serialize)]
pub struct MergePreview {
    pub from: Mcid,
    pub into: Mcid,
    pub from_email: Email,
    pub into_email: Email,
    pub from_name: String,
    pub into_name: String,
    /// Where the two profiles' names or emails point at two people (R15,
    /// `domain::merge::differences`); front ends warn and ask twice when not empty.
    pub differences: Vec<IdentityDifference>,
    pub skills_moving: usize,
    pub links_moving: usize,
    pub starts_moving: usize,
    /// The link that survives, if any: (organization, holder email).
    pub surviving_link: Option<(MpnId, String)>,
    /// The duplicate's link that ends (reason *merged*), if both are linked.
    pub ending_link: Option<(MpnId, String)>,
    /// R9 after the merge: the combined history.
    pub allowance_after: Allowance,
    /// What the merge does to the Solutions Partner designation scores of
    /// the organizations the two links count for.
    pub designations: Vec<certlink_domain::designations::ScoreChange>,
}

impl MergePreview {
    /// The two profiles' names or emails differ: the merge needs an explicit
    /// second confirmation (issue 15, principle 8).
    pub fn different_people(&self) -> bool {
        !self.differences.is_empty()
    }

    /// The warning to show above the confirmation, if any.
    pub fn warning(&self) -> Option<String> {
        merge::warning(&self.differences)
    }
}

impl Service {
    fn hit(
        &self,
        q: &impl Queries,
        a: AccountRecord,
        matched_by: &'static str,
    ) -> Result<PersonHit, ServiceError> {
        let org_name = match a.org() {
            Some(o) => q.org(o)?.map(|o| o.name),
            None => None,
        };
        Ok(PersonHit {
            mpn_id: a.org(),
            org_name,
            status: a.status,
            linked_mcid: a.linked_mcid,
            matched_by,
            email: a.email,
            name: a.name,
        })
    }

    /// Finds people by email (prefix), name (prefix, any case), MCID or MPN ID,
    /// across organizations, deleted accounts included. Support engineers only.
    pub fn lookup(&self, session: &Session, query: &str) -> Result<Vec<PersonHit>, ServiceError> {
        self.lookup_capped(session, query, LOOKUP_LIMIT)
    }

    /// [`Service::lookup`], saying whether more people match than it shows
    /// (principle 6: the front end says so instead of cutting silently).
    pub fn lookup_hits(&self, session: &Session, query: &str) -> Result<LookupHits, ServiceError> {
        let mut people = self.lookup_capped(session, query, LOOKUP_LIMIT + 1)?;
        let more = people.len() > LOOKUP_LIMIT;
        people.truncate(LOOKUP_LIMIT);
        Ok(LookupHits { people, more })
    }

    fn lookup_capped(
        &self,
        session: &Session,
        query: &str,
        cap: usize,
    ) -> Result<Vec<PersonHit>, ServiceError> {
        let r = self.store.read()?;
        self.may(&r, session, SupportDesk::PeopleLookup)?;
        let q = query.trim();
        limits::check_chars("the query", q, limits::LOOKUP_QUERY)
            .map_err(InvalidInput::OutOfLimits)?;
        if q.is_empty() {
            return Err(InvalidInput::EmptyQuery.into());
        }
        let mut hits = Vec::new();
        if q.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(mcid) = q.parse::<Mcid>() {
                // Accounts that associated this MCID (the active holder first).
                let mut seen = Vec::new();
                for link in r.links_of_mcid(mcid, cap)? {
                    if !seen.contains(&link.account) {
                        seen.push(link.account);
                    }
                }
                for a in r.accounts_by_ids(&seen.iter().map(|a| a.0).collect::<Vec<_>>())? {
                    hits.push(self.hit(&r, a, "MCID")?);
                }
            }
            if let Ok(mpn) = q.parse::<MpnId>() {
                for a in r.accounts_of_org(mpn, None, cap)? {
                    hits.push(self.hit(&r, a, "MPN ID")?);
                }
            }
        } else {
            let lower = q.to_lowercase();
            for a in r.accounts_with_prefix(EMAIL_INDEX_ALL, &lower, cap)? {
                hits.push(self.hit(&r, a, "email")?);
            }
            for a in r.accounts_with_prefix(NAME_INDEX, &lower, cap)? {
                if !hits.iter().any(|h| h.email == a.email) {
                    hits.push(self.hit(&r, a, "name")?);
                }
            }
        }
        hits.truncate(cap);
        Ok(hits)
    }

    /// The support person view of an account (deleted ones too: the newest
    /// account with that email).
    pub fn person(&self, session: &Session, email: &str) -> Result<PersonView, ServiceError> {
        let email: Email = email.parse()?;
        let r = self.store.read()?;
        self.may(&r, session, SupportDesk::PeopleLookup)?;
        let now = self.now_after(r.last_event_at()?);
        let settings = r.settings()?;
        let account = r.account_by_email_any(&email)?.ok_or_else(|| {
            ServiceError::Refused(Refusal::NotFound {
                what: certlink_domain::Missing::Account {
                    email: email.to_string(),
                },
            })
        })?;
        let org_name = match account.org() {
            Some(o) => r.org(o)?.map(|o| o.name),
            None => None,
        };
        let mcid = account.linked_mcid.or(account.last_mcid);
        let starts = match mcid {
            Some(m) => r.association_starts(m)?,
            None => Vec::new(),
        };
        let allowance = association_limit::allowance(
            &starts,
            settings.association_limit,
            settings.cool_off_days,
            now,
        );
        let linked_mpn_id = match account.linked_mcid {
            Some(m) => r
                .active_link(m)?
                .filter(|l| l.account == account.id)
                .map(|l| l.org),
            None => None,
        };
        // The full link history of the profile and of the account (R16).
        let mut links = r.links_of_account(account.id, PERSON_LINKS)?;
        if let Some(m) = mcid {
            for l in r.links_of_mcid(m, 100)? {
                if !links.iter().any(|x| x.id == l.id) {
                    links.push(l);
                }
            }
        }
        links.sort_by(|a, b| b.since.cmp(&a.since).then(b.id.cmp(&a.id)));
        let mut rows = Vec::with_capacity(links.len());
        for l in links {
            rows.push(LinkRow {
                link: l.id,
                mcid: l.mcid,
                mpn_id: l.org,
                org_name: r.org(l.org)?.map(|o| o.name).unwrap_or_default(),
                from: l.since,
                to: l.ended_at,
                reason: l.end_reason.map(|e| e.name()),
                counts_as_association: l.counts_as_association,
                through_this_account: l.account == account.id,
            });
        }
        // Recent refusals of this person and of their profile.
        let mut refused: Vec<_> = r.audit_of_account(account.id, None, 200)?;
        if let Some(m) = mcid {
            refused.extend(r.audit_of_mcid(m, None, 200)?);
        }
        refused.retain(|a| matches!(a.outcome, Outcome::Refused { .. }));
        refused.sort_by_key(|a| std::cmp::Reverse(a.seq));
        refused.dedup_by_key(|a| a.seq);
        refused.truncate(PERSON_REFUSALS);
        Ok(PersonView {
            email: account.email.clone(),
            name: account.name.clone(),
            mpn_id: account.org(),
            org_name,
            status: account.status,
            roles: account.roles,
            must_change_password: account.must_change_password,
            pu_username: account.pu.clone(),
            mcid,
            linked_mpn_id,
            allowance,
            links: rows,
            refusals: refused
                .iter()
                .map(|a| AuditView::from_record(a, None))
                .collect(),
        })
    }

    fn merge_facts(
        &self,
        q: &impl Queries,
        mcid: Mcid,
    ) -> Result<(MergeFacts, crate::store::records::ProfileRecord), ServiceError> {
        let profile = q
            .profile(mcid)?
            .ok_or(ServiceError::Refused(Refusal::NotFound {
                what: certlink_domain::Missing::Profile { mcid },
            }))?;
        let facts = MergeFacts {
            mcid,
            merged_into: profile.merged_into,
            active_link: q.active_link(mcid)?.map(|l| l.active()),
        };
        Ok((facts, profile))
    }

    /// R15: what merging `from` into `into` would move, and which link survives.
    pub fn merge_preview(
        &self,
        session: &Session,
        from: &str,
        into: &str,
    ) -> Result<MergePreview, ServiceError> {
        let (from, into): (Mcid, Mcid) = (from.parse()?, into.parse()?);
        let r = self.store.read()?;
        let (actor, _) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let settings = r.settings()?;
        let now = self.now_after(r.last_event_at()?);
        let (from_facts, from_profile) = self.merge_facts(&r, from)?;
        let (into_facts, into_profile) = self.merge_facts(&r, into)?;
        // The same decision as the merge itself, so the preview cannot promise
        // what the merge would refuse.
        decide(
            &actor,
            &Command::Merge {
                from: from_facts.clone(),
                into: into_facts.clone(),
            },
            &settings,
            now,
        )
        .map_err(ServiceError::Refused)?;
        let holder = |link: Option<certlink_domain::ActiveLink>| -> Result<Option<(MpnId, String)>, ServiceError> {
            Ok(match link {
                Some(l) => Some((l.org, r.account(l.account)?.map(|a| a.email.to_string()).unwrap_or_default())),
                None => None,
            })
        };
        let (surviving_link, ending_link) = match (from_facts.active_link, into_facts.active_link) {
            (Some(dup), Some(primary)) => (Some(primary), Some(dup)),
            (dup, primary) => (primary.or(dup), None),
        };
        let designations = self.merge_changes(&r, from, into, surviving_link, ending_link)?;
        let (surviving, ending) = match (from_facts.active_link, into_facts.active_link) {
            (Some(dup), Some(primary)) => (holder(Some(primary))?, holder(Some(dup))?),
            (dup, primary) => (holder(primary.or(dup))?, None),
        };
        let mut starts = r.association_starts(from)?;
        let starts_moving = starts.len();
        starts.extend(r.association_starts(into)?);
        let differences = merge::differences(
            Identity {
                name: &from_profile.display_name,
                email: &from_profile.email,
            },
            Identity {
                name: &into_profile.display_name,
                email: &into_profile.email,
            },
        );
        Ok(MergePreview {
            from,
            into,
            from_email: from_profile.email,
            into_email: into_profile.email,
            from_name: from_profile.display_name,
            into_name: into_profile.display_name,
            differences,
            skills_moving: r.skills_of(&Subject::Mcid(from))?.len(),
            links_moving: r.links_of_mcid(from, usize::MAX)?.len(),
            starts_moving,
            surviving_link: surviving,
            ending_link: ending,
            designations,
            allowance_after: association_limit::allowance(
                &starts,
                settings.association_limit,
                settings.cool_off_days,
                now,
            ),
        })
    }

    /// R15: merges the duplicate `from` into the primary `into` in one transaction.
    pub fn merge_profiles(
        &self,
        session: &Session,
        from: &str,
        into: &str,
    ) -> Result<(), ServiceError> {
        let (from, into): (Mcid, Mcid) = (from.parse()?, into.parse()?);
        let w = self.begin()?;
        let settings = w.settings()?;
        let (actor, me) = match self.actor(&w, session)? {
            Ok(x) => x,
            Err(refusal) => return Err(self.refuse_session(w, session, refusal, "mcid-merge")),
        };
        let mut entry = AuditEntry::new(audit_actor(&me), "mcid-merge");
        entry.mcid = Some(into);
        entry.detail = format!("MCID {from} merged into MCID {into}");
        let facts = (w.profile(from)?, w.profile(into)?);
        let (Some(fp), Some(ip)) = facts else {
            let missing = if facts.0.is_none() { from } else { into };
            let refusal = Refusal::NotFound {
                what: certlink_domain::Missing::Profile { mcid: missing },
            };
            return Err(self.refuse(w, entry, refusal));
        };
        let from_facts = MergeFacts {
            mcid: from,
            merged_into: fp.merged_into,
            active_link: w.active_link(from)?.map(|l| l.active()),
        };
        let into_facts = MergeFacts {
            mcid: into,
            merged_into: ip.merged_into,
            active_link: w.active_link(into)?.map(|l| l.active()),
        };
        entry.org = into_facts
            .active_link
            .or(from_facts.active_link)
            .map(|l| l.org);
        // R16: when the duplicate's link survives, its holder's link now names
        // another MCID: the merge is in that account's history. (A link the
        // merge ends is added to its holder's history by the writer.)
        if into_facts.active_link.is_none() {
            entry.account = from_facts.active_link.map(|l| l.account);
        }
        let decision = decide(
            &actor,
            &Command::Merge {
                from: from_facts,
                into: into_facts,
            },
            &settings,
            w.now(),
        );
        self.finish(w, decision, entry)?;
        Ok(())
    }
}
