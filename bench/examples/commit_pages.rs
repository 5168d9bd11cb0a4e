//! How many pages a durable redb commit writes, by shape (run under
//! `strace -c -e trace=pwrite64,fdatasync`): `commit_pages SHAPE COMMITS` with
//! SHAPE = `tables:K` (one insert into each of K tables of 200,000 entries) or
//! `keys:K` (K inserts at scattered keys of one table of 200,000 × K entries).
//! The preload commits once; subtract a run with COMMITS = 0.

use redb::{Database, Durability, TableDefinition};

fn main() {
    let mut args = std::env::args().skip(1);
    let shape = args.next().unwrap_or_else(|| "tables:1".into());
    let commits: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let (kind, k) = shape.split_once(':').unwrap_or(("tables", "1"));
    let k: u64 = k.parse().unwrap_or(1);
    let dir = tempfile::tempdir().expect("dir");
    let db = Database::create(dir.path().join("pages.redb")).expect("db");
    let names: Vec<String> = (0..k).map(|i| format!("t{i}")).collect();
    let tables = if kind == "tables" { k } else { 1 };
    let per = if kind == "tables" { 1 } else { k };
    const PRELOAD: u64 = 200_000;
    let txn = db.begin_write().expect("w");
    for name in names.iter().take(tables as usize) {
        let def: TableDefinition<(u64, u64), ()> = TableDefinition::new(name);
        let mut t = txn.open_table(def).expect("t");
        for j in 0..PRELOAD * per {
            t.insert((j % per, j), ()).expect("i");
        }
    }
    txn.commit().expect("c");
    for c in 0..commits {
        let mut txn = db.begin_write().expect("w");
        txn.set_durability(Durability::Immediate).expect("d");
        for name in names.iter().take(tables as usize) {
            let def: TableDefinition<(u64, u64), ()> = TableDefinition::new(name);
            let mut t = txn.open_table(def).expect("t");
            for p in 0..per {
                t.insert((p, PRELOAD * per + c), ()).expect("i");
            }
        }
        txn.commit().expect("c");
    }
}
