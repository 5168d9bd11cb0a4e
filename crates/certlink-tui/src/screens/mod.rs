//! Full screens before the tabs: sign-in (R1) and the forced new password (R13).

pub mod password_change;
pub mod sign_in;
