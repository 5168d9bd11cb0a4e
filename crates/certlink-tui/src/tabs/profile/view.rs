//! How the profile is drawn: the association allowance (R9) on top, where
//! people look first; then *Microsoft exams and certifications* (R4, R7) and
//! *Your learning* (R2), each with its action line; then the held skills.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::ProfileTab;
use crate::components::{button, truncate};
use crate::theme::{Mark, Theme};
use certlink_core::service::{ProfileView, Session};
use certlink_domain::association_limit::Block as AllowanceBlock;
use certlink_domain::time::DateFormat;

/// Where the parts of the profile go; drawing and clicks share it.
pub struct ProfileLayout {
    pub allowance: Rect,
    pub mcid: Rect,
    pub pu: Rect,
    /// The action lines, in [`ProfileTab::actions`] order.
    pub actions: Vec<Rect>,
    /// What is left below: the skills list.
    pub skills: Rect,
}

const ALLOWANCE_HEIGHT: u16 = 5;
const MCID_HEIGHT: u16 = 4;
const PU_HEIGHT: u16 = 3;

impl ProfileTab {
    pub fn layout(area: Rect) -> ProfileLayout {
        // Blank lines between the parts when there is room for them.
        let gap = u16::from(area.height >= ALLOWANCE_HEIGHT + MCID_HEIGHT + PU_HEIGHT + 2);
        let mut y = area.y;
        let bottom = area.y + area.height;
        let mut take = |h: u16| {
            let h = h.min(bottom.saturating_sub(y));
            let r = Rect::new(area.x, y, area.width, h);
            y = (y + h + gap).min(bottom);
            r
        };
        let allowance = take(ALLOWANCE_HEIGHT);
        let mcid = take(MCID_HEIGHT);
        let pu = take(PU_HEIGHT);
        let last_line = |r: Rect| {
            Rect::new(
                r.x,
                r.y + r.height.saturating_sub(1),
                r.width,
                u16::from(r.height > 0),
            )
        };
        let skills = Rect::new(area.x, y, area.width, bottom.saturating_sub(y));
        ProfileLayout {
            allowance,
            mcid,
            pu,
            actions: vec![last_line(mcid), last_line(pu)],
            skills,
        }
    }

    /// The action whose button is under a click, if any: the button's own
    /// cells, not the blank rest of its line.
    pub fn action_at(&self, area: Rect, session: &Session, column: u16, row: u16) -> Option<usize> {
        let view = self.view.as_ref()?;
        let lead =
            u16::try_from(unicode_width::UnicodeWidthStr::width(Mark::SELECTED)).unwrap_or(0);
        ProfileTab::layout(area)
            .actions
            .iter()
            .zip(self.actions(session))
            .position(|(line, action)| {
                button::cells(*line, lead, &button::text(&action.label(view)))
                    .contains(Position::new(column, row))
            })
    }

    pub(super) fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        session: &Session,
        dates: &DateFormat,
        theme: &Theme,
    ) {
        let Some(view) = &self.view else {
            frame.render_widget(Line::styled("Loading your profile…", theme.muted), area);
            return;
        };
        if session.is_support {
            render_support(frame, area, view, theme);
            return;
        }
        let layout = ProfileTab::layout(area);
        render_allowance(frame, layout.allowance, view, dates, theme);
        let actions = self.actions(session);
        let action_line = |index: usize| -> Line<'static> {
            let Some(action) = actions.get(index) else {
                return Line::default();
            };
            let selected = index == self.selected;
            let (mark, style) = if selected {
                (Mark::SELECTED, theme.selected)
            } else {
                (Mark::UNSELECTED, theme.key)
            };
            Line::from(vec![
                Span::raw(mark),
                Span::styled(button::text(&action.label(view)), style),
            ])
        };
        let width = usize::from(area.width);
        let mut mcid = vec![Line::styled(
            "Microsoft exams and certifications",
            theme.heading,
        )];
        mcid.extend(mcid_lines(view, dates, theme, width));
        mcid.push(action_line(0));
        frame.render_widget(Paragraph::new(mcid), layout.mcid);
        let pu = vec![
            Line::styled("Your learning (Partner University)", theme.heading),
            pu_line(view, theme, width),
            action_line(1),
        ];
        frame.render_widget(Paragraph::new(pu), layout.pu);
        self.render_skills(frame, layout.skills, dates, theme);
    }

    /// The held skills, as many as fit; one summary line when space is short.
    fn render_skills(&self, frame: &mut Frame, area: Rect, dates: &DateFormat, theme: &Theme) {
        if area.height == 0 {
            return;
        }
        let width = usize::from(area.width);
        let count = self.skills.len();
        let title = format!("Certifications, exams and assessments ({count})");
        if count == 0 || area.height == 1 {
            // One line: a short title, then the skill ids as far as they fit.
            let (title, detail) = if count == 0 {
                (title, ": none recorded yet".to_string())
            } else {
                let ids: Vec<&str> = self.skills.iter().map(|s| s.skill_id.as_str()).collect();
                (format!("Skills ({count})"), format!(": {}", ids.join(", ")))
            };
            let room = width.saturating_sub(unicode_width::UnicodeWidthStr::width(title.as_str()));
            frame.render_widget(
                Line::from(vec![
                    Span::styled(title, theme.heading),
                    Span::styled(truncate(&detail, room), theme.muted),
                ]),
                Rect { height: 1, ..area },
            );
            return;
        }
        let rows = usize::from(area.height - 1);
        let mut lines = vec![Line::styled(title, theme.heading)];
        for (i, s) in self.skills.iter().enumerate().take(rows) {
            if i + 1 == rows && count > rows {
                lines.push(Line::styled(
                    format!("  … and {} more", count - i),
                    theme.muted,
                ));
                break;
            }
            let text = format!(
                "{}  {:<13} {} · {}",
                dates.date(s.date),
                s.kind.name(),
                s.skill_id,
                s.name
            );
            lines.push(Line::raw(truncate(&text, width)));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}

/// R9, prominent: used / limit in the window, the next allowed date with "in N
/// days" and what holds it back, and the cool-off.
fn render_allowance(
    frame: &mut Frame,
    area: Rect,
    view: &ProfileView,
    dates: &DateFormat,
    theme: &Theme,
) {
    let a = &view.allowance;
    let title = match view.mcid {
        Some(m) => format!(" Association allowance · MCID {m} (R9) "),
        None => " Association allowance (R9) ".to_string(),
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.allowance)
        .title(Span::styled(title, theme.allowance));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let since = a
        .window_since
        .map(|s| format!(" (since {})", dates.date(s)))
        .unwrap_or_default();
    let used = format!(
        "Used: {} of {} associations in 365 days{since}",
        a.used, a.limit
    );
    let next = match a.next_allowed {
        None => Line::from(vec![
            Span::styled("Next association: ", theme.allowance),
            Span::styled(format!("{}allowed now", Mark::OK), theme.ok),
        ]),
        Some(at) => {
            let why = match a.blocked_by {
                Some(AllowanceBlock::Limit) => " · limit reached".to_string(),
                Some(AllowanceBlock::CoolOff) => " · cool-off".to_string(),
                None => String::new(),
            };
            Line::from(vec![
                Span::styled("Next association: ", theme.allowance),
                Span::styled(
                    truncate(
                        &format!("{}{why}", dates.moment_with_countdown(at)),
                        width.saturating_sub(18),
                    ),
                    theme.warn,
                ),
            ])
        }
    };
    let last = a
        .last_start
        .map(|s| format!(" · last start {}", dates.date(s)))
        .unwrap_or_default();
    let cool_off = format!("Cool-off: {} days between starts{last}", a.cool_off_days);
    let lines = vec![
        Line::styled(truncate(&used, width), theme.text),
        next,
        Line::styled(truncate(&cool_off, width), theme.muted),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}

fn mcid_lines(
    view: &ProfileView,
    dates: &DateFormat,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let profile = match (view.mcid, &view.profile_email) {
        (Some(m), Some(email)) => format!("MCID {m} · {email}"),
        (Some(m), None) => format!("MCID {m}"),
        (None, _) => "No Microsoft Learning account associated yet.".into(),
    };
    let link = match (view.linked_mpn_id, view.linked_since) {
        (Some(mpn), Some(since)) => {
            let org = match (&view.org_name, view.mpn_id) {
                (Some(name), Some(own)) if own == mpn => format!("{name} ({mpn})"),
                _ => mpn.to_string(),
            };
            Line::from(vec![
                Span::styled(Mark::OK, theme.ok),
                Span::raw(truncate(
                    &format!("Linked to {org} since {}", dates.date(since)),
                    width.saturating_sub(2),
                )),
            ])
        }
        _ if view.mcid.is_some() => Line::styled(
            truncate(
                "Not linked now (last associated through this account).",
                width,
            ),
            theme.muted,
        ),
        _ => Line::styled(
            truncate(
                "Link it to count its certifications for your organization.",
                width,
            ),
            theme.muted,
        ),
    };
    vec![Line::raw(truncate(&profile, width)), link]
}

fn pu_line(view: &ProfileView, theme: &Theme, width: usize) -> Line<'static> {
    match &view.pu_username {
        Some(user) => Line::from(vec![
            Span::styled(Mark::OK, theme.ok),
            Span::raw(truncate(
                &format!("Access granted · Partner University account {user}"),
                width.saturating_sub(2),
            )),
        ]),
        None => Line::styled("No Partner University access.", theme.muted),
    }
}

fn render_support(frame: &mut Frame, area: Rect, view: &ProfileView, theme: &Theme) {
    let lines = vec![
        Line::styled("Support engineer", theme.heading),
        Line::raw(format!("{} · {}", view.name, view.email)),
        Line::default(),
        Line::styled(
            "Support engineers belong to no organization: there is no profile to link here.",
            theme.muted,
        ),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}
