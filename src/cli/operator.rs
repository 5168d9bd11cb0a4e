//! Operator commands: `demo`, `init` and `admin ...`. They act through access to
//! the database file, never as a signed-in person, and each is audited with actor
//! *operator* by the service.

use chrono::Utc;
use serde_json::json;

use super::args::{
    Admin, AdminCompetency, AdminOrg, AdminProfile, AdminPu, AdminSettings, AdminSupport, Format,
    KeyCmd, OrgDomain, SupportDomain,
};
use super::progress::Operation;
use super::{CliError, Ctx, Failure, Table, data_dir, plain, secrets, with_dates, wording};
use certlink_core::backup_dir::BackupDir;
use certlink_core::demo::{self, DemoSignIns};
use certlink_core::progress::Progress;
use certlink_core::service::{
    DomainListing, DomainRow, ScheduledBackups, Service, ServiceError, ShiftedClock,
    joined_domains, parse_domains,
};
use certlink_domain::Settings;

/// Where `certlink demo` keeps its sandbox unless `--db` says otherwise; never the
/// real default database.
pub fn demo_path(ctx: &Ctx) -> Result<std::path::PathBuf, CliError> {
    match &ctx.global.db {
        Some(p) => Ok(p.clone()),
        None => {
            let dir = data_dir()?;
            certlink_core::private_files::create_dir_all(&dir)
                .map_err(|e| CliError::Invalid(format!("cannot create {}: {e}", dir.display())))?;
            Ok(dir.join("demo.redb"))
        }
    }
}

pub fn demo(ctx: &Ctx, reset: bool, people: Option<usize>, seed: u64) -> Result<(), Failure> {
    ctx.require_operator().map_err(plain)?;
    let path = demo_path(ctx).map_err(plain)?;
    let shifted = ctx.now().map_err(plain)?;
    let now = shifted.unwrap_or_else(Utc::now);
    // Principle 7: an existing sandbox is reopened as it was; only --reset
    // replaces it, so a second `demo` never wipes what was done in the first.
    let reopened = match (reset, people) {
        (true, _) => None,
        (false, None) => {
            demo::reopen(&path, ctx.environment(&path).map_err(plain)?).map_err(plain)?
        }
        (false, Some(_)) if path.exists() => {
            return Err(plain(CliError::Invalid(format!(
                "a sandbox already exists at {}: `certlink demo` reopens it, `certlink demo --reset --people N` replaces it",
                path.display()
            ))));
        }
        (false, Some(_)) => None,
    };
    let was_reopened = reopened.is_some();
    if let Some((service, _)) = &reopened {
        ctx.watch_clock(service);
    }
    let (service, sign_ins) = match (reopened, people) {
        (Some(open), _) => open,
        (None, None) => demo::build(&path, now).map_err(plain)?,
        (None, Some(n)) => generate(ctx, &path, now, n, seed)?,
    };
    match ctx.format() {
        Format::Json => {
            let mut value = serde_json::to_value(&sign_ins).unwrap_or_default();
            if let Some(object) = value.as_object_mut() {
                object.insert("db".into(), json!(path));
                object.insert("reopened".into(), json!(was_reopened));
            }
            ctx.print_json(&value)
        }
        // In a terminal: the app, on the sign-in screen with the demo sign-ins.
        Format::Table if super::interactive() => {
            // `--now` keeps a new sandbox's clock running from that instant (a
            // reopened one got it from its environment).
            let service = match shifted {
                Some(at) if !was_reopened => {
                    service.with_clock(std::sync::Arc::new(ShiftedClock::starting_at(at)))
                }
                _ => service,
            };
            // Invitations made in the app go to the sandbox's outbox.
            let service = service.with_mail(super::mail_beside(&path));
            super::open_tui(ctx, service, Some(sign_ins))?;
            ctx.print(&format!(
                "Sandbox database at {path}. Open it again with: certlink demo (or certlink --db {path}); a fresh one: certlink demo --reset\n",
                path = path.display()
            ));
        }
        // Piped or redirected: print the sign-ins, as scripts expect.
        Format::Table | Format::Csv => ctx.print(&describe_demo(&path, &sign_ins, was_reopened)),
    }
    Ok(())
}

/// `demo --people N`: the scaled sandbox, with a progress bar on a terminal.
fn generate(
    ctx: &Ctx,
    path: &std::path::Path,
    now: chrono::DateTime<Utc>,
    people: usize,
    seed: u64,
) -> Result<(Service, DemoSignIns), Failure> {
    // Principle 12: a bar only on a terminal, never under JSON; its stages
    // are core's (generating, then compacting).
    let mut op = Operation::quiet(ctx, "demo --people");
    let started = std::time::Instant::now();
    let built = demo::build_population_with(path, now, people, seed, &mut op);
    op.clear();
    let (service, sign_ins, summary) = built.map_err(plain)?;
    ctx.io.eprint(&format!(
        "Generated {} people in {:.1} s: {} links ({} moves, {} unlinks), {} PU grants, {} learning records, {} support tickets ({} resolved).\n",
        summary.people,
        started.elapsed().as_secs_f64(),
        summary.links,
        summary.moves,
        summary.unlinks,
        summary.pu_grants,
        summary.skills,
        summary.tickets,
        summary.tickets_resolved
    ));
    Ok((service, sign_ins))
}

/// The demo sign-ins as text (sandbox only: these passwords are public).
pub fn describe_demo(path: &std::path::Path, s: &DemoSignIns, reopened: bool) -> String {
    let mut t = Table::new(&["EMAIL", "PASSWORD", "NAME", "MPN ID", "ROLES", "STATUS"]);
    for a in s.accounts.iter().filter(|a| a.status != "deleted") {
        t.row(vec![
            a.email.clone(),
            a.password.clone(),
            a.name.clone(),
            a.mpn_id.to_string(),
            a.roles.join(", "),
            a.status.into(),
        ]);
    }
    for a in &s.support {
        t.row(vec![
            a.email.clone(),
            a.password.clone(),
            "support engineer".into(),
            "-".into(),
            "support".into(),
            "active".into(),
        ]);
    }
    let mut p = Table::new(&["MCID", "PROFILE EMAIL", "PASSWORD", "LINKED TO"]);
    for x in &s.profiles {
        p.row(vec![
            x.mcid.to_string(),
            x.email.clone(),
            x.password.clone(),
            x.linked_mpn_id.map(|m| m.to_string()).unwrap_or_default(),
        ]);
    }
    let mut u = Table::new(&["PU USERNAME", "PASSWORD", "EMAIL"]);
    for x in &s.pu_accounts {
        u.row(vec![
            x.username.clone(),
            x.password.clone(),
            x.email.clone(),
        ]);
    }
    format!(
        "{} {}\n\nWork accounts and support engineers:\n{}\nCertification profiles:\n{}\nPartner University accounts:\n{}\nTry: CERTLINK_PASSWORD={} certlink --db {} --as alan@contoso.com profile\n",
        if reopened {
            "Sandbox database reopened as it was (a fresh one: certlink demo --reset) at"
        } else {
            "Sandbox database ready at"
        },
        path.display(),
        t.render(),
        p.render(),
        u.render(),
        demo::ACCOUNT_PASSWORD,
        path.display()
    )
}

pub fn init(
    ctx: &Ctx,
    org_name: &str,
    mpn_id: &str,
    admin_email: &str,
    domains: &[String],
) -> Result<(), Failure> {
    ctx.require_operator().map_err(plain)?;
    if ctx.global.now.is_some() {
        return Err(plain(CliError::Invalid(
            "--now is accepted only on sandbox databases".into(),
        )));
    }
    let path = ctx.db_path().map_err(plain)?;
    if path.exists() {
        return Err(plain(ServiceError::Store(
            certlink_core::StoreError::AlreadyExists(path),
        )));
    }
    // Validate before asking for a password.
    let _: certlink_domain::MpnId = mpn_id
        .parse()
        .map_err(|e: certlink_domain::ParseIdError| plain(e))?;
    let email: certlink_domain::Email = admin_email
        .parse()
        .map_err(|e: certlink_domain::ParseIdError| plain(e))?;
    let mut all = vec![email.domain().to_string()];
    all.extend(domains.iter().cloned());
    let all = parse_domains(&all).map_err(plain)?;
    let password = secrets::read_new(
        secrets::ACCOUNT_PASSWORD,
        &format!("Password for {admin_email}"),
    )
    .map_err(plain)?;
    Service::init(&path, org_name, mpn_id, admin_email, &password, domains).map_err(plain)?;
    match ctx.format() {
        Format::Json => ctx.print_json(
            &json!({"ok": true, "db": path, "mpn_id": mpn_id, "admin_email": admin_email, "domains": all}),
        ),
        Format::Table | Format::Csv => ctx.print(&format!(
            "Created {} with organization {org_name} (MPN ID {mpn_id}), its email domains {} (R13a), and Global Admin {admin_email}.\n",
            path.display(),
            joined_domains(&all)
        )),
    }
    Ok(())
}

fn ok(ctx: &Ctx, message: String) {
    match ctx.format() {
        Format::Json => ctx.print_json(&json!({"ok": true, "message": message})),
        Format::Table | Format::Csv => ctx.print(&format!("{message}\n")),
    }
}

pub fn admin(ctx: &Ctx, cmd: Admin) -> Result<(), Failure> {
    ctx.require_operator().map_err(plain)?;
    // A restore replaces the file: it must not be open, not even by us.
    if let Admin::Restore { from } = &cmd {
        return restore(ctx, from);
    }
    let mut service = ctx.open().map_err(plain)?;
    let svc = &service;
    let err = with_dates(svc);
    match cmd {
        Admin::Org(AdminOrg::Add {
            mpn_id,
            name,
            domains,
        }) => {
            let domains = svc
                .add_org_with_domains(&mpn_id, &name, &domains)
                .map_err(&err)?;
            let then = if domains.is_empty() {
                format!(
                    " It has no email domains yet: add one before inviting anyone (certlink admin org domain add --mpn-id {mpn_id} DOMAIN)."
                )
            } else {
                format!(" Its email domains: {}.", joined_domains(&domains))
            };
            ok(
                ctx,
                format!("Organization {name} (MPN ID {mpn_id}) added.{then}"),
            );
        }
        Admin::Org(AdminOrg::Domain(cmd)) => match cmd {
            OrgDomain::Add { mpn_id, domain } => {
                domain_change(ctx, svc, Some(&mpn_id), true, &domain)?
            }
            OrgDomain::Remove { mpn_id, domain } => {
                domain_change(ctx, svc, Some(&mpn_id), false, &domain)?
            }
            OrgDomain::List { mpn_id } => {
                let of = mpn_id
                    .as_deref()
                    .map_or(DomainListing::All, DomainListing::Org);
                print_domains(ctx, &svc.domain_list(of).map_err(&err)?)
            }
        },
        Admin::Support(AdminSupport::Domain(cmd)) => match cmd {
            SupportDomain::Add { domain } => domain_change(ctx, svc, None, true, &domain)?,
            SupportDomain::Remove { domain } => domain_change(ctx, svc, None, false, &domain)?,
            SupportDomain::List => {
                print_domains(ctx, &svc.domain_list(DomainListing::Support).map_err(&err)?)
            }
        },
        Admin::Support(AdminSupport::Add { email, name }) => {
            let _: certlink_domain::Email = email
                .parse()
                .map_err(|e: certlink_domain::ParseIdError| plain(e))?;
            let password =
                secrets::read_new(secrets::ACCOUNT_PASSWORD, &format!("Password for {email}"))
                    .map_err(plain)?;
            svc.add_support(&email, &name, &password).map_err(&err)?;
            ok(ctx, format!("Support engineer {email} added."));
        }
        Admin::Profile(AdminProfile::Add { mcid, email, name }) => {
            let _: certlink_domain::Mcid = mcid
                .parse()
                .map_err(|e: certlink_domain::ParseIdError| plain(e))?;
            let password =
                secrets::read_new(secrets::PROFILE_PASSWORD, "Profile password").map_err(plain)?;
            svc.add_profile(&mcid, &email, name.as_deref().unwrap_or(&email), &password)
                .map_err(&err)?;
            ok(
                ctx,
                format!("Certification profile {mcid} ({email}) registered."),
            );
        }
        Admin::Pu(AdminPu::Add { username, email }) => {
            let password = secrets::read_new(secrets::PU_PASSWORD, "Partner University password")
                .map_err(plain)?;
            svc.add_pu(&username, &email, &password).map_err(&err)?;
            ok(
                ctx,
                format!("Partner University account {username} registered."),
            );
        }
        Admin::Settings(AdminSettings::Show) => {
            print_settings(ctx, &svc.settings().map_err(&err)?, svc.is_sandbox())
        }
        Admin::Settings(AdminSettings::Set { key, value }) => {
            let settings = svc.set_setting(&key, &value).map_err(&err)?;
            print_settings(ctx, &settings, svc.is_sandbox());
        }
        Admin::Unlock { email } => {
            svc.unlock(&email).map_err(&err)?;
            ok(ctx, format!("Sign-in for {email} unlocked."));
        }
        Admin::ResetPassword { email } => {
            let temporary = svc.reset_password(&email).map_err(&err)?;
            match ctx.format() {
                Format::Json => {
                    ctx.print_json(&json!({"email": email, "temporary_password": temporary}))
                }
                Format::Table | Format::Csv => ctx.print(&format!(
                    "Temporary password for {email}: {temporary}\nIt is shown once; {email} must set a new password at sign-in (certlink password change).\n"
                )),
            }
        }
        Admin::Competency(AdminCompetency::Define { file }) => {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                plain(CliError::Invalid(format!(
                    "cannot read {}: {e}",
                    file.display()
                )))
            })?;
            let defined = svc.define_competencies(&text).map_err(&err)?;
            let names: Vec<&str> = defined.iter().map(|c| c.name.as_str()).collect();
            ok(
                ctx,
                format!(
                    "{} competencies defined: {}.",
                    defined.len(),
                    names.join(", ")
                ),
            );
        }
        Admin::Backup { to } => {
            let mut op = Operation::start(ctx, "admin backup");
            let summary = svc.backup_with(&to, &mut op).map_err(&err)?;
            op.finish(&format!(
                "{} records copied and verified",
                summary.total_rows()
            ));
            match ctx.format() {
                Format::Json => ctx.print_json(&serde_json::to_value(&summary).unwrap_or_default()),
                Format::Table | Format::Csv => ctx.print(&format!(
                    "Backup written to {} and verified: {} records, {} bytes, schema {}.\nRestore it with: certlink --db DB admin restore --from {}\n",
                    summary.path.display(),
                    summary.total_rows(),
                    summary.bytes,
                    summary.schema_version,
                    summary.path.display()
                )),
            }
        }
        // Handled above, before the database is opened.
        Admin::Restore { .. } => {}
        Admin::Check => {
            drop(err);
            // redb's own check first: on a damaged file the invariant scan may
            // meet pages redb cannot read, and "damaged" is the better answer.
            let mut op = Operation::start(ctx, "admin check");
            op.stage("redb integrity", None);
            let integrity = service.check_integrity().map_err(plain)?;
            let findings = service.check_all_with(&mut op).map_err(plain)?;
            op.finish(&match (integrity, findings.violations.len()) {
                (true, 0) => "the file is intact and every invariant holds".to_string(),
                (false, n) => format!("the file is damaged or was repaired, {n} violation(s)"),
                (true, n) => format!("{n} violation(s)"),
            });
            let problems = findings.violations;
            let warnings: Vec<String> = findings.warnings.iter().map(wording::warning).collect();
            let clean = problems.is_empty() && integrity;
            match ctx.format() {
                Format::Json => ctx.print_json(&json!({
                    "integrity_ok": integrity,
                    "invariant_violations": problems,
                    "warnings": warnings,
                })),
                Format::Table | Format::Csv => {
                    let mut text = format!(
                        "redb integrity: {}\n",
                        if integrity {
                            "ok"
                        } else {
                            "REPAIRED OR DAMAGED"
                        }
                    );
                    if problems.is_empty() {
                        text.push_str("invariants: all hold\n");
                    }
                    for p in &problems {
                        text.push_str(&format!("violation: {p}\n"));
                    }
                    for w in &warnings {
                        text.push_str(&format!("warning: {w}\n"));
                    }
                    ctx.print(&text);
                }
            }
            if !clean {
                return Err(plain(ServiceError::Store(
                    certlink_core::StoreError::Corrupt(format!(
                        "{} invariant violation(s)",
                        problems.len()
                    )),
                )));
            }
        }
    }
    Ok(())
}

/// `admin org domain add|remove` and `admin support domain add|remove`
/// (`mpn_id` `None`: the support domains).
fn domain_change(
    ctx: &Ctx,
    svc: &Service,
    mpn_id: Option<&str>,
    add: bool,
    domain: &str,
) -> Result<(), Failure> {
    let err = with_dates(svc);
    let domain = if add {
        svc.add_domain(mpn_id, domain)
    } else {
        svc.remove_domain(mpn_id, domain)
    }
    .map_err(&err)?;
    let owner = match mpn_id {
        Some(m) => format!("organization {m}"),
        None => "the support engineers".into(),
    };
    match ctx.format() {
        Format::Json => ctx.print_json(&json!({
            "ok": true,
            "mpn_id": mpn_id,
            "domain": domain,
            "added": add,
        })),
        Format::Table | Format::Csv => ctx.print(&format!(
            "Domain {domain} {} {owner}.\n",
            if add { "added to" } else { "removed from" }
        )),
    }
    Ok(())
}

fn print_domains(ctx: &Ctx, rows: &[DomainRow]) {
    match ctx.format() {
        Format::Json => ctx.print_json(&serde_json::to_value(rows).unwrap_or_default()),
        Format::Table | Format::Csv => {
            let mut t = Table::new(&["DOMAIN", "MPN ID", "OWNER"]);
            for r in rows {
                t.row(vec![
                    r.domain.to_string(),
                    r.mpn_id
                        .map(|m| m.to_string())
                        .unwrap_or_else(|| "-".into()),
                    r.owner.clone(),
                ]);
            }
            ctx.print(&t.render());
        }
    }
}

/// `certlink --db DB admin restore --from BACKUP`.
fn restore(ctx: &Ctx, from: &std::path::Path) -> Result<(), Failure> {
    if ctx.global.now.is_some() {
        return Err(plain(CliError::Invalid(
            "--now has no meaning for a restore: drop it".into(),
        )));
    }
    let db = ctx.db_path().map_err(plain)?;
    let mut op = Operation::start(ctx, "admin restore");
    let done = Service::restore_with(from, &db, ctx.environment(&db).map_err(plain)?, &mut op)
        .map_err(plain)?;
    op.finish(&format!(
        "{} records verified and restored",
        done.backup.total_rows()
    ));
    match ctx.format() {
        Format::Json => ctx.print_json(&serde_json::to_value(&done).unwrap_or_default()),
        Format::Table | Format::Csv => {
            let mut text = format!(
                "Restored {} from {} (verified: {} records, schema {}).\n",
                db.display(),
                from.display(),
                done.backup.total_rows(),
                done.backup.schema_version
            );
            if let Some(aside) = &done.replaced_kept_at {
                text.push_str(&format!(
                    "The replaced file is kept at {}; delete it when you no longer need it.\n",
                    aside.display()
                ));
            }
            ctx.print(&text);
        }
    }
    Ok(())
}

fn print_settings(ctx: &Ctx, settings: &Settings, sandbox: bool) {
    match ctx.format() {
        // Principle 9: the meanings the table shows, in JSON too.
        Format::Json => {
            let meanings: serde_json::Map<String, serde_json::Value> = Settings::KEYS
                .iter()
                .map(|(key, meaning)| (key.to_string(), json!(meaning)))
                .collect();
            ctx.print_json(&json!({"sandbox": sandbox, "settings": settings, "meanings": meanings}))
        }
        Format::Table | Format::Csv => {
            let mut t = Table::new(&["KEY", "VALUE", "MEANING"]);
            for ((key, value), (_, meaning)) in settings.entries().into_iter().zip(Settings::KEYS) {
                t.row(vec![key.into(), value, meaning.into()]);
            }
            ctx.print(&format!(
                "{}{}",
                if sandbox { "Sandbox database\n" } else { "" },
                t.render()
            ));
        }
    }
}

/// `certlink key …`: SSH public keys per person. Local only (the file is read
/// here); the service checks and audits each change with actor operator.
pub fn key(ctx: &Ctx, cmd: KeyCmd) -> Result<(), Failure> {
    ctx.require_operator().map_err(plain)?;
    let service = ctx.open().map_err(plain)?;
    let err = with_dates(&service);
    match cmd {
        KeyCmd::Add { email, file } => {
            // A public key is one short line; a bigger file is not one.
            let text = std::fs::metadata(&file)
                .and_then(|m| {
                    if m.len() > 8 * certlink_domain::limits::SSH_KEY_BYTES as u64 {
                        Err(std::io::Error::other("larger than a public key can be"))
                    } else {
                        std::fs::read_to_string(&file)
                    }
                })
                .map_err(|e| {
                    plain(CliError::Invalid(format!(
                        "cannot read {}: {e}",
                        file.display()
                    )))
                })?;
            let added = service.add_key(&email, &text).map_err(&err)?;
            match ctx.format() {
                Format::Json => ctx.print_json(&serde_json::to_value(&added).unwrap_or_default()),
                Format::Table | Format::Csv => ctx.print(&format!(
                    "Key {} ({}) registered for {email}.\n",
                    added.fingerprint, added.algorithm
                )),
            }
        }
        KeyCmd::List { email } => {
            let keys = service.keys_of(&email).map_err(&err)?;
            match ctx.format() {
                Format::Json => ctx.print_json(&serde_json::to_value(&keys).unwrap_or_default()),
                Format::Table | Format::Csv => {
                    let mut t = Table::new(&["FINGERPRINT", "ALGORITHM", "COMMENT"]);
                    for k in keys {
                        t.row(vec![k.fingerprint, k.algorithm, k.comment]);
                    }
                    ctx.print(&t.render());
                }
            }
        }
        KeyCmd::Remove { email, fingerprint } => {
            service.remove_key(&email, &fingerprint).map_err(&err)?;
            ok(ctx, format!("Key {fingerprint} of {email} removed."));
        }
    }
    Ok(())
}

/// `certlink serve`: the SSH front end on this database (docs/ssh.md).
pub fn serve(
    ctx: &Ctx,
    listen: String,
    host_key: Option<std::path::PathBuf>,
    idle_timeout: u64,
    backups: Option<crate::ssh::BackupSchedule>,
    limits: crate::ssh::ServeLimits,
) -> Result<(), Failure> {
    ctx.require_operator().map_err(plain)?;
    let db = ctx.db_path().map_err(plain)?;
    if let Some(b) = &backups
        && !b.dir.is_dir()
    {
        return Err(plain(CliError::Invalid(format!(
            "--backup-dir {} is not a directory: create it first",
            b.dir.display()
        ))));
    }
    // Opening first: a database in use fails here, before any key is written.
    let mut environment = ctx.environment(&db).map_err(plain)?;
    if let Some(b) = &backups {
        environment = environment.with_backups(ScheduledBackups {
            shelf: std::sync::Arc::new(BackupDir::new(b.dir.clone())),
            keep: b.keep,
        });
    }
    let service = Service::open(&db, environment).map_err(plain)?;
    let host_key = host_key.unwrap_or_else(|| {
        let mut name = db.file_name().unwrap_or_default().to_os_string();
        name.push(".host_ed25519_key");
        db.with_file_name(name)
    });
    let options = crate::ssh::ServeOptions {
        listen,
        host_key,
        idle_timeout: std::time::Duration::from_secs(idle_timeout),
        backups,
        limits,
        lang: ctx.lang(),
    };
    crate::ssh::serve(service, options).map_err(|e| plain(CliError::Invalid(e)))
}
