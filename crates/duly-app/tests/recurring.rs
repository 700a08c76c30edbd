//! Recurring invoices through the commands: a schedule made from an
//! invoice, runs on a day (and again, and months later), periods named on
//! their lines, numbers gapless and each period billed exactly once.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use common::{assert_not_allowed, assert_refused, now};
use duly_app::recurring::{self, Change, ScheduleForm};
use duly_app::{customers, invoices, settings};
use duly_core::customer::CustomerForm;
use duly_core::invoice::{DraftForm, IssueForm, LineForm};
use duly_core::profile::ProfileForm;
use duly_core::schedule::{CadenceForm, Frequency};
use duly_store::Book;

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|x| x.and_hms_opt(8, 0, 0))
        .expect("valid")
}

/// A US book with one customer and one issued retainer invoice (INV-0001).
fn book() -> (Book, i64) {
    let mut book = Book::open_in_memory().expect("book");
    let profile = ProfileForm {
        name: "Harbor & Pine".into(),
        currency: "USD".into(),
        default_terms_days: "30".into(),
        country: "US".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(&mut book, &profile).expect("profile");
    let customer = CustomerForm {
        company: "Blue Heron Dental".into(),
        ..CustomerForm::default()
    };
    let customer = customers::create(&mut book, &customer, now())
        .expect("customer")
        .id;
    let draft = DraftForm {
        customer_id: Some(customer),
        lines: vec![LineForm {
            description: "Monthly bookkeeping".into(),
            quantity: "1".into(),
            unit_price: "450.00".into(),
            ..LineForm::default()
        }],
        ..DraftForm::default()
    };
    let draft = invoices::save_draft(&mut book, None, &draft, at(2026, 10, 1)).expect("draft");
    let issue = IssueForm {
        issue_date: "2026-10-01".into(),
        due_date: String::new(),
    };
    let id = invoices::issue(&mut book, draft.row.id, &issue, at(2026, 10, 1))
        .expect("issue")
        .row
        .id;
    (book, id)
}

fn monthly(issue: bool) -> ScheduleForm {
    ScheduleForm {
        cadence: CadenceForm {
            every: Frequency::Month,
            starts_on: "2026-11-01".into(),
            ends_on: String::new(),
            max_count: String::new(),
        },
        issue,
        first_line: "Monthly bookkeeping, {{ period }}".into(),
    }
}

fn descriptions(book: &mut Book, invoice: i64) -> Vec<String> {
    invoices::get(book, invoice, now())
        .expect("invoice")
        .lines
        .into_iter()
        .map(|l| l.description)
        .collect()
}

#[test]
fn drafts_are_made_once_per_period_and_issued_in_one_step() {
    let (mut book, retainer) = book();
    assert_eq!(
        recurring::preview(&mut book, retainer, &monthly(false)).expect("preview"),
        Some("Monthly bookkeeping, November 2026".into())
    );
    let schedule =
        recurring::from_invoice(&mut book, retainer, &monthly(false), now()).expect("schedule");
    assert_eq!(schedule.describe, "every month from Nov 1, 2026");
    assert_eq!(schedule.next_on, NaiveDate::from_ymd_opt(2026, 11, 1));

    let first = recurring::run_due(&mut book, now()).expect("run");
    assert_eq!((first.drafts, first.issued.len()), (1, 0));
    let again = recurring::run_due(&mut book, now()).expect("run again");
    assert_eq!(again.drafts, 0, "the same day bills nothing twice");
    let review = recurring::to_review(&mut book, now()).expect("review");
    assert_eq!(review.len(), 1);
    assert_eq!(
        descriptions(&mut book, review[0].id),
        ["Monthly bookkeeping, November 2026"]
    );

    // Two months later, the missed periods, in order.
    let later = recurring::run_due(&mut book, at(2027, 1, 25)).expect("catch up");
    assert_eq!(later.drafts, 2);
    let review = recurring::to_review(&mut book, at(2027, 1, 25)).expect("review");
    let lines: Vec<Vec<String>> = review
        .iter()
        .map(|r| descriptions(&mut book, r.id))
        .collect();
    assert_eq!(
        lines,
        [
            ["Monthly bookkeeping, November 2026"],
            ["Monthly bookkeeping, December 2026"],
            ["Monthly bookkeeping, January 2027"]
        ]
    );
    let issued = recurring::issue_reviewed(&mut book, at(2027, 1, 25)).expect("issue");
    let numbers: Vec<&str> = issued.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(
        numbers,
        ["INV-0002", "INV-0003", "INV-0004"],
        "gapless, in period order"
    );
    let dates: Vec<String> = review
        .iter()
        .map(|r| {
            invoices::get(&mut book, r.id, now())
                .expect("invoice")
                .row
                .issue_date
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        dates,
        ["2026-11-01", "2026-12-01", "2027-01-01"],
        "each dated for its period"
    );
    assert!(recurring::to_review(&mut book, now())
        .expect("review")
        .is_empty());
    let shown = recurring::for_customer(&mut book, schedule.customer_id).expect("list");
    let made: Vec<&str> = shown[0].made.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(made, ["INV-0002", "INV-0003", "INV-0004"]);
    assert_eq!(
        shown[0].next_first_line.as_deref(),
        Some("Monthly bookkeeping, February 2027")
    );

    // Future runs change; what was billed stays.
    let changed = recurring::change_future(
        &mut book,
        schedule.id,
        &recurring::FutureForm {
            ends_on: String::new(),
            max_count: "4".into(),
            issue: true,
            first_line: "Bookkeeping and payroll, {{ period }}".into(),
        },
    )
    .expect("changed");
    assert_eq!(
        changed.next_first_line.as_deref(),
        Some("Bookkeeping and payroll, February 2027")
    );
    let last = recurring::run_due(&mut book, at(2027, 6, 1)).expect("run");
    assert_eq!(
        last.issued,
        ["INV-0005"],
        "the fourth and last, issued as made"
    );
    assert_eq!(
        descriptions(&mut book, issued[0].invoice_id),
        ["Monthly bookkeeping, November 2026"]
    );
    assert_refused(&mut book, "max_count", "at least 1", |b| {
        recurring::change_future(
            b,
            schedule.id,
            &recurring::FutureForm {
                max_count: "0".into(),
                ..recurring::FutureForm::default()
            },
        )
    });
}

#[test]
fn an_issuing_schedule_numbers_its_periods_in_order() {
    let (mut book, retainer) = book();
    recurring::from_invoice(&mut book, retainer, &monthly(true), now()).expect("schedule");
    let report = recurring::run_due(&mut book, at(2027, 1, 2)).expect("run");
    assert_eq!(report.issued, ["INV-0002", "INV-0003", "INV-0004"]);
    assert_eq!(report.drafts, 0);
    assert_eq!(
        recurring::run_due(&mut book, at(2027, 1, 2))
            .expect("again")
            .issued
            .len(),
        0
    );
}

#[test]
fn pause_resume_end_and_a_deleted_draft_is_skipped_not_rebilled() {
    let (mut book, retainer) = book();
    let s = recurring::from_invoice(&mut book, retainer, &monthly(false), now()).expect("schedule");
    recurring::change(&mut book, s.id, Change::Pause, now()).expect("pause");
    assert_eq!(
        recurring::run_due(&mut book, now()).expect("run").drafts,
        0,
        "paused"
    );
    recurring::change(&mut book, s.id, Change::Resume, at(2026, 12, 5)).expect("resume");
    assert_eq!(
        recurring::run_due(&mut book, at(2026, 12, 5))
            .expect("run")
            .drafts,
        2,
        "resumed: the periods missed while paused are billed"
    );
    let review = recurring::to_review(&mut book, now()).expect("review");
    invoices::delete_draft(&mut book, review[0].id).expect("the owner deletes one");
    assert_eq!(
        recurring::run_due(&mut book, at(2026, 12, 5))
            .expect("run")
            .drafts,
        0
    );
    let shown = recurring::get(&mut book, s.id).expect("schedule");
    let made: Vec<&str> = shown.made.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(made, ["Skipped", "Draft"]);

    recurring::change(&mut book, s.id, Change::End, at(2026, 12, 5)).expect("end");
    assert_eq!(
        recurring::run_due(&mut book, at(2027, 6, 1))
            .expect("run")
            .drafts,
        0
    );
    assert!(recurring::get(&mut book, s.id)
        .expect("schedule")
        .next_on
        .is_none());
    assert_not_allowed(&mut book, "has ended", |b| {
        recurring::change(b, s.id, Change::Resume, now())
    });
}

#[test]
fn a_bad_schedule_is_refused_and_saves_nothing() {
    let (mut book, retainer) = book();
    let mut form = monthly(false);
    form.cadence.ends_on = "2026-10-01".into();
    assert_refused(&mut book, "ends_on", "cannot come before the first", |b| {
        recurring::from_invoice(b, retainer, &form, now())
    });
    let mut form = monthly(false);
    form.cadence.starts_on = "2026-02-31".into();
    assert_refused(&mut book, "starts_on", "First invoice on", |b| {
        recurring::from_invoice(b, retainer, &form, now())
    });
}
