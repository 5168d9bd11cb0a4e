//! The one key table. It maps keys to actions per context, and the same rows
//! drive the status-bar hints and the `?` help overlay, so help can never drift
//! from the keys (gitui's `key_list` + `commands()` idea).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, EditOp, RangeMove};
use super::tabs::support::SupportView;
use certlink_domain::Role;

/// Where keys are read: the top popup, else the screen or tab in front.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    SignIn,
    PasswordChange,
    Profile,
    Associations,
    /// The skills report tab (R10), and its filter line while typing there.
    Skills,
    SkillsFilter,
    Competencies,
    Learning,
    /// The organization's accounts (Global Admins, R12, R13, R17).
    Users,
    /// Support engineers: the people found, the search box, one person.
    SupportPeople,
    SupportSearch,
    SupportPerson,
    /// Support engineers: the ticket queue, one ticket (R14).
    Queue,
    QueueTicket,
    /// People of an organization: their own tickets, one ticket (R14).
    MyTickets,
    MyTicket,
    Credentials,
    /// A dialog's form with a text field focused (invite, resend, tickets, merge).
    Dialog,
    /// The same with a tick box or a choice focused: Space and ←/→ choose.
    DialogChoice,
    /// The download dialog: a path to confirm.
    Download,
    Confirm,
    Message,
    Help,
    /// A service call is running: only quitting is possible.
    Busy,
}

impl Context {
    /// Contexts with a focused text field: printable keys type (so `q` does not quit).
    pub fn is_typing(self) -> bool {
        matches!(
            self,
            Context::SignIn
                | Context::PasswordChange
                | Context::Credentials
                | Context::SkillsFilter
                | Context::Download
                | Context::Dialog
                | Context::SupportSearch
        )
    }

    /// The title of the help overlay for this context.
    pub fn title(self) -> &'static str {
        match self {
            Context::SignIn => "Sign-in",
            Context::PasswordChange => "New password",
            Context::Profile => "Profile",
            Context::Associations => "Associations",
            Context::Skills => "Skills report",
            Context::SkillsFilter => "Skills report filter",
            Context::Competencies => "Competencies",
            Context::Learning => "Learn analytics",
            Context::Users => "Users",
            Context::SupportPeople => "Support: people",
            Context::SupportSearch => "Support: search",
            Context::SupportPerson => "Support: person",
            Context::Queue => "Support: ticket queue",
            Context::QueueTicket => "Support: ticket",
            Context::MyTickets => "Support: your tickets",
            Context::MyTicket => "Support: your ticket",
            Context::Dialog => "Dialog",
            Context::DialogChoice => "Dialog",
            Context::Download => "Download",
            Context::Credentials => "Credentials dialog",
            Context::Confirm => "Confirmation",
            Context::Message => "Message",
            Context::Help => "Help",
            Context::Busy => "Working",
        }
    }
}

/// A key with its modifiers, as the table spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Chord {
    Chord {
        code,
        mods: KeyModifiers::NONE,
    }
}
const fn ch(c: char) -> Chord {
    key(KeyCode::Char(c))
}
const fn ctrl(c: char) -> Chord {
    Chord {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
const fn alt(code: KeyCode) -> Chord {
    Chord {
        code,
        mods: KeyModifiers::ALT,
    }
}

/// One row of the key table.
pub struct Binding {
    pub contexts: &'static [Context],
    pub chords: &'static [Chord],
    pub action: Action,
    /// How the keys are written in hints and help ("j/↓").
    pub keys: &'static str,
    /// What they do, in a few words.
    pub does: &'static str,
    /// Shown in the status bar (the most useful few); every row is in the help.
    pub hint: bool,
}

use Context::*;

const ALL: &[Context] = &[
    SignIn,
    PasswordChange,
    Profile,
    Associations,
    Skills,
    SkillsFilter,
    Competencies,
    Learning,
    Users,
    SupportPeople,
    SupportSearch,
    SupportPerson,
    Queue,
    QueueTicket,
    MyTickets,
    MyTicket,
    Credentials,
    Dialog,
    DialogChoice,
    Download,
    Confirm,
    Message,
    Help,
    Busy,
];
const TABS: &[Context] = &[
    Profile,
    Associations,
    Skills,
    Competencies,
    Learning,
    Users,
    SupportPeople,
    SupportPerson,
    Queue,
    QueueTicket,
    MyTickets,
    MyTicket,
];
const FORMS: &[Context] = &[SignIn, PasswordChange, Credentials, Dialog, DialogChoice];
/// Contexts with a text field: the editing keys work there.
const TEXT: &[Context] = &[
    SignIn,
    PasswordChange,
    Credentials,
    SkillsFilter,
    Download,
    Dialog,
    SupportSearch,
];
const LISTS: &[Context] = &[
    Profile,
    Associations,
    Skills,
    Competencies,
    Learning,
    Users,
    SupportPeople,
    SupportPerson,
    Queue,
    QueueTicket,
    MyTickets,
    MyTicket,
    Help,
];
/// Lists long enough to page through (and the long views that scroll).
const PAGED: &[Context] = &[
    Associations,
    Skills,
    Competencies,
    Learning,
    Users,
    SupportPeople,
    SupportPerson,
    Queue,
    QueueTicket,
    MyTickets,
    MyTicket,
    Help,
];
/// Support engineers' views: `p` and `t` switch between people and tickets,
/// `m` merges profiles (R15).
const SUPPORT_FACE: &[Context] = &[SupportPeople, SupportPerson, Queue, QueueTicket];
/// Lists and views of tickets where `r` replies to the ticket in front (R14).
const TICKETS: &[Context] = &[Queue, QueueTicket, MyTickets, MyTicket];
/// Tabs read from the service on every visit; F5 reads them again now.
const LIVE: &[Context] = &[
    Users,
    SupportPeople,
    SupportPerson,
    Queue,
    QueueTicket,
    MyTickets,
    MyTicket,
];
/// Tabs showing a report read once: `r` reads it again.
const REPORTS: &[Context] = &[Skills, Competencies, Learning];

macro_rules! tab_number {
    ($digit:literal, $index:literal) => {
        Binding {
            contexts: TABS,
            chords: &[ch($digit)],
            action: Action::SelectTab($index),
            keys: "1-9",
            does: "go to tab by number",
            hint: false,
        }
    };
}

/// Every key of the app. Order matters only for display: hints and help list
/// rows in this order (rows with the same keys and words are shown once).
pub static KEY_TABLE: &[Binding] = &[
    // Forms: submitting comes first, it is what people look for.
    Binding {
        contexts: &[SignIn],
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: "sign in",
        hint: true,
    },
    Binding {
        contexts: &[PasswordChange, Credentials, Dialog, DialogChoice],
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: "submit",
        hint: true,
    },
    Binding {
        contexts: &[DialogChoice],
        chords: &[ch(' '), key(KeyCode::Right), ch('l')],
        action: Action::ChoiceNext,
        keys: "Space/←/→",
        does: "tick / choose",
        hint: true,
    },
    Binding {
        contexts: &[DialogChoice],
        chords: &[key(KeyCode::Left), ch('h')],
        action: Action::ChoicePrev,
        keys: "Space/←/→",
        does: "tick / choose",
        hint: true,
    },
    Binding {
        contexts: FORMS,
        chords: &[key(KeyCode::Tab), key(KeyCode::Down)],
        action: Action::NextField,
        keys: "Tab",
        does: "next field",
        hint: true,
    },
    Binding {
        contexts: FORMS,
        chords: &[key(KeyCode::BackTab), alt(KeyCode::Tab), key(KeyCode::Up)],
        action: Action::PrevField,
        keys: "S-Tab",
        does: "previous field",
        hint: false,
    },
    Binding {
        contexts: &[SignIn],
        chords: &[key(KeyCode::PageDown)],
        action: Action::Down,
        keys: "PgDn",
        does: "next demo sign-in (sandbox)",
        hint: false,
    },
    Binding {
        contexts: &[SignIn],
        chords: &[key(KeyCode::PageUp)],
        action: Action::Up,
        keys: "PgUp",
        does: "previous demo sign-in (sandbox)",
        hint: false,
    },
    Binding {
        contexts: &[SignIn],
        chords: &[key(KeyCode::F(2))],
        action: Action::UseDemoSignIn,
        keys: "F2",
        does: "use the selected demo sign-in",
        hint: true,
    },
    Binding {
        contexts: &[SignIn],
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: "clear the form",
        hint: false,
    },
    Binding {
        contexts: &[PasswordChange],
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: "back to sign-in",
        hint: true,
    },
    Binding {
        contexts: &[Credentials, Dialog, DialogChoice],
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: "cancel",
        hint: true,
    },
    // Text editing in the focused field.
    Binding {
        contexts: TEXT,
        chords: &[key(KeyCode::Backspace)],
        action: Action::Edit(EditOp::Backspace),
        keys: "Backspace",
        does: "delete before the cursor",
        hint: false,
    },
    Binding {
        contexts: TEXT,
        chords: &[key(KeyCode::Delete)],
        action: Action::Edit(EditOp::Delete),
        keys: "Del",
        does: "delete at the cursor",
        hint: false,
    },
    Binding {
        contexts: TEXT,
        chords: &[key(KeyCode::Left)],
        action: Action::Edit(EditOp::Left),
        keys: "←/→",
        does: "move the cursor",
        hint: false,
    },
    Binding {
        contexts: TEXT,
        chords: &[key(KeyCode::Right)],
        action: Action::Edit(EditOp::Right),
        keys: "←/→",
        does: "move the cursor",
        hint: false,
    },
    Binding {
        contexts: TEXT,
        chords: &[key(KeyCode::Home), ctrl('a')],
        action: Action::Edit(EditOp::Home),
        keys: "Home/End",
        does: "start / end of the field",
        hint: false,
    },
    Binding {
        contexts: TEXT,
        chords: &[key(KeyCode::End), ctrl('e')],
        action: Action::Edit(EditOp::End),
        keys: "Home/End",
        does: "start / end of the field",
        hint: false,
    },
    Binding {
        contexts: TEXT,
        chords: &[ctrl('u')],
        action: Action::Edit(EditOp::Clear),
        keys: "Ctrl-U",
        does: "clear the field",
        hint: false,
    },
    // Confirmation.
    Binding {
        contexts: &[Confirm],
        chords: &[ch('y')],
        action: Action::Confirm,
        keys: "y",
        does: "yes, do it",
        hint: true,
    },
    Binding {
        contexts: &[Confirm],
        chords: &[ch('n'), key(KeyCode::Esc)],
        action: Action::Cancel,
        keys: "n/Esc",
        does: "no, keep it",
        hint: true,
    },
    Binding {
        contexts: &[Confirm],
        chords: &[
            key(KeyCode::Tab),
            key(KeyCode::BackTab),
            alt(KeyCode::Tab),
            key(KeyCode::Left),
            key(KeyCode::Right),
            ch('h'),
            ch('l'),
        ],
        action: Action::NextField,
        keys: "Tab/←/→",
        does: "choose a button",
        hint: false,
    },
    Binding {
        contexts: &[Confirm],
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: "press the chosen button",
        hint: true,
    },
    // Messages and help.
    Binding {
        contexts: &[Message],
        chords: &[key(KeyCode::Enter), key(KeyCode::Esc), ch('q')],
        action: Action::Back,
        keys: "Enter/Esc",
        does: "close",
        hint: true,
    },
    Binding {
        contexts: &[Help],
        chords: &[key(KeyCode::Esc), ch('?'), ch('q'), key(KeyCode::F(1))],
        action: Action::Back,
        keys: "Esc/?",
        does: "close help",
        hint: true,
    },
    // The skills report's filter line and the download dialog.
    Binding {
        contexts: &[SkillsFilter],
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: "keep the filter, back to the rows",
        hint: true,
    },
    Binding {
        contexts: &[SkillsFilter],
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: "clear the filter",
        hint: true,
    },
    Binding {
        contexts: &[Download],
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: "write the file",
        hint: true,
    },
    Binding {
        contexts: &[Download],
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: "cancel",
        hint: true,
    },
    // The Users tab (R12, R13, R17).
    Binding {
        contexts: &[Users],
        chords: &[ch('i')],
        action: Action::InviteUser,
        keys: "i",
        does: "invite",
        hint: true,
    },
    Binding {
        contexts: &[Users],
        chords: &[ch('e')],
        action: Action::ResendInvitation,
        keys: "e",
        does: "resend sign-in details",
        hint: true,
    },
    Binding {
        contexts: &[Users],
        chords: &[ch('d'), key(KeyCode::Delete)],
        action: Action::DeleteUser,
        keys: "d",
        does: "delete",
        hint: true,
    },
    Binding {
        contexts: &[Users],
        chords: &[ch('u')],
        action: Action::RemoveFromReport,
        keys: "u",
        does: "remove a departed person from the report",
        hint: false,
    },
    Binding {
        contexts: &[Users],
        chords: &[ch('p')],
        action: Action::ToggleRole(Role::PartnerAdmin),
        keys: "p",
        does: "grant / revoke MPN Partner Admin",
        hint: false,
    },
    Binding {
        contexts: &[Users],
        chords: &[ch('a')],
        action: Action::ToggleRole(Role::GlobalAdmin),
        keys: "a",
        does: "grant / revoke Global Admin",
        hint: false,
    },
    // The Support tab (R14, R15, R16).
    Binding {
        contexts: &[SupportSearch],
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: "search",
        hint: true,
    },
    Binding {
        contexts: &[SupportSearch],
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: "leave the search box",
        hint: true,
    },
    Binding {
        contexts: &[SupportPeople],
        chords: &[ch('/')],
        action: Action::StartFilter,
        keys: "/",
        does: "search people",
        hint: true,
    },
    Binding {
        contexts: &[SupportPeople],
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: "open the person",
        hint: true,
    },
    Binding {
        contexts: &[Queue, MyTickets],
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: "read the ticket",
        hint: true,
    },
    Binding {
        contexts: &[SupportPerson, QueueTicket, MyTicket],
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: "back to the list",
        hint: true,
    },
    Binding {
        contexts: &[MyTickets],
        chords: &[ch('n')],
        action: Action::NewTicket,
        keys: "n",
        does: "open a ticket",
        hint: true,
    },
    Binding {
        contexts: TICKETS,
        chords: &[ch('r')],
        action: Action::ReplyTicket,
        keys: "r",
        does: "reply",
        hint: true,
    },
    Binding {
        contexts: &[Queue, QueueTicket],
        chords: &[ch('c')],
        action: Action::ResolveTicket,
        keys: "c",
        does: "resolve (close)",
        hint: true,
    },
    Binding {
        contexts: SUPPORT_FACE,
        chords: &[ch('p')],
        action: Action::ShowSupport(SupportView::People),
        keys: "p/t",
        does: "people / ticket queue",
        hint: true,
    },
    Binding {
        contexts: SUPPORT_FACE,
        chords: &[ch('t')],
        action: Action::ShowSupport(SupportView::Tickets),
        keys: "p/t",
        does: "people / ticket queue",
        hint: true,
    },
    Binding {
        contexts: SUPPORT_FACE,
        chords: &[ch('m')],
        action: Action::MergeProfiles,
        keys: "m",
        does: "merge MCIDs",
        hint: true,
    },
    Binding {
        contexts: LIVE,
        chords: &[key(KeyCode::F(5))],
        action: Action::Reload,
        keys: "F5",
        does: "read again",
        hint: false,
    },
    // Reports.
    Binding {
        contexts: &[Skills],
        chords: &[ch('/')],
        action: Action::StartFilter,
        keys: "/",
        does: "filter",
        hint: true,
    },
    Binding {
        contexts: &[Skills],
        chords: &[ch('s')],
        action: Action::CycleSort,
        keys: "s/S",
        does: "sort column / reverse",
        hint: true,
    },
    Binding {
        contexts: &[Skills],
        chords: &[ch('S')],
        action: Action::ReverseSort,
        keys: "s/S",
        does: "sort column / reverse",
        hint: true,
    },
    Binding {
        contexts: &[Skills],
        chords: &[ch('d')],
        action: Action::Download,
        keys: "d",
        does: "download CSV",
        hint: true,
    },
    Binding {
        contexts: &[Skills],
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: "clear the filter",
        hint: false,
    },
    Binding {
        contexts: &[Learning],
        chords: &[ch('[')],
        action: Action::MoveRange(RangeMove::Earlier),
        keys: "[/]",
        does: "range a month earlier / later",
        hint: true,
    },
    Binding {
        contexts: &[Learning],
        chords: &[ch(']')],
        action: Action::MoveRange(RangeMove::Later),
        keys: "[/]",
        does: "range a month earlier / later",
        hint: true,
    },
    Binding {
        contexts: &[Learning],
        chords: &[ch('+'), ch('=')],
        action: Action::MoveRange(RangeMove::Wider),
        keys: "+/-",
        does: "widen / narrow the range",
        hint: true,
    },
    Binding {
        contexts: &[Learning],
        chords: &[ch('-')],
        action: Action::MoveRange(RangeMove::Narrower),
        keys: "+/-",
        does: "widen / narrow the range",
        hint: true,
    },
    Binding {
        contexts: &[Competencies],
        chords: &[ch('h'), ch('l'), key(KeyCode::Left), key(KeyCode::Right)],
        action: Action::NextPane,
        keys: "h/l ←/→",
        does: "competencies / who counts",
        hint: true,
    },
    Binding {
        contexts: REPORTS,
        chords: &[ch('r')],
        action: Action::Reload,
        keys: "r",
        does: "read the report again",
        hint: false,
    },
    // Tabs.
    Binding {
        contexts: &[Profile],
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: "open / act",
        hint: true,
    },
    Binding {
        contexts: TABS,
        chords: &[key(KeyCode::Tab)],
        action: Action::NextTab,
        keys: "Tab/S-Tab",
        does: "switch tab",
        hint: true,
    },
    Binding {
        contexts: TABS,
        chords: &[key(KeyCode::BackTab), alt(KeyCode::Tab)],
        action: Action::PrevTab,
        keys: "Tab/S-Tab",
        does: "switch tab",
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
    Binding {
        contexts: LISTS,
        chords: &[ch('k'), key(KeyCode::Up)],
        action: Action::Up,
        keys: "j/k ↑/↓",
        does: "move",
        hint: true,
    },
    Binding {
        contexts: LISTS,
        chords: &[ch('j'), key(KeyCode::Down)],
        action: Action::Down,
        keys: "j/k ↑/↓",
        does: "move",
        hint: true,
    },
    Binding {
        contexts: LISTS,
        chords: &[ch('g'), key(KeyCode::Home)],
        action: Action::Top,
        keys: "g/G",
        does: "first / last",
        hint: false,
    },
    Binding {
        contexts: LISTS,
        chords: &[ch('G'), key(KeyCode::End)],
        action: Action::Bottom,
        keys: "g/G",
        does: "first / last",
        hint: false,
    },
    Binding {
        contexts: PAGED,
        chords: &[key(KeyCode::PageUp)],
        action: Action::PageUp,
        keys: "PgUp/PgDn",
        does: "a page up / down",
        hint: false,
    },
    Binding {
        contexts: PAGED,
        chords: &[key(KeyCode::PageDown)],
        action: Action::PageDown,
        keys: "PgUp/PgDn",
        does: "a page up / down",
        hint: false,
    },
    Binding {
        contexts: &[Associations],
        chords: &[ch('h'), ch('l'), key(KeyCode::Left), key(KeyCode::Right)],
        action: Action::NextPane,
        keys: "h/l ←/→",
        does: "your history / the organization's links",
        hint: false,
    },
    Binding {
        contexts: TABS,
        chords: &[ch('x')],
        action: Action::SignOut,
        keys: "x",
        does: "sign out",
        hint: false,
    },
    // Everywhere.
    Binding {
        contexts: TABS,
        chords: &[ch('?'), key(KeyCode::F(1))],
        action: Action::OpenHelp,
        keys: "?",
        does: "help",
        hint: true,
    },
    Binding {
        contexts: &[
            SignIn,
            PasswordChange,
            Credentials,
            SkillsFilter,
            Download,
            Confirm,
            Dialog,
            DialogChoice,
            SupportSearch,
        ],
        chords: &[key(KeyCode::F(1))],
        action: Action::OpenHelp,
        keys: "F1",
        does: "help",
        hint: true,
    },
    Binding {
        contexts: TABS,
        chords: &[ch('q')],
        action: Action::Quit,
        keys: "q",
        does: "quit",
        hint: true,
    },
    Binding {
        contexts: ALL,
        chords: &[ctrl('c')],
        action: Action::Quit,
        keys: "Ctrl-C",
        does: "quit, from anywhere",
        hint: false,
    },
];

/// Typing is not a row of the table (any printable key); help mentions it.
pub const TYPING_HELP: (&str, &str) = ("text", "type or paste into the focused field");

/// Shift is part of the character itself ('G', '?') and of BackTab; dropping it
/// lets the table name those keys plainly.
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
/// key without Ctrl/Alt types itself unless the table claims it.
pub fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
    let chord = normalized(event);
    let bound = KEY_TABLE
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find(|b| b.chords.contains(&chord))
        .map(|b| b.action.clone());
    if bound.is_some() {
        return bound;
    }
    match chord.code {
        KeyCode::Char(c)
            if context.is_typing()
                && !chord
                    .mods
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::Type(c))
        }
        _ => None,
    }
}

/// The rows of a context, once per (keys, words) pair, in table order.
pub fn bindings(context: Context) -> Vec<(&'static str, &'static str, bool)> {
    let mut rows: Vec<(&str, &str, bool)> = Vec::new();
    for b in KEY_TABLE.iter().filter(|b| b.contexts.contains(&context)) {
        if !rows.iter().any(|(k, d, _)| *k == b.keys && *d == b.does) {
            rows.push((b.keys, b.does, b.hint));
        }
    }
    rows
}

/// How the key table writes the keys of `action` in `context` ("d"), for
/// screens that name a key next to what it does.
pub fn key_of(context: Context, action: &Action) -> Option<&'static str> {
    KEY_TABLE
        .iter()
        .find(|b| b.contexts.contains(&context) && b.action == *action)
        .map(|b| b.keys)
}

/// The first key bound to `action` in `context`, written alone ("t"), where
/// the table's row names several keys at once ("p/t").
pub fn first_key(context: Context, action: &Action) -> Option<String> {
    let binding = KEY_TABLE
        .iter()
        .find(|b| b.contexts.contains(&context) && b.action == *action)?;
    let chord = binding.chords.first()?;
    Some(match chord.code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    })
}

/// The status-bar hints of a context.
pub fn hints(context: Context) -> Vec<(&'static str, &'static str)> {
    bindings(context)
        .into_iter()
        .filter(|(_, _, hint)| *hint)
        .map(|(k, d, _)| (k, d))
        .collect()
}

/// Every row of the help overlay for a context.
pub fn help_rows(context: Context) -> Vec<(&'static str, &'static str)> {
    let mut rows: Vec<(&str, &str)> = bindings(context)
        .into_iter()
        .map(|(k, d, _)| (k, d))
        .collect();
    if context.is_typing() {
        rows.insert(0, TYPING_HELP);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        let mut e = KeyEvent::new(code, mods);
        e.kind = KeyEventKind::Press;
        e
    }

    #[test]
    fn q_quits_on_tabs_but_types_in_forms() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(Context::Profile, &q), Some(Action::Quit));
        assert_eq!(action_for(Context::SignIn, &q), Some(Action::Type('q')));
        assert_eq!(
            action_for(Context::Credentials, &q),
            Some(Action::Type('q'))
        );
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        let c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for context in ALL {
            assert_eq!(action_for(*context, &c), Some(Action::Quit), "{context:?}");
        }
    }

    #[test]
    fn shift_tab_backtab_and_alt_tab_go_back() {
        for e in [
            press(KeyCode::BackTab, KeyModifiers::SHIFT),
            press(KeyCode::BackTab, KeyModifiers::NONE),
            press(KeyCode::Tab, KeyModifiers::ALT),
        ] {
            assert_eq!(action_for(Context::Profile, &e), Some(Action::PrevTab));
            assert_eq!(action_for(Context::SignIn, &e), Some(Action::PrevField));
        }
        let shifted_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            action_for(Context::Associations, &shifted_g),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn every_context_has_help_and_a_way_out() {
        for context in ALL {
            let rows = help_rows(*context);
            assert!(rows.iter().any(|(k, _)| *k == "Ctrl-C"), "{context:?}");
        }
        // Hints come from the same rows as help.
        for context in ALL {
            let help = help_rows(*context);
            for hint in hints(*context) {
                assert!(help.contains(&hint), "{context:?} {hint:?}");
            }
        }
    }
}
