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
        .list()
        .map_err(|e| CliError::outbox(e, ctx.lang()))?
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
    let lang = ctx.lang();
    let root = outbox.root().display().to_string();
    if messages.is_empty() {
        let said = if pending_only {
            lang.cli_outbox_no_pending(root)
        } else {
            lang.cli_outbox_no_messages(root)
        };
        print(&format!("{said}\n"));
        return Ok(());
    }
    let mut table = Table::new(&[
        lang.cli_col_state(),
        lang.cli_col_queued_utc(),
        lang.cli_col_to_address(),
        lang.cli_col_subject(),
        lang.cli_col_attempts(),
        lang.cli_col_last_error(),
        lang.cli_col_id(),
    ]);
    for m in &messages {
        table.row(vec![
            state_label(lang, m.state).into(),
            m.queued_at.format("%Y-%m-%d %H:%M").to_string(),
            m.to.clone(),
            m.subject.clone(),
            m.attempts.to_string(),
            m.last_error.clone().unwrap_or_default(),
            m.id.to_string(),
        ]);
    }
    print(&format!(
        "{}\n\n{}",
        lang.cli_outbox_head(root),
        table.render()
    ));
    Ok(())
}

fn state_label(lang: certlink_i18n::Lang, state: State) -> &'static str {
    match state {
        State::Pending => lang.cli_outbox_pending(),
        State::Sent => lang.cli_outbox_sent(),
    }
}

fn send(ctx: &Ctx, outbox: &Outbox) -> Result<(), CliError> {
    let lang = ctx.lang();
    let said = |e| CliError::outbox(e, lang);
    let (config, config_path) = Config::load().map_err(said)?;
    let pending = outbox.pending().map_err(said)?.len();
    if pending == 0 {
        if ctx.format() == Format::Json {
            print_json(&json!({"report": report_json(&SendReport::default())}));
        } else {
            print(&format!(
                "{}\n",
                lang.cli_outbox_nothing_pending(outbox.root().display().to_string())
            ));
        }
        return Ok(());
    }
    let Some(smtp) = config.smtp else {
        let path = config_path
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "~/.config/certlink/config.toml".into());
        // The TOML is configuration, the same in every language; the words
        // around it and its comments are the reader's.
        let root = outbox.root().display().to_string();
        return Err(CliError::Invalid(format!(
            "{}\n\n\
             [smtp]\nhost = \"smtp.example.com\"\nport = 587\ntls = \"starttls\"   # none | starttls | tls\n\
             from = \"certlink@example.com\"\nusername = \"certlink\"\n\
             password_env = \"CERTLINK_SMTP_PASSWORD\"   # {}\n\n\
             {}",
            lang.cli_outbox_no_transport(pending, root.as_str(), path),
            lang.cli_outbox_password_env_comment(),
            lang.cli_outbox_no_transport_then(),
        )));
    };
    let transport = SmtpTransport::from_config(&smtp).map_err(said)?;
    let report = outbox.send_pending(&transport).map_err(said)?;
    let destination = certlink_core::outbox::Transport::describe(&transport);
    let undelivered = report.failed.len() + report.not_attempted.len();
    if undelivered == 0 {
        if ctx.format() == Format::Json {
            print_json(&json!({"via": destination, "report": report_json(&report)}));
        } else {
            print(&format!(
                "{}\n",
                lang.cli_outbox_sent_all(report.sent.len(), destination.as_str())
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
        details.push_str(&format!(
            "\n  {}",
            lang.cli_outbox_not_tried(id.to_string())
        ));
    }
    Err(CliError::from(StoreError::Io(std::io::Error::other(
        format!(
            "{}{details}",
            lang.cli_outbox_undelivered(destination.as_str(), report.sent.len(), undelivered)
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
