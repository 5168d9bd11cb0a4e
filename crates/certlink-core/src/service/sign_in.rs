//! R1 sign-in with throttling per account and source, R13 password changes, and
//! the credential checks shared with R2/R4 (profile and PU passwords).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use crate::store::records::{AccountKind, AuditActor, Outcome};
use crate::store::{AuditEntry, Queries, Writer};
use certlink_domain::decide::decide_sign_in;
use certlink_domain::limits;
use certlink_domain::throttle::{self, FailureCount, Gate};
use certlink_domain::{
    AccountId, AccountStatus, Actor, CredentialCheck, Email, MpnId, Refusal, Roles, Settings,
};

use super::{Inconsistency, InvalidInput, Service, ServiceError, audit_actor, password};

/// Where an attempt comes from, for per-source throttling (R1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A local process (CLI or TUI on this machine).
    Local,
    /// A remote peer, e.g. an SSH client's address.
    Remote(String),
}

impl Source {
    fn key(&self) -> String {
        match self {
            Source::Local => "local".into(),
            Source::Remote(peer) => format!("remote:{peer}"),
        }
    }

    /// Where an attempt came from, as the audit trail says it.
    pub(super) fn audit_text(&self) -> String {
        match self {
            Source::Local => "from this machine".into(),
            Source::Remote(peer) => format!("from {peer}"),
        }
    }
}

/// A signed-in person. Holds no secret; every command re-reads the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub account: AccountId,
    pub email: Email,
    pub name: String,
    pub org: Option<MpnId>,
    pub org_name: Option<String>,
    pub roles: Roles,
    pub is_support: bool,
    /// R13: a temporary password must be replaced before anything else.
    pub must_change_password: bool,
    /// The language the person saved on their profile, if any: it decides
    /// their screens, command output and mail over the front end's guess
    /// (`certlink_i18n::Lang::choose`).
    pub lang: Option<certlink_i18n::Lang>,
    /// The language the front end serving this session speaks to the person
    /// (its choice among `--lang`, the saved preference and the locale):
    /// the language of mail the person's actions send to someone who has
    /// saved none (an invitation).
    pub speaks: certlink_i18n::Lang,
}

impl Session {
    /// Who signed in, as `domain::permissions` sees them, for front ends that
    /// show only what this person may open (the terminal app's tabs). Roles
    /// are the ones held at sign-in: every service call decides again on the
    /// stored account.
    pub fn actor(&self) -> Actor {
        Actor::of_account(self.account, self.org, self.roles)
    }
}

/// The throttle records of one credential seen from one source (R1).
pub(super) struct ThrottleKeys {
    /// Failures from any source (the distributed-guessing lock).
    credential: String,
    /// Failures from this source (delay and the per-source lock).
    pair: String,
    /// This source proved the password lately (exempt from the credential lock).
    known: String,
    /// Failures from this source on every credential of the kind (spraying).
    spray: String,
    /// Attempts from this source refused before the check, counted between
    /// their sampled audit records (R16).
    gated: String,
}

/// Throttle keys of one credential from one source. All start with
/// `{kind}|{subject}|` or equal `{kind}|{subject}`, so an operator unlock that
/// clears the prefix clears them all.
pub(super) fn throttle_keys(kind: &str, subject: &str, source: &str) -> ThrottleKeys {
    ThrottleKeys {
        credential: format!("{kind}|{subject}"),
        pair: format!("{kind}|{subject}|{source}"),
        known: format!("{kind}|{subject}|{source}|known"),
        gated: format!("{kind}|{subject}|{source}|gated"),
        // Not "{kind}|…": no credential's keys (or unlock prefix) can meet it.
        spray: format!("{kind} spray|{source}"),
    }
}

/// A hash to verify against when the email names no account, so a wrong email
/// costs as much time as a wrong password.
fn decoy_hash(settings: &Settings) -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| password::hash("certlink-decoy-password", settings).unwrap_or_default())
}

/// Password attempts let through by the gate and not settled yet (R1), per
/// throttle key: the gate counts them as failures, so that however many
/// attempts arrive at once, no more reach the hash than the gate lets through
/// one by one. In memory: one process holds the database (redb's lock), and
/// every attempt in it goes through its one service.
#[derive(Default)]
pub(super) struct InFlight(Arc<Mutex<HashMap<String, u32>>>);

impl InFlight {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, u32>> {
        // A panic elsewhere while holding it leaves the counts usable.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// One password attempt (R1): its check, and while it lives, its place among
/// the attempts in flight. Dropped once the command that judged it committed
/// (or failed), when its failure, if any, is in the stored counts.
pub(super) struct Attempt {
    pub(super) check: CredentialCheck,
    _flight: Option<Flight>,
}

struct Flight {
    table: Arc<Mutex<HashMap<String, u32>>>,
    keys: [String; 3],
}

impl Drop for Flight {
    fn drop(&mut self) {
        let mut table = self.table.lock().unwrap_or_else(PoisonError::into_inner);
        for key in &self.keys {
            if let Some(n) = table.get_mut(key) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    table.remove(key);
                }
            }
        }
    }
}

impl Service {
    /// Gates a password attempt and verifies it outside any write transaction
    /// (hashing is slow and must not hold the writer), returning the check for
    /// the decision. The gate counts the attempts still being checked as
    /// failures, and this one joins them in the same step (R1), until the
    /// command that records its outcome drops the returned attempt.
    pub(super) fn check_password(
        &self,
        keys: &ThrottleKeys,
        password: &str,
        phc: Option<&str>,
    ) -> Result<Attempt, ServiceError> {
        let (settings, flight) = {
            let mut in_flight = self.attempts.lock();
            let r = self.store.read()?;
            let settings = r.settings()?;
            let now = self.now_after(r.last_event_at()?);
            let known = throttle::is_known_source(&r.failure_count(&keys.known)?, now);
            let pending = |key: &String| in_flight.get(key).copied().unwrap_or(0);
            let (credential, pair, spray) = throttle::with_pending(
                &r.failure_count(&keys.credential)?,
                &r.failure_count(&keys.pair)?,
                &r.failure_count(&keys.spray)?,
                (
                    pending(&keys.credential),
                    pending(&keys.pair),
                    pending(&keys.spray),
                ),
                &settings,
                now,
            );
            drop(r);
            let gate = match throttle::gate(&credential, &pair, known, &settings, now) {
                Gate::Open => throttle::spray_gate(&spray, known, &settings, now),
                gated => gated,
            };
            if gate != Gate::Open {
                return Ok(Attempt {
                    check: CredentialCheck::Gated(gate),
                    _flight: None,
                });
            }
            let keys = [
                keys.credential.clone(),
                keys.pair.clone(),
                keys.spray.clone(),
            ];
            for key in &keys {
                *in_flight.entry(key.clone()).or_default() += 1;
            }
            let flight = Flight {
                table: Arc::clone(&self.attempts.0),
                keys,
            };
            (settings, flight)
        };
        // Longer than any password that can be set: wrong without hashing it (it
        // still counts as a failure), at the cost of one decoy check like an
        // unknown email, so the answer's timing tells nothing.
        let too_long = password.chars().count() > limits::PASSWORD;
        let ok = match phc {
            Some(phc) if !too_long => password::verify(password, phc),
            _ => {
                password::verify(if too_long { "" } else { password }, decoy_hash(&settings));
                false
            }
        };
        Ok(Attempt {
            check: if ok {
                CredentialCheck::Verified
            } else {
                CredentialCheck::Wrong
            },
            _flight: Some(flight),
        })
    }

    /// Records the outcome of a password check in the throttle counts (same
    /// transaction as the command's audit record).
    pub(super) fn record_check(
        &self,
        w: &Writer,
        keys: &ThrottleKeys,
        check: CredentialCheck,
    ) -> Result<(), ServiceError> {
        match check {
            CredentialCheck::Verified => {
                // The credential-wide count is kept: other sources may still be
                // guessing. This source is cleared and remembered as known.
                // Only what changed is written: a steady user's commands then
                // leave the throttle table alone (one B-tree leaf fewer to sync).
                if w.failure_count(&keys.pair)? != FailureCount::default() {
                    w.put_failure_count(&keys.pair, &FailureCount::default())?;
                }
                if let Some(mark) =
                    throttle::refreshed_known_source(&w.failure_count(&keys.known)?, w.now())
                {
                    w.put_failure_count(&keys.known, &mark)?;
                }
            }
            CredentialCheck::Wrong => {
                let settings = w.settings()?;
                let (cred, pair) = throttle::record_failure(
                    &w.failure_count(&keys.credential)?,
                    &w.failure_count(&keys.pair)?,
                    &settings,
                    w.now(),
                );
                w.put_failure_count(&keys.credential, &cred)?;
                w.put_failure_count(&keys.pair, &pair)?;
                let spray = throttle::record_spray_failure(
                    &w.failure_count(&keys.spray)?,
                    &settings,
                    w.now(),
                );
                w.put_failure_count(&keys.spray, &spray)?;
            }
            CredentialCheck::Gated(_) => {}
        }
        Ok(())
    }

    /// The session of a signed-in account: the same for every way of signing in
    /// (password or SSH key).
    pub(super) fn session_of(
        &self,
        account: &crate::store::records::AccountRecord,
    ) -> Result<Session, ServiceError> {
        let r = self.store.read()?;
        let org_name = match account.org() {
            Some(org) => r.org(org)?.map(|o| o.name),
            None => None,
        };
        // Issue 16: the language the person saved on their profile.
        let lang = r.preference(account.id)?.and_then(|p| p.language());
        Ok(Session {
            account: account.id,
            email: account.email.clone(),
            name: account.name.clone(),
            org: account.org(),
            org_name,
            roles: account.roles,
            is_support: matches!(account.kind, AccountKind::Support),
            must_change_password: account.must_change_password,
            lang,
            speaks: certlink_i18n::Lang::En,
        })
    }

    /// R1: signs a person in. Unknown emails and wrong passwords get the same
    /// answer. A deleted account (the newest one of that email, when no live
    /// account holds it) is found so that its right password can be told
    /// "deleted, ask your Global Admin" (rules.md); a wrong one is just wrong.
    pub fn sign_in(
        &self,
        email: &str,
        password: &str,
        source: &Source,
    ) -> Result<Session, ServiceError> {
        let email: Email = email.parse()?;
        let account = self.store.read()?.account_by_email_any(&email)?;
        let keys = throttle_keys("signin", email.as_str(), &source.key());
        let attempt = self.check_password(
            &keys,
            password,
            account.as_ref().map(|a| a.password_hash.as_str()),
        )?;

        let w = self.begin()?;
        // Re-read inside the transaction: the account may have changed meanwhile.
        let account = w.account_by_email_any(&email)?;
        self.record_check(&w, &keys, attempt.check)?;
        let decision = decide_sign_in(account.as_ref().map(|a| a.facts()).as_ref(), attempt.check);
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
        entry.detail = source.audit_text();
        match decision {
            Ok(_) => {
                let account = account.ok_or(Inconsistency::AccountVanished)?;
                w.audit(entry)?;
                w.commit()?;
                self.session_of(&account)
            }
            Err(refusal) => {
                entry.outcome = Outcome::Refused {
                    code: refusal.code().into(),
                    rule: refusal.rule().into(),
                };
                // Refused before the check: anyone can repeat that without
                // end, so it is audited once a period with a count (R16).
                if matches!(attempt.check, CredentialCheck::Gated(_)) {
                    let (row, sample) =
                        throttle::sampled_refusal(&w.failure_count(&keys.gated)?, w.now());
                    w.put_failure_count(&keys.gated, &row)?;
                    match sample {
                        None => {
                            w.mark_event()?;
                            w.commit()?;
                            return Err(ServiceError::Refused(refusal));
                        }
                        Some(0) => {}
                        Some(n) => entry.detail.push_str(&format!(
                            "; {n} more attempts from there refused before the password check since the last one recorded"
                        )),
                    }
                }
                w.audit(entry)?;
                w.commit()?;
                Err(ServiceError::Refused(refusal))
            }
        }
    }

    /// R13: replaces the password (required after a temporary one). The current
    /// password is checked with the same throttling as sign-in.
    pub fn change_password(
        &self,
        session: &Session,
        current: &str,
        new: &str,
    ) -> Result<Session, ServiceError> {
        password::check_new(new)?;
        if current == new {
            return Err(InvalidInput::PasswordUnchanged.into());
        }
        let account = self.store.read()?.account(session.account)?;
        let keys = throttle_keys("signin", session.email.as_str(), "password-change");
        let attempt = self.check_password(
            &keys,
            current,
            account.as_ref().map(|a| a.password_hash.as_str()),
        )?;
        let settings = self.settings()?;
        let new_hash = password::hash(new, &settings)?;

        let w = self.begin()?;
        let Some(mut account) = w.account(session.account)? else {
            return Err(ServiceError::Refused(Refusal::AccountDeleted));
        };
        self.record_check(&w, &keys, attempt.check)?;
        let mut entry = AuditEntry::new(audit_actor(&account), "password-change");
        entry.account = Some(account.id);
        entry.org = account.org();
        let decision = decide_sign_in(Some(&account.facts()), attempt.check);
        match decision {
            Ok(_) => {
                account.password_hash = new_hash;
                account.must_change_password = false;
                if account.status == AccountStatus::Invited {
                    // R13: the invitation is accepted with the first own password.
                    account.status = AccountStatus::Active;
                    entry.detail = "invitation accepted".into();
                }
                w.put_account(&account)?;
                w.audit(entry)?;
                w.commit()?;
                let mut s = session.clone();
                s.must_change_password = false;
                Ok(s)
            }
            Err(refusal) => {
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
