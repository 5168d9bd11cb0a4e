//! What a key or a click in a popup leads to; the app applies it to the
//! popup stack and the worker.

use crate::jobs::Job;

#[derive(Debug)]
pub enum Reply {
    /// Nothing beyond the popup's own change.
    Stay,
    /// Close the popup.
    Close,
    /// Open the help of the popup's keys over it.
    Help,
    /// Run the job; the popup stays, showing its progress and then its answer.
    Run(Job),
    /// Close the popup and run the job (a confirmed change).
    CloseAndRun(Job),
}
