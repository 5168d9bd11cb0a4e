//! Admins and support on the command line (R12–R17): accounts and invitations,
//! lookups, tickets and MCID merges.

use serde_json::json;

use super::args::{Format, RoleName, Ticket, TicketCategoryArg};
use super::{CliError, Ctx, Failure, Opened, Table, pairs, plain, with_dates};
use certlink_core::service::{
    Delivery, Invitation, MergePreview, Service, ServiceError, Session, TicketCursor, TicketView,
};
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
    let dates = service.date_format().map_err(plain)?;
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
            let mut t = Table::new(&["EMAIL", "NAME", "STATUS", "ROLES", "PU", "MCID", "WAITING"]);
            for r in &rows {
                let waiting = r
                    .invited_at
                    .map(|at| format!("{} days", (dates.now - at).num_days()))
                    .unwrap_or_default();
                t.row(vec![
                    r.email.to_string(),
                    r.name.clone(),
                    r.status.name().into(),
                    r.roles.join(", "),
                    if r.pu_access { "yes" } else { "no" }.into(),
                    r.linked_mcid.map(|m| m.to_string()).unwrap_or_default(),
                    waiting,
                ]);
            }
            ctx.print(&t.render());
        }
    }
    Ok(())
}

fn show_invitation(ctx: &Ctx, inv: &Invitation, what: &str) {
    let delivery = match &inv.delivery {
        Delivery::Queued => "queued in the outbox; `certlink outbox send` delivers it".into(),
        Delivery::NoOutbox => {
            "no outbox for this database: give the details to the person yourself".into()
        }
        Delivery::Failed(e) => {
            format!("NOT queued ({e}): give the details to the person yourself, or resend")
        }
    };
    match ctx.format() {
        Format::Json => ctx.print_json(&json!({
            "email": inv.email, "name": inv.name, "temporary_password": inv.temporary_password, "delivery": delivery
        })),
        Format::Table | Format::Csv => ctx.print(&format!(
            "{what} {} ({}).\nTemporary password (shown once): {}\nSign-in details: {delivery}.\nThe person must set a new password at first sign-in (R13).\n",
            inv.email, inv.name, inv.temporary_password
        )),
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
    show_invitation(ctx, &inv, "Invited");
    Ok(())
}

pub fn resend(ctx: &Ctx, email: &str, new_email: Option<&str>) -> Result<(), Failure> {
    let (service, session) = signed_in(ctx)?;
    let inv = service
        .resend_invitation(&session, email, new_email)
        .map_err(with_dates(&service))?;
    show_invitation(ctx, &inv, "New sign-in details for");
    Ok(())
}

pub fn lookup(ctx: &Ctx, query: &str, person: bool) -> Result<(), Failure> {
    let (service, session) = signed_in(ctx)?;
    let dates = service.date_format().map_err(plain)?;
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
                    .unwrap_or_else(|| "now".into());
                let mut text = pairs(&[
                    (
                        "Account",
                        format!("{} ({}), {}", p.email, p.name, p.status.name()),
                    ),
                    (
                        "Organization",
                        match (&p.org_name, p.mpn_id) {
                            (Some(n), Some(m)) => format!("{n} (MPN ID {m})"),
                            _ => "none".into(),
                        },
                    ),
                    ("Roles", p.roles.names().join(", ")),
                    (
                        "Partner University",
                        p.pu_username
                            .map(|u| u.to_string())
                            .unwrap_or_else(|| "no access".into()),
                    ),
                    (
                        "MCID",
                        match (p.mcid, p.linked_mpn_id) {
                            (Some(m), Some(o)) => format!("{m}, linked to {o}"),
                            (Some(m), None) => format!("{m}, not linked"),
                            _ => "none".into(),
                        },
                    ),
                    (
                        "Associations used",
                        format!("{} of {} in the last 365 days", a.used, a.limit),
                    ),
                    ("Cool-off", format!("{} days", a.cool_off_days)),
                    ("Next association", next),
                ]);
                let mut links = Table::new(&[
                    "ORGANIZATION",
                    "MCID",
                    "FROM",
                    "TO",
                    "REASON",
                    "ASSOCIATION",
                ]);
                for l in &p.links {
                    links.row(vec![
                        format!("{} ({})", l.org_name, l.mpn_id),
                        l.mcid.to_string(),
                        dates.date(l.from),
                        l.to.map(|d| dates.date(d)).unwrap_or_else(|| "now".into()),
                        l.reason.unwrap_or("").into(),
                        if l.counts_as_association { "yes" } else { "no" }.into(),
                    ]);
                }
                let mut refusals = Table::new(&["WHEN", "ACTION", "REFUSED", "RULE"]);
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
                    "\nLink history:\n{}\nRecent refused attempts (the newest {} at most; every entry: certlink history --account {}):\n{}",
                    links.render(),
                    certlink_core::service::PERSON_REFUSALS,
                    p.email,
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
                "EMAIL",
                "NAME",
                "ORGANIZATION",
                "STATUS",
                "MCID",
                "MATCHED BY",
            ]);
            for h in &hits {
                t.row(vec![
                    h.email.to_string(),
                    h.name.clone(),
                    match (&h.org_name, h.mpn_id) {
                        (Some(n), Some(m)) => format!("{n} ({m})"),
                        _ => "support".into(),
                    },
                    h.status.name().into(),
                    h.linked_mcid.map(|m| m.to_string()).unwrap_or_default(),
                    h.matched_by.into(),
                ]);
            }
            ctx.print(&t.render());
            if found.more {
                ctx.print(&format!(
                    "More people match than these {}: narrow the query (a longer name or email, or an MCID).\n",
                    hits.len()
                ));
            }
        }
    }
    Ok(())
}

fn print_ticket(ctx: &Ctx, service: &Service, t: &TicketView) -> Result<(), Failure> {
    let dates = service.date_format().map_err(plain)?;
    match ctx.format() {
        Format::Json => ctx.print_json(&serde_json::to_value(t).unwrap_or_default()),
        Format::Table | Format::Csv => {
            let mut text = format!(
                "Ticket #{} · {} · {} · opened by {} on {}\n",
                t.id,
                t.category.title(),
                t.status.name(),
                t.opened_by,
                dates.date_time(t.opened_at)
            );
            for m in &t.messages {
                text.push_str(&format!(
                    "\n{} {}:\n{}\n",
                    dates.date_time(m.at),
                    m.author,
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
            let dates = service.date_format().map_err(plain)?;
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
                    let mut t = Table::new(&[
                        "ID",
                        "STATUS",
                        "CATEGORY",
                        "OPENED BY",
                        "AGE",
                        "LAST CHANGE",
                    ]);
                    for x in &list {
                        t.row(vec![
                            format!("#{}", x.id),
                            x.status.name().into(),
                            x.category.name().into(),
                            x.opened_by.to_string(),
                            format!("{} days", (dates.now - x.opened_at).num_days()),
                            dates.date_time(x.updated_at),
                        ]);
                    }
                    ctx.print(&t.render());
                    if let Some(next) = page.next_after {
                        ctx.print(&super::output::more_rows(&format!("--after {next}")));
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
    if confirmed.yes {
        if let Some(warning) = warning.filter(|_| !confirmed.different_people) {
            return Err(plain(CliError::Invalid(format!(
                "not merged: {warning} If they are one person, pass --different-people with --yes."
            ))));
        }
    } else {
        let dates = service.date_format().map_err(plain)?;
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
            return Err(plain(CliError::Invalid(format!(
                "not merged: confirm on a terminal, or pass {flags}"
            ))));
        }
        let asked_twice = warning.is_some() && !confirmed.different_people;
        let agreed = if asked_twice {
            ctx.io.eprint(&format!(
                "Type {DIFFERENT_PEOPLE_WORD} to merge these two profiles anyway (anything else keeps them apart): "
            ));
            let answer = ctx.io.read_line().unwrap_or_default();
            answer.trim().eq_ignore_ascii_case(DIFFERENT_PEOPLE_WORD)
        } else {
            ctx.io.eprint("Merge? [y/N] ");
            let answer = ctx.io.read_line().unwrap_or_default();
            matches!(answer.trim(), "y" | "Y" | "yes")
        };
        if !agreed {
            return Err(plain(CliError::Invalid("not merged".into())));
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
            "MCID {} merged into MCID {} (R15).\n",
            preview.from, preview.into
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
    let link = |l: &Option<(certlink_domain::MpnId, String)>| {
        l.as_ref()
            .map(|(o, h)| format!("MPN ID {o}, held by {h}"))
            .unwrap_or_else(|| "none".into())
    };
    let next = preview
        .allowance_after
        .next_allowed
        .map(|d| dates.moment_with_countdown(d))
        .unwrap_or_else(|| "now".into());
    let mut rows = vec![(
        "Merge",
        format!(
            "MCID {} {} ({}) into MCID {} {} ({})",
            preview.from,
            preview.from_name,
            preview.from_email,
            preview.into,
            preview.into_name,
            preview.into_email
        ),
    )];
    if let Some(warning) = preview.warning() {
        rows.push(("Warning", warning));
    }
    rows.extend([
        (
            "Moves",
            merge::moves(
                preview.skills_moving,
                preview.links_moving,
                preview.starts_moving,
            ),
        ),
        ("Surviving link", link(&preview.surviving_link)),
        ("Ending link (merged)", link(&preview.ending_link)),
        (
            "After the merge",
            format!(
                "{} of {} associations used; next allowed {next}",
                preview.allowance_after.used, preview.allowance_after.limit
            ),
        ),
    ]);
    pairs(&rows)
}
