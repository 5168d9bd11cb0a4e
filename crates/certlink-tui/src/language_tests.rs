//! The language saved on the profile (issue 16): the Profile tab's chooser
//! (`L`, `tabs/profile/language.rs`) saves it, and the whole app speaks it at
//! once; cleared, the front end's choice decides again.

use super::action::Action;
use super::popups::Popup;
use super::tests::{act, find, render, signed_in};
use certlink_i18n::Lang;

fn dialog_title(popups: &[Popup]) -> Option<&str> {
    match popups.last() {
        Some(Popup::Dialog(d)) => Some(d.title.as_str()),
        _ => None,
    }
}

#[test]
fn the_chooser_saves_the_language_and_the_screen_speaks_it_at_once() {
    let mut app = signed_in("edsger@contoso.com");
    act(&mut app, Action::ChooseLanguage);
    assert_eq!(
        dialog_title(&app.popups),
        Some(Lang::En.pref_dialog_title())
    );
    // English, 简体中文, use my locale: nothing saved yet, so the locale.
    act(&mut app, Action::ChoiceNext); // wraps to English
    act(&mut app, Action::ChoiceNext);
    act(&mut app, Action::Activate);
    assert!(app.popups.is_empty(), "saved, the chooser closes");

    let main = app.main().expect("signed in");
    assert_eq!(app.lang, Lang::ZhCn);
    assert_eq!(main.dates.lang, Lang::ZhCn);
    assert_eq!(main.session.lang, Some(Lang::ZhCn));
    assert_eq!(main.session.speaks, Lang::ZhCn);
    let saved = app.service.profile(&main.session).expect("profile").lang;
    assert_eq!(saved, Some(Lang::ZhCn));
    let said = Lang::ZhCn.pref_saved("简体中文");
    assert_eq!(app.flash.as_deref(), Some(said.as_str()));
    let terminal = render(&mut app, 80, 24);
    assert!(
        find(terminal.backend().buffer(), &said).is_some(),
        "{:?}",
        terminal.backend()
    );

    // The chooser itself now speaks Chinese and starts at what is saved.
    act(&mut app, Action::ChooseLanguage);
    assert_eq!(
        dialog_title(&app.popups),
        Some(Lang::ZhCn.pref_dialog_title())
    );
    let terminal = render(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    assert!(find(buffer, Lang::ZhCn.pref_dialog_title()).is_some());
    assert!(
        find(buffer, "简体中文").is_some(),
        "{:?}",
        terminal.backend()
    );

    // Use my locale: cleared, the front end's choice (English here) decides.
    act(&mut app, Action::ChoiceNext);
    act(&mut app, Action::Activate);
    let main = app.main().expect("signed in");
    assert_eq!(app.lang, Lang::En);
    assert_eq!(main.dates.lang, Lang::En);
    assert_eq!(main.session.lang, None);
    assert_eq!(app.flash.as_deref(), Some(Lang::En.pref_cleared()));
    let saved = app.service.profile(&main.session).expect("profile").lang;
    assert_eq!(saved, None);
}
