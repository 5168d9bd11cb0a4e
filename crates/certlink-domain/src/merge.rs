//! R15: what a merge preview says before support merges two certification
//! profiles. A merge is for two profiles of one person; when the names or the
//! emails point at two people, the preview says so, and every front end asks for
//! an explicit second confirmation (issue 15, principle 8; docs/rules.md, "Merges
//! flag different people").

use certlink_i18n::Lang;
use serde::Serialize;

use crate::Email;

/// Which part of the two profiles' identities differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityField {
    Name,
    Email,
}

impl IdentityField {
    pub fn plural(self) -> &'static str {
        match self {
            IdentityField::Name => "names",
            IdentityField::Email => "emails",
        }
    }
    /// [`IdentityField::plural`] in `lang`.
    pub fn plural_in(self, lang: Lang) -> &'static str {
        match self {
            IdentityField::Name => lang.domain_identity_names(),
            IdentityField::Email => lang.domain_identity_emails(),
        }
    }
}

/// One difference between the duplicate (`from`) and the primary (`into`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdentityDifference {
    pub field: IdentityField,
    pub from: String,
    pub into: String,
}

/// A profile's name and sign-in email, as the merge compares them.
#[derive(Debug, Clone, Copy)]
pub struct Identity<'a> {
    pub name: &'a str,
    pub email: &'a Email,
}

/// The differences that suggest two different people.
///
/// Names are compared ignoring case and runs of spaces. Two profiles never share a
/// sign-in email (each email signs in to one profile), so the emails are compared
/// by mailbox: the part before `@`, ignoring case, dots and a `+tag`. The same
/// mailbox at another provider (`alan.turing@outlook.com`, `Alan.Turing+ms@…`) is
/// the usual duplicate; another mailbox name is flagged.
pub fn differences(from: Identity<'_>, into: Identity<'_>) -> Vec<IdentityDifference> {
    let mut found = Vec::new();
    if normalized_name(from.name) != normalized_name(into.name) {
        found.push(IdentityDifference {
            field: IdentityField::Name,
            from: from.name.to_string(),
            into: into.name.to_string(),
        });
    }
    if mailbox(from.email) != mailbox(into.email) {
        found.push(IdentityDifference {
            field: IdentityField::Email,
            from: from.email.to_string(),
            into: into.email.to_string(),
        });
    }
    found
}

fn normalized_name(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn mailbox(email: &Email) -> String {
    let local = email
        .as_str()
        .rsplit_once('@')
        .map_or(email.as_str(), |(l, _)| l);
    let untagged = local.split_once('+').map_or(local, |(l, _)| l);
    untagged
        .chars()
        .filter(|c| *c != '.')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The warning every front end shows above the merge's confirmation, or `None`
/// when nothing differs.
pub fn warning(differences: &[IdentityDifference]) -> Option<String> {
    warning_in(differences, Lang::En)
}

/// [`warning`] in `lang`.
pub fn warning_in(differences: &[IdentityDifference], lang: Lang) -> Option<String> {
    if differences.is_empty() {
        return None;
    }
    let parts: Vec<String> = differences
        .iter()
        .map(|d| {
            lang.domain_identity_differ(d.field.plural_in(lang), d.from.as_str(), d.into.as_str())
        })
        .collect();
    Some(lang.domain_merge_warning(parts.join(lang.domain_identity_separator())))
}

/// "1 skill", "2 skills": a count with its noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What moves in a merge, in words: "2 skills, 1 link, 0 association starts".
pub fn moves(skills: usize, links: usize, starts: usize) -> String {
    format!(
        "{}, {}, {}",
        count(skills, "skill", "skills"),
        count(links, "link", "links"),
        count(starts, "association start", "association starts"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id<'a>(name: &'a str, email: &'a Email) -> Identity<'a> {
        Identity { name, email }
    }

    fn email(s: &str) -> Email {
        s.parse().unwrap()
    }

    /// The README's example: Edsger's profile into Dennis's.
    #[test]
    fn r15_edsger_into_dennis_differs_in_name_and_email() {
        let (e, d) = (
            email("edsger.dijkstra@learn.example.com"),
            email("dennis.ritchie@learn.example.com"),
        );
        let found = differences(id("Edsger Dijkstra", &e), id("Dennis Ritchie", &d));
        assert_eq!(
            found.iter().map(|d| d.field).collect::<Vec<_>>(),
            [IdentityField::Name, IdentityField::Email]
        );
        assert_eq!(
            warning(&found).unwrap(),
            "These may be two different people: the names differ (Edsger Dijkstra / Dennis Ritchie); the emails differ (edsger.dijkstra@learn.example.com / dennis.ritchie@learn.example.com). Merge only two profiles of one person (R15)."
        );
    }

    #[test]
    fn r15_one_person_at_two_providers_is_not_flagged() {
        let (a, b) = (
            email("alan.turing@learn.example.com"),
            email("AlanTuring+ms@outlook.com"),
        );
        let found = differences(id("Alan  Turing", &a), id("alan turing", &b));
        assert_eq!(found, []);
        assert_eq!(warning(&found), None);
    }

    #[test]
    fn r15_a_name_alone_or_an_email_alone_is_flagged() {
        let (a, b) = (email("alan@x.example"), email("alan@y.example"));
        let name = differences(id("Alan Turing", &a), id("Ada Lovelace", &b));
        assert_eq!(name.len(), 1);
        assert_eq!(name[0].field, IdentityField::Name);
        let c = email("ada@y.example");
        let mail = differences(id("Alan Turing", &a), id("Alan Turing", &c));
        assert_eq!(mail.len(), 1);
        assert_eq!(mail[0].field, IdentityField::Email);
        assert!(
            warning(&mail)
                .unwrap()
                .contains("the emails differ (alan@x.example / ada@y.example)")
        );
    }

    #[test]
    fn r15_counts_are_in_the_right_number() {
        assert_eq!(moves(1, 1, 1), "1 skill, 1 link, 1 association start");
        assert_eq!(moves(0, 2, 3), "0 skills, 2 links, 3 association starts");
    }
}
