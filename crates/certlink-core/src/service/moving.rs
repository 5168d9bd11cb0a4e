//! R6 asked before it is made: what moving an MCID to the person's
//! organization would do, answered once the profile's password checked
//! (R8: nothing of a profile is shown without it), so a front end can show
//! the cost and ask before the other organization's link ends.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::store::Queries;
use crate::store::records::AccountRecord;
use certlink_domain::association_limit::{self, Allowance};
use certlink_domain::designations::ScoreChange;
use certlink_domain::designations::words::{self, WhatIfWhen};
use certlink_domain::skills::BEFORE_START_DELAY;
use certlink_domain::time::DateFormat;
use certlink_domain::{Mcid, ProfileFacts, Settings};

use super::linking::LinkOutcome;
use super::{Service, ServiceError, Session};

/// Whether a link that turns out to be a move goes ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Move {
    Go,
    Ask,
}

/// What [`Service::link_asking_before_move`] answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkStep {
    /// The link was made (a new one, or a take-over).
    Done(LinkOutcome),
    /// The link would move the MCID here from another organization; nothing
    /// was made.
    ConfirmMove(MovePreview),
}

/// What a move would do (R6), for the person who holds the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MovePreview {
    pub mcid: Mcid,
    /// R9 once the move has started its association: it counts as one.
    pub allowance_after: Allowance,
    /// R3: the profile's certifications and exams, all earned before the
    /// move, show in (and count for) the person's organization 72 hours
    /// after it.
    pub counts_from: DateTime<Utc>,
    /// The person's organization's Solutions Partner designation scores on
    /// `counts_from`, without and with the profile's certifications; empty
    /// for a person who may not see them. The scores of the organization the
    /// MCID leaves are that organization's own (R11, invariant 4): they are
    /// not shown, and the front ends say only that they stop counting there.
    pub designations: Vec<ScoreChange>,
}

impl MovePreview {
    /// What the move does, a sentence a line, in the reader's language and
    /// dates (`dates.lang`): the link it ends, the association it uses, from
    /// when the certifications count here, and the scores they move.
    pub fn lines(&self, dates: &DateFormat) -> Vec<String> {
        let lang = dates.lang;
        let mcid = self.mcid.to_string();
        let a = &self.allowance_after;
        let mut lines = vec![
            lang.move_leaves(mcid.as_str()),
            match a.next_allowed {
                Some(next) => {
                    lang.move_association_next(a.used, a.limit, dates.moment_with_countdown(next))
                }
                None => lang.move_association(a.used, a.limit),
            },
            lang.move_counts_from(dates.moment(self.counts_from)),
        ];
        let day = dates.date(self.counts_from);
        lines.extend(words::what_if(
            &self.designations,
            lang,
            WhatIfWhen::OnceCounted(&day),
        ));
        lines
    }
}

impl Service {
    /// Builds the preview of a move the domain has decided is allowed.
    pub(super) fn move_preview(
        &self,
        r: &impl Queries,
        session: &Session,
        me: &AccountRecord,
        profile: &ProfileFacts,
        settings: &Settings,
        now: DateTime<Utc>,
    ) -> Result<MovePreview, ServiceError> {
        let mut starts = profile.association_starts.clone();
        starts.push(now);
        let allowance_after = association_limit::allowance(
            &starts,
            settings.association_limit,
            settings.cool_off_days,
            now,
        );
        let counts_from = now + BEFORE_START_DELAY;
        let designations =
            self.arrival_changes(r, session, me.id, profile.mcid, now, counts_from)?;
        Ok(MovePreview {
            mcid: profile.mcid,
            allowance_after,
            counts_from,
            designations,
        })
    }
}
