//! `ssh EMAIL@HOST COMMAND`: the CLI's command set, run as the signed-in person
//! on the server's shared service. Files are the client's, not the server's:
//! input comes on standard input, output goes to standard output, secrets come
//! with `--password-stdin`. What needs the server's files or another identity
//! (`--db`, `--as`, `--now`, `--out`, operator commands) is refused here, with
//! exit code 2 like any usage error; everything else is decided by the service.

use certlink_i18n::Lang;
use clap::Parser;

use crate::cli::args::{Cli, Command, Global, Password, Pu, Report};

/// What an exec request turns into.
pub enum Plan {
    Run {
        command: Box<Command>,
        global: Global,
        /// Whether the command reads standard input (`reads_stdin` below).
        reads_stdin: bool,
    },
    /// Answered without running anything: help, version, usage errors, refusals.
    Answer {
        code: u8,
        stdout: String,
        stderr: String,
    },
}

impl Plan {
    /// A usage error (exit code 2): in plain words on standard error, or
    /// under `--format json` as JSON on standard output, with the same
    /// language-neutral `code` ("usage") and `kind` as in every language.
    fn refuse(kind: &str, message: &str, json: bool, lang: Lang) -> Plan {
        if json {
            let value = serde_json::json!({"error": {
                "code": "usage",
                "kind": kind,
                "rule": null,
                "message": message,
                "next_allowed": null,
            }});
            return Plan::Answer {
                code: 2,
                stdout: format!(
                    "{}\n",
                    serde_json::to_string_pretty(&value).unwrap_or_default()
                ),
                stderr: String::new(),
            };
        }
        Plan::Answer {
            code: 2,
            stdout: String::new(),
            stderr: format!("{}\n", lang.ssh_exec_error(message)),
        }
    }
}

/// Parses the command line and refuses what may not run over SSH (in English).
pub fn plan(line: &str) -> Plan {
    plan_in(line, Lang::En)
}

/// [`plan`], saying why in `lang` (the person's: their client's locale or
/// saved preference).
pub fn plan_in(line: &str, lang: Lang) -> Plan {
    let args = match super::argv::split(line) {
        Ok(args) => args,
        Err(e) => {
            let why = lang.ssh_exec_unreadable_line(e.say(lang));
            // No arguments to find `--format json` in: plain words.
            return Plan::refuse("unreadable_line", &why, false, lang);
        }
    };
    let json = crate::cli::usage::wants_json(&args);
    let cli = match Cli::try_parse_from(std::iter::once("certlink".to_string()).chain(args)) {
        Ok(cli) => cli,
        // Help and version go to stdout with exit 0; usage errors to stderr, 2.
        Err(e) => {
            if let Some(json) = crate::cli::usage::json_of(&e).filter(|_| json) {
                return Plan::Answer {
                    code: u8::try_from(e.exit_code()).unwrap_or(2),
                    stdout: json,
                    stderr: String::new(),
                };
            }
            let text = e.render().to_string();
            let code = u8::try_from(e.exit_code()).unwrap_or(2);
            return if e.use_stderr() {
                Plan::Answer {
                    code,
                    stdout: String::new(),
                    stderr: text,
                }
            } else {
                Plan::Answer {
                    code,
                    stdout: text,
                    stderr: String::new(),
                }
            };
        }
    };
    let g = &cli.global;
    // `--lang` on the command line beats the client's locale and preference.
    let lang = g.lang.unwrap_or(lang);
    if g.db.is_some() || g.as_email.is_some() || g.now.is_some() {
        return Plan::refuse("not_over_ssh", lang.ssh_exec_not_over_ssh(), json, lang);
    }
    let Some(command) = cli.command else {
        return Plan::refuse("no_command", lang.ssh_exec_no_command(), json, lang);
    };
    if let Some(message) = refusal(&command) {
        return Plan::refuse("not_over_ssh", message(lang), json, lang);
    }
    Plan::Run {
        reads_stdin: reads_stdin(&command),
        command: Box::new(command),
        global: cli.global,
    }
}

/// The commands that read standard input over SSH. Any other command's input
/// is discarded as it arrives (the client may pipe anything into `profile`: the
/// server keeps none of it); a command added here gets a bounded queue with
/// backpressure instead (docs/ssh.md "Limits"). A command that reads its input
/// but is missing here reads an empty one: `person_commands_run` lists them.
fn reads_stdin(command: &Command) -> bool {
    match command {
        Command::Import { file, .. } => file == "-",
        Command::Link { password_stdin, .. } | Command::Pu(Pu::Grant { password_stdin, .. }) => {
            *password_stdin
        }
        _ => false,
    }
}

/// Why a parsed command may not run over SSH, if it may not.
fn refusal(command: &Command) -> Option<fn(Lang) -> &'static str> {
    match command {
        Command::Demo { .. }
        | Command::Init { .. }
        | Command::Admin(_)
        | Command::Outbox(_)
        | Command::Key(_)
        | Command::Serve { .. } => Some(Lang::ssh_exec_operator),
        Command::Report(Report::Skills { out: Some(_) } | Report::Users { out: Some(_) }) => {
            Some(Lang::ssh_exec_out)
        }
        Command::Import { file, .. } if file != "-" => Some(Lang::ssh_exec_import_file),
        Command::Password(Password::Change) => Some(Lang::ssh_exec_password_change),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(line: &str) -> bool {
        matches!(plan(line), Plan::Answer { code: 2, .. })
    }

    #[test]
    fn what_needs_the_server_files_or_another_identity_is_refused() {
        for line in [
            "--db x profile",
            "profile --as a@b.c",
            "--now 2026-01-01T00:00:00Z profile",
            "demo",
            "init --org-name a --mpn-id 1234567 --admin-email a@b.c",
            "admin unlock a@b.c",
            "outbox list",
            "key list a@b.c",
            "serve",
            "report skills --out /tmp/x.csv",
            "import /etc/passwd",
            "password change",
            "",
            "nonsense",
            "'unterminated",
        ] {
            assert!(refused(line), "{line}");
        }
    }

    #[test]
    fn refusals_are_in_the_person_language_with_the_same_json_code() {
        let Plan::Answer { code, stderr, .. } = plan_in("demo", Lang::ZhCn) else {
            panic!("refused")
        };
        assert_eq!(code, 2);
        assert_eq!(
            stderr,
            format!(
                "{}\n",
                Lang::ZhCn.ssh_exec_error(Lang::ZhCn.ssh_exec_operator())
            )
        );
        let Plan::Answer { stderr, .. } = plan("demo") else {
            panic!("refused")
        };
        // English as it always was.
        assert_eq!(
            stderr,
            "certlink: error: operator commands need file access on the server and are never reachable over ssh\n"
        );
        let json = |lang| match plan_in("--format json --db x profile", lang) {
            Plan::Answer {
                code: 2, stdout, ..
            } => serde_json::from_str::<serde_json::Value>(&stdout).unwrap(),
            _ => panic!("refused as JSON"),
        };
        let (en, zh) = (json(Lang::En), json(Lang::ZhCn));
        assert_eq!(en["error"]["code"], "usage");
        assert_eq!(en["error"]["code"], zh["error"]["code"]);
        assert_eq!(en["error"]["kind"], zh["error"]["kind"]);
        assert_eq!(zh["error"]["message"], Lang::ZhCn.ssh_exec_not_over_ssh());
        let Plan::Answer { stderr, .. } = plan_in("'open", Lang::ZhCn) else {
            panic!("refused")
        };
        assert!(
            stderr.contains(Lang::ZhCn.ssh_argv_unterminated_single()),
            "{stderr}"
        );
    }

    #[test]
    fn person_commands_run() {
        for line in [
            "profile",
            "report skills --format csv",
            "import -",
            "link --mcid-email a@b.c --password-stdin",
            "ticket open --category other --description 'two words'",
        ] {
            assert!(matches!(plan(line), Plan::Run { .. }), "{line}");
        }
        assert!(matches!(plan("--help"), Plan::Answer { code: 0, .. }));
    }

    #[test]
    fn only_commands_that_read_standard_input_get_it() {
        let reads = |line: &str| match plan(line) {
            Plan::Run { reads_stdin, .. } => reads_stdin,
            Plan::Answer { .. } => panic!("{line} runs"),
        };
        for line in [
            "import -",
            "import - --input-format csv",
            "link --mcid-email a@b.c --password-stdin",
            "pu grant --username a.pu --password-stdin",
        ] {
            assert!(reads(line), "{line}");
        }
        for line in [
            "profile",
            "report skills --format csv",
            "unlink",
            "ticket list",
        ] {
            assert!(!reads(line), "{line}");
        }
    }
}
