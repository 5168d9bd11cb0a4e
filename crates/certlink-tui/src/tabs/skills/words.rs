//! How the skills tab words a column and the sort order ("Earned ▼",
//! "sorted by Earned ▼ (descending)").

use certlink_core::browse::columns::{SkillColumn, SortOrder};

/// How this tab words a column and the sort order.
pub trait ColumnWords {
    fn title(self) -> &'static str;
}

impl ColumnWords for SkillColumn {
    fn title(self) -> &'static str {
        match self {
            SkillColumn::Name => "Name",
            SkillColumn::Email => "Email",
            SkillColumn::Mcid => "MCID",
            SkillColumn::Account => "Account",
            SkillColumn::Kind => "Kind",
            SkillColumn::Skill => "Skill",
            SkillColumn::Earned => "Earned",
            SkillColumn::Reflection => "Reflection",
            SkillColumn::Competencies => "Competencies",
        }
    }
}

/// The sort order in the tab's words.
pub trait SortWords {
    fn arrow(self) -> &'static str;
    fn describe(self) -> String;
}

impl SortWords for SortOrder {
    /// "▲" or "▼", next to the column title.
    fn arrow(self) -> &'static str {
        if self.descending { "▼" } else { "▲" }
    }

    /// In words, for the title line (the arrow alone is easy to miss).
    fn describe(self) -> String {
        let way = if self.descending {
            "descending"
        } else {
            "ascending"
        };
        format!("sorted by {} {} ({way})", self.column.title(), self.arrow())
    }
}
