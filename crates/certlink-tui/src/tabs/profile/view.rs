//! How the profile is drawn: the association allowance (R9) on top, where
//! people look first; then *Microsoft exams and certifications* (R4, R7) and
//! *Your learning* (R2), each with its action line; then the held skills.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::ProfileTab;
use crate::components::button;
use crate::theme::{Mark, Theme};
use certlink_core::service::{ProfileView, Session};
use certlink_domain::association_limit::Block as AllowanceBlock;
use certlink_domain::skills::SkillKind;
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;
use certlink_i18n::width::{fit, pad, width as cols};

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
/// The skill kind's column in the held skills: "learning-path" and a space.
const KIND_WIDTH: usize = 13;

/// A skill kind in the reader's words.
fn kind_name(kind: SkillKind, lang: Lang) -> &'static str {
    match kind {
        SkillKind::Certification => lang.tui_profile_kind_certification(),
        SkillKind::Exam => lang.tui_profile_kind_exam(),
        SkillKind::Assessment => lang.tui_profile_kind_assessment(),
        SkillKind::Module => lang.tui_profile_kind_module(),
        SkillKind::LearningPath => lang.tui_profile_kind_learning_path(),
    }
}

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
    pub fn action_at(
        &self,
        area: Rect,
        session: &Session,
        lang: Lang,
        column: u16,
        row: u16,
    ) -> Option<usize> {
        let view = self.view.as_ref()?;
        let lead = u16::try_from(cols(Mark::SELECTED)).unwrap_or(0);
        ProfileTab::layout(area)
            .actions
            .iter()
            .zip(self.actions(session))
            .position(|(line, action)| {
                button::cells(*line, lead, &button::text(&action.label(view, lang)))
                    .contains(Position::new(column, row))
            })
    }

    pub(super) fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        session: &Session,
        dates: &DateFormat,
        lang: Lang,
        theme: &Theme,
    ) {
        // The words follow the reader; the dates' own words too.
        let dates = &dates.in_lang(lang);
        let Some(view) = &self.view else {
            frame.render_widget(Line::styled(lang.tui_profile_loading(), theme.muted), area);
            return;
        };
        if session.is_support {
            render_support(frame, area, view, lang, theme);
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
                Span::styled(button::text(&action.label(view, lang)), style),
            ])
        };
        let width = usize::from(area.width);
        let mut mcid = vec![Line::styled(lang.tui_profile_mcid_heading(), theme.heading)];
        mcid.extend(mcid_lines(view, dates, theme, width));
        mcid.push(action_line(0));
        frame.render_widget(Paragraph::new(mcid), layout.mcid);
        let pu = vec![
            Line::styled(lang.tui_profile_pu_heading(), theme.heading),
            pu_line(view, lang, theme, width),
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
        let lang = dates.lang;
        let width = usize::from(area.width);
        let count = self.skills.len();
        let title = lang.tui_profile_skills_title(count);
        if count == 0 || area.height == 1 {
            // One line: a short title, then the skill ids as far as they fit.
            let (title, detail) = if count == 0 {
                (title, lang.tui_profile_skills_none().to_string())
            } else {
                let ids: Vec<&str> = self.skills.iter().map(|s| s.skill_id.as_str()).collect();
                (
                    lang.tui_profile_skills_short(count),
                    lang.tui_profile_skills_ids(ids.join(", ")),
                )
            };
            let room = width.saturating_sub(cols(&title));
            frame.render_widget(
                Line::from(vec![
                    Span::styled(title, theme.heading),
                    Span::styled(fit(&detail, room).into_owned(), theme.muted),
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
                    lang.tui_profile_skills_more(count - i),
                    theme.muted,
                ));
                break;
            }
            // The kind's column by display width: 认证 is four columns.
            let text = format!(
                "{}  {} {} · {}",
                dates.date(s.date),
                pad(kind_name(s.kind, lang), KIND_WIDTH),
                s.skill_id,
                s.name
            );
            lines.push(Line::raw(fit(&text, width).into_owned()));
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
    let lang = dates.lang;
    let a = &view.allowance;
    let title = match view.mcid {
        Some(m) => lang.tui_profile_allowance_title_mcid(m.to_string()),
        None => lang.tui_profile_allowance_title().to_string(),
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.allowance)
        .title(Span::styled(title, theme.allowance));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let used = match a.window_since {
        Some(s) => lang.tui_profile_used_since(a.used, a.limit, dates.date(s)),
        None => lang.tui_profile_used(a.used, a.limit),
    };
    let label = lang.tui_profile_next();
    let next = match a.next_allowed {
        None => Line::from(vec![
            Span::styled(label, theme.allowance),
            Span::styled(
                format!("{}{}", Mark::OK, lang.tui_profile_allowed_now()),
                theme.ok,
            ),
        ]),
        Some(at) => {
            let why = match a.blocked_by {
                Some(AllowanceBlock::Limit) => lang.tui_profile_blocked_limit(),
                Some(AllowanceBlock::CoolOff) => lang.tui_profile_blocked_cool_off(),
                None => "",
            };
            // What is left of the line after the label, in columns.
            let room = width.saturating_sub(cols(label));
            Line::from(vec![
                Span::styled(label, theme.allowance),
                Span::styled(
                    fit(&format!("{}{why}", dates.moment_with_countdown(at)), room).into_owned(),
                    theme.warn,
                ),
            ])
        }
    };
    let cool_off = match a.last_start {
        Some(s) => lang.tui_profile_cool_off_last(a.cool_off_days, dates.date(s)),
        None => lang.tui_profile_cool_off(a.cool_off_days),
    };
    let lines = vec![
        Line::styled(fit(&used, width).into_owned(), theme.text),
        next,
        Line::styled(fit(&cool_off, width).into_owned(), theme.muted),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}

fn mcid_lines(
    view: &ProfileView,
    dates: &DateFormat,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let lang = dates.lang;
    let profile = match (view.mcid, &view.profile_email) {
        (Some(m), Some(email)) => lang.tui_profile_mcid_email(m.to_string(), email.to_string()),
        (Some(m), None) => lang.tui_profile_mcid(m.to_string()),
        (None, _) => lang.tui_profile_no_profile().into(),
    };
    let link = match (view.linked_mpn_id, view.linked_since) {
        (Some(mpn), Some(since)) => {
            let org = match (&view.org_name, view.mpn_id) {
                (Some(name), Some(own)) if own == mpn => format!("{name} ({mpn})"),
                _ => mpn.to_string(),
            };
            Line::from(vec![
                Span::styled(Mark::OK, theme.ok),
                Span::raw(
                    fit(
                        &lang.tui_profile_linked_to(org, dates.date(since)),
                        width.saturating_sub(cols(Mark::OK)),
                    )
                    .into_owned(),
                ),
            ])
        }
        _ if view.mcid.is_some() => Line::styled(
            fit(lang.tui_profile_not_linked_now(), width).into_owned(),
            theme.muted,
        ),
        _ => Line::styled(
            fit(lang.tui_profile_link_hint(), width).into_owned(),
            theme.muted,
        ),
    };
    vec![Line::raw(fit(&profile, width).into_owned()), link]
}

fn pu_line(view: &ProfileView, lang: Lang, theme: &Theme, width: usize) -> Line<'static> {
    match &view.pu_username {
        Some(user) => Line::from(vec![
            Span::styled(Mark::OK, theme.ok),
            Span::raw(
                fit(
                    &lang.tui_profile_pu_access(user.to_string()),
                    width.saturating_sub(cols(Mark::OK)),
                )
                .into_owned(),
            ),
        ]),
        None => Line::styled(lang.tui_profile_no_pu(), theme.muted),
    }
}

fn render_support(frame: &mut Frame, area: Rect, view: &ProfileView, lang: Lang, theme: &Theme) {
    let who = format!("{} · {}", view.name, view.email);
    let parts = [
        (lang.tui_profile_support_heading(), theme.heading),
        (who.as_str(), ratatui::style::Style::default()),
        ("", ratatui::style::Style::default()),
        (lang.tui_profile_support_text(), theme.muted),
    ];
    frame.render_widget(crate::components::wrapped(&parts, area.width), area);
}
