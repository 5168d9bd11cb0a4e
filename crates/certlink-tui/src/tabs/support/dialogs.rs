//! The Support tab's dialogs: open a ticket (R14: category, description)
//! and reply to one (R14), both in the multi-line editor, and the two MCIDs of a merge (R15), whose Enter
//! reads `Service::merge_preview` and shows it in a confirmation that carries
//! the merge itself.

use std::sync::OnceLock;

use super::calls;
use super::tickets::category_title;
use crate::components::dialog_form::{DialogForm, Item};
use crate::popups::compose::Composed;
use crate::popups::{ComposeDialog, ConfirmDialog, FormDialog, Popup, Submitted, Submitting};
use crate::tabs::users::calls::worded;
use certlink_core::service::{MergePreview, Service, ServiceError};
use certlink_domain::designations::words::{self, WhatIfWhen};
use certlink_domain::merge;
use certlink_domain::tickets::TicketCategory;
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;

/// The ticket categories in the order of [`TicketCategory::ALL`] (R14), in
/// `lang`: made once per language (the editor keeps a static list).
fn categories(lang: Lang) -> &'static [&'static str] {
    static EN: OnceLock<[&'static str; 4]> = OnceLock::new();
    static ZH_CN: OnceLock<[&'static str; 4]> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::ZhCn => &ZH_CN,
    };
    cell.get_or_init(|| TicketCategory::ALL.map(|c| category_title(c, lang)))
}

// Item indices of the merge dialog.
const MERGE_FROM: usize = 0;
const MERGE_INTO: usize = 1;

fn text(form: &DialogForm, index: usize) -> String {
    form.text(index).trim().to_string()
}

/// R14: a new ticket, for people of an organization: its category, then
/// its description in the multi-line editor.
pub fn open_ticket(lang: Lang) -> Popup {
    Popup::Compose(
        ComposeDialog::new(
            lang.tui_support_open_title().into(),
            lang.tui_support_open_intro().into(),
            Box::new(move |composed: &Composed, s: &Submitting| {
                let category = composed
                    .category
                    .and_then(|i| TicketCategory::ALL.get(i))
                    .copied()
                    .unwrap_or(TicketCategory::Other);
                Submitted::Run(calls::open_ticket_in(
                    s.session.clone(),
                    category,
                    composed.text.clone(),
                    lang,
                ))
            }),
        )
        .with_categories(categories(lang)),
    )
}

/// R14: a reply to ticket `ticket`, in the multi-line editor; its lines
/// arrive as written (the service trims only the ends).
pub fn reply(ticket: u64, lang: Lang) -> Popup {
    Popup::Compose(ComposeDialog::new(
        lang.tui_support_reply_title(ticket),
        lang.tui_support_reply_intro().into(),
        Box::new(move |composed: &Composed, s: &Submitting| {
            Submitted::Run(calls::reply_ticket_in(
                s.session.clone(),
                ticket,
                composed.text.clone(),
                lang,
            ))
        }),
    ))
}

/// The word typed to merge profiles that look like two people (R15): the
/// same in every language (typed without an input method, like a key name).
pub const DIFFERENT_PEOPLE_WORD: &str = "merge";

/// R15: which profile merges into which. Enter reads the preview: it
/// replaces the dialog as a confirmation; a refusal stays in the dialog for
/// fixing.
pub fn merge(lang: Lang) -> Popup {
    Popup::Dialog(FormDialog::new(
        lang.tui_support_merge_title().into(),
        lang.tui_support_merge_intro().into(),
        vec![
            Item::text(lang.tui_support_duplicate_mcid()),
            Item::text(lang.tui_support_primary_mcid()),
        ],
        Box::new(move |form: &DialogForm, s: &Submitting| {
            let (from, into) = (text(form, MERGE_FROM), text(form, MERGE_INTO));
            match s.service.merge_preview(s.session, &from, &into) {
                Ok(preview) => {
                    let confirm = ConfirmDialog::new(
                        lang.tui_support_merge_confirm_title(
                            preview.from.to_string(),
                            preview.into.to_string(),
                        ),
                        merge_preview_text(&preview, &s.dates.in_lang(lang)),
                        lang.tui_support_merge_yes(),
                        calls::merge_in(s.session.clone(), from, into, lang),
                    );
                    // Two people by their names or emails: a typed word, not `y`
                    // or Enter, says yes (issue 15, principle 8).
                    Submitted::Confirm(match merge::warning_in(&preview.differences, lang) {
                        Some(warning) => confirm.guarded(warning, DIFFERENT_PEOPLE_WORD),
                        None => confirm,
                    })
                }
                Err(e) => Submitted::Refused(in_words(s.service, &e, lang)),
            }
        }),
    ))
}

/// A service error in words for a reader of `lang`.
pub fn in_words(service: &Service, error: &ServiceError, lang: Lang) -> String {
    worded(service, error, lang).message
}

/// What a merge will do (R15), in words: what moves, which link survives and
/// which ends, and the association window of the merged profile (R9).
/// In `dates.lang`, a line each.
pub fn merge_preview_text(p: &MergePreview, dates: &DateFormat) -> String {
    let lang = dates.lang;
    let mut lines = vec![
        lang.tui_support_merge_what(
            p.from.to_string(),
            &p.from_name,
            p.from_email.to_string(),
            p.into.to_string(),
            &p.into_name,
            p.into_email.to_string(),
        ),
        lang.tui_support_merge_moves(
            lang.tui_support_skills(p.skills_moving),
            lang.tui_support_links(p.links_moving),
            lang.tui_support_starts(p.starts_moving),
        ),
    ];
    lines.push(match &p.surviving_link {
        Some((org, holder)) => lang.tui_support_survives(org.to_string(), holder),
        None => lang.tui_support_no_link_survives().into(),
    });
    if let Some((org, holder)) = &p.ending_link {
        lines.push(lang.tui_support_ends(org.to_string(), holder));
    }
    let a = &p.allowance_after;
    let next = match a.next_allowed {
        Some(at) => dates.moment_with_countdown(at),
        None => lang.tui_support_next_now().into(),
    };
    lines.push(lang.tui_support_after(a.used, a.limit, next));
    if let Some(line) = words::what_if(&p.designations, lang, WhatIfWhen::Now) {
        lines.push(line);
    }
    lines.join("\n")
}
