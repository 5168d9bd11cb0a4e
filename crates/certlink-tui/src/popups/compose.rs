//! The dialog for writing a ticket's text (R14, issue 15 principle 5): a
//! new ticket (its category, then its description) or a reply. The text is
//! a multi-line editor ([`TextArea`]): Enter breaks the line, as in editors
//! such as nano and micro, and Ctrl-S sends (micro's "save"), both in the
//! hints. The text is bounded by the domain's ticket text limit, its count
//! shown; a failed send keeps the text and says why. What the send does is
//! given by the tab that opens the dialog, as for [`super::FormDialog`].

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::frame::{self, dialog_area, dialog_inner_width, draw_frame};
use super::reply::Reply;
use super::submit::{Submitted, Submitting};
use crate::action::{Action, EditOp};
use crate::components::text_area::TextArea;
use crate::components::wrap;
use crate::keys::{self, Binding, KeyMap, ch, ctrl, key};
use crate::theme::Theme;
use certlink_domain::tickets;
use certlink_i18n::Lang;
use unicode_width::UnicodeWidthStr;

/// Lines of text the editor shows at most (it scrolls past them).
const EDITOR_LINES: u16 = 6;

const SEND: &[Binding] = &[Binding {
    chords: &[ctrl('s')],
    action: Action::Activate,
    keys: "Ctrl-S",
    does: certlink_i18n::Lang::tui_key_send,
    hint: true,
}];

/// The editor's keys: Enter is a line break here, never a send.
const EDITING: &[Binding] = &[
    Binding {
        chords: &[key(KeyCode::Enter)],
        action: Action::Edit(EditOp::Newline),
        keys: "Enter",
        does: certlink_i18n::Lang::tui_key_new_line,
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::Up)],
        action: Action::Up,
        keys: "↑↓←→",
        does: certlink_i18n::Lang::tui_key_move_the_cursor,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::Down)],
        action: Action::Down,
        keys: "↑↓←→",
        does: certlink_i18n::Lang::tui_key_move_the_cursor,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::Left)],
        action: Action::Edit(EditOp::Left),
        keys: "↑↓←→",
        does: certlink_i18n::Lang::tui_key_move_the_cursor,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::Right)],
        action: Action::Edit(EditOp::Right),
        keys: "↑↓←→",
        does: certlink_i18n::Lang::tui_key_move_the_cursor,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::Home), ctrl('a')],
        action: Action::Edit(EditOp::Home),
        keys: "Home/End",
        does: certlink_i18n::Lang::tui_key_start_end_of_the_line,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::End), ctrl('e')],
        action: Action::Edit(EditOp::End),
        keys: "Home/End",
        does: certlink_i18n::Lang::tui_key_start_end_of_the_line,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::Backspace)],
        action: Action::Edit(EditOp::Backspace),
        keys: "Backspace",
        does: certlink_i18n::Lang::tui_key_delete_before_the_cursor_joins_lines,
        hint: false,
    },
    Binding {
        chords: &[key(KeyCode::Delete)],
        action: Action::Edit(EditOp::Delete),
        keys: "Del",
        does: certlink_i18n::Lang::tui_key_delete_at_the_cursor,
        hint: false,
    },
    Binding {
        chords: &[ctrl('u')],
        action: Action::Edit(EditOp::Clear),
        keys: "Ctrl-U",
        does: certlink_i18n::Lang::tui_key_clear_the_text,
        hint: false,
    },
];

const TO_CATEGORY: &[Binding] = &[Binding {
    chords: &[key(KeyCode::Tab), key(KeyCode::BackTab), alt_tab()],
    action: Action::NextField,
    keys: "Tab",
    does: certlink_i18n::Lang::tui_key_to_the_category,
    hint: true,
}];

const TO_TEXT: &[Binding] = &[Binding {
    chords: &[
        key(KeyCode::Tab),
        key(KeyCode::BackTab),
        alt_tab(),
        key(KeyCode::Down),
    ],
    action: Action::NextField,
    keys: "Tab",
    does: certlink_i18n::Lang::tui_key_to_the_text,
    hint: true,
}];

const fn alt_tab() -> keys::Chord {
    keys::alt(KeyCode::Tab)
}

const CHOOSE: &[Binding] = &[
    Binding {
        chords: &[ch(' '), key(KeyCode::Right), ch('l')],
        action: Action::ChoiceNext,
        keys: "Space/←/→",
        does: certlink_i18n::Lang::tui_key_choose,
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::Left), ch('h')],
        action: Action::ChoicePrev,
        keys: "Space/←/→",
        does: certlink_i18n::Lang::tui_key_choose,
        hint: true,
    },
];

/// A reply: the editor alone.
pub static KEYS: KeyMap = KeyMap::typing(
    certlink_i18n::Lang::tui_key_title_write_a_ticket_text,
    &[
        SEND,
        EDITING,
        keys::CANCEL,
        keys::HELP_F1,
        keys::QUIT_ANYWHERE,
    ],
);

/// A new ticket's text, with the category above it.
pub static KEYS_WITH_CATEGORY: KeyMap = KeyMap::typing(
    certlink_i18n::Lang::tui_key_title_write_a_ticket_text,
    &[
        SEND,
        EDITING,
        TO_CATEGORY,
        keys::CANCEL,
        keys::HELP_F1,
        keys::QUIT_ANYWHERE,
    ],
);

/// The category has the keys.
pub static CATEGORY_KEYS: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_ticket_category,
    &[
        SEND,
        CHOOSE,
        TO_TEXT,
        keys::CANCEL,
        keys::HELP_F1,
        keys::QUIT_ANYWHERE,
    ],
);

/// What was written: the category chosen (for a new ticket) and the text.
pub struct Composed {
    pub category: Option<usize>,
    pub text: String,
}

/// What Ctrl-S does with what was written, made by the tab that opens the
/// dialog; the dialog stays for the answer.
pub type ComposeSubmit = Box<dyn Fn(&Composed, &Submitting) -> Submitted>;

pub struct ComposeDialog {
    pub title: String,
    pub intro: String,
    /// The categories to choose from (a new ticket), and the one chosen.
    categories: Vec<&'static str>,
    chosen: usize,
    pub editor: TextArea,
    /// The category has the keys (else the editor).
    on_category: bool,
    pub error: Option<String>,
    submit: ComposeSubmit,
}

impl std::fmt::Debug for ComposeDialog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ComposeDialog")
            .field("title", &self.title)
            .field("error", &self.error)
            .finish()
    }
}

impl ComposeDialog {
    /// A text alone (a reply).
    pub fn new(title: String, intro: String, submit: ComposeSubmit) -> ComposeDialog {
        ComposeDialog {
            title,
            intro,
            categories: Vec::new(),
            chosen: 0,
            editor: TextArea::new(tickets::MAX_TEXT),
            on_category: false,
            error: None,
            submit,
        }
    }

    /// A category, chosen first, then the text (a new ticket): a static list
    /// (`&[…]`) or one made for the reader's language (`vec![lang.x(), …]`).
    pub fn with_categories(self, categories: impl Into<Vec<&'static str>>) -> ComposeDialog {
        let categories: Vec<&'static str> = categories.into();
        ComposeDialog {
            on_category: !categories.is_empty(),
            categories,
            ..self
        }
    }

    pub fn keys(&self) -> &'static KeyMap {
        match (self.on_category, self.categories.is_empty()) {
            (true, _) => &CATEGORY_KEYS,
            (false, true) => &KEYS,
            (false, false) => &KEYS_WITH_CATEGORY,
        }
    }

    pub fn chosen(&self) -> usize {
        self.chosen
    }

    /// Every key but the send (see [`ComposeDialog::submit`]).
    pub fn update(&mut self, action: Action) -> Reply {
        match action {
            Action::Back => return Reply::Close,
            Action::OpenHelp => return Reply::Help,
            Action::NextField | Action::PrevField if !self.categories.is_empty() => {
                self.on_category = !self.on_category;
            }
            Action::ChoiceNext if self.on_category => {
                self.chosen = (self.chosen + 1) % self.categories.len();
            }
            Action::ChoicePrev if self.on_category => {
                self.chosen = (self.chosen + self.categories.len() - 1) % self.categories.len();
            }
            other if !self.on_category => {
                self.editor.apply(&other);
            }
            _ => {}
        }
        Reply::Stay
    }

    /// Ctrl-S: what the owner makes of the text. The text stays until the
    /// answer: a refusal keeps it for fixing.
    pub fn submit(&mut self, submitting: &Submitting) -> Submitted {
        self.error = None;
        let composed = Composed {
            category: (!self.categories.is_empty()).then_some(self.chosen),
            text: self.editor.value(),
        };
        (self.submit)(&composed, submitting)
    }

    pub fn refused(&mut self, message: String) {
        self.error = Some(message);
    }

    fn status_lines(&self, width: u16, busy: Option<&str>) -> Vec<String> {
        frame::status_lines(width, busy, self.error.as_deref())
    }

    /// (dialog, category line, editor's box) on this screen. The editor is
    /// [`EDITOR_LINES`] high where the screen has room, down to two lines on
    /// a short one, and the dialog leaves the status bar's two lines free.
    fn layout(&self, screen: Rect, busy: Option<&str>) -> (Rect, Rect, Rect) {
        let width = dialog_inner_width(screen);
        let intro = wrap(&self.intro, width).len() as u16;
        let category = u16::from(!self.categories.is_empty());
        let status = self.status_lines(width, busy).len() as u16;
        // Borders of the dialog and of the editor, the gap under the intro,
        // the one above the status.
        let fixed = 2 + 2 + 1 + 1 + category + status.max(1);
        let room = screen.height.saturating_sub(4);
        let editor_lines = room.saturating_sub(fixed + intro).clamp(2, EDITOR_LINES);
        let editor_box = editor_lines + 2;
        let area = dialog_area(
            Rect {
                height: screen.height.saturating_sub(2),
                ..screen
            },
            intro + 1 + category + editor_box + 1 + status.max(1),
        );
        let inner = Rect {
            x: area.x + 2,
            y: area.y + 1,
            width: area.width.saturating_sub(4),
            height: area.height.saturating_sub(2),
        };
        // On a short screen the intro gives way to the editor.
        let intro_shown = intro.min(inner.height.saturating_sub(category + editor_box + 1));
        let top = inner.y + intro_shown + u16::from(intro_shown > 0);
        let category_line = Rect {
            y: top,
            height: category.min(inner.height),
            ..inner
        };
        let box_top = top + category;
        let editor = Rect {
            y: box_top,
            height: editor_box.min(inner.bottom().saturating_sub(box_top)),
            ..inner
        };
        (area, category_line, editor)
    }

    pub fn render(
        &self,
        frame: &mut Frame,
        screen: Rect,
        theme: &Theme,
        busy: Option<&str>,
        lang: Lang,
    ) {
        let (area, category_line, editor_box) = self.layout(screen, busy);
        let inner = draw_frame(frame, area, &self.title, theme);
        let intro: Vec<Line> = wrap(&self.intro, inner.width)
            .into_iter()
            .map(|l| Line::styled(l, theme.muted))
            .collect();
        let intro_area = Rect {
            height: category_line.y.saturating_sub(inner.y + 1),
            ..inner
        };
        frame.render_widget(Paragraph::new(intro), intro_area);
        let typing = busy.is_none();
        if let Some(name) = self.categories.get(self.chosen) {
            let style = if self.on_category {
                theme.input_focus
            } else {
                theme.input
            };
            let label = format!("{}  ", lang.tui_dialog_compose_category());
            let room = usize::from(category_line.width).saturating_sub(label.width());
            frame.render_widget(
                Line::from(vec![
                    Span::styled(label, theme.heading),
                    Span::styled(
                        certlink_i18n::width::fit(&format!("◀ {name} ▶"), room).into_owned(),
                        style,
                    ),
                ]),
                category_line,
            );
        }
        // "Text (12 of 4000 characters)": the limit before it is reached.
        let count =
            lang.tui_dialog_compose_text_count(self.editor.chars(), self.editor.max_chars());
        let room = usize::from(editor_box.width.saturating_sub(4));
        let counted = format!(" {} ", certlink_i18n::width::fit(&count, room));
        let border = if self.on_category {
            theme.border
        } else {
            theme.border_focus
        };
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(border)
            .title(Span::styled(counted, theme.heading));
        let text_area = block.inner(editor_box);
        frame.render_widget(block, editor_box);
        let style = if self.on_category {
            theme.input
        } else {
            theme.input_focus
        };
        self.editor
            .render(frame, text_area, style, typing && !self.on_category);
        frame::draw_status(
            frame,
            inner,
            editor_box.bottom() + 1,
            self.status_lines(inner.width, busy),
            busy.is_some(),
            theme,
        );
    }
}
