//! Admins and support on the command line (R12–R17): accounts and invitations,
//! lookups, tickets and MCID merges.

use serde_json::json;

use super::args::{Format, RoleName, Ticket, TicketCategoryArg};
use super::{CliError, Ctx, Failure, Opened, Table, pairs, plain, with_dates};
use certlink_core::service::{
    Delivery, Invitation, MergePreview, Service, ServiceError, Session, TicketCursor, TicketView,
};
use certlink_domain::designations::words::{self, WhatIfWhen};
use certlink_domain::merge;
use certlink_domain::tickets::TicketCategory;
use certlink_domain::time::DateFormat;
use certlink_domain::{Role, Roles};

fn signed_in(ctx: &Ctx) -> Result<(Opened, Session), Failure> {
    let service = ctx.service().map_err(plain)?;
    let session = ctx.sign_in(&service).map_err(with_dates(&service))?;
    Ok((service, session))
}

pub fn user_list(ctx: &Ctx) -> Result<(), Failure> {
    let (service, session) = signed_in(ctx)?;
    let dates = ctx.dates(&service).map_err(plain)?;
    let mut rows = Vec::new();
    let mut after = None;
    loop {
        let page = service
            .list_users(&session, after, 1000)
            .map_err(with_dates(&service))?;
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        let done = page.len() < 1000;
        rows.extend(page);
        if done {
            break;
        }
    }
    match ctx.format() {
        Format::Json => ctx.print_json(&json!({ "accounts": rows })),
        Format::Table | Format::Csv => {
            let lang = ctx.lang();
            let mut t = Table::new(&[
                lang.cli_col_email(),
                lang.cli_col_name(),
                lang.cli_col_status(),
                lang.cli_col_roles(),
                lang.cli_col_pu(),
                lang.cli_col_mcid(),
                lang.cli_col_waiting(),
            ]);
            for r in &rows {
                let waiting = r
                    .invited_at
                    .map(|at| lang.cli_days((dates.now - at).num_days()))
                    .unwrap_or_default();
                t.row(vec![
                    r.email.to_string(),
                    r.name.clone(),
                    status_word(lang, r.status).into(),
                    role_words(lang, &r.roles),
                    yes_no(lang, r.pu_access).into(),
                    r.linked_mcid.map(|m| m.to_string()).unwrap_or_default(),
                    waiting,
                ]);
            }
            ctx.print(&t.render());
        }
    }
    Ok(())
}

/// An account's status in the reader's words.
pub(crate) fn status_word(
    lang: certlink_i18n::Lang,
    status: certlink_domain::AccountStatus,
) -> &'static str {
    use certlink_domain::AccountStatus;
    match status {
        AccountStatus::Invited => lang.cli_status_invited(),
        AccountStatus::Active => lang.cli_status_active(),
        AccountStatus::Deleted => lang.cli_status_deleted(),
    }
}

/// Role names as a table shows them (`user, global-admin`), in the
/// reader's words; JSON keeps the names.
pub(crate) fn role_words<S: AsRef<str>>(lang: certlink_i18n::Lang, names: &[S]) -> String {
    let words: Vec<&str> = names
        .iter()
        .map(|name| match name.as_ref() {
            "user" => lang.cli_role_word_user(),
            "partner-admin" => lang.cli_role_word_partner_admin(),
            "global-admin" => lang.cli_role_word_global_admin(),
            "support" => lang.cli_role_word_support(),
            other => other,
        })
        .collect();
    words.join(lang.cli_role_separator())
}

/// A table's yes or no.
pub(crate) fn yes_no(lang: certlink_i18n::Lang, yes: bool) -> &'static str {
    if yes { lang.cli_yes() } else { lang.cli_no() }
}

/// Which invitation a command shows.
#[derive(Debug, Clone, Copy)]
enum Sent {
    Invited,
    Resent,
}

fn show_invitation(ctx: &Ctx, inv: &Invitation, sent: Sent) {
    let lang = ctx.lang();
    // The JSON `delivery` is the same words (it follows the language, like "message").
    let delivery = match &inv.delivery {
        Delivery::Queued => lang.cli_delivery_queued().into(),
        Delivery::NoOutbox => lang.cli_delivery_no_outbox().into(),
        Delivery::Failed(e) => lang.cli_delivery_failed(e.to_string()),
    };
    match ctx.format() {
        Format::Json => ctx.print_json(&json!({
            "email": inv.email, "name": inv.name, "temporary_password": inv.temporary_password, "delivery": delivery
        })),
        Format::Table | Format::Csv => {
            let (email, name) = (inv.email.to_string(), inv.name.as_str());
            let head = match sent {
                Sent::Invited => lang.cli_invited(email, name),
                Sent::Resent => lang.cli_resent(email, name),
            };
            ctx.print(&format!(
                "{head}\n{}\n",
                lang.cli_invitation_details(inv.temporary_password.as_str(), delivery)
            ))
        }
    }
}

pub fn invite(ctx: &Ctx, email: &str, name: &str, roles: &[RoleName]) -> Result<(), Failure> {
    let (service, session) = signed_in(ctx)?;
    let mut set = Roles::USER;
    for r in roles {
        set = set.with(
            match r {
                RoleName::PartnerAdmin => Role::PartnerAdmin,
                RoleName::GlobalAdmin => Role::GlobalAdmin,
            },
            true,
        );
    }
    let inv = service
        .invite(&session, email, name, set)
        .map_err(with_dates(&service))?;
    show_invitation(ctx, &inv, Sent::Invited);
    Ok(())
}

pub fn resend(ctx: &Ctx, email: &str, new_email: Option<&str>) -> Result<(), Failure> {
    let (service, session) = signed_in(ctx)?;
    let inv = service
        .resend_invitation(&session, email, new_email)
        .map_err(with_dates(&service))?;
    show_invitation(ctx, &inv, Sent::Resent);
    Ok(())
}

pub fn lookup(ctx: &Ctx, query: &str, person: bool) -> Result<(), Failure> {
    let (service, session) = signed_in(ctx)?;
    let dates = ctx.dates(&service).map_err(plain)?;
    let lang = ctx.lang();
    if person {
        let p = service
            .person(&session, query)
            .map_err(with_dates(&service))?;
        match ctx.format() {
            Format::Json => ctx.print_json(&serde_json::to_value(&p).unwrap_or_default()),
            Format::Table | Format::Csv => {
                let a = &p.allowance;
                let next = a
                    .next_allowed
                    .map(|d| dates.moment_with_countdown(d))
                    .unwrap_or_else(|| lang.cli_now().into());
                let mut text = pairs(&[
                    (
                        lang.cli_label_account(),
                        lang.cli_email_name_status(
                            p.email.to_string(),
                            p.name.as_str(),
                            status_word(lang, p.status),
                        ),
                    ),
                    (
                        lang.cli_label_organization(),
                        match (&p.org_name, p.mpn_id) {
                            (Some(n), Some(m)) => lang.cli_org_with_mpn(n.as_str(), m.to_string()),
                            _ => lang.cli_none().into(),
                        },
                    ),
                    (lang.cli_label_roles(), role_words(lang, &p.roles.names())),
                    (
                        lang.cli_label_partner_university(),
                        p.pu_username
                            .map(|u| u.to_string())
                            .unwrap_or_else(|| lang.cli_pu_no_access().into()),
                    ),
                    (
                        lang.cli_label_mcid(),
                        match (p.mcid, p.linked_mpn_id) {
                            (Some(m), Some(o)) => {
                                lang.cli_mcid_linked_to(m.to_string(), o.to_string())
                            }
                            (Some(m), None) => lang.cli_mcid_not_linked(m.to_string()),
                            _ => lang.cli_none().into(),
                        },
                    ),
                    (
                        lang.cli_label_associations_used(),
                        lang.cli_associations_used(a.used, a.limit),
                    ),
                    (lang.cli_label_cool_off(), lang.cli_days(a.cool_off_days)),
                    (lang.cli_label_next_association(), next),
                ]);
                let mut links = Table::new(&[
                    lang.cli_col_organization(),
                    lang.cli_col_mcid(),
                    lang.cli_col_from(),
                    lang.cli_col_to(),
                    lang.cli_col_reason(),
                    lang.cli_col_association(),
                ]);
                for l in &p.links {
                    links.row(vec![
                        format!("{} ({})", l.org_name, l.mpn_id),
                        l.mcid.to_string(),
                        dates.date(l.from),
                        l.to.map(|d| dates.date(d))
                            .unwrap_or_else(|| lang.cli_now().into()),
                        l.reason.map(|r| end_reason(r, lang)).unwrap_or("").into(),
                        yes_no(lang, l.counts_as_association).into(),
                    ]);
                }
                let mut refusals = Table::new(&[
                    lang.cli_col_when(),
                    lang.cli_col_action(),
                    lang.cli_col_refused(),
                    lang.cli_col_rule(),
                ]);
                for r in &p.refusals {
                    refusals.row(vec![
                        dates.date_time(r.at),
                        r.action.clone(),
                        r.outcome.clone(),
                        r.rule.clone().unwrap_or_default(),
                    ]);
                }
                // Principle 6: a short list says where the whole one is.
                text.push_str(&format!(
                    "\n{}\n{}\n{}\n{}",
                    lang.cli_link_history(),
                    links.render(),
                    lang.cli_recent_refusals(
                        certlink_core::service::PERSON_REFUSALS,
                        p.email.to_string()
                    ),
                    refusals.render()
                ));
                ctx.print(&text);
            }
        }
        return Ok(());
    }
    let found = service
        .lookup_hits(&session, query)
        .map_err(with_dates(&service))?;
    // Principle 9: nobody found is "not found" (exit 1), never an empty table.
    if found.people.is_empty() {
        return Err(with_dates(&service)(ServiceError::Refused(
            certlink_domain::Refusal::NotFound {
                what: certlink_domain::Missing::Match {
                    query: query.to_string(),
                },
            },
        )));
    }
    let hits = found.people;
    match ctx.format() {
        Format::Json => ctx.print_json(&json!({ "people": hits, "more": found.more })),
        Format::Table | Format::Csv => {
            let mut t = Table::new(&[
                lang.cli_col_email(),
                lang.cli_col_name(),
                lang.cli_col_organization(),
                lang.cli_col_status(),
                lang.cli_col_mcid(),
                lang.cli_col_matched_by(),
            ]);
            for h in &hits {
                t.row(vec![
                    h.email.to_string(),
                    h.name.clone(),
                    match (&h.org_name, h.mpn_id) {
                        (Some(n), Some(m)) => format!("{n} ({m})"),
                        _ => lang.cli_org_support().into(),
                    },
                    status_word(lang, h.status).into(),
                    h.linked_mcid.map(|m| m.to_string()).unwrap_or_default(),
                    match h.matched_by {
                        "email" => lang.cli_matched_by_email(),
                        "name" => lang.cli_matched_by_name(),
                        other => other,
                    }
                    .into(),
                ]);
            }
            ctx.print(&t.render());
            if found.more {
                ctx.print(&format!("{}\n", lang.cli_more_people(hits.len())));
            }
        }
    }
    Ok(())
}

fn print_ticket(ctx: &Ctx, service: &Service, t: &TicketView) -> Result<(), Failure> {
    let dates = ctx.dates(service).map_err(plain)?;
    match ctx.format() {
        Format::Json => ctx.print_json(&serde_json::to_value(t).unwrap_or_default()),
        Format::Table | Format::Csv => {
            let lang = ctx.lang();
            let mut text = format!(
                "{}\n",
                lang.cli_ticket_head(
                    t.id.to_string(),
                    t.category.title(),
                    t.status.name(),
                    t.opened_by.to_string(),
                    dates.date_time(t.opened_at)
                )
            );
            for m in &t.messages {
                text.push_str(&format!(
                    "\n{}\n{}\n",
                    lang.cli_ticket_message_head(dates.date_time(m.at), m.author.to_string()),
                    m.text
                ));
            }
            ctx.print(&text);
        }
    }
    Ok(())
}

pub fn ticket(ctx: &Ctx, cmd: Ticket) -> Result<(), Failure> {
    let (service, session) = signed_in(ctx)?;
    let err = with_dates(&service);
    match cmd {
        Ticket::Open {
            category,
            description,
        } => {
            let category = match category {
                TicketCategoryArg::Linking => TicketCategory::Linking,
                TicketCategoryArg::Unlinking => TicketCategory::Unlinking,
                TicketCategoryArg::McidMerge => TicketCategory::McidMerge,
                TicketCategoryArg::Other => TicketCategory::Other,
            };
            let t = service
                .open_ticket(&session, category, &description)
                .map_err(&err)?;
            print_ticket(ctx, &service, &t)?;
        }
        Ticket::List { limit, after } => {
            let dates = ctx.dates(&service).map_err(plain)?;
            let after = after
                .map(|a| a.parse::<TicketCursor>())
                .transpose()
                .map_err(plain)?;
            // Principle 6: a page with where the next starts, never a silent cut.
            let page = service
                .ticket_list_page(&session, after, limit)
                .map_err(&err)?;
            let list = page.tickets;
            match ctx.format() {
                Format::Json => ctx.print_json(&json!({
                    "tickets": list,
                    "next_after": page.next_after,
                })),
                Format::Table | Format::Csv => {
                    let lang = ctx.lang();
                    let mut t = Table::new(&[
                        lang.cli_col_id(),
                        lang.cli_col_status(),
                        lang.cli_col_category(),
                        lang.cli_col_opened_by(),
                        lang.cli_col_age(),
                        lang.cli_col_last_change(),
                    ]);
                    for x in &list {
                        t.row(vec![
                            format!("#{}", x.id),
                            x.status.name().into(),
                            x.category.name().into(),
                            x.opened_by.to_string(),
                            lang.cli_days((dates.now - x.opened_at).num_days()),
                            dates.date_time(x.updated_at),
                        ]);
                    }
                    ctx.print(&t.render());
                    if let Some(next) = page.next_after {
                        ctx.print(&super::output::more_rows(lang, &format!("--after {next}")));
                    }
                }
            }
        }
        Ticket::Show { id } => {
            let t = service.ticket(&session, id).map_err(&err)?;
            print_ticket(ctx, &service, &t)?;
        }
        Ticket::Reply { id, message } => {
            let t = service.reply_ticket(&session, id, &message).map_err(&err)?;
            print_ticket(ctx, &service, &t)?;
        }
        Ticket::Resolve { id } => {
            let t = service.resolve_ticket(&session, id).map_err(&err)?;
            print_ticket(ctx, &service, &t)?;
        }
    }
    Ok(())
}

/// What the command line already confirmed for a merge (R15).
#[derive(Debug, Clone, Copy)]
pub struct MergeConfirmed {
    /// `--yes`: no preview, no question.
    pub yes: bool,
    /// `--different-people`: the warning that names or emails differ was read.
    pub different_people: bool,
}

/// The word typed on a terminal to merge profiles the preview flags as two people:
/// an answer the usual "y" or Enter cannot give by accident (issue 15, principle 8).
const DIFFERENT_PEOPLE_WORD: &str = "merge";

pub fn merge(ctx: &Ctx, from: &str, into: &str, confirmed: MergeConfirmed) -> Result<(), Failure> {
    let (service, session) = signed_in(ctx)?;
    let preview = service
        .merge_preview(&session, from, into)
        .map_err(with_dates(&service))?;
    let warning = preview.warning();
    let lang = ctx.lang();
    if confirmed.yes {
        if let Some(warning) = warning.filter(|_| !confirmed.different_people) {
            return Err(plain(CliError::Invalid(
                lang.cli_not_merged_warning(warning),
            )));
        }
    } else {
        let dates = ctx.dates(&service).map_err(plain)?;
        match ctx.format() {
            // One JSON value on the output (the result or the error): the preview
            // goes to the error stream.
            Format::Json => ctx.io.eprint(&format!(
                "{}\n",
                serde_json::to_string_pretty(&json!({ "preview": preview_json(&preview) }))
                    .unwrap_or_default()
            )),
            Format::Table | Format::Csv => ctx.io.eprint(&merge_preview_text(&preview, &dates)),
        }
        if !ctx.io.terminal_input() {
            let flags = if warning.is_some() {
                "--yes --different-people"
            } else {
                "--yes"
            };
            return Err(plain(CliError::Invalid(lang.cli_not_merged_confirm(flags))));
        }
        let asked_twice = warning.is_some() && !confirmed.different_people;
        let agreed = if asked_twice {
            ctx.io
                .eprint(&lang.cli_merge_type_word(DIFFERENT_PEOPLE_WORD));
            let answer = ctx.io.read_line().unwrap_or_default();
            answer.trim().eq_ignore_ascii_case(DIFFERENT_PEOPLE_WORD)
        } else {
            ctx.io
                .eprint(&lang.cli_confirm_question(lang.cli_merge_question()));
            let answer = ctx.io.read_line().unwrap_or_default();
            super::confirm::yes_answer(&answer)
        };
        if !agreed {
            return Err(plain(CliError::Invalid(lang.cli_not_merged().into())));
        }
    }
    service
        .merge_profiles(&session, from, into)
        .map_err(with_dates(&service))?;
    match ctx.format() {
        Format::Json => ctx.print_json(&json!({
            "ok": true,
            "from": preview.from,
            "into": preview.into,
            "preview": preview_json(&preview),
        })),
        Format::Table | Format::Csv => ctx.print(&format!(
            "{}\n",
            lang.cli_merged(preview.from.to_string(), preview.into.to_string())
        )),
    }
    Ok(())
}

/// The preview as scripts read it: every field, and whether it warns.
fn preview_json(preview: &MergePreview) -> serde_json::Value {
    let mut value = serde_json::to_value(preview).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("different_people".into(), preview.different_people().into());
        map.insert("warning".into(), preview.warning().into());
    }
    value
}

/// The merge preview in words (R15): both profiles, the warning when they look
/// like two people, what moves, which link survives and ends, and R9 after.
fn merge_preview_text(preview: &MergePreview, dates: &DateFormat) -> String {
    let lang = dates.lang;
    let link = |l: &Option<(certlink_domain::MpnId, String)>| {
        l.as_ref()
            .map(|(o, h)| lang.cli_merge_link_held(o.to_string(), h.as_str()))
            .unwrap_or_else(|| lang.cli_none().into())
    };
    let next = preview
        .allowance_after
        .next_allowed
        .map(|d| dates.moment_with_countdown(d))
        .unwrap_or_else(|| lang.cli_now().into());
    let mut rows = vec![(
        lang.cli_label_merge(),
        lang.cli_merge_what(
            preview.from.to_string(),
            preview.from_name.as_str(),
            preview.from_email.to_string(),
            preview.into.to_string(),
            preview.into_name.as_str(),
            preview.into_email.to_string(),
        ),
    )];
    if let Some(warning) = preview.warning() {
        rows.push((lang.cli_label_warning(), warning));
    }
    rows.extend([
        (
            lang.cli_label_moves(),
            merge::moves(
                preview.skills_moving,
                preview.links_moving,
                preview.starts_moving,
            ),
        ),
        (
            lang.cli_label_surviving_link(),
            link(&preview.surviving_link),
        ),
        (lang.cli_label_ending_link(), link(&preview.ending_link)),
        (
            lang.cli_label_after_merge(),
            lang.cli_merge_after(
                preview.allowance_after.used,
                preview.allowance_after.limit,
                next,
            ),
        ),
    ]);
    let text = pairs(&rows);
    match words::what_if(&preview.designations, lang, WhatIfWhen::Now) {
        Some(line) => format!("{text}{line}\n"),
        None => text,
    }
}

/// A link's end reason (the domain's `EndReason::name`, as the view keeps
/// it) in `lang`; a name this does not know is shown as it is.
fn end_reason(name: &'static str, lang: certlink_i18n::Lang) -> &'static str {
    use certlink_domain::EndReason;
    [
        EndReason::Moved,
        EndReason::AccountReplaced,
        EndReason::RemovedByUser,
        EndReason::RemovedByAdmin,
        EndReason::Merged,
    ]
    .into_iter()
    .find(|r| r.name() == name)
    .map_or(name, |r| r.label_in(lang))
}
