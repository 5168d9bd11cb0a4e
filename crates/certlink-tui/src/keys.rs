//! Keys: where they are read ([`KeyMap`], a context), what they mean there,
//! and the rows every part shares (editing, tab switching, lists, quitting).
//! Each screen, popup and tab defines the key maps it puts in force from its
//! own rows and these; the same rows drive the status-bar hints and the `?`
//! help overlay, so help can never drift from the keys (gitui's `key_list` +
//! `commands()` idea).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::{Action, EditOp};
use certlink_i18n::Lang;

/// Words in the reader's language, as a static can hold them: a catalog
/// method of [`Lang`] (`Lang::tui_key_send`).
pub type Words = fn(Lang) -> &'static str;

/// The keys in force in one place (a screen, a popup, a tab or one of its
/// views): rows in the order hints and help list them. Rows with the same
/// keys and words are shown once; the first row with a key decides what it
/// does.
pub struct KeyMap {
    /// The title of the help overlay.
    pub title: Words,
    /// A text field has the keys: printable keys type (so `q` does not quit).
    pub typing: bool,
    /// The mouse wheel moves like the arrows. Off in forms, where it would
    /// change fields under the pointer.
    pub wheel: bool,
    pub rows: &'static [&'static [Binding]],
}

impl KeyMap {
    /// Keys that act on what is shown (lists, confirmations, messages).
    pub const fn acting(title: Words, rows: &'static [&'static [Binding]]) -> KeyMap {
        KeyMap {
            title,
            typing: false,
            wheel: true,
            rows,
        }
    }

    /// A text field has the keys.
    pub const fn typing(title: Words, rows: &'static [&'static [Binding]]) -> KeyMap {
        KeyMap {
            title,
            typing: true,
            wheel: false,
            rows,
        }
    }

    /// A form whose list beside it scrolls with the wheel (the sign-in
    /// screen's demo sign-ins).
    pub const fn with_wheel(self) -> KeyMap {
        KeyMap {
            wheel: true,
            ..self
        }
    }

    fn each(&self) -> impl Iterator<Item = &'static Binding> + use<> {
        self.rows.iter().flat_map(|rows| rows.iter())
    }
}

/// Key maps are statics: one is the same context as another only if it is
/// the same static.
impl PartialEq for KeyMap {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for KeyMap {}

impl std::fmt::Debug for KeyMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyMap({})", (self.title)(Lang::En))
    }
}

/// Where keys are read now: the key map of the top popup, else of the screen
/// or tab in front.
pub type Context = &'static KeyMap;

/// A key with its modifiers, as the rows spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

pub const fn key(code: KeyCode) -> Chord {
    Chord {
        code,
        mods: KeyModifiers::NONE,
    }
}
pub const fn ch(c: char) -> Chord {
    key(KeyCode::Char(c))
}
pub const fn ctrl(c: char) -> Chord {
    Chord {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
pub const fn alt(code: KeyCode) -> Chord {
    Chord {
        code,
        mods: KeyModifiers::ALT,
    }
}

/// One row of a key map.
pub struct Binding {
    pub chords: &'static [Chord],
    pub action: Action,
    /// How the keys are written in hints and help ("j/↓").
    pub keys: &'static str,
    /// What they do, in a few words.
    pub does: Words,
    /// Shown in the status bar (the most useful few); every row is in the help.
    pub hint: bool,
}

/// Enter in a form: the next field, and on the last one, submit.
pub const SUBMIT: &[Binding] = &[Binding {
    chords: &[key(KeyCode::Enter)],
    action: Action::Activate,
    keys: "Enter",
    does: Lang::tui_key_next_field_submit,
    hint: true,
}];

/// Between the fields of a form.
pub const FIELDS: &[Binding] = &[
    Binding {
        chords: &[key(KeyCode::Tab), key(KeyCode::Down)],
        action: Action::NextField,
        keys: "Tab",
        does: Lang::tui_key_next_field,
        // Enter's hint says it too ("next field / submit").
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::BackTab), alt(KeyCode::Tab), key(KeyCode::Up)],
        action: Action::PrevField,
        keys: "S-Tab",
        does: Lang::tui_key_previous_field,
        hint: false,
    },
];

/// Esc in a dialog.
pub const CANCEL: &[Binding] = &[Binding {
    chords: &[key(KeyCode::Esc)],
    action: Action::Back,
    keys: "Esc",
    does: Lang::tui_key_cancel,
    hint: true,
}];

/// Text editing in the focused field.
pub const EDIT: &[Binding] = &[
    Binding {
        chords: &[key(KeyCode::Backspace)],
        action: Action::Edit(EditOp::Backspace),
        keys: "Backspace",
        does: Lang::tui_key_delete_before_the_cursor,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::Delete)],
        action: Action::Edit(EditOp::Delete),
        keys: "Del",
        does: Lang::tui_key_delete_at_the_cursor,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::Left)],
        action: Action::Edit(EditOp::Left),
        keys: "←/→",
        does: Lang::tui_key_move_the_cursor,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::Right)],
        action: Action::Edit(EditOp::Right),
        keys: "←/→",
        does: Lang::tui_key_move_the_cursor,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::Home), ctrl('a')],
        action: Action::Edit(EditOp::Home),
        keys: "Home/End",
        does: Lang::tui_key_start_end_of_the_field,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::End), ctrl('e')],
        action: Action::Edit(EditOp::End),
        keys: "Home/End",
        does: Lang::tui_key_start_end_of_the_field,
        hint: false,
    },
    Binding {
        chords: &[ctrl('u')],
        action: Action::Edit(EditOp::Clear),
        keys: "Ctrl-U",
        does: Lang::tui_key_clear_the_field,
        hint: false,
    },
];

/// Help where `?` types (forms and dialogs).
pub const HELP_F1: &[Binding] = &[Binding {
    chords: &[key(KeyCode::F(1))],
    action: Action::OpenHelp,
    keys: "F1",
    does: HELP_WORDS,
    hint: true,
}];

/// The last row of every key map: there is always a way out, and the hints
/// always show it (in a text field `q` types a q, so Ctrl-C is the one way
/// that works everywhere).
pub const QUIT_ANYWHERE: &[Binding] = &[Binding {
    chords: &[ctrl('c')],
    action: Action::Quit,
    keys: "Ctrl-C",
    does: QUIT_WORDS,
    hint: true,
}];

/// What the quit rows say; the status bar always finds room for the hint
/// with these words, as for help.
pub const QUIT_WORDS: Words = Lang::tui_key_quit;

/// What the help rows say; the status bar always finds room for this hint.
pub const HELP_WORDS: Words = Lang::tui_key_help;

macro_rules! tab_number {
    ($digit:literal, $index:literal) => {
        Binding {
            chords: &[ch($digit)],
            action: Action::SelectTab($index),
            keys: "1-9",
            does: Lang::tui_key_go_to_tab_by_number,
            hint: false,
        }
    };
}

/// Between the tabs of the signed-in screen.
pub const SWITCH_TABS: &[Binding] = &[
    Binding {
        chords: &[key(KeyCode::Tab)],
        action: Action::NextTab,
        keys: "Tab/S-Tab",
        does: Lang::tui_key_switch_tab,
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::BackTab), alt(KeyCode::Tab)],
        action: Action::PrevTab,
        keys: "Tab/S-Tab",
        does: Lang::tui_key_switch_tab,
        hint: true,
    },
    tab_number!('1', 0),
    tab_number!('2', 1),
    tab_number!('3', 2),
    tab_number!('4', 3),
    tab_number!('5', 4),
    tab_number!('6', 5),
    tab_number!('7', 6),
    tab_number!('8', 7),
    tab_number!('9', 8),
];

/// Moving in a list (and scrolling a long view).
pub const MOVE: &[Binding] = &[
    Binding {
        chords: &[ch('k'), key(KeyCode::Up)],
        action: Action::Up,
        keys: "j/k ↑/↓",
        does: Lang::tui_key_move,
        hint: true,
    },
    Binding {
        chords: &[ch('j'), key(KeyCode::Down)],
        action: Action::Down,
        keys: "j/k ↑/↓",
        does: Lang::tui_key_move,
        hint: true,
    },
    // Lists paged from the store read the first or last page at once
    // (issue 15): these never step through the rows between.
    Binding {
        chords: &[ch('g'), key(KeyCode::Home)],
        action: Action::Top,
        keys: "g/G Home/End",
        does: Lang::tui_key_first_last_at_once,
        hint: false,
    },
    Binding {
        chords: &[ch('G'), key(KeyCode::End)],
        action: Action::Bottom,
        keys: "g/G Home/End",
        does: Lang::tui_key_first_last_at_once,
        hint: false,
    },
];

/// A list with a `/` filter (issue 15): typed text narrows it.
pub const FILTER: &[Binding] = &[Binding {
    chords: &[ch('/')],
    action: Action::StartFilter,
    keys: "/",
    does: Lang::tui_key_filter_the_list,
    hint: true,
}];

/// Esc on a filtered list: every row again.
pub const CLEAR_FILTER: &[Binding] = &[Binding {
    chords: &[key(KeyCode::Esc)],
    action: Action::Back,
    keys: "Esc",
    does: Lang::tui_key_clear_the_filter,
    hint: true,
}];

/// Esc on a list whose title shows its filter: in the help, not the hints
/// (the title says "Esc clears" while a filter is in force).
pub const CLEAR_FILTER_QUIET: &[Binding] = &[Binding {
    chords: &[key(KeyCode::Esc)],
    action: Action::Back,
    keys: "Esc",
    does: Lang::tui_key_clear_the_filter,
    hint: false,
}];

/// The filter line has the keys.
pub const IN_FILTER: &[Binding] = &[
    Binding {
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: Lang::tui_key_filter,
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: Lang::tui_key_clear_the_filter,
        hint: true,
    },
];

/// Lists long enough to page through (and the long views that scroll).
pub const PAGE: &[Binding] = &[
    Binding {
        chords: &[key(KeyCode::PageUp)],
        action: Action::PageUp,
        keys: "PgUp/PgDn",
        does: Lang::tui_key_a_page_up_down,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::PageDown)],
        action: Action::PageDown,
        keys: "PgUp/PgDn",
        does: Lang::tui_key_a_page_up_down,
        hint: false,
    },
];

/// The one refresh key of every tab: the screen is read again now (it also
/// re-reads by itself when anything changes, principle 2 of issue 15), and a
/// tab with a report read in the background asks for it again. F5 is the
/// habit of most apps, Ctrl-R works where F-keys do not reach (some
/// terminals and SSH clients).
pub const READ_AGAIN: &[Binding] = &[Binding {
    chords: &[key(KeyCode::F(5)), ctrl('r')],
    action: Action::Reload,
    keys: "F5/^R",
    does: Lang::tui_key_read_again_now,
    hint: false,
}];

/// The last rows of every tab's key map, before [`QUIT_ANYWHERE`].
pub const SIGN_OUT_HELP_QUIT: &[Binding] = &[
    Binding {
        chords: &[ch('x')],
        action: Action::SignOut,
        keys: "x",
        does: Lang::tui_key_sign_out,
        hint: false,
    },
    Binding {
        chords: &[ch('?'), key(KeyCode::F(1))],
        action: Action::OpenHelp,
        keys: "?",
        does: HELP_WORDS,
        hint: true,
    },
    // Ctrl-C is the hint (it works in text fields too); help lists `q`.
    Binding {
        chords: &[ch('q')],
        action: Action::Quit,
        keys: "q",
        does: Lang::tui_key_quit_outside_text_fields,
        hint: false,
    },
];

/// A job is running in front: only quitting is possible.
pub static BUSY: KeyMap = KeyMap::acting(Lang::tui_key_title_working, &[QUIT_ANYWHERE]);

/// Typing is not a row (any printable key); help mentions it.
pub const TYPING_HELP: (Words, Words) = (Lang::tui_key_typing_keys, Lang::tui_key_typing);

/// Shift is part of the character itself ('G', '?') and of BackTab; dropping it
/// lets the rows name those keys plainly.
fn normalized(event: &KeyEvent) -> Chord {
    let mut mods = event.modifiers;
    if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
        mods.remove(KeyModifiers::SHIFT);
    }
    Chord {
        code: event.code,
        mods,
    }
}

/// The action a key press means in a context. In typing contexts a printable
/// key without Ctrl/Alt types itself unless a row claims it.
pub fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
    let chord = normalized(event);
    let bound = context
        .each()
        .find(|b| b.chords.contains(&chord))
        .map(|b| b.action.clone());
    if bound.is_some() {
        return bound;
    }
    match chord.code {
        KeyCode::Char(c)
            if context.typing
                && !chord
                    .mods
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::Type(c))
        }
        _ => None,
    }
}

/// The rows of a context in `lang`, once per (keys, words) pair, in order.
pub fn bindings(context: Context, lang: Lang) -> Vec<(&'static str, &'static str, bool)> {
    let mut rows: Vec<(&str, &str, bool)> = Vec::new();
    for b in context.each() {
        let does = (b.does)(lang);
        if !rows.iter().any(|(k, d, _)| *k == b.keys && *d == does) {
            rows.push((b.keys, does, b.hint));
        }
    }
    rows
}

/// How the rows write the keys of `action` in `context` ("d"), for screens
/// that name a key next to what it does.
pub fn key_of(context: Context, action: &Action) -> Option<&'static str> {
    context.each().find(|b| b.action == *action).map(|b| b.keys)
}

/// The first key bound to `action` in `context`, written alone ("t"), where
/// the row names several keys at once ("p/t").
pub fn first_key(context: Context, action: &Action) -> Option<String> {
    let binding = context.each().find(|b| b.action == *action)?;
    let chord = binding.chords.first()?;
    Some(match chord.code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    })
}

/// A hint the status bar shows however narrow it is: the ways to help and
/// out, and the switches between a screen's panes or views (a pane nobody
/// knows how to reach is as good as hidden). `does` is in `lang`.
pub fn always_hinted(context: Context, lang: Lang, keys: &str, does: &str) -> bool {
    if does == HELP_WORDS(lang) || does == QUIT_WORDS(lang) {
        return true;
    }
    context.each().any(|b| {
        b.keys == keys
            && (b.does)(lang) == does
            && matches!(b.action, Action::NextPane | Action::ShowSupport(_))
    })
}

/// The status-bar hints of a context, in English ([`hints_in`]).
pub fn hints(context: Context) -> Vec<(&'static str, &'static str)> {
    hints_in(context, Lang::En)
}

/// The status-bar hints of a context, in `lang`.
pub fn hints_in(context: Context, lang: Lang) -> Vec<(&'static str, &'static str)> {
    bindings(context, lang)
        .into_iter()
        .filter(|(_, _, hint)| *hint)
        .map(|(k, d, _)| (k, d))
        .collect()
}

/// Every row of the help overlay for a context, in English ([`help_rows_in`]).
pub fn help_rows(context: Context) -> Vec<(&'static str, &'static str)> {
    help_rows_in(context, Lang::En)
}

/// Every row of the help overlay for a context, in `lang`.
pub fn help_rows_in(context: Context, lang: Lang) -> Vec<(&'static str, &'static str)> {
    let mut rows: Vec<(&str, &str)> = bindings(context, lang)
        .into_iter()
        .map(|(k, d, _)| (k, d))
        .collect();
    if context.typing {
        let (keys, does) = TYPING_HELP;
        rows.insert(0, (keys(lang), does(lang)));
    }
    rows
}
