//! The Support tab's dialogs: open a ticket (R14: category, description)
//! and reply to one (R14), both in the multi-line editor, and the two MCIDs of a merge (R15), whose Enter
//! reads `Service::merge_preview` and shows it in a confirmation that carries
//! the merge itself.

use super::calls;
use crate::components::dialog_form::{DialogForm, Item};
use crate::jobs::failure;
use crate::popups::compose::Composed;
use crate::popups::{ComposeDialog, ConfirmDialog, FormDialog, Popup, Submitted, Submitting};
use certlink_core::service::MergePreview;
use certlink_domain::merge;
use certlink_domain::tickets::TicketCategory;
use certlink_domain::time::DateFormat;

/// The ticket categories in the order of [`TicketCategory::ALL`] (R14).
const CATEGORIES: &[&str] = &[
    "Linking problem",
    "Unlinking problem",
    "MCID merge (Certification Support)",
    "Other",
];

// Item indices of the merge dialog.
const MERGE_FROM: usize = 0;
const MERGE_INTO: usize = 1;

fn text(form: &DialogForm, index: usize) -> String {
    form.text(index).trim().to_string()
}

/// R14: a new ticket, for people of an organization: its category, then
/// its description in the multi-line editor.
pub fn open_ticket() -> Popup {
    debug_assert_eq!(CATEGORIES.len(), TicketCategory::ALL.len());
    Popup::Compose(
        ComposeDialog::new(
            "Open a support ticket (R14)".into(),
            "Tell support what happened. Questions about merging two certification profiles go to Certification Support (MCID merge).".into(),
            Box::new(|composed: &Composed, s: &Submitting| {
                let category = composed
                    .category
                    .and_then(|i| TicketCategory::ALL.get(i))
                    .copied()
                    .unwrap_or(TicketCategory::Other);
                Submitted::Run(calls::open_ticket(
                    s.session.clone(),
                    category,
                    composed.text.clone(),
                ))
            }),
        )
        .with_categories(CATEGORIES),
    )
}

/// R14: a reply to ticket `ticket`, in the multi-line editor; its lines
/// arrive as written (the service trims only the ends).
pub fn reply(ticket: u64) -> Popup {
    Popup::Compose(ComposeDialog::new(
        format!("Reply to ticket #{ticket} (R14)"),
        "Your reply is added to the conversation.".into(),
        Box::new(move |composed: &Composed, s: &Submitting| {
            Submitted::Run(calls::reply_ticket(
                s.session.clone(),
                ticket,
                composed.text.clone(),
            ))
        }),
    ))
}

/// The word typed to merge profiles that look like two people (R15).
pub const DIFFERENT_PEOPLE_WORD: &str = "merge";

/// R15: which profile merges into which. Enter reads the preview: it
/// replaces the dialog as a confirmation; a refusal stays in the dialog for
/// fixing.
pub fn merge() -> Popup {
    Popup::Dialog(FormDialog::new(
        "Merge two certification profiles (R15)".into(),
        "The duplicate's certifications, exams and history move to the primary; at most one link survives. You see what will change before anything does.".into(),
        vec![Item::text("Duplicate MCID"), Item::text("Primary MCID")],
        Box::new(|form: &DialogForm, s: &Submitting| {
            let (from, into) = (text(form, MERGE_FROM), text(form, MERGE_INTO));
            match s.service.merge_preview(s.session, &from, &into) {
                Ok(preview) => {
                    let confirm = ConfirmDialog::new(
                        format!("Merge MCID {} into {}? (R15)", preview.from, preview.into),
                        merge_preview_text(&preview, s.dates),
                        "Yes, merge",
                        calls::merge(s.session.clone(), from, into),
                    );
                    // Two people by their names or emails: a typed word, not `y`
                    // or Enter, says yes (issue 15, principle 8).
                    Submitted::Confirm(match preview.warning() {
                        Some(warning) => confirm.guarded(warning, DIFFERENT_PEOPLE_WORD),
                        None => confirm,
                    })
                }
                Err(e) => Submitted::Refused(failure(s.service, &e).message),
            }
        }),
    ))
}

/// What a merge will do (R15), in words: what moves, which link survives and
/// which ends, and the association window of the merged profile (R9).
pub fn merge_preview_text(p: &MergePreview, dates: &DateFormat) -> String {
    let plural = merge::count;
    let mut text = format!(
        "Duplicate MCID {} {} ({}) into primary MCID {} {} ({}).\nMoves: {}, {} of history, {}.",
        p.from,
        p.from_name,
        p.from_email,
        p.into,
        p.into_name,
        p.into_email,
        plural(p.skills_moving, "skill", "skills"),
        plural(p.links_moving, "link", "links"),
        plural(p.starts_moving, "association start", "association starts"),
    );
    text.push_str(&match &p.surviving_link {
        Some((org, holder)) => format!("\nSurvives: the link to {org} held by {holder}."),
        None => "\nNo link survives: neither profile is linked.".into(),
    });
    if let Some((org, holder)) = &p.ending_link {
        text.push_str(&format!(
            "\nEnds: the link to {org} held by {holder} (reason: merged)."
        ));
    }
    let a = &p.allowance_after;
    let next = match a.next_allowed {
        Some(at) => dates.moment_with_countdown(at),
        None => "now".into(),
    };
    text.push_str(&format!(
        "\nAfter (R9): {} of {} associations used; next allowed {next}.",
        a.used, a.limit
    ));
    text
}
