//! Tickets (R14): the support engineers' queue (open, then waiting, then
//! resolved, with each ticket's age) or a person's own tickets, paged from
//! the store with a `/` filter and their count (issue 15), and one ticket's
//! conversation. What is listed is what `Service::tickets` and
//! `Service::ticket` return for the reader: the service decides who sees what.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table};

use super::ticket_pager::TicketPager;
use crate::components::list_filter::{ListFilter, grouped};
use crate::components::paged::PagedWindow;
use crate::components::pane::{pane_block, render_table};
use crate::components::{list_row_at, scroll_offset, truncate, wrap};
use crate::theme::Theme;
use certlink_core::service::{Service, ServiceError, Session, TicketFilter, TicketView};
use certlink_domain::tickets::{TicketCategory, TicketStatus};
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;

/// From this pane width on, the queue shows who opened each ticket.
const WIDE: u16 = 76;

#[derive(Debug, Clone, Default)]
pub struct TicketList {
    /// The tickets around the selection, with their place and count: the
    /// queue, or the person's own, paged from the store.
    pub window: PagedWindow<TicketView>,
    /// The `/` filter, applied by the service.
    pub filter: ListFilter,
    /// Support engineers: (open, waiting on user) in the whole queue.
    pub queue_counts: (usize, usize),
    /// The ticket being read, as last read.
    pub open: Option<TicketView>,
    /// The first line of the conversation shown.
    pub scroll: usize,
}

impl TicketList {
    /// Runs `read` on the window with the pager of this list's filter.
    fn paged<T>(
        &mut self,
        service: &Service,
        session: &Session,
        queue: bool,
        read: impl FnOnce(&mut PagedWindow<TicketView>, &TicketPager) -> Result<T, ServiceError>,
    ) -> Result<T, ServiceError> {
        let filter = TicketFilter::new(self.filter.applied())?;
        read(
            &mut self.window,
            &TicketPager::new(service, session, &filter, queue),
        )
    }

    /// Reads the counts and the tickets on screen again (a screen and a page
    /// ahead), keeping the filter and the selected ticket; `queue` is the
    /// support engineers' face.
    pub fn reread(
        &mut self,
        service: &Service,
        session: &Session,
        queue: bool,
        page: usize,
    ) -> Result<(), ServiceError> {
        self.paged(service, session, queue, |window, pager| {
            window.reread(pager, page)
        })?;
        if queue {
            self.queue_counts = (
                service.count_queue(session, TicketStatus::Open)?,
                service.count_queue(session, TicketStatus::WaitingOnUser)?,
            );
        }
        Ok(())
    }

    /// Reads what the screen lacks after a move.
    pub fn fill(
        &mut self,
        service: &Service,
        session: &Session,
        queue: bool,
        page: usize,
    ) -> Result<(), ServiceError> {
        self.paged(service, session, queue, |window, pager| {
            window.fill(pager, page)
        })
    }

    /// A new filter: the list from its first ticket.
    pub fn restart(
        &mut self,
        service: &Service,
        session: &Session,
        queue: bool,
        page: usize,
    ) -> Result<(), ServiceError> {
        self.paged(service, session, queue, |window, pager| {
            window.restart(pager, page)
        })
    }

    /// The tickets read now (a window around the selection).
    pub fn rows(&self) -> &[TicketView] {
        &self.window.rows
    }

    pub fn select_id(&mut self, id: u64) {
        if let Some(i) = self.window.rows.iter().position(|t| t.id == id) {
            self.window.selected = self.window.first + i;
        }
    }

    /// The ticket under a click, when the list is shown.
    pub fn row_at(&self, area: Rect, column: u16, row: u16) -> Option<usize> {
        if self.open.is_some() {
            return None;
        }
        list_row_at(area, self.window.selected, self.window.total, column, row)
    }

    pub fn selected_ticket(&self) -> Option<&TicketView> {
        self.window.selected_row()
    }

    /// The ticket an action is about: the one being read, else the selected.
    pub fn current_id(&self) -> Option<u64> {
        self.open
            .as_ref()
            .map(|t| t.id)
            .or_else(|| self.selected_ticket().map(|t| t.id))
    }

    /// (open, waiting on user) in the whole queue.
    pub fn counts(&self) -> (usize, usize) {
        self.queue_counts
    }

    pub fn move_by(&mut self, delta: isize) {
        self.window.move_by(delta);
    }

    /// Rows that fit in the list pane: a page.
    pub fn page(area: Rect) -> usize {
        usize::from(area.height.saturating_sub(3)).max(1)
    }

    /// Scrolls the conversation, keeping its last line on screen.
    pub fn scroll_by(&mut self, delta: isize, area: Rect, dates: &DateFormat) {
        let Some(ticket) = &self.open else {
            return;
        };
        let inner_width = area.width.saturating_sub(2);
        let lines = conversation_lines(ticket, dates, &Theme::plain(), inner_width).len();
        let max = lines.saturating_sub(usize::from(area.height.saturating_sub(2)));
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
    }

    /// `queue` is the support engineers' face (who opened each ticket shows).
    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        queue: bool,
        dates: &DateFormat,
        theme: &Theme,
    ) {
        match &self.open {
            Some(ticket) => render_conversation(frame, area, ticket, self.scroll, dates, theme),
            // While the filter is typed, its line goes above the list.
            None if self.filter.editing => {
                let line = Rect {
                    height: 1.min(area.height),
                    ..area
                };
                self.filter.render(frame, line, theme, dates.lang);
                let list = Rect {
                    y: area.y + line.height,
                    height: area.height - line.height,
                    ..area
                };
                self.render_list(frame, list, queue, dates, theme);
            }
            None => self.render_list(frame, area, queue, dates, theme),
        }
    }

    fn render_list(
        &self,
        frame: &mut Frame,
        area: Rect,
        queue: bool,
        dates: &DateFormat,
        theme: &Theme,
    ) {
        let lang = dates.lang;
        let (matching, total) = (grouped(self.window.total), grouped(self.window.all));
        let counts = if self.filter.is_active() {
            lang.tui_support_counts_filtered(matching, total, self.filter.applied())
        } else {
            lang.tui_support_counts(total)
        };
        let clears = if self.filter.is_active() {
            lang.tui_support_esc_clears()
        } else {
            ""
        };
        let title = if queue {
            lang.tui_support_queue_title(counts, clears)
        } else {
            lang.tui_support_my_tickets_title(counts, clears)
        };
        let block = pane_block(title, true, theme);
        if self.window.rows.is_empty() {
            let text = if self.filter.is_active() {
                lang.tui_support_no_ticket_matches()
            } else if queue {
                lang.tui_support_queue_empty()
            } else {
                lang.tui_support_no_tickets_yet()
            };
            let inner = block.inner(area);
            frame.render_widget(block, area);
            frame.render_widget(
                crate::components::wrapped(&[(text, theme.muted)], inner.width),
                inner,
            );
            return;
        }
        let with_opener = queue && area.width >= WIDE;
        let visible = usize::from(area.height.saturating_sub(3));
        // Places in the whole list; the window holds the rows from `first`.
        let selected = self.window.selected;
        let offset = scroll_offset(selected, visible);
        let shown: Vec<&TicketView> = (offset..offset + visible)
            .map_while(|position| self.window.row(position))
            .collect();
        let rows = shown.into_iter().map(|t| {
            let status_style = match t.status {
                TicketStatus::Open => theme.warn,
                TicketStatus::WaitingOnUser => theme.text,
                TicketStatus::Resolved => theme.muted,
            };
            let mut cells = vec![
                Span::raw(format!("#{}", t.id)),
                Span::styled(status_word(t.status, lang), status_style),
                Span::raw(category_title(t.category, lang)),
            ];
            if with_opener {
                cells.push(Span::raw(t.opened_by.to_string()));
            }
            cells.push(Span::raw(age(dates, t)));
            cells.push(Span::raw(replies(t, lang)));
            Row::new(cells)
        });
        let mut header = vec![
            lang.tui_support_column_number(),
            lang.tui_support_column_status(),
            lang.tui_support_column_category(),
        ];
        let mut widths = vec![
            Constraint::Length(4),
            Constraint::Length(15),
            Constraint::Fill(2),
        ];
        if with_opener {
            header.push(lang.tui_support_column_opened_by());
            widths.push(Constraint::Fill(2));
        }
        header.extend([
            lang.tui_support_column_age(),
            lang.tui_support_column_replies(),
        ]);
        widths.extend([Constraint::Length(7), Constraint::Length(9)]);
        let table = Table::new(rows, widths).header(Row::new(header).style(theme.heading));
        render_table(frame, area, block, table, selected - offset, true, theme);
    }
}

/// A ticket's status in words ("waiting on user", "等待用户回复").
pub fn status_word(status: TicketStatus, lang: Lang) -> &'static str {
    match status {
        TicketStatus::Open => lang.tui_support_status_open(),
        TicketStatus::WaitingOnUser => lang.tui_support_status_waiting(),
        TicketStatus::Resolved => lang.tui_support_status_resolved(),
    }
}

/// A ticket's category in words ("Linking problem", "关联问题").
pub fn category_title(category: TicketCategory, lang: Lang) -> &'static str {
    match category {
        TicketCategory::Linking => lang.tui_support_category_linking(),
        TicketCategory::Unlinking => lang.tui_support_category_unlinking(),
        TicketCategory::McidMerge => lang.tui_support_category_merge(),
        TicketCategory::Other => lang.tui_support_category_other(),
    }
}

/// Whole days since the ticket was opened (None: today).
fn days_open(dates: &DateFormat, ticket: &TicketView) -> Option<i64> {
    Some((dates.now - ticket.opened_at).num_days()).filter(|d| *d > 0)
}

/// Whole days since the ticket was opened: "today", "1 day", "12 days", in
/// `dates.lang`.
pub fn age(dates: &DateFormat, ticket: &TicketView) -> String {
    match days_open(dates, ticket) {
        None => dates.lang.tui_support_age_today().into(),
        Some(d) => dates.lang.tui_support_age_days(d),
    }
}

/// Messages after the first (the description): "none", "1 reply", "3 replies".
fn replies(ticket: &TicketView, lang: Lang) -> String {
    match ticket.messages.len().saturating_sub(1) {
        0 => lang.tui_support_replies_none().into(),
        n => lang.tui_support_replies(n),
    }
}

fn render_conversation(
    frame: &mut Frame,
    area: Rect,
    ticket: &TicketView,
    scroll: usize,
    dates: &DateFormat,
    theme: &Theme,
) {
    let lang = dates.lang;
    let title = lang.tui_support_ticket_title(
        ticket.id,
        category_title(ticket.category, lang),
        status_word(ticket.status, lang),
    );
    let block = pane_block(truncate(&title, usize::from(area.width)), true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = conversation_lines(ticket, dates, theme, inner.width);
    let first = scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(first).collect::<Vec<_>>()),
        inner,
    );
}

/// Who opened it and when, then every message: its author and time, and its
/// text wrapped to the width.
fn conversation_lines(
    ticket: &TicketView,
    dates: &DateFormat,
    theme: &Theme,
    width: u16,
) -> Vec<Line<'static>> {
    let w = usize::from(width);
    let lang = dates.lang;
    let ago = match days_open(dates, ticket) {
        None => lang.tui_support_age_today().to_string(),
        Some(d) => lang.tui_support_days_ago(d),
    };
    let mut lines = vec![Line::styled(
        truncate(
            &lang.tui_support_opened_by(
                ticket.opened_by.to_string(),
                dates.date_time(ticket.opened_at),
                ago,
            ),
            w,
        ),
        theme.muted,
    )];
    for message in &ticket.messages {
        lines.push(Line::default());
        let style = if message.from_support {
            theme.ok
        } else {
            theme.heading
        };
        lines.push(Line::styled(
            truncate(
                &format!("{} · {}", dates.date_time(message.at), message.author),
                w,
            ),
            style,
        ));
        for line in wrap(&message.text, width.saturating_sub(2)) {
            lines.push(Line::raw(format!("  {line}")));
        }
    }
    lines
}
