//! How the Users tab's window reads the organization's accounts: pages by
//! account id from `Service::users_page`, counts from `Service::count_users`,
//! both with the tab's filter (R12, R13, R17; issue 15).

use certlink_core::service::{Service, ServiceError, Session, UserFilter, UserListRow, UserSeek};
use certlink_domain::AccountId;

use crate::components::paged::{Pager, Seek};

pub struct AccountPager<'a> {
    service: &'a Service,
    session: &'a Session,
    filter: &'a UserFilter,
}

impl<'a> AccountPager<'a> {
    pub fn new(service: &'a Service, session: &'a Session, filter: &'a UserFilter) -> Self {
        AccountPager {
            service,
            session,
            filter,
        }
    }
}

impl Pager for AccountPager<'_> {
    type Row = UserListRow;

    /// The matching count, and every account's (the index alone).
    fn counts(&self) -> Result<(usize, usize), ServiceError> {
        let all = self
            .service
            .count_users(self.session, &UserFilter::default())?;
        let matching = if self.filter.is_empty() {
            all
        } else {
            self.service.count_users(self.session, self.filter)?
        };
        Ok((matching, all))
    }

    fn page(
        &self,
        seek: Seek<'_, UserListRow>,
        limit: usize,
    ) -> Result<Vec<UserListRow>, ServiceError> {
        let seek = match seek {
            Seek::First => UserSeek::First,
            Seek::Last => UserSeek::Last,
            Seek::After(row) => UserSeek::After(row.id),
            Seek::Before(row) => UserSeek::Before(row.id),
            // Strictly after the id below the row's: from the row on.
            Seek::From(row) => match row.id.0.checked_sub(1) {
                Some(below) => UserSeek::After(AccountId(below)),
                None => UserSeek::First,
            },
        };
        self.service
            .users_page(self.session, self.filter, seek, limit)
    }

    fn same(a: &UserListRow, b: &UserListRow) -> bool {
        a.id == b.id
    }
}
