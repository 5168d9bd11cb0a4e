//! The skills report's download dialog (R10): says which rows will be written,
//! proposes a path the person can edit, and writes on Enter. An existing file
//! is replaced only after a second Enter; a failure is shown here in plain
//! words and the path stays for correcting.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{dialog_area, dialog_inner_width, draw_frame};
use crate::components::text_input::TextInput;
use crate::components::wrap;
use crate::theme::{Mark, Theme};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadDialog {
    pub path: TextInput,
    /// What will be written, in words ("the 11 rows of the report").
    pub what: String,
    pub error: Option<String>,
    /// The existing file the person was warned about: Enter again replaces it.
    pub replace: Option<PathBuf>,
}

const LABEL: &str = "File: ";

impl DownloadDialog {
    /// `shown` rows of `total` will be written, as filtered and sorted.
    pub fn new(path: PathBuf, shown: usize, total: usize, order: &str) -> DownloadDialog {
        let mut input = TextInput::plain();
        input.set(&path.display().to_string());
        let what = if shown == total {
            format!("Writes the {total} rows of the skills report as CSV, {order}.")
        } else {
            format!("Writes the {shown} rows that match the filter (of {total}) as CSV, {order}.")
        };
        DownloadDialog {
            path: input,
            what,
            error: None,
            replace: None,
        }
    }

    /// After a failed write: say why, keep the path for correcting.
    pub fn failed(&mut self, message: String) {
        self.error = Some(message);
        self.replace = None;
    }

    fn status_lines(&self, width: u16, busy: Option<&str>) -> Vec<String> {
        match (busy, &self.error) {
            (Some(progress), _) => vec![progress.to_string()],
            (None, Some(error)) => wrap(&format!("{}{error}", Mark::REFUSED), width),
            (None, None) => vec!["Enter writes the file · Esc cancels".to_string()],
        }
    }

    fn layout(&self, screen: Rect, busy: Option<&str>) -> (Rect, u16) {
        let width = dialog_inner_width(screen);
        let intro = wrap(&self.what, width).len() as u16;
        let status = self.status_lines(width, busy).len() as u16;
        (dialog_area(screen, intro + 1 + 1 + 1 + status), intro)
    }

    pub fn render(&self, frame: &mut Frame, screen: Rect, theme: &Theme, busy: Option<&str>) {
        let (area, intro_height) = self.layout(screen, busy);
        let inner = draw_frame(frame, area, "Download the skills report", theme);
        let intro: Vec<Line> = wrap(&self.what, inner.width)
            .into_iter()
            .map(|l| Line::styled(l, theme.text))
            .collect();
        frame.render_widget(Paragraph::new(intro), inner);
        let field_y = inner.y + intro_height + 1;
        if field_y >= inner.bottom() {
            return;
        }
        let label_width = LABEL.len() as u16;
        frame.render_widget(
            Span::styled(LABEL, theme.heading),
            Rect::new(inner.x, field_y, label_width.min(inner.width), 1),
        );
        let field = Rect::new(
            inner.x + label_width,
            field_y,
            inner.width.saturating_sub(label_width),
            1,
        );
        self.path
            .render(frame, field, theme.input_focus, busy.is_none());
        let status_y = field_y + 2;
        if status_y >= inner.bottom() {
            return;
        }
        let style = match (busy, &self.error) {
            (Some(_), _) => theme.warn,
            (None, Some(_)) => theme.error,
            (None, None) => theme.muted,
        };
        let lines: Vec<Line> = self
            .status_lines(inner.width, busy)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect();
        frame.render_widget(
            Paragraph::new(lines),
            Rect::new(inner.x, status_y, inner.width, inner.bottom() - status_y),
        );
    }
}
