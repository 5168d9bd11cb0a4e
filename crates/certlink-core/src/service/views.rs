//! What people read: the profile with its association allowance (R9), link
//! history, the organization's current links, and the audit trail filtered per
//! reader (R16, invariant 4). Each reads only the rows it shows, by index.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::store::Queries;
use crate::store::records::{AuditActor, AuditRecord, LinkRecord, Outcome};
use certlink_domain::association_limit::{self, Allowance};
use certlink_domain::permissions::OrgView;
use certlink_domain::{AccountStatus, Email, LinkId, Mcid, MpnId, PuUsername, Roles};

use super::{Service, ServiceError, Session};

/// The "My profile" page: PU access, the linked profile, and the allowance.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileView {
    pub email: Email,
    pub name: String,
    pub mpn_id: Option<MpnId>,
    pub org_name: Option<String>,
    pub roles: Roles,
    pub status: AccountStatus,
    pub pu_username: Option<PuUsername>,
    /// R9: the MCID linked now, else the one last associated through this account.
    pub mcid: Option<Mcid>,
    pub profile_email: Option<Email>,
    pub profile_name: Option<String>,
    /// The organization the MCID is linked to through this account (never another's).
    pub linked_mpn_id: Option<MpnId>,
    pub linked_since: Option<DateTime<Utc>>,
    /// R9 for `mcid` (nothing used when the account never associated a profile).
    pub allowance: Allowance,
    /// The language the person saved (issue 16); `None`: the front end's
    /// choice (`--lang`, the locale) decides. Serialized as its tag.
    #[serde(serialize_with = "super::preferences::serialize_tag")]
    pub lang: Option<certlink_i18n::Lang>,
}

/// One row of a person's link history.
#[derive(Debug, Clone, Serialize)]
pub struct LinkRow {
    pub link: LinkId,
    pub mcid: Mcid,
    pub mpn_id: MpnId,
    pub org_name: String,
    pub from: DateTime<Utc>,
    pub to: Option<DateTime<Utc>>,
    pub reason: Option<&'static str>,
    pub counts_as_association: bool,
    pub through_this_account: bool,
}

/// One of the organization's current links (Global Admin view).
#[derive(Debug, Clone, Serialize)]
pub struct OrgLinkRow {
    pub link: LinkId,
    pub mcid: Mcid,
    pub since: DateTime<Utc>,
    pub holder_email: String,
    pub holder_name: String,
    pub holder_status: AccountStatus,
}

/// Whose history to read.
#[derive(Debug, Clone)]
pub enum HistoryTarget {
    Mcid(Mcid),
    Account(Email),
}

/// An audit entry as one reader may see it (R16).
#[derive(Debug, Clone, Serialize)]
pub struct AuditView {
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    /// "done", or the refusal code.
    pub outcome: String,
    pub rule: Option<String>,
    pub mcid: Option<Mcid>,
    /// The organization, or "another organization" when hidden from this reader.
    pub org: Option<String>,
    pub other_org: Option<String>,
    pub detail: String,
}

const OTHER_ORG: &str = "another organization";
const OUTSIDER: &str = "someone outside your organization";
const SUPPORT: &str = "support";

impl AuditView {
    /// Who acted, as the reader reads it in `lang`: an email as it is; the
    /// words that stand for a hidden or an unnamed actor in `lang`. The
    /// view's own fields (and its JSON) stay neutral.
    pub fn actor_in(&self, lang: certlink_i18n::Lang) -> &str {
        match self.actor.as_str() {
            OUTSIDER => lang.core_audit_outsider(),
            SUPPORT => lang.core_audit_support(),
            "operator" => lang.core_audit_operator(),
            other => other,
        }
    }

    /// The organization (`org`) in `lang`: "another organization" when hidden.
    pub fn org_in(&self, lang: certlink_i18n::Lang) -> Option<&str> {
        self.org.as_deref().map(|o| other_org_in(o, lang))
    }

    /// The other organization (`other_org`) in `lang`.
    pub fn other_org_in(&self, lang: certlink_i18n::Lang) -> Option<&str> {
        self.other_org.as_deref().map(|o| other_org_in(o, lang))
    }

    /// "done", or the refusal code (a code stays as it is).
    pub fn outcome_in(&self, lang: certlink_i18n::Lang) -> &str {
        match self.outcome.as_str() {
            "done" => lang.core_audit_done(),
            code => code,
        }
    }
}

fn other_org_in(org: &str, lang: certlink_i18n::Lang) -> &str {
    if org == OTHER_ORG {
        lang.core_audit_other_org()
    } else {
        org
    }
}

impl AuditView {
    /// Shapes a record for a reader; `viewer_org` hides other organizations and
    /// their people (invariant 4). `None` shows everything (support, operator).
    pub(super) fn from_record(r: &AuditRecord, viewer_org: Option<MpnId>) -> AuditView {
        let show = |org: Option<MpnId>| {
            org.map(|o| match viewer_org {
                Some(v) if v != o => OTHER_ORG.to_string(),
                _ => o.to_string(),
            })
        };
        let actor = match (&r.actor, viewer_org) {
            (AuditActor::Account { org, .. }, Some(v)) if *org != Some(v) => match org {
                Some(_) => OUTSIDER.to_string(),
                None => SUPPORT.to_string(),
            },
            (a, _) => a.label(),
        };
        let (outcome, rule) = match &r.outcome {
            Outcome::Done => ("done".to_string(), None),
            Outcome::Refused { code, rule } => (code.clone(), Some(rule.clone())),
        };
        AuditView {
            seq: r.seq,
            at: r.at,
            actor,
            action: r.action.clone(),
            outcome,
            rule,
            mcid: r.mcid,
            org: show(r.org),
            other_org: show(r.other_org),
            detail: r.detail.clone(),
        }
    }
}

/// R15: a merged duplicate's trail moved to its primary (`Writer::merge_profiles`),
/// so the history of a merged MCID is its primary's, followed through later merges;
/// asking by the old number must not read as an empty trail (issue 15, principle 11).
pub(super) fn trail_holder(q: &impl Queries, asked: Mcid) -> Result<Mcid, ServiceError> {
    let mut mcid = asked;
    // Each merge refuses a merged profile as either side, so a chain is at most as
    // long as the merges made since; the bound only guards a damaged file.
    for _ in 0..64 {
        match q.profile(mcid)?.and_then(|p| p.merged_into) {
            Some(into) => mcid = into,
            None => break,
        }
    }
    Ok(mcid)
}

impl Service {
    /// R9: the profile, with the allowance of the MCID last associated through
    /// this account (kept after an unlink or a move away).
    pub fn profile(&self, session: &Session) -> Result<ProfileView, ServiceError> {
        let r = self.store.read()?;
        let now = self.now_after(r.last_event_at()?);
        let settings = r.settings()?;
        // Deleted accounts and temporary passwords may not read either (R1, R13).
        let (_, account) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let org_name = match account.org() {
            Some(o) => r.org(o)?.map(|o| o.name),
            None => None,
        };
        let mcid = account.linked_mcid.or(account.last_mcid);
        let (mut profile_email, mut profile_name, mut starts) = (None, None, Vec::new());
        let (mut linked_mpn_id, mut linked_since) = (None, None);
        if let Some(m) = mcid {
            if let Some(p) = r.profile(m)? {
                profile_email = Some(p.email);
                profile_name = Some(p.display_name);
            }
            starts = r.association_starts(m)?;
        }
        let allowance = association_limit::allowance(
            &starts,
            settings.association_limit,
            settings.cool_off_days,
            now,
        );
        if let Some(m) = account.linked_mcid
            && let Some(link) = r.active_link(m)?
            && link.account == account.id
        {
            linked_mpn_id = Some(link.org);
            linked_since = Some(link.since);
        }
        Ok(ProfileView {
            mpn_id: account.org(),
            email: account.email,
            name: account.name,
            org_name,
            roles: account.roles,
            status: account.status,
            pu_username: account.pu,
            mcid,
            profile_email,
            profile_name,
            linked_mpn_id,
            linked_since,
            allowance,
            lang: r.preference(account.id)?.and_then(|p| p.language()),
        })
    }

    /// The person's link history, newest first: every link made through this
    /// account, and every link of the profile last associated through it.
    pub fn link_history(
        &self,
        session: &Session,
        limit: usize,
    ) -> Result<Vec<LinkRow>, ServiceError> {
        let r = self.store.read()?;
        // Deleted accounts and temporary passwords may not read either (R1, R13).
        let (_, account) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let mut links: Vec<LinkRecord> = r.links_of_account(account.id, limit)?;
        if let Some(m) = account.linked_mcid.or(account.last_mcid) {
            for l in r.links_of_mcid(m, limit)? {
                if !links.iter().any(|x| x.id == l.id) {
                    links.push(l);
                }
            }
        }
        links.sort_by(|a, b| b.since.cmp(&a.since).then(b.id.cmp(&a.id)));
        links.truncate(limit);
        let mut rows = Vec::with_capacity(links.len());
        for l in links {
            let org_name = r.org(l.org)?.map(|o| o.name).unwrap_or_default();
            rows.push(LinkRow {
                link: l.id,
                mcid: l.mcid,
                mpn_id: l.org,
                org_name,
                from: l.since,
                to: l.ended_at,
                reason: l.end_reason.map(|e| e.name()),
                counts_as_association: l.counts_as_association,
                through_this_account: l.account == account.id,
            });
        }
        Ok(rows)
    }

    /// The organization's current links, a page at a time (Global Admins).
    pub fn org_links(
        &self,
        session: &Session,
        after: Option<LinkId>,
        limit: usize,
    ) -> Result<Vec<OrgLinkRow>, ServiceError> {
        let r = self.store.read()?;
        let org = self.may(&r, session, OrgView::Links)?;
        let mut rows = Vec::new();
        for l in r.active_links_of_org(org, after, limit)? {
            let holder = r.account(l.account)?;
            rows.push(super::link_pages::org_link_row(l, holder));
        }
        Ok(rows)
    }

    /// R16: the audit trail of an MCID or an account, newest first, as this
    /// person may see it: their own; a Global Admin, what concerns their
    /// organization; support, everything. The newest `limit` (at most
    /// [`super::MAX_PAGE`]); older ones through [`Service::history_page`].
    pub fn history(
        &self,
        session: &Session,
        target: &HistoryTarget,
        limit: usize,
    ) -> Result<Vec<AuditView>, ServiceError> {
        let limit = limit.min(super::MAX_PAGE);
        Ok(self.history_page(session, target, None, limit)?.entries)
    }

    /// The operator's view of the trail (local only).
    pub fn operator_history(
        &self,
        target: &HistoryTarget,
        limit: usize,
    ) -> Result<Vec<AuditView>, ServiceError> {
        let limit = limit.min(super::MAX_PAGE);
        Ok(self.operator_history_page(target, None, limit)?.entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use certlink_i18n::Lang;

    #[test]
    fn a_hidden_actor_and_organization_read_in_the_readers_language() {
        let view = AuditView {
            seq: 1,
            at: DateTime::<Utc>::UNIX_EPOCH,
            actor: OUTSIDER.into(),
            action: "link".into(),
            outcome: "done".into(),
            rule: None,
            mcid: None,
            org: Some(OTHER_ORG.into()),
            other_org: Some("1234567".into()),
            detail: String::new(),
        };
        assert_eq!(view.actor_in(Lang::En), OUTSIDER);
        assert_eq!(view.actor_in(Lang::ZhCn), "你的组织之外的人员");
        assert_eq!(view.org_in(Lang::ZhCn), Some("另一个组织"));
        assert_eq!(view.other_org_in(Lang::ZhCn), Some("1234567"));
        assert_eq!(view.outcome_in(Lang::ZhCn), "已完成");
        let refused = AuditView {
            outcome: "limit_reached".into(),
            actor: "wang@contoso.com".into(),
            ..view
        };
        assert_eq!(refused.outcome_in(Lang::ZhCn), "limit_reached");
        assert_eq!(refused.actor_in(Lang::ZhCn), "wang@contoso.com");
    }
}
