//! The confirmation asked before every unlink, removal, deletion, role change
//! or merge (R2, R7, R12, R15, R17): it says what will end and
//! what it costs, and defaults to the harmless answer. A *guarded* confirmation
//! (a merge of profiles that look like two people, R15) shows its warning and
//! runs only once a word is typed: neither `y` nor Enter alone can say yes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use ratatui::crossterm::event::KeyCode;

use super::frame::{dialog_area, dialog_inner_width, draw_frame};
use super::reply::Reply;
use crate::action::{Action, EditOp};
use crate::components::{button, wrap};
use crate::jobs::Job;
use crate::keys::{self, Binding, KeyMap, alt, ch, key};
use crate::theme::Theme;
use certlink_i18n::Lang;

/// The confirmation carries the job it runs on "Yes", made by the tab that
/// asks: nothing else knows what is being confirmed.
pub struct ConfirmDialog {
    /// Taken when "Yes" runs it.
    job: Option<Job>,
    pub title: String,
    pub text: String,
    pub yes: &'static str,
    /// The focused button; "No" first, so Enter alone changes nothing.
    pub yes_focused: bool,
    /// The explicit second confirmation, when one is needed.
    pub guard: Option<Guard>,
}

/// A warning, and the word to type before "Yes" can run (issue 15, principle 8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guard {
    pub warning: String,
    pub word: &'static str,
    pub typed: String,
}

impl Guard {
    fn satisfied(&self) -> bool {
        self.typed.trim().eq_ignore_ascii_case(self.word)
    }
}

impl std::fmt::Debug for ConfirmDialog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConfirmDialog")
            .field("job", &self.job)
            .field("title", &self.title)
            .finish()
    }
}

const ROWS: &[Binding] = &[
    Binding {
        chords: &[ch('y')],
        action: Action::Confirm,
        keys: "y",
        does: certlink_i18n::Lang::tui_key_yes_do_it,
        hint: true,
    },
    Binding {
        chords: &[ch('n'), key(KeyCode::Esc)],
        action: Action::Cancel,
        keys: "n/Esc",
        does: certlink_i18n::Lang::tui_key_no_keep_it,
        hint: true,
    },
    Binding {
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
        does: certlink_i18n::Lang::tui_key_choose_a_button,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: certlink_i18n::Lang::tui_key_press_the_chosen_button,
        hint: true,
    },
];

pub static KEYS: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_confirmation,
    &[ROWS, keys::HELP_F1, keys::QUIT_ANYWHERE],
);

/// A guarded confirmation types its word: letters type, so no letter answers.
const GUARDED_ROWS: &[Binding] = &[
    Binding {
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: certlink_i18n::Lang::tui_key_press_the_chosen_button,
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::Esc)],
        action: Action::Cancel,
        keys: "Esc",
        does: certlink_i18n::Lang::tui_key_no_keep_it,
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::Tab), key(KeyCode::BackTab), alt(KeyCode::Tab)],
        action: Action::NextField,
        keys: "Tab",
        does: certlink_i18n::Lang::tui_key_choose_a_button,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::Backspace)],
        action: Action::Edit(EditOp::Backspace),
        keys: "Backspace",
        does: certlink_i18n::Lang::tui_key_delete_before_the_cursor,
        hint: false,
    },
];

pub static GUARDED_KEYS: KeyMap = KeyMap::typing(
    certlink_i18n::Lang::tui_key_title_confirmation,
    &[GUARDED_ROWS, keys::HELP_F1, keys::QUIT_ANYWHERE],
);

/// The longest answer kept: the word is short, the rest is noise.
const MAX_TYPED: usize = 32;

/// What a click on the dialog hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmButton {
    Yes,
    No,
}

/// Between the two buttons; drawing and clicks share it.
const BUTTON_GAP: &str = "  ";

impl ConfirmDialog {
    pub fn new(title: String, text: String, yes: &'static str, job: Job) -> Self {
        ConfirmDialog {
            job: Some(job),
            title,
            text,
            yes,
            yes_focused: false,
            guard: None,
        }
    }

    /// Shows `warning` above the text, and runs only once `word` is typed.
    pub fn guarded(mut self, warning: String, word: &'static str) -> Self {
        self.guard = Some(Guard {
            warning,
            word,
            typed: String::new(),
        });
        self
    }

    /// The keys in force: a guarded confirmation types.
    pub fn keys(&self) -> &'static KeyMap {
        match self.guard {
            Some(_) => &GUARDED_KEYS,
            None => &KEYS,
        }
    }

    /// Whether "Yes" can run now.
    fn may_accept(&self) -> bool {
        self.guard.as_ref().is_none_or(Guard::satisfied)
    }

    /// The job "Yes" runs.
    pub fn job(&self) -> Option<&Job> {
        self.job.as_ref()
    }

    pub fn update(&mut self, action: Action) -> Reply {
        if let Some(guard) = self.guard.as_mut() {
            match action {
                Action::Type(c) if guard.typed.chars().count() < MAX_TYPED => {
                    guard.typed.push(c);
                    // Typing the word is the answer: "Yes" takes the focus.
                    self.yes_focused = guard.satisfied();
                    return Reply::Stay;
                }
                // A pasted word, or an IME's commit of it: its characters.
                Action::Paste(text) => {
                    let room = MAX_TYPED.saturating_sub(guard.typed.chars().count());
                    guard
                        .typed
                        .extend(text.chars().filter(|c| !c.is_control()).take(room));
                    self.yes_focused = guard.satisfied();
                    return Reply::Stay;
                }
                Action::Edit(EditOp::Backspace) => {
                    guard.typed.pop();
                    self.yes_focused = guard.satisfied();
                    return Reply::Stay;
                }
                // Neither a letter key nor Enter on "Yes" says yes without the word.
                Action::Confirm | Action::Type(_) => return Reply::Stay,
                Action::Activate if self.yes_focused && !guard.satisfied() => {
                    return Reply::Stay;
                }
                _ => {}
            }
        }
        match action {
            Action::NextField | Action::PrevField => {
                self.yes_focused = !self.yes_focused;
                Reply::Stay
            }
            Action::Confirm => self.accept(),
            Action::Activate if self.yes_focused => self.accept(),
            Action::Cancel | Action::Back | Action::Activate => Reply::Close,
            Action::OpenHelp => Reply::Help,
            _ => Reply::Stay,
        }
    }

    /// "Yes": closes the dialog and starts the change.
    fn accept(&mut self) -> Reply {
        match self.job.take() {
            Some(job) => Reply::CloseAndRun(job),
            None => Reply::Close,
        }
    }

    pub fn click(&mut self, screen: Rect, column: u16, row: u16, lang: Lang) -> Reply {
        match self.button_at_in(screen, column, row, lang) {
            Some(ConfirmButton::Yes) if !self.may_accept() => Reply::Stay,
            Some(ConfirmButton::Yes) if self.guard.is_some() => self.accept(),
            Some(ConfirmButton::Yes) => self.update(Action::Confirm),
            Some(ConfirmButton::No) => self.update(Action::Cancel),
            None => Reply::Stay,
        }
    }

    fn text_lines(&self, width: u16) -> Vec<String> {
        wrap(&self.text, width)
    }

    /// The guard's warning, wrapped, and the line that asks for its word
    /// (cut to the width, keeping its end: what was typed).
    fn guard_lines(&self, width: u16, lang: Lang) -> (Vec<String>, Option<String>) {
        match &self.guard {
            Some(g) => (
                wrap(&lang.tui_dialog_confirm_warning(g.warning.as_str()), width),
                Some(lang.tui_dialog_confirm_type_word(g.word, g.typed.as_str())),
            ),
            None => (Vec::new(), None),
        }
    }

    /// (dialog, buttons row, yes button, no button), in English.
    pub fn layout(&self, screen: Rect) -> (Rect, Rect, Rect, Rect) {
        self.layout_in(screen, Lang::En)
    }

    /// (dialog, buttons row, yes button, no button) with the dialog's words
    /// in `lang`; buttons are placed by their display width.
    pub fn layout_in(&self, screen: Rect, lang: Lang) -> (Rect, Rect, Rect, Rect) {
        let width = dialog_inner_width(screen);
        let (warning, ask) = self.guard_lines(width, lang);
        let text =
            (self.text_lines(width).len() + warning.len() + usize::from(ask.is_some())) as u16;
        let area = dialog_area(screen, text + 2);
        let inner_x = area.x + 2;
        let buttons_y = (area.y + area.height).saturating_sub(2);
        let row = Rect::new(inner_x, buttons_y, area.width.saturating_sub(4), 1);
        let yes_text = button::text(self.yes);
        let yes = button::cells(row, 0, &yes_text);
        let no_lead = u16::try_from(yes_text.width() + BUTTON_GAP.width()).unwrap_or(u16::MAX);
        let no = button::cells(row, no_lead, &button::text(lang.tui_dialog_confirm_no()));
        (area, row, yes, no)
    }

    /// The button under a click, the dialog drawn in English.
    pub fn button_at(&self, screen: Rect, column: u16, row: u16) -> Option<ConfirmButton> {
        self.button_at_in(screen, column, row, Lang::En)
    }

    /// The button under a click, the dialog drawn in `lang`.
    pub fn button_at_in(
        &self,
        screen: Rect,
        column: u16,
        row: u16,
        lang: Lang,
    ) -> Option<ConfirmButton> {
        let (_, _, yes, no) = self.layout_in(screen, lang);
        let hit = |r: Rect| r.contains(ratatui::layout::Position::new(column, row));
        if hit(yes) {
            Some(ConfirmButton::Yes)
        } else if hit(no) {
            Some(ConfirmButton::No)
        } else {
            None
        }
    }

    pub fn render(&self, frame: &mut Frame, screen: Rect, theme: &Theme, lang: Lang) {
        let (area, row, _, _) = self.layout_in(screen, lang);
        let inner = draw_frame(frame, area, &self.title, theme);
        let (warning, ask) = self.guard_lines(inner.width, lang);
        let mut lines: Vec<Line> = warning
            .into_iter()
            .map(|l| Line::styled(l, theme.warn))
            .collect();
        lines.extend(self.text_lines(inner.width).into_iter().map(Line::from));
        // The buttons keep the last row and a blank above it, and the guard's
        // question the row above that, so on a short screen the preview is cut,
        // never the warning's answer or the buttons.
        let reserved = 1 + u16::from(ask.is_some());
        let text_bottom = row.y.saturating_sub(reserved).max(inner.y);
        let text_area = Rect {
            height: text_bottom - inner.y,
            ..inner
        };
        frame.render_widget(Paragraph::new(lines), text_area);
        if let Some(ask) = ask {
            let ask_row = Rect {
                y: text_bottom,
                height: 1,
                ..inner
            };
            // A long word and answer keep their end, where the typing is.
            let ask = fit_end(&ask, usize::from(ask_row.width));
            frame.render_widget(Line::styled(ask, theme.input_focus), ask_row);
        }
        let style = |focused: bool| {
            if focused { theme.selected } else { theme.text }
        };
        // A "Yes" that cannot run yet looks it.
        let yes_style = if self.may_accept() {
            style(self.yes_focused)
        } else {
            theme.muted
        };
        let buttons = Line::from(vec![
            Span::styled(button::text(self.yes), yes_style),
            Span::raw(BUTTON_GAP),
            Span::styled(
                button::text(lang.tui_dialog_confirm_no()),
                style(!self.yes_focused),
            ),
        ]);
        frame.render_widget(buttons, row);
    }
}

/// `text` in at most `cols` cells, keeping its end: "…" then the last
/// characters that fit, never half a wide character.
fn fit_end(text: &str, cols: usize) -> String {
    if text.width() <= cols {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > cols {
            break;
        }
        used += w;
        kept.push(c);
    }
    let mut out = String::from(certlink_i18n::width::ELLIPSIS);
    out.extend(kept.into_iter().rev());
    out
}
