//! R15 (issue 15, principle 8): the merge preview says when the two profiles'
//! names or emails point at two different people. On the demo world's fixed clock.

use certlink_domain::merge::IdentityField;

use super::admin_support::{sign_in, world};

/// The README's example merges Edsger's profile into Dennis's.
#[test]
fn r15_the_preview_flags_edsger_into_dennis_as_different_people() {
    let s = world();
    let sam = sign_in(&s, "sam@support.example.com");
    let p = s.merge_preview(&sam, "10000012", "10000014").unwrap();
    assert!(p.different_people());
    let fields: Vec<IdentityField> = p.differences.iter().map(|d| d.field).collect();
    assert_eq!(fields, [IdentityField::Name, IdentityField::Email]);
    assert_eq!(p.differences[0].from, "Edsger Dijkstra");
    assert_eq!(p.differences[0].into, "Dennis Ritchie");
    assert!(
        p.warning()
            .unwrap()
            .starts_with("These may be two different people")
    );
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["differences"][0]["field"], "name");
    assert_eq!(
        json["differences"][1]["from"],
        "edsger.dijkstra@learn.example.com"
    );
}

/// One person's second profile, under the same mailbox at another provider, is
/// not flagged.
#[test]
fn r15_a_duplicate_of_one_person_is_not_flagged() {
    let s = world();
    s.add_profile(
        "10000099",
        "Alan.Turing@outlook.example.com",
        "Alan Turing",
        "another-profile-pass",
    )
    .unwrap();
    let sam = sign_in(&s, "sam@support.example.com");
    let p = s.merge_preview(&sam, "10000099", "10000001").unwrap();
    assert!(!p.different_people(), "{:?}", p.differences);
    assert_eq!(p.warning(), None);
    assert_eq!(
        (p.from_name.as_str(), p.into_name.as_str()),
        ("Alan Turing", "Alan Turing")
    );
}
