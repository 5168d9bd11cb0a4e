//! Every redb table of a certlink database. Keys are native (u64, &str, tuples) so
//! lookups are O(log n) without decoding; values are postcard-encoded records
//! (see `codec`). `docs/architecture.md` lists what each table holds.

use redb::TableDefinition;

type Bytes = &'static [u8];

/// Schema version, database kind, settings and id counters.
pub const META: TableDefinition<&str, Bytes> = TableDefinition::new("meta");

/// MPN ID → organization.
pub const ORGS: TableDefinition<u64, Bytes> = TableDefinition::new("orgs");

/// Account id → account (work accounts and support engineers).
pub const ACCOUNTS: TableDefinition<u64, Bytes> = TableDefinition::new("accounts");
/// Email → account id, for accounts that are not deleted (R12 frees the email).
pub const ACCOUNT_BY_EMAIL: TableDefinition<&str, u64> = TableDefinition::new("account_by_email");

/// MCID → certification profile.
pub const PROFILES: TableDefinition<u64, Bytes> = TableDefinition::new("profiles");
/// Profile sign-in email → MCID (R4).
pub const PROFILE_BY_EMAIL: TableDefinition<&str, u64> = TableDefinition::new("profile_by_email");

/// PU username → Partner University account (R2).
pub const PU_ACCOUNTS: TableDefinition<&str, Bytes> = TableDefinition::new("pu_accounts");

/// Link id → link (current and ended).
pub const LINKS: TableDefinition<u64, Bytes> = TableDefinition::new("links");
/// MCID → its one active link (R5).
pub const ACTIVE_LINK_BY_MCID: TableDefinition<u64, u64> =
    TableDefinition::new("active_link_by_mcid");
/// (MCID, start in µs since the epoch) → link id: association starts (R9).
pub const ASSOCIATION_STARTS: TableDefinition<(u64, i64), u64> =
    TableDefinition::new("association_starts");

/// Sequence number → audit record, append-only (R16).
pub const AUDIT: TableDefinition<u64, Bytes> = TableDefinition::new("audit");

/// (subject, key, index kind, id) → (): every secondary index whose entries
/// are two ids, in one B-tree, subject first (schema 6). The subject is whose
/// entry it is (an organization, an account, an MCID, a ticket status), so the
/// entries one command writes about one subject sit side by side: a move's
/// link and audit entries under the person's account share a leaf, as do those
/// under the MCID, and a small organization's active-link and audit entries.
/// A commit copies each leaf it changes, so fewer leaves mean fewer pages
/// written and less copying (docs/performance.md, "Where a move's CPU goes").
/// The kinds are the [`Index`] constants below; [`Index::key`] builds a key.
pub const INDEXES: TableDefinition<(u8, u64, u8, u64), ()> =
    TableDefinition::new("subject_indexes");

/// Schema 2–5: the same entries keyed (index kind, key, id), kind first, so the
/// entries of one command landed on as many leaves as it wrote kinds. Only the
/// migrations read it.
pub const V5_INDEXES: TableDefinition<(u8, u64, u64), ()> = TableDefinition::new("indexes");

/// Whose entries an [`Index`] holds: the first part of an [`INDEXES`] key.
pub mod subject {
    pub const ORG: u8 = 1;
    pub const ACCOUNT: u8 = 2;
    pub const MCID: u8 = 3;
    pub const TICKET_STATUS: u8 = 4;
}

/// One kind of entry in [`INDEXES`]: `(key, id)` pairs, read in id order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Index {
    pub kind: u8,
    /// Whose entries these are (a [`subject`] constant): the key's space.
    pub subject: u8,
    /// What it was called as a table of its own (schema 1), for the migration.
    pub v1_table: &'static str,
}

impl Index {
    /// The [`INDEXES`] key of the entry `(key, id)` of this kind.
    pub fn key(self, key: u64, id: u64) -> (u8, u64, u8, u64) {
        (self.subject, key, self.kind, id)
    }
}

/// (MPN ID, account id): the accounts of an organization, in creation order.
pub const ACCOUNTS_BY_ORG: Index = Index {
    kind: 1,
    subject: subject::ORG,
    v1_table: "accounts_by_org",
};
/// (MPN ID, account id): the non-deleted Global Admins of an organization (R17).
pub const GLOBAL_ADMINS_BY_ORG: Index = Index {
    kind: 2,
    subject: subject::ORG,
    v1_table: "global_admins_by_org",
};
/// (MPN ID, link id): the organization's active links.
pub const ACTIVE_LINKS_BY_ORG: Index = Index {
    kind: 3,
    subject: subject::ORG,
    v1_table: "active_links_by_org",
};
/// (account id, link id): every link made through an account.
pub const LINKS_BY_ACCOUNT: Index = Index {
    kind: 4,
    subject: subject::ACCOUNT,
    v1_table: "links_by_account",
};
/// (MCID, link id): every link of an MCID.
pub const LINKS_BY_MCID: Index = Index {
    kind: 5,
    subject: subject::MCID,
    v1_table: "links_by_mcid",
};
/// (account id, seq): audit entries about an account (as actor or subject).
pub const AUDIT_BY_ACCOUNT: Index = Index {
    kind: 6,
    subject: subject::ACCOUNT,
    v1_table: "audit_by_account",
};
/// (MCID, seq): audit entries about an MCID.
pub const AUDIT_BY_MCID: Index = Index {
    kind: 7,
    subject: subject::MCID,
    v1_table: "audit_by_mcid",
};
/// (MPN ID, seq): audit entries that concern an organization.
pub const AUDIT_BY_ORG: Index = Index {
    kind: 8,
    subject: subject::ORG,
    v1_table: "audit_by_org",
};
/// (opener account id, ticket id): a person's tickets (R14).
pub const TICKETS_BY_OPENER: Index = Index {
    kind: 9,
    subject: subject::ACCOUNT,
    v1_table: "tickets_by_opener",
};
/// (status code, ticket id): the support queue (R14).
pub const TICKETS_BY_STATUS: Index = Index {
    kind: 10,
    subject: subject::TICKET_STATUS,
    v1_table: "tickets_by_status",
};
/// Every kind of [`INDEXES`] entry.
pub const ALL_INDEXES: [Index; 10] = [
    ACCOUNTS_BY_ORG,
    GLOBAL_ADMINS_BY_ORG,
    ACTIVE_LINKS_BY_ORG,
    LINKS_BY_ACCOUNT,
    LINKS_BY_MCID,
    AUDIT_BY_ACCOUNT,
    AUDIT_BY_MCID,
    AUDIT_BY_ORG,
    TICKETS_BY_OPENER,
    TICKETS_BY_STATUS,
];

/// Throttle key → failure counts (R1).
pub const THROTTLE: TableDefinition<&str, Bytes> = TableDefinition::new("throttle");

/// (subject key, kind, skill id, date µs) → skill record (R3, R10, R11, R18). The key
/// is the record's identity: importing it again changes nothing.
pub const SKILLS: TableDefinition<(&str, u8, &str, i64), Bytes> = TableDefinition::new("skills");

/// Competency id → definition (R11, operator data).
pub const COMPETENCIES: TableDefinition<&str, Bytes> = TableDefinition::new("competencies");

/// (lower-case name, account id): every account, deleted ones too (support lookups).
pub const NAME_INDEX: TableDefinition<(&str, u64), ()> = TableDefinition::new("name_index");
/// (email, account id): every account, deleted ones too (support lookups by prefix).
pub const EMAIL_INDEX_ALL: TableDefinition<(&str, u64), ()> =
    TableDefinition::new("email_index_all");

/// Ticket id → ticket with its conversation (R14).
pub const TICKETS: TableDefinition<u64, Bytes> = TableDefinition::new("tickets");

/// (account id, key fingerprint "SHA256:…") → SSH public key (`SshKeyRecord`):
/// the keys a person signs in with over SSH (issue 6). Public keys only.
pub const SSH_KEYS: TableDefinition<(u64, &str), Bytes> = TableDefinition::new("ssh_keys");
/// Key fingerprint → account id: a key belongs to at most one account.
pub const SSH_KEY_OWNER: TableDefinition<&str, u64> = TableDefinition::new("ssh_key_owner");

/// (MPN ID, account id) → `report::ReportEntry`: the skills report of every
/// organization, clustered by organization (schema 3). One entry per person in
/// the report (linked MCID or PU access) with their held skills; kept true by
/// the store writer, so an export reads one range of one table (R10).
pub const REPORT: TableDefinition<(u64, u64), Bytes> = TableDefinition::new("report");

/// Email domain → its owner (R13a, schema 4): an organization's MPN ID, or
/// [`SUPPORT_OWNER`] for the support engineers' domains. One owner per domain.
pub const DOMAINS: TableDefinition<&str, u64> = TableDefinition::new("domains");
/// (owner, domain) → (): the same pairs by owner, for an organization's list.
pub const OWNER_DOMAINS: TableDefinition<(u64, &str), ()> = TableDefinition::new("owner_domains");
/// The owner key of the support engineers' domains (no MPN ID is 0).
pub const SUPPORT_OWNER: u64 = 0;

/// Account id → `PreferenceRecord` (schema 5): what a person saved on their
/// own profile, the language of their screens, command output and mail
/// (issue 16). One small record per account at most; none for a person who
/// saved nothing.
pub const PREFERENCES: TableDefinition<u64, Bytes> = TableDefinition::new("preferences");

/// (MPN ID, lower-case certification id, account id, earned µs) → (expires µs
/// or `i64::MAX`, counts from µs: the R3 reflection's `visible_from`) (schema 7):
/// every held certification of every linked MCID in an organization's report, for
/// the Solutions Partner designation scores (issue 18). Derived only from the
/// report table's entries (`holdings`), kept true by the store writer.
pub const HOLDINGS: TableDefinition<(u64, &str, u64, i64), (i64, i64)> =
    TableDefinition::new("holdings");

/// Solution area id → `designations::AreaDefinition` (schema 7): the Solutions
/// Partner designation rules, operator data like the competencies (R11's
/// successor), replaced area by area by `admin designation define`.
pub const DESIGNATIONS: TableDefinition<&str, Bytes> = TableDefinition::new("designations");
/// MPN ID → `records::ScoringRecord` (schema 7): an organization's size class
/// and the partner capability metrics imported from outside systems
/// (performance, customer success), per solution area. Operator data.
pub const ORG_SCORING: TableDefinition<u64, Bytes> = TableDefinition::new("org_scoring");

/// Calls `$each!(TABLE)` for every table above, in one place: creating a new
/// database opens them all, and a backup copies them all. A new table is added
/// here, or it is neither created nor backed up.
macro_rules! for_each_table {
    ($each:ident) => {
        $each!(META);
        $each!(ORGS);
        $each!(ACCOUNTS);
        $each!(ACCOUNT_BY_EMAIL);
        $each!(PROFILES);
        $each!(PROFILE_BY_EMAIL);
        $each!(PU_ACCOUNTS);
        $each!(LINKS);
        $each!(ACTIVE_LINK_BY_MCID);
        $each!(ASSOCIATION_STARTS);
        $each!(AUDIT);
        $each!(INDEXES);
        $each!(THROTTLE);
        $each!(SKILLS);
        $each!(COMPETENCIES);
        $each!(NAME_INDEX);
        $each!(EMAIL_INDEX_ALL);
        $each!(TICKETS);
        $each!(SSH_KEYS);
        $each!(SSH_KEY_OWNER);
        $each!(REPORT);
        $each!(DOMAINS);
        $each!(OWNER_DOMAINS);
        $each!(PREFERENCES);
        $each!(HOLDINGS);
        $each!(DESIGNATIONS);
        $each!(ORG_SCORING);
    };
}
pub(crate) use for_each_table;
