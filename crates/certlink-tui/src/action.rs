//! The one vocabulary of the app (the ratatui component template's `Action`):
//! keys, mouse and paste become actions, and the screen, the popups and the
//! tabs each turn the actions they are given into new state and jobs. Every
//! part speaks it, so it depends on none of them: this module imports nothing
//! from the app. The answers of jobs do not come back as actions but as
//! [`Done`](crate::jobs::Done), to the part that asked.

use certlink_domain::Role;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave the app (q outside text fields, Ctrl-C anywhere).
    Quit,
    /// Open the help overlay of the current screen.
    OpenHelp,
    /// Esc: close the top popup, cancel a dialog, or clear the sign-in form.
    Back,
    NextTab,
    PrevTab,
    /// Number keys: the n-th visible tab (0-based here).
    SelectTab(usize),
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    /// Left/right between the panes of a tab (Associations).
    NextPane,
    /// Enter: act on what is selected or submit the focused form.
    Activate,
    NextField,
    PrevField,
    /// A printable character typed into the focused text field.
    Type(char),
    /// Bracketed paste into the focused text field.
    Paste(String),
    Edit(EditOp),
    /// Sign-in screen, sandbox only: fill the form with the selected demo sign-in.
    UseDemoSignIn,
    /// Skills report: sort by the next column / reverse the order.
    CycleSort,
    ReverseSort,
    /// Skills report: give the keys to the filter line.
    StartFilter,
    /// Skills report: ask where to write the CSV, then write it (R10).
    Download,
    /// Read the tab's report again (reports are read once, then on request).
    Reload,
    /// Learn analytics: move or resize the date range.
    MoveRange(RangeMove),
    /// Users tab (R13): open the invitation dialog.
    InviteUser,
    /// Users tab (R13): new sign-in details for the selected invited account,
    /// optionally at a corrected email.
    ResendInvitation,
    /// Users tab (R12): delete the selected account, after a confirmation.
    DeleteUser,
    /// Users tab (R12): end a departed person's link, after a confirmation.
    RemoveFromReport,
    /// Users tab (R17): grant the role if the selected account lacks it, else
    /// revoke it, after a confirmation.
    ToggleRole(Role),
    /// Support tab (support engineers): people or the ticket queue.
    ShowSupport(SupportView),
    /// Support tab (R14): open a ticket / reply to / resolve the selected one.
    NewTicket,
    ReplyTicket,
    ResolveTicket,
    /// Support tab (R15): the MCID merge dialog.
    MergeProfiles,
    /// Profile tab (issue 16): choose the language saved on the profile.
    ChooseLanguage,
    /// Dialogs: flip the focused tick box or move the focused choice.
    Toggle,
    ChoiceNext,
    ChoicePrev,
    /// Confirmation dialog: yes / no.
    Confirm,
    Cancel,
    SignOut,
    /// A left click at a terminal cell.
    Click {
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// Time passes while a job runs (progress spinner).
    Tick,
}

impl Action {
    /// The move a list key asks for, in rows (`page` rows for PgUp/PgDn);
    /// None for any other action.
    pub fn list_move(&self, page: isize) -> Option<isize> {
        match self {
            Action::Up => Some(-1),
            Action::Down => Some(1),
            Action::PageUp => Some(-page),
            Action::PageDown => Some(page),
            Action::Top => Some(isize::MIN / 2),
            Action::Bottom => Some(isize::MAX / 2),
            _ => None,
        }
    }
}

/// Editing keys of a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOp {
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    Clear,
    /// Breaks the line (multi-line fields only; a single line ignores it).
    Newline,
}

/// How the Learn analytics range changes (R18).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeMove {
    /// A month earlier, same length.
    Earlier,
    /// A month later, same length, never past today.
    Later,
    /// A month longer (starts a month earlier).
    Wider,
    /// A month shorter (starts a month later), at least a month.
    Narrower,
}

/// The support engineers' two views of the Support tab, each with its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SupportView {
    #[default]
    People,
    Tickets,
}
