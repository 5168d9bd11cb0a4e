//! What a person saves on their own profile (issue 16): the language of
//! their screens, command output and mail. Each person sets or clears only
//! their own, signed in; every change is audited (R16) with the tag alone,
//! so the trail stays language-neutral. The front ends decide with it
//! (`certlink_i18n::Choice::for_person`): an explicit `--lang` or
//! `CERTLINK_LANG` first, then this, then the locale.
//!
//! A deleted account's preference stays with its record, unused: it can no
//! longer sign in and gets no mail, and a new account for the same email
//! (R12) starts without one.

use certlink_domain::AccountId;
use certlink_i18n::Lang;

use super::{Service, ServiceError, Session, audit_actor};
use crate::store::records::PreferenceRecord;
use crate::store::{AuditEntry, Queries};

/// The audit action of a change of the saved language.
pub const LANGUAGE_SET: &str = "language-set";

impl Service {
    /// Saves `lang` as the signed-in person's language, or with `None` clears
    /// it (the front end's choice decides again). Only the person's own
    /// preference: the session names the account. A deleted account or one
    /// that must first replace its temporary password is refused (R1, R13),
    /// and the refusal is audited.
    pub fn set_language(&self, session: &Session, lang: Option<Lang>) -> Result<(), ServiceError> {
        let w = self.begin()?;
        let me = match self.actor(&w, session)? {
            Ok((_, me)) => me,
            Err(refusal) => return Err(self.refuse_session(w, session, refusal, LANGUAGE_SET)),
        };
        let record = lang.map(|l| PreferenceRecord {
            lang: l.tag().to_string(),
            saved_at: w.now(),
        });
        w.put_preference(me.id, record.as_ref())?;
        let mut entry = AuditEntry::new(audit_actor(&me), LANGUAGE_SET);
        entry.account = Some(me.id);
        entry.org = me.org();
        entry.detail = match lang {
            Some(l) => format!("language {}", l.tag()),
            None => "language cleared".into(),
        };
        w.audit(entry)?;
        w.commit()?;
        Ok(())
    }

    /// The language saved for `account`, if any (a tag this build does not
    /// know counts as none).
    pub(super) fn saved_language(&self, account: AccountId) -> Result<Option<Lang>, ServiceError> {
        Ok(self
            .store
            .read()?
            .preference(account)?
            .and_then(|p| p.language()))
    }

    /// The language of mail that `session`'s action sends to `recipient`:
    /// the recipient's own saved preference, else the language the sender's
    /// front end speaks (`Session::speaks`). A failed read falls back to the
    /// latter: the mail goes out either way.
    pub(super) fn mail_language(&self, recipient: AccountId, session: &Session) -> Lang {
        match self.saved_language(recipient) {
            Ok(saved) => saved.unwrap_or(session.speaks),
            Err(e) => {
                tracing::warn!(error = %e, "the recipient's language could not be read");
                session.speaks
            }
        }
    }
}

/// A saved language as JSON and other serialized views show it: its tag
/// (`"zh-CN"`), or null.
pub(super) fn serialize_tag<S: serde::Serializer>(
    lang: &Option<Lang>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match lang {
        Some(l) => serializer.serialize_some(l.tag()),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::{Environment, NewAccount, SignInSource};
    use crate::store::records::AccountKind;
    use crate::store::{DbKind, Store};
    use certlink_domain::{AccountStatus, MpnId, Roles, Settings};

    const PASSWORD: &str = "correct horse battery staple";

    #[test]
    fn mail_speaks_the_recipients_saved_language_else_the_senders() {
        let store = Store::in_memory(DbKind::Sandbox, &Settings::sandbox()).unwrap();
        let s = Service::with_store(store, Environment::default()).unwrap();
        s.add_org_with_domains("1234567", "Contoso", &["contoso.com".into()])
            .unwrap();
        for email in ["admin@contoso.com", "ada@contoso.com"] {
            s.create_account(NewAccount {
                kind: AccountKind::Member {
                    org: "1234567".parse::<MpnId>().unwrap(),
                },
                email,
                name: "Someone",
                roles: Roles::GLOBAL_ADMIN,
                password: PASSWORD,
                status: AccountStatus::Active,
            })
            .unwrap();
        }
        let mut admin = s
            .sign_in("admin@contoso.com", PASSWORD, &SignInSource::Local)
            .unwrap();
        let ada = s
            .sign_in("ada@contoso.com", PASSWORD, &SignInSource::Local)
            .unwrap();
        admin.speaks = Lang::ZhCn;
        assert_eq!(s.mail_language(ada.account, &admin), Lang::ZhCn);
        s.set_language(&ada, Some(Lang::En)).unwrap();
        assert_eq!(s.mail_language(ada.account, &admin), Lang::En);
        s.set_language(&ada, None).unwrap();
        assert_eq!(s.mail_language(ada.account, &admin), Lang::ZhCn);
    }

    /// Keeps the subject of every mail queued.
    #[derive(Default)]
    struct Subjects(std::sync::Mutex<Vec<String>>);

    impl crate::service::mail::Mailer for Subjects {
        fn queue(
            &self,
            mail: &crate::service::mail::Mail<'_>,
        ) -> Result<String, crate::service::mail::NotQueued> {
            let mut subjects = self.0.lock().unwrap();
            subjects.push(mail.subject.to_string());
            Ok(subjects.len().to_string())
        }
    }

    /// R13: the sign-in details go out in the recipient's saved language,
    /// although the admin's front end speaks English; someone with no saved
    /// language gets the admin's.
    #[test]
    fn a_resend_speaks_the_recipients_saved_language_not_the_admins() {
        let store = Store::in_memory(DbKind::Sandbox, &Settings::sandbox()).unwrap();
        let subjects = std::sync::Arc::new(Subjects::default());
        let env = Environment {
            mail: Some(subjects.clone()),
            ..Environment::default()
        };
        let s = Service::with_store(store, env).unwrap();
        s.add_org_with_domains("1234567", "Contoso", &["contoso.com".into()])
            .unwrap();
        s.create_account(NewAccount {
            kind: AccountKind::Member {
                org: "1234567".parse::<MpnId>().unwrap(),
            },
            email: "admin@contoso.com",
            name: "Admin",
            roles: Roles::GLOBAL_ADMIN,
            password: PASSWORD,
            status: AccountStatus::Active,
        })
        .unwrap();
        let admin = s
            .sign_in("admin@contoso.com", PASSWORD, &SignInSource::Local)
            .unwrap();
        assert_eq!(admin.speaks, Lang::En);
        let subject = |lang: Lang| lang.mail_invitation_subject("Contoso");
        let last = || subjects.0.lock().unwrap().last().cloned().unwrap();

        s.invite(&admin, "wang@contoso.com", "王小明", Roles::USER)
            .unwrap();
        assert_eq!(last(), subject(Lang::En), "no saved language: the admin's");

        // Saved as the profile saves it (an invited person cannot sign in
        // to save one before their first own password: R13).
        let wang = s
            .store
            .read()
            .unwrap()
            .account_by_email(&"wang@contoso.com".parse().unwrap())
            .unwrap()
            .unwrap()
            .id;
        let w = s.begin().unwrap();
        w.put_preference(
            wang,
            Some(&PreferenceRecord {
                lang: Lang::ZhCn.tag().to_string(),
                saved_at: w.now(),
            }),
        )
        .unwrap();
        w.commit().unwrap();

        s.resend_invitation(&admin, "wang@contoso.com", None)
            .unwrap();
        assert_eq!(last(), subject(Lang::ZhCn));
        assert_ne!(subject(Lang::ZhCn), subject(Lang::En));
    }
}
