//! Benchmark (not a test): the weekly summary on a large book, against the
//! same aging aggregation written as plain SQL in the `sqlite3` CLI, on the
//! same file, in one run.
//!
//! `cargo bench -p duly-app --bench summary` (add `-- --fresh` to regenerate
//! the book). The book is the demo generator at 5,000 customers and 50,000
//! invoices, made once under `target/bench/`. Reported: median of 15 runs of
//! `summary::compute` on a book just opened (nothing kept), of 15 runs of
//! `summary::head` on the same book state (the memo answers), and of 15 runs
//! of the SQL (timed by sqlite3's
//! own `.timer`, so process start-up is not counted against SQL).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::NaiveDate;
use duly_app::demo;
use duly_app::summary;
use duly_store::Book;

const RUNS: usize = 15;

/// The aging by customer, as plain SQL: balances as of the date (payments
/// applied by then and not reversed by then, credit notes by then), bucketed
/// by days past the due date in force.
const AGING_SQL: &str = "
WITH owed AS (
  SELECT i.customer_id,
         julianday(:as_of) - julianday(COALESCE((SELECT e.new_due_date FROM invoice_extensions e
                WHERE e.invoice_id = i.id AND substr(e.created_at, 1, 10) <= :as_of ORDER BY e.id DESC LIMIT 1), i.due_date)) AS late,
         i.total_minor
           - COALESCE((SELECT SUM(a.amount_minor) FROM allocations a JOIN payments p ON p.id = a.payment_id
                       WHERE a.invoice_id = i.id AND a.allocated_on <= :as_of
                         AND (p.reversed_on IS NULL OR p.reversed_on > :as_of)), 0)
           - COALESCE((SELECT SUM(c.amount_minor) FROM credit_notes c WHERE c.invoice_id = i.id AND c.issued_on <= :as_of), 0)
           AS balance
  FROM invoices i
  WHERE i.state <> 'draft' AND i.issue_date <= :as_of
    AND (i.voided_at IS NULL OR substr(i.voided_at, 1, 10) > :as_of))
SELECT customer_id,
       SUM(CASE WHEN late <= 0 THEN balance ELSE 0 END),
       SUM(CASE WHEN late BETWEEN 1 AND 30 THEN balance ELSE 0 END),
       SUM(CASE WHEN late BETWEEN 31 AND 60 THEN balance ELSE 0 END),
       SUM(CASE WHEN late BETWEEN 61 AND 90 THEN balance ELSE 0 END),
       SUM(CASE WHEN late > 90 THEN balance ELSE 0 END),
       SUM(balance)
FROM owed WHERE balance > 0 GROUP BY customer_id;";

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).ok_or("date")?;
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench/summary-large.duly");
    if std::env::args().any(|a| a == "--fresh") {
        let _ = std::fs::remove_file(&path);
    }
    let started = Instant::now();
    if demo::large_book_once(&path, today)? {
        println!(
            "generated {} in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    let mut book = Book::open(&path)?;
    let (customers, invoices, payments): (i64, i64, i64) = book.read(|tx| {
        Ok(tx.query_row(
            "SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM invoices), (SELECT COUNT(*) FROM payments)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    })?;
    println!("book: {customers} customers, {invoices} invoices, {payments} payments");

    // Cold: a book just opened keeps nothing, so every standing is read and
    // derived. Warm: the same book state again, as when the owner comes back
    // to This week (the memo answers), and the first page the window gets.
    let mut ours = Vec::new();
    let mut total = String::new();
    for _ in 0..RUNS {
        let mut fresh = Book::open_read_only(&path)?;
        let started = Instant::now();
        let s = summary::compute(&mut fresh, today)?;
        ours.push(started.elapsed().as_secs_f64() * 1000.0);
        total = s.aging.total.to_string();
    }
    let mut warm = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let head = summary::head(&mut book, today)?;
        warm.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(head.summary.aging.total.to_string(), total);
    }

    // The lists a page at a time, on a book just opened once its standings
    // are shared (as after This week): the first page works the whole list
    // out and keeps it; the next page reads it back.
    let mut first_pages = Vec::new();
    let mut next_pages = Vec::new();
    let at = today.and_hms_opt(9, 0, 0).ok_or("time")?;
    for _ in 0..RUNS {
        let mut fresh = Book::open_read_only(&path)?;
        duly_app::standing::shared(&mut fresh, today)?;
        let started = Instant::now();
        let customer_page = duly_app::customers::page(&mut fresh, &Default::default(), at)?;
        let invoice_page = duly_app::invoices::page(&mut fresh, &Default::default(), at)?;
        first_pages.push(started.elapsed().as_secs_f64() * 1000.0);
        let started = Instant::now();
        let mut query = duly_app::invoices::ListQuery::default();
        query.page.offset = 50;
        duly_app::customers::page(&mut fresh, &Default::default(), at)?;
        duly_app::invoices::page(&mut fresh, &query, at)?;
        next_pages.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(customer_page.all as i64, customers);
        assert_eq!(invoice_page.total as i64, invoices);
    }

    // Where the time goes: reading every account's facts, and deriving the
    // standings from them (the rest of the summary is grouping and views).
    let mut reading = Vec::new();
    let mut deriving = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let (facts, policies) = book.read(|tx| {
            let currency = duly_store::profile::get(tx)?.currency;
            let facts =
                duly_store::accounts::facts(tx, currency, duly_store::accounts::Scope::All)?;
            Ok((facts, duly_app::standing::policies(tx)?))
        })?;
        reading.push(started.elapsed().as_secs_f64() * 1000.0);
        let started = Instant::now();
        let standings: Vec<_> = facts
            .iter()
            .map(|f| duly_core::standing::standing(f, &policies, today))
            .collect();
        deriving.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(standings.len(), facts.len());
    }

    // Wrapped in one summing row so the CLI prints one line, not 5,000.
    let sql = format!(
        "SELECT COUNT(*), SUM(total) FROM ({});",
        AGING_SQL
            .replace(":as_of", "'2026-11-25'")
            .trim()
            .trim_end_matches(';')
            .replace("SUM(balance)\nFROM", "SUM(balance) AS total\nFROM")
    );
    let mut theirs = Vec::new();
    for _ in 0..RUNS {
        let mut child = Command::new("sqlite3")
            .arg(&path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(format!(".timer on\n{sql}\n").as_bytes())?;
        }
        let out = child.wait_with_output()?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        let real = text
            .lines()
            .filter_map(|l| l.strip_prefix("Run Time: real "))
            .filter_map(|l| l.split_whitespace().next()?.parse::<f64>().ok())
            .sum::<f64>();
        if real == 0.0 {
            let head: String = text.chars().take(300).collect();
            return Err(format!(
                "sqlite3 printed no timing (is the sqlite3 CLI installed?): {head}"
            )
            .into());
        }
        theirs.push(real * 1000.0);
    }
    let (ours, theirs) = (median(ours), median(theirs));
    println!("summary::compute (whole weekly summary): median {ours:.1} ms over {RUNS} runs (total owed {total})");
    println!("sqlite3 CLI, aging aggregation only:      median {theirs:.1} ms over {RUNS} runs");
    println!("ratio ours / plain SQL: {:.2}x", ours / theirs);
    println!(
        "summary::head again on the same book state (what This week gets on a return): median {:.2} ms",
        median(warm)
    );
    println!(
        "first page of Customers and of Invoices on shared standings: median {:.1} ms; the next pages: {:.2} ms",
        median(first_pages),
        median(next_pages)
    );
    println!(
        "of which: reading the facts {:.1} ms, deriving the standings {:.1} ms (medians)",
        median(reading),
        median(deriving)
    );
    Ok(())
}
