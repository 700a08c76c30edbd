//! Power cuts: the crash writer runs on the power-cut VFS, which holds back
//! every write until SQLite syncs it, and is killed at random moments, so
//! each kill throws away whatever was not yet on disk, as a power cut does.
//! After each one the book must pass every check of the kill test
//! (integrity, every reported write there, gapless numbers, money that
//! balances). `DULY_POWER_CUT_ROUNDS` sets the count (25 by default).
//!
//! The control: the same writer with `synchronous=NORMAL` loses commits it
//! had reported, which is why Duly runs FULL, and shows that this storage
//! really does lose what was not synced.

use std::path::Path;
use std::time::Duration;

use duly_crash::invariants::{check, lost};
use duly_crash::writer::{rounds, run_and_kill, Reported};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const WRITER: &str = env!("CARGO_BIN_EXE_duly-crash-writer");

fn wait(rng: &mut ChaCha8Rng, round: u32) -> Duration {
    // The first round waits out the first start (migrations, set-up) too.
    Duration::from_millis(rng.gen_range(if round == 0 { 200..400 } else { 15..150 }))
}

#[test]
fn a_power_cut_at_any_moment_keeps_every_reported_commit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("power-cut.duly");
    let mut rng = ChaCha8Rng::seed_from_u64(0x90FF);
    let rounds = rounds("DULY_POWER_CUT_ROUNDS");
    let mut reported_writes = 0;
    let mut totals = (0, 0);
    for round in 0..rounds {
        let lines = run_and_kill(
            Path::new(WRITER),
            &["--power-cut"],
            &book,
            u64::from(round),
            wait(&mut rng, round),
        );
        reported_writes += lines.len();
        totals = check(&book, &Reported::read(&lines));
    }
    let (invoices, payments) = totals;
    println!(
        "{rounds} power cuts; {reported_writes} writes reported and found; {invoices} invoices, {payments} payments in the book"
    );
    assert!(invoices > 0 && payments > 0, "the writer got to write");
}

#[test]
fn with_normal_sync_a_power_cut_loses_reported_commits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("normal.duly");
    let mut rng = ChaCha8Rng::seed_from_u64(0x0A0A);
    let mut lost_writes = 0;
    let mut reported_writes = 0;
    for round in 0..5 {
        let lines = run_and_kill(
            Path::new(WRITER),
            &["--power-cut", "--normal"],
            &book,
            u64::from(round),
            wait(&mut rng, round) + Duration::from_millis(100),
        );
        reported_writes += lines.len();
        lost_writes += lost(&book, &Reported::read(&lines));
    }
    println!("synchronous=NORMAL: {lost_writes} of {reported_writes} reported writes lost in 5 power cuts");
    assert!(
        lost_writes > 0,
        "NORMAL lost nothing: the power-cut storage is not holding back unsynced writes"
    );
}
