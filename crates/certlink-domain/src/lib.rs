//! The domain: types and the rules of `domain.md` as pure functions. No I/O, no
//! clock, no database. Every rule (R1–R18) is enforced here or in `store`, and
//! unit-tested next to its code.

pub mod association_limit;
pub mod decide;
pub mod designations;
pub mod domains;
pub mod ids;
pub mod limits;
pub mod link;
pub mod merge;
pub mod needs;
pub mod permissions;
pub mod refusal;
pub mod roles;
pub mod settings;
pub mod skills;
pub mod throttle;
pub mod tickets;
pub mod time;

pub use decide::{
    AccountFacts, AccountStatus, Command, CredentialCheck, Event, MergeFacts, ProfileFacts,
};
pub use domains::{Domain, DomainOwner};
pub use ids::{AccountId, Email, LinkId, Mcid, MpnId, ParseIdError, PuUsername};
pub use link::{ActiveLink, EndReason};
pub use needs::Needs;
pub use permissions::may;
pub use refusal::{Credential, Missing, Refusal};
pub use roles::{Actor, Role, Roles};
pub use settings::{SettingError, Settings};
