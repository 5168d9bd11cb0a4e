//! Passwords for the CLI: from an environment variable, else a no-echo prompt.
//! Never echoed, logged or included in errors.

use certlink_i18n::Lang;

use super::CliError;

pub const ACCOUNT_PASSWORD: &str = "CERTLINK_PASSWORD";
pub const NEW_PASSWORD: &str = "CERTLINK_NEW_PASSWORD";
pub const PROFILE_PASSWORD: &str = "CERTLINK_MCID_PASSWORD";
pub const PU_PASSWORD: &str = "CERTLINK_PU_PASSWORD";

/// What a prompt asks for, worded in the reader's language.
#[derive(Debug, Clone, Copy)]
pub enum Prompt<'a> {
    /// The password of a work account (sign-in, or a new account's).
    PasswordFor(&'a str),
    /// The current password of the account whose password changes.
    CurrentPasswordFor(&'a str),
    NewPassword,
    /// A certification profile's password (`link`).
    CertificationProfilePassword,
    /// A profile's password the operator registers.
    ProfilePassword,
    PartnerUniversityPassword,
}

impl Prompt<'_> {
    /// The prompt's own words, e.g. "Password for ada@contoso.com".
    pub fn text(self, lang: Lang) -> String {
        match self {
            Prompt::PasswordFor(email) => lang.cli_prompt_password_for(email),
            Prompt::CurrentPasswordFor(email) => lang.cli_prompt_current_password_for(email),
            Prompt::NewPassword => lang.cli_prompt_new_password().into(),
            Prompt::CertificationProfilePassword => {
                lang.cli_prompt_certification_profile_password().into()
            }
            Prompt::ProfilePassword => lang.cli_prompt_profile_password().into(),
            Prompt::PartnerUniversityPassword => lang.cli_prompt_pu_password().into(),
        }
    }

    /// What is asked for inside a sentence ("the password for …").
    pub fn name(self, lang: Lang) -> String {
        match lang {
            Lang::En => self.text(lang).to_lowercase(),
            _ => self.text(lang),
        }
    }
}

/// Reads a secret from `var`, else prompts on the terminal without echo.
pub fn read(var: &str, prompt: Prompt<'_>, lang: Lang) -> Result<String, CliError> {
    if let Ok(v) = std::env::var(var) {
        return Ok(v);
    }
    rpassword::prompt_password(lang.cli_prompt_line(prompt.text(lang)))
        .map_err(|_| CliError::Invalid(lang.cli_no_terminal_for_secret(prompt.name(lang), var)))
}

/// Reads a new secret twice (prompt) or once (environment) and checks they match.
pub fn read_new(var: &str, prompt: Prompt<'_>, lang: Lang) -> Result<String, CliError> {
    if let Ok(v) = std::env::var(var) {
        return Ok(v);
    }
    let first = read(var, prompt, lang)?;
    let again = rpassword::prompt_password(lang.cli_prompt_again_line(prompt.text(lang)))
        .map_err(|_| CliError::Invalid(lang.cli_no_terminal_for_password(var)))?;
    if first != again {
        return Err(CliError::Invalid(lang.cli_passwords_differ().into()));
    }
    Ok(first)
}
