//! Crash safety: a writer process (`duly-crash-writer`) issues invoices and
//! records and reverses payments as fast as it can and is killed with
//! SIGKILL at random moments, `DULY_CRASH_ROUNDS` times (25 by default).
//! After every kill the book is opened again and must be intact, hold every
//! write the writer reported as committed, number its invoices without a gap
//! or a repeat, and balance its money: Σ allocations + Σ credit = Σ payments.
//! Its weekly recurring invoice has billed exactly its first n periods, each
//! once, each issued and dated for its own week.

use std::path::Path;
use std::time::Duration;

use duly_crash::invariants::check;
use duly_crash::writer::{rounds, run_and_kill, Reported};
use duly_store::Book;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const WRITER: &str = env!("CARGO_BIN_EXE_duly-crash-writer");

#[test]
fn killing_the_writer_at_random_moments_never_loses_or_breaks_a_committed_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("crash.duly");
    let mut rng = ChaCha8Rng::seed_from_u64(0xC4A5);
    let rounds = rounds("DULY_CRASH_ROUNDS");
    let mut reported_writes = 0;
    let mut totals = (0, 0);
    for round in 0..rounds {
        // Early rounds wait out the first start (migrations, set-up) too.
        let after =
            Duration::from_millis(rng.gen_range(if round == 0 { 150..300 } else { 15..120 }));
        let lines = run_and_kill(Path::new(WRITER), &[], &book, u64::from(round), after);
        reported_writes += lines.len();
        let reported = Reported::read(&lines);
        totals = check(&book, &reported);
    }
    let (invoices, payments) = totals;
    let weeks: i64 = Book::open(&book)
        .expect("book")
        .read(|tx| Ok(tx.query_row("SELECT COUNT(*) FROM schedule_runs", [], |r| r.get(0))?))
        .expect("runs");
    println!(
        "{rounds} kills; {reported_writes} writes reported and found; {invoices} invoices ({weeks} of them recurring), {payments} payments in the book"
    );
    assert!(
        invoices > 0 && payments > 0 && weeks > 0,
        "the writer got to write"
    );
}
