//! Browsing a whole skills report a window at a time (R10): one pass over the
//! report keeps a compact handle per row, sorted with an external sort when the
//! report is large and filtered on the fly; rows are read again by handle for
//! the visible window and for downloads. A newer request supersedes the pass
//! in flight; sessions asking for the same pass share one (`shared`). Used
//! by the terminal app's Skills tab; nothing here draws.

pub mod columns;
pub mod index;
pub mod pass_cache;
pub mod reads;
pub mod shared;
pub mod sort;
