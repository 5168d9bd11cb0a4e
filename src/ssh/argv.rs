//! Splits an exec request's command line into arguments. OpenSSH sends the
//! words after the host joined by spaces and leaves quoting to the remote
//! shell; there is no shell here, so this does the part of POSIX shell quoting
//! scripts rely on: whitespace, '…', "…" and backslash. Nothing is expanded.

/// Why a line cannot be split into arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    UnterminatedSingle,
    UnterminatedDouble,
    TrailingBackslash,
}

impl SplitError {
    /// In the person's language.
    pub fn say(self, lang: certlink_i18n::Lang) -> &'static str {
        match self {
            SplitError::UnterminatedSingle => lang.ssh_argv_unterminated_single(),
            SplitError::UnterminatedDouble => lang.ssh_argv_unterminated_double(),
            SplitError::TrailingBackslash => lang.ssh_argv_trailing_backslash(),
        }
    }
}

impl std::fmt::Display for SplitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.say(certlink_i18n::Lang::En))
    }
}

/// The arguments, or why the line cannot be split.
pub fn split(line: &str) -> Result<Vec<String>, SplitError> {
    let mut args = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    args.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err(SplitError::UnterminatedSingle),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err(SplitError::UnterminatedDouble),
                        },
                        Some(c) => word.push(c),
                        None => return Err(SplitError::UnterminatedDouble),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some(c) => word.push(c),
                    None => return Err(SplitError::TrailingBackslash),
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        args.push(word);
    }
    Ok(args)
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn words_and_quotes() {
        assert_eq!(
            split(r#"ticket open --description 'it broke' --category "other"  x\ y ''"#).unwrap(),
            vec![
                "ticket",
                "open",
                "--description",
                "it broke",
                "--category",
                "other",
                "x y",
                ""
            ]
        );
        assert_eq!(split(r#""a\"b\n""#).unwrap(), vec![r#"a"b\n"#]);
        assert!(split("'open").is_err());
        assert!(split("x\\").is_err());
        assert!(split("   ").unwrap().is_empty());
    }
}
