//! SSH public keys per person (issue 6): the operator registers, lists and
//! removes them (`certlink key …`, audited with actor *operator*); the SSH
//! front end signs a person in with one. Only public keys are ever stored.

use chrono::{DateTime, Utc};
use russh::keys::{HashAlg, PublicKey};
use serde::Serialize;

use crate::store::records::{AccountRecord, AuditActor, Outcome, SshKeyRecord};
use crate::store::{AuditEntry, Queries};
use certlink_domain::decide::decide_sign_in;
use certlink_domain::throttle;
use certlink_domain::{Credential, CredentialCheck, Email, Refusal};

use super::{
    AlreadyExists, InvalidInput, KeyText, NotFound, Service, ServiceError, Session, SignInSource,
    Unavailable, audit_actor,
};

/// A registered key as the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SshKeyView {
    /// "SHA256:…", as `ssh-keygen -l` shows it.
    pub fingerprint: String,
    /// e.g. "ssh-ed25519".
    pub algorithm: String,
    pub comment: String,
    pub added_at: DateTime<Utc>,
}

/// Parses one OpenSSH public key line. The error never repeats the input: a
/// private key pasted by mistake must not end up in an error message or log.
pub fn parse_public_key(text: &str) -> Result<PublicKey, ServiceError> {
    certlink_domain::limits::check_bytes(
        "the public key",
        text.trim(),
        certlink_domain::limits::SSH_KEY_BYTES,
    )
    .map_err(InvalidInput::OutOfLimits)?;
    if text.contains("PRIVATE KEY") {
        return Err(KeyText::Private.into());
    }
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let (Some(line), None) = (lines.next(), lines.next()) else {
        return Err(KeyText::NotOneLine.into());
    };
    PublicKey::from_openssh(line).map_err(|e| KeyText::NotOpenSsh(e.to_string()).into())
}

pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

fn view(fingerprint: String, record: &SshKeyRecord) -> SshKeyView {
    let (algorithm, comment) = match PublicKey::from_openssh(&record.openssh) {
        Ok(k) => (
            k.algorithm().as_str().to_string(),
            k.comment().as_str_lossy().to_string(),
        ),
        Err(_) => ("unreadable".into(), String::new()),
    };
    SshKeyView {
        fingerprint,
        algorithm,
        comment,
        added_at: record.added_at,
    }
}

fn operator_entry(action: &'static str, account: &AccountRecord) -> AuditEntry {
    let mut entry = AuditEntry::new(AuditActor::Operator, action);
    entry.account = Some(account.id);
    entry.org = account.org();
    entry
}

impl Service {
    /// The live account with this email, or why there is none.
    fn live_account(&self, email: &str) -> Result<AccountRecord, ServiceError> {
        let email: Email = email.parse()?;
        self.store
            .read()?
            .account_by_email(&email)?
            .ok_or_else(|| NotFound::AccountWithEmail(email).into())
    }

    /// `certlink key add`: registers a public key (one OpenSSH line) for a live
    /// account. A key belongs to at most one account.
    pub fn add_key(&self, email: &str, public_key: &str) -> Result<SshKeyView, ServiceError> {
        let key = parse_public_key(public_key)?;
        let fp = fingerprint(&key);
        let openssh = key
            .to_openssh()
            .map_err(|e| Unavailable::KeyEncoding(e.to_string()))?;
        let email: Email = email.parse()?;
        let w = self.begin()?;
        let account = w
            .account_by_email(&email)?
            .ok_or_else(|| NotFound::AccountWithEmail(email.clone()))?;
        if let Some(owner) = w.ssh_key_owner(&fp)? {
            return Err(if owner == account.id {
                AlreadyExists::KeyOfThisAccount {
                    fingerprint: fp,
                    email,
                }
            } else {
                AlreadyExists::KeyOfAnotherAccount { fingerprint: fp }
            }
            .into());
        }
        let record = SshKeyRecord {
            openssh,
            added_at: w.now(),
        };
        w.put_ssh_key(account.id, &fp, &record)?;
        let mut entry = operator_entry("ssh-key-add", &account);
        entry.detail = format!("{fp} ({}) for {email}", key.algorithm().as_str());
        w.audit(entry)?;
        w.commit()?;
        Ok(view(fp, &record))
    }

    /// `certlink key list`: the keys of a live account, by fingerprint.
    pub fn keys_of(&self, email: &str) -> Result<Vec<SshKeyView>, ServiceError> {
        let account = self.live_account(email)?;
        let keys = self.store.read()?.ssh_keys_of(account.id)?;
        Ok(keys.into_iter().map(|(fp, r)| view(fp, &r)).collect())
    }

    /// `certlink key remove`: the key stops signing in at once.
    pub fn remove_key(&self, email: &str, fingerprint: &str) -> Result<(), ServiceError> {
        let email: Email = email.parse()?;
        let w = self.begin()?;
        let account = w
            .account_by_email(&email)?
            .ok_or_else(|| NotFound::AccountWithEmail(email.clone()))?;
        if !w.remove_ssh_key(account.id, fingerprint)? {
            return Err(NotFound::Key {
                email,
                fingerprint: fingerprint.to_string(),
            }
            .into());
        }
        let mut entry = operator_entry("ssh-key-remove", &account);
        entry.detail = format!("{fingerprint} of {email}");
        w.audit(entry)?;
        w.commit()?;
        Ok(())
    }

    /// Whether `fingerprint` may sign in as `email`: registered for that live
    /// account. Read-only and not audited: the SSH client has only offered the
    /// key, not yet proved it holds the private half.
    pub fn key_accepted_for(&self, email: &str, fingerprint: &str) -> Result<bool, ServiceError> {
        let Ok(email) = email.parse::<Email>() else {
            return Ok(false);
        };
        let r = self.store.read()?;
        let Some(owner) = r.ssh_key_owner(fingerprint)? else {
            return Ok(false);
        };
        Ok(r.account(owner)?.is_some_and(|a| {
            a.email == email && decide_sign_in(Some(&a.facts()), CredentialCheck::Verified).is_ok()
        }))
    }

    /// An SSH client offers a key to sign in as `email` (R1, R16): true when it
    /// is registered for that live account (worth asking for a signature).
    /// Anyone can offer keys without signing in, so a refused offer is not one
    /// audit record each: it counts in one throttle row per account (one for
    /// every unknown email together), updated in place, and only the first
    /// refusal of each [`throttle::SAMPLED_AUDIT_EVERY`] is audited, with
    /// the number refused since the last audited one (docs/ssh.md).
    pub fn key_offered(
        &self,
        email: &str,
        fingerprint: &str,
        source: &SignInSource,
    ) -> Result<bool, ServiceError> {
        if self.key_accepted_for(email, fingerprint)? {
            return Ok(true);
        }
        let email = email.parse::<Email>().ok();
        let w = self.begin()?;
        let account = match &email {
            Some(e) => w.account_by_email(e)?,
            None => None,
        };
        let key = match &account {
            Some(a) => format!("ssh-key-offer|{}", a.id.0),
            None => "ssh-key-offer|unknown".to_string(),
        };
        let (row, audit) = throttle::sampled_refusal(&w.failure_count(&key)?, w.now());
        w.put_failure_count(&key, &row)?;
        if let Some(unaudited) = audit {
            let refusal = Refusal::WrongCredentials {
                credential: Credential::WorkAccount,
            };
            let mut entry = AuditEntry::new(
                match &account {
                    Some(a) => audit_actor(a),
                    None => AuditActor::Unknown {
                        email: email.map(|e| e.to_string()).unwrap_or_default(),
                    },
                },
                "sign-in",
            );
            entry.account = account.as_ref().map(|a| a.id);
            entry.org = account.as_ref().and_then(|a| a.org());
            entry.outcome = Outcome::Refused {
                code: refusal.code().into(),
                rule: refusal.rule().into(),
            };
            entry.detail = format!(
                "public key {fingerprint} offered {}, not registered{}",
                source.audit_text(),
                match unaudited {
                    0 => String::new(),
                    n => format!("; {n} more such offers refused since the last one recorded"),
                }
            );
            w.audit(entry)?;
        }
        w.commit()?;
        Ok(false)
    }

    /// Signs in with a public key whose possession the SSH layer has verified:
    /// the same session as a password sign-in (R1), and the outcome audited as
    /// "sign-in". The key must be registered for the account named `email`;
    /// a deleted account's keys no longer sign in. No throttling: a key cannot
    /// be guessed as a password can.
    pub fn session_for_key(
        &self,
        email: &str,
        fingerprint: &str,
        source: &SignInSource,
    ) -> Result<Session, ServiceError> {
        let email: Email = email.parse()?;
        let w = self.begin()?;
        let owner = match w.ssh_key_owner(fingerprint)? {
            Some(id) => w.account(id)?,
            None => None,
        };
        // The key's account, if it is the one named; else the live account of
        // the email (for the audit), if any.
        let (account, named) = match owner {
            Some(a) if a.email == email => (Some(a), true),
            _ => (w.account_by_email(&email)?, false),
        };
        let decision = if named {
            decide_sign_in(
                account.as_ref().map(|a| a.facts()).as_ref(),
                CredentialCheck::Verified,
            )
        } else {
            Err(Refusal::WrongCredentials {
                credential: Credential::WorkAccount,
            })
        };
        let mut entry = AuditEntry::new(
            match &account {
                Some(a) => audit_actor(a),
                None => AuditActor::Unknown {
                    email: email.to_string(),
                },
            },
            "sign-in",
        );
        entry.account = account.as_ref().map(|a| a.id);
        entry.org = account.as_ref().and_then(|a| a.org());
        entry.detail = format!("public key {fingerprint} {}", source.audit_text());
        match (decision, account) {
            (Ok(_), Some(account)) => {
                w.audit(entry)?;
                w.commit()?;
                self.session_of(&account)
            }
            (decision, _) => {
                let refusal = decision.err().unwrap_or(Refusal::WrongCredentials {
                    credential: Credential::WorkAccount,
                });
                entry.outcome = Outcome::Refused {
                    code: refusal.code().into(),
                    rule: refusal.rule().into(),
                };
                w.audit(entry)?;
                w.commit()?;
                Err(ServiceError::Refused(refusal))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::NewAccount;
    use crate::store::records::AccountKind;
    use crate::store::{DbKind, Store};
    use certlink_domain::{AccountStatus, MpnId, Roles, Settings};
    use russh::keys::PrivateKey;
    use russh::keys::ssh_key::private::Ed25519Keypair;

    const PASSWORD: &str = "correct horse battery staple";

    fn key(seed: u8) -> String {
        let mut k = PrivateKey::from(Ed25519Keypair::from_seed(&[seed; 32]));
        k.set_comment(format!("person{seed}@laptop"));
        k.public_key().to_openssh().unwrap()
    }

    /// An organization with a Global Admin and a member.
    fn service() -> Service {
        let store = Store::in_memory(DbKind::Sandbox, &Settings::sandbox()).unwrap();
        let s = Service::with_store(store, crate::service::Environment::default()).unwrap();
        s.add_org_with_domains("1234567", "Contoso", &["contoso.com".into()])
            .unwrap();
        for (email, roles) in [
            ("admin@contoso.com", Roles::GLOBAL_ADMIN),
            ("ada@contoso.com", Roles::default()),
        ] {
            s.create_account(NewAccount {
                kind: AccountKind::Member {
                    org: "1234567".parse::<MpnId>().unwrap(),
                },
                email,
                name: "Someone",
                roles,
                password: PASSWORD,
                status: AccountStatus::Active,
            })
            .unwrap();
        }
        s
    }

    fn last_audit(s: &Service) -> crate::store::records::AuditRecord {
        s.store
            .read()
            .unwrap()
            .audit_all(None, 1)
            .unwrap()
            .remove(0)
    }

    #[test]
    fn add_list_remove_each_audited_by_the_operator() {
        let s = service();
        let added = s
            .add_key("ada@contoso.com", &format!("{}\n", key(1)))
            .unwrap();
        assert!(added.fingerprint.starts_with("SHA256:"));
        assert_eq!(added.algorithm, "ssh-ed25519");
        assert_eq!(added.comment, "person1@laptop");
        let audit = last_audit(&s);
        assert_eq!(audit.action, "ssh-key-add");
        assert_eq!(audit.actor, AuditActor::Operator);

        assert_eq!(s.keys_of("ada@contoso.com").unwrap(), vec![added.clone()]);
        assert!(s.keys_of("admin@contoso.com").unwrap().is_empty());
        // One key, one person.
        assert!(matches!(
            s.add_key("admin@contoso.com", &key(1)),
            Err(ServiceError::Invalid(_))
        ));
        assert!(matches!(
            s.add_key("nobody@contoso.com", &key(2)),
            Err(ServiceError::Invalid(_))
        ));

        let source = SignInSource::Remote("127.0.0.1".into());
        let session = s
            .session_for_key("ada@contoso.com", &added.fingerprint, &source)
            .unwrap();
        assert_eq!(session.email.as_str(), "ada@contoso.com");
        let audit = last_audit(&s);
        assert_eq!(audit.action, "sign-in");
        assert!(audit.detail.starts_with("public key SHA256:"));
        assert!(
            s.key_accepted_for("ada@contoso.com", &added.fingerprint)
                .unwrap()
        );
        // The key is Ada's: it does not sign in as someone else.
        assert!(
            !s.key_accepted_for("admin@contoso.com", &added.fingerprint)
                .unwrap()
        );
        assert!(matches!(
            s.session_for_key("admin@contoso.com", &added.fingerprint, &source),
            Err(ServiceError::Refused(_))
        ));
        assert!(matches!(last_audit(&s).outcome, Outcome::Refused { .. }));

        s.remove_key("ada@contoso.com", &added.fingerprint).unwrap();
        assert_eq!(last_audit(&s).action, "ssh-key-remove");
        assert!(s.keys_of("ada@contoso.com").unwrap().is_empty());
        assert!(matches!(
            s.session_for_key("ada@contoso.com", &added.fingerprint, &source),
            Err(ServiceError::Refused(_))
        ));
        assert!(matches!(
            s.remove_key("ada@contoso.com", &added.fingerprint),
            Err(ServiceError::Invalid(_))
        ));
    }

    #[test]
    fn malformed_and_private_keys_are_refused_without_echoing_them() {
        let s = service();
        let private = PrivateKey::from(Ed25519Keypair::from_seed(&[7; 32]))
            .to_openssh(russh::keys::ssh_key::LineEnding::LF)
            .unwrap();
        for text in [
            "",
            "not a key",
            "ssh-ed25519 AAAAnot-base64 x",
            private.as_str(),
            &format!("{}\n{}", key(1), key(2)),
        ] {
            match s.add_key("ada@contoso.com", text) {
                Err(ServiceError::Invalid(invalid)) => {
                    let message = invalid.to_string();
                    // No part of the input (a private key's body) in the message.
                    let body = text.lines().nth(1).unwrap_or("\u{0}");
                    assert!(!message.contains(body), "{message}");
                }
                other => panic!("{text:?} gave {other:?}"),
            }
        }
        assert!(s.keys_of("ada@contoso.com").unwrap().is_empty());
    }

    #[test]
    fn a_deleted_accounts_keys_stop_working() {
        let s = service();
        let added = s.add_key("ada@contoso.com", &key(3)).unwrap();
        let admin = s
            .sign_in("admin@contoso.com", PASSWORD, &SignInSource::Local)
            .unwrap();
        s.delete_account(&admin, "ada@contoso.com").unwrap();
        let source = SignInSource::Remote("127.0.0.1".into());
        assert!(
            !s.key_accepted_for("ada@contoso.com", &added.fingerprint)
                .unwrap()
        );
        match s.session_for_key("ada@contoso.com", &added.fingerprint, &source) {
            Err(ServiceError::Refused(Refusal::AccountDeleted)) => {}
            other => panic!("{other:?}"),
        }
        let audit = last_audit(&s);
        assert_eq!(audit.action, "sign-in");
        assert!(matches!(audit.outcome, Outcome::Refused { .. }));
    }
}
