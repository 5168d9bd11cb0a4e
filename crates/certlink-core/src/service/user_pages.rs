//! The Users tab's reads at scale (issue 15, principle 6): the organization's
//! accounts a page at a time from any point (the first, after or before a
//! row, the last), narrowed by a filter the store applies, and how many there
//! are. A screen never needs the whole table, so 20,000 accounts (or a
//! million) page as fast as twenty.

use crate::store::records::AccountRecord;
use crate::store::{AccountSeek, Queries};
use certlink_domain::limits;
use certlink_domain::permissions::{AccountRow, OrgView, account_actions};
use certlink_domain::{AccountId, AccountStatus, MpnId};

use super::{InvalidInput, Service, ServiceError, Session, UserListRow};

/// Where a page of accounts starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserSeek {
    First,
    /// The rows after this one, forward.
    After(AccountId),
    /// The rows before this one: the page that ends just above it.
    Before(AccountId),
    /// The page that ends with the last account.
    Last,
}

/// Text that narrows the list: accounts whose name or email contains it,
/// in any case. Empty (or blanks) keeps every account.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserFilter {
    lowered: String,
}

impl UserFilter {
    /// Refuses a text longer than [`limits::LIST_FILTER`] before any read.
    pub fn new(text: &str) -> Result<UserFilter, ServiceError> {
        let text = text.trim();
        limits::check_chars("the filter", text, limits::LIST_FILTER)
            .map_err(InvalidInput::OutOfLimits)?;
        Ok(UserFilter {
            lowered: text.to_lowercase(),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.lowered.is_empty()
    }

    fn keeps(&self, account: &AccountRecord) -> bool {
        account.name.to_lowercase().contains(&self.lowered)
            || account.email.as_str().contains(&self.lowered)
    }
}

impl Service {
    /// A page of the Global Admin's organization's accounts (R12, R13, R17)
    /// matching `filter`, at most `limit`, in id order, starting at `seek`.
    pub fn users_page(
        &self,
        session: &Session,
        filter: &UserFilter,
        seek: UserSeek,
        limit: usize,
    ) -> Result<Vec<UserListRow>, ServiceError> {
        let r = self.store.read()?;
        let (actor, _) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let org = certlink_domain::may(&actor, OrgView::Accounts)?;
        let seek = match seek {
            UserSeek::First => AccountSeek::After(None),
            UserSeek::After(id) => AccountSeek::After(Some(id)),
            UserSeek::Before(id) => AccountSeek::Before(Some(id)),
            UserSeek::Last => AccountSeek::Before(None),
        };
        let keep = |a: &AccountRecord| filter.is_empty() || filter.keeps(a);
        let accounts = r.accounts_of_org_where(org, seek, limit, &keep)?;
        let others = OtherGlobalAdmins::of(&r, org)?;
        Ok(accounts
            .into_iter()
            .map(|a| user_row(&actor, a, &others))
            .collect())
    }

    /// How many of the organization's accounts match `filter`: the total a
    /// list's title shows. Without a filter only the index is counted.
    pub fn count_users(
        &self,
        session: &Session,
        filter: &UserFilter,
    ) -> Result<usize, ServiceError> {
        let r = self.store.read()?;
        let (actor, _) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let org = certlink_domain::may(&actor, OrgView::Accounts)?;
        let keep = |a: &AccountRecord| filter.keeps(a);
        let keep: Option<&dyn Fn(&AccountRecord) -> bool> =
            if filter.is_empty() { None } else { Some(&keep) };
        Ok(r.count_accounts_of_org_where(org, keep)?)
    }
}

/// R17: the organization's active Global Admins, so each row can say how
/// many others would remain (the fact `decide` uses to keep the last one).
pub(super) struct OtherGlobalAdmins(Vec<AccountId>);

impl OtherGlobalAdmins {
    pub(super) fn of<Q: Queries + ?Sized>(r: &Q, org: MpnId) -> Result<Self, ServiceError> {
        Ok(OtherGlobalAdmins(r.active_global_admins(org)?))
    }

    fn besides(&self, account: AccountId) -> usize {
        self.0.iter().filter(|&&id| id != account).count()
    }
}

/// One account as a row, with what the reader may do with it.
pub(super) fn user_row(
    actor: &certlink_domain::Actor,
    a: AccountRecord,
    others: &OtherGlobalAdmins,
) -> UserListRow {
    UserListRow {
        offers: account_actions(
            actor,
            &AccountRow {
                org: a.org(),
                status: a.status,
                roles: a.roles,
                linked: a.linked_mcid.is_some(),
                other_active_global_admins: others.besides(a.id),
            },
        ),
        id: a.id,
        invited_at: (a.status == AccountStatus::Invited)
            .then_some(a.invited_at)
            .flatten(),
        roles: a.roles.names(),
        pu_access: a.pu.is_some(),
        linked_mcid: a.linked_mcid,
        status: a.status,
        name: a.name,
        email: a.email,
    }
}
