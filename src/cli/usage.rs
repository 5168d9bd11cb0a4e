//! clap's usage errors in the format asked for (principle 9): under
//! `--format json` a script gets `{"error": {"code": "usage", ...}}` on
//! standard output like every other error, with clap's exit code (2); help and
//! version stay text.

use serde_json::json;

/// True when the raw arguments ask for JSON (`--format json` or
/// `--format=json`): read before parsing, since parsing is what failed.
pub fn wants_json<S: AsRef<str>>(args: &[S]) -> bool {
    args.windows(2)
        .any(|w| w[0].as_ref() == "--format" && w[1].as_ref() == "json")
        || args.iter().any(|a| a.as_ref() == "--format=json")
}

/// The JSON of a usage error, or `None` for what is not an error (help,
/// version), which stays as clap prints it.
pub fn json_of(error: &clap::Error) -> Option<String> {
    if !error.use_stderr() {
        return None;
    }
    let text = error.render().to_string();
    let message = text
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_string();
    let value = json!({"error": {
        "code": "usage",
        "kind": snake_case(&format!("{:?}", error.kind())),
        "rule": null,
        "message": message,
        "next_allowed": null,
        "details": text.trim_end(),
    }});
    Some(format!(
        "{}\n",
        serde_json::to_string_pretty(&value).unwrap_or_default()
    ))
}

/// `UnknownArgument` → `unknown_argument`: a stable, language-neutral key.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_asked_for_either_way() {
        assert!(wants_json(&["certlink", "--format", "json", "x"]));
        assert!(wants_json(&["certlink", "--format=json"]));
        assert!(!wants_json(&["certlink", "--format", "table"]));
    }

    #[test]
    fn kinds_are_snake_case() {
        assert_eq!(snake_case("UnknownArgument"), "unknown_argument");
        assert_eq!(snake_case("InvalidValue"), "invalid_value");
    }
}
