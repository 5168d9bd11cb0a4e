//! No circular imports between the TUI's files: every `use` and every
//! `crate::`/`super::` path in this crate's sources is resolved to the file
//! of the module it names, and the graph of files is checked to have no
//! cycle; so is the graph of the top-level modules (`app`, `tabs`, `popups`,
//! ...), so that, say, a popup never reaches back into a tab. A module
//! declaration (`mod x;`) is structure, not an import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every source file, by its module path (`["tabs", "users", "view"]`).
fn modules(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut found = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).expect("under src");
            let mut segments: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let file = segments.pop().expect("a file name");
            match file.as_str() {
                "lib.rs" | "mod.rs" => {}
                name => segments.push(name.trim_end_matches(".rs").to_string()),
            }
            found.insert(segments, path);
        }
    }
    found
}

/// The paths a `use` tree names, each as its segments (`a::{b, c::d}` is
/// `a::b` and `a::c::d`; `self` in a group is the prefix itself).
fn use_paths(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let mut base = prefix.to_vec();
        base.extend(segments_of(&tree[..open]));
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    use_paths(&inner[start..i], &base, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        use_paths(&inner[start..], &base, out);
        return;
    }
    let tree = tree.split(" as ").next().unwrap_or(tree);
    let mut path = prefix.to_vec();
    for segment in segments_of(tree) {
        if segment != "self" && segment != "*" {
            path.push(segment);
        }
    }
    if !path.is_empty() {
        out.push(path);
    }
}

fn segments_of(path: &str) -> Vec<String> {
    path.split("::")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// The paths a file names: its `use` trees and the `crate::`/`super::`
/// paths in its code.
fn named_paths(text: &str) -> Vec<Vec<String>> {
    // Comments and string literals name no module.
    let code: String = text
        .lines()
        .map(|l| {
            let mut kept = String::new();
            let mut in_string = false;
            for c in l.split("//").next().unwrap_or("").chars() {
                if c == '"' {
                    in_string = !in_string;
                } else if !in_string {
                    kept.push(c);
                }
            }
            kept
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut paths = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().last();
        let after = &rest[at + 4..];
        let Some(end) = after.find(';') else {
            break;
        };
        if before.is_none_or(|c| c.is_whitespace()) {
            use_paths(&after[..end], &[], &mut paths);
        }
        rest = &after[end..];
    }
    for start in ["crate::", "super::"] {
        let mut rest = code.as_str();
        while let Some(at) = rest.find(start) {
            let before = rest[..at].chars().last();
            let tail = &rest[at..];
            let end = tail
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(tail.len());
            if before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':')) {
                paths.push(segments_of(&tail[..end]));
            }
            rest = &tail[end..];
        }
    }
    paths
}

/// The module file a path names from `module` (the longest prefix that is a
/// module); None for other crates.
fn resolve(
    module: &[String],
    path: &[String],
    all: &BTreeMap<Vec<String>, PathBuf>,
) -> Option<Vec<String>> {
    let mut absolute: Vec<String> = Vec::new();
    let mut segments = path.iter().peekable();
    match segments.peek().map(|s| s.as_str()) {
        Some("crate") => {
            segments.next();
        }
        Some("super") | Some("self") => {
            absolute = module.to_vec();
            while let Some(s) = segments.peek() {
                match s.as_str() {
                    "super" => {
                        absolute.pop();
                    }
                    "self" => {}
                    _ => break,
                }
                segments.next();
            }
        }
        Some(first) => {
            // A child module of this one, named without `self::`.
            let mut child = module.to_vec();
            child.push(first.to_string());
            if !all.contains_key(&child) {
                return None;
            }
            absolute = module.to_vec();
        }
        None => return None,
    }
    absolute.extend(segments.cloned());
    (0..=absolute.len())
        .rev()
        .map(|n| absolute[..n].to_vec())
        .find(|prefix| all.contains_key(prefix))
}

/// A file's text by the module it is in: the file's own module, and an
/// inline module at its end (`mod tests { .. }`, where `super` is the file).
fn scopes<'a>(module: &[String], text: &'a str) -> Vec<(Vec<String>, &'a str)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let words: Vec<&str> = line.split_whitespace().collect();
        let inline = match words.as_slice() {
            ["mod", name, "{"] | ["pub", "mod", name, "{"] => Some(name.to_string()),
            _ => None,
        };
        if let Some(name) = inline {
            let mut inner = module.to_vec();
            inner.push(name);
            return vec![(module.to_vec(), &text[..offset]), (inner, &text[offset..])];
        }
        offset += line.len();
    }
    vec![(module.to_vec(), text)]
}

type Graph = BTreeMap<Vec<String>, BTreeSet<Vec<String>>>;

fn file_graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let all = modules(&src);
    let mut graph = Graph::new();
    for (module, file) in &all {
        let text = std::fs::read_to_string(file).expect("readable source");
        let edges = graph.entry(module.clone()).or_default();
        for (scope, text) in scopes(module, &text) {
            for path in named_paths(text) {
                if let Some(target) = resolve(&scope, &path, &all)
                    && target != *module
                {
                    edges.insert(target);
                }
            }
        }
    }
    graph
}

/// A cycle of the graph, if it has one.
fn cycle(graph: &Graph) -> Option<Vec<Vec<String>>> {
    fn visit(
        node: &Vec<String>,
        graph: &Graph,
        done: &mut BTreeSet<Vec<String>>,
        path: &mut Vec<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.clone());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, done, path) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

fn shown(cycle: &[Vec<String>]) -> String {
    cycle
        .iter()
        .map(|m| {
            if m.is_empty() {
                "lib".to_string()
            } else {
                m.join("::")
            }
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let graph = file_graph();
    assert!(
        graph.len() > 50,
        "every source file is read: {}",
        graph.len()
    );
    // The check sees imports: the app uses the tabs, a tab the popups.
    assert!(graph[&vec!["app".to_string()]].contains(&vec!["tabs".to_string()]));
    assert!(
        graph[&vec!["tabs".to_string(), "support".to_string()]].contains(&vec![
            "tabs".to_string(),
            "support".to_string(),
            "people".to_string()
        ])
    );
    if let Some(found) = cycle(&graph) {
        panic!("circular imports: {}", shown(&found));
    }
}

#[test]
fn the_top_level_modules_are_layers() {
    let mut layers = Graph::new();
    for (from, to) in file_graph() {
        let from_top: Vec<String> = from.first().cloned().into_iter().collect();
        let edges = layers.entry(from_top.clone()).or_default();
        for target in to {
            let to_top: Vec<String> = target.first().cloned().into_iter().collect();
            if to_top != from_top {
                edges.insert(to_top);
            }
        }
    }
    // The vocabulary imports nothing from the app.
    assert_eq!(
        layers.get(&vec!["action".to_string()]),
        Some(&BTreeSet::new())
    );
    if let Some(found) = cycle(&layers) {
        panic!("circular imports between modules: {}", shown(&found));
    }
}
