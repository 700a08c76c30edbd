//! Crash safety: a writer process (`duly-crash-writer`) issues invoices and
//! records and reverses payments as fast as it can and is killed with
//! SIGKILL at random moments, `DULY_CRASH_ROUNDS` times (25 by default).
//! After every kill the book is opened again and must be intact, hold every
//! write the writer reported as committed, number its invoices without a gap
//! or a repeat, and balance its money: Σ allocations + Σ credit = Σ payments.
//! Its weekly recurring invoice has billed exactly its first n periods, each
//! once, each issued and dated for its own week.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use duly_store::Book;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const WRITER: &str = env!("CARGO_BIN_EXE_duly-crash-writer");

fn rounds() -> u32 {
    std::env::var("DULY_CRASH_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(25)
}

/// What the writer said it committed.
#[derive(Default)]
struct Reported {
    issued: Vec<(String, String)>,
    paid: Vec<(i64, String)>,
    reversed: Vec<i64>,
    recurred: Vec<String>,
}

impl Reported {
    /// Only whole lines count: a line cut by the kill was never reported.
    fn read(lines: &[String]) -> Reported {
        let mut r = Reported::default();
        for line in lines {
            let words: Vec<&str> = line.split(' ').collect();
            match words.as_slice() {
                ["issued", number, "total", total] => {
                    r.issued.push(((*number).to_owned(), (*total).to_owned()))
                }
                ["paid", id, "amount", amount] => {
                    r.paid.push((id.parse().expect("id"), (*amount).to_owned()))
                }
                ["reversed", id] => r.reversed.push(id.parse().expect("id")),
                ["recurred", on] => r.recurred.push((*on).to_owned()),
                _ => panic!("unexpected line from the writer: {line:?}"),
            }
        }
        r
    }
}

/// Runs the writer on `book` and kills it after `after`; returns the lines
/// it printed in full.
fn run_and_kill(book: &Path, seed: u64, after: Duration) -> Vec<String> {
    let mut child = Command::new(WRITER)
        .arg(book)
        .arg(seed.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the writer");
    let stdout = child.stdout.take().expect("stdout");
    // Read while it runs, so a full pipe never holds the writer up.
    let reader = std::thread::spawn(move || {
        let mut lines = Vec::new();
        let mut out = BufReader::new(stdout);
        let mut line = String::new();
        while out.read_line(&mut line).unwrap_or(0) > 0 {
            if let Some(whole) = line.strip_suffix('\n') {
                lines.push(whole.to_owned());
            }
            line.clear();
        }
        lines
    });
    std::thread::sleep(after);
    if let Some(status) = child.try_wait().expect("wait") {
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
            .expect("stderr");
        panic!("the writer stopped by itself ({status}): {err}");
    }
    child.kill().expect("SIGKILL"); // std sends SIGKILL on Unix
    child.wait().expect("reap");
    reader.join().expect("reader")
}

fn check(book: &Path, reported: &Reported) -> (i64, i64) {
    let mut book = Book::open(book).expect("the book opens after a kill");
    book.read(|tx| {
        let one = |sql: &str| -> i64 { tx.query_row(sql, [], |r| r.get(0)).expect(sql) };
        let integrity: String = tx
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity_check");
        assert_eq!(integrity, "ok");
        for (number, total) in &reported.issued {
            let (state, total_minor): (String, i64) = tx
                .query_row(
                    "SELECT state, total_minor FROM invoices WHERE number = ?1",
                    [number],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap_or_else(|e| panic!("reported {number} is missing: {e}"));
            assert_eq!(state, "issued", "{number}");
            assert_eq!(minor(total), total_minor, "{number}");
        }
        for (id, amount) in &reported.paid {
            let stored: i64 = tx
                .query_row("SELECT amount_minor FROM payments WHERE id = ?1", [id], |r| r.get(0))
                .unwrap_or_else(|e| panic!("reported payment {id} is missing: {e}"));
            assert_eq!(minor(amount), stored, "payment {id}");
        }
        for id in &reported.reversed {
            let reversed: bool = tx
                .query_row(
                    "SELECT reversed_on IS NOT NULL FROM payments WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .expect("payment");
            assert!(reversed, "reported reversal of {id} is missing");
        }
        // The schedule billed its first n weeks, each once, none skipped,
        // each by an issued invoice dated that week: at least what it said.
        let mut stmt = tx
            .prepare(
                "SELECT r.period_on, i.state, i.issue_date FROM schedule_runs r
                 JOIN invoices i ON i.id = r.invoice_id ORDER BY r.period_on",
            )
            .expect("runs");
        let runs: Vec<(String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("runs")
            .collect::<rusqlite::Result<_>>()
            .expect("runs");
        assert_eq!(
            one("SELECT COUNT(*) FROM schedule_runs"),
            runs.len() as i64,
            "every run has its invoice"
        );
        let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 3).expect("day");
        for (n, (on, state, issued_on)) in runs.iter().enumerate() {
            let week = start + chrono::Days::new(7 * n as u64);
            assert_eq!(on, &week.to_string(), "period {n}");
            assert_eq!((state.as_str(), issued_on), ("issued", on), "period {n}");
        }
        for on in &reported.recurred {
            assert!(runs.iter().any(|(p, _, _)| p == on), "reported run {on} is missing");
        }
        // Gapless, unrepeated numbering: sequences are exactly 1..=n, the
        // counter is n, and each number is its sequence.
        let issued = one("SELECT COUNT(*) FROM invoices WHERE sequence IS NOT NULL");
        assert_eq!(one("SELECT COUNT(DISTINCT sequence) FROM invoices WHERE sequence IS NOT NULL"), issued);
        assert_eq!(one("SELECT COALESCE(MIN(sequence), 1) FROM invoices"), 1);
        assert_eq!(one("SELECT COALESCE(MAX(sequence), 0) FROM invoices"), issued);
        assert_eq!(one("SELECT last_value FROM number_sequences WHERE kind = 'invoice'"), issued);
        assert_eq!(
            one("SELECT COUNT(*) FROM invoices WHERE sequence IS NOT NULL
                 AND number <> 'INV-' || printf('%04d', sequence)"),
            0
        );
        // Money: what customers paid (not reversed) is either applied to an
        // invoice or kept as their credit, to the cent; nothing is over-paid.
        let payments = one("SELECT COALESCE(SUM(amount_minor), 0) FROM payments WHERE reversed_on IS NULL");
        let allocated = one(
            "SELECT COALESCE(SUM(a.amount_minor), 0) FROM allocations a
             JOIN payments p ON p.id = a.payment_id WHERE p.reversed_on IS NULL",
        );
        let credit = one("SELECT COALESCE(SUM(credit_minor), 0) FROM payment_credit");
        assert_eq!(allocated + credit, payments, "Σ allocations + credit = Σ payments");
        assert_eq!(one("SELECT COUNT(*) FROM invoice_balances WHERE balance_minor < 0"), 0);
        // The audit trail is written in the same transactions.
        assert_eq!(
            one("SELECT COUNT(*) FROM audit_log WHERE table_name = 'invoices' AND action = 'issue'"),
            issued
        );
        assert_eq!(
            one("SELECT COUNT(*) FROM audit_log WHERE table_name = 'payments' AND action = 'record'"),
            one("SELECT COUNT(*) FROM payments")
        );
        Ok((issued, one("SELECT COUNT(*) FROM payments")))
    })
    .expect("checks")
}

/// "1234.50" → 123450.
fn minor(amount: &str) -> i64 {
    let (units, cents) = amount.split_once('.').unwrap_or((amount, "0"));
    let cents = format!("{cents:0<2}");
    units.parse::<i64>().expect("units") * 100 + cents[..2].parse::<i64>().expect("cents")
}

#[test]
fn killing_the_writer_at_random_moments_never_loses_or_breaks_a_committed_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("crash.duly");
    let mut rng = ChaCha8Rng::seed_from_u64(0xC4A5);
    let rounds = rounds();
    let mut reported_writes = 0;
    let mut totals = (0, 0);
    for round in 0..rounds {
        // Early rounds wait out the first start (migrations, set-up) too.
        let after =
            Duration::from_millis(rng.gen_range(if round == 0 { 150..300 } else { 15..120 }));
        let lines = run_and_kill(&book, u64::from(round), after);
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
