//! Roles of a work account (R17) and who is acting (R8, R16).

use std::fmt;
use std::str::FromStr;

use certlink_i18n::Lang;
use serde::{Deserialize, Serialize};

use super::ids::{AccountId, Malformed, MpnId, ParseIdError};

/// A role that a Global Admin can grant or revoke (R17). Every account is also a
/// plain *User*, which is not a grantable role and so is not listed here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    PartnerAdmin,
    GlobalAdmin,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::PartnerAdmin => "partner-admin",
            Role::GlobalAdmin => "global-admin",
        }
    }
    /// "Global Admin", in English.
    pub fn title(self) -> &'static str {
        self.title_in(Lang::En)
    }
    /// "Global Admin" / "全局管理员": the role as people read it.
    pub fn title_in(self, lang: Lang) -> &'static str {
        match self {
            Role::PartnerAdmin => lang.domain_role_partner_admin(),
            Role::GlobalAdmin => lang.domain_role_global_admin(),
        }
    }
}

impl FromStr for Role {
    type Err = ParseIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "partner-admin" | "mpn-partner-admin" => Ok(Role::PartnerAdmin),
            "global-admin" => Ok(Role::GlobalAdmin),
            _ => Err(ParseIdError::of(Malformed::Role {
                text: format!("'{s}'"),
            })),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The grantable roles an account holds, on top of User.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Roles {
    pub partner_admin: bool,
    pub global_admin: bool,
}

impl Roles {
    pub const USER: Roles = Roles {
        partner_admin: false,
        global_admin: false,
    };
    pub const GLOBAL_ADMIN: Roles = Roles {
        partner_admin: false,
        global_admin: true,
    };

    pub fn has(self, role: Role) -> bool {
        match role {
            Role::PartnerAdmin => self.partner_admin,
            Role::GlobalAdmin => self.global_admin,
        }
    }
    pub fn with(mut self, role: Role, on: bool) -> Roles {
        match role {
            Role::PartnerAdmin => self.partner_admin = on,
            Role::GlobalAdmin => self.global_admin = on,
        }
        self
    }
    /// R10/R11/R18: the reports are for MPN Partner Admins and Global Admins.
    pub fn is_admin(self) -> bool {
        self.partner_admin || self.global_admin
    }
    /// Names for output: always "user", then the granted roles.
    pub fn names(self) -> Vec<&'static str> {
        let mut v = vec!["user"];
        if self.partner_admin {
            v.push(Role::PartnerAdmin.name());
        }
        if self.global_admin {
            v.push(Role::GlobalAdmin.name());
        }
        v
    }
    /// The most senior title, for status bars, in English.
    pub fn title(self) -> &'static str {
        self.title_in(Lang::En)
    }
    /// The most senior title in `lang`.
    pub fn title_in(self, lang: Lang) -> &'static str {
        if self.global_admin {
            Role::GlobalAdmin.title_in(lang)
        } else if self.partner_admin {
            Role::PartnerAdmin.title_in(lang)
        } else {
            lang.domain_role_user()
        }
    }
}

/// Who is acting. Built by the service from a verified session (or the operator's
/// file access), never from what a front end claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// A person with a work account in an organization.
    Member {
        account: AccountId,
        org: MpnId,
        roles: Roles,
    },
    /// A support engineer (outside every organization).
    Support { account: AccountId },
    /// Whoever holds the database file (local `certlink admin ...` commands).
    Operator,
}

impl Actor {
    /// The person of a work account in `org`, or a support engineer when the
    /// account belongs to no organization.
    pub fn of_account(account: AccountId, org: Option<MpnId>, roles: Roles) -> Actor {
        match org {
            Some(org) => Actor::Member {
                account,
                org,
                roles,
            },
            None => Actor::Support { account },
        }
    }

    pub fn account(&self) -> Option<AccountId> {
        match *self {
            Actor::Member { account, .. } | Actor::Support { account } => Some(account),
            Actor::Operator => None,
        }
    }
    pub fn org(&self) -> Option<MpnId> {
        match *self {
            Actor::Member { org, .. } => Some(org),
            _ => None,
        }
    }
    pub fn is_global_admin_of(&self, org: MpnId) -> bool {
        matches!(*self, Actor::Member { org: o, roles, .. } if o == org && roles.global_admin)
    }
    pub fn is_admin_of(&self, org: MpnId) -> bool {
        matches!(*self, Actor::Member { org: o, roles, .. } if o == org && roles.is_admin())
    }
}
