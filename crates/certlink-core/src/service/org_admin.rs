//! A Global Admin's commands over their organization: departures (R12) and roles
//! (R17). The permission checks are the domain's; this file gathers the facts.

use crate::store::records::AccountRecord;
use crate::store::{AuditEntry, Queries};
use certlink_domain::decide::decide;
use certlink_domain::{Command, Email, Mcid, Refusal, Role};

use super::{Service, ServiceError, Session, audit_actor};

impl Service {
    /// A live account of the acting admin's organization, or a refusal that does
    /// not reveal whether the email exists elsewhere (invariant 4).
    pub(super) fn account_in_my_org(
        &self,
        w: &impl Queries,
        me: &AccountRecord,
        email: &Email,
    ) -> Result<Result<AccountRecord, Refusal>, ServiceError> {
        Ok(match w.account_by_email(email)? {
            Some(target) if target.org().is_some() && target.org() == me.org() => Ok(target),
            _ => Err(Refusal::NotFound {
                what: certlink_domain::Missing::AccountInOrg {
                    email: email.to_string(),
                },
            }),
        })
    }

    pub(super) fn other_active_global_admins(
        &self,
        w: &impl Queries,
        target: &AccountRecord,
    ) -> Result<usize, ServiceError> {
        Ok(match target.org() {
            Some(org) => w
                .active_global_admins(org)?
                .into_iter()
                .filter(|id| *id != target.id)
                .count(),
            None => 0,
        })
    }

    /// R12: deletes an account of the organization. The MCID stays linked (the
    /// report flags it); PU access ends.
    pub fn delete_account(&self, session: &Session, email: &str) -> Result<(), ServiceError> {
        let email: Email = email.parse()?;
        let w = self.begin()?;
        let settings = w.settings()?;
        let (actor, me) = match self.actor(&w, session)? {
            Ok(x) => x,
            Err(refusal) => return Err(self.refuse_session(w, session, refusal, "user-delete")),
        };
        let mut entry = AuditEntry::new(audit_actor(&me), "user-delete");
        entry.org = me.org();
        entry.detail = format!("account {email}");
        let decision = match self.account_in_my_org(&w, &me, &email)? {
            Ok(target) => {
                entry.account = Some(target.id);
                entry.mcid = target.linked_mcid;
                let others = self.other_active_global_admins(&w, &target)?;
                decide(
                    &actor,
                    &Command::DeleteAccount {
                        target: target.facts(),
                        other_active_global_admins: others,
                    },
                    &settings,
                    w.now(),
                )
            }
            Err(r) => Err(r),
        };
        self.finish(w, decision, entry)?;
        Ok(())
    }

    /// R12: ends the link of a departed person; not an association, costs nothing.
    pub fn remove_from_report(&self, session: &Session, mcid: &str) -> Result<(), ServiceError> {
        let mcid: Mcid = mcid.parse()?;
        let w = self.begin()?;
        let settings = w.settings()?;
        let (actor, me) = match self.actor(&w, session)? {
            Ok(x) => x,
            Err(refusal) => return Err(self.refuse_session(w, session, refusal, "report-remove")),
        };
        let link = w.active_link(mcid)?;
        let holder = match &link {
            Some(l) => w.account(l.account)?.map(|a| a.facts()),
            None => None,
        };
        let mut entry = AuditEntry::new(audit_actor(&me), "report-remove");
        entry.org = me.org();
        entry.mcid = Some(mcid);
        entry.account = holder
            .as_ref()
            .map(|h| h.id)
            .filter(|_| link.as_ref().map(|l| Some(l.org)) == Some(me.org()));
        entry.detail = "removed by admin (departed person)".into();
        let decision = decide(
            &actor,
            &Command::RemoveFromReport {
                mcid,
                link: link.map(|l| l.active()),
                holder,
            },
            &settings,
            w.now(),
        );
        self.finish(w, decision, entry)?;
        Ok(())
    }

    /// R17: grants or revokes MPN Partner Admin or Global Admin.
    pub fn set_role(
        &self,
        session: &Session,
        email: &str,
        role: Role,
        grant: bool,
    ) -> Result<(), ServiceError> {
        let email: Email = email.parse()?;
        let w = self.begin()?;
        let settings = w.settings()?;
        let (actor, me) = match self.actor(&w, session)? {
            Ok(x) => x,
            Err(refusal) => return Err(self.refuse_session(w, session, refusal, "role-change")),
        };
        let mut entry = AuditEntry::new(
            audit_actor(&me),
            if grant { "role-grant" } else { "role-revoke" },
        );
        entry.org = me.org();
        entry.detail = format!(
            "{} {} {email}",
            role.title(),
            if grant { "to" } else { "from" }
        );
        let decision = match self.account_in_my_org(&w, &me, &email)? {
            Ok(target) => {
                entry.account = Some(target.id);
                let others = self.other_active_global_admins(&w, &target)?;
                decide(
                    &actor,
                    &Command::SetRole {
                        target: target.facts(),
                        role,
                        grant,
                        other_active_global_admins: others,
                    },
                    &settings,
                    w.now(),
                )
            }
            Err(r) => Err(r),
        };
        self.finish(w, decision, entry)?;
        Ok(())
    }
}
