//! Passwords for the CLI: from an environment variable, else a no-echo prompt.
//! Never echoed, logged or included in errors.

use super::CliError;

pub const ACCOUNT_PASSWORD: &str = "CERTLINK_PASSWORD";
pub const NEW_PASSWORD: &str = "CERTLINK_NEW_PASSWORD";
pub const PROFILE_PASSWORD: &str = "CERTLINK_MCID_PASSWORD";
pub const PU_PASSWORD: &str = "CERTLINK_PU_PASSWORD";

/// Reads a secret from `var`, else prompts on the terminal without echo.
pub fn read(var: &str, prompt: &str) -> Result<String, CliError> {
    if let Ok(v) = std::env::var(var) {
        return Ok(v);
    }
    rpassword::prompt_password(format!("{prompt}: ")).map_err(|_| {
        CliError::Invalid(format!(
            "no terminal to ask for the {} on: set {var}",
            prompt.to_lowercase()
        ))
    })
}

/// Reads a new secret twice (prompt) or once (environment) and checks they match.
pub fn read_new(var: &str, prompt: &str) -> Result<String, CliError> {
    if let Ok(v) = std::env::var(var) {
        return Ok(v);
    }
    let first = read(var, prompt)?;
    let again = rpassword::prompt_password(format!("{prompt} (again): ")).map_err(|_| {
        CliError::Invalid(format!("no terminal to ask for the password on: set {var}"))
    })?;
    if first != again {
        return Err(CliError::Invalid("the two passwords differ".into()));
    }
    Ok(first)
}
