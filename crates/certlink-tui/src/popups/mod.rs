//! Dialogs drawn over a screen: credential entry (R2/R4), confirmation before
//! every unlink, removal, deletion, role change or merge (R2, R7, R12, R15,
//! R17), the skills report's download (R10), the admins' and support's forms
//! (R13–R15), the temporary password shown once (R13), messages and refusals,
//! and the help overlay.
//! The top popup takes the keys; Esc closes it.

pub mod confirm;
pub mod credentials;
pub mod download;
pub mod form_dialog;
pub mod help;
pub mod message;
pub mod shown_once;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Clear};

use super::components::centered;
use super::theme::Theme;

pub use confirm::{ConfirmDialog, ConfirmPurpose};
pub use credentials::{CredentialsDialog, CredentialsPurpose};
pub use download::DownloadDialog;
pub use form_dialog::{FormDialog, FormPurpose};
pub use help::HelpPopup;
pub use message::MessageDialog;
pub use shown_once::{Issued, ShownOnce};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Credentials(CredentialsDialog),
    Download(DownloadDialog),
    Dialog(FormDialog),
    ShownOnce(ShownOnce),
    Confirm(ConfirmDialog),
    Message(MessageDialog),
    Help(HelpPopup),
}

/// The widest a dialog gets; narrower terminals get the full width less a margin.
const MAX_DIALOG_WIDTH: u16 = 72;

/// Where a dialog of `inner_height` content lines goes, borders included.
pub fn dialog_area(screen: Rect, inner_height: u16) -> Rect {
    let width = screen.width.saturating_sub(4).min(MAX_DIALOG_WIDTH);
    centered(screen, width, inner_height.saturating_add(2))
}

/// The inner width of a dialog on this screen, for measuring wrapped text.
pub fn dialog_inner_width(screen: Rect) -> u16 {
    screen
        .width
        .saturating_sub(4)
        .min(MAX_DIALOG_WIDTH)
        .saturating_sub(4)
}

/// Clears the dialog's area and draws its frame; returns the inner area (with a
/// one-cell margin left and right).
pub fn draw_frame(frame: &mut Frame, area: Rect, title: &str, theme: &Theme) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .title(Span::styled(format!(" {title} "), theme.heading));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    }
}
