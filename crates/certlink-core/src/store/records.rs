//! What the tables hold. Field order is part of the on-disk format (postcard):
//! change it only with a schema migration (`schema.rs`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use certlink_domain::{
    AccountFacts, AccountId, AccountStatus, ActiveLink, Email, EndReason, LinkId, Mcid, MpnId,
    PuUsername, Roles,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRecord {
    pub mpn_id: MpnId,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountKind {
    /// A work account of an organization.
    Member { org: MpnId },
    /// A support engineer, outside every organization.
    Support,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecord {
    pub id: AccountId,
    pub kind: AccountKind,
    pub email: Email,
    pub name: String,
    pub roles: Roles,
    pub status: AccountStatus,
    /// argon2id PHC string; never leaves the store (invariant 5).
    pub password_hash: String,
    /// R13: set for temporary passwords; cleared by a password change.
    pub must_change_password: bool,
    pub created_at: DateTime<Utc>,
    /// R13: when the latest invitation (or resend) went out.
    pub invited_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// R2: the PU account associated with this account.
    pub pu: Option<PuUsername>,
    /// R3: when that PU access started.
    pub pu_since: Option<DateTime<Utc>>,
    /// R4: the MCID this account currently links.
    pub linked_mcid: Option<Mcid>,
    /// R9: the MCID last associated through this account (kept after unlink/move).
    pub last_mcid: Option<Mcid>,
}

impl AccountRecord {
    pub fn org(&self) -> Option<MpnId> {
        match self.kind {
            AccountKind::Member { org } => Some(org),
            AccountKind::Support => None,
        }
    }
    pub fn facts(&self) -> AccountFacts {
        AccountFacts {
            id: self.id,
            org: self.org(),
            roles: self.roles,
            status: self.status,
            linked_mcid: self.linked_mcid,
            pu: self.pu.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileRecord {
    pub mcid: Mcid,
    pub email: Email,
    pub display_name: String,
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
    /// R15: merged into this primary profile; its sign-in email is retired.
    pub merged_into: Option<Mcid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PuRecord {
    pub username: PuUsername,
    pub email: Email,
    pub password_hash: String,
    /// R2: the work account that holds access, if any.
    pub holder: Option<AccountId>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRecord {
    pub id: LinkId,
    pub mcid: Mcid,
    pub org: MpnId,
    pub account: AccountId,
    pub since: DateTime<Utc>,
    /// R9: whether this link started an association (R6 account take-overs do not).
    pub counts_as_association: bool,
    pub ended_at: Option<DateTime<Utc>>,
    pub end_reason: Option<EndReason>,
}

impl LinkRecord {
    pub fn active(&self) -> ActiveLink {
        ActiveLink {
            id: self.id,
            org: self.org,
            account: self.account,
            since: self.since,
        }
    }
}

/// Who acted, as the audit trail records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditActor {
    /// `org` is the actor's organization (`None` for support engineers).
    Account {
        id: AccountId,
        email: Email,
        org: Option<MpnId>,
    },
    Operator,
    /// A sign-in attempt for an email that names no account.
    Unknown {
        email: String,
    },
}

impl AuditActor {
    pub fn label(&self) -> String {
        match self {
            AuditActor::Account { email, .. } => email.to_string(),
            AuditActor::Operator => "operator".into(),
            AuditActor::Unknown { email } => format!("unknown ({email})"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Done,
    Refused { code: String, rule: String },
}

/// One append-only audit entry (R16). `org` is the organization the entry is about;
/// `other_org` is the other side of a move, hidden from the first organization's
/// admins (invariant 4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub actor: AuditActor,
    /// What was attempted, e.g. "link", "unlink", "sign-in".
    pub action: String,
    pub outcome: Outcome,
    pub account: Option<AccountId>,
    pub mcid: Option<Mcid>,
    pub org: Option<MpnId>,
    pub other_org: Option<MpnId>,
    /// Links this command started and ended (invariant 3: exactly one record each).
    pub links_started: Vec<LinkId>,
    pub links_ended: Vec<LinkId>,
    /// Human-readable detail; never contains a password or hash (invariant 5).
    pub detail: String,
}

/// R14: a support ticket and its conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketRecord {
    pub id: u64,
    pub opened_by: AccountId,
    /// The opener's organization (support engineers open none).
    pub org: Option<MpnId>,
    pub category: certlink_domain::tickets::TicketCategory,
    pub status: certlink_domain::tickets::TicketStatus,
    pub opened_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub messages: Vec<TicketMessage>,
}

impl TicketRecord {
    /// R14: a ticket `opener` opens at `at`, its description the first message.
    /// The service and the bulk generator both open tickets through this.
    pub fn opened(
        id: u64,
        opener: &AccountRecord,
        category: certlink_domain::tickets::TicketCategory,
        description: String,
        at: DateTime<Utc>,
    ) -> TicketRecord {
        TicketRecord {
            id,
            opened_by: opener.id,
            org: opener.org(),
            category,
            status: certlink_domain::tickets::TicketStatus::Open,
            opened_at: at,
            updated_at: at,
            messages: vec![TicketMessage {
                at,
                author: opener.id,
                author_email: opener.email.clone(),
                from_support: false,
                text: description,
            }],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketMessage {
    pub at: DateTime<Utc>,
    pub author: AccountId,
    pub author_email: Email,
    pub from_support: bool,
    pub text: String,
}

/// An SSH public key registered for an account (issue 6). Never a private key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SshKeyRecord {
    /// The OpenSSH public key line (`ssh-ed25519 AAAA… comment`).
    pub openssh: String,
    pub added_at: DateTime<Utc>,
}

/// What a person saved on their own profile (schema 5, `preferences`): the
/// language tag of their choice (`en`, `zh-CN`), language-neutral like the
/// audit record. A person who saved nothing has no record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreferenceRecord {
    /// A BCP 47 tag `certlink_i18n::Lang::from_tag` knows.
    pub lang: String,
    pub saved_at: DateTime<Utc>,
}

impl PreferenceRecord {
    /// The saved language; `None` for a tag this build does not know (the
    /// invariant checker reports it).
    pub fn language(&self) -> Option<certlink_i18n::Lang> {
        certlink_i18n::Lang::from_tag(&self.lang)
    }
}

/// An organization's scoring data for the Solutions Partner designations
/// (schema 7, `org_scoring`): operator data. An organization without a record
/// is Enterprise with nothing imported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoringRecord {
    pub size: certlink_domain::designations::SizeClass,
    /// Solution area id → the metrics imported from outside systems.
    pub other: std::collections::BTreeMap<String, certlink_domain::designations::OtherMetrics>,
}
