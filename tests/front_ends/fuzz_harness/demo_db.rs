//! One demo sandbox (`certlink_core::demo::build`) built once per process, and a
//! fresh copy of it for every fuzz input, so inputs cannot affect each other
//! and a crash replays from its input alone. Sign-ins are made once on the
//! template: a `Session` holds no secret and every command re-reads the
//! account, so it stays valid on every copy.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use certlink_core::demo;
use certlink_core::service::Session;
use certlink_core::service::{Environment, ManualClock, Service, SignInSource};
use chrono::{DateTime, TimeZone, Utc};
use tempfile::TempDir;

/// The demo's fixed clock, as in the other tests.
pub fn now() -> DateTime<Utc> {
    // A literal, valid date: cannot fail.
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

/// Who a TUI run starts as: one of each role in the demo data.
pub const SIGN_INS: &[(&str, &str)] = &[
    ("ada@contoso.com", demo::ACCOUNT_PASSWORD), // Global Admin
    ("grace@contoso.com", demo::ACCOUNT_PASSWORD), // Partner Admin
    ("alan@contoso.com", demo::ACCOUNT_PASSWORD), // member
    ("claude@northwind.com", demo::ACCOUNT_PASSWORD), // Global + Partner Admin
    ("sam@support.example.com", demo::SUPPORT_PASSWORD), // support engineer
    ("donald@contoso.com", demo::INVITED_PASSWORD), // invited: must change password (R13)
];

pub struct Template {
    _dir: TempDir,
    path: PathBuf,
    pub sign_ins: demo::DemoSignIns,
    pub sessions: Vec<Session>,
}

/// A scratch folder in memory when the machine has one (commits fsync).
pub fn scratch() -> TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().expect("a temporary folder")
}

pub fn template() -> &'static Template {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = scratch();
        let path = dir.path().join("demo.redb");
        let (service, sign_ins) = demo::build(&path, now()).expect("demo database");
        let service = service.with_clock(Arc::new(ManualClock::new(now())));
        let sessions = SIGN_INS
            .iter()
            .map(|(email, password)| {
                service
                    .sign_in(email, password, &SignInSource::Local)
                    .unwrap_or_else(|e| panic!("{email} signs in: {e}"))
            })
            .collect();
        drop(service);
        Template {
            _dir: dir,
            path,
            sign_ins,
            sessions,
        }
    })
}

/// A private copy of the demo database; deleted with the returned folder.
pub struct Copy {
    pub dir: TempDir,
    pub path: PathBuf,
}

impl Copy {
    pub fn new() -> Copy {
        let template = template();
        let dir = scratch();
        let path = dir.path().join("copy.redb");
        std::fs::copy(&template.path, &path).expect("copy the demo database");
        Copy { dir, path }
    }

    /// The service on this copy, on the demo's fixed clock.
    pub fn service(&self) -> Service {
        Service::open(&self.path, Environment::default())
            .expect("open the copy")
            .with_clock(Arc::new(ManualClock::new(now())))
    }
}
