//! The skills report's columns as the engine knows them: which cell of
//! `report::SKILL_COLUMNS` each is, and how two rows compare by it. How a
//! front end titles and sizes them is its own business.

use std::cmp::Ordering;

use crate::report;
use crate::service::SkillRow;

/// Index of the skill's name in `report::SKILL_COLUMNS` (shown in the detail
/// lines, matched by the filter).
pub const SKILL_NAME_CELL: usize = 8;

/// The columns a front end can show, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SkillColumn {
    #[default]
    Name,
    Email,
    Mcid,
    Account,
    Kind,
    Skill,
    Earned,
    Reflection,
    Competencies,
}

impl SkillColumn {
    pub const ALL: [SkillColumn; 9] = [
        SkillColumn::Name,
        SkillColumn::Email,
        SkillColumn::Mcid,
        SkillColumn::Account,
        SkillColumn::Kind,
        SkillColumn::Skill,
        SkillColumn::Earned,
        SkillColumn::Reflection,
        SkillColumn::Competencies,
    ];

    /// The index of this column's cell in `report::SKILL_COLUMNS`.
    pub fn cell(self) -> usize {
        match self {
            SkillColumn::Name => 1,
            SkillColumn::Email => 2,
            SkillColumn::Mcid => 3,
            SkillColumn::Account => 5,
            SkillColumn::Kind => 6,
            SkillColumn::Skill => 7,
            SkillColumn::Earned => 9,
            SkillColumn::Reflection => 11,
            SkillColumn::Competencies => 12,
        }
    }

    /// The next column, for cycling the sort.
    pub fn next(self) -> SkillColumn {
        let i = SkillColumn::ALL
            .iter()
            .position(|c| *c == self)
            .unwrap_or(0);
        SkillColumn::ALL[(i + 1) % SkillColumn::ALL.len()]
    }

    /// Orders two rows by this column (ties: the caller keeps the report's order).
    pub fn compare(self, a: &SkillRow, b: &SkillRow) -> Ordering {
        match self {
            SkillColumn::Name => a.name.cmp(&b.name).then_with(|| a.email.cmp(&b.email)),
            SkillColumn::Email => a.email.cmp(&b.email),
            SkillColumn::Mcid => a.mcid.cmp(&b.mcid),
            SkillColumn::Account => report::account_status(a).cmp(&report::account_status(b)),
            SkillColumn::Kind => a.kind.cmp(&b.kind),
            SkillColumn::Skill => a.skill_id.cmp(&b.skill_id),
            SkillColumn::Earned => a.earned.cmp(&b.earned),
            // Pending first, by the day they show (R3).
            SkillColumn::Reflection => {
                (a.reflected, a.visible_from).cmp(&(b.reflected, b.visible_from))
            }
            SkillColumn::Competencies => a.competencies.cmp(&b.competencies),
        }
    }
}

/// The sort column and direction (`s` cycles the column, `S` reverses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SortOrder {
    pub column: SkillColumn,
    pub descending: bool,
}
