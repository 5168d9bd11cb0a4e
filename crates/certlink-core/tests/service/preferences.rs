//! Issue 16: each person saves the language of their screens, output and
//! mail on their own profile. Set, cleared, their own only, audited with the
//! tag alone, kept across a reopen, and a schema-4 file migrates to the
//! `preferences` table with every record as it was.

use std::sync::Arc;

use certlink_core::demo;
use certlink_core::service::{
    Environment, HistoryTarget, ManualClock, Service, ServiceError, Session, SignInSource,
};
use certlink_core::store::Store;
use certlink_core::store::schema::{
    CURRENT_VERSION, backup_path, index_back_to_v5, read_version, write_version,
};
use certlink_core::store::tables::PREFERENCES;
use certlink_domain::Refusal;
use certlink_i18n::Lang;
use chrono::{DateTime, TimeZone, Utc};
use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata, TableHandle};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

/// The demo sandbox in a file (so it can be reopened), on a fixed clock.
fn world() -> (Service, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (service, _) = demo::build(&dir.path().join("world.redb"), now()).unwrap();
    let service = service.with_clock(Arc::new(ManualClock::new(now())));
    (service, dir)
}

fn sign_in(s: &Service, email: &str) -> Session {
    let pw = if email.contains("support") {
        demo::SUPPORT_PASSWORD
    } else {
        demo::ACCOUNT_PASSWORD
    };
    s.sign_in(email, pw, &SignInSource::Local).unwrap()
}

fn saved(s: &Service, who: &Session) -> Option<Lang> {
    s.profile(who).unwrap().lang
}

#[test]
fn a_person_sets_and_clears_their_language_and_signs_in_with_it() {
    let (s, _dir) = world();
    let ada = sign_in(&s, "ada@contoso.com");
    assert_eq!(ada.lang, None, "nobody has saved a language in the demo");
    assert_eq!(saved(&s, &ada), None);

    s.set_language(&ada, Some(Lang::ZhCn)).unwrap();
    assert_eq!(saved(&s, &ada), Some(Lang::ZhCn));
    assert_eq!(sign_in(&s, "ada@contoso.com").lang, Some(Lang::ZhCn));

    s.set_language(&ada, Some(Lang::En)).unwrap();
    assert_eq!(sign_in(&s, "ada@contoso.com").lang, Some(Lang::En));

    s.set_language(&ada, None).unwrap();
    assert_eq!(saved(&s, &ada), None);
    assert_eq!(sign_in(&s, "ada@contoso.com").lang, None);

    // Support engineers have a profile too.
    let sam = sign_in(&s, "sam@support.example.com");
    s.set_language(&sam, Some(Lang::ZhCn)).unwrap();
    assert_eq!(
        sign_in(&s, "sam@support.example.com").lang,
        Some(Lang::ZhCn)
    );
    assert_eq!(
        certlink_core::store::invariants::check(&s.store().read().unwrap()).unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn a_preference_is_the_persons_own() {
    let (s, _dir) = world();
    let ada = sign_in(&s, "ada@contoso.com");
    let grace = sign_in(&s, "grace@contoso.com");
    s.set_language(&grace, Some(Lang::ZhCn)).unwrap();
    assert_eq!(saved(&s, &grace), Some(Lang::ZhCn));
    assert_eq!(saved(&s, &ada), None, "Grace's choice is hers alone");
    assert_eq!(sign_in(&s, "ada@contoso.com").lang, None);

    // A deleted account's session cannot act any more, its language neither;
    // the refusal is audited (R12, R16).
    s.delete_account(&ada, "grace@contoso.com").unwrap();
    match s.set_language(&grace, Some(Lang::En)) {
        Err(ServiceError::Refused(Refusal::AccountDeleted)) => {}
        other => panic!("{other:?}"),
    }
    let last = {
        use certlink_core::store::Queries;
        s.store()
            .read()
            .unwrap()
            .audit_all(None, 1)
            .unwrap()
            .remove(0)
    };
    assert_eq!(last.action, "language-set");
    assert_eq!(last.account, Some(grace.account));
    assert!(
        matches!(&last.outcome, certlink_core::store::records::Outcome::Refused { code, .. } if code == Refusal::AccountDeleted.code()),
        "{last:?}"
    );

    // A temporary password is replaced before anything else (R13).
    let donald = s
        .sign_in(
            "donald@contoso.com",
            demo::INVITED_PASSWORD,
            &SignInSource::Local,
        )
        .unwrap();
    assert!(matches!(
        s.set_language(&donald, Some(Lang::ZhCn)),
        Err(ServiceError::Refused(Refusal::PasswordChangeRequired))
    ));
}

#[test]
fn every_change_is_audited_with_the_tag_alone() {
    let (s, _dir) = world();
    let ada = sign_in(&s, "ada@contoso.com");
    s.set_language(&ada, Some(Lang::ZhCn)).unwrap();
    s.set_language(&ada, None).unwrap();
    let trail = s
        .history(
            &ada,
            &HistoryTarget::Account("ada@contoso.com".parse().unwrap()),
            10,
        )
        .unwrap();
    let changes: Vec<(&str, &str, &str)> = trail
        .iter()
        .filter(|h| h.action == "language-set")
        .map(|h| (h.outcome.as_str(), h.detail.as_str(), h.actor.as_str()))
        .collect();
    // Newest first; the actor is Ada herself.
    assert_eq!(changes.len(), 2, "{trail:?}");
    assert_eq!(changes[0].0, "done");
    assert_eq!(changes[0].1, "language cleared");
    assert_eq!(changes[1].1, "language zh-CN");
    assert!(changes[1].2.contains("ada@contoso.com"), "{changes:?}");
    // Language-neutral: no Chinese words in the trail, only the tag.
    assert!(
        trail.iter().all(|h| !h.detail.contains("简体中文")),
        "{trail:?}"
    );
}

#[test]
fn a_saved_language_survives_a_reopen() {
    let (s, dir) = world();
    let ada = sign_in(&s, "ada@contoso.com");
    s.set_language(&ada, Some(Lang::ZhCn)).unwrap();
    drop(s);
    let s = Service::open(&dir.path().join("world.redb"), Environment::default()).unwrap();
    let ada = sign_in(&s, "ada@contoso.com");
    assert_eq!(ada.lang, Some(Lang::ZhCn));
    assert_eq!(saved(&s, &ada), Some(Lang::ZhCn));
}

type Rows = Vec<(String, String)>;

/// Every table's entries, keys and values as text, by table name (for
/// comparing a file before and after a migration). Every table the file
/// has is read: a table missing here fails the count.
fn dump(db: &redb::Database) -> Vec<(String, Rows)> {
    use certlink_core::store::tables::*;
    let r = db.begin_read().unwrap();
    let mut out: Vec<(String, Rows)> = Vec::new();
    macro_rules! rows {
        ($($table:ident),*) => {$(
            match r.open_table($table) {
                Ok(t) => out.push((
                    $table.name().to_string(),
                    t.iter()
                        .unwrap()
                        .map(|row| {
                            let (k, v) = row.unwrap();
                            (format!("{:?}", k.value()), format!("{:?}", v.value()))
                        })
                        .collect(),
                )),
                Err(redb::TableError::TableDoesNotExist(_)) => {}
                Err(e) => panic!("{e}"),
            }
        )*};
    }
    rows!(
        META,
        ORGS,
        ACCOUNTS,
        ACCOUNT_BY_EMAIL,
        PROFILES,
        PROFILE_BY_EMAIL,
        PU_ACCOUNTS,
        LINKS,
        ACTIVE_LINK_BY_MCID,
        ASSOCIATION_STARTS,
        AUDIT,
        INDEXES,
        THROTTLE,
        SKILLS,
        COMPETENCIES,
        NAME_INDEX,
        EMAIL_INDEX_ALL,
        TICKETS,
        SSH_KEYS,
        SSH_KEY_OWNER,
        REPORT,
        DOMAINS,
        OWNER_DOMAINS,
        PREFERENCES,
        HOLDINGS,
        DESIGNATIONS,
        ORG_SCORING
    );
    assert_eq!(
        out.len(),
        r.list_tables().unwrap().count(),
        "every table is compared"
    );
    out
}

/// A schema-4 file (the demo, with a saved language removed with its table
/// and the version set back) opens, is copied aside, and migrates: every
/// other table holds what it held, entry for entry, and the `preferences`
/// table is there, empty; the invariants hold and sign-in works as before.
#[test]
fn a_schema_4_file_migrates_to_the_preferences_table_with_every_record_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.redb");
    let (service, _) = demo::build(&path, now()).unwrap();
    drop(service);
    let before = {
        let db = redb::Database::open(&path).unwrap();
        let txn = db.begin_write().unwrap();
        txn.delete_table(PREFERENCES).unwrap();
        // Nor had it designation data: the migrations create the tables empty
        // (and build the holdings again from the report).
        txn.delete_table(certlink_core::store::tables::DESIGNATIONS)
            .unwrap();
        txn.open_table(certlink_core::store::tables::DESIGNATIONS)
            .unwrap();
        txn.delete_table(certlink_core::store::tables::ORG_SCORING)
            .unwrap();
        txn.open_table(certlink_core::store::tables::ORG_SCORING)
            .unwrap();
        txn.commit().unwrap();
        // What the file holds, the index in today's layout: the migrations
        // from 4 bring it back to exactly this.
        let before = dump(&db);
        let txn = db.begin_write().unwrap();
        index_back_to_v5(&txn).unwrap();
        write_version(&txn, 4).unwrap();
        txn.commit().unwrap();
        before
    };
    assert!(
        !before.iter().any(|(name, _)| name == PREFERENCES.name()),
        "a schema-4 file has no preferences"
    );
    assert!(before.iter().map(|(_, rows)| rows.len()).sum::<usize>() > 100);

    let store = Store::open(&path).unwrap();
    assert!(
        backup_path(&path, 4).exists(),
        "the v4 file is copied aside"
    );
    drop(store);
    let db = redb::Database::open(&path).unwrap();
    assert_eq!(read_version(&db).unwrap(), Some(CURRENT_VERSION));
    assert_eq!(CURRENT_VERSION, 7);
    let after = dump(&db);
    let (preferences, kept): (Vec<_>, Vec<_>) = after
        .into_iter()
        .partition(|(name, _)| name == PREFERENCES.name());
    assert_eq!(
        preferences,
        vec![(PREFERENCES.name().to_string(), Vec::new())],
        "the preferences table is there, empty"
    );
    // `meta` holds the version, which moved from 4 to 7; all else is as it was.
    let without_version = |tables: &[(String, Rows)]| {
        tables
            .iter()
            .map(|(name, rows)| {
                let rows: Vec<_> = rows
                    .iter()
                    .filter(|(k, _)| !(name == "meta" && k == "\"schema_version\""))
                    .cloned()
                    .collect();
                (name.clone(), rows)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(without_version(&kept), without_version(&before));
    {
        let r = db.begin_read().unwrap();
        assert_eq!(r.open_table(PREFERENCES).unwrap().len().unwrap(), 0);
        assert_eq!(
            certlink_core::store::invariants::check(&r).unwrap(),
            Vec::<String>::new()
        );
    }
    drop(db);

    let s = Service::open(&path, Environment::default()).unwrap();
    let ada = sign_in(&s, "ada@contoso.com");
    assert_eq!(ada.lang, None);
    s.set_language(&ada, Some(Lang::ZhCn)).unwrap();
    assert_eq!(sign_in(&s, "ada@contoso.com").lang, Some(Lang::ZhCn));
}
