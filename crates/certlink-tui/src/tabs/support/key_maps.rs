//! The Support tab's keys, one key map per view: the support engineers'
//! people (the list, the search box, one person) and ticket queue (the list,
//! one ticket), and everyone else's own tickets (the list, one ticket).

use ratatui::crossterm::event::KeyCode;

use crate::action::{Action, SupportView};
use crate::keys::{self, Binding, KeyMap, ch, key};

const SEARCH_PEOPLE: &[Binding] = &[Binding {
    chords: &[ch('/')],
    action: Action::StartFilter,
    keys: "/",
    does: certlink_i18n::Lang::tui_key_search_people,
    hint: true,
}];

const OPEN_PERSON: &[Binding] = &[Binding {
    chords: &[key(KeyCode::Enter)],
    action: Action::Activate,
    keys: "Enter",
    does: certlink_i18n::Lang::tui_key_open_the_person,
    hint: true,
}];

const IN_SEARCH_BOX: &[Binding] = &[
    Binding {
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: certlink_i18n::Lang::tui_key_search,
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: certlink_i18n::Lang::tui_key_leave_the_search_box,
        hint: true,
    },
];

const READ_TICKET: &[Binding] = &[Binding {
    chords: &[key(KeyCode::Enter)],
    action: Action::Activate,
    keys: "Enter",
    does: certlink_i18n::Lang::tui_key_read_the_ticket,
    hint: true,
}];

const BACK_TO_LIST: &[Binding] = &[Binding {
    chords: &[key(KeyCode::Esc)],
    action: Action::Back,
    keys: "Esc",
    does: certlink_i18n::Lang::tui_key_back_to_the_list,
    hint: true,
}];

const NEW_TICKET: &[Binding] = &[Binding {
    chords: &[ch('n')],
    action: Action::NewTicket,
    keys: "n",
    does: certlink_i18n::Lang::tui_key_open_a_ticket,
    hint: true,
}];

/// R14: replying to the ticket in front.
const REPLY: &[Binding] = &[Binding {
    chords: &[ch('r')],
    action: Action::ReplyTicket,
    keys: "r",
    does: certlink_i18n::Lang::tui_key_reply,
    hint: true,
}];

const RESOLVE: &[Binding] = &[Binding {
    chords: &[ch('c')],
    action: Action::ResolveTicket,
    keys: "c",
    does: certlink_i18n::Lang::tui_key_resolve_close,
    hint: true,
}];

/// Support engineers' views: `p` and `t` switch between the people and
/// ticket panes. First in every desk view's keys, so the status bar always
/// says how to switch (issue 15, principle 4).
const PANES: &[Binding] = &[
    Binding {
        chords: &[ch('p')],
        action: Action::ShowSupport(SupportView::People),
        keys: "p/t",
        does: certlink_i18n::Lang::tui_key_people_ticket_queue,
        hint: true,
    },
    Binding {
        chords: &[ch('t')],
        action: Action::ShowSupport(SupportView::Tickets),
        keys: "p/t",
        does: certlink_i18n::Lang::tui_key_people_ticket_queue,
        hint: true,
    },
];

/// `m` merges profiles (R15), from either pane.
const MERGE: &[Binding] = &[Binding {
    chords: &[ch('m')],
    action: Action::MergeProfiles,
    keys: "m",
    does: certlink_i18n::Lang::tui_key_merge_mcids,
    hint: true,
}];

/// What every view of the tab but the search box ends with.
macro_rules! tab_rows {
    ($($rows:expr),* $(,)?) => {
        &[
            $($rows,)*
            keys::READ_AGAIN,
            keys::SWITCH_TABS,
            keys::MOVE,
            keys::PAGE,
            keys::SIGN_OUT_HELP_QUIT,
            keys::QUIT_ANYWHERE,
        ]
    };
}

pub static PEOPLE: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_support_people,
    tab_rows![PANES, SEARCH_PEOPLE, OPEN_PERSON, MERGE],
);

pub static SEARCH: KeyMap = KeyMap::typing(
    certlink_i18n::Lang::tui_key_title_support_search,
    &[
        keys::EDIT,
        IN_SEARCH_BOX,
        keys::HELP_F1,
        keys::QUIT_ANYWHERE,
    ],
);

pub static PERSON: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_support_person,
    tab_rows![PANES, BACK_TO_LIST, MERGE],
);

pub static QUEUE: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_support_ticket_queue,
    tab_rows![
        PANES,
        READ_TICKET,
        REPLY,
        RESOLVE,
        keys::FILTER,
        MERGE,
        keys::CLEAR_FILTER_QUIET
    ],
);

pub static QUEUE_TICKET: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_support_ticket,
    tab_rows![PANES, BACK_TO_LIST, REPLY, RESOLVE, MERGE],
);

pub static MY_TICKETS: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_support_your_tickets,
    tab_rows![
        READ_TICKET,
        NEW_TICKET,
        REPLY,
        keys::FILTER,
        keys::CLEAR_FILTER_QUIET
    ],
);

/// The ticket list's filter line has the keys.
pub static TICKET_FILTER: KeyMap = KeyMap::typing(
    certlink_i18n::Lang::tui_key_title_support_filter_the_tickets,
    &[
        keys::IN_FILTER,
        keys::EDIT,
        keys::HELP_F1,
        keys::QUIT_ANYWHERE,
    ],
);

pub static MY_TICKET: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_support_your_ticket,
    tab_rows![BACK_TO_LIST, REPLY],
);

/// The queue with a resolved ticket selected: resolving is not offered
/// (R14, `tickets::may_resolve`; issue 15, principle 3).
pub static QUEUE_RESOLVED: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_support_ticket_queue,
    tab_rows![
        PANES,
        READ_TICKET,
        REPLY,
        keys::FILTER,
        MERGE,
        keys::CLEAR_FILTER_QUIET
    ],
);

/// A resolved ticket being read: resolving is not offered.
pub static QUEUE_TICKET_RESOLVED: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_support_ticket,
    tab_rows![PANES, BACK_TO_LIST, REPLY, MERGE],
);
