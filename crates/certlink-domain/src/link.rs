//! Links between an MCID and an organization (R4–R7, R12, R15).

use certlink_i18n::Lang;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ids::{AccountId, LinkId, MpnId};

/// Why a link ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EndReason {
    /// R6: the MCID was linked with another organization.
    Moved,
    /// R6: the same organization, through a newer account of the same person.
    AccountReplaced,
    /// R7: the person removed access.
    RemovedByUser,
    /// R12: a Global Admin removed a departed person from the report.
    RemovedByAdmin,
    /// R15: the profile was merged into another; its link did not survive.
    Merged,
}

impl EndReason {
    pub fn name(self) -> &'static str {
        match self {
            EndReason::Moved => "moved",
            EndReason::AccountReplaced => "account replaced",
            EndReason::RemovedByUser => "removed by user",
            EndReason::RemovedByAdmin => "removed by admin",
            EndReason::Merged => "merged",
        }
    }
    /// The reason as people read it in `lang` ([`EndReason::name`] in English).
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            EndReason::Moved => lang.domain_end_moved(),
            EndReason::AccountReplaced => lang.domain_end_account_replaced(),
            EndReason::RemovedByUser => lang.domain_end_removed_by_user(),
            EndReason::RemovedByAdmin => lang.domain_end_removed_by_admin(),
            EndReason::Merged => lang.domain_end_merged(),
        }
    }
}

/// The link an MCID currently has, as the decision functions need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActiveLink {
    pub id: LinkId,
    pub org: MpnId,
    pub account: AccountId,
    pub since: DateTime<Utc>,
}
