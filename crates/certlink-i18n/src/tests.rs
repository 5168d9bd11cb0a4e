use fluent_bundle::{FluentArgs, FluentValue};

use crate::Lang;
use crate::catalog::{ALL, format_with_errors};
use crate::check;
use crate::width::{fit, pad, width, wrap};

/// Marks a terminal would draw as junk or count as a column.
const INVISIBLE: &[char] = &[
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}',
    '\u{202c}', '\u{202d}', '\u{202e}',
];

/// Every message formats in every language without an error, with numbers
/// and with words for its placeholders, and no output carries a bidi mark.
#[test]
fn every_message_formats_in_both_languages_without_bidi_marks() {
    assert!(ALL.len() > 2);
    for lang in Lang::ALL {
        for (id, vars) in ALL {
            for sample in [FluentValue::from(2), FluentValue::from("王小明")] {
                let mut args = FluentArgs::new();
                for var in *vars {
                    args.set(*var, sample.clone());
                }
                let (text, errors) = format_with_errors(lang, id, Some(&args));
                assert_eq!(errors, 0, "{lang} {id}: {text}");
                assert!(!text.is_empty(), "{lang} {id} is empty");
                assert!(
                    !text.contains(INVISIBLE),
                    "{lang} {id} has an invisible mark: {text:?}"
                );
            }
        }
    }
}

#[test]
fn generated_methods_speak_each_language() {
    assert_eq!(Lang::En.own_name(), "English");
    assert_eq!(Lang::ZhCn.own_name(), "简体中文");
    assert_eq!(Lang::En.countdown_today(), "today");
    assert_eq!(Lang::ZhCn.countdown_today(), "今天");
    assert_eq!(Lang::En.countdown_days(1), "in 1 day");
    assert_eq!(Lang::En.countdown_days(30), "in 30 days");
    assert_eq!(Lang::ZhCn.countdown_days(30), "30 天后");
    assert_eq!(
        Lang::ZhCn.moment_with_countdown("2027-03-31 10:00 CET", Lang::ZhCn.countdown_days(1)),
        "2027-03-31 10:00 CET（1 天后）"
    );
}

#[test]
fn the_check_refuses_a_missing_key_an_extra_key_and_other_placeholders() {
    let en = check::messages("en/t.ftl", "a = A\nb = B { $n }\nc = C { $when }\n").unwrap();
    let zh = check::messages("zh/t.ftl", "a = 甲\nc = 丙 { $whenn }\nd = 丁\n").unwrap();
    let problem = check::same_keys("t.ftl", &en, "zh-CN", &zh).unwrap_err();
    assert!(problem.contains("b is missing in zh-CN"), "{problem}");
    assert!(problem.contains("c reads"), "{problem}");
    assert!(problem.contains("d is in zh-CN but not in en"), "{problem}");
    let same = check::messages(
        "zh/t.ftl",
        "a = 甲\nb = 乙{ $n ->\n *[other] 个\n}\nc = 丙 { $when }\n",
    )
    .unwrap();
    check::same_keys("t.ftl", &en, "zh-CN", &same).unwrap();
    assert!(
        check::messages("x.ftl", "a = A\na = B\n").is_err(),
        "a twice"
    );
    assert!(
        check::messages("x.ftl", "a = A\n  .title = T\n").is_err(),
        "attributes"
    );
    assert!(check::messages("x.ftl", "a = { \n").is_err(), "junk");
}

#[test]
fn tags_and_locales_name_languages() {
    for tag in ["en", "en-US", "en_GB.UTF-8", "EN"] {
        assert_eq!(Lang::from_tag(tag), Some(Lang::En), "{tag}");
    }
    for tag in [
        "zh-CN",
        "zh_CN.UTF-8",
        "zh-Hans",
        "zh-Hans-CN",
        "zh",
        "zh_SG",
        "zh_CN.GB18030",
        "zh-hant-x-hans",
    ] {
        assert_eq!(Lang::from_tag(tag), Some(Lang::ZhCn), "{tag}");
    }
    for tag in [
        "zh-TW",
        "zh_HK.UTF-8",
        "zh-Hant",
        "fr_FR.UTF-8",
        "C",
        "POSIX",
        "C.UTF-8",
        "",
    ] {
        assert_eq!(Lang::from_tag(tag), None, "{tag}");
    }
    assert_eq!("zh-CN".parse::<Lang>(), Ok(Lang::ZhCn));
    assert_eq!(
        "fr".parse::<Lang>(),
        Err("fr is not a language certlink speaks: use en or zh-CN.".to_string())
    );
    for lang in Lang::ALL {
        assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
    }
}

#[test]
fn lc_all_then_lc_messages_then_lang_decide() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(
        Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])),
        Some(Lang::ZhCn)
    );
    assert_eq!(
        Lang::from_locale(env(&[
            ("LANG", "zh_CN.UTF-8"),
            ("LC_MESSAGES", "en_US.UTF-8")
        ])),
        Some(Lang::En)
    );
    assert_eq!(
        Lang::from_locale(env(&[
            ("LC_ALL", "zh_CN.UTF-8"),
            ("LC_MESSAGES", "en_US.UTF-8")
        ])),
        Some(Lang::ZhCn)
    );
    // An empty variable is unset; a language certlink lacks decides English.
    assert_eq!(
        Lang::from_locale(env(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")])),
        Some(Lang::ZhCn)
    );
    assert_eq!(
        Lang::from_locale(env(&[("LC_ALL", "fr_FR.UTF-8"), ("LANG", "zh_CN.UTF-8")])),
        None
    );
    assert_eq!(Lang::from_locale(env(&[])), None);
    assert_eq!(
        Lang::choose(Some(Lang::En), Some(Lang::ZhCn), Some(Lang::ZhCn)),
        Lang::En
    );
    assert_eq!(
        Lang::choose(None, Some(Lang::ZhCn), Some(Lang::En)),
        Lang::ZhCn
    );
    assert_eq!(Lang::choose(None, None, Some(Lang::ZhCn)), Lang::ZhCn);
    assert_eq!(Lang::choose(None, None, None), Lang::En);
}

#[test]
fn fitting_never_cuts_a_wide_character_or_overflows() {
    let name = "王小明 Wang (技能报告)";
    for cols in 0..=width(name) + 2 {
        let fitted = fit(name, cols);
        assert!(width(&fitted) <= cols, "{cols}: {fitted}");
        assert!(
            name.starts_with(fitted.trim_end_matches('…')),
            "{cols}: {fitted}"
        );
        assert_eq!(width(&pad(name, cols)), cols, "{cols}");
    }
    assert_eq!(fit("王小明", 6), "王小明");
    assert_eq!(fit("王小明", 5), "王小…");
    assert_eq!(fit("王小明", 4), "王…", "the 小 would straddle the edge");
    assert_eq!(pad("王", 4), "王  ");
}

#[test]
fn wrapping_breaks_at_spaces_and_between_han_characters() {
    assert_eq!(wrap("one two three", 7), ["one two", "three"]);
    assert_eq!(
        wrap("合作伙伴中心用户技能报告", 8),
        ["合作伙伴", "中心用户", "技能报告"]
    );
    for line in wrap("请在 2027-03-31 10:00 CET（1 天后）之后再关联。", 9) {
        assert!(width(&line) <= 9, "{line}");
    }
}
