//! What the Users and Support tabs do with keys and answers: each flow turns
//! actions into reads of the service, dialogs, confirmations and jobs, and
//! shows the answers (`update.rs` hands these tabs' actions here). Reads are
//! indexed and bounded; changes run as jobs on the worker; nothing here decides
//! a rule.

pub mod support;
pub mod users;
