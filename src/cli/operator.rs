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
use super::secrets::Prompt;
use super::{CliError, Ctx, Failure, Table, data_dir_in, plain, secrets, with_dates, wording};
use certlink_core::backup_dir::BackupDir;
use certlink_core::demo::{self, DemoSignIns};
use certlink_core::progress::Progress;
use certlink_core::service::{
    DomainListing, DomainRow, ScheduledBackups, Service, ServiceError, ShiftedClock,
    joined_domains, parse_domains,
};
use certlink_domain::Settings;
use certlink_i18n::Lang;

/// Where `certlink demo` keeps its sandbox unless `--db` says otherwise; never the
/// real default database.
pub fn demo_path(ctx: &Ctx) -> Result<std::path::PathBuf, CliError> {
    match &ctx.global.db {
        Some(p) => Ok(p.clone()),
        None => {
            let dir = data_dir_in(ctx.lang())?;
            certlink_core::private_files::create_dir_all(&dir).map_err(|e| {
                CliError::Invalid(
                    ctx.lang()
                        .cli_cannot_create(dir.display().to_string(), e.to_string()),
                )
            })?;
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
            return Err(plain(CliError::Invalid(
                ctx.lang().cli_sandbox_exists(path.display().to_string()),
            )));
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
                "{}\n",
                ctx.lang().cli_sandbox_at(path.display().to_string())
            ));
        }
        // Piped or redirected: print the sign-ins, as scripts expect.
        Format::Table | Format::Csv => {
            ctx.print(&describe_demo(ctx.lang(), &path, &sign_ins, was_reopened))
        }
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
        "{}\n",
        ctx.lang().cli_demo_generated(
            summary.people,
            format!("{:.1}", started.elapsed().as_secs_f64()),
            ctx.lang().cli_demo_generated_links(
                summary.links,
                summary.moves,
                summary.unlinks,
                summary.pu_grants
            ),
            ctx.lang().cli_demo_generated_rest(
                summary.skills,
                summary.tickets,
                summary.tickets_resolved
            ),
        )
    ));
    if !summary.compacted() {
        ctx.io.eprint(&format!(
            "{}\n",
            ctx.lang()
                .cli_demo_left_uncompacted(format!("{:.1}", summary.file_bytes as f64 / 1e9))
        ));
    }
    Ok((service, sign_ins))
}

/// The demo sign-ins as text (sandbox only: these passwords are public).
pub fn describe_demo(
    lang: Lang,
    path: &std::path::Path,
    s: &DemoSignIns,
    reopened: bool,
) -> String {
    let mut t = Table::new(&[
        lang.cli_col_email(),
        lang.cli_col_password(),
        lang.cli_col_name(),
        lang.cli_col_mpn_id(),
        lang.cli_col_roles(),
        lang.cli_col_status(),
    ]);
    for a in s.accounts.iter().filter(|a| a.status != "deleted") {
        t.row(vec![
            a.email.clone(),
            a.password.clone(),
            a.name.clone(),
            a.mpn_id.to_string(),
            super::support::role_words(lang, &a.roles),
            match a.status {
                "active" => lang.cli_status_active(),
                "invited" => lang.cli_status_invited(),
                other => other,
            }
            .into(),
        ]);
    }
    for a in &s.support {
        t.row(vec![
            a.email.clone(),
            a.password.clone(),
            lang.cli_support_engineer().into(),
            "-".into(),
            super::support::role_words(lang, &["support"]),
            lang.cli_status_active().into(),
        ]);
    }
    let mut p = Table::new(&[
        lang.cli_col_mcid(),
        lang.cli_col_profile_email(),
        lang.cli_col_password(),
        lang.cli_col_linked_to(),
    ]);
    for x in &s.profiles {
        p.row(vec![
            x.mcid.to_string(),
            x.email.clone(),
            x.password.clone(),
            x.linked_mpn_id.map(|m| m.to_string()).unwrap_or_default(),
        ]);
    }
    let mut u = Table::new(&[
        lang.cli_col_pu_username(),
        lang.cli_col_password(),
        lang.cli_col_email(),
    ]);
    for x in &s.pu_accounts {
        u.row(vec![
            x.username.clone(),
            x.password.clone(),
            x.email.clone(),
        ]);
    }
    let shown = path.display().to_string();
    format!(
        "{}\n\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n",
        if reopened {
            lang.cli_sandbox_reopened_at(shown.as_str())
        } else {
            lang.cli_sandbox_ready_at(shown.as_str())
        },
        lang.cli_demo_accounts(),
        t.render(),
        lang.cli_demo_profiles(),
        p.render(),
        lang.cli_demo_pu_accounts(),
        u.render(),
        lang.cli_demo_try(demo::ACCOUNT_PASSWORD, shown.as_str())
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
            ctx.lang().cli_now_only_sandbox().into(),
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
        Prompt::PasswordFor(admin_email),
        ctx.lang(),
    )
    .map_err(plain)?;
    Service::init(&path, org_name, mpn_id, admin_email, &password, domains).map_err(plain)?;
    match ctx.format() {
        Format::Json => ctx.print_json(
            &json!({"ok": true, "db": path, "mpn_id": mpn_id, "admin_email": admin_email, "domains": all}),
        ),
        Format::Table | Format::Csv => ctx.print(&format!(
            "{}\n",
            ctx.lang().cli_initialized(
                path.display().to_string(),
                org_name,
                mpn_id,
                joined_domains(&all),
                admin_email
            )
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
    let lang = ctx.lang();
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
                lang.cli_org_no_domains_yet(mpn_id.as_str())
            } else {
                lang.cli_org_domains(joined_domains(&domains))
            };
            ok(
                ctx,
                lang.cli_org_added(name.as_str(), mpn_id.as_str(), then),
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
                secrets::read_new(secrets::ACCOUNT_PASSWORD, Prompt::PasswordFor(&email), lang)
                    .map_err(plain)?;
            svc.add_support(&email, &name, &password).map_err(&err)?;
            ok(ctx, lang.cli_support_added(email.as_str()));
        }
        Admin::Profile(AdminProfile::Add { mcid, email, name }) => {
            let _: certlink_domain::Mcid = mcid
                .parse()
                .map_err(|e: certlink_domain::ParseIdError| plain(e))?;
            let password =
                secrets::read_new(secrets::PROFILE_PASSWORD, Prompt::ProfilePassword, lang)
                    .map_err(plain)?;
            svc.add_profile(&mcid, &email, name.as_deref().unwrap_or(&email), &password)
                .map_err(&err)?;
            ok(
                ctx,
                lang.cli_profile_registered(mcid.as_str(), email.as_str()),
            );
        }
        Admin::Pu(AdminPu::Add { username, email }) => {
            let password = secrets::read_new(
                secrets::PU_PASSWORD,
                Prompt::PartnerUniversityPassword,
                lang,
            )
            .map_err(plain)?;
            svc.add_pu(&username, &email, &password).map_err(&err)?;
            ok(ctx, lang.cli_pu_registered(username.as_str()));
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
            ok(ctx, lang.cli_unlocked(email.as_str()));
        }
        Admin::ResetPassword { email } => {
            let temporary = svc.reset_password(&email).map_err(&err)?;
            match ctx.format() {
                Format::Json => {
                    ctx.print_json(&json!({"email": email, "temporary_password": temporary}))
                }
                Format::Table | Format::Csv => ctx.print(&format!(
                    "{}\n",
                    lang.cli_temporary_password(email.as_str(), temporary.as_str())
                )),
            }
        }
        Admin::Competency(AdminCompetency::Define { file }) => {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                plain(CliError::Invalid(
                    lang.cli_cannot_read(file.display().to_string(), e.to_string()),
                ))
            })?;
            let defined = svc.define_competencies(&text).map_err(&err)?;
            let names: Vec<&str> = defined.iter().map(|c| c.name.as_str()).collect();
            ok(
                ctx,
                lang.cli_competencies_defined(defined.len(), names.join(", ")),
            );
        }
        Admin::Designation(command) => super::designations::admin(ctx, svc, command)?,
        Admin::Backup { to } => {
            let mut op = Operation::start(ctx, "admin backup");
            let summary = svc.backup_with(&to, &mut op).map_err(&err)?;
            op.finish(&lang.cli_backup_summary(summary.total_rows()));
            match ctx.format() {
                Format::Json => ctx.print_json(&serde_json::to_value(&summary).unwrap_or_default()),
                Format::Table | Format::Csv => ctx.print(&format!(
                    "{}\n",
                    lang.cli_backup_written(
                        summary.path.display().to_string(),
                        summary.total_rows(),
                        summary.bytes,
                        summary.schema_version,
                    )
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
            op.stage(lang.cli_stage_redb_integrity(), None);
            let integrity = service.check_integrity().map_err(plain)?;
            let findings = service.check_all_with(&mut op).map_err(plain)?;
            op.finish(&match (integrity, findings.violations.len()) {
                (true, 0) => lang.cli_check_clean().to_string(),
                (false, n) => lang.cli_check_damaged(n),
                (true, n) => lang.cli_check_violations(n),
            });
            let problems = findings.violations;
            let warnings: Vec<String> = findings
                .warnings
                .iter()
                .map(|w| wording::warning(w, lang))
                .collect();
            let clean = problems.is_empty() && integrity;
            match ctx.format() {
                Format::Json => ctx.print_json(&json!({
                    "integrity_ok": integrity,
                    "invariant_violations": problems,
                    "warnings": warnings,
                })),
                Format::Table | Format::Csv => {
                    let mut text = format!(
                        "{}\n",
                        if integrity {
                            lang.cli_check_integrity_ok()
                        } else {
                            lang.cli_check_integrity_damaged()
                        }
                    );
                    if problems.is_empty() {
                        text.push_str(&format!("{}\n", lang.cli_check_invariants_hold()));
                    }
                    for p in &problems {
                        text.push_str(&format!("{}\n", lang.cli_check_violation(p.to_string())));
                    }
                    for w in &warnings {
                        text.push_str(&format!("{}\n", lang.cli_check_warning(w.as_str())));
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
    let lang = ctx.lang();
    match ctx.format() {
        Format::Json => ctx.print_json(&json!({
            "ok": true,
            "mpn_id": mpn_id,
            "domain": domain,
            "added": add,
        })),
        Format::Table | Format::Csv => {
            let domain = domain.to_string();
            let said = match (mpn_id, add) {
                (Some(m), true) => lang.cli_domain_added_org(domain, m),
                (Some(m), false) => lang.cli_domain_removed_org(domain, m),
                (None, true) => lang.cli_domain_added_support(domain),
                (None, false) => lang.cli_domain_removed_support(domain),
            };
            ctx.print(&format!("{said}\n"))
        }
    }
    Ok(())
}

fn print_domains(ctx: &Ctx, rows: &[DomainRow]) {
    match ctx.format() {
        Format::Json => ctx.print_json(&serde_json::to_value(rows).unwrap_or_default()),
        Format::Table | Format::Csv => {
            let lang = ctx.lang();
            let mut t = Table::new(&[
                lang.cli_col_domain(),
                lang.cli_col_mpn_id(),
                lang.cli_col_owner(),
            ]);
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
            ctx.lang().cli_now_not_for_restore().into(),
        )));
    }
    let lang = ctx.lang();
    let db = ctx.db_path().map_err(plain)?;
    let mut op = Operation::start(ctx, "admin restore");
    let done = Service::restore_with(from, &db, ctx.environment(&db).map_err(plain)?, &mut op)
        .map_err(plain)?;
    op.finish(&lang.cli_restore_summary(done.backup.total_rows()));
    match ctx.format() {
        Format::Json => ctx.print_json(&serde_json::to_value(&done).unwrap_or_default()),
        Format::Table | Format::Csv => {
            let mut text = format!(
                "{}\n",
                lang.cli_restored(
                    db.display().to_string(),
                    from.display().to_string(),
                    done.backup.total_rows(),
                    done.backup.schema_version,
                )
            );
            if let Some(aside) = &done.replaced_kept_at {
                text.push_str(&format!(
                    "{}\n",
                    lang.cli_replaced_kept_at(aside.display().to_string())
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
            // The keys stay; what they mean is said in the reader's language.
            let meanings: serde_json::Map<String, serde_json::Value> = Settings::KEYS
                .iter()
                .zip(Settings::meanings(ctx.lang()))
                .map(|((key, _), meaning)| (key.to_string(), json!(meaning)))
                .collect();
            ctx.print_json(&json!({"sandbox": sandbox, "settings": settings, "meanings": meanings}))
        }
        Format::Table | Format::Csv => {
            let lang = ctx.lang();
            let mut t = Table::new(&[
                lang.cli_col_key(),
                lang.cli_col_value(),
                lang.cli_col_meaning(),
            ]);
            for ((key, value), meaning) in
                settings.entries().into_iter().zip(Settings::meanings(lang))
            {
                t.row(vec![key.into(), value, meaning.into()]);
            }
            let head = if sandbox {
                format!("{}\n", lang.cli_sandbox_database())
            } else {
                String::new()
            };
            ctx.print(&format!("{head}{}", t.render()));
        }
    }
}

/// `certlink key …`: SSH public keys per person. Local only (the file is read
/// here); the service checks and audits each change with actor operator.
pub fn key(ctx: &Ctx, cmd: KeyCmd) -> Result<(), Failure> {
    ctx.require_operator().map_err(plain)?;
    let service = ctx.open().map_err(plain)?;
    let err = with_dates(&service);
    let lang = ctx.lang();
    match cmd {
        KeyCmd::Add { email, file } => {
            // A public key is one short line; a bigger file is not one.
            let text = std::fs::metadata(&file)
                .and_then(|m| {
                    if m.len() > 8 * certlink_domain::limits::SSH_KEY_BYTES as u64 {
                        Err(std::io::Error::other(lang.cli_key_file_too_large()))
                    } else {
                        std::fs::read_to_string(&file)
                    }
                })
                .map_err(|e| {
                    plain(CliError::Invalid(
                        lang.cli_cannot_read(file.display().to_string(), e.to_string()),
                    ))
                })?;
            let added = service.add_key(&email, &text).map_err(&err)?;
            match ctx.format() {
                Format::Json => ctx.print_json(&serde_json::to_value(&added).unwrap_or_default()),
                Format::Table | Format::Csv => ctx.print(&format!(
                    "{}\n",
                    lang.cli_key_registered(
                        added.fingerprint.as_str(),
                        added.algorithm.as_str(),
                        email.as_str()
                    )
                )),
            }
        }
        KeyCmd::List { email } => {
            let keys = service.keys_of(&email).map_err(&err)?;
            match ctx.format() {
                Format::Json => ctx.print_json(&serde_json::to_value(&keys).unwrap_or_default()),
                Format::Table | Format::Csv => {
                    let mut t = Table::new(&[
                        lang.cli_col_fingerprint(),
                        lang.cli_col_algorithm(),
                        lang.cli_col_comment(),
                    ]);
                    for k in keys {
                        t.row(vec![k.fingerprint, k.algorithm, k.comment]);
                    }
                    ctx.print(&t.render());
                }
            }
        }
        KeyCmd::Remove { email, fingerprint } => {
            service.remove_key(&email, &fingerprint).map_err(&err)?;
            ok(
                ctx,
                lang.cli_key_removed(fingerprint.as_str(), email.as_str()),
            );
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
        return Err(plain(CliError::Invalid(
            ctx.lang()
                .cli_backup_dir_missing(b.dir.display().to_string()),
        )));
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
