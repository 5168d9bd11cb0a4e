//! How the skills tab words a column and the sort order ("Earned ▼",
//! "sorted by Earned ▼ (descending)"), in the reader's language.

use certlink_core::browse::columns::{SkillColumn, SortOrder};
use certlink_i18n::Lang;

/// How this tab words a column and the sort order.
pub trait ColumnWords {
    /// The title in English.
    fn title(self) -> &'static str;
    /// The title in `lang`.
    fn title_in(self, lang: Lang) -> &'static str;
}

impl ColumnWords for SkillColumn {
    fn title(self) -> &'static str {
        self.title_in(Lang::En)
    }

    fn title_in(self, lang: Lang) -> &'static str {
        match self {
            SkillColumn::Name => lang.tui_skills_column_name(),
            SkillColumn::Email => lang.tui_skills_column_email(),
            SkillColumn::Mcid => lang.tui_skills_column_mcid(),
            SkillColumn::Account => lang.tui_skills_column_account(),
            SkillColumn::Kind => lang.tui_skills_column_kind(),
            SkillColumn::Skill => lang.tui_skills_column_skill(),
            SkillColumn::Earned => lang.tui_skills_column_earned(),
            SkillColumn::Reflection => lang.tui_skills_column_reflection(),
            SkillColumn::Competencies => lang.tui_skills_column_competencies(),
        }
    }
}

/// The sort order in the tab's words.
pub trait SortWords {
    fn arrow(self) -> &'static str;
    /// In English.
    fn describe(self) -> String;
    fn describe_in(self, lang: Lang) -> String;
}

impl SortWords for SortOrder {
    /// "▲" or "▼", next to the column title.
    fn arrow(self) -> &'static str {
        if self.descending { "▼" } else { "▲" }
    }

    fn describe(self) -> String {
        self.describe_in(Lang::En)
    }

    /// In words, for the title line (the arrow alone is easy to miss).
    fn describe_in(self, lang: Lang) -> String {
        let way = if self.descending {
            lang.tui_skills_descending()
        } else {
            lang.tui_skills_ascending()
        };
        lang.tui_skills_sorted_by(self.column.title_in(lang), self.arrow(), way)
    }
}
