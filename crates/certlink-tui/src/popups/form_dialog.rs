//! The dialogs of the admins' and support's work, on one [`DialogForm`]:
//! invite (R13: work email, name, roles), new sign-in details with an
//! optional corrected email (R13), open a ticket (R14: category, description),
//! reply to a ticket (R14), and the two MCIDs of a merge (R15, previewed before
//! it runs). Enter submits, Esc cancels; the service checks everything and a
//! refusal is shown here in its words, with what was typed kept for fixing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{dialog_area, dialog_inner_width, draw_frame};
use crate::components::dialog_form::{DialogForm, Item};
use crate::components::wrap;
use crate::jobs::Job;
use crate::theme::{Mark, Theme};
use certlink_core::service::Session;
use certlink_domain::tickets::TicketCategory;
use certlink_domain::{Role, Roles};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    /// R13: a new account of the organization.
    Invite,
    /// R13: new sign-in details for the invited account `email`.
    Resend { email: String },
    /// R14: a new ticket.
    OpenTicket,
    /// R14: a reply to ticket `ticket`.
    Reply { ticket: u64 },
    /// R15: which profile merges into which (previewed before it runs).
    Merge,
}

/// What Enter in a dialog asks for.
pub enum Submit {
    Job(Job),
    /// R15: read the merge preview, then confirm.
    MergePreview {
        from: String,
        into: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormDialog {
    pub purpose: FormPurpose,
    pub form: DialogForm,
    pub error: Option<String>,
}

/// The ticket categories in the order of [`TicketCategory::ALL`] (R14).
const CATEGORIES: &[&str] = &[
    "Linking problem",
    "Unlinking problem",
    "MCID merge (Certification Support)",
    "Other",
];

// Item indices of each dialog.
const INVITE_EMAIL: usize = 0;
const INVITE_NAME: usize = 1;
const INVITE_PARTNER_ADMIN: usize = 2;
const INVITE_GLOBAL_ADMIN: usize = 3;
const TICKET_CATEGORY: usize = 0;
const TICKET_DESCRIPTION: usize = 1;
const MERGE_FROM: usize = 0;
const MERGE_INTO: usize = 1;

impl FormDialog {
    fn new(purpose: FormPurpose, items: Vec<Item>) -> FormDialog {
        FormDialog {
            purpose,
            form: DialogForm::new(items),
            error: None,
        }
    }

    pub fn invite() -> FormDialog {
        FormDialog::new(
            FormPurpose::Invite,
            vec![
                Item::text("Work email"),
                Item::text("Name"),
                Item::check("Roles", Role::PartnerAdmin.title()),
                Item::check("", Role::GlobalAdmin.title()),
            ],
        )
    }

    /// The email starts as it is; edit it to send to a corrected address.
    pub fn resend(email: &str) -> FormDialog {
        FormDialog::new(
            FormPurpose::Resend {
                email: email.to_string(),
            },
            vec![Item::text_with("Send to", email)],
        )
    }

    pub fn open_ticket() -> FormDialog {
        debug_assert_eq!(CATEGORIES.len(), TicketCategory::ALL.len());
        FormDialog::new(
            FormPurpose::OpenTicket,
            vec![
                Item::choice("Category", CATEGORIES),
                Item::text("Description"),
            ],
        )
    }

    pub fn reply(ticket: u64) -> FormDialog {
        FormDialog::new(FormPurpose::Reply { ticket }, vec![Item::text("Message")])
    }

    pub fn merge() -> FormDialog {
        FormDialog::new(
            FormPurpose::Merge,
            vec![Item::text("Duplicate MCID"), Item::text("Primary MCID")],
        )
    }

    pub fn title(&self) -> String {
        match &self.purpose {
            FormPurpose::Invite => "Invite a person (R13)".into(),
            FormPurpose::Resend { .. } => "New sign-in details (R13)".into(),
            FormPurpose::OpenTicket => "Open a support ticket (R14)".into(),
            FormPurpose::Reply { ticket } => format!("Reply to ticket #{ticket} (R14)"),
            FormPurpose::Merge => "Merge two certification profiles (R15)".into(),
        }
    }

    fn intro(&self) -> String {
        match &self.purpose {
            FormPurpose::Invite => "Creates a work account in your organization. Every account is a User; tick the roles it also holds. A temporary password is shown to you once and the sign-in details go to the work email.".into(),
            FormPurpose::Resend { email } => format!("New sign-in details for {email}: the old temporary password stops working. If the email was wrong, correct it here."),
            FormPurpose::OpenTicket => "Tell support what happened. Questions about merging two certification profiles go to Certification Support (MCID merge).".into(),
            FormPurpose::Reply { .. } => "Your reply is added to the conversation.".into(),
            FormPurpose::Merge => "The duplicate's certifications, exams and history move to the primary; at most one link survives. You see what will change before anything does.".into(),
        }
    }

    /// What Enter asks for. The fields stay until the answer: a refusal keeps
    /// them for fixing, success closes the dialog.
    pub fn submit(&self, session: &Session) -> Submit {
        let session = session.clone();
        let text = |i: usize| self.form.text(i).trim().to_string();
        Submit::Job(match &self.purpose {
            FormPurpose::Invite => Job::Invite {
                session,
                email: text(INVITE_EMAIL),
                name: text(INVITE_NAME),
                roles: Roles::USER
                    .with(Role::PartnerAdmin, self.form.checked(INVITE_PARTNER_ADMIN))
                    .with(Role::GlobalAdmin, self.form.checked(INVITE_GLOBAL_ADMIN)),
            },
            FormPurpose::Resend { email } => {
                let typed = text(0);
                Job::Resend {
                    session,
                    email: email.clone(),
                    // The same address (any case) is no correction.
                    new_email: (!typed.eq_ignore_ascii_case(email)).then_some(typed),
                }
            }
            FormPurpose::OpenTicket => Job::OpenTicket {
                session,
                category: TicketCategory::ALL
                    .get(self.form.chosen(TICKET_CATEGORY))
                    .copied()
                    .unwrap_or(TicketCategory::Other),
                description: text(TICKET_DESCRIPTION),
            },
            FormPurpose::Reply { ticket } => Job::ReplyTicket {
                session,
                id: *ticket,
                message: text(0),
            },
            FormPurpose::Merge => {
                return Submit::MergePreview {
                    from: text(MERGE_FROM),
                    into: text(MERGE_INTO),
                };
            }
        })
    }

    pub fn refused(&mut self, message: String) {
        self.error = Some(message);
    }

    fn status_lines(&self, width: u16, busy: Option<&str>) -> Vec<String> {
        match (busy, &self.error) {
            (Some(progress), _) => vec![progress.to_string()],
            (None, Some(error)) => wrap(&format!("{}{error}", Mark::REFUSED), width),
            (None, None) => Vec::new(),
        }
    }

    /// (dialog, form area) on this screen: shared by drawing and mouse clicks.
    pub fn layout(&self, screen: Rect, busy: Option<&str>) -> (Rect, Rect) {
        let width = dialog_inner_width(screen);
        let intro = wrap(&self.intro(), width).len() as u16;
        let form = self.form.height();
        let status = self.status_lines(width, busy).len() as u16;
        let area = dialog_area(screen, intro + 1 + form + 1 + status.max(1));
        let inner = Rect {
            x: area.x + 2,
            y: area.y + 1,
            width: area.width.saturating_sub(4),
            height: area.height.saturating_sub(2),
        };
        // On a short screen the intro gives way first: the fields must show.
        let intro_shown = intro.min(inner.height.saturating_sub(form + 1));
        let form_area = Rect {
            y: inner.y + intro_shown + u16::from(intro_shown > 0),
            height: form.min(inner.height),
            ..inner
        };
        (area, form_area)
    }

    pub fn render(&self, frame: &mut Frame, screen: Rect, theme: &Theme, busy: Option<&str>) {
        let (area, form_area) = self.layout(screen, busy);
        let inner = draw_frame(frame, area, &self.title(), theme);
        let intro: Vec<Line> = wrap(&self.intro(), inner.width)
            .into_iter()
            .map(|l| Line::styled(l, theme.muted))
            .collect();
        let intro_area = Rect {
            height: form_area.y.saturating_sub(inner.y + 1),
            ..inner
        };
        frame.render_widget(Paragraph::new(intro), intro_area);
        self.form.render(frame, form_area, theme, busy.is_none());
        let status_y = form_area.bottom() + 1;
        if status_y >= inner.bottom() {
            return;
        }
        let style = if busy.is_some() {
            theme.warn
        } else {
            theme.error
        };
        let status: Vec<Line> = self
            .status_lines(inner.width, busy)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect();
        frame.render_widget(
            Paragraph::new(status),
            Rect {
                y: status_y,
                height: inner.bottom() - status_y,
                ..inner
            },
        );
    }
}
