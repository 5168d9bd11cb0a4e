//! The language saved on the profile (issue 16): `L` opens a chooser
//! (English, 简体中文, use my locale) starting at what is saved; Enter saves it
//! (`Service::set_language`) and the whole app speaks it at once
//! ([`Cx::switch_lang`]).

use std::sync::OnceLock;

use super::ProfileTab;
use super::calls::Answer;
use crate::action::Action;
use crate::components::dialog_form::{DialogForm, Item, ItemKind};
use crate::jobs::Job;
use crate::keys::{Binding, ch};
use crate::popups::{FormDialog, Popup, Submitted, Submitting};
use crate::tab::Cx;
use certlink_core::service::Session;
use certlink_i18n::Lang;

/// The chooser's key, the same letter wherever it is bound.
pub const ROWS: &[Binding] = &[Binding {
    chords: &[ch('L')],
    action: Action::ChooseLanguage,
    keys: "L",
    does: "choose your language",
    hint: false,
}];

/// What each option of the chooser saves, in its order.
const CHOICES: [Option<Lang>; 3] = [Some(Lang::En), Some(Lang::ZhCn), None];

/// A language by its own name, the same in every language (English, 简体中文).
pub fn name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => lang.language_name_en(),
        Lang::ZhCn => lang.language_name_zh_cn(),
    }
}

/// The options' words in `lang`, built once per language (a choice item
/// holds static words).
fn options(lang: Lang) -> &'static [&'static str] {
    static EN: OnceLock<[&'static str; 3]> = OnceLock::new();
    static ZH: OnceLock<[&'static str; 3]> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::ZhCn => &ZH,
    };
    cell.get_or_init(|| {
        CHOICES.map(|choice| match choice {
            Some(l) => name(l),
            None => lang.pref_choice_locale(),
        })
    })
}

/// The chooser, in `lang`, starting at `saved`.
pub fn chooser(saved: Option<Lang>, lang: Lang) -> Popup {
    let index = CHOICES.iter().position(|c| *c == saved).unwrap_or(0);
    let item = Item {
        label: lang.pref_dialog_label(),
        kind: ItemKind::Choice {
            options: options(lang),
            index,
        },
    };
    Popup::Dialog(FormDialog::new(
        lang.pref_dialog_title().into(),
        lang.pref_dialog_intro().into(),
        vec![item],
        Box::new(move |form: &DialogForm, s: &Submitting| {
            let choice = CHOICES.get(form.chosen(0)).copied().flatten();
            Submitted::Run(save(s.session.clone(), choice, lang))
        }),
    ))
}

/// Saves the person's language (`None`: clears it).
fn save(session: Session, choice: Option<Lang>, lang: Lang) -> Job {
    Job::new("SetLanguage", lang.pref_saving(), move |service| {
        service
            .set_language(&session, choice)
            .map(|()| Answer::Language(choice))
    })
}

impl ProfileTab {
    /// `L`: the chooser, at what the profile says is saved.
    pub(super) fn choose_language(&mut self, cx: &mut Cx) {
        let saved = self.view.as_ref().and_then(|v| v.lang);
        cx.open(chooser(saved, cx.lang()));
    }

    /// Saved: the app speaks it now, and says so in it.
    pub(super) fn language_saved(&mut self, saved: Option<Lang>, cx: &mut Cx) {
        cx.close_form();
        let lang = cx.switch_lang(saved);
        cx.refresh(self);
        cx.flash(match saved {
            Some(l) => lang.pref_saved(name(l)),
            None => lang.pref_cleared().to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::popups::Popup;
    use crate::tests::{act, find, render, signed_in};

    fn dialog_title(app: &crate::app::App) -> Option<&str> {
        match app.popups.last() {
            Some(Popup::Dialog(d)) => Some(d.title.as_str()),
            _ => None,
        }
    }

    #[test]
    fn the_chooser_saves_the_language_and_the_screen_speaks_it_at_once() {
        let mut app = signed_in("edsger@contoso.com");
        act(&mut app, Action::ChooseLanguage);
        assert_eq!(dialog_title(&app), Some(Lang::En.pref_dialog_title()));
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
        assert_eq!(dialog_title(&app), Some(Lang::ZhCn.pref_dialog_title()));
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
}
