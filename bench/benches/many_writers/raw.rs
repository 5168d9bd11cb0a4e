//! The machine's raw limit: 4 KiB `pwrite` + `fdatasync`, N threads on one file
//! in the fixture's directory, each at its own offset.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::time::Instant;

use crate::plan::Plan;
use crate::run::{self, Op, Outcome};

const BLOCK: usize = 4096;

pub struct Writers {
    file: File,
}

impl Writers {
    /// The file, written once over its whole length and synced, so that the
    /// timed writes overwrite allocated blocks (no size change to flush).
    pub fn new(dir: &Path, count: usize) -> Writers {
        let file = OpenOptions::new()
            .create(true)
            .truncate(true)
            .read(true)
            .write(true)
            .open(dir.join("raw-many.bin"))
            .expect("raw file");
        file.write_all_at(&vec![0u8; BLOCK * count], 0)
            .expect("fill");
        file.sync_all().expect("sync");
        Writers { file }
    }

    pub fn run(&self, n: usize, plan: &Plan) -> Outcome {
        let file = &self.file;
        let mut offsets: Vec<u64> = (0..n as u64).map(|i| i * BLOCK as u64).collect();
        run::threads(&mut offsets, plan, &|offset: &mut u64| {
            let block = [7u8; BLOCK];
            let started = Instant::now();
            file.write_all_at(&block, *offset).expect("pwrite");
            file.sync_data().expect("fdatasync");
            (started.elapsed(), Op::Done)
        })
    }
}
