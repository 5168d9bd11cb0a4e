//! The parity check of the two catalogs, shared by `build.rs` (a catalog
//! that fails it does not compile) and the crate's tests (which feed it
//! broken catalogs to show it refuses them).

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{
    CallArguments, Entry, Expression, InlineExpression, Pattern, PatternElement,
};

/// One message of a catalog file: its id and the variables it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    /// In the order the English text first reads them: the order of the
    /// generated method's parameters.
    pub vars: Vec<String>,
    /// The English text, for the generated method's documentation.
    pub text: String,
}

/// The messages of one file, in file order; a parse error or an attribute
/// (the generated API has no way to ask for one) is an error.
pub fn messages(file: &str, source: &str) -> Result<Vec<Message>, String> {
    let resource = fluent_syntax::parser::parse(source)
        .map_err(|(_, errors)| format!("{file}: does not parse: {errors:?}"))?;
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for entry in &resource.body {
        let Entry::Message(message) = entry else {
            if let Entry::Junk { content } = entry {
                return Err(format!("{file}: junk: {content}"));
            }
            continue;
        };
        let id = message.id.name.to_string();
        if !seen.insert(id.clone()) {
            return Err(format!("{file}: {id} is defined twice"));
        }
        if !message.attributes.is_empty() {
            return Err(format!(
                "{file}: {id} has attributes; give each text its own id"
            ));
        }
        let Some(value) = &message.value else {
            return Err(format!("{file}: {id} has no value"));
        };
        let mut vars = Vec::new();
        pattern_vars(value, &mut vars);
        out.push(Message {
            id,
            vars,
            text: flat_text(value),
        });
    }
    Ok(out)
}

/// Checks that `other` has exactly the messages of `english`, each with
/// the same variables. Every difference is listed, not just the first.
pub fn same_keys(
    file: &str,
    english: &[Message],
    other_lang: &str,
    other: &[Message],
) -> Result<(), String> {
    let theirs: BTreeMap<&str, &Message> = other.iter().map(|m| (m.id.as_str(), m)).collect();
    let ours: BTreeSet<&str> = english.iter().map(|m| m.id.as_str()).collect();
    let mut problems = Vec::new();
    for message in english {
        match theirs.get(message.id.as_str()) {
            None => problems.push(format!("{file}: {} is missing in {other_lang}", message.id)),
            Some(translated) if set(&translated.vars) != set(&message.vars) => {
                problems.push(format!(
                    "{file}: {} reads {:?} in en but {:?} in {other_lang}",
                    message.id, message.vars, translated.vars
                ))
            }
            Some(_) => {}
        }
    }
    for message in other {
        if !ours.contains(message.id.as_str()) {
            problems.push(format!(
                "{file}: {} is in {other_lang} but not in en",
                message.id
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

fn set(vars: &[String]) -> BTreeSet<&str> {
    vars.iter().map(String::as_str).collect()
}

fn pattern_vars(pattern: &Pattern<&str>, vars: &mut Vec<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &Expression<&str>, vars: &mut Vec<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for variant in variants {
                pattern_vars(&variant.value, vars);
            }
        }
        Expression::Inline(inline) => inline_vars(inline, vars),
    }
}

fn inline_vars(inline: &InlineExpression<&str>, vars: &mut Vec<String>) {
    match inline {
        InlineExpression::VariableReference { id } if !vars.iter().any(|v| v == id.name) => {
            vars.push(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. } => call_vars(arguments, vars),
        InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => call_vars(arguments, vars),
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

fn call_vars(arguments: &CallArguments<&str>, vars: &mut Vec<String>) {
    for positional in &arguments.positional {
        inline_vars(positional, vars);
    }
    for named in &arguments.named {
        inline_vars(&named.value, vars);
    }
}

/// The pattern as one line, placeholders as `{$name}`, for documentation.
fn flat_text(pattern: &Pattern<&str>) -> String {
    let mut out = String::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable { expression } => match expression {
                Expression::Inline(InlineExpression::VariableReference { id }) => {
                    out.push_str(&format!("{{${}}}", id.name));
                }
                Expression::Inline(InlineExpression::StringLiteral { value }) => {
                    out.push_str(value)
                }
                _ => out.push_str("{…}"),
            },
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
