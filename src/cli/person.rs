//! Commands a signed-in person runs (`--as EMAIL`): their profile, links, PU
//! access and history, and a Global Admin's departures and roles.

use certlink_domain::designations::words::{self, WhatIfWhen};
use serde_json::json;

use super::args::{Format, Pu, RoleCmd, RoleName};
use super::confirm::confirm;
use super::{CliError, Ctx, Failure, Opened, Table, pairs, plain, secrets, with_dates};
use certlink_core::service::{HistoryTarget, LinkOutcome, LinkStep, ServiceError, Session};
use certlink_domain::association_limit::Block;
use certlink_domain::{Email, Mcid, Role};

/// Opens the database and signs in as `--as`.
fn signed_in(ctx: &Ctx) -> Result<(Opened, Session), Failure> {
    let service = ctx.service().map_err(plain)?;
    let session = ctx.sign_in(&service).map_err(with_dates(&service))?;
    Ok((service, session))
}

fn done(ctx: &Ctx, message: &str) {
    match ctx.format() {
        Format::Json => ctx.print_json(&json!({"ok": true, "message": message})),
        Format::Table | Format::Csv => ctx.print(&format!("{message}\n")),
    }
}

pub fn profile(ctx: &Ctx) -> Result<(), Failure> {
    let (service, session) = signed_in(ctx)?;
    let view = service.profile(&session).map_err(with_dates(&service))?;
    let dates = ctx.dates(&service).map_err(plain)?;
    let lang = ctx.lang();
    let a = &view.allowance;
    match ctx.format() {
        // Principle 9: everything the table shows, the reason included.
        Format::Json => ctx.print_json(&json!({
            "email": view.email,
            "name": view.name,
            "mpn_id": view.mpn_id.map(|m| m.get()),
            "org_name": view.org_name,
            "roles": view.roles.names(),
            "pu_username": view.pu_username,
            "mcid": view.mcid.map(|m| m.get()),
            "profile_email": view.profile_email,
            "linked_mpn_id": view.linked_mpn_id.map(|m| m.get()),
            "linked_since": view.linked_since.map(|d| d.to_rfc3339()),
            "associations_used": a.used,
            "association_limit": a.limit,
            "window_since": a.window_since.map(|d| d.to_rfc3339()),
            "cool_off_days": a.cool_off_days,
            "next_allowed_association": a.next_allowed.map(|d| d.to_rfc3339()),
            "next_association_blocked_by": a.blocked_by.map(block_name),
            "language": view.lang.map(|l| l.tag()),
        })),
        Format::Table | Format::Csv => {
            let org = match (&view.org_name, view.mpn_id) {
                (Some(name), Some(id)) => lang.cli_org_with_mpn(name, id.to_string()),
                _ => lang.cli_org_none_support().into(),
            };
            let linked = match (view.linked_mpn_id, view.linked_since) {
                (Some(_), Some(since)) => lang
                    .cli_linked_since(view.org_name.clone().unwrap_or_default(), dates.date(since)),
                _ => lang.cli_not_linked().into(),
            };
            let mcid = match (view.mcid, &view.profile_email) {
                (Some(m), Some(e)) => {
                    lang.cli_mcid_email_linked(m.to_string(), e.to_string(), linked)
                }
                (Some(m), None) => lang.cli_mcid_linked(m.to_string(), linked),
                _ => lang.cli_mcid_none_yet().into(),
            };
            let next = match (a.next_allowed, a.blocked_by) {
                (None, _) => lang.cli_now().to_string(),
                (Some(d), Some(Block::Limit)) => {
                    lang.cli_next_limit(dates.moment_with_countdown(d))
                }
                (Some(d), _) => lang.cli_next_cool_off(dates.moment_with_countdown(d)),
            };
            let used = match a.window_since {
                Some(d) => lang.cli_associations_used_since(a.used, a.limit, dates.date(d)),
                None => lang.cli_associations_used(a.used, a.limit),
            };
            ctx.print(&pairs(&[
                (
                    lang.cli_label_account(),
                    lang.cli_email_name(view.email.to_string(), view.name.as_str()),
                ),
                (lang.cli_label_organization(), org),
                (
                    lang.cli_label_roles(),
                    super::support::role_words(lang, &view.roles.names()),
                ),
                (
                    lang.cli_label_partner_university(),
                    view.pu_username
                        .map(|u| lang.cli_pu_access_through(u.to_string()))
                        .unwrap_or_else(|| lang.cli_pu_no_access().into()),
                ),
                (lang.cli_label_mcid(), mcid),
                (lang.cli_label_associations_used(), used),
                (
                    lang.cli_label_cool_off(),
                    lang.cli_cool_off_between(a.cool_off_days),
                ),
                (lang.cli_label_next_association(), next),
            ]));
        }
    }
    Ok(())
}

/// Why the next association waits, as JSON names it (R9).
fn block_name(block: Block) -> &'static str {
    match block {
        Block::Limit => "limit",
        Block::CoolOff => "cool_off",
    }
}

/// R4; a move (R6) says what it does and asks first, on a terminal, or
/// takes `--yes` (principle 9: it ends the other organization's link).
pub fn link(
    ctx: &Ctx,
    profile_email: &str,
    password_stdin: bool,
    yes: bool,
) -> Result<(), Failure> {
    let email: Email = profile_email
        .parse()
        .map_err(|e: certlink_domain::ParseIdError| plain(e))?;
    let (service, session) = signed_in(ctx)?;
    // Principle 1: when R9 holds this MCID back, say so and from when before
    // anyone types the profile password.
    let outlook = service
        .association_outlook(&session)
        .map_err(with_dates(&service))?;
    if let Some(refusal) = outlook.refuses(&email) {
        return Err(with_dates(&service)(ServiceError::Refused(refusal)));
    }
    let password = ctx
        .secret(
            secrets::PROFILE_PASSWORD,
            secrets::Prompt::CertificationProfilePassword,
            password_stdin,
        )
        .map_err(plain)?;
    let outcome = if yes {
        service.link(&session, profile_email, &password)
    } else {
        match service.link_asking_before_move(&session, profile_email, &password) {
            Ok(LinkStep::Done(outcome)) => Ok(outcome),
            Ok(LinkStep::ConfirmMove(preview)) => {
                let dates = ctx.dates(&service).map_err(plain)?;
                let lang = ctx.lang();
                let mcid = preview.mcid.to_string();
                confirm(
                    ctx,
                    false,
                    &preview.lines(&dates).join("\n"),
                    &lang.move_question(mcid.as_str()),
                    lang.move_declined(),
                )
                .map_err(plain)?;
                service.link(&session, profile_email, &password)
            }
            Err(e) => Err(e),
        }
    }
    .map_err(with_dates(&service))?;
    let lang = ctx.lang();
    let message = match outcome {
        LinkOutcome::Linked => lang.cli_linked(),
        LinkOutcome::Moved => lang.cli_linked_moved(),
        LinkOutcome::TookOver => lang.cli_linked_took_over(),
    };
    done(ctx, message);
    Ok(())
}

pub fn unlink(ctx: &Ctx) -> Result<(), Failure> {
    let (service, session) = signed_in(ctx)?;
    service.unlink(&session).map_err(with_dates(&service))?;
    // Principle 1: what it did to the allowance, and from when linking is
    // possible again (R9; an unlink uses no association).
    let outlook = service
        .association_outlook(&session)
        .map_err(with_dates(&service))?;
    let dates = ctx.dates(&service).map_err(plain)?;
    let lang = ctx.lang();
    let a = &outlook.allowance;
    let again = match a.next_allowed {
        None => lang.cli_unlink_again_now().to_string(),
        Some(d) => lang.cli_unlink_again_from(
            dates.moment_with_countdown(d),
            match a.blocked_by {
                Some(Block::Limit) => lang.cli_why_limit(),
                _ => lang.cli_why_cool_off(),
            },
        ),
    };
    let message = lang.cli_unlink_done(a.used, a.limit, again);
    match ctx.format() {
        Format::Json => ctx.print_json(&json!({
            "ok": true,
            "message": message,
            "mcid": outlook.mcid.map(|m| m.get()),
            "associations_used": a.used,
            "association_limit": a.limit,
            "next_allowed_association": a.next_allowed.map(|d| d.to_rfc3339()),
            "next_association_blocked_by": a.blocked_by.map(block_name),
        })),
        Format::Table | Format::Csv => ctx.print(&format!("{message}\n")),
    }
    Ok(())
}

pub fn pu(ctx: &Ctx, pu: Pu) -> Result<(), Failure> {
    let (service, session) = signed_in(ctx)?;
    match pu {
        Pu::Grant {
            username,
            password_stdin,
        } => {
            let password = ctx
                .secret(
                    secrets::PU_PASSWORD,
                    secrets::Prompt::PartnerUniversityPassword,
                    password_stdin,
                )
                .map_err(plain)?;
            service
                .grant_pu(&session, &username, &password)
                .map_err(with_dates(&service))?;
            done(ctx, ctx.lang().cli_pu_granted());
        }
        Pu::Remove => {
            service.remove_pu(&session).map_err(with_dates(&service))?;
            done(ctx, ctx.lang().cli_pu_removed());
        }
    }
    Ok(())
}

pub fn history(
    ctx: &Ctx,
    mcid: Option<String>,
    account: Option<String>,
    limit: usize,
    after: Option<u64>,
) -> Result<(), Failure> {
    let target = match (mcid, account) {
        (Some(m), _) => HistoryTarget::Mcid(m.parse::<Mcid>().map_err(plain)?),
        (None, Some(a)) => HistoryTarget::Account(a.parse::<Email>().map_err(plain)?),
        (None, None) => {
            return Err(plain(CliError::Invalid(
                ctx.lang().cli_history_pass_target().into(),
            )));
        }
    };
    let service = ctx.service().map_err(plain)?;
    // The operator (no --as) reads the whole trail through file access.
    let page = match ctx.as_person() {
        true => {
            let session = ctx.sign_in(&service).map_err(with_dates(&service))?;
            service
                .history_page(&session, &target, after, limit)
                .map_err(with_dates(&service))?
        }
        false => service
            .operator_history_page(&target, after, limit)
            .map_err(with_dates(&service))?,
    };
    let rows = page.entries;
    let dates = ctx.dates(&service).map_err(plain)?;
    let lang = ctx.lang();
    match ctx.format() {
        Format::Json => ctx.print_json(&json!({"entries": rows, "next_after": page.next_after})),
        Format::Table | Format::Csv => {
            let mut t = Table::new(&[
                lang.cli_col_when(),
                lang.cli_col_who(),
                lang.cli_col_action(),
                lang.cli_col_outcome(),
                lang.cli_col_mcid(),
                lang.cli_col_organization(),
                lang.cli_col_detail(),
            ]);
            for r in rows {
                let org = match (r.org_in(lang), r.other_org_in(lang)) {
                    (Some(o), Some(other)) => lang.cli_org_from_other(o, other),
                    (Some(o), None) => o.to_string(),
                    (None, _) => String::new(),
                };
                let outcome = match &r.rule {
                    Some(rule) => lang.cli_outcome_refused(r.outcome_in(lang), rule.as_str()),
                    None => r.outcome_in(lang).to_string(),
                };
                t.row(vec![
                    dates.date_time(r.at),
                    r.actor_in(lang).to_string(),
                    r.action.clone(),
                    outcome,
                    r.mcid.map(|m| m.to_string()).unwrap_or_default(),
                    org,
                    r.detail,
                ]);
            }
            ctx.print(&t.render());
            if let Some(next) = page.next_after {
                ctx.print(&super::output::more_rows(lang, &format!("--after {next}")));
            }
        }
    }
    Ok(())
}

pub fn delete_user(ctx: &Ctx, email: &str, yes: bool) -> Result<(), Failure> {
    let (service, session) = signed_in(ctx)?;
    // Principle 9: a destructive command confirms on a terminal, or takes
    // --yes; what it would refuse (not found, not permitted, the last Global
    // Admin) is said before anyone is asked.
    let preview = match service.delete_account_preview(&session, email) {
        Ok(preview) => preview,
        // The act meets the same refusal and audits it (R16): an attempt
        // refused is on the record, a preview is not.
        Err(_) => {
            service
                .delete_account(&session, email)
                .map_err(with_dates(&service))?;
            return deleted(ctx, email);
        }
    };
    let lang = ctx.lang();
    let pu = if preview.pu_access {
        lang.cli_delete_pu_ends()
    } else {
        ""
    };
    let mcid = match preview.linked_mcid {
        Some(m) => lang.cli_delete_mcid_stays(m.to_string()),
        None => String::new(),
    };
    let what = lang.cli_delete_what(preview.email.to_string(), preview.name.as_str(), pu, mcid);
    confirm(
        ctx,
        yes,
        &with_what_if(
            what,
            words::what_if(&preview.designations, lang, WhatIfWhen::OnceRemoved),
        ),
        lang.cli_delete_question(),
        lang.cli_not_deleted(),
    )
    .map_err(plain)?;
    service
        .delete_account(&session, email)
        .map_err(with_dates(&service))?;
    deleted(ctx, email)
}

/// What a confirmation says, with the designation scores it moves, if any.
fn with_what_if(what: String, line: Option<String>) -> String {
    match line {
        Some(line) => format!("{what}\n{line}"),
        None => what,
    }
}

fn deleted(ctx: &Ctx, email: &str) -> Result<(), Failure> {
    done(ctx, &ctx.lang().cli_account_deleted(email));
    Ok(())
}

pub fn remove_from_report(ctx: &Ctx, mcid: &str, yes: bool) -> Result<(), Failure> {
    let _: Mcid = mcid
        .parse()
        .map_err(|e: certlink_domain::ParseIdError| plain(e))?;
    let (service, session) = signed_in(ctx)?;
    let preview = match service.remove_from_report_preview(&session, mcid) {
        Ok(preview) => preview,
        // As for a deletion: the act audits the refusal it meets (R16).
        Err(_) => {
            service
                .remove_from_report(&session, mcid)
                .map_err(with_dates(&service))?;
            return removed(ctx, mcid);
        }
    };
    let lang = ctx.lang();
    let what = match (&preview.holder_name, &preview.holder_email) {
        (Some(name), Some(email)) => {
            lang.cli_remove_what_holder(mcid, name.as_str(), email.to_string())
        }
        _ => lang.cli_remove_what(mcid),
    };
    let what = with_what_if(
        what,
        words::what_if(&preview.designations, lang, WhatIfWhen::Now),
    );
    confirm(
        ctx,
        yes,
        &what,
        lang.cli_remove_question(),
        lang.cli_not_removed(),
    )
    .map_err(plain)?;
    service
        .remove_from_report(&session, mcid)
        .map_err(with_dates(&service))?;
    removed(ctx, mcid)
}

fn removed(ctx: &Ctx, mcid: &str) -> Result<(), Failure> {
    done(ctx, &ctx.lang().cli_mcid_removed(mcid));
    Ok(())
}

pub fn role(ctx: &Ctx, cmd: RoleCmd) -> Result<(), Failure> {
    let (service, session) = signed_in(ctx)?;
    let (email, role, grant) = match cmd {
        RoleCmd::Grant { email, role } => (email, role, true),
        RoleCmd::Revoke { email, role } => (email, role, false),
    };
    let role = match role {
        RoleName::PartnerAdmin => Role::PartnerAdmin,
        RoleName::GlobalAdmin => Role::GlobalAdmin,
    };
    service
        .set_role(&session, &email, role, grant)
        .map_err(with_dates(&service))?;
    let lang = ctx.lang();
    let message = if grant {
        lang.cli_role_granted(role_title(lang, role), email.as_str())
    } else {
        lang.cli_role_revoked(role_title(lang, role), email.as_str())
    };
    done(ctx, &message);
    Ok(())
}

/// A role's title in the reader's language (Partner Center's words).
fn role_title(lang: certlink_i18n::Lang, role: Role) -> &'static str {
    match role {
        Role::PartnerAdmin => lang.cli_role_partner_admin(),
        Role::GlobalAdmin => lang.cli_role_global_admin(),
    }
}

pub fn change_password(ctx: &Ctx) -> Result<(), Failure> {
    let service = ctx.open().map_err(plain)?;
    let email = ctx
        .global
        .as_email
        .as_deref()
        .ok_or_else(|| plain(CliError::Invalid(ctx.lang().cli_pass_as_email().into())))?;
    let current = secrets::read(
        secrets::ACCOUNT_PASSWORD,
        secrets::Prompt::CurrentPasswordFor(email),
        ctx.lang(),
    )
    .map_err(plain)?;
    // A temporary password signs in with `must_change_password` set; the change is
    // the one thing such a session may do (R13).
    let session = service
        .sign_in(
            email,
            &current,
            &certlink_core::service::SignInSource::Local,
        )
        .map_err(with_dates(&service))?;
    let session = ctx.speak_to(session);
    let new = secrets::read_new(
        secrets::NEW_PASSWORD,
        secrets::Prompt::NewPassword,
        ctx.lang(),
    )
    .map_err(plain)?;
    service
        .change_password(&session, &current, &new)
        .map_err(with_dates(&service))?;
    done(ctx, ctx.lang().cli_password_changed());
    Ok(())
}
