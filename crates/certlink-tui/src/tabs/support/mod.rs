//! Support (R14–R16), everyone's tab with two faces. Support engineers get
//! their desk: *people* (a search across organizations by email, name, MCID or
//! MPN ID, and a person view that answers "why can't I link?") and the ticket
//! *queue*, switched by keys of the key table; MCID merges (R15) start from
//! either. Everyone else gets their own tickets: open one, read the replies,
//! answer. [`people`] and [`tickets`] hold and draw those parts.

pub mod people;
pub mod tickets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::action::Action;
use crate::keys::{self, Context};
use crate::theme::Theme;
use certlink_core::service::Session;
use certlink_domain::time::DateFormat;
use people::PeopleDesk;
use tickets::TicketList;

/// The support engineers' two views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SupportView {
    #[default]
    People,
    Tickets,
}

#[derive(Debug, Clone, Default)]
pub struct SupportTab {
    /// Support engineers only: which view is in front.
    pub view: SupportView,
    /// Support engineers only: lookups and the person view.
    pub people: PeopleDesk,
    /// The queue for support engineers; a person's own tickets otherwise.
    pub tickets: TicketList,
}

impl SupportTab {
    /// Where keys go on this tab (which face, which view, what is open).
    pub fn context(&self, session: &Session) -> Context {
        if !session.is_support {
            return if self.tickets.open.is_some() {
                Context::MyTicket
            } else {
                Context::MyTickets
            };
        }
        match self.view {
            SupportView::People if self.people.searching => Context::SupportSearch,
            SupportView::People if self.people.person.is_some() => Context::SupportPerson,
            SupportView::People => Context::SupportPeople,
            SupportView::Tickets if self.tickets.open.is_some() => Context::QueueTicket,
            SupportView::Tickets => Context::Queue,
        }
    }

    /// (the line naming the views, the view's area).
    pub fn layout(area: Rect) -> (Rect, Rect) {
        let bar = Rect {
            height: 1.min(area.height),
            ..area
        };
        let body = Rect {
            y: area.y + bar.height,
            height: area.height - bar.height,
            ..area
        };
        (bar, body)
    }

    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        session: &Session,
        dates: &DateFormat,
        theme: &Theme,
    ) {
        let (bar, body) = SupportTab::layout(area);
        if !session.is_support {
            frame.render_widget(
                Line::styled("Your support tickets (R14)", theme.heading),
                bar,
            );
            self.tickets.render(frame, body, false, dates, theme);
            return;
        }
        self.render_view_bar(frame, bar, theme);
        match self.view {
            SupportView::People => self.people.render(frame, body, dates, theme),
            SupportView::Tickets => self.tickets.render(frame, body, true, dates, theme),
        }
    }

    /// "People (p) │ Ticket queue (t): 1 open, 0 waiting": the view in front is
    /// marked, and the keys come from the key table.
    fn render_view_bar(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let context = Context::SupportPeople;
        let key = |view| {
            keys::first_key(context, &Action::ShowSupport(view)).unwrap_or_else(|| "?".into())
        };
        let (open, waiting) = self.tickets.counts();
        let people = format!(" People ({}) ", key(SupportView::People));
        let queue = format!(
            " Ticket queue ({}): {open} open, {waiting} waiting on user ",
            key(SupportView::Tickets)
        );
        let style = |view| {
            if self.view == view {
                theme.tab_active
            } else {
                theme.tab
            }
        };
        frame.render_widget(
            Line::from(vec![
                Span::styled(people, style(SupportView::People)),
                Span::raw("│"),
                Span::styled(queue, style(SupportView::Tickets)),
            ]),
            area,
        );
    }
}
