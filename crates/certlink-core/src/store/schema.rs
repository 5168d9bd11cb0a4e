//! Schema version and migrations. The version lives in the `meta` table; an older
//! file is migrated on open after a backup copy, a newer one is refused.

use std::path::{Path, PathBuf};

use redb::{ReadableDatabase, ReadableTable, TableDefinition, WriteTransaction};

use super::StoreError;
use super::codec::{decode, encode};
use super::tables::{ALL_INDEXES, DESIGNATIONS, INDEXES, META, ORG_SCORING, V5_INDEXES};

/// The schema this build writes. 2: the (id, id) index tables merged into one
/// `indexes` table, and `links_by_org` dropped (see [`merge_indexes`]). 3: the
/// `report` table, the skills report clustered by organization (see
/// [`build_report`]). 4: organizations own their email domains (R13a), the
/// `domains` and `owner_domains` tables (see [`derive_domains`]). 5: each
/// person's saved language, the `preferences` table (see [`add_preferences`]).
/// 6: the id-pair index keyed subject first (see [`subject_first_indexes`]).
/// 7: the Solutions Partner designations: the held certifications of every
/// report (the `holdings` table), the designation definitions and each
/// organization's scoring data (see [`add_designations`]).
pub const CURRENT_VERSION: u64 = 7;

pub const VERSION: &str = "schema_version";
pub const KIND: &str = "kind";
pub const KIND_SANDBOX: &[u8] = b"sandbox";
pub const KIND_REAL: &[u8] = b"real";
pub const SETTINGS: &str = "settings";
pub const LAST_EVENT_AT: &str = "last_event_at";

/// One step from `from` to `from + 1`, run inside the migration's write transaction.
pub struct Migration {
    pub from: u64,
    pub run: fn(&WriteTransaction) -> Result<(), StoreError>,
}

/// Steps from older schemas to [`CURRENT_VERSION`].
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        from: 1,
        run: merge_indexes,
    },
    Migration {
        from: 2,
        run: build_report,
    },
    Migration {
        from: 3,
        run: derive_domains,
    },
    Migration {
        from: 4,
        run: add_preferences,
    },
    Migration {
        from: 5,
        run: subject_first_indexes,
    },
    Migration {
        from: 6,
        run: add_designations,
    },
];

/// A schema-1 index table: (key, id) → ().
fn v1_index(name: &str) -> TableDefinition<'_, (u64, u64), ()> {
    TableDefinition::new(name)
}

/// Schema 1 had `links_by_org` (every link an organization ever had): written
/// by every link, read by no query.
const V1_LINKS_BY_ORG: &str = "links_by_org";

/// Schema 1 → 2. A durable move wrote ten (key, id) index tables, each a B-tree
/// whose path from root to leaf a commit copies; as kinds of one `indexes`
/// table they share the upper pages (and the unread `links_by_org` goes). Every
/// entry is copied as it is, then the old table is deleted.
fn merge_indexes(txn: &WriteTransaction) -> Result<(), StoreError> {
    for index in ALL_INDEXES {
        let def = v1_index(index.v1_table);
        {
            let old = txn.open_table(def)?;
            let mut merged = txn.open_table(V5_INDEXES)?;
            for row in old.iter()? {
                let (key, id) = row?.0.value();
                merged.insert((index.kind, key, id), ())?;
            }
        }
        txn.delete_table(def)?;
    }
    txn.delete_table(v1_index(V1_LINKS_BY_ORG))?;
    Ok(())
}

/// Schema 2 → 3. An export read, for every page of people, their accounts,
/// links and skills by random B-tree descents; the `report` table holds the
/// same facts clustered by organization, so an export is one range scan
/// (docs/performance.md, "Reports and export"). Built from the existing
/// accounts, links and skills; nothing else changes.
fn build_report(txn: &WriteTransaction) -> Result<(), StoreError> {
    let people = super::report::build(txn, super::report::IndexLayout::V5)?;
    tracing::info!(people, "built the report table");
    Ok(())
}

/// Schema 3 → 4. R13a gives each email domain one owner: an organization, or
/// the support engineers. Each domain goes to the owner with the most accounts
/// in it, live and deleted (a departed person's address is still the
/// organization's: R12 lets it invite them again). A domain used by two owners
/// is a conflict: the larger keeps it, and with a tie neither does; either way
/// the other side's live accounts stay as they are and `admin check` reports
/// them (`invariants::domain_warnings`) for the operator to settle.
fn derive_domains(txn: &WriteTransaction) -> Result<(), StoreError> {
    use std::collections::BTreeMap;

    use super::records::AccountRecord;
    use super::tables::{ACCOUNTS, DOMAINS, OWNER_DOMAINS, SUPPORT_OWNER};
    use certlink_domain::Domain;

    let mut counts: BTreeMap<String, BTreeMap<u64, u64>> = BTreeMap::new();
    for row in txn.open_table(ACCOUNTS)?.iter()? {
        let account: AccountRecord = decode(row?.1.value(), "account")?;
        let Some(domain) = Domain::of(&account.email) else {
            continue;
        };
        let owner = account.org().map_or(SUPPORT_OWNER, |o| o.get());
        *counts
            .entry(domain.to_string())
            .or_default()
            .entry(owner)
            .or_default() += 1;
    }
    let mut domains = txn.open_table(DOMAINS)?;
    let mut by_owner = txn.open_table(OWNER_DOMAINS)?;
    let mut conflicts = 0;
    for (domain, owners) in &counts {
        let mut ranked: Vec<(u64, u64)> = owners.iter().map(|(o, n)| (*n, *o)).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        let winner = match ranked.as_slice() {
            [(_, only)] => Some(*only),
            [(most, first), (next, _), ..] if most > next => Some(*first),
            _ => None,
        };
        if ranked.len() > 1 {
            conflicts += 1;
            tracing::warn!(domain, owners = ?owners, kept_by = ?winner, "email domain used by more than one owner");
        }
        if let Some(owner) = winner {
            domains.insert(domain.as_str(), owner)?;
            by_owner.insert((owner, domain.as_str()), ())?;
        }
    }
    tracing::info!(
        domains = counts.len(),
        conflicts,
        "derived the email domains"
    );
    Ok(())
}

/// Schema 4 → 5. Each person may save the language of their screens, output
/// and mail on their profile (issue 16): the `preferences` table, empty until
/// someone does (nobody had a preference before). A version of its own, not
/// a table added on open: a build that knows only schema 4 refuses the file
/// instead of backing it up without the preferences.
fn add_preferences(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(super::tables::PREFERENCES)?;
    Ok(())
}

/// Schema 5 → 6. The id-pair index was keyed (kind, key, id): the eight
/// entries of a move (the organizations' active links and audit, the
/// account's and the MCID's links and audit) fell on eight leaves, each copied
/// by the commit. Keyed (subject, key, kind, id), the entries about one
/// subject sit together (docs/performance.md, "Where a move's CPU goes").
/// Every entry is carried over, then the old table is deleted.
fn subject_first_indexes(txn: &WriteTransaction) -> Result<(), StoreError> {
    let mut carried = 0u64;
    {
        let old = txn.open_table(V5_INDEXES)?;
        let mut new = txn.open_table(INDEXES)?;
        for row in old.iter()? {
            let (kind, key, id) = row?.0.value();
            let index = ALL_INDEXES.iter().find(|i| i.kind == kind).ok_or_else(|| {
                StoreError::Corrupt(format!("index entry of unknown kind {kind}"))
            })?;
            new.insert(index.key(key, id), ())?;
            carried += 1;
        }
    }
    txn.delete_table(V5_INDEXES)?;
    tracing::info!(carried, "keyed the index subject first");
    Ok(())
}

/// Tests that make an older file from a current one: turns the index back
/// into the schema-5 layout (kind first), as [`subject_first_indexes`] found it,
/// without what schema 7 added ([`back_to_v6`]).
#[cfg(any(test, feature = "test-support"))]
pub fn index_back_to_v5(txn: &WriteTransaction) -> Result<(), StoreError> {
    back_to_v6(txn)?;
    {
        let new = txn.open_table(INDEXES)?;
        let mut old = txn.open_table(V5_INDEXES)?;
        for row in new.iter()? {
            let (_, key, kind, id) = row?.0.value();
            old.insert((kind, key, id), ())?;
        }
    }
    txn.delete_table(INDEXES)?;
    Ok(())
}

/// Schema 6 → 7. A Solutions Partner designation score (issue 18) counts the
/// people of an organization holding each certification; the `holdings` table
/// holds them by (organization, certification, person), built here from the
/// report table's entries (the only source it is derived from), then kept true
/// by the store writer.
fn add_designations(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(DESIGNATIONS)?;
    txn.open_table(ORG_SCORING)?;
    let rows = super::holdings::build(txn)?;
    tracing::info!(rows, "built the holdings table");
    Ok(())
}

/// Tests that make an older file from a current one: removes what schema 7
/// added (the holdings and the designation tables).
#[cfg(any(test, feature = "test-support"))]
pub fn back_to_v6(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.delete_table(super::tables::HOLDINGS)?;
    txn.delete_table(DESIGNATIONS)?;
    txn.delete_table(ORG_SCORING)?;
    Ok(())
}

/// Reads the schema version of an open database; `None` if it is not a certlink file.
pub fn read_version(db: &redb::Database) -> Result<Option<u64>, StoreError> {
    let txn = db.begin_read()?;
    let table = match txn.open_table(META) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    match table.get(VERSION)? {
        Some(v) => Ok(Some(decode(v.value(), "schema version")?)),
        None => Ok(None),
    }
}

pub fn write_version(txn: &WriteTransaction, version: u64) -> Result<(), StoreError> {
    txn.open_table(META)?
        .insert(VERSION, encode(&version)?.as_slice())?;
    Ok(())
}

/// Where the copy taken before migrating from `version` goes.
pub fn backup_path(path: &Path, version: u64) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".v{version}.bak"));
    path.with_file_name(name)
}

/// Brings `db` from `found` to `target` with `steps`, in one write transaction.
pub fn migrate(
    db: &redb::Database,
    found: u64,
    target: u64,
    steps: &[Migration],
    progress: &mut dyn crate::progress::Progress,
) -> Result<(), StoreError> {
    let txn = db.begin_write()?;
    let mut version = found;
    while version < target {
        let step = steps
            .iter()
            .find(|m| m.from == version)
            .ok_or_else(|| StoreError::Corrupt(format!("no migration from schema {version}")))?;
        (step.run)(&txn)?;
        progress.advance(1);
        version += 1;
    }
    write_version(&txn, version)?;
    txn.commit()?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use redb::TableDefinition;

    const EXTRA: TableDefinition<u64, u64> = TableDefinition::new("extra");

    fn add_extra(txn: &WriteTransaction) -> Result<(), StoreError> {
        txn.open_table(EXTRA)?.insert(1, 42)?;
        Ok(())
    }

    #[test]
    fn migrations_run_in_order_and_record_the_version() {
        let db = redb::Database::builder()
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .unwrap();
        let txn = db.begin_write().unwrap();
        write_version(&txn, 0).unwrap();
        txn.commit().unwrap();
        assert_eq!(read_version(&db).unwrap(), Some(0));
        migrate(
            &db,
            0,
            1,
            &[Migration {
                from: 0,
                run: add_extra,
            }],
            &mut crate::progress::Silent,
        )
        .unwrap();
        assert_eq!(read_version(&db).unwrap(), Some(1));
        let r = db.begin_read().unwrap();
        assert_eq!(
            r.open_table(EXTRA)
                .unwrap()
                .get(1)
                .unwrap()
                .unwrap()
                .value(),
            42
        );
    }

    #[test]
    fn a_missing_step_is_an_error_and_changes_nothing() {
        let db = redb::Database::builder()
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .unwrap();
        let txn = db.begin_write().unwrap();
        write_version(&txn, 0).unwrap();
        txn.commit().unwrap();
        assert!(
            migrate(
                &db,
                0,
                2,
                &[Migration {
                    from: 0,
                    run: add_extra
                }],
                &mut crate::progress::Silent,
            )
            .is_err()
        );
        assert_eq!(read_version(&db).unwrap(), Some(0));
    }

    /// A schema-1 file (the population generator's sandbox, turned back into the
    /// schema-1 layout entry by entry) opens, is copied aside, and migrates: every
    /// index entry is found under its kind, the old tables are gone, and the
    /// invariants hold.
    #[test]
    fn a_schema_1_file_migrates_to_merged_indexes_with_a_backup() {
        use crate::store::tables::{AUDIT_BY_ORG, LINKS_BY_MCID};
        use crate::store::{Queries, Store};
        use redb::ReadableTableMetadata;

        let dir = tempfile::tempdir().unwrap();
        let path = crate::store::generated_file(dir.path(), "v1.redb", 300);

        // Back to schema 1: each kind into its own table, plus links_by_org.
        let mut expected = Vec::new();
        {
            let db = redb::Database::open(&path).unwrap();
            let txn = db.begin_write().unwrap();
            index_back_to_v5(&txn).unwrap();
            {
                let merged = txn.open_table(V5_INDEXES).unwrap();
                for row in merged.iter().unwrap() {
                    expected.push(row.unwrap().0.value());
                }
                for &(kind, key, id) in &expected {
                    let index = ALL_INDEXES.iter().find(|i| i.kind == kind).unwrap();
                    txn.open_table(v1_index(index.v1_table))
                        .unwrap()
                        .insert((key, id), ())
                        .unwrap();
                }
                let mut by_org = txn.open_table(v1_index(V1_LINKS_BY_ORG)).unwrap();
                by_org.insert((1_234_567, 1), ()).unwrap();
            }
            txn.delete_table(V5_INDEXES).unwrap();
            write_version(&txn, 1).unwrap();
            txn.commit().unwrap();
        }
        assert!(expected.len() > 1000, "the population fills every index");

        let store = Store::open(&path).unwrap();
        assert!(
            backup_path(&path, 1).exists(),
            "the v1 file is copied aside"
        );
        let r = store.read().unwrap();
        let merged: Vec<(u8, u64, u8, u64)> = r
            .open_table(INDEXES)
            .unwrap()
            .iter()
            .unwrap()
            .map(|row| row.unwrap().0.value())
            .collect();
        let mut expected_now: Vec<(u8, u64, u8, u64)> = expected
            .iter()
            .map(|&(kind, key, id)| {
                let index = ALL_INDEXES.iter().find(|i| i.kind == kind).unwrap();
                index.key(key, id)
            })
            .collect();
        expected_now.sort_unstable();
        assert_eq!(
            merged, expected_now,
            "every entry, subject first (schema 6)"
        );
        for name in ALL_INDEXES
            .iter()
            .map(|i| i.v1_table)
            .chain([V1_LINKS_BY_ORG])
        {
            assert!(matches!(
                r.open_table(v1_index(name)),
                Err(redb::TableError::TableDoesNotExist(_))
            ));
        }
        // The queries read through the merged table.
        let mcid = certlink_domain::Mcid::new(20_000_000).unwrap();
        let by_mcid = expected
            .iter()
            .filter(|(k, key, _)| *k == LINKS_BY_MCID.kind && *key == mcid.get())
            .count();
        assert_eq!(r.links_of_mcid(mcid, usize::MAX).unwrap().len(), by_mcid);
        let org = certlink_domain::MpnId::new(1_234_567).unwrap();
        let audit_of_org = expected
            .iter()
            .filter(|(k, key, _)| *k == AUDIT_BY_ORG.kind && *key == org.get())
            .count();
        assert_eq!(
            r.audit_of_org(org, None, usize::MAX).unwrap().len(),
            audit_of_org
        );
        assert!(r.open_table(INDEXES).unwrap().len().unwrap() > 1000);
        assert_eq!(
            crate::store::invariants::check(&r).unwrap(),
            Vec::<String>::new()
        );
        assert_eq!(
            read_version(&store.database().unwrap()).unwrap(),
            Some(CURRENT_VERSION)
        );
    }

    /// A schema-2 file (the population generator's sandbox without its report
    /// table) opens, is copied aside, and migrates: the report table is built
    /// from accounts, links and skills (the invariant checker derives every
    /// entry and compares), and holds an entry for every linked person.
    #[test]
    fn a_schema_2_file_migrates_to_the_report_table_with_a_backup() {
        use crate::store::tables::{ACTIVE_LINK_BY_MCID, REPORT};
        use crate::store::{Queries, Store};
        use redb::ReadableTableMetadata;

        type Entries = Vec<((u64, u64), Vec<u8>)>;
        fn rows(t: &impl ReadableTable<(u64, u64), &'static [u8]>) -> Entries {
            t.iter()
                .unwrap()
                .map(|row| {
                    let (k, v) = row.unwrap();
                    (k.value(), v.value().to_vec())
                })
                .collect()
        }

        let dir = tempfile::tempdir().unwrap();
        let path = crate::store::generated_file(dir.path(), "v2.redb", 300);
        let built: Entries = {
            let db = redb::Database::open(&path).unwrap();
            let txn = db.begin_write().unwrap();
            let built = rows(&txn.open_table(REPORT).unwrap());
            txn.delete_table(REPORT).unwrap();
            index_back_to_v5(&txn).unwrap();
            write_version(&txn, 2).unwrap();
            txn.commit().unwrap();
            built
        };

        let store = Store::open(&path).unwrap();
        assert!(
            backup_path(&path, 2).exists(),
            "the v2 file is copied aside"
        );
        let r = store.read().unwrap();
        let migrated = rows(&r.open_table(REPORT).unwrap());
        assert_eq!(
            migrated, built,
            "the migration builds what the writer kept, entry for entry"
        );
        let linked = r.open_table(ACTIVE_LINK_BY_MCID).unwrap().len().unwrap();
        assert!(linked > 100 && migrated.len() as u64 >= linked);
        assert_eq!(
            crate::store::invariants::check(&r).unwrap(),
            Vec::<String>::new()
        );
        assert!(r.last_event_at().unwrap().is_some());
        assert_eq!(
            read_version(&store.database().unwrap()).unwrap(),
            Some(CURRENT_VERSION)
        );
    }

    /// A live work account written straight into the accounts table, as a
    /// schema-3 file could hold it (no rule kept its domain then): a copy of
    /// the first account under another id, organization and email.
    pub(crate) fn raw_account(txn: &WriteTransaction, id: u64, org: u64, email: &str) {
        use crate::store::records::{AccountKind, AccountRecord};
        use crate::store::tables::ACCOUNTS;
        use certlink_domain::{AccountStatus, MpnId};
        let mut accounts = txn.open_table(ACCOUNTS).unwrap();
        let first = accounts.first().unwrap().unwrap().1.value().to_vec();
        let mut account: AccountRecord = decode(&first, "account").unwrap();
        account.id.0 = id;
        account.kind = AccountKind::Member {
            org: MpnId::new(org).unwrap(),
        };
        account.email = email.parse().unwrap();
        account.status = AccountStatus::Active;
        account.pu = None;
        account.linked_mcid = None;
        accounts
            .insert(id, encode(&account).unwrap().as_slice())
            .unwrap();
    }

    /// A schema-3 file (the demo, without its domain tables, plus two domains
    /// that two organizations used) opens, is copied aside, and migrates: each
    /// domain goes to the organization with the most accounts in it (live and
    /// deleted), support keeps its own, a tie goes to neither, and `admin
    /// check` reports the live accounts left outside their domains (R13a).
    #[test]
    fn a_schema_3_file_migrates_to_owned_domains_with_a_backup() {
        use crate::store::Queries;
        use crate::store::tables::{DOMAINS, OWNER_DOMAINS};
        use certlink_domain::{Domain, DomainOwner, MpnId};

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.redb");
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
            .unwrap()
            .to_utc();
        let (service, _) = crate::demo::build(&path, now).unwrap();
        let built = service.store().read().unwrap().all_domains().unwrap();
        drop(service);
        assert_eq!(built.len(), 5, "four organizations and support");
        {
            let db = redb::Database::open(&path).unwrap();
            let txn = db.begin_write().unwrap();
            txn.delete_table(DOMAINS).unwrap();
            txn.delete_table(OWNER_DOMAINS).unwrap();
            // Fabrikam once took an address at Contoso's domain.
            raw_account(&txn, 9001, 2_345_678, "evil@contoso.com");
            // One account each in a domain two organizations used: a tie.
            raw_account(&txn, 9002, 1_234_567, "a@shared.example");
            raw_account(&txn, 9003, 3_456_789, "b@shared.example");
            index_back_to_v5(&txn).unwrap();
            write_version(&txn, 3).unwrap();
            txn.commit().unwrap();
        }

        let store = opened_after_migrating(&path, 3);
        let r = store.read().unwrap();
        assert_eq!(
            r.all_domains().unwrap(),
            built,
            "the majority keeps each domain; the tie goes to no one"
        );
        let shared: Domain = "shared.example".parse().unwrap();
        assert_eq!(r.domain_owner(&shared).unwrap(), None);
        let contoso = DomainOwner::Org(MpnId::new(1_234_567).unwrap());
        assert_eq!(
            r.domains_of(contoso).unwrap(),
            vec!["contoso.com".parse::<Domain>().unwrap()]
        );
        let findings = crate::store::invariants::check_all(&r).unwrap();
        assert_eq!(findings.violations, Vec::<String>::new());
        let warned = |needle: &str| {
            findings
                .warnings
                .iter()
                .any(|w| w.to_string().contains(needle))
        };
        assert!(
            warned(
                "organization 2345678 has 1 live account(s) in contoso.com, outside its domains (it belongs to organization 1234567; e.g. evil@contoso.com)"
            ),
            "{:?}",
            findings.warnings
        );
        assert!(warned(
            "organization 1234567 has 1 live account(s) in shared.example"
        ));
        assert!(warned(
            "organization 3456789 has 1 live account(s) in shared.example"
        ));
        assert_eq!(findings.warnings.len(), 3, "{:?}", findings.warnings);
        assert_eq!(
            read_version(&store.database().unwrap()).unwrap(),
            Some(CURRENT_VERSION)
        );
    }

    /// A schema-5 file (its index kind first) opens, is copied aside, and
    /// migrates: every entry is carried subject first, the old table is gone,
    /// the queries find what they found, and the invariants hold.
    #[test]
    fn a_schema_5_file_migrates_to_subject_first_indexes_with_a_backup() {
        use crate::store::tables::LINKS_BY_ACCOUNT;
        use crate::store::{Queries, Store};

        let dir = tempfile::tempdir().unwrap();
        let path = crate::store::generated_file(dir.path(), "v5.redb", 300);
        let keys = |r: &redb::ReadTransaction| -> Vec<(u8, u64, u8, u64)> {
            r.open_table(INDEXES)
                .unwrap()
                .iter()
                .unwrap()
                .map(|row| row.unwrap().0.value())
                .collect()
        };
        let (expected, account, links) = {
            let store = Store::open(&path).unwrap();
            let r = store.read().unwrap();
            let expected = keys(&r);
            let account = expected
                .iter()
                .find(|k| k.2 == LINKS_BY_ACCOUNT.kind)
                .map(|k| certlink_domain::AccountId(k.1))
                .unwrap();
            let links = r.links_of_account(account, usize::MAX).unwrap();
            (expected, account, links)
        };
        assert!(expected.len() > 1000, "the population fills every index");
        {
            let db = redb::Database::open(&path).unwrap();
            let txn = db.begin_write().unwrap();
            index_back_to_v5(&txn).unwrap();
            write_version(&txn, 5).unwrap();
            txn.commit().unwrap();
        }

        let store = opened_after_migrating(&path, 5);
        let r = store.read().unwrap();
        assert_eq!(keys(&r), expected);
        assert!(matches!(
            r.open_table(V5_INDEXES),
            Err(redb::TableError::TableDoesNotExist(_))
        ));
        assert!(!links.is_empty());
        assert_eq!(r.links_of_account(account, usize::MAX).unwrap(), links);
        assert_eq!(
            crate::store::invariants::check(&r).unwrap(),
            Vec::<String>::new()
        );
        assert_eq!(
            read_version(&store.database().unwrap()).unwrap(),
            Some(CURRENT_VERSION)
        );
    }

    #[test]
    fn a_schema_6_file_migrates_to_holdings_built_from_the_report() {
        use crate::store::Store;
        use crate::store::tables::{HOLDINGS, ORG_SCORING};

        let dir = tempfile::tempdir().unwrap();
        let path = crate::store::generated_file(dir.path(), "v6.redb", 300);
        type Row = ((u64, String, u64, i64), (i64, i64));
        let rows = |r: &redb::ReadTransaction| -> Vec<Row> {
            r.open_table(HOLDINGS)
                .unwrap()
                .iter()
                .unwrap()
                .map(|row| {
                    let (k, v) = row.unwrap();
                    let (org, id, account, earned) = k.value();
                    ((org, id.to_string(), account, earned), v.value())
                })
                .collect()
        };
        let expected = {
            let store = Store::open(&path).unwrap();
            rows(&store.read().unwrap())
        };
        assert!(
            expected.len() > 50,
            "the population holds certifications: {}",
            expected.len()
        );
        {
            let db = redb::Database::open(&path).unwrap();
            let txn = db.begin_write().unwrap();
            back_to_v6(&txn).unwrap();
            write_version(&txn, 6).unwrap();
            txn.commit().unwrap();
        }

        let store = opened_after_migrating(&path, 6);
        let r = store.read().unwrap();
        assert_eq!(rows(&r), expected, "the writer and the migration agree");
        assert!(r.open_table(ORG_SCORING).is_ok());
        assert_eq!(
            crate::store::invariants::check(&r).unwrap(),
            Vec::<String>::new()
        );
    }

    /// Opens a file of schema `from` (which migrates it) and checks the copy
    /// taken aside first.
    fn opened_after_migrating(path: &Path, from: u64) -> crate::store::Store {
        let store = crate::store::Store::open(path).unwrap();
        assert!(
            backup_path(path, from).exists(),
            "the v{from} file is copied aside"
        );
        store
    }

    #[test]
    fn backup_sits_beside_the_file() {
        assert_eq!(
            backup_path(Path::new("/d/certlink.redb"), 1),
            PathBuf::from("/d/certlink.redb.v1.bak")
        );
    }
}
