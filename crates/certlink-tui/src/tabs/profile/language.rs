//! The language saved on the profile (issue 16): `L` opens a chooser
//! (English, 简体中文, use my locale) starting at what is saved; Enter saves it
//! (`Service::set_language`) and the whole app speaks it at once
//! ([`Cx::switch_lang`]).

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
    does: Lang::pref_key_language,
    hint: false,
}];

/// What each option of the chooser saves, in its order.
const CHOICES: [Option<Lang>; 3] = [Some(Lang::En), Some(Lang::ZhCn), None];

/// The options' words in `lang`.
fn options(lang: Lang) -> Vec<&'static str> {
    CHOICES
        .iter()
        .map(|choice| match choice {
            Some(l) => l.own_name(),
            None => lang.pref_choice_locale(),
        })
        .collect()
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
            Some(l) => lang.pref_saved(l.own_name()),
            None => lang.pref_cleared().to_string(),
        });
    }
}
