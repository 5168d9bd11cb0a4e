//! Shared passes over the skills report (issue 17): sessions that ask for the
//! same pass of the same report version get one computation and one copy; a
//! commit that changes an organization's report makes its next pass afresh
//! and leaves the other organizations' passes alone; the permission is asked
//! before the shared passes, so no pass crosses it (R10, invariant 4).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize};

use chrono::{DateTime, TimeDelta, TimeZone, Utc};

use certlink_core::browse::columns::{SkillColumn, SortOrder};
use certlink_core::browse::index::{IndexRequest, IndexUpdate};
use certlink_core::browse::reads::{IndexFailure, IndexJob, run_index};
use certlink_core::import::{InputFormat, parse};
use certlink_core::service::{Importer, ManualClock, NewAccount, Service, Session, SignInSource};
use certlink_core::store::records::AccountKind;
use certlink_domain::{AccountStatus, MpnId, Roles};

const A: u64 = 3_333_333;
const B: u64 = 4_444_444;
const PW: &str = "work-account-pass";
const PROFILE_PW: &str = "profile-pass-1";

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

fn domain(org: u64) -> &'static str {
    if org == A {
        "a.example.com"
    } else {
        "b.example.com"
    }
}

/// Org A: ga-a (Global Admin), pa-a (MPN Partner Admin), ann, bob.
/// Org B: ga-b, pa-b (Partner Admin), cat. Profiles 1..=3.
struct World {
    service: Service,
    clock: ManualClock,
}

impl World {
    fn new() -> World {
        let (service, clock) = crate::sandbox_at(t0());
        for (org, name) in [(A, "Org A"), (B, "Org B")] {
            service
                .add_org_with_domains(&org.to_string(), name, &[domain(org).into()])
                .unwrap();
        }
        let partner_admin = Roles {
            partner_admin: true,
            global_admin: false,
        };
        let people = [
            ("ga-a", A, Roles::GLOBAL_ADMIN),
            ("pa-a", A, partner_admin),
            ("ann", A, Roles::USER),
            ("bob", A, Roles::USER),
            ("ga-b", B, Roles::GLOBAL_ADMIN),
            ("pa-b", B, partner_admin),
            ("cat", B, Roles::USER),
        ];
        for (name, org, roles) in people {
            service
                .create_account(NewAccount {
                    kind: AccountKind::Member {
                        org: MpnId::new(org).unwrap(),
                    },
                    email: &format!("{name}@{}", domain(org)),
                    name,
                    roles,
                    password: PW,
                    status: AccountStatus::Active,
                })
                .unwrap();
        }
        for n in 1..=3 {
            service
                .add_profile(
                    &n.to_string(),
                    &format!("p{n}@learn.example.com"),
                    &format!("P{n}"),
                    PROFILE_PW,
                )
                .unwrap();
        }
        let w = World { service, clock };
        w.tick();
        w.link("ann", A, 1);
        let rows = parse(exam(1, "AZ-104").as_bytes(), InputFormat::JsonLines, |_| {}).unwrap();
        w.service
            .import_records(Importer::Operator, &rows, &mut |_, _| {})
            .unwrap();
        w
    }

    /// A second later: commands happen in order.
    fn tick(&self) {
        self.clock.set(self.clock_now() + TimeDelta::seconds(1));
    }

    fn clock_now(&self) -> DateTime<Utc> {
        self.service.now().unwrap()
    }

    fn session(&self, name: &str, org: u64) -> Session {
        self.service
            .sign_in(&format!("{name}@{}", domain(org)), PW, &SignInSource::Local)
            .unwrap()
    }

    fn link(&self, name: &str, org: u64, profile: u32) {
        self.service
            .link(
                &self.session(name, org),
                &format!("p{profile}@learn.example.com"),
                PROFILE_PW,
            )
            .unwrap();
    }

    /// The Skills tab's first whole pass: every row, by name, no filter.
    fn pass(&self, session: &Session) -> Result<IndexUpdate, IndexFailure> {
        self.pass_sorted(session, SortOrder::default())
    }

    fn pass_sorted(&self, session: &Session, sort: SortOrder) -> Result<IndexUpdate, IndexFailure> {
        let job = IndexJob {
            generation: 1,
            request: IndexRequest {
                known: None,
                sort: Some(sort),
                filter: None,
            },
            dates: self.service.date_format().unwrap(),
            progress: Arc::new(AtomicUsize::new(0)),
            latest: Arc::new(AtomicU64::new(1)),
        };
        run_index(&self.service, session, job, |e| e.to_string())
    }

    fn computed(&self) -> u64 {
        self.service.skill_passes().stats().computed
    }
}

fn exam(mcid: u32, id: &str) -> String {
    format!(
        r#"{{"mcid": {mcid}, "kind": "exam", "skill_id": "{id}", "name": "Exam {id}", "date": "{}", "passed": true}}"#,
        (t0() - TimeDelta::days(30)).to_rfc3339()
    )
}

fn handles(update: &IndexUpdate) -> &Arc<certlink_core::browse::index::HandleList> {
    update.handles.as_ref().expect("taken afresh")
}

fn sorted(update: &IndexUpdate) -> &Arc<Vec<u32>> {
    &update.sorted.as_ref().expect("sorted").1
}

#[test]
fn two_sessions_asking_for_the_same_pass_share_one_computation_and_one_copy() {
    let w = World::new();
    let (one, two) = (w.session("ga-a", A), w.session("ga-a", A));
    let first = w.pass(&one).unwrap();
    let second = w.pass(&two).unwrap();
    assert_eq!(w.computed(), 1);
    assert!(Arc::ptr_eq(handles(&first), handles(&second)));
    assert!(Arc::ptr_eq(sorted(&first), sorted(&second)));
    let stats = w.service.skill_passes().stats();
    assert_eq!((stats.kept, stats.shared), (1, 1));
    assert!(stats.bytes > 0);
    // Another sort is another pass.
    let by_email = SortOrder {
        column: SkillColumn::Email,
        descending: false,
    };
    w.pass_sorted(&one, by_email).unwrap();
    assert_eq!(w.computed(), 2);
}

#[test]
fn a_commit_to_the_organizations_report_makes_the_next_pass_afresh_and_others_keep_theirs() {
    let w = World::new();
    let (ga_a, ga_b) = (w.session("ga-a", A), w.session("ga-b", B));
    let a_before = w.pass(&ga_a).unwrap();
    w.pass(&ga_b).unwrap();
    assert_eq!(w.computed(), 2);
    let a = MpnId::new(A).unwrap();
    let b = MpnId::new(B).unwrap();
    let (va, vb) = (
        w.service.store().report_version(a),
        w.service.store().report_version(b),
    );

    // A commit that changes no report (a sign-in, its audit) moves no version.
    let _ = w.session("bob", A);
    assert_eq!(w.service.store().report_version(a), va);
    w.pass(&ga_a).unwrap();
    assert_eq!(w.computed(), 2);

    // Org B's report changes: A's pass is still the present.
    w.tick();
    w.link("cat", B, 3);
    assert_eq!(w.service.store().report_version(a), va);
    assert!(w.service.store().report_version(b) > vb);
    let a_again = w.pass(&ga_a).unwrap();
    assert_eq!(w.computed(), 2);
    assert!(Arc::ptr_eq(handles(&a_before), handles(&a_again)));

    // Org A's report changes: never the stale pass.
    w.tick();
    w.link("bob", A, 2);
    assert!(w.service.store().report_version(a) > va);
    let a_after = w.pass(&ga_a).unwrap();
    assert_eq!(w.computed(), 3);
    assert_eq!(a_after.total, a_before.total + 1);
    assert_ne!(handles(&a_after), handles(&a_before));
}

#[test]
fn a_pass_serves_only_readers_of_its_organization() {
    let w = World::new();
    let ga_a = w.session("ga-a", A);
    let a = w.pass(&ga_a).unwrap();
    // R10: a Partner Admin of the same organization reads the same report
    // (the permission reaches org A for both roles): the same pass.
    let pa_a = w.pass(&w.session("pa-a", A)).unwrap();
    assert_eq!(w.computed(), 1);
    assert!(Arc::ptr_eq(handles(&a), handles(&pa_a)));
    // Another organization's admins, of either role, get their own report.
    let pa_b = w.pass(&w.session("pa-b", B)).unwrap();
    let ga_b = w.pass(&w.session("ga-b", B)).unwrap();
    assert_eq!(w.computed(), 2);
    assert!(!Arc::ptr_eq(handles(&a), handles(&pa_b)));
    assert!(Arc::ptr_eq(handles(&pa_b), handles(&ga_b)));
    let accounts_a: Vec<_> = handles(&a).iter().map(|h| h.account()).collect();
    assert!(
        handles(&pa_b)
            .iter()
            .all(|h| !accounts_a.contains(&h.account()))
    );
    // A member who may not read the report is refused though a pass is kept.
    let refused = w.pass(&w.session("ann", A)).unwrap_err();
    assert!(
        matches!(refused, IndexFailure::Message(ref m) if m.contains("not_permitted")),
        "{refused:?}"
    );
    // So is an admin whose account was deleted after their pass was made.
    w.tick();
    let pa = w.session("pa-a", A);
    w.service
        .delete_account(&ga_a, "pa-a@a.example.com")
        .unwrap();
    assert!(w.pass(&pa).is_err());
    assert_eq!(w.computed(), 2);
}

#[test]
fn concurrent_sessions_compute_the_pass_once() {
    let w = World::new();
    let sessions: Vec<Session> = (0..8).map(|_| w.session("ga-a", A)).collect();
    let passes: Vec<IndexUpdate> = std::thread::scope(|s| {
        let running: Vec<_> = sessions
            .iter()
            .map(|session| s.spawn(|| w.pass(session).unwrap()))
            .collect();
        running.into_iter().map(|t| t.join().unwrap()).collect()
    });
    assert_eq!(w.computed(), 1);
    assert!(
        passes
            .iter()
            .all(|p| Arc::ptr_eq(handles(p), handles(&passes[0])))
    );
}

#[test]
fn a_session_that_knows_its_handles_gets_only_the_new_order() {
    let w = World::new();
    let session = w.session("ga-a", A);
    let first = w.pass(&session).unwrap();
    let job = |known| IndexJob {
        generation: 1,
        request: IndexRequest {
            known: Some(known),
            sort: Some(SortOrder {
                column: SkillColumn::Email,
                descending: true,
            }),
            filter: None,
        },
        dates: w.service.date_format().unwrap(),
        progress: Arc::new(AtomicUsize::new(0)),
        latest: Arc::new(AtomicU64::new(1)),
    };
    let resorted = run_index(
        &w.service,
        &session,
        job(Arc::clone(handles(&first))),
        |e| e.to_string(),
    )
    .unwrap();
    assert!(resorted.handles.is_none());
    assert_eq!(sorted(&resorted).len(), first.total);
    // Another session's whole pass in that order shares it, with the same
    // handles as the first pass (one copy, not one per sort).
    let by_email_desc = SortOrder {
        column: SkillColumn::Email,
        descending: true,
    };
    let other = w.pass_sorted(&w.session("ga-a", A), by_email_desc).unwrap();
    assert_eq!(w.computed(), 2);
    assert!(Arc::ptr_eq(handles(&other), handles(&first)));
    assert!(Arc::ptr_eq(sorted(&other), sorted(&resorted)));
    // Handles of another report: the tab is told to read everything again.
    w.tick();
    w.link("bob", A, 2);
    let stale = run_index(
        &w.service,
        &session,
        job(Arc::clone(handles(&first))),
        |e| e.to_string(),
    );
    assert_eq!(
        stale.unwrap_err(),
        IndexFailure::Stop(certlink_core::browse::index::Stop::Changed)
    );
}
