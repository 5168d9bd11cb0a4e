//! Every word a person reads, in English and 简体中文: the message catalog
//! (`locales/<lang>/*.ftl`, Fluent), the choice of language, and laying text
//! out by display width (`width`).
//!
//! `build.rs` turns each message into a method on [`Lang`]:
//! `lang.tab_skills()` for a fixed text (a `&'static str`, formatted once per
//! language), `lang.countdown_days(3)` for one with placeholders. A message
//! missing in one language, or with other placeholders there, stops the
//! build; a call of a message that does not exist, or with the wrong
//! arguments, does not compile.
//!
//! What stays language-neutral is not here: refusal codes and rule ids, JSON
//! keys, CSV headers of exports, exit codes and the audit record.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod catalog;
#[doc(hidden)]
pub use catalog::build_uncached;
pub mod width;

#[cfg(test)]
mod check;
#[cfg(test)]
mod tests;

pub use fluent_bundle::FluentValue;

/// A language certlink speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    En,
    /// Simplified Chinese, in Partner Center's own terms
    /// (`../shared/glossary-zh-CN.md`).
    ZhCn,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag: what `--lang` takes, the saved preference holds and
    /// JSON shows.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language by its own name, the same whoever reads it (English,
    /// 简体中文): what a chooser lists.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => self.language_name_en(),
            Lang::ZhCn => self.language_name_zh_cn(),
        }
    }

    /// A language named by a tag or a locale: `en`, `en-US`, `zh-CN`,
    /// `zh_CN.UTF-8`, `zh-Hans`, `zh-Hans-CN`, `zh_SG`, `zh`. Traditional
    /// Chinese (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant`) is not Simplified and
    /// names no language certlink has; so does `fr_FR` or `C`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        // `zh_CN.UTF-8@pinyin`: the encoding and modifier say nothing of the language.
        let base = tag.split(['.', '@']).next().unwrap_or("");
        let mut parts = base.split(['-', '_']).map(|p| p.to_ascii_lowercase());
        match parts.next().as_deref() {
            Some("en") => Some(Lang::En),
            Some("zh") => {
                let rest: Vec<String> = parts.collect();
                let traditional = rest
                    .iter()
                    .any(|p| matches!(p.as_str(), "hant" | "tw" | "hk" | "mo"));
                let simplified = rest.iter().any(|p| p == "hans");
                (simplified || !traditional).then_some(Lang::ZhCn)
            }
            _ => None,
        }
    }

    /// The language of a POSIX locale environment: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty decides (as for
    /// every program's messages); `None` when it names a language certlink
    /// does not have, or none is set. `env` looks a variable up: the
    /// process's own for a local run, the client's for an SSH session.
    pub fn from_locale(env: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| env(name).filter(|value| !value.is_empty()))
            .and_then(|value| Lang::from_tag(&value))
    }

    /// The language to speak: the first of an explicit choice (`--lang` or
    /// `CERTLINK_LANG`), the person's saved preference, and the locale;
    /// English when none decides.
    pub fn choose(explicit: Option<Lang>, saved: Option<Lang>, locale: Option<Lang>) -> Lang {
        explicit.or(saved).or(locale).unwrap_or_default()
    }
}

/// What a front end knows of the language before anyone signs in: an
/// explicit choice (`--lang`, `CERTLINK_LANG`) and the locale (the
/// process's, or the SSH client's). A person's saved preference comes in
/// between them once they sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Choice {
    pub explicit: Option<Lang>,
    pub locale: Option<Lang>,
}

impl Choice {
    /// The language before a sign-in (the sign-in screen, usage errors).
    pub fn before_sign_in(self) -> Lang {
        Lang::choose(self.explicit, None, self.locale)
    }

    /// The language for a person who saved `saved` (or nothing).
    pub fn for_person(self, saved: Option<Lang>) -> Lang {
        Lang::choose(self.explicit, saved, self.locale)
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    /// `--lang` and the saved preference: a tag [`Lang::from_tag`] knows.
    fn from_str(s: &str) -> Result<Lang, String> {
        Lang::from_tag(s).ok_or_else(|| Lang::En.unknown_language(s))
    }
}
