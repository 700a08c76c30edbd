//! Payments, credit, reversals, promises and the contact log, through the
//! commands: every promise transition with dates passed in, and the
//! invariant Σ allocations + credit = Σ payments under random sequences.

mod common;

#[path = "../../duly-documents/tests/support/pdf_tools.rs"]
mod pdf_tools;

use chrono::{Days, NaiveDate, NaiveDateTime};
use common::{assert_not_allowed, assert_refused, now, snapshot};
use duly_app::history::account;
use duly_app::invoices::{self, VoidForm};
use duly_app::{contacts, customers, payments, promises, settings};
use duly_core::contact_log::{Channel, ContactForm, Outcome, Person};
use duly_core::customer::{Contact, CustomerForm};
use duly_core::invoice::{DraftForm, IssueForm, LineForm};
use duly_core::payment::{AllocationForm, PaymentForm, PaymentMethod, ReferenceForm, ReversalForm};
use duly_core::profile::ProfileForm;
use duly_core::promise::{PromiseForm, PromiseKind, PromiseStatus};
use duly_store::Book;
use proptest::prelude::*;

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|x| x.and_hms_opt(10, 0, 0))
        .expect("valid")
}

/// A book with one customer and invoices of the given amounts issued on the
/// given days (oldest first). Returns (customer, invoice ids).
fn book_with(invoices: &[(&str, NaiveDateTime)]) -> (Book, i64, Vec<i64>) {
    let mut book = Book::open_in_memory().expect("book");
    let profile = ProfileForm {
        name: "Harbor & Pine".into(),
        currency: "USD".into(),
        default_terms_days: "30".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(&mut book, &profile).expect("profile");
    let form = CustomerForm {
        company: "Blue Heron Dental".into(),
        billing: Contact {
            name: "Ada".into(),
            email: "ap@heron.example".into(),
            ..Contact::default()
        },
        escalation: Contact {
            name: "Dr. Ito".into(),
            title: "Owner".into(),
            ..Contact::default()
        },
        ..CustomerForm::default()
    };
    let customer = customers::create(&mut book, &form, now())
        .expect("customer")
        .id;
    let ids = invoices
        .iter()
        .map(|(price, day)| {
            let draft = DraftForm {
                customer_id: Some(customer),
                lines: vec![LineForm {
                    description: "Cleaning".into(),
                    quantity: "1".into(),
                    unit_price: (*price).into(),
                    ..LineForm::default()
                }],
                ..DraftForm::default()
            };
            let d = invoices::save_draft(&mut book, None, &draft, *day).expect("draft");
            let issue = IssueForm {
                issue_date: day.date().format("%Y-%m-%d").to_string(),
                due_date: String::new(),
            };
            invoices::issue(&mut book, d.row.id, &issue, *day)
                .expect("issue")
                .row
                .id
        })
        .collect();
    (book, customer, ids)
}

fn pay(customer: i64, on: &str, amount: &str, reference: &str) -> PaymentForm {
    PaymentForm {
        customer_id: Some(customer),
        received_on: on.into(),
        amount: amount.into(),
        method: PaymentMethod::Check,
        reference: reference.into(),
        ..PaymentForm::default()
    }
}

fn balance(book: &mut Book, id: i64, when: NaiveDateTime) -> String {
    invoices::get(book, id, when).expect("invoice").row.balance
}

#[test]
fn a_partial_check_pays_oldest_first_and_an_overpayment_becomes_credit() {
    let (mut book, c, ids) = book_with(&[("300", at(2026, 1, 5)), ("200", at(2026, 2, 5))]);
    let receipt = payments::record(
        &mut book,
        &pay(c, "2026-03-01", "350", "1041"),
        at(2026, 3, 1),
    )
    .expect("pay");
    assert_eq!(
        receipt.applied,
        [
            ("INV-0001".to_string(), "300.00".to_string()),
            ("INV-0002".into(), "50.00".into())
        ]
    );
    assert_eq!(receipt.credit, "0.00");
    assert_eq!(balance(&mut book, ids[0], now()), "0.00");
    assert_eq!(balance(&mut book, ids[1], now()), "150.00");
    let over = payments::record(
        &mut book,
        &pay(c, "2026-03-02", "200", "1042"),
        at(2026, 3, 2),
    )
    .expect("pay");
    assert_eq!(over.credit, "50.00");
    let acct = account(&mut book, c, now()).expect("account");
    assert_eq!(
        (acct.balance.as_str(), acct.credit.as_str()),
        ("0.00", "50.00")
    );
    let status = invoices::get(&mut book, ids[1], now())
        .expect("inv")
        .row
        .status;
    assert_eq!(status, duly_core::invoice::InvoiceStatus::Paid);
}

#[test]
fn credit_is_applied_to_a_later_invoice() {
    let (mut book, c, _) = book_with(&[("100", at(2026, 1, 5))]);
    payments::record(&mut book, &pay(c, "2026-01-20", "160", ""), at(2026, 1, 20)).expect("pay");
    assert_not_allowed(&mut book, "owes nothing", |b| {
        payments::apply_credit(b, c, at(2026, 1, 21))
    });
    let draft = DraftForm {
        customer_id: Some(c),
        lines: vec![LineForm {
            description: "Whitening".into(),
            quantity: "1".into(),
            unit_price: "90".into(),
            ..LineForm::default()
        }],
        ..DraftForm::default()
    };
    let d = invoices::save_draft(&mut book, None, &draft, at(2026, 2, 1)).expect("draft");
    let issue = IssueForm {
        issue_date: "2026-02-01".into(),
        due_date: String::new(),
    };
    let later = invoices::issue(&mut book, d.row.id, &issue, at(2026, 2, 1))
        .expect("issue")
        .row
        .id;
    let applied = payments::apply_credit(&mut book, c, at(2026, 2, 2)).expect("apply");
    assert_eq!(
        applied.applied,
        [("INV-0002".to_string(), "60.00".to_string())]
    );
    assert_eq!(balance(&mut book, later, now()), "30.00");
    assert_eq!(account(&mut book, c, now()).expect("acct").credit, "0.00");
}

#[test]
fn manual_allocation_refuses_too_much_and_saves_nothing() {
    let (mut book, c, ids) = book_with(&[("100", at(2026, 1, 5)), ("200", at(2026, 1, 6))]);
    let mut form = pay(c, "2026-02-01", "150", "");
    form.allocations = vec![
        AllocationForm {
            invoice_id: ids[0],
            amount: "120".into(),
        },
        AllocationForm {
            invoice_id: ids[1],
            amount: "30".into(),
        },
    ];
    assert_refused(
        &mut book,
        "allocations[0].amount",
        "only owes USD 100.00",
        |b| payments::record(b, &form, at(2026, 2, 1)),
    );
    form.allocations[0].amount = "100".into();
    form.allocations[1].amount = "80".into();
    assert_refused(&mut book, "allocations", "more than the payment", |b| {
        payments::record(b, &form, at(2026, 2, 1))
    });
    form.allocations[1].amount = "20".into();
    let r = payments::record(&mut book, &form, at(2026, 2, 1)).expect("by hand");
    assert_eq!(r.credit, "30.00");
    assert_eq!(balance(&mut book, ids[1], now()), "180.00");
}

#[test]
fn bad_payments_are_refused_with_specific_messages() {
    let (mut book, c, _) = book_with(&[("100", at(2026, 1, 5))]);
    let today = at(2026, 2, 1);
    for (amount, date, field, message) in [
        ("0", "2026-02-01", "amount", "more than 0"),
        ("-10", "2026-02-01", "amount", "more than 0"),
        ("10.001", "2026-02-01", "amount", "at most 2 decimals"),
        ("10", "2026-03-01", "received_on", "in the future"),
    ] {
        assert_refused(&mut book, field, message, |b| {
            payments::record(b, &pay(c, date, amount, ""), today)
        });
    }
}

#[test]
fn a_bounced_check_reopens_the_invoice_and_both_events_stay() {
    let (mut book, c, ids) = book_with(&[("300", at(2026, 1, 5))]);
    let r = payments::record(
        &mut book,
        &pay(c, "2026-02-01", "300", "1050"),
        at(2026, 2, 1),
    )
    .expect("pay");
    let payment_id = r.payment_id.expect("new payment");
    assert_eq!(balance(&mut book, ids[0], now()), "0.00");
    assert_not_allowed(&mut book, "reverse them before voiding", |b| {
        invoices::void(b, ids[0], &VoidForm { reason: "x".into() }, now())
    });
    let bounce = ReversalForm {
        reversed_on: "2026-02-06".into(),
        reason: "Returned: insufficient funds".into(),
    };
    payments::reverse(&mut book, payment_id, &bounce, at(2026, 2, 6)).expect("reverse");
    assert_eq!(
        balance(&mut book, ids[0], now()),
        "300.00",
        "the invoice owes again"
    );
    assert_not_allowed(&mut book, "already reversed", |b| {
        payments::reverse(b, payment_id, &bounce, at(2026, 2, 7))
    });
    let timeline = account(&mut book, c, now()).expect("acct").timeline.rows;
    let kinds: Vec<String> = timeline
        .iter()
        .map(|e| {
            serde_json::to_value(e).expect("json")["event"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(
        kinds,
        ["payment_reversed", "payment_received", "invoice_issued"]
    );
}

/// A payment typed as $3,000 instead of $300 is taken back as entered in
/// error: on no day did it count (not even the day it was "received"), the
/// history says so without a reversal, the statement leaves it out, and the
/// corrected one, entered again, keeps the promise it was for.
#[test]
fn a_payment_entered_in_error_never_counted_and_is_entered_again() {
    let (mut book, c, ids) = book_with(&[("300", at(2026, 1, 5))]);
    promises::record(
        &mut book,
        c,
        &check_promise(ids[0], "2026-02-10", "1042"),
        at(2026, 2, 11),
    )
    .expect("promise");
    let wrong = payments::record(
        &mut book,
        &pay(c, "2026-02-14", "3000", "1042"),
        at(2026, 2, 14),
    )
    .expect("pay")
    .payment_id
    .expect("new payment");
    assert_eq!(balance(&mut book, ids[0], at(2026, 2, 14)), "0.00");

    let again = payments::mark_entered_in_error(&mut book, wrong).expect("taken back");
    assert_eq!(
        (
            again.customer_id,
            again.amount.as_str(),
            again.reference.as_str()
        ),
        (c, "3000.00", "1042")
    );
    assert_eq!(again.received_on.to_string(), "2026-02-14");
    for day in [at(2026, 2, 14), at(2026, 2, 20), now()] {
        assert_eq!(balance(&mut book, ids[0], day), "300.00", "{day}");
    }
    let acct = account(&mut book, c, at(2026, 2, 14)).expect("account");
    assert_eq!(acct.credit, "0.00", "no credit from money never received");
    assert_ne!(acct.promises[0].outcome.status, PromiseStatus::Kept);
    let events: Vec<serde_json::Value> = acct
        .timeline
        .rows
        .iter()
        .map(|e| serde_json::to_value(e).expect("json"))
        .collect();
    assert!(events
        .iter()
        .any(|e| e["event"] == "payment_received" && e["entered_in_error"] == true));
    assert!(
        !events.iter().any(|e| e["event"] == "payment_reversed"),
        "not called a reversal: {events:?}"
    );
    assert_not_allowed(&mut book, "already marked entered in error", |b| {
        payments::mark_entered_in_error(b, wrong)
    });
    let trail = duly_app::audit::trail(
        &mut book,
        duly_app::audit::Subject::Customer,
        c,
        duly_app::page::Span::default(),
    )
    .expect("trail")
    .rows;
    assert!(
        trail
            .iter()
            .any(|e| e.what == "Payment of 3000.00 marked entered in error"),
        "{:?}",
        trail.iter().map(|e| &e.what).collect::<Vec<_>>()
    );
    let statement = duly_app::documents::statement_pdf(
        &mut book,
        c,
        NaiveDate::from_ymd_opt(2026, 1, 1).expect("day"),
        at(2026, 2, 20),
    )
    .expect("statement");
    let text = pdf_tools::Pdf::new(&statement.bytes).text();
    assert!(
        !text.contains("1042") && !text.contains("3,000.00"),
        "the statement leaves the mistake out:\n{text}"
    );

    let right = payments::record(
        &mut book,
        &pay(c, "2026-02-14", "300", "1042"),
        at(2026, 2, 20),
    )
    .expect("entered again")
    .payment_id
    .expect("new payment");
    assert_eq!(balance(&mut book, ids[0], now()), "0.00");
    assert_eq!(
        status_on(&mut book, c, at(2026, 2, 20)),
        PromiseStatus::Kept
    );

    // What identifies it can be corrected; money facts cannot.
    let fix = ReferenceForm {
        reference: " 1043 ".into(),
        memo: "Check was 1043, not 1042".into(),
    };
    payments::correct_reference(&mut book, right, &fix).expect("corrected");
    let shown = account(&mut book, c, now()).expect("account").timeline.rows;
    assert!(serde_json::to_string(&shown)
        .expect("json")
        .contains("\"reference\":\"1043\""));
    assert_refused(&mut book, "reference", "Reference", |b| {
        payments::correct_reference(
            b,
            right,
            &ReferenceForm {
                reference: "a\u{0}b".into(),
                memo: String::new(),
            },
        )
    });
    assert_not_allowed(&mut book, "no longer counts", |b| {
        payments::correct_reference(b, wrong, &fix)
    });
}

/// A check bounces on 6 Feb; the replacement, entered later, is dated 3 Feb
/// (when it arrived). On 3–5 Feb the bounced check still covered the
/// invoice, so the replacement applies from the bounce: the balance on every
/// past day is what the book said that day, never below zero.
#[test]
fn a_payment_back_dated_before_a_bounce_applies_from_the_bounce() {
    let (mut book, c, ids) = book_with(&[("300", at(2026, 1, 5))]);
    let first = payments::record(
        &mut book,
        &pay(c, "2026-02-01", "300", "1050"),
        at(2026, 2, 1),
    )
    .expect("pay")
    .payment_id
    .expect("new payment");
    let bounce = ReversalForm {
        reversed_on: "2026-02-06".into(),
        reason: "Returned: insufficient funds".into(),
    };
    payments::reverse(&mut book, first, &bounce, at(2026, 2, 6)).expect("reverse");
    payments::record(
        &mut book,
        &pay(c, "2026-02-03", "300", "1061"),
        at(2026, 2, 10),
    )
    .expect("replacement");

    let owed_on = |book: &mut Book, d: u32| -> String {
        let day = NaiveDate::from_ymd_opt(2026, 2, d).expect("date");
        book.read(|tx| duly_app::standing::of(tx, c, day))
            .expect("as of")
            .invoice(ids[0])
            .expect("the invoice")
            .balance
            .to_string()
    };
    let owed: Vec<String> = [2, 3, 5, 6, 10]
        .iter()
        .map(|d| owed_on(&mut book, *d))
        .collect();
    assert_eq!(
        owed,
        ["0", "0", "0", "0", "0"],
        "owed on 2, 3, 5, 6 and 10 Feb"
    );
    let dates: Vec<NaiveDate> = book
        .read(|tx| duly_store::payments::allocations_for_customer(tx, c))
        .expect("allocations")
        .iter()
        .map(|a| a.allocated_on)
        .collect();
    assert_eq!(
        dates,
        [
            NaiveDate::from_ymd_opt(2026, 2, 1).expect("date"),
            NaiveDate::from_ymd_opt(2026, 2, 6).expect("date"),
        ]
    );
    assert_eq!(balance(&mut book, ids[0], now()), "0.00");
}

/// A day reads in the order it happened: an invoice issued at 08:00 and a
/// payment entered at 09:00 sit below a 14:30 call, and a payment entered
/// days later for that date (its hour unknown) sits at noon between them.
#[test]
fn the_timeline_orders_a_day_by_when_things_happened() {
    let day = NaiveDate::from_ymd_opt(2026, 2, 10).expect("date");
    let time = |d: NaiveDate, h: u32, m: u32| d.and_hms_opt(h, m, 0).expect("time");
    let (mut book, c, _) = book_with(&[("300", at(2026, 1, 5)), ("80", time(day, 8, 0))]);
    payments::record(
        &mut book,
        &pay(c, "2026-02-10", "100", "MORNING"),
        time(day, 9, 0),
    )
    .expect("morning payment");
    let call = ContactForm {
        customer_id: Some(c),
        happened_at: "2026-02-10T14:30".into(),
        channel: Channel::Call,
        person: Person::Billing,
        notes: "Thanked Ada for the part payment.".into(),
        outcome: Outcome::Reached,
        ..ContactForm::default()
    };
    contacts::log(&mut book, &call, time(day, 15, 0)).expect("call");
    let later = NaiveDate::from_ymd_opt(2026, 2, 12).expect("date");
    payments::record(
        &mut book,
        &pay(c, "2026-02-10", "50", "BACKDATED"),
        time(later, 16, 0),
    )
    .expect("back-dated payment");

    let timeline = account(&mut book, c, time(later, 17, 0))
        .expect("acct")
        .timeline
        .rows;
    let order: Vec<String> = timeline
        .iter()
        .map(|e| {
            let json = serde_json::to_value(e).expect("json");
            match json["event"].as_str() {
                Some("payment_received") => json["reference"].as_str().unwrap_or("").to_owned(),
                Some("invoice_issued") => json["date"].as_str().unwrap_or("").to_owned(),
                other => other.unwrap_or("").to_owned(),
            }
        })
        .collect();
    assert_eq!(
        order,
        [
            "contact",
            "BACKDATED",
            "MORNING",
            "2026-02-10",
            "2026-01-05"
        ]
    );
}

/// Calls are logged to the minute: one logged seconds after a payment was
/// recorded, in the same minute, still shows above it.
#[test]
fn within_one_minute_what_was_entered_last_shows_first() {
    let (mut book, c, _) = book_with(&[("300", at(2026, 1, 5))]);
    let day = NaiveDate::from_ymd_opt(2026, 2, 10).expect("date");
    let time = |h: u32, m: u32, s: u32| day.and_hms_opt(h, m, s).expect("time");
    payments::record(
        &mut book,
        &pay(c, "2026-02-10", "100", "1090"),
        time(14, 31, 20),
    )
    .expect("payment");
    let call = ContactForm {
        customer_id: Some(c),
        happened_at: "2026-02-10T14:31".into(),
        channel: Channel::Call,
        person: Person::Billing,
        notes: "Ada: the check went out this morning.".into(),
        outcome: Outcome::Reached,
        ..ContactForm::default()
    };
    contacts::log(&mut book, &call, time(14, 31, 50)).expect("call");
    let timeline = account(&mut book, c, time(15, 0, 0))
        .expect("acct")
        .timeline
        .rows;
    let events: Vec<String> = timeline
        .iter()
        .map(|e| {
            serde_json::to_value(e).expect("json")["event"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(events, ["contact", "payment_received", "invoice_issued"]);
}

fn check_promise(invoice: i64, mailed_on: &str, number: &str) -> PromiseForm {
    PromiseForm {
        kind: PromiseKind::CheckInMail,
        amount: "300".into(),
        mailed_on: mailed_on.into(),
        check_number: number.into(),
        mailed_to: "12 Wharf St".into(),
        invoice_ids: vec![invoice],
        ..PromiseForm::default()
    }
}

fn status_on(book: &mut Book, customer: i64, day: NaiveDateTime) -> PromiseStatus {
    account(book, customer, day).expect("account").promises[0]
        .outcome
        .status
}

#[test]
fn a_check_in_the_mail_turns_kept_when_that_check_arrives() {
    let (mut book, c, ids) = book_with(&[("300", at(2026, 1, 5))]);
    let r = promises::record(
        &mut book,
        c,
        &check_promise(ids[0], "2026-02-10", "1042"),
        at(2026, 2, 11),
    )
    .expect("promise");
    assert_eq!(r.promised_on, "2026-02-15", "mailed + 5 days");
    assert!(r.warnings.is_empty());
    assert_eq!(
        status_on(&mut book, c, at(2026, 2, 12)),
        PromiseStatus::Pending
    );
    payments::record(
        &mut book,
        &pay(c, "2026-02-14", "300", "1042"),
        at(2026, 2, 14),
    )
    .expect("pay");
    assert_eq!(
        status_on(&mut book, c, at(2026, 2, 14)),
        PromiseStatus::Kept
    );
}

#[test]
fn every_promise_transition_with_dates_passed_in() {
    // Broken: nothing by 15 Feb + 3 days of grace.
    let (mut book, c, ids) = book_with(&[("300", at(2026, 1, 5))]);
    let form = PromiseForm {
        kind: PromiseKind::PayOnDate,
        amount: "300".into(),
        promised_on: "2026-02-15".into(),
        made_on: "2026-02-10".into(),
        invoice_ids: vec![ids[0]],
        ..PromiseForm::default()
    };
    promises::record(&mut book, c, &form, at(2026, 2, 10)).expect("promise");
    assert_eq!(
        status_on(&mut book, c, at(2026, 2, 18)),
        PromiseStatus::Pending
    );
    assert_eq!(
        status_on(&mut book, c, at(2026, 2, 19)),
        PromiseStatus::Broken
    );
    let acct = account(&mut book, c, at(2026, 2, 19)).expect("acct");
    assert_eq!(acct.broken_promises, 1);

    // Partly kept: 100 of 300 in time.
    payments::record(&mut book, &pay(c, "2026-02-16", "100", ""), at(2026, 2, 16)).expect("pay");
    assert_eq!(
        status_on(&mut book, c, at(2026, 2, 19)),
        PromiseStatus::PartlyKept
    );
    // The rest clears the invoice after the deadline: the outcome at the
    // deadline stands (partly kept), and the promise says when it was paid.
    payments::record(&mut book, &pay(c, "2026-02-25", "200", ""), at(2026, 2, 25)).expect("pay");
    assert_eq!(
        status_on(&mut book, c, at(2026, 2, 25)),
        PromiseStatus::PartlyKept
    );
    let acct = account(&mut book, c, at(2026, 2, 25)).expect("acct");
    assert_eq!(
        acct.promises[0].outcome.paid_late_on,
        NaiveDate::from_ymd_opt(2026, 2, 25)
    );
}

#[test]
fn promises_are_refused_for_paid_invoices_and_check_promises_flag_missing_answers() {
    let (mut book, c, ids) = book_with(&[("300", at(2026, 1, 5)), ("50", at(2026, 1, 6))]);
    payments::record(&mut book, &pay(c, "2026-01-10", "300", ""), at(2026, 1, 10)).expect("pay");
    assert_refused(&mut book, "invoice_ids", "INV-0001 is already paid", |b| {
        promises::record(
            b,
            c,
            &check_promise(ids[0], "2026-01-11", "7"),
            at(2026, 1, 12),
        )
    });
    let vague = PromiseForm {
        kind: PromiseKind::CheckInMail,
        amount: "50".into(),
        promised_on: "2026-01-20".into(),
        invoice_ids: vec![ids[1]],
        ..PromiseForm::default()
    };
    let r = promises::record(&mut book, c, &vague, at(2026, 1, 12)).expect("allowed but flagged");
    let asked: Vec<&str> = r.warnings.iter().map(|w| w.field.as_str()).collect();
    assert_eq!(asked, ["mailed_on", "check_number", "mailed_to"]);
}

#[test]
fn a_call_records_its_promise_linked_and_shows_on_the_timeline() {
    let (mut book, c, ids) = book_with(&[("300", at(2026, 1, 5))]);
    let call = ContactForm {
        customer_id: Some(c),
        happened_at: "2026-02-10T14:30".into(),
        channel: Channel::Call,
        person: Person::Billing,
        notes: "Ada says the check went out yesterday.".into(),
        outcome: Outcome::PromisedToPay,
        next_step: "Watch for check 1042".into(),
        follow_up_on: "2026-02-17".into(),
        promise: Some(check_promise(ids[0], "2026-02-09", "1042")),
        ..ContactForm::default()
    };
    let r = contacts::log(&mut book, &call, at(2026, 2, 10)).expect("log");
    assert!(r.promise.is_some());
    assert_eq!(r.recap.to, "ap@heron.example");
    let acct = account(&mut book, c, at(2026, 2, 10)).expect("acct");
    let json = serde_json::to_value(&acct.timeline.rows).expect("json");
    assert_eq!(json[0]["event"], "contact");
    assert_eq!(json[0]["person_name"], "Ada", "the billing contact's name");
    assert_eq!(json[0]["follow_up_on"], "2026-02-17");
    assert_eq!(json[1]["event"], "promise");
    assert_eq!(json[1]["kind"], "check_in_mail");
    assert_eq!(json[1]["check_number"], "1042");

    let mut bad = call.clone();
    bad.promise.as_mut().expect("promise").amount = "0".into();
    assert_refused(&mut book, "promise.amount", "more than 0", |b| {
        contacts::log(b, &bad, at(2026, 2, 10))
    });
    let mut unrecorded = call;
    unrecorded.promise = None;
    assert_refused(&mut book, "outcome", "Record what they promised", |b| {
        contacts::log(b, &unrecorded, at(2026, 2, 10))
    });
}

/// The recap drafted on 1 Dec 2026 for `contact` (the last conversation
/// when none is chosen).
fn recap_of(
    book: &mut Book,
    customer: i64,
    contact: Option<i64>,
) -> duly_app::error::Result<duly_app::drafts::DraftView> {
    let about = duly_app::drafts::DraftSubject {
        contact_id: contact,
        ..Default::default()
    };
    duly_app::drafts::draft(
        book,
        customer,
        duly_app::templates::TemplateKind::CallRecap,
        about,
        at(2026, 12, 1),
    )
}

/// On 1 Dec the customer says check 2210 went out on 17 Nov. It is recorded
/// as said: expected by 22 Nov (mail time 5 days), looked out for until
/// 4 Dec (grace 3 days from the call), and the recap states that, with what
/// was agreed, and never the private notes.
#[test]
fn a_check_mailed_two_weeks_before_the_call_is_recorded_and_recapped_truthfully() {
    let (mut book, c, ids) = book_with(&[("300", at(2026, 10, 1))]);
    let call = ContactForm {
        customer_id: Some(c),
        happened_at: "2026-12-01T09:30".into(),
        channel: Channel::Call,
        person: Person::Billing,
        notes: "Sounded stressed; blamed their bookkeeper.".into(),
        agreed: "You will email the remittance advice today.".into(),
        outcome: Outcome::PromisedToPay,
        next_step: "Watch for check 2210".into(),
        follow_up_on: "2026-12-04".into(),
        promise: Some(check_promise(ids[0], "2026-11-17", "2210")),
        ..ContactForm::default()
    };
    let r = contacts::log(&mut book, &call, at(2026, 12, 1)).expect("a past check is recorded");
    assert_eq!(
        r.promise.as_ref().map(|p| p.promised_on.as_str()),
        Some("2026-11-22")
    );
    let promise = "Check 2210 for $300.00 toward INV-0001, mailed on 17 Nov 2026 \
                   (sent to: 12 Wharf St); we will watch for it until 4 Dec 2026";
    assert_eq!(r.recap.promise.as_deref(), Some(promise));
    assert_eq!(
        r.recap.agreed,
        "You will email the remittance advice today."
    );
    assert_eq!(
        status_on(&mut book, c, at(2026, 12, 4)),
        PromiseStatus::Pending,
        "not broken the day it was recorded, nor within the grace"
    );
    assert_eq!(
        status_on(&mut book, c, at(2026, 12, 5)),
        PromiseStatus::Broken
    );

    let recap = recap_of(&mut book, c, Some(r.contact_id)).expect("recap");
    assert!(
        recap.body.contains(&format!("- {promise}.")),
        "{}",
        recap.body
    );
    assert!(recap
        .body
        .contains("- You will email the remittance advice today."));
    assert!(recap
        .body
        .contains("Next step: Watch for check 2210 (by 4 Dec 2026)."));
    for private in ["stressed", "bookkeeper"] {
        assert!(!recap.body.contains(private), "{}", recap.body);
        assert!(!recap.subject.contains(private));
    }
    assert_eq!(
        recap.to,
        ["ap@heron.example"],
        "to the billing contact spoken to"
    );

    // A voicemail is not a conversation: no recap is offered or drafted.
    let voicemail = ContactForm {
        outcome: Outcome::LeftMessage,
        promise: None,
        agreed: String::new(),
        ..call
    };
    let r = contacts::log(&mut book, &voicemail, at(2026, 12, 1)).expect("voicemail");
    assert!(!r.recap.offered);
    let refused = recap_of(&mut book, c, Some(r.contact_id));
    assert!(
        refused.is_err_and(|e| e.message.contains("nothing to recap")),
        "a voicemail has no recap"
    );
    // Without a chosen call, the recap is of the last conversation, not the voicemail.
    let latest = recap_of(&mut book, c, None).expect("recap of the last conversation");
    assert!(latest
        .body
        .contains("You will email the remittance advice today."));

    // A recap goes to the person spoken to: the escalation contact here,
    // whose address the book does not have, so To is left for the owner.
    let with_the_owner = ContactForm {
        person: Person::Escalation,
        outcome: Outcome::Reached,
        promise: None,
        ..voicemail
    };
    let r = contacts::log(&mut book, &with_the_owner, at(2026, 12, 1)).expect("call");
    let recap = recap_of(&mut book, c, Some(r.contact_id)).expect("recap");
    assert!(recap.to.is_empty(), "{:?}", recap.to);
    assert!(recap.body.starts_with("Hi Dr. Ito,"), "{}", recap.body);
}

/// What the book holds: Σ allocations of live payments + unapplied credit,
/// and Σ live payments.
fn money_sums(book: &mut Book) -> (i64, i64) {
    book.read(|tx| {
        Ok(tx.query_row(
            "SELECT (SELECT COALESCE(SUM(a.amount_minor), 0) FROM allocations a JOIN payments p ON p.id = a.payment_id WHERE p.reversed_on IS NULL)
                  + (SELECT COALESCE(SUM(credit_minor), 0) FROM payment_credit),
                    (SELECT COALESCE(SUM(amount_minor), 0) FROM payments WHERE reversed_on IS NULL)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    })
    .expect("sums")
}

#[derive(Debug, Clone)]
enum Step {
    Pay(u32),
    Reverse(usize),
    ApplyCredit,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn allocations_plus_credit_always_equal_payments(
        steps in prop::collection::vec(
            prop_oneof![
                (1u32..60_000).prop_map(Step::Pay),
                (0usize..8).prop_map(Step::Reverse),
                Just(Step::ApplyCredit),
            ],
            1..14,
        )
    ) {
        let (mut book, c, _) = book_with(&[("125.50", at(2026, 1, 5)), ("99.99", at(2026, 1, 9)), ("310", at(2026, 1, 20))]);
        let mut paid: Vec<i64> = Vec::new();
        let mut day = at(2026, 2, 1);
        for step in steps {
            day = day.checked_add_days(Days::new(1)).expect("date");
            let on = day.date().format("%Y-%m-%d").to_string();
            match step {
                Step::Pay(cents) => {
                    let amount = format!("{}.{:02}", cents / 100, cents % 100);
                    if let Ok(r) = payments::record(&mut book, &pay(c, &on, &amount, ""), day) {
                        paid.extend(r.payment_id);
                    }
                }
                Step::Reverse(i) => {
                    if let Some(id) = paid.get(i) {
                        let before = snapshot(&mut book);
                        let form = ReversalForm { reversed_on: on.clone(), reason: "Bounced".into() };
                        if payments::reverse(&mut book, *id, &form, day).is_err() {
                            prop_assert_eq!(before, snapshot(&mut book));
                        }
                    }
                }
                Step::ApplyCredit => {
                    let _ = payments::apply_credit(&mut book, c, day);
                }
            }
            let (allocated_plus_credit, payments_total) = money_sums(&mut book);
            prop_assert_eq!(allocated_plus_credit, payments_total);
            let acct = account(&mut book, c, day).expect("account");
            prop_assert!(!acct.balance.starts_with('-'), "no invoice is overpaid: {}", acct.balance);
        }
    }
}
