//! The language of a remote person (issue 16): what their SSH client says of
//! its locale in `env` requests (OpenSSH's `SendEnv LANG LC_*`, the default
//! of Debian's and many distributions' `ssh_config`, or `-o SetEnv=…`), kept
//! per session channel and bounded ([`limits::ENV_REQUESTS_PER_CHANNEL`],
//! [`limits::ENV_VALUE_BYTES`]).
//!
//! The server's own environment never decides for a remote person: only the
//! client's variables are read. As on a local run, `CERTLINK_LANG` is an
//! explicit choice (it beats the person's saved preference, like `--lang`),
//! and `LC_ALL`, `LC_MESSAGES`, `LANG` are the locale (the saved preference
//! beats it). Env requests come before the `exec` or `shell` request on the
//! same channel, so the command or the app starts in the right language.
//!
//! Before sign-in nothing of the client's locale is known (env requests come
//! on a session channel, which only a signed-in person opens): what the server
//! says then (a refused connection, the sign-in grace) is in both languages.

use certlink_i18n::{Choice, Lang};

use super::limits;

/// The variables kept, by name; any other is refused.
const NAMES: [&str; 4] = ["LANG", "LC_ALL", "LC_MESSAGES", "CERTLINK_LANG"];

/// What one channel's client said of its locale.
#[derive(Debug, Clone, Default)]
pub struct ClientLocale {
    values: [Option<String>; NAMES.len()],
    requests: usize,
}

impl ClientLocale {
    /// An `env` request: true when it was taken (the client is told success),
    /// false when refused (another name, a value too long or not printable
    /// ASCII, or past [`limits::ENV_REQUESTS_PER_CHANNEL`] requests).
    pub fn set(&mut self, name: &str, value: &str) -> bool {
        if self.requests >= limits::ENV_REQUESTS_PER_CHANNEL {
            return false;
        }
        self.requests += 1;
        let Some(slot) = NAMES.iter().position(|n| *n == name) else {
            return false;
        };
        let printable = value.bytes().all(|b| b.is_ascii_graphic());
        if value.len() > limits::ENV_VALUE_BYTES || !printable {
            return false;
        }
        self.values[slot] = Some(value.to_string());
        true
    }

    fn get(&self, name: &str) -> Option<String> {
        NAMES
            .iter()
            .position(|n| *n == name)
            .and_then(|slot| self.values[slot].clone())
    }

    /// What decides the language besides the person's saved preference.
    pub fn choice(&self) -> Choice {
        Choice {
            explicit: self
                .get("CERTLINK_LANG")
                .and_then(|tag| Lang::from_tag(&tag)),
            locale: Lang::from_locale(|name| self.get(name)),
        }
    }
}

/// What the server knows of a connection's language, for what it says to
/// the whole connection (the shutdown, a refused channel): none before the
/// person signs in, then their channels' last choice.
#[derive(Debug, Default)]
pub struct Speaks(std::sync::atomic::AtomicU8);

impl Speaks {
    pub fn set(&self, lang: Lang) {
        let code = match lang {
            Lang::En => 1,
            Lang::ZhCn => 2,
        };
        self.0.store(code, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn get(&self) -> Option<Lang> {
        match self.0.load(std::sync::atomic::Ordering::SeqCst) {
            1 => Some(Lang::En),
            2 => Some(Lang::ZhCn),
            _ => None,
        }
    }

    /// A one-line text in the connection's language, or in both ("English;
    /// 中文") while it is not known.
    pub fn say(&self, text: impl Fn(Lang) -> String) -> String {
        match self.get() {
            Some(lang) => text(lang),
            None => both(text, "; "),
        }
    }
}

/// A text in both languages, English first, joined by `between`.
pub fn both(text: impl Fn(Lang) -> String, between: &str) -> String {
    format!("{}{between}{}", text(Lang::En), text(Lang::ZhCn))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(vars: &[(&str, &str)]) -> ClientLocale {
        let mut l = ClientLocale::default();
        for (name, value) in vars {
            l.set(name, value);
        }
        l
    }

    #[test]
    fn the_client_locale_decides_in_posix_order() {
        assert_eq!(locale(&[]).choice(), Choice::default());
        let zh = locale(&[("LANG", "zh_CN.UTF-8")]).choice();
        assert_eq!(zh.locale, Some(Lang::ZhCn));
        assert_eq!(zh.explicit, None);
        // LC_ALL over LANG; a saved preference beats the locale.
        let en = locale(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")]).choice();
        assert_eq!(en.locale, Some(Lang::En));
        assert_eq!(zh.for_person(Some(Lang::En)), Lang::En);
        // CERTLINK_LANG is explicit: it beats the saved preference.
        let explicit = locale(&[("CERTLINK_LANG", "zh-CN"), ("LANG", "en_US.UTF-8")]).choice();
        assert_eq!(explicit.for_person(Some(Lang::En)), Lang::ZhCn);
    }

    #[test]
    fn abuse_env_requests_are_bounded_by_name_length_and_count() {
        let mut l = ClientLocale::default();
        // Other names are refused and not kept, however long.
        assert!(!l.set("PATH", "/bin"));
        assert!(!l.set(&"L".repeat(100_000), "zh_CN.UTF-8"));
        // A value past the bound, or not printable ASCII, is refused.
        let long = format!("zh_CN.{}", "x".repeat(limits::ENV_VALUE_BYTES));
        assert!(!l.set("LANG", &long));
        assert!(!l.set("LANG", "zh_CN\u{1b}[2J"));
        assert!(!l.set("LANG", "中文"));
        assert_eq!(l.choice().locale, None);
        let at_bound = format!("zh_CN.{}", "x".repeat(limits::ENV_VALUE_BYTES - 6));
        assert!(l.set("LANG", &at_bound));
        assert_eq!(l.choice().locale, Some(Lang::ZhCn));
        // Past the count every request is refused, even a good one.
        let mut l = ClientLocale::default();
        for _ in 0..limits::ENV_REQUESTS_PER_CHANNEL {
            l.set("HOME", "/root");
        }
        assert!(!l.set("LANG", "zh_CN.UTF-8"));
        assert_eq!(l.choice().locale, None);
    }

    #[test]
    fn before_the_locale_is_known_both_languages_are_said() {
        let speaks = Speaks::default();
        let said = speaks.say(|lang| lang.ssh_not_signed_in(60));
        assert_eq!(said, "not signed in within 60 s; 60 秒内未登录");
        speaks.set(Lang::ZhCn);
        assert_eq!(
            speaks.say(|lang| lang.ssh_not_signed_in(60)),
            "60 秒内未登录"
        );
    }
}
