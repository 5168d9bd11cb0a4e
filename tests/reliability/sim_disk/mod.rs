//! A simulated disk for redb, used by tests/reliability/power_loss.rs and tests/reliability/io_faults.rs.
//!
//! It keeps what a real disk would have made durable apart from what is still
//! only in the operating system's page cache: every `write` and `set_len` is
//! *pending* until the next `sync_data`. A SIGKILL cannot show the difference
//! (the page cache survives the process), a power cut can: [`Disk::power_cut_image`]
//! gives the bytes the disk would hold if the power failed at this instant
//! (pending operations all dropped, a prefix of them kept, a random subset kept,
//! or one of them torn part way through a page).
//!
//! The same disk injects faults: fail the Nth write, sync or resize (EIO or
//! ENOSPC), once or from then on, and a capacity beyond which it answers ENOSPC.
//! It uses only redb's public `StorageBackend` trait.

#![allow(dead_code)] // each test file uses its own part of this module

pub mod world;

use std::io;
use std::sync::{Arc, Mutex, MutexGuard};

use redb::StorageBackend;

/// A small deterministic random number generator (xorshift64*), so that every
/// failure can be replayed from its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn chance(&mut self, one_in: u64) -> bool {
        self.below(one_in) == 0
    }
}

/// One operation not yet made durable by a sync.
#[derive(Debug, Clone)]
enum Pending {
    Write { offset: u64, data: Vec<u8> },
    SetLen(u64),
}

/// What survives a power cut of the pending operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// Nothing that was not synced.
    DropAll,
    /// The first k pending operations, in order (the disk wrote them in order).
    KeepPrefix,
    /// Any subset (the disk reordered its writes).
    KeepSubset,
    /// A subset, and one write torn: only its first sectors reached the disk.
    Tear,
}

impl Cut {
    pub const ALL: [Cut; 4] = [Cut::DropAll, Cut::KeepPrefix, Cut::KeepSubset, Cut::Tear];
}

/// Which backend call to fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Write,
    Sync,
    SetLen,
}

/// How a failing call fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// EIO: the disk failed.
    Io,
    /// ENOSPC: the disk is full.
    NoSpace,
}

impl Failure {
    fn error(self) -> io::Error {
        match self {
            Failure::Io => io::Error::from_raw_os_error(5),
            Failure::NoSpace => io::Error::from_raw_os_error(28),
        }
    }
}

/// A planned fault: the `nth` call (counted from when it was armed) of `op`
/// fails, and with `sticky` every later call of any kind that changes the disk too.
#[derive(Debug, Clone, Copy)]
pub struct Fault {
    pub op: Op,
    pub nth: u64,
    pub failure: Failure,
    pub sticky: bool,
}

/// How many calls of each kind the backends made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Calls {
    pub writes: u64,
    pub syncs: u64,
    pub set_lens: u64,
}

impl Calls {
    pub fn of(&self, op: Op) -> u64 {
        match op {
            Op::Write => self.writes,
            Op::Sync => self.syncs,
            Op::SetLen => self.set_lens,
        }
    }
}

#[derive(Debug, Default)]
struct State {
    /// What the platters hold.
    durable: Vec<u8>,
    /// What reads see: `durable` with every pending operation applied.
    cached: Vec<u8>,
    pending: Vec<Pending>,
    calls: Calls,
    /// The calls counted when the fault was armed.
    armed_at: Calls,
    fault: Option<Fault>,
    /// A sticky fault has fired: every later change fails.
    broken: Option<Failure>,
    /// Beyond this length the disk answers ENOSPC.
    capacity: Option<u64>,
    faults_fired: u64,
    /// Bumped by a power cut: backends of an earlier "boot" are dead.
    boot: u64,
    /// Takes power-cut images at random calls while the workload runs on.
    tap: Option<Tap>,
    /// A broken disk (or a backend without fsync): `sync_data` says yes and saves nothing.
    ignore_syncs: bool,
    /// Flushes wait until released ([`Disk::hold_syncs`]): a batch stays on
    /// the disk while the next commands queue behind it.
    hold_syncs: bool,
    syncs_waiting: usize,
    /// What the platters held after each flush, while recording.
    synced: Option<Vec<Vec<u8>>>,
}

/// Power-cut images taken at random moments, without stopping the disk.
#[derive(Debug)]
struct Tap {
    one_in: u64,
    rng: Rng,
    images: Vec<(Cut, Vec<u8>)>,
}

fn apply(image: &mut Vec<u8>, op: &Pending) {
    match op {
        Pending::Write { offset, data } => {
            let end = *offset as usize + data.len();
            if image.len() < end {
                image.resize(end, 0);
            }
            image[*offset as usize..end].copy_from_slice(data);
        }
        Pending::SetLen(len) => image.resize(*len as usize, 0),
    }
}

/// A disk shared by every backend opened on it (one per `Database` open).
#[derive(Debug, Default)]
pub struct Disk {
    state: Mutex<State>,
    syncs: std::sync::Condvar,
}

impl Disk {
    pub fn new() -> Arc<Disk> {
        Arc::new(Disk::default())
    }

    /// A disk holding `image`, all of it durable (e.g. the image after a power cut).
    pub fn with_image(image: Vec<u8>) -> Arc<Disk> {
        let disk = Disk::default();
        {
            let mut s = disk.lock();
            s.cached = image.clone();
            s.durable = image;
        }
        Arc::new(disk)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A new backend on this disk, as a process opening the file would get.
    pub fn backend(self: &Arc<Disk>) -> Box<dyn StorageBackend> {
        let boot = self.lock().boot;
        Box::new(SimBackend {
            disk: Arc::clone(self),
            boot,
        })
    }

    /// What `Store::create_with_backend` / `open_with_backend` take.
    pub fn opener(
        self: &Arc<Disk>,
    ) -> impl Fn() -> io::Result<Box<dyn StorageBackend>> + Send + Sync + 'static {
        let disk = Arc::clone(self);
        move || Ok(disk.backend())
    }

    pub fn calls(&self) -> Calls {
        self.lock().calls
    }

    pub fn pending_ops(&self) -> usize {
        self.lock().pending.len()
    }

    /// Arms `fault` (its `nth` counts from now) and clears a previous one.
    pub fn arm(&self, fault: Fault) {
        let mut s = self.lock();
        s.armed_at = s.calls;
        s.fault = Some(fault);
        s.broken = None;
    }

    /// Disarms every fault: the disk works again (a transient error has passed,
    /// or space was freed).
    pub fn heal(&self) {
        let mut s = self.lock();
        s.fault = None;
        s.broken = None;
        s.capacity = None;
    }

    /// From now on keeps what the platters hold after every flush.
    pub fn record_syncs(&self) {
        self.lock().synced = Some(Vec::new());
    }

    /// The images kept since the last call: every state a flush made durable.
    pub fn take_synced(&self) -> Vec<Vec<u8>> {
        self.lock()
            .synced
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// From now on every flush waits until [`Disk::release_syncs`].
    pub fn hold_syncs(&self) {
        self.lock().hold_syncs = true;
    }

    /// Lets the waiting flushes (and later ones) through.
    pub fn release_syncs(&self) {
        self.lock().hold_syncs = false;
        self.syncs.notify_all();
    }

    /// Waits until `n` flushes wait at the hold.
    pub fn wait_for_held_syncs(&self, n: usize) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let mut s = self.lock();
        while s.syncs_waiting < n {
            assert!(
                std::time::Instant::now() < deadline,
                "{n} flushes never arrived"
            );
            s = self
                .syncs
                .wait_timeout(s, std::time::Duration::from_millis(10))
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// Makes `sync_data` a no-op that reports success (a lying disk).
    pub fn ignore_syncs(&self) {
        self.lock().ignore_syncs = true;
    }

    /// How many injected faults fired since the disk was made.
    pub fn faults_fired(&self) -> u64 {
        self.lock().faults_fired
    }

    /// From now on, growing the storage beyond `bytes` fails with ENOSPC.
    pub fn set_capacity(&self, bytes: Option<u64>) {
        self.lock().capacity = bytes;
    }

    pub fn len(&self) -> u64 {
        self.lock().cached.len() as u64
    }

    /// The bytes the disk would hold if the power failed now, by `cut`.
    pub fn power_cut_image(&self, cut: Cut, rng: &mut Rng) -> Vec<u8> {
        image_of(&self.lock(), cut, rng)
    }

    /// What reads see now (the page cache): the database as a SIGKILL leaves it.
    pub fn cached_image(&self) -> Vec<u8> {
        self.lock().cached.clone()
    }

    /// From now on, before about one backend call in `one_in` that changes the
    /// disk, take the image a power cut at that instant would leave (random
    /// [`Cut`]); the disk goes on working. `None` stops.
    pub fn tap_power_cuts(&self, one_in: Option<u64>, seed: u64) {
        self.lock().tap = one_in.map(|one_in| Tap {
            one_in,
            rng: Rng::new(seed),
            images: Vec::new(),
        });
    }

    /// The images taken by the tap since the last call.
    pub fn take_power_cuts(&self) -> Vec<(Cut, Vec<u8>)> {
        match &mut self.lock().tap {
            Some(tap) => std::mem::take(&mut tap.images),
            None => Vec::new(),
        }
    }

    fn tap(s: &mut State) {
        let Some(mut tap) = s.tap.take() else {
            return;
        };
        if tap.rng.chance(tap.one_in) {
            let cut = Cut::ALL[tap.rng.below(4) as usize];
            let image = image_of(s, cut, &mut tap.rng);
            tap.images.push((cut, image));
        }
        s.tap = Some(tap);
    }
}

fn image_of(s: &State, cut: Cut, rng: &mut Rng) -> Vec<u8> {
    let mut image = s.durable.clone();
    let n = s.pending.len();
    match cut {
        Cut::DropAll => {}
        Cut::KeepPrefix => {
            let k = rng.below(n as u64 + 1) as usize;
            for op in &s.pending[..k] {
                apply(&mut image, op);
            }
        }
        Cut::KeepSubset | Cut::Tear => {
            let torn = (cut == Cut::Tear && n > 0).then(|| rng.below(n as u64) as usize);
            for (i, op) in s.pending.iter().enumerate() {
                if Some(i) == torn {
                    if let Pending::Write { offset, data } = op {
                        // Whole 512-byte sectors of it, at least one short of all.
                        let sectors = data.len().div_ceil(512) as u64;
                        let keep = (rng.below(sectors) * 512) as usize;
                        apply(
                            &mut image,
                            &Pending::Write {
                                offset: *offset,
                                data: data[..keep.min(data.len())].to_vec(),
                            },
                        );
                    }
                } else if rng.chance(2) {
                    apply(&mut image, op);
                }
            }
        }
    }
    image
}

impl Disk {
    /// Cuts the power: pending operations are lost (`cut` says which survive),
    /// and the backends opened before are dead (their process is gone).
    pub fn power_cut(&self, cut: Cut, rng: &mut Rng) {
        let image = self.power_cut_image(cut, rng);
        let mut s = self.lock();
        s.durable = image.clone();
        s.cached = image;
        s.pending.clear();
        s.boot += 1;
        s.fault = None;
        s.broken = None;
    }

    /// Decides whether this call fails; counts it.
    fn check(&self, s: &mut State, op: Op, growing_to: Option<u64>) -> io::Result<()> {
        match op {
            Op::Write => s.calls.writes += 1,
            Op::Sync => s.calls.syncs += 1,
            Op::SetLen => s.calls.set_lens += 1,
        }
        Disk::tap(s);
        if let Some(failure) = s.broken {
            s.faults_fired += 1;
            return Err(failure.error());
        }
        if let Some(fault) = s.fault
            && fault.op == op
            && s.calls.of(op) - s.armed_at.of(op) == fault.nth + 1
        {
            s.faults_fired += 1;
            if fault.sticky {
                s.broken = Some(fault.failure);
            } else {
                s.fault = None;
            }
            return Err(fault.failure.error());
        }
        if let (Some(capacity), Some(len)) = (s.capacity, growing_to)
            && len > capacity
            && len > s.cached.len() as u64
        {
            s.faults_fired += 1;
            return Err(Failure::NoSpace.error());
        }
        Ok(())
    }
}

/// One open of the disk.
#[derive(Debug)]
struct SimBackend {
    disk: Arc<Disk>,
    boot: u64,
}

impl SimBackend {
    /// The disk's state, unless the power was cut since this backend opened.
    fn state(&self) -> io::Result<MutexGuard<'_, State>> {
        let s = self.disk.lock();
        if s.boot != self.boot {
            return Err(io::Error::other("the power was cut: this process is gone"));
        }
        Ok(s)
    }
}

impl StorageBackend for SimBackend {
    fn len(&self) -> io::Result<u64> {
        Ok(self.state()?.cached.len() as u64)
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        let s = self.state()?;
        let end = offset as usize + out.len();
        if end > s.cached.len() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "read past the end of the disk",
            ));
        }
        out.copy_from_slice(&s.cached[offset as usize..end]);
        Ok(())
    }

    fn set_len(&self, len: u64) -> io::Result<()> {
        let mut s = self.state()?;
        self.disk.check(&mut s, Op::SetLen, Some(len))?;
        let op = Pending::SetLen(len);
        apply(&mut s.cached, &op);
        s.pending.push(op);
        Ok(())
    }

    fn sync_data(&self) -> io::Result<()> {
        let mut s = self.state()?;
        // A failed sync leaves its writes pending: a later sync may still save them.
        self.disk.check(&mut s, Op::Sync, None)?;
        if s.hold_syncs {
            s.syncs_waiting += 1;
            self.disk.syncs.notify_all();
            while s.hold_syncs {
                s = self.disk.syncs.wait(s).unwrap_or_else(|p| p.into_inner());
            }
            s.syncs_waiting -= 1;
            if s.boot != self.boot {
                return Err(io::Error::other("the power was cut: this process is gone"));
            }
        }
        if s.ignore_syncs {
            return Ok(());
        }
        let pending = std::mem::take(&mut s.pending);
        for op in &pending {
            apply(&mut s.durable, op);
        }
        if s.synced.is_some() {
            let image = s.durable.clone();
            if let Some(kept) = s.synced.as_mut() {
                kept.push(image);
            }
        }
        Ok(())
    }

    fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        let mut s = self.state()?;
        self.disk
            .check(&mut s, Op::Write, Some(offset + data.len() as u64))?;
        let op = Pending::Write {
            offset,
            data: data.to_vec(),
        };
        apply(&mut s.cached, &op);
        s.pending.push(op);
        Ok(())
    }
}
