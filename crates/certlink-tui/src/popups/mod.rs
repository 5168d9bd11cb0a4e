//! Dialogs drawn over a screen: credential entry (R2/R4), confirmation before
//! every unlink, removal, deletion, role change or merge (R2, R7, R12, R15,
//! R17), the skills report's download (R10), the admins' and support's forms
//! (R13–R15), the temporary password shown once (R13), messages and refusals,
//! and the help overlay. The tab that opens a dialog gives it what its Enter
//! does ([`submit`]); a confirmation carries the job it runs.
//!
//! The top popup takes the keys ([`Popup::update`]) and answers with a
//! [`Reply`] the app applies; Esc closes it.

pub mod compose;
pub mod confirm;
pub mod credentials;
pub mod download;
pub mod form_dialog;
pub mod frame;
pub mod help;
pub mod message;
pub mod reply;
pub mod shown_once;
pub mod submit;

#[cfg(test)]
mod zh_cn_tests;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::keys::Context;
use crate::theme::Theme;
use certlink_i18n::Lang;

pub use compose::ComposeDialog;
pub use confirm::ConfirmDialog;
pub use credentials::{CredentialsDialog, CredentialsPurpose};
pub use download::DownloadDialog;
pub use form_dialog::FormDialog;
pub use help::HelpPopup;
pub use message::MessageDialog;
pub use reply::Reply;
pub use shown_once::{Issued, ShownOnce};
pub use submit::{Submitted, Submitting};

#[derive(Debug)]
pub enum Popup {
    Credentials(CredentialsDialog),
    Download(DownloadDialog),
    Dialog(FormDialog),
    /// A ticket's multi-line text (R14).
    Compose(ComposeDialog),
    ShownOnce(ShownOnce),
    Confirm(ConfirmDialog),
    Message(MessageDialog),
    Help(HelpPopup),
}

impl Popup {
    /// The keys in force while this popup is on top.
    pub fn keys(&self) -> Context {
        match self {
            Popup::Credentials(_) => &credentials::KEYS,
            Popup::Dialog(dialog) => dialog.keys(),
            Popup::Compose(compose) => compose.keys(),
            Popup::ShownOnce(_) | Popup::Message(_) => &message::KEYS,
            Popup::Download(_) => &download::KEYS,
            Popup::Confirm(confirm) => confirm.keys(),
            Popup::Help(_) => &help::KEYS,
        }
    }

    /// An action for the popup on top. `screen` is the terminal's area;
    /// `submitting` is there while signed in (forms submit only then).
    pub fn update(
        &mut self,
        action: Action,
        screen: Rect,
        submitting: Option<&Submitting>,
    ) -> Reply {
        match self {
            Popup::Help(help) => help.update(action, screen),
            // Closing the once-only popup drops the temporary password (R13).
            Popup::Message(_) | Popup::ShownOnce(_) => message::close_on(&action),
            // Enter moves on through the form and submits on its last item.
            Popup::Dialog(dialog) if action == Action::Activate && !dialog.form.on_last_item() => {
                dialog.update(Action::NextField)
            }
            Popup::Dialog(dialog) if action == Action::Activate => {
                let Some(submitting) = submitting else {
                    return Reply::Stay;
                };
                match dialog.submit(submitting) {
                    Submitted::Run(job) => Reply::Run(job),
                    // The preview replaces the dialog (R15).
                    Submitted::Confirm(confirm) => {
                        *self = Popup::Confirm(confirm);
                        Reply::Stay
                    }
                    Submitted::Refused(message) => {
                        dialog.refused(message);
                        Reply::Stay
                    }
                }
            }
            Popup::Dialog(dialog) => dialog.update(action),
            // Ctrl-S sends (Enter breaks the line there).
            Popup::Compose(compose) if action == Action::Activate => {
                let Some(submitting) = submitting else {
                    return Reply::Stay;
                };
                match compose.submit(submitting) {
                    Submitted::Run(job) => Reply::Run(job),
                    Submitted::Confirm(confirm) => {
                        *self = Popup::Confirm(confirm);
                        Reply::Stay
                    }
                    Submitted::Refused(message) => {
                        compose.refused(message);
                        Reply::Stay
                    }
                }
            }
            Popup::Compose(compose) => compose.update(action),
            Popup::Confirm(confirm) => confirm.update(action),
            Popup::Download(dialog) => dialog.update(action, submitting),
            Popup::Credentials(dialog) => dialog.update(action, submitting),
        }
    }

    /// A left click while this popup is on top; `busy` is the progress shown
    /// (it changes the dialogs' layout); `lang` the language it is drawn in
    /// (its words' widths place its buttons).
    pub fn click(
        &mut self,
        screen: Rect,
        busy: Option<&str>,
        column: u16,
        row: u16,
        lang: Lang,
    ) -> Reply {
        match self {
            Popup::Confirm(confirm) => return confirm.click(screen, column, row, lang),
            Popup::Credentials(dialog) => dialog.click(screen, busy, column, row, lang),
            Popup::Message(message) => {
                if !message
                    .area_in(screen, lang)
                    .contains(Position::new(column, row))
                {
                    return Reply::Close;
                }
            }
            Popup::Help(_) => return Reply::Close,
            Popup::Dialog(dialog) => dialog.click(screen, busy, column, row),
            // The once-only password closes by key only, never by a stray click.
            Popup::Download(_) | Popup::ShownOnce(_) | Popup::Compose(_) => {}
        }
        Reply::Stay
    }

    /// A job started from this popup failed: a form shows why and keeps what
    /// was typed (true); other popups do not take refusals (false).
    pub fn refused(&mut self, message: String) -> bool {
        match self {
            Popup::Credentials(dialog) => dialog.refused(message),
            Popup::Dialog(dialog) => dialog.refused(message),
            Popup::Compose(compose) => compose.refused(message),
            Popup::Download(dialog) => dialog.failed(message),
            Popup::ShownOnce(_) | Popup::Confirm(_) | Popup::Message(_) | Popup::Help(_) => {
                return false;
            }
        }
        true
    }

    /// A form holding what someone typed: the screen under it is not read
    /// again by itself meanwhile (issue 15, principle 2), so nothing moves
    /// under a person in the middle of filling it in.
    pub fn holds_typing(&self) -> bool {
        match self {
            Popup::Credentials(dialog) => dialog.form.has_input(),
            Popup::Dialog(dialog) => dialog.form.has_input(),
            Popup::Compose(compose) => compose.editor.chars() > 0,
            Popup::Download(_)
            | Popup::ShownOnce(_)
            | Popup::Confirm(_)
            | Popup::Message(_)
            | Popup::Help(_) => false,
        }
    }

    /// A form that started a job and waits for its answer (credentials, a
    /// dialog, the download): success closes it.
    pub fn is_form(&self) -> bool {
        matches!(
            self,
            Popup::Credentials(_) | Popup::Dialog(_) | Popup::Compose(_) | Popup::Download(_)
        )
    }

    /// `busy` is the progress of the job this popup started, if it is on top;
    /// `lang` the language of the dialogs' own words (the app's: texts a tab
    /// gave the dialog are in the tab's words already).
    pub fn render(
        &self,
        frame: &mut Frame,
        screen: Rect,
        theme: &Theme,
        busy: Option<&str>,
        lang: Lang,
    ) {
        match self {
            Popup::Credentials(dialog) => dialog.render(frame, screen, theme, busy, lang),
            Popup::Download(dialog) => dialog.render(frame, screen, theme, busy, lang),
            Popup::Dialog(dialog) => dialog.render(frame, screen, theme, busy, lang),
            Popup::Compose(compose) => compose.render(frame, screen, theme, busy, lang),
            Popup::ShownOnce(details) => details.render(frame, screen, theme, lang),
            Popup::Confirm(confirm) => confirm.render(frame, screen, theme, lang),
            Popup::Message(message) => message.render(frame, screen, theme, lang),
            Popup::Help(help) => help.render(frame, screen, theme),
        }
    }
}
