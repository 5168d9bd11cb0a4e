//! The organization's reports (R10 skills report and users export, R11 competency
//! status, R18 Learn analytics), for its Global Admins and MPN Partner Admins only
//! (invariant 4). Rows are built here once; `crate::report` formats them for the
//! CLI, the TUI and exports.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;

use crate::domain::skills::{self, Competency, Reflection, SkillKind, SkillRecord, Subject};
use crate::domain::{AccountId, AccountStatus, Actor, Email, Mcid, MpnId, Refusal};
use crate::store::Queries;
use crate::store::records::{AccountRecord, LinkRecord};

use super::{Service, ServiceError, Session};

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

/// A person of the organization who is in the reports: linked MCID or PU access.
struct Person {
    account: AccountRecord,
    link: Option<LinkRecord>,
}

impl Person {
    /// Each subject with the start of its association (R3).
    fn subjects(&self) -> Vec<(Subject, DateTime<Utc>)> {
        let mut v = Vec::new();
        if let Some(l) = &self.link {
            v.push((Subject::Mcid(l.mcid), l.since));
        }
        if let (Some(u), Some(since)) = (&self.account.pu, self.account.pu_since) {
            v.push((Subject::Pu(u.clone()), since));
        }
        v
    }
}

/// Page size for reading an organization's index tables.
const PAGE: usize = 4096;

impl Service {
    /// The organization whose reports this person may see: Global Admins and MPN
    /// Partner Admins of it, and no one else (R10, R11, R18).
    fn report_org(&self, q: &impl Queries, session: &Session) -> Result<MpnId, ServiceError> {
        self.admin_view_org(
            q,
            session,
            "only Global Admins and MPN Partner Admins of the organization see its reports (R10)",
        )
    }

    /// The organization whose admin view `session` may open, else a refusal that
    /// says who may (`needs`, naming the view's rule).
    fn admin_view_org(
        &self,
        q: &impl Queries,
        session: &Session,
        needs: &str,
    ) -> Result<MpnId, ServiceError> {
        let (actor, _) = self.actor(q, session)?.map_err(ServiceError::Refused)?;
        match actor {
            Actor::Member { org, roles, .. } if roles.is_admin() => Ok(org),
            _ => Err(ServiceError::Refused(Refusal::NotPermitted {
                needs: needs.into(),
            })),
        }
    }

    /// Walks the organization's people a page at a time: linked people in link
    /// order (at most `first` of them), then, when `first` is `None`, people with
    /// PU access only. One read of the accounts table per page.
    fn people_pages(
        &self,
        q: &impl Queries,
        org: MpnId,
        first: Option<usize>,
        each: &mut dyn FnMut(Vec<Person>) -> Result<(), ServiceError>,
    ) -> Result<(), ServiceError> {
        let wanted = first.unwrap_or(usize::MAX);
        let (mut seen, mut after) = (0, None);
        while seen < wanted {
            let page = q.active_links_of_org(org, after, PAGE.min(wanted - seen))?;
            let Some(last) = page.last() else { break };
            after = Some(last.id);
            let ids: Vec<u64> = page.iter().map(|l| l.account.0).collect();
            let mut by_id: BTreeMap<u64, AccountRecord> = q
                .accounts_by_ids(&ids)?
                .into_iter()
                .map(|a| (a.id.0, a))
                .collect();
            let people: Vec<Person> = page
                .into_iter()
                .filter_map(|link| {
                    by_id.remove(&link.account.0).map(|account| Person {
                        account,
                        link: Some(link),
                    })
                })
                .collect();
            seen += people.len();
            each(people)?;
        }
        if first.is_some() {
            return Ok(());
        }
        let mut after = None;
        loop {
            let page = q.accounts_of_org(org, after, PAGE)?;
            let Some(last) = page.last() else { break };
            after = Some(last.id);
            // A linked account was in the first pass (its link is this organization's).
            let people = page
                .into_iter()
                .filter(|a| a.pu.is_some() && a.linked_mcid.is_none())
                .map(|account| Person {
                    account,
                    link: None,
                })
                .collect();
            each(people)?;
        }
        Ok(())
    }

    /// The organization's people with a linked MCID or PU access, by name. With
    /// `first`, only the first `first` linked people in link order (a quick first
    /// page); without, everyone, PU-only people included.
    fn report_people(
        &self,
        q: &impl Queries,
        org: MpnId,
        first: Option<usize>,
    ) -> Result<Vec<Person>, ServiceError> {
        let mut people = Vec::new();
        self.people_pages(q, org, first, &mut |page| {
            people.extend(page);
            Ok(())
        })?;
        people.sort_by(|a, b| {
            a.account
                .name
                .cmp(&b.account.name)
                .then(a.account.email.cmp(&b.account.email))
        });
        Ok(people)
    }

    /// R10: the skills report, every person and skill, with R3 reflection and R11
    /// relevance. The organization's rows are returned whole: the TUI sorts and
    /// filters them in memory and draws one page; exports stream them out.
    /// R10: may this person see the organization's reports? Front ends that
    /// stream an export ask first, so a refusal writes no header and creates
    /// no file (a refusal changes nothing).
    pub fn check_report_access(&self, session: &Session) -> Result<(), ServiceError> {
        let r = self.store.read()?;
        self.report_org(&r, session).map(|_| ())
    }

    pub fn skills_report(&self, session: &Session) -> Result<Vec<SkillRow>, ServiceError> {
        let r = self.store.read()?;
        let org = self.report_org(&r, session)?;
        let people = self.report_people(&r, org, None)?;
        self.skill_rows(&r, org, people)
    }

    /// R10: streams the whole report to `each`, a page of people at a time (linked
    /// people in link order, then people with PU access only), so an export's
    /// memory stays flat whatever the organization's size. Returns the row count.
    pub fn for_each_skill_row(
        &self,
        session: &Session,
        mut each: impl FnMut(&SkillRow) -> std::io::Result<()>,
    ) -> Result<usize, ServiceError> {
        let r = self.store.read()?;
        let org = self.report_org(&r, session)?;
        let mut count = 0;
        self.people_pages(&r, org, None, &mut |people| {
            for row in self.skill_rows(&r, org, people)? {
                each(&row)
                    .map_err(|e| ServiceError::Invalid(format!("cannot write the report: {e}")))?;
                count += 1;
            }
            Ok(())
        })?;
        Ok(count)
    }

    /// R10: the rows of the first `people` linked people only, for a screen that
    /// shows a page at once while the whole report loads.
    pub fn skills_report_first_page(
        &self,
        session: &Session,
        people: usize,
    ) -> Result<Vec<SkillRow>, ServiceError> {
        let r = self.store.read()?;
        let org = self.report_org(&r, session)?;
        let people = self.report_people(&r, org, Some(people))?;
        self.skill_rows(&r, org, people)
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
        let org = self.report_org(&r, session)?;
        let ids: Vec<u64> = accounts.iter().map(|a| a.0).collect();
        let mut people = Vec::with_capacity(ids.len());
        for account in r.accounts_by_ids(&ids)? {
            if account.org() != Some(org) {
                continue;
            }
            let link = match account.linked_mcid {
                Some(mcid) => r.active_link(mcid)?.filter(|l| l.org == org),
                None => None,
            };
            if link.is_some() || account.pu.is_some() {
                people.push(Person { account, link });
            }
        }
        self.skill_rows(&r, org, people)
    }

    fn skill_rows(
        &self,
        r: &impl Queries,
        org: MpnId,
        people: Vec<Person>,
    ) -> Result<Vec<SkillRow>, ServiceError> {
        let now = self.now_after(r.last_event_at()?);
        let competencies = r.competencies()?;
        let subjects: Vec<Vec<(Subject, DateTime<Utc>)>> =
            people.iter().map(Person::subjects).collect();
        let flat: Vec<Subject> = subjects.iter().flatten().map(|(s, _)| s.clone()).collect();
        let mut records = r.skills_of_many(&flat)?.into_iter();
        let mut rows = Vec::with_capacity(people.len() * 2);
        for (person, subjects) in people.iter().zip(subjects) {
            let a = &person.account;
            let base = SkillRow {
                account: a.id,
                mpn_id: org,
                name: a.name.clone(),
                email: a.email.clone(),
                mcid: person.link.as_ref().map(|l| l.mcid),
                linked_since: person.link.as_ref().map(|l| l.since),
                account_status: a.status,
                departed_still_linked: a.status == AccountStatus::Deleted && person.link.is_some(),
                kind: None,
                skill_id: None,
                skill_name: None,
                earned: None,
                expires: None,
                visible_from: None,
                expected_from: None,
                reflected: false,
                competencies: Vec::new(),
            };
            let mut any = false;
            for (_, start) in subjects {
                let held = records.next().unwrap_or_default();
                for skill in held
                    .into_iter()
                    .filter(|s| s.kind.is_skill() && s.is_held())
                {
                    any = true;
                    let reflection = skills::reflection(skill.date, start);
                    // R11: only individuals with a linked MCID count.
                    let counts = |c: &&Competency| {
                        person.link.is_some() && skills::counts_toward(c, &skill, &reflection, now)
                    };
                    let competencies = competencies
                        .iter()
                        .filter(counts)
                        .map(|c| c.name.clone())
                        .collect();
                    rows.push(SkillRow {
                        kind: Some(skill.kind),
                        skill_id: Some(skill.skill_id),
                        skill_name: Some(skill.name),
                        earned: Some(skill.date),
                        expires: skill.expires,
                        visible_from: Some(reflection.visible_from),
                        expected_from: reflection.expected_from,
                        reflected: reflection.is_reflected(now),
                        competencies,
                        ..base.clone()
                    });
                }
            }
            if !any {
                rows.push(base);
            }
        }
        Ok(rows)
    }

    /// R10 companion: every account of the organization, with PU access and a
    /// linked Learning account yes/no.
    pub fn users_report(&self, session: &Session) -> Result<Vec<UserRow>, ServiceError> {
        let r = self.store.read()?;
        let org = self.report_org(&r, session)?;
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
        let org = self.admin_view_org(
            &r,
            session,
            "only Global Admins and MPN Partner Admins of the organization see its competency status (R11)",
        )?;
        let now = self.now_after(r.last_event_at()?);
        let competencies = r.competencies()?;
        let mut counted: Vec<Vec<CountedPerson>> = vec![Vec::new(); competencies.len()];
        for person in self.report_people(&r, org, None)? {
            let Some(link) = &person.link else { continue };
            let mut held: Vec<(SkillRecord, Reflection)> = Vec::new();
            for (subject, start) in person.subjects() {
                for skill in r.skills_of(&subject)? {
                    let reflection = skills::reflection(skill.date, start);
                    held.push((skill, reflection));
                }
            }
            for (i, c) in competencies.iter().enumerate() {
                // The most recent qualifying skill says why this person counts.
                let best = held
                    .iter()
                    .filter(|(s, refl)| skills::counts_toward(c, s, refl, now))
                    .max_by_key(|(s, _)| s.date);
                if let Some((skill, _)) = best {
                    counted[i].push(CountedPerson {
                        name: person.account.name.clone(),
                        email: person.account.email.clone(),
                        mcid: link.mcid,
                        skill_id: skill.skill_id.clone(),
                        earned: skill.date,
                    });
                }
            }
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
            return Err(ServiceError::Invalid(format!(
                "--from {from} is after --to {to}"
            )));
        }
        let r = self.store.read()?;
        let org = self.admin_view_org(
            &r,
            session,
            "only Global Admins and MPN Partner Admins of the organization see its Learn analytics (R18)",
        )?;
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
        for person in self.report_people(&r, org, None)? {
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
