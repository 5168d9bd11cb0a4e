//! The skills report's download dialog (R10): says which rows will be written,
//! proposes a path the person can edit, and writes on Enter. An existing file
//! is replaced only after a second Enter; a failure is shown here in plain
//! words and the path stays for correcting.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use ratatui::crossterm::event::KeyCode;

use super::frame::{dialog_area, dialog_inner_width, draw_frame};
use super::reply::Reply;
use super::submit::Submitting;
use crate::action::Action;
use crate::components::text_input::TextInput;
use crate::components::wrap;
use crate::export;
use crate::jobs::Job;
use crate::keys::{self, Binding, KeyMap, key};
use crate::theme::{Mark, Theme};
use certlink_i18n::Lang;
use certlink_i18n::width::fit;

const ROWS: &[Binding] = &[
    Binding {
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: certlink_i18n::Lang::tui_key_write_the_file,
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: certlink_i18n::Lang::tui_key_cancel,
        hint: true,
    },
];

pub static KEYS: KeyMap = KeyMap::typing(
    certlink_i18n::Lang::tui_key_title_download,
    &[keys::EDIT, ROWS, keys::HELP_F1, keys::QUIT_ANYWHERE],
);

/// The job that writes the file at the path confirmed, made by the tab that
/// opened the dialog from what it shows at that moment.
pub type WriteJob = Box<dyn Fn(&Submitting, PathBuf) -> Option<Job>>;

pub struct DownloadDialog {
    pub path: TextInput,
    /// What will be written: `shown` rows of `total`, in `order` (the
    /// Skills tab's words for it), worded by [`DownloadDialog::what`].
    shown: usize,
    total: usize,
    order: String,
    pub error: Option<String>,
    /// The existing file the person was warned about: Enter again replaces it.
    pub replace: Option<PathBuf>,
    write: WriteJob,
}

impl std::fmt::Debug for DownloadDialog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DownloadDialog")
            .field("path", &self.path)
            .field("error", &self.error)
            .finish()
    }
}

// The path is a text field, and says so: the label names it editable and
// the line under it says how (issue 15, principle 13): the catalog's
// tui-dialog-download-label and tui-dialog-download-how.

impl DownloadDialog {
    /// `shown` rows of `total` will be written, as filtered and sorted.
    pub fn new(
        path: PathBuf,
        shown: usize,
        total: usize,
        order: &str,
        write: WriteJob,
    ) -> DownloadDialog {
        let mut input = TextInput::plain();
        input.set(&path.display().to_string());
        DownloadDialog {
            path: input,
            shown,
            total,
            order: order.to_string(),
            error: None,
            replace: None,
            write,
        }
    }

    /// What will be written, in words ("Writes the 11 rows of the skills
    /// report as CSV, …").
    pub fn what(&self, lang: Lang) -> String {
        let order = self.order.as_str();
        if self.shown == self.total {
            lang.tui_dialog_download_all(self.total, order)
        } else {
            lang.tui_dialog_download_filtered(self.shown, self.total, order)
        }
    }

    pub fn update(&mut self, action: Action, submitting: Option<&Submitting>) -> Reply {
        match action {
            Action::Back => Reply::Close,
            Action::Activate => match submitting.and_then(|s| self.write_job(s)) {
                Some(job) => Reply::Run(job),
                None => Reply::Stay,
            },
            Action::OpenHelp => Reply::Help,
            other => {
                if self.path.apply(&other) {
                    // A new path: any warning was about the old one.
                    self.error = None;
                    self.replace = None;
                }
                Reply::Stay
            }
        }
    }

    /// Enter: the write job, after a warning if the file exists (a second
    /// Enter replaces it).
    fn write_job(&mut self, submitting: &Submitting) -> Option<Job> {
        let lang = submitting.dates.lang;
        let Some(path) = export::typed_path(self.path.value()) else {
            self.failed(lang.tui_dialog_download_no_path().into());
            return None;
        };
        if path.is_file() && self.replace.as_ref() != Some(&path) {
            self.error = Some(lang.tui_dialog_download_exists(path.display().to_string()));
            self.replace = Some(path);
            return None;
        }
        self.error = None;
        (self.write)(submitting, path)
    }

    /// After a failed write: say why, keep the path for correcting.
    pub fn failed(&mut self, message: String) {
        self.error = Some(message);
        self.replace = None;
    }

    fn status_lines(&self, width: u16, busy: Option<&str>, lang: Lang) -> Vec<String> {
        match (busy, &self.error) {
            (Some(progress), _) => vec![fit(progress, usize::from(width)).into_owned()],
            (None, Some(error)) => wrap(&format!("{}{error}", Mark::REFUSED), width),
            (None, None) => wrap(lang.tui_dialog_download_how(), width),
        }
    }

    fn layout(&self, screen: Rect, busy: Option<&str>, lang: Lang) -> (Rect, u16) {
        let width = dialog_inner_width(screen);
        let intro = wrap(&self.what(lang), width).len() as u16;
        let status = self.status_lines(width, busy, lang).len() as u16;
        (dialog_area(screen, intro + 1 + 1 + 1 + status), intro)
    }

    pub fn render(
        &self,
        frame: &mut Frame,
        screen: Rect,
        theme: &Theme,
        busy: Option<&str>,
        lang: Lang,
    ) {
        let (area, intro_height) = self.layout(screen, busy, lang);
        let inner = draw_frame(frame, area, lang.tui_dialog_download_title(), theme);
        let intro: Vec<Line> = wrap(&self.what(lang), inner.width)
            .into_iter()
            .map(|l| Line::styled(l, theme.text))
            .collect();
        frame.render_widget(Paragraph::new(intro), inner);
        let field_y = inner.y + intro_height + 1;
        if field_y >= inner.bottom() {
            return;
        }
        let label = lang.tui_dialog_download_label();
        let label_width = u16::try_from(unicode_width::UnicodeWidthStr::width(label))
            .unwrap_or(0)
            .min(inner.width);
        frame.render_widget(
            Span::styled(label, theme.heading),
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
            .status_lines(inner.width, busy, lang)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect();
        frame.render_widget(
            Paragraph::new(lines),
            Rect::new(inner.x, status_y, inner.width, inner.bottom() - status_y),
        );
    }
}
