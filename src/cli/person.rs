//! Commands a signed-in person runs (`--as EMAIL`): their profile, links, PU
//! access and history, and a Global Admin's departures and roles.

use serde_json::json;

use super::args::{Format, Pu, RoleCmd, RoleName};
use super::confirm::confirm;
use super::{CliError, Ctx, Failure, Opened, Table, pairs, plain, secrets, with_dates};
use certlink_core::service::{HistoryTarget, LinkOutcome, ServiceError, Session};
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
    let dates = service.date_format().map_err(plain)?;
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
                (Some(name), Some(id)) => format!("{name} (MPN ID {id})"),
                _ => "none (support engineer)".into(),
            };
            let linked = match (view.linked_mpn_id, view.linked_since) {
                (Some(_), Some(since)) => format!(
                    "linked to {} since {}",
                    view.org_name.clone().unwrap_or_default(),
                    dates.date(since)
                ),
                _ => "not linked".into(),
            };
            let mcid = match (view.mcid, &view.profile_email) {
                (Some(m), Some(e)) => format!("{m} ({e}), {linked}"),
                (Some(m), None) => format!("{m}, {linked}"),
                _ => "none associated yet".into(),
            };
            let next = match (a.next_allowed, a.blocked_by) {
                (None, _) => "now".to_string(),
                (Some(d), Some(Block::Limit)) => {
                    format!("{}: yearly limit reached", dates.moment_with_countdown(d))
                }
                (Some(d), _) => format!("{}: inside the cool-off", dates.moment_with_countdown(d)),
            };
            let since = a
                .window_since
                .map(|d| format!(" since {}", dates.date(d)))
                .unwrap_or_default();
            ctx.print(&pairs(&[
                ("Account", format!("{} ({})", view.email, view.name)),
                ("Organization", org),
                ("Roles", view.roles.names().join(", ")),
                (
                    "Partner University",
                    view.pu_username
                        .map(|u| format!("access through {u}"))
                        .unwrap_or_else(|| "no access".into()),
                ),
                ("MCID", mcid),
                (
                    "Associations used",
                    format!("{} of {} in the last 365 days{since}", a.used, a.limit),
                ),
                (
                    "Cool-off",
                    format!("{} days between associations", a.cool_off_days),
                ),
                ("Next association", next),
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

pub fn link(ctx: &Ctx, profile_email: &str, password_stdin: bool) -> Result<(), Failure> {
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
            "Certification profile password",
            password_stdin,
        )
        .map_err(plain)?;
    let outcome = service
        .link(&session, profile_email, &password)
        .map_err(with_dates(&service))?;
    let message = match outcome {
        LinkOutcome::Linked => {
            "Linked: your certification profile now counts for your organization."
        }
        LinkOutcome::Moved => {
            "Linked: your profile moved to your organization; the previous organization's link ended (R6)."
        }
        LinkOutcome::TookOver => {
            "Linked: the link moved to this account from your earlier account here; no new association was used (R6)."
        }
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
    let dates = service.date_format().map_err(plain)?;
    let a = &outlook.allowance;
    let again = match a.next_allowed {
        None => "you can link a profile again now".to_string(),
        Some(d) => format!(
            "you can link a profile again from {} ({})",
            dates.moment_with_countdown(d),
            match a.blocked_by {
                Some(Block::Limit) => "yearly limit reached",
                _ => "inside the cool-off",
            }
        ),
    };
    let message = format!(
        "Access removed: your certification profile is no longer linked (R7). This did not use an association: {} of {} used in the last 365 days; {again} (R9).",
        a.used, a.limit
    );
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
                    "Partner University password",
                    password_stdin,
                )
                .map_err(plain)?;
            service
                .grant_pu(&session, &username, &password)
                .map_err(with_dates(&service))?;
            done(
                ctx,
                "Partner University access granted (R2). Assessments appear in the skills report after the reflection delay (R3).",
            );
        }
        Pu::Remove => {
            service.remove_pu(&session).map_err(with_dates(&service))?;
            done(ctx, "Partner University access removed (R2).");
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
                "pass --mcid N or --account EMAIL".into(),
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
    let dates = service.date_format().map_err(plain)?;
    match ctx.format() {
        Format::Json => ctx.print_json(&json!({"entries": rows, "next_after": page.next_after})),
        Format::Table | Format::Csv => {
            let mut t = Table::new(&[
                "WHEN",
                "WHO",
                "ACTION",
                "OUTCOME",
                "MCID",
                "ORGANIZATION",
                "DETAIL",
            ]);
            for r in rows {
                let org = match (&r.org, &r.other_org) {
                    (Some(o), Some(other)) => format!("{o} (from {other})"),
                    (Some(o), None) => o.clone(),
                    (None, _) => String::new(),
                };
                let outcome = match &r.rule {
                    Some(rule) => format!("refused: {} ({rule})", r.outcome),
                    None => r.outcome.clone(),
                };
                t.row(vec![
                    dates.date_time(r.at),
                    r.actor,
                    r.action,
                    outcome,
                    r.mcid.map(|m| m.to_string()).unwrap_or_default(),
                    org,
                    r.detail,
                ]);
            }
            ctx.print(&t.render());
            if let Some(next) = page.next_after {
                ctx.print(&super::output::more_rows(&format!("--after {next}")));
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
    let pu = if preview.pu_access {
        " Their Partner University access ends (R2)."
    } else {
        ""
    };
    let mcid = match preview.linked_mcid {
        Some(m) => format!(
            " MCID {m} stays linked, flagged in the skills report, until you remove it (certlink report remove --mcid {m})."
        ),
        None => String::new(),
    };
    confirm(
        ctx,
        yes,
        &format!(
            "Delete account {} ({}) (R12): the person can no longer sign in.{pu}{mcid}",
            preview.email, preview.name
        ),
        "Delete?",
        "not deleted",
    )
    .map_err(plain)?;
    service
        .delete_account(&session, email)
        .map_err(with_dates(&service))?;
    deleted(ctx, email)
}

fn deleted(ctx: &Ctx, email: &str) -> Result<(), Failure> {
    done(
        ctx,
        &format!(
            "Account {email} deleted (R12). A linked MCID stays in the skills report until you remove it: certlink report remove --mcid N."
        ),
    );
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
    let holder = match (&preview.holder_name, &preview.holder_email) {
        (Some(name), Some(email)) => format!(" ({name}, {email})"),
        _ => String::new(),
    };
    confirm(
        ctx,
        yes,
        &format!(
            "Remove MCID {mcid}{holder} from the skills report (R12): its link to your organization ends (reason: removed by admin). It costs the person no association (R9)."
        ),
        "Remove?",
        "not removed",
    )
    .map_err(plain)?;
    service
        .remove_from_report(&session, mcid)
        .map_err(with_dates(&service))?;
    removed(ctx, mcid)
}

fn removed(ctx: &Ctx, mcid: &str) -> Result<(), Failure> {
    done(
        ctx,
        &format!(
            "MCID {mcid} removed from the skills report; its link ended (R12). This costs the person no association."
        ),
    );
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
    done(
        ctx,
        &format!(
            "{} {} {email} (R17).",
            role.title(),
            if grant { "granted to" } else { "revoked from" }
        ),
    );
    Ok(())
}

pub fn change_password(ctx: &Ctx) -> Result<(), Failure> {
    let service = ctx.open().map_err(plain)?;
    let email = ctx
        .global
        .as_email
        .as_deref()
        .ok_or_else(|| plain(CliError::Invalid("pass --as EMAIL".into())))?;
    let current = secrets::read(
        secrets::ACCOUNT_PASSWORD,
        &format!("Current password for {email}"),
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
    let new = secrets::read_new(secrets::NEW_PASSWORD, "New password").map_err(plain)?;
    service
        .change_password(&session, &current, &new)
        .map_err(with_dates(&service))?;
    done(ctx, "Password changed.");
    Ok(())
}
