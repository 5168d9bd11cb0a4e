//! The compiled catalog: one Fluent bundle per language, built on first use
//! (only the languages someone reads are built), with every fixed text
//! formatted once so drawing a frame borrows instead of formatting.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::Lang;

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

struct Catalog {
    bundle: FluentBundle<FluentResource>,
    /// `PLAIN`'s messages, formatted.
    plain: Vec<String>,
}

static CATALOGS: [LazyLock<Catalog>; 2] = [
    LazyLock::new(|| Catalog::build(Lang::En)),
    LazyLock::new(|| Catalog::build(Lang::ZhCn)),
];

impl Catalog {
    fn build(lang: Lang) -> Catalog {
        let index = lang as usize;
        let locale = lang.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![locale]);
        // Terminals draw U+2068/U+2069 as visible junk or a column off; the
        // placeables are ids, numbers and names, which need no isolation.
        bundle.set_use_isolating(false);
        for sources in SOURCES {
            // build.rs parsed every file, so neither step can fail here; a
            // failure would only leave messages to fall back to their ids.
            let resource = match FluentResource::try_new(sources[index].to_string()) {
                Ok(resource) | Err((resource, _)) => resource,
            };
            let _ = bundle.add_resource(resource);
        }
        let plain = PLAIN
            .iter()
            .map(|id| format_in(&bundle, id, None))
            .collect();
        Catalog { bundle, plain }
    }
}

fn format_in(bundle: &FluentBundle<FluentResource>, id: &str, args: Option<&FluentArgs>) -> String {
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned()
}

/// Builds `lang`'s catalog afresh and returns how many fixed texts it
/// formatted: what the first use of a language costs (bench/benches/catalog.rs).
#[doc(hidden)]
pub fn build_uncached(lang: Lang) -> usize {
    Catalog::build(lang).plain.len()
}

impl Lang {
    /// Builds this language's catalog now rather than on the first text
    /// (a server warms both before its first client).
    pub fn warm(self) {
        let _ = self.catalog();
    }

    fn catalog(self) -> &'static Catalog {
        &CATALOGS[self as usize]
    }

    fn plain(self, index: usize) -> &'static str {
        self.catalog()
            .plain
            .get(index)
            .map(String::as_str)
            .unwrap_or("")
    }

    fn format<'a, const N: usize>(self, id: &str, args: [(&str, FluentValue<'a>); N]) -> String {
        let mut fluent = FluentArgs::with_capacity(N);
        for (name, value) in args {
            fluent.set(name, value);
        }
        format_in(&self.catalog().bundle, id, Some(&fluent))
    }
}

#[cfg(test)]
pub(crate) fn format_with_errors(
    lang: Lang,
    id: &str,
    args: Option<&FluentArgs>,
) -> (String, usize) {
    let bundle = &lang.catalog().bundle;
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return (id.to_string(), 1);
    };
    let mut errors = Vec::new();
    let text = bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned();
    (text, errors.len())
}
