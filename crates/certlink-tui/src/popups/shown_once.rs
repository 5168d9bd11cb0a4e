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
use certlink_i18n::Lang;

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

    fn title(&self, lang: Lang) -> &'static str {
        match self.issued {
            Issued::Invited => lang.tui_dialog_shown_once_invited_title(),
            Issued::Resent => lang.tui_dialog_shown_once_resent_title(),
        }
    }

    /// Where the sign-in details went, in plain words.
    fn delivery_text(&self, lang: Lang) -> String {
        match &self.delivery {
            Delivery::Queued => lang.tui_dialog_shown_once_queued().into(),
            Delivery::NoOutbox => lang.tui_dialog_shown_once_no_outbox().into(),
            Delivery::Failed(why) => lang.tui_dialog_shown_once_failed(why.to_string()),
        }
    }

    /// The text lines around the password line (which is drawn on its own).
    fn lines(&self, width: u16, lang: Lang) -> (Vec<String>, Vec<String>) {
        let before = wrap(
            &lang.tui_dialog_shown_once_for(self.name.as_str(), self.email.as_str()),
            width,
        );
        let mut after = wrap(lang.tui_dialog_shown_once_copy(), width);
        after.extend(wrap(&self.delivery_text(lang), width));
        after.extend(wrap(lang.tui_dialog_shown_once_first_sign_in(), width));
        after.push(String::new());
        after.extend(wrap(lang.tui_dialog_shown_once_close(), width));
        (before, after)
    }

    /// Where the details are drawn (in English).
    pub fn area(&self, screen: Rect) -> Rect {
        self.area_in(screen, Lang::En)
    }

    pub fn area_in(&self, screen: Rect, lang: Lang) -> Rect {
        let (before, after) = self.lines(dialog_inner_width(screen), lang);
        // The password line with a blank line on each side.
        dialog_area(screen, (before.len() + 3 + after.len()) as u16)
    }

    pub fn render(&self, frame: &mut Frame, screen: Rect, theme: &Theme, lang: Lang) {
        let area = self.area_in(screen, lang);
        let inner = draw_frame(frame, area, self.title(lang), theme);
        let (before, after) = self.lines(inner.width, lang);
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
