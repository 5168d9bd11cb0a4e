//! How the Associations tab's window reads the organization's current links
//! (R10, R12): pages by link id from `Service::org_links_page`, counts from
//! `Service::count_org_links`, both with the pane's filter (issue 15).

use certlink_core::service::{
    OrgLinkFilter, OrgLinkRow, OrgLinkSeek, Service, ServiceError, Session,
};
use certlink_domain::LinkId;

use crate::components::paged::{Pager, Seek};

pub struct OrgLinkPager<'a> {
    service: &'a Service,
    session: &'a Session,
    filter: &'a OrgLinkFilter,
}

impl<'a> OrgLinkPager<'a> {
    pub fn new(service: &'a Service, session: &'a Session, filter: &'a OrgLinkFilter) -> Self {
        OrgLinkPager {
            service,
            session,
            filter,
        }
    }
}

impl Pager for OrgLinkPager<'_> {
    type Row = OrgLinkRow;

    /// The matching count, and every current link's (the index alone).
    fn counts(&self) -> Result<(usize, usize), ServiceError> {
        let all = self
            .service
            .count_org_links(self.session, &OrgLinkFilter::default())?;
        let matching = if self.filter.is_empty() {
            all
        } else {
            self.service.count_org_links(self.session, self.filter)?
        };
        Ok((matching, all))
    }

    fn page(
        &self,
        seek: Seek<'_, OrgLinkRow>,
        limit: usize,
    ) -> Result<Vec<OrgLinkRow>, ServiceError> {
        let seek = match seek {
            Seek::First => OrgLinkSeek::First,
            Seek::Last => OrgLinkSeek::Last,
            Seek::After(row) => OrgLinkSeek::After(row.link),
            Seek::Before(row) => OrgLinkSeek::Before(row.link),
            // Strictly after the id below the row's: from the row on.
            Seek::From(row) => match row.link.0.checked_sub(1) {
                Some(below) => OrgLinkSeek::After(LinkId(below)),
                None => OrgLinkSeek::First,
            },
        };
        self.service
            .org_links_page(self.session, self.filter, seek, limit)
    }

    fn same(a: &OrgLinkRow, b: &OrgLinkRow) -> bool {
        a.link == b.link
    }
}
