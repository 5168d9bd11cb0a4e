//! A bordered pane with a list table inside: the focused pane has the bright
//! border and the selection mark. Shared by the tabs that list rows.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, HighlightSpacing, Row, Table, TableState};

use crate::theme::{Mark, Theme};
use certlink_i18n::Lang;

/// A pane with nothing to list: its block, and a muted sentence saying why and
/// what to do, wrapped to the pane.
pub fn render_empty(frame: &mut Frame, area: Rect, block: Block<'_>, message: &str, theme: &Theme) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(
        super::wrapped(&[(message, theme.muted)], inner.width),
        inner,
    );
}

pub fn pane_block(title: String, focused: bool, theme: &Theme) -> Block<'static> {
    let (style, title_style) = if focused {
        (theme.border_focus, theme.heading)
    } else {
        (theme.border, theme.text)
    };
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(style)
        .title(Span::styled(title, title_style))
}

/// Draws the visible rows of a table in its pane; `selected` counts from the
/// first row shown (callers build only the visible rows).
pub fn render_table(
    frame: &mut Frame,
    area: Rect,
    block: Block<'_>,
    table: Table<'_>,
    selected: usize,
    focused: bool,
    theme: &Theme,
) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut state = TableState::default().with_selected(Some(selected));
    let table = table
        .row_highlight_style(if focused { theme.selected } else { theme.text })
        .highlight_symbol(if focused {
            Mark::SELECTED
        } else {
            Mark::UNSELECTED
        })
        .highlight_spacing(HighlightSpacing::Always)
        .column_spacing(1);
    frame.render_stateful_widget(table, inner, &mut state);
}

/// A table of people: Name, then Email when the pane is `wide`, then the
/// `columns` (heading and width) whose cells each row gives after its name and
/// email. The Competencies and Learning tabs list people this way; the
/// headings Name and Email are in `lang`.
pub fn people_table<'a>(
    lang: Lang,
    rows: impl Iterator<Item = (String, String, Vec<String>)>,
    wide: bool,
    columns: &[(&'static str, Constraint)],
    theme: &Theme,
) -> Table<'a> {
    let rows: Vec<Row> = rows
        .map(|(name, email, rest)| {
            let mut cells = vec![name];
            if wide {
                cells.push(email);
            }
            cells.extend(rest);
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![Constraint::Fill(2)];
    let mut header = vec![lang.tui_dialog_people_name()];
    if wide {
        widths.push(Constraint::Fill(3));
        header.push(lang.tui_dialog_people_email());
    }
    for (heading, width) in columns {
        widths.push(*width);
        header.push(heading);
    }
    Table::new(rows, widths).header(Row::new(header).style(theme.heading))
}
