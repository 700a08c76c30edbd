//! What a book must be after any crash: intact, holding every write the
//! writer reported, numbered without a gap, and balanced to the cent.

use std::path::Path;

use duly_store::Book;

use crate::writer::Reported;

/// How many of the writes the writer reported are not in `book` (an invoice
/// number, a payment or a reversal): zero, unless commits were lost.
pub fn lost(book: &Path, reported: &Reported) -> usize {
    let mut book = Book::open(book).expect("the book opens after a power cut");
    book.read(|tx| {
        let has = |sql: &str, key: &dyn rusqlite::ToSql| -> bool {
            tx.query_row(sql, [key], |_| Ok(())).is_ok()
        };
        let invoices = reported
            .issued
            .iter()
            .filter(|(number, _)| !has("SELECT 1 FROM invoices WHERE number = ?1", number))
            .count();
        let payments = reported
            .paid
            .iter()
            .filter(|(id, _)| !has("SELECT 1 FROM payments WHERE id = ?1", id))
            .count();
        let reversals = reported
            .reversed
            .iter()
            .filter(|id| {
                !has(
                    "SELECT 1 FROM payments WHERE id = ?1 AND reversed_on IS NOT NULL",
                    *id,
                )
            })
            .count();
        Ok(invoices + payments + reversals)
    })
    .expect("the book reads")
}

/// Opens `book` and checks it against what the writer reported; returns
/// the invoices and payments it holds.
pub fn check(book: &Path, reported: &Reported) -> (i64, i64) {
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
