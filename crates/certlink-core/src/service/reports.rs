//! The organization's reports (R10 skills report and users export, R11 competency
//! status, R18 Learn analytics), for its Global Admins and MPN Partner Admins only
//! (invariant 4; `domain::permissions::OrgView` decides). Rows are built here
//! once; `crate::report` formats them for the CLI, the TUI and exports.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;

use crate::store::records::AccountRecord;
use crate::store::report::{self, ReportEntry};
use crate::store::{Queries, StoreError};
use certlink_domain::permissions::OrgView;
use certlink_domain::skills::{self, Competency, SkillKind, SkillRecord, Subject};
use certlink_domain::{AccountId, AccountStatus, Email, Mcid, MpnId};

use super::{InvalidInput, Service, ServiceError, Session};

/// One row of the skills report: a person and one skill (or the person alone when
/// they have none yet).
#[derive(Debug, Clone, Serialize)]
pub struct SkillRow {
    /// The person's work account: a person's rows are contiguous in every
    /// listing, so (account, place among its rows) names one row
    /// ([`Service::skill_rows_of`] reads them again). Not part of the output.
    #[serde(skip)]
    pub account: AccountId,
    pub mpn_id: MpnId,
    pub name: String,
    pub email: Email,
    pub mcid: Option<Mcid>,
    pub linked_since: Option<DateTime<Utc>>,
    pub account_status: AccountStatus,
    /// R12: the account is deleted but the MCID is still linked.
    pub departed_still_linked: bool,
    pub kind: Option<SkillKind>,
    pub skill_id: Option<String>,
    pub skill_name: Option<String>,
    pub earned: Option<DateTime<Utc>>,
    pub expires: Option<DateTime<Utc>>,
    /// R3: shown as reflected from this instant.
    pub visible_from: Option<DateTime<Utc>>,
    /// R3: "expected between day 7 and day 10" starts here.
    pub expected_from: Option<DateTime<Utc>>,
    pub reflected: bool,
    /// R11: names of the competencies this skill counts toward now.
    pub competencies: Vec<String>,
}

impl SkillRow {
    /// A person's row with no skill (and no link) filled in yet.
    pub fn person(
        account: AccountId,
        mpn_id: MpnId,
        name: String,
        email: Email,
        account_status: AccountStatus,
    ) -> SkillRow {
        SkillRow {
            account,
            mpn_id,
            name,
            email,
            mcid: None,
            linked_since: None,
            account_status,
            departed_still_linked: false,
            kind: None,
            skill_id: None,
            skill_name: None,
            earned: None,
            expires: None,
            visible_from: None,
            expected_from: None,
            reflected: false,
            competencies: Vec::new(),
        }
    }
}

/// The companion users export (R10).
#[derive(Debug, Clone, Serialize)]
pub struct UserRow {
    pub email: Email,
    pub name: String,
    pub status: AccountStatus,
    pub roles: Vec<&'static str>,
    pub pu_access: bool,
    pub linked_learning_account: bool,
}

/// R11: one competency's status for the organization.
#[derive(Debug, Clone, Serialize)]
pub struct CompetencyStatus {
    pub id: String,
    pub name: String,
    pub required: u32,
    pub current: u32,
    pub met: bool,
    /// Who counts and why.
    pub counted: Vec<CountedPerson>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountedPerson {
    pub name: String,
    pub email: Email,
    pub mcid: Mcid,
    pub skill_id: String,
    pub earned: DateTime<Utc>,
}

/// R18: Learn analytics for a date range.
#[derive(Debug, Clone, Serialize)]
pub struct LearningReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// People with at least one completed module in the range.
    pub trained_individuals: u32,
    pub module_completions: u32,
    pub learning_path_completions: u32,
    pub monthly: Vec<MonthCount>,
    pub learners: Vec<LearnerRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthCount {
    /// "2026-03"
    pub month: String,
    pub modules: u32,
    pub learning_paths: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct LearnerRow {
    pub name: String,
    pub email: Email,
    pub modules_completed: u32,
    pub learning_paths_completed: u32,
    pub in_progress: u32,
}

/// A person of the organization who is in the reports (linked MCID or PU
/// access), as R18's Learn analytics reads them.
struct Person {
    account: AccountRecord,
    /// The MCID linked through the account and when that link started.
    link: Option<LinkedSince>,
}

/// An MCID and the start of its link.
type LinkedSince = (Mcid, DateTime<Utc>);

impl Person {
    /// Each subject with the start of its association (R3).
    fn subjects(&self) -> Vec<(Subject, DateTime<Utc>)> {
        let mut v = Vec::new();
        if let Some((mcid, since)) = self.link {
            v.push((Subject::Mcid(mcid), since));
        }
        if let (Some(u), Some(since)) = (&self.account.pu, self.account.pu_since) {
            v.push((Subject::Pu(u.clone()), since));
        }
        v
    }
}

/// What the report's rows depend on at the moment they are read: the clock
/// (R3 reflection, R11's 12 months) and the competency definitions (R11).
struct RowRules {
    org: MpnId,
    now: DateTime<Utc>,
    competencies: Vec<Competency>,
}

impl RowRules {
    fn at(service: &Service, r: &impl Queries, org: MpnId) -> Result<RowRules, ServiceError> {
        Ok(RowRules {
            org,
            now: service.now_after(r.last_event_at()?),
            competencies: r.competencies()?,
        })
    }

    /// Gives `each` the rows of one person (one per held skill, or the person
    /// alone), built in `row`, which is reused from person to person so a row
    /// costs no allocation beyond its strings. Returns how many.
    fn rows_of(
        &self,
        account: AccountId,
        entry: ReportEntry,
        slot: &mut Option<SkillRow>,
        each: &mut dyn FnMut(&SkillRow) -> Result<(), ServiceError>,
    ) -> Result<usize, ServiceError> {
        let link_since = entry.link.map(|(_, at)| report::instant(at)).transpose()?;
        let pu_since = entry.pu_since.map(report::instant).transpose()?;
        let row = match slot {
            Some(row) => {
                row.name = entry.name;
                row.email = entry.email;
                row
            }
            None => slot.insert(SkillRow::person(
                account,
                self.org,
                entry.name,
                entry.email,
                entry.status,
            )),
        };
        row.account = account;
        row.mcid = entry.link.map(|(m, _)| m);
        row.linked_since = link_since;
        row.account_status = entry.status;
        row.departed_still_linked = entry.status == AccountStatus::Deleted && link_since.is_some();
        if entry.skills.is_empty() {
            row.kind = None;
            row.skill_id = None;
            row.skill_name = None;
            row.earned = None;
            row.expires = None;
            row.visible_from = None;
            row.expected_from = None;
            row.reflected = false;
            row.competencies.clear();
            each(row)?;
            return Ok(1);
        }
        let count = entry.skills.len();
        for skill in entry.skills {
            let start = if skill.via_pu { pu_since } else { link_since };
            let start = start.ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "report entry of account {account}: a skill without its association"
                ))
            })?;
            let earned = report::instant(skill.earned)?;
            let reflection = skills::reflection(earned, start);
            row.competencies.clear();
            // R11: only individuals with a linked MCID count.
            if link_since.is_some() {
                for c in &self.competencies {
                    if skills::held_counts_toward(c, &skill.skill_id, earned, &reflection, self.now)
                    {
                        row.competencies.push(c.name.clone());
                    }
                }
            }
            row.kind = Some(skill.kind);
            row.skill_id = Some(skill.skill_id);
            row.skill_name = Some(skill.name);
            row.earned = Some(earned);
            row.expires = skill.expires.map(report::instant).transpose()?;
            row.visible_from = Some(reflection.visible_from);
            row.expected_from = reflection.expected_from;
            row.reflected = reflection.is_reflected(self.now);
            each(row)?;
        }
        Ok(count)
    }
}

/// Page size for reading an organization's index tables.
const PAGE: usize = 4096;

impl Service {
    /// The organization's people in its reports, by name: the report table's
    /// people (`store::report` decides who is in it, once for every report),
    /// with their accounts read a page at a time in key order. (R18's Learn
    /// analytics read learning records, which the report table does not hold.)
    fn report_people(&self, q: &impl Queries, org: MpnId) -> Result<Vec<Person>, ServiceError> {
        let mut links: Vec<(AccountId, Option<LinkedSince>)> = Vec::new();
        report::scan(q, org, usize::MAX, &mut |account, entry| {
            let link = match entry.link {
                Some((mcid, since)) => Some((mcid, report::instant(since)?)),
                None => None,
            };
            links.push((account, link));
            Ok::<(), ServiceError>(())
        })?;
        let mut people = Vec::with_capacity(links.len());
        for page in links.chunks(PAGE) {
            let ids: Vec<u64> = page.iter().map(|(a, _)| a.0).collect();
            // Asked in key order: one walk of the leaves. Matched by id, so a
            // missing account (a damaged file) cannot pair a person with another's link.
            let mut accounts: BTreeMap<u64, AccountRecord> = q
                .accounts_by_ids(&ids)?
                .into_iter()
                .map(|a| (a.id.0, a))
                .collect();
            for (id, link) in page {
                if let Some(account) = accounts.remove(&id.0) {
                    people.push(Person {
                        account,
                        link: *link,
                    });
                }
            }
        }
        people.sort_by(|a, b| {
            a.account
                .name
                .cmp(&b.account.name)
                .then(a.account.email.cmp(&b.account.email))
        });
        Ok(people)
    }

    /// R10: may this person see the organization's reports? Front ends that
    /// stream an export ask first, so a refusal writes no header and creates
    /// no file (a refusal changes nothing).
    pub fn check_report_access(&self, session: &Session) -> Result<(), ServiceError> {
        let r = self.store.read()?;
        self.may(&r, session, OrgView::SkillsReport).map(|_| ())
    }

    /// R10: the skills report, every person and skill, with R3 reflection and
    /// R11 relevance, people by name (a person's rows in their streamed order).
    /// Whole, in memory: for small organizations and the text table; exports
    /// stream with [`Service::for_each_skill_row`].
    pub fn skills_report(&self, session: &Session) -> Result<Vec<SkillRow>, ServiceError> {
        let r = self.store.read()?;
        let org = self.may(&r, session, OrgView::SkillsReport)?;
        let mut rows = Vec::new();
        self.scan_rows(&r, org, usize::MAX, &mut |row| {
            rows.push(row.clone());
            Ok(())
        })?;
        // By name, each person's rows kept in their order (a stable sort).
        rows.sort_by(|a, b| a.name.cmp(&b.name).then(a.email.cmp(&b.email)));
        Ok(rows)
    }

    /// R10: streams the whole report to `each`, person by person in the report
    /// table's order (by account id; a person's rows are contiguous), reading
    /// one range of one table: memory stays flat whatever the organization's
    /// size. Returns the row count.
    pub fn for_each_skill_row(
        &self,
        session: &Session,
        mut each: impl FnMut(&SkillRow) -> std::io::Result<()>,
    ) -> Result<usize, ServiceError> {
        let r = self.store.read()?;
        let org = self.may(&r, session, OrgView::SkillsReport)?;
        self.scan_rows(&r, org, usize::MAX, &mut |row| {
            each(row).map_err(|e| InvalidInput::ReportOutput(e).into())
        })
    }

    /// R10: the organization whose skills report this person may read, and
    /// that report's version (`Store::report_version`). The version is read
    /// after the permission and before any later read's snapshot, so a pass
    /// made from a later read and labelled with it shows at least that state.
    pub fn skills_report_version(&self, session: &Session) -> Result<(MpnId, u64), ServiceError> {
        let org = {
            let r = self.store.read()?;
            self.may(&r, session, OrgView::SkillsReport)?
        };
        Ok((org, self.store.report_version(org)))
    }

    /// The skills report's passes, shared by every session of this service
    /// (`browse::shared`; tests and `serve`'s log read their figures).
    pub fn skill_passes(&self) -> &crate::browse::shared::SharedPasses {
        &self.passes
    }

    /// R10: the rows of the first `people` people of the report (in the order
    /// [`Service::for_each_skill_row`] gives them), for a screen that shows a
    /// page at once while the whole report loads.
    pub fn skills_report_first_page(
        &self,
        session: &Session,
        people: usize,
    ) -> Result<Vec<SkillRow>, ServiceError> {
        let r = self.store.read()?;
        let org = self.may(&r, session, OrgView::SkillsReport)?;
        let mut rows = Vec::new();
        self.scan_rows(&r, org, people, &mut |row| {
            rows.push(row.clone());
            Ok(())
        })?;
        Ok(rows)
    }

    /// R10: the rows of these people of the organization, each person's rows in
    /// the same order as [`Service::for_each_skill_row`] gives them, people in
    /// the order asked. A person no longer in the report (unlinked, no PU
    /// access, another organization's) has no rows. Screens that hold only row
    /// handles read the rows they draw with this.
    pub fn skill_rows_of(
        &self,
        session: &Session,
        accounts: &[AccountId],
    ) -> Result<Vec<SkillRow>, ServiceError> {
        let r = self.store.read()?;
        let org = self.may(&r, session, OrgView::SkillsReport)?;
        let rules = RowRules::at(self, &r, org)?;
        let mut rows = Vec::new();
        let mut row = None;
        for &account in accounts {
            if let Some(entry) = report::entry_of(&r, org, account)? {
                rules.rows_of(account, entry, &mut row, &mut |row| {
                    rows.push(row.clone());
                    Ok(())
                })?;
            }
        }
        Ok(rows)
    }

    /// The rows of the first `limit` people of `org`'s report table, in key
    /// order, each given to `each` (one row value, reused). Returns the count.
    fn scan_rows(
        &self,
        r: &impl Queries,
        org: MpnId,
        limit: usize,
        each: &mut dyn FnMut(&SkillRow) -> Result<(), ServiceError>,
    ) -> Result<usize, ServiceError> {
        let rules = RowRules::at(self, r, org)?;
        let mut row = None;
        let mut count = 0;
        report::scan(r, org, limit, &mut |account, entry| {
            count += rules.rows_of(account, entry, &mut row, each)?;
            Ok::<_, ServiceError>(())
        })?;
        Ok(count)
    }

    /// R10 companion: every account of the organization, with PU access and a
    /// linked Learning account yes/no.
    pub fn users_report(&self, session: &Session) -> Result<Vec<UserRow>, ServiceError> {
        let r = self.store.read()?;
        let org = self.may(&r, session, OrgView::SkillsReport)?;
        let mut rows = Vec::new();
        let mut after = None;
        loop {
            let page = r.accounts_of_org(org, after, PAGE)?;
            let Some(last) = page.last() else { break };
            after = Some(last.id);
            for a in page {
                rows.push(UserRow {
                    email: a.email.clone(),
                    name: a.name.clone(),
                    status: a.status,
                    roles: a.roles.names(),
                    pu_access: a.pu.is_some(),
                    linked_learning_account: a.linked_mcid.is_some(),
                });
            }
        }
        Ok(rows)
    }

    /// R11: every competency's status for the organization: required, current,
    /// who counts and why. Each MCID counts once, only for the organization it is
    /// linked to, with skills earned in the last 12 calendar months.
    pub fn competency_status(
        &self,
        session: &Session,
    ) -> Result<Vec<CompetencyStatus>, ServiceError> {
        let r = self.store.read()?;
        let org = self.may(&r, session, OrgView::CompetencyStatus)?;
        let rules = RowRules::at(self, &r, org)?;
        let (now, competencies) = (rules.now, rules.competencies);
        let mut counted: Vec<Vec<CountedPerson>> = vec![Vec::new(); competencies.len()];
        // One range scan of the report table (schema 3): its held skills are
        // exactly the ones R11 can count.
        report::scan(&r, org, usize::MAX, &mut |_, entry| {
            // R11: only individuals with a linked MCID count.
            let Some((mcid, linked)) = entry.link else {
                return Ok(());
            };
            let starts = [Some(linked), entry.pu_since];
            let mut held = Vec::with_capacity(entry.skills.len());
            for skill in &entry.skills {
                let start = starts[usize::from(skill.via_pu)].ok_or_else(|| {
                    StoreError::Corrupt("report entry: a skill without its association".into())
                })?;
                let earned = report::instant(skill.earned)?;
                let reflection = skills::reflection(earned, report::instant(start)?);
                held.push((skill, earned, reflection));
            }
            for (i, c) in competencies.iter().enumerate() {
                // The most recent qualifying skill says why this person counts.
                let best = held
                    .iter()
                    .filter(|(s, earned, refl)| {
                        skills::held_counts_toward(c, &s.skill_id, *earned, refl, now)
                    })
                    .max_by_key(|(_, earned, _)| *earned);
                if let Some((skill, earned, _)) = best {
                    counted[i].push(CountedPerson {
                        name: entry.name.clone(),
                        email: entry.email.clone(),
                        mcid,
                        skill_id: skill.skill_id.clone(),
                        earned: *earned,
                    });
                }
            }
            Ok::<_, ServiceError>(())
        })?;
        // By name, as the people of the report are listed.
        for list in &mut counted {
            list.sort_by(|a, b| a.name.cmp(&b.name).then(a.email.cmp(&b.email)));
        }
        Ok(competencies
            .into_iter()
            .zip(counted)
            .map(|(c, counted)| {
                let current = counted
                    .iter()
                    .map(|p| p.mcid)
                    .collect::<BTreeSet<_>>()
                    .len() as u32;
                CompetencyStatus {
                    met: current >= c.required_individuals,
                    id: c.id,
                    name: c.name,
                    required: c.required_individuals,
                    current,
                    counted,
                }
            })
            .collect())
    }

    /// R18: learning status of the organization's people between two dates
    /// (inclusive).
    pub fn learning_report(
        &self,
        session: &Session,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<LearningReport, ServiceError> {
        if from > to {
            return Err(InvalidInput::RangeReversed { from, to }.into());
        }
        let r = self.store.read()?;
        let org = self.may(&r, session, OrgView::LearnAnalytics)?;
        let in_range = |d: DateTime<Utc>| {
            let day = d.date_naive();
            day >= from && day <= to
        };
        let mut monthly: BTreeMap<(i32, u32), (u32, u32)> = BTreeMap::new();
        let mut month = NaiveDate::from_ymd_opt(from.year(), from.month(), 1);
        while let Some(m) = month.filter(|m| *m <= to) {
            monthly.insert((m.year(), m.month()), (0, 0));
            month = m.checked_add_months(chrono::Months::new(1));
        }
        let mut report = LearningReport {
            from,
            to,
            trained_individuals: 0,
            module_completions: 0,
            learning_path_completions: 0,
            monthly: Vec::new(),
            learners: Vec::new(),
        };
        for person in self.report_people(&r, org)? {
            let mut learner = LearnerRow {
                name: person.account.name.clone(),
                email: person.account.email.clone(),
                modules_completed: 0,
                learning_paths_completed: 0,
                in_progress: 0,
            };
            for (subject, _) in person.subjects() {
                for rec in r.skills_of(&subject)? {
                    if rec.kind.is_skill() || !in_range(rec.date) {
                        continue;
                    }
                    let slot = monthly
                        .entry((rec.date.year(), rec.date.month()))
                        .or_default();
                    match (rec.kind, rec.is_completed()) {
                        (SkillKind::Module, true) => {
                            learner.modules_completed += 1;
                            slot.0 += 1;
                        }
                        (SkillKind::LearningPath, true) => {
                            learner.learning_paths_completed += 1;
                            slot.1 += 1;
                        }
                        _ => learner.in_progress += 1,
                    }
                }
            }
            if learner.modules_completed > 0 {
                report.trained_individuals += 1;
            }
            report.module_completions += learner.modules_completed;
            report.learning_path_completions += learner.learning_paths_completed;
            if learner.modules_completed + learner.learning_paths_completed + learner.in_progress
                > 0
            {
                report.learners.push(learner);
            }
        }
        report.monthly = monthly
            .into_iter()
            .map(|((y, m), (modules, learning_paths))| MonthCount {
                month: format!("{y:04}-{m:02}"),
                modules,
                learning_paths,
            })
            .collect();
        Ok(report)
    }

    /// The person's own skills (certifications, exams, assessments), newest first,
    /// for the profile page.
    pub fn my_skills(&self, session: &Session) -> Result<Vec<SkillRecord>, ServiceError> {
        let r = self.store.read()?;
        let (_, account) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let mut out = Vec::new();
        if let Some(m) = account.linked_mcid.or(account.last_mcid) {
            out.extend(r.skills_of(&Subject::Mcid(m))?);
        }
        if let Some(u) = &account.pu {
            out.extend(r.skills_of(&Subject::Pu(u.clone()))?);
        }
        out.retain(|s| s.kind.is_skill() && s.is_held());
        out.sort_by_key(|s| std::cmp::Reverse(s.date));
        Ok(out)
    }
}
