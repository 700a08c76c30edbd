//! Benchmark (not a test): what `synchronous=FULL` costs. The same writes
//! an owner makes (issue an invoice, record a payment) through the commands,
//! on a book file on disk, with Duly's FULL (the WAL synced at every commit)
//! against NORMAL (synced at checkpoints only), in one run.
//!
//! `cargo bench -p duly-app --bench durability` (set `DULY_BENCH_DIR` to
//! measure another disk; the default is `target/bench`). Reported: the
//! median of 200 of each write, per mode, and FULL ÷ NORMAL.

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use duly_app::{customers, invoices, payments, settings};
use duly_core::customer::CustomerForm;
use duly_core::invoice::{DraftForm, IssueForm, LineForm};
use duly_core::payment::{PaymentForm, PaymentMethod};
use duly_core::profile::ProfileForm;
use duly_store::{Book, Durability};

const WRITES: usize = 200;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

/// Median milliseconds to issue an invoice (its draft saved first, as the
/// window does, but not timed) and to record a payment.
fn measure(
    dir: &std::path::Path,
    durability: Durability,
) -> Result<(f64, f64), Box<dyn std::error::Error>> {
    let path = dir.join(format!("durability-{durability:?}.duly"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let now = NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .ok_or("date")?;
    let mut book = Book::open(&path)?;
    book.set_durability(durability)?;
    let profile = ProfileForm {
        name: "Bench & Co".into(),
        currency: "USD".into(),
        default_terms_days: "30".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(&mut book, &profile)?;
    let customer = customers::create(
        &mut book,
        &CustomerForm {
            company: "Blue Heron Dental".into(),
            ..CustomerForm::default()
        },
        now,
    )?
    .id;
    let (mut issue, mut pay) = (Vec::new(), Vec::new());
    for i in 0..WRITES {
        let draft = DraftForm {
            customer_id: Some(customer),
            lines: vec![LineForm {
                description: format!("Bookkeeping {i}"),
                quantity: "1".into(),
                unit_price: "450.00".into(),
                ..LineForm::default()
            }],
            ..DraftForm::default()
        };
        let draft = invoices::save_draft(&mut book, None, &draft, now)?;
        let form = IssueForm {
            issue_date: "2026-11-25".into(),
            due_date: String::new(),
        };
        let started = Instant::now();
        invoices::issue(&mut book, draft.row.id, &form, now)?;
        issue.push(started.elapsed().as_secs_f64() * 1e3);
        let payment = PaymentForm {
            customer_id: Some(customer),
            received_on: "2026-11-25".into(),
            amount: "450.00".into(),
            method: PaymentMethod::BankTransfer,
            ..PaymentForm::default()
        };
        let started = Instant::now();
        payments::record(&mut book, &payment, now)?;
        pay.push(started.elapsed().as_secs_f64() * 1e3);
    }
    Ok((median(issue), median(pay)))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::var_os("DULY_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench"));
    std::fs::create_dir_all(&dir)?;
    let (normal_issue, normal_pay) = measure(&dir, Durability::Normal)?;
    let (full_issue, full_pay) = measure(&dir, Durability::Full)?;
    println!("{WRITES} of each write, on {}", dir.display());
    println!("| write | NORMAL | FULL (Duly) | FULL ÷ NORMAL |");
    println!("|---|---|---|---|");
    println!(
        "| issue an invoice | {normal_issue:.2} ms | {full_issue:.2} ms | {:.1}× |",
        full_issue / normal_issue
    );
    println!(
        "| record a payment | {normal_pay:.2} ms | {full_pay:.2} ms | {:.1}× |",
        full_pay / normal_pay
    );
    Ok(())
}
