//! The `certlink` binary: see `certlink --help`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = certlink::cli::parse();
    ExitCode::from(certlink::cli::run(cli))
}
