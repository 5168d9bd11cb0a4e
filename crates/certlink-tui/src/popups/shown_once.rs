//! The temporary password of an invitation or a resend (R13), shown to the
//! Global Admin once: this popup is the only place it lives in the app, and
//! closing it drops it (invariant 5). It also says where the sign-in details
//! went (`Delivery`), so the admin knows whether to pass them on by hand.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::frame::{dialog_area, dialog_inner_width, draw_frame};
use crate::components::wrap;
use crate::theme::Theme;
use certlink_core::service::{Delivery, Invitation};

/// Whether the details are for a new account or sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issued {
    Invited,
    Resent,
}

/// An invitation's answer, holding its temporary password. Printed without it
/// (`Debug` never shows the password: jobs and popups are logged by kind).
#[derive(Clone, PartialEq, Eq)]
pub struct ShownOnce {
    pub issued: Issued,
    pub email: String,
    pub name: String,
    temporary_password: String,
    pub delivery: Delivery,
}

impl std::fmt::Debug for ShownOnce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShownOnce")
            .field("issued", &self.issued)
            .field("email", &self.email)
            .field("temporary_password", &"<redacted>")
            .field("delivery", &self.delivery)
            .finish()
    }
}

impl ShownOnce {
    pub fn new(issued: Issued, invitation: Invitation) -> ShownOnce {
        ShownOnce {
            issued,
            email: invitation.email.to_string(),
            name: invitation.name,
            temporary_password: invitation.temporary_password,
            delivery: invitation.delivery,
        }
    }

    /// The password, for drawing (and for tests, which check it and redact it).
    pub fn temporary_password(&self) -> &str {
        &self.temporary_password
    }

    fn title(&self) -> &'static str {
        match self.issued {
            Issued::Invited => "Invited · temporary password shown once",
            Issued::Resent => "New sign-in details · password shown once",
        }
    }

    /// Where the sign-in details went, in plain words.
    fn delivery_text(&self) -> String {
        match &self.delivery {
            Delivery::Queued => "Sign-in details queued in the outbox; `certlink outbox send` delivers them.".into(),
            Delivery::NoOutbox => "No outbox for this database: nothing was sent. Give the person the email and password yourself.".into(),
            Delivery::Failed(why) => format!(
                "Sign-in details NOT queued ({why}). Give them to the person yourself, or send new ones later."
            ),
        }
    }

    /// The text lines around the password line (which is drawn on its own).
    fn lines(&self, width: u16) -> (Vec<String>, Vec<String>) {
        let before = wrap(
            &format!(
                "Temporary password for {} <{}>, shown this once:",
                self.name, self.email
            ),
            width,
        );
        let mut after = wrap("Copy it now: it cannot be shown again.", width);
        after.extend(wrap(&self.delivery_text(), width));
        after.extend(wrap(
            "They choose their own password at first sign-in (R13).",
            width,
        ));
        after.push(String::new());
        after.push("Enter or Esc closes; the password is then gone".into());
        (before, after)
    }

    pub fn area(&self, screen: Rect) -> Rect {
        let (before, after) = self.lines(dialog_inner_width(screen));
        // The password line with a blank line on each side.
        dialog_area(screen, (before.len() + 3 + after.len()) as u16)
    }

    pub fn render(&self, frame: &mut Frame, screen: Rect, theme: &Theme) {
        let area = self.area(screen);
        let inner = draw_frame(frame, area, self.title(), theme);
        let (before, after) = self.lines(inner.width);
        let last = after.len().saturating_sub(1);
        let mut lines: Vec<Line> = before
            .into_iter()
            .map(|l| Line::styled(l, theme.text))
            .collect();
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::raw("    "),
            Span::styled(self.temporary_password.clone(), theme.badge),
        ]));
        lines.push(Line::default());
        lines.extend(after.into_iter().enumerate().map(|(i, l)| {
            let style = if i == last { theme.muted } else { theme.text };
            Line::styled(l, style)
        }));
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
