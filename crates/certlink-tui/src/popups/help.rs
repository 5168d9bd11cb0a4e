//! The `?` overlay: every key of the screen underneath, generated from the
//! key map that also feeds the status-bar hints.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Row, Table};

use ratatui::crossterm::event::KeyCode;

use super::frame::draw_frame;
use super::reply::Reply;
use crate::action::Action;
use crate::components::{centered, scroll_offset};
use crate::keys::{self, Binding, Context, KeyMap, ch, key};
use crate::theme::Theme;
use certlink_i18n::Lang;
use certlink_i18n::width::{fit, width as cols};

const ROWS: &[Binding] = &[Binding {
    chords: &[key(KeyCode::Esc), ch('?'), ch('q'), key(KeyCode::F(1))],
    action: Action::Back,
    keys: "Esc/?",
    does: certlink_i18n::Lang::tui_key_close_help,
    hint: true,
}];

pub static KEYS: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_help,
    &[ROWS, keys::MOVE, keys::PAGE, keys::QUIT_ANYWHERE],
);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpPopup {
    /// The context whose keys are listed (the one under the overlay).
    pub context: Context,
    /// The first row shown.
    pub scroll: usize,
    /// The language of the rows: the app's when help opened.
    pub lang: Lang,
}

impl HelpPopup {
    pub fn new(context: Context, lang: Lang) -> HelpPopup {
        HelpPopup {
            context,
            scroll: 0,
            lang,
        }
    }

    pub fn rows(&self) -> Vec<(&'static str, &'static str)> {
        keys::help_rows_in(self.context, self.lang)
    }

    pub fn area(&self, screen: Rect) -> Rect {
        let height = self.rows().len() as u16 + 2;
        centered(screen, screen.width.saturating_sub(4).min(64), height)
    }

    /// Rows that fit; scrolling stops when the last row is visible.
    pub fn visible_rows(&self, screen: Rect) -> usize {
        usize::from(self.area(screen).height.saturating_sub(2))
    }

    pub fn scroll_by(&mut self, delta: isize, screen: Rect) {
        let max = self.rows().len().saturating_sub(self.visible_rows(screen));
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
    }

    pub fn update(&mut self, action: Action, screen: Rect) -> Reply {
        match action {
            Action::Back => return Reply::Close,
            Action::Up => self.scroll_by(-1, screen),
            Action::Down => self.scroll_by(1, screen),
            Action::PageUp => self.scroll_by(-10, screen),
            Action::PageDown => self.scroll_by(10, screen),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll_by(isize::MAX / 2, screen),
            _ => {}
        }
        Reply::Stay
    }

    pub fn render(&self, frame: &mut Frame, screen: Rect, theme: &Theme) {
        let area = self.area(screen);
        let title = self
            .lang
            .tui_key_help_title((self.context.title)(self.lang));
        // The frame adds a space each side of the title.
        let title = fit(&title, usize::from(area.width.saturating_sub(4)));
        let inner = draw_frame(frame, area, &title, theme);
        let rows = self.rows();
        let first = self.scroll.min(scroll_offset(
            rows.len().saturating_sub(1),
            usize::from(inner.height),
        ));
        let key_width = rows.iter().map(|(k, _)| cols(k)).max().unwrap_or(0) as u16;
        let table = Table::new(
            rows.into_iter().skip(first).map(|(k, d)| {
                Row::new(vec![
                    Span::styled(k, theme.key),
                    Span::styled(d, theme.text),
                ])
            }),
            [Constraint::Length(key_width), Constraint::Fill(1)],
        )
        .column_spacing(2);
        frame.render_widget(table, inner);
    }
}
