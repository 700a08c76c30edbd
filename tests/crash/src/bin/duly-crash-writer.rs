//! Writes to a Duly book as fast as it can, forever, through the same
//! commands as the window: issues invoices, records payments and now and
//! then reverses one, and runs a weekly recurring invoice one period at a
//! time (its clock a week further each run). After each committed write it
//! prints one line and flushes it, so whoever reads its output knows what
//! the book must hold:
//!
//!   issued INV-0042 total 1234.50
//!   paid 12 amount 50.00
//!   reversed 12
//!   recurred 2000-01-10
//!
//! It exists for the crash tests (`tests/kill.rs`, `tests/power_cut.rs`),
//! which kill it with SIGKILL at random moments and check the book after
//! each kill. With `--power-cut` it opens the book on the power-cut VFS, so
//! the kill also loses every write SQLite had not synced; `--normal` runs
//! it with `synchronous=NORMAL` instead of Duly's FULL, to show what that
//! would lose.
//!
//! Usage: duly-crash-writer [--power-cut] [--normal] BOOK [SEED]

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::{NaiveDate, NaiveDateTime};
use duly_app::recurring::{self, ScheduleForm};
use duly_app::{customers, invoices, payments, settings};
use duly_core::customer::CustomerForm;
use duly_core::invoice::{DraftForm, IssueForm, LineForm};
use duly_core::payment::{PaymentForm, PaymentMethod, ReversalForm};
use duly_core::profile::ProfileForm;
use duly_core::schedule::{CadenceForm, Frequency};
use duly_store::{Book, Durability};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const USAGE: &str = "usage: duly-crash-writer [--power-cut] [--normal] BOOK [SEED]";
/// The customers it bills, made on the first run.
const CUSTOMERS: usize = 3;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("duly-crash-writer: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1).peekable();
    let power_cut = args.next_if(|a| a == "--power-cut").is_some();
    let normal = args.next_if(|a| a == "--normal").is_some();
    let path = args.next().ok_or(USAGE)?;
    let seed = match args.next() {
        Some(s) => s.parse::<u64>().map_err(|_| USAGE.to_owned())?,
        None => 0,
    };
    // A fixed clock: every write is dated the same day, which is all the
    // checks need.
    let now = NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .ok_or("no such date")?;
    let mut book = if power_cut {
        duly_crash::power_cut::register()?;
        let vfs = duly_crash::power_cut::NAME
            .to_str()
            .map_err(|e| e.to_string())?;
        Book::open_on_vfs(Path::new(&path), vfs)
    } else {
        Book::open(Path::new(&path))
    }
    .map_err(|e| e.to_string())?;
    if normal {
        book.set_durability(Durability::Normal)
            .map_err(|e| e.to_string())?;
    }
    let customer_ids = set_up(&mut book, now)?;
    let schedule = recurring_schedule(&mut book, customer_ids[0], now)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut paid: Vec<i64> = Vec::new();
    let mut out = std::io::stdout().lock();
    loop {
        let customer = customer_ids[rng.gen_range(0..customer_ids.len())];
        let line = match rng.gen_range(0..12) {
            0..=4 => issue(&mut book, customer, &mut rng, now)?,
            5..=8 => {
                let (id, line) = pay(&mut book, customer, &mut rng, now)?;
                paid.push(id);
                line
            }
            9 | 10 => recur(&mut book, schedule, now)?,
            _ => match paid.pop() {
                Some(id) => reverse(&mut book, id, now)?,
                None => continue,
            },
        };
        writeln!(out, "{line}")
            .and_then(|()| out.flush())
            .map_err(|e| e.to_string())?;
    }
}

/// The business and its customers, made once; later runs find them.
fn set_up(book: &mut Book, now: NaiveDateTime) -> Result<Vec<i64>, String> {
    let existing = customers::list(book, true, now).map_err(|e| e.to_string())?;
    if existing.len() >= CUSTOMERS {
        return Ok(existing.iter().map(|c| c.id).collect());
    }
    let profile = ProfileForm {
        name: "Crash Test Dummies".into(),
        currency: "USD".into(),
        default_terms_days: "30".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(book, &profile).map_err(|e| e.to_string())?;
    (existing.len()..CUSTOMERS)
        .map(|i| {
            let form = CustomerForm {
                company: format!("Customer {i}"),
                ..CustomerForm::default()
            };
            customers::create(book, &form, now)
                .map(|c| c.id)
                .map_err(|e| e.to_string())
        })
        .chain(existing.iter().map(|c| Ok(c.id)))
        .collect()
}

fn issue(
    book: &mut Book,
    customer: i64,
    rng: &mut ChaCha8Rng,
    now: NaiveDateTime,
) -> Result<String, String> {
    let lines = (0..rng.gen_range(1..4))
        .map(|i| LineForm {
            description: format!("Work item {i}"),
            quantity: rng.gen_range(1..10).to_string(),
            unit_price: format!("{}.{:02}", rng.gen_range(1..500), rng.gen_range(0..100)),
            ..LineForm::default()
        })
        .collect();
    let draft = DraftForm {
        customer_id: Some(customer),
        lines,
        ..DraftForm::default()
    };
    let draft = invoices::save_draft(book, None, &draft, now).map_err(|e| e.to_string())?;
    let form = IssueForm {
        issue_date: now.format("%Y-%m-%d").to_string(),
        due_date: String::new(),
    };
    let issued = invoices::issue(book, draft.row.id, &form, now).map_err(|e| e.to_string())?;
    Ok(format!(
        "issued {} total {}",
        issued.row.number.unwrap_or_default(),
        issued.row.total
    ))
}

fn pay(
    book: &mut Book,
    customer: i64,
    rng: &mut ChaCha8Rng,
    now: NaiveDateTime,
) -> Result<(i64, String), String> {
    let amount = format!("{}.{:02}", rng.gen_range(1..800), rng.gen_range(0..100));
    let form = PaymentForm {
        customer_id: Some(customer),
        received_on: now.format("%Y-%m-%d").to_string(),
        amount: amount.clone(),
        method: PaymentMethod::BankTransfer,
        ..PaymentForm::default()
    };
    let receipt = payments::record(book, &form, now).map_err(|e| e.to_string())?;
    let id = receipt.payment_id.ok_or("a payment without an id")?;
    Ok((id, format!("paid {id} amount {amount}")))
}

/// The weekly schedule it runs, made once (from a first invoice) and found
/// again by later runs.
fn recurring_schedule(book: &mut Book, customer: i64, now: NaiveDateTime) -> Result<i64, String> {
    let existing = recurring::for_customer(book, customer).map_err(|e| e.to_string())?;
    if let Some(s) = existing.first() {
        return Ok(s.id);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    issue(book, customer, &mut rng, now)?;
    let source = invoices::list(book, &invoices::ListQuery::default(), now)
        .map_err(|e| e.to_string())?
        .iter()
        .find(|r| r.customer_id == customer)
        .map(|r| r.id)
        .ok_or("no invoice to repeat")?;
    let form = ScheduleForm {
        cadence: CadenceForm {
            every: Frequency::Week,
            starts_on: "2000-01-03".into(),
            ..CadenceForm::default()
        },
        issue: true,
        first_line: "Weekly service, {{ period }}".into(),
    };
    recurring::from_invoice(book, source, &form, now)
        .map(|s| s.id)
        .map_err(|e| e.to_string())
}

/// Bills the schedule's next period: a run on the day that period is due,
/// so each run bills exactly one, issued and dated for it.
fn recur(book: &mut Book, schedule: i64, now: NaiveDateTime) -> Result<String, String> {
    let s = recurring::get(book, schedule).map_err(|e| e.to_string())?;
    let on = s.next_on.ok_or("the schedule has no next period")?;
    let at = on.and_time(now.time());
    let report = recurring::run_due(book, at).map_err(|e| e.to_string())?;
    if report.issued.len() != 1 {
        return Err(format!("a run on {on} issued {:?}", report.issued));
    }
    Ok(format!("recurred {on}"))
}

fn reverse(book: &mut Book, id: i64, now: NaiveDateTime) -> Result<String, String> {
    let form = ReversalForm {
        reversed_on: now.format("%Y-%m-%d").to_string(),
        reason: "Returned by the bank".into(),
    };
    payments::reverse(book, id, &form, now).map_err(|e| e.to_string())?;
    Ok(format!("reversed {id}"))
}
