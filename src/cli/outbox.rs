//! `certlink outbox list|send`: the operator's view of the mail outbox (R13).
//! Local only, like every operator command: it needs the files, not a sign-in.
//! It never opens the database, so it works while `certlink serve` holds it.

use serde_json::json;

use super::args::{Format, OutboxCmd};
use super::{CliError, Ctx, Failure, Table, plain, print, print_json};
use certlink_core::StoreError;
use certlink_core::outbox::{Config, Outbox, QueuedMessage, SendReport, SmtpTransport, State};

pub(super) fn run(ctx: &Ctx, command: OutboxCmd) -> Result<(), Failure> {
    ctx.require_operator().map_err(plain)?;
    let outbox = Outbox::for_database(&ctx.db_path().map_err(plain)?);
    match command {
        OutboxCmd::List { pending } => list(ctx, &outbox, pending),
        OutboxCmd::Send => send(ctx, &outbox),
    }
    .map_err(plain)
}

fn list(ctx: &Ctx, outbox: &Outbox, pending_only: bool) -> Result<(), CliError> {
    let messages: Vec<QueuedMessage> = outbox
        .list()?
        .into_iter()
        .filter(|m| !pending_only || m.state == State::Pending)
        .collect();
    if ctx.format() == Format::Json {
        print_json(&json!({
            "outbox": outbox.root(),
            "messages": messages,
        }));
        return Ok(());
    }
    if messages.is_empty() {
        let what = if pending_only {
            "pending messages"
        } else {
            "messages"
        };
        print(&format!("No {what} in {}\n", outbox.root().display()));
        return Ok(());
    }
    let mut table = Table::new(&[
        "STATE",
        "QUEUED (UTC)",
        "TO",
        "SUBJECT",
        "ATTEMPTS",
        "LAST ERROR",
        "ID",
    ]);
    for m in &messages {
        table.row(vec![
            state_label(m.state).into(),
            m.queued_at.format("%Y-%m-%d %H:%M").to_string(),
            m.to.clone(),
            m.subject.clone(),
            m.attempts.to_string(),
            m.last_error.clone().unwrap_or_default(),
            m.id.to_string(),
        ]);
    }
    print(&format!(
        "Outbox {}\n\n{}",
        outbox.root().display(),
        table.render()
    ));
    Ok(())
}

fn state_label(state: State) -> &'static str {
    match state {
        State::Pending => "pending",
        State::Sent => "sent",
    }
}

fn send(ctx: &Ctx, outbox: &Outbox) -> Result<(), CliError> {
    let (config, config_path) = Config::load()?;
    let pending = outbox.pending()?.len();
    if pending == 0 {
        if ctx.format() == Format::Json {
            print_json(&json!({"report": report_json(&SendReport::default())}));
        } else {
            print(&format!("Nothing pending in {}\n", outbox.root().display()));
        }
        return Ok(());
    }
    let Some(smtp) = config.smtp else {
        let path = config_path
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "~/.config/certlink/config.toml".into());
        return Err(CliError::Invalid(format!(
            "no mail transport is configured: {pending} pending message(s) stay in the Maildir outbox {} \
             (each a file any mail client opens, e.g. `mutt -f {}`). To deliver them over SMTP, \
             add to {path} (or the file named by CERTLINK_CONFIG):\n\n\
             [smtp]\nhost = \"smtp.example.com\"\nport = 587\ntls = \"starttls\"   # none | starttls | tls\n\
             from = \"certlink@example.com\"\nusername = \"certlink\"\n\
             password_env = \"CERTLINK_SMTP_PASSWORD\"   # the variable holding the password\n\n\
             then run `certlink outbox send` again (see docs/outbox.md)",
            outbox.root().display(),
            outbox.root().display(),
        )));
    };
    let transport = SmtpTransport::from_config(&smtp)?;
    let report = outbox.send_pending(&transport)?;
    let destination = certlink_core::outbox::Transport::describe(&transport);
    let undelivered = report.failed.len() + report.not_attempted.len();
    if undelivered == 0 {
        if ctx.format() == Format::Json {
            print_json(&json!({"via": destination, "report": report_json(&report)}));
        } else {
            print(&format!(
                "Sent {} message(s) via {destination}; nothing is pending.\n",
                report.sent.len()
            ));
        }
        return Ok(());
    }
    // Some stay pending: say which and why, and exit 3 so a scheduled run is
    // noticed. (JSON output carries all of it in the error object.)
    let mut details = String::new();
    for (id, error) in &report.failed {
        details.push_str(&format!("\n  {id}: {error}"));
    }
    for id in &report.not_attempted {
        details.push_str(&format!("\n  {id}: not tried (server unreachable)"));
    }
    Err(CliError::from(StoreError::Io(std::io::Error::other(
        format!(
            "mail delivery via {destination}: sent {}, {undelivered} not delivered; they stay pending \
             and the next `certlink outbox send` retries them:{details}",
            report.sent.len()
        ),
    ))))
}

fn report_json(report: &SendReport) -> serde_json::Value {
    json!({
        "sent": report.sent,
        "failed": report
            .failed
            .iter()
            .map(|(id, error)| json!({"id": id, "error": error}))
            .collect::<Vec<_>>(),
        "not_attempted": report.not_attempted,
    })
}
