//! `ssh EMAIL@HOST COMMAND`: the CLI's command set, run as the signed-in person
//! on the server's shared service. Files are the client's, not the server's:
//! input comes on standard input, output goes to standard output, secrets come
//! with `--password-stdin`. What needs the server's files or another identity
//! (`--db`, `--as`, `--now`, `--out`, operator commands) is refused here, with
//! exit code 2 like any usage error; everything else is decided by the service.

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
    fn refuse(message: &str) -> Plan {
        Plan::Answer {
            code: 2,
            stdout: String::new(),
            stderr: format!("certlink: error: {message}\n"),
        }
    }
}

/// Parses the command line and refuses what may not run over SSH.
pub fn plan(line: &str) -> Plan {
    let args = match super::argv::split(line) {
        Ok(args) => args,
        Err(e) => return Plan::refuse(&format!("cannot read the command line: {e}")),
    };
    let cli = match Cli::try_parse_from(std::iter::once("certlink".to_string()).chain(args)) {
        Ok(cli) => cli,
        // Help and version go to stdout with exit 0; usage errors to stderr, 2.
        Err(e) => {
            let json = crate::cli::usage::json_of(&e).filter(|_| {
                crate::cli::usage::wants_json(&super::argv::split(line).unwrap_or_default())
            });
            if let Some(json) = json {
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
    if g.db.is_some() || g.as_email.is_some() || g.now.is_some() {
        return Plan::refuse(
            "--db, --as and --now are not accepted over ssh: you act as the person you signed in as, on the server's database",
        );
    }
    let Some(command) = cli.command else {
        return Plan::refuse(
            "give a command, e.g. `profile`; connect without one (ssh -t) for the terminal app",
        );
    };
    if let Some(message) = refusal(&command) {
        return Plan::refuse(message);
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
fn refusal(command: &Command) -> Option<&'static str> {
    match command {
        Command::Demo { .. }
        | Command::Init { .. }
        | Command::Admin(_)
        | Command::Outbox(_)
        | Command::Key(_)
        | Command::Serve { .. } => Some(
            "operator commands need file access on the server and are never reachable over ssh",
        ),
        Command::Report(Report::Skills { out: Some(_) } | Report::Users { out: Some(_) }) => Some(
            "--out would write a file on the server: redirect standard output instead, e.g. ssh ... report skills --format csv > skills.csv",
        ),
        Command::Import { file, .. } if file != "-" => Some(
            "files are yours, not the server's: send the file on standard input, e.g. ssh ... import - < records.jsonl",
        ),
        Command::Password(Password::Change) => Some(
            "`password change` needs a terminal to ask for the passwords: open the app instead (`ssh -t` to this server without a command) and set it there",
        ),
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
