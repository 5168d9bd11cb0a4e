//! Enter in a dialog that asks for something (credentials, a form, a path):
//! what the dialog's owner gave it to turn what was typed into work, and what
//! that leads to. The owner (a tab) writes the turning in its own module, so a
//! dialog never knows which service call it ends in.

use std::any::Any;

use certlink_core::service::{Service, Session};
use certlink_domain::time::DateFormat;

use super::confirm::ConfirmDialog;
use crate::jobs::Job;

/// What a submission may use: the signed-in person, the service for a quick
/// read before the job (R15's merge preview), the dates as shown, and the tab
/// that opened the dialog as it is now (the skills tab's view at Enter).
pub struct Submitting<'a> {
    pub service: &'a Service,
    pub session: &'a Session,
    pub dates: &'a DateFormat,
    pub owner: &'a dyn Any,
}

/// What a form's Enter leads to.
pub enum Submitted {
    /// Run the job; the dialog stays for its answer (a refusal is shown there).
    Run(Job),
    /// Replace the dialog with this confirmation (R15: the preview of a merge).
    Confirm(ConfirmDialog),
    /// Stay, showing why not (in the service's words).
    Refused(String),
}
