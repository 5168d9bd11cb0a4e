//! Compiles the catalog: checks that both languages have every message with
//! the same placeholders (src/check.rs) and writes one method per message
//! on `Lang`, so a missing key or a wrong argument is a compile error at
//! the call site, not a blank on someone's screen.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/check.rs"]
mod check;

/// The languages besides English, by folder under `locales/`.
const OTHERS: &[&str] = &["zh-CN"];

/// `Lang`'s own methods: a message may not take their names.
const RESERVED: &[&str] = &[
    "tag",
    "from_tag",
    "from_locale",
    "choose",
    "all",
    "plain",
    "format",
    "warm",
    "catalog",
    "own_name",
];

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

fn main() {
    if let Err(problem) = run() {
        // build scripts report by failing; the message names file and key.
        eprintln!("certlink-i18n: the catalog is not complete:\n{problem}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let locales = root.join("locales");
    println!("cargo::rerun-if-changed=locales");
    println!("cargo::rerun-if-changed=src/check.rs");
    let files = ftl_files(&locales.join("en"))?;
    for other in OTHERS {
        let theirs = ftl_files(&locales.join(other))?;
        if theirs != files {
            return Err(format!(
                "locales/{other} has files {theirs:?}, locales/en has {files:?}"
            ));
        }
    }
    let mut plain = Vec::new();
    let mut methods = String::new();
    let mut sources = String::new();
    let mut seen = std::collections::BTreeMap::new();
    let mut all = String::new();
    for file in &files {
        let read = |lang: &str| -> Result<(PathBuf, String), String> {
            let path = locales.join(lang).join(file);
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("cargo::rerun-if-changed={}", path.display());
            Ok((path, text))
        };
        let (en_path, en_text) = read("en")?;
        let english = check::messages(&format!("en/{file}"), &en_text)?;
        let mut paths = vec![en_path];
        for other in OTHERS {
            let (path, text) = read(other)?;
            let theirs = check::messages(&format!("{other}/{file}"), &text)?;
            check::same_keys(file, &english, other, &theirs)?;
            paths.push(path);
        }
        let _ = writeln!(
            sources,
            "    [{}],",
            paths
                .iter()
                .map(|p| format!("include_str!({:?})", p.display().to_string()))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for message in &english {
            let name = message.id.replace('-', "_");
            if let Some(other_file) = seen.insert(name.clone(), file.clone()) {
                return Err(format!(
                    "{} is defined in {other_file} and in {file}",
                    message.id
                ));
            }
            if RESERVED.contains(&name.as_str()) || KEYWORDS.contains(&name.as_str()) {
                return Err(format!(
                    "{file}: {} cannot be a method name; rename it",
                    message.id
                ));
            }
            if !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err(format!(
                    "{file}: ids are lower-case kebab words: {}",
                    message.id
                ));
            }
            let _ = writeln!(
                all,
                "    ({:?}, &{:?}),",
                message.id,
                message.vars.iter().collect::<Vec<_>>()
            );
            let doc = message.text.replace('\\', "\\\\").replace('"', "\\\"");
            if message.vars.is_empty() {
                let index = plain.len();
                plain.push(message.id.clone());
                let _ = writeln!(
                    methods,
                    "    #[doc = \"{doc}\"]\n    pub fn {name}(self) -> &'static str {{ self.plain({index}) }}"
                );
            } else {
                let params = message
                    .vars
                    .iter()
                    .map(|v| format!("{}: impl Into<FluentValue<'a>>", rust_name(v)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let args = message
                    .vars
                    .iter()
                    .map(|v| format!("({v:?}, {}.into())", rust_name(v)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let _ = writeln!(
                    methods,
                    "    #[doc = \"{doc}\"]\n    pub fn {name}<'a>(self, {params}) -> String {{ self.format({:?}, [{args}]) }}",
                    message.id
                );
            }
        }
    }
    let mut code = String::new();
    let _ = writeln!(
        code,
        "/// The catalog's files: English first, then {OTHERS:?}."
    );
    let _ = writeln!(
        code,
        "pub(crate) const SOURCES: [[&str; {}]; {}] = [\n{sources}];",
        OTHERS.len() + 1,
        files.len()
    );
    let _ = writeln!(
        code,
        "/// The ids of the messages without placeholders, by index."
    );
    let _ = writeln!(
        code,
        "pub(crate) const PLAIN: [&str; {}] = {:?};",
        plain.len(),
        plain
    );
    let _ = writeln!(
        code,
        "/// Every message with its placeholders (the tests format each one)."
    );
    let _ = writeln!(
        code,
        "#[cfg(test)]\npub(crate) const ALL: &[(&str, &[&str])] = &[\n{all}];"
    );
    let _ = writeln!(code, "impl Lang {{\n{methods}}}");
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    std::fs::write(out.join("catalog.rs"), code).map_err(|e| e.to_string())?;
    Ok(())
}

/// A placeholder's name as a parameter (`$next-allowed` → `next_allowed`).
fn rust_name(var: &str) -> String {
    let name = var.replace('-', "_");
    if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

fn ftl_files(dir: &Path) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".ftl") {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}
