//! The organization's current links at scale (R10, R12; issue 15 principle
//! 6): a Global Admin's list of who holds a link, oldest first, a page at a
//! time from any point (the first, after or before a link, the last),
//! narrowed by a filter the store applies, and how many there are. At the
//! 1M-people sandbox an organization holds some 350,000 links: a screen
//! reads its rows and a page ahead, never the table.

use crate::store::records::{AccountRecord, LinkRecord};
use crate::store::{KeepLink, ListSeek, Queries};
use certlink_domain::limits;
use certlink_domain::permissions::OrgView;
use certlink_domain::{AccountStatus, LinkId};

use super::{InvalidInput, OrgLinkRow, Service, ServiceError, Session};

/// Where a page of the organization's links starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgLinkSeek {
    First,
    /// The links after this one, forward.
    After(LinkId),
    /// The links before this one: the page that ends just above it.
    Before(LinkId),
    /// The page that ends with the newest link.
    Last,
}

/// Text that narrows the organization's links: those whose holder's name or
/// email, or whose MCID, contains it, in any case. Empty keeps every link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgLinkFilter {
    lowered: String,
}

impl OrgLinkFilter {
    /// Refuses a text longer than [`limits::LIST_FILTER`] before any read.
    pub fn new(text: &str) -> Result<OrgLinkFilter, ServiceError> {
        let text = text.trim();
        limits::check_chars("the filter", text, limits::LIST_FILTER)
            .map_err(InvalidInput::OutOfLimits)?;
        Ok(OrgLinkFilter {
            lowered: text.to_lowercase(),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.lowered.is_empty()
    }

    fn keeps(&self, link: &LinkRecord, holder: Option<&AccountRecord>) -> bool {
        let f = self.lowered.as_str();
        link.mcid.to_string().contains(f)
            || holder
                .is_some_and(|h| h.email.as_str().contains(f) || h.name.to_lowercase().contains(f))
    }
}

impl Service {
    /// A page of the Global Admin's organization's current links (R10, R12)
    /// matching `filter`, at most `limit`, oldest first, from `seek`.
    pub fn org_links_page(
        &self,
        session: &Session,
        filter: &OrgLinkFilter,
        seek: OrgLinkSeek,
        limit: usize,
    ) -> Result<Vec<OrgLinkRow>, ServiceError> {
        let r = self.store.read()?;
        let org = self.may(&r, session, OrgView::Links)?;
        // One group: the index of the organization's active links.
        let seek = match seek {
            OrgLinkSeek::First => ListSeek::First,
            OrgLinkSeek::Last => ListSeek::Last,
            OrgLinkSeek::After(id) => ListSeek::After { group: 0, id: id.0 },
            OrgLinkSeek::Before(id) => ListSeek::Before { group: 0, id: id.0 },
        };
        let keep = |l: &LinkRecord, holder: Option<&AccountRecord>| {
            filter.is_empty() || filter.keeps(l, holder)
        };
        let links = r.active_links_of_org_where(org, seek, limit, &keep)?;
        Ok(links
            .into_iter()
            .map(|(l, holder)| org_link_row(l, holder))
            .collect())
    }

    /// How many of the organization's current links match `filter`: the
    /// total a list's title shows. Without a filter only the index is counted.
    pub fn count_org_links(
        &self,
        session: &Session,
        filter: &OrgLinkFilter,
    ) -> Result<usize, ServiceError> {
        let r = self.store.read()?;
        let org = self.may(&r, session, OrgView::Links)?;
        let keep = |l: &LinkRecord, holder: Option<&AccountRecord>| filter.keeps(l, holder);
        let keep: Option<&KeepLink<'_>> = if filter.is_empty() { None } else { Some(&keep) };
        Ok(r.count_active_links_of_org_where(org, keep)?)
    }
}

/// One link as the Global Admin's row: who holds it, and whether they left
/// (R12: a departed person's link stays until a Global Admin removes it).
pub(super) fn org_link_row(l: LinkRecord, holder: Option<AccountRecord>) -> OrgLinkRow {
    OrgLinkRow {
        link: l.id,
        mcid: l.mcid,
        since: l.since,
        holder_email: holder
            .as_ref()
            .map(|h| h.email.to_string())
            .unwrap_or_default(),
        holder_name: holder.as_ref().map(|h| h.name.clone()).unwrap_or_default(),
        holder_status: holder.map(|h| h.status).unwrap_or(AccountStatus::Deleted),
    }
}
