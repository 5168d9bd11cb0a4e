//! Tickets (R14): the support engineers' queue (open and waiting first, then
//! recently resolved, with each ticket's age) or a person's own tickets, and
//! one ticket's conversation. What is listed is what `Service::tickets` and
//! `Service::ticket` return for the reader: the service decides who sees what.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, Wrap};

use crate::components::pane::{pane_block, render_table};
use crate::components::{list_row_at, scroll_offset, truncate, wrap};
use crate::theme::Theme;
use certlink_core::service::TicketView;
use certlink_domain::tickets::TicketStatus;
use certlink_domain::time::DateFormat;

/// Most tickets read for a list (the queue shows open ones first).
pub const TICKETS_LIMIT: usize = 200;
/// From this pane width on, the queue shows who opened each ticket.
const WIDE: u16 = 76;

#[derive(Debug, Clone, Default)]
pub struct TicketList {
    pub tickets: Vec<TicketView>,
    pub selected: usize,
    /// The ticket being read, as last read.
    pub open: Option<TicketView>,
    /// The first line of the conversation shown.
    pub scroll: usize,
}

impl TicketList {
    /// Replaces the list with a fresh read, keeping the same ticket selected.
    pub fn load(&mut self, tickets: Vec<TicketView>) {
        let keep = self.selected_ticket().map(|t| t.id);
        self.tickets = tickets;
        self.selected = keep
            .and_then(|id| self.tickets.iter().position(|t| t.id == id))
            .unwrap_or(self.selected)
            .min(self.tickets.len().saturating_sub(1));
    }

    pub fn select_id(&mut self, id: u64) {
        if let Some(i) = self.tickets.iter().position(|t| t.id == id) {
            self.selected = i;
        }
    }

    /// The ticket under a click, when the list is shown.
    pub fn row_at(&self, area: Rect, column: u16, row: u16) -> Option<usize> {
        if self.open.is_some() {
            return None;
        }
        list_row_at(area, self.selected, self.tickets.len(), column, row)
    }

    pub fn selected_ticket(&self) -> Option<&TicketView> {
        self.tickets.get(self.selected)
    }

    /// The ticket an action is about: the one being read, else the selected.
    pub fn current_id(&self) -> Option<u64> {
        self.open
            .as_ref()
            .map(|t| t.id)
            .or_else(|| self.selected_ticket().map(|t| t.id))
    }

    /// (open, waiting on user) among the tickets read.
    pub fn counts(&self) -> (usize, usize) {
        let count = |s| self.tickets.iter().filter(|t| t.status == s).count();
        (
            count(TicketStatus::Open),
            count(TicketStatus::WaitingOnUser),
        )
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.tickets.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
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
        let title = if queue {
            format!(" Ticket queue ({}) ", self.tickets.len())
        } else {
            format!(" Your tickets ({}) ", self.tickets.len())
        };
        let block = pane_block(title, true, theme);
        if self.tickets.is_empty() {
            let text = if queue {
                "No tickets: the queue is empty."
            } else {
                "No tickets yet. If linking or unlinking goes wrong, or two certification profiles should be one, open a ticket: support answers here."
            };
            let inner = block.inner(area);
            frame.render_widget(block, area);
            frame.render_widget(
                Paragraph::new(Line::styled(text, theme.muted)).wrap(Wrap { trim: true }),
                inner,
            );
            return;
        }
        let with_opener = queue && area.width >= WIDE;
        let visible = usize::from(area.height.saturating_sub(3));
        let offset = scroll_offset(self.selected, visible);
        let rows = self.tickets.iter().skip(offset).take(visible).map(|t| {
            let status_style = match t.status {
                TicketStatus::Open => theme.warn,
                TicketStatus::WaitingOnUser => theme.text,
                TicketStatus::Resolved => theme.muted,
            };
            let mut cells = vec![
                Span::raw(format!("#{}", t.id)),
                Span::styled(t.status.name(), status_style),
                Span::raw(t.category.title()),
            ];
            if with_opener {
                cells.push(Span::raw(t.opened_by.to_string()));
            }
            cells.push(Span::raw(age(dates, t)));
            cells.push(Span::raw(replies(t)));
            Row::new(cells)
        });
        let mut header = vec!["#", "Status", "Category"];
        let mut widths = vec![
            Constraint::Length(4),
            Constraint::Length(15),
            Constraint::Fill(2),
        ];
        if with_opener {
            header.push("Opened by");
            widths.push(Constraint::Fill(2));
        }
        header.extend(["Age", "Replies"]);
        widths.extend([Constraint::Length(7), Constraint::Length(9)]);
        let table = Table::new(rows, widths).header(Row::new(header).style(theme.heading));
        render_table(
            frame,
            area,
            block,
            table,
            self.selected - offset,
            true,
            theme,
        );
    }
}

/// Whole days since the ticket was opened: "today", "1 day", "12 days".
pub fn age(dates: &DateFormat, ticket: &TicketView) -> String {
    match (dates.now - ticket.opened_at).num_days() {
        d if d <= 0 => "today".into(),
        1 => "1 day".into(),
        d => format!("{d} days"),
    }
}

/// Messages after the first (the description): "none", "1 reply", "3 replies".
fn replies(ticket: &TicketView) -> String {
    match ticket.messages.len().saturating_sub(1) {
        0 => "none".into(),
        1 => "1 reply".into(),
        n => format!("{n} replies"),
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
    let title = format!(
        " Ticket #{} · {} · {} ",
        ticket.id,
        ticket.category.title(),
        ticket.status.name()
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
    let mut lines = vec![Line::styled(
        truncate(
            &format!(
                "Opened by {} on {} ({})",
                ticket.opened_by,
                dates.date_time(ticket.opened_at),
                match age(dates, ticket).as_str() {
                    "today" => "today".to_string(),
                    days => format!("{days} ago"),
                }
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
