//! Disputes, credit notes, plans and extensions through the commands, with
//! dates passed in: every transition and every amount, and how the ladder and
//! the weekly summary see them.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use common::{assert_not_allowed, assert_refused};
use duly_app::disputes::{self, CreditNoteForm, NoteForm};
use duly_app::drafts::{self, DraftSubject};
use duly_app::templates::TemplateKind;
use duly_app::{customers, invoices, payments, plans, settings, summary};
use duly_core::customer::{Contact, CustomerForm};
use duly_core::dispute::{DisputeCause, DisputeForm, DisputeStatus, Resolution, ResolveForm};
use duly_core::invoice::{DraftForm, IssueForm, LineForm};
use duly_core::payment::{AllocationForm, PaymentForm};
use duly_core::plan::{ExtensionForm, Frequency, PlanForm, PlanStatus};
use duly_core::profile::ProfileForm;
use duly_store::Book;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("valid")
}

fn at(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(9, 0, 0).expect("valid")
}

/// One customer with one invoice of three lines (100, 200, 300.00), issued
/// 1 Feb, due 3 Mar. Returns (book, customer, invoice).
fn book() -> (Book, i64, i64) {
    let mut book = Book::open_in_memory().expect("book");
    let profile = ProfileForm {
        name: "Harbor & Pine".into(),
        owner_name: "Maya Lindqvist".into(),
        currency: "USD".into(),
        default_terms_days: "30".into(),
        bank_details: "Bank transfer to account 0042".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(&mut book, &profile).expect("profile");
    let form = CustomerForm {
        company: "Cedar Point Auto".into(),
        billing: Contact {
            name: "Ana Novak".into(),
            email: "ana@cedar.example".into(),
            ..Contact::default()
        },
        ..CustomerForm::default()
    };
    let c = customers::create(&mut book, &form, at(day(1, 1)))
        .expect("customer")
        .id;
    let line = |d: &str, p: &str| LineForm {
        description: d.into(),
        quantity: "1".into(),
        unit_price: p.into(),
        ..LineForm::default()
    };
    let draft = DraftForm {
        customer_id: Some(c),
        lines: vec![
            line("Diagnostics", "100"),
            line("Brake service", "200"),
            line("Parts", "300"),
        ],
        ..DraftForm::default()
    };
    let d = invoices::save_draft(&mut book, None, &draft, at(day(2, 1))).expect("draft");
    let issue = IssueForm {
        issue_date: "2026-02-01".into(),
        due_date: String::new(),
    };
    let id = invoices::issue(&mut book, d.row.id, &issue, at(day(2, 1)))
        .expect("issue")
        .row
        .id;
    (book, c, id)
}

fn balance(book: &mut Book, id: i64, now: NaiveDate) -> String {
    invoices::get(book, id, at(now))
        .expect("invoice")
        .row
        .balance
}

#[test]
fn a_line_dispute_acknowledged_and_resolved_by_a_partial_credit_note() {
    let (mut b, c, inv) = book();
    let form = DisputeForm {
        invoice_id: inv,
        line: Some(1),
        cause: Some(DisputeCause::Quantity),
        customer_words: "The brakes took one hour, not two.".into(),
        amount: "100".into(),
    };
    assert_refused(&mut b, "amount", "cannot be more than USD 200.00", |b| {
        disputes::open(
            b,
            &DisputeForm {
                amount: "250".into(),
                ..form.clone()
            },
            at(day(3, 5)),
        )
    });
    let d = disputes::open(&mut b, &form, at(day(3, 5))).expect("open");
    assert_eq!(d.status, DisputeStatus::Open);
    assert_not_allowed(&mut b, "already has an open dispute", |b| {
        disputes::open(b, &form, at(day(3, 5)))
    });

    // While disputed, the ladder leaves the invoice alone; the summary shows it apart.
    assert_eq!(
        b.read(|tx| drafts::suggestion(tx, c, day(3, 20)))
            .expect("ladder"),
        None
    );
    let s = summary::compute(&mut b, day(3, 20)).expect("summary");
    assert_eq!(s.disputed, "600.00");
    assert!(s.actions.is_empty());
    assert_eq!(s.aging.total, "600.00", "still owed");

    // Thu 5 Mar + 5 business days = Thu 12 Mar.
    let d = disputes::acknowledge(&mut b, d.id, at(day(3, 5))).expect("ack");
    assert_eq!(d.resolve_by, Some(day(3, 12)));
    let ack = drafts::draft(
        &mut b,
        c,
        TemplateKind::DisputeAck,
        DraftSubject {
            dispute_id: Some(d.id),
            ..DraftSubject::default()
        },
        at(day(3, 5)),
    )
    .expect("draft");
    assert!(
        ack.body.contains("the quantity billed") && ack.body.contains("12 Mar 2026"),
        "{}",
        ack.body
    );
    assert!(
        summary::compute(&mut b, day(3, 13))
            .expect("summary")
            .disputes[0]
            .overdue,
        "past its promised date"
    );
    disputes::update(
        &mut b,
        d.id,
        &NoteForm {
            note: "Asked the mechanic for the job card.".into(),
            escalate: true,
        },
        at(day(3, 9)),
    )
    .expect("escalate");

    let resolve = ResolveForm {
        resolution: Some(Resolution::CreditNote),
        amount: "100".into(),
        note: "You were right: the job card shows one hour. We have credited one hour.".into(),
        our_error: true,
        reject: false,
    };
    let out = disputes::resolve(&mut b, d.id, &resolve, at(day(3, 10))).expect("resolve");
    assert_eq!(out.credit_note.as_deref(), Some("CN-0001"));
    assert_eq!(out.dispute.status, DisputeStatus::Resolved);
    let kinds: Vec<&str> = out.dispute.updates.iter().map(|u| u.1.as_str()).collect();
    assert_eq!(kinds, ["opened", "acknowledged", "escalated", "resolved"]);
    assert_eq!(balance(&mut b, inv, day(3, 10)), "500.00");
    let apology = drafts::draft(
        &mut b,
        c,
        TemplateKind::DisputeApology,
        DraftSubject {
            dispute_id: Some(d.id),
            ..DraftSubject::default()
        },
        at(day(3, 10)),
    )
    .expect("draft");
    assert!(
        apology.body.contains("I am sorry") && apology.body.contains("$500.00"),
        "{}",
        apology.body
    );
    let s = summary::compute(&mut b, day(3, 20)).expect("summary");
    assert_eq!(
        (
            s.aging.total.to_string().as_str(),
            s.disputed.to_string().as_str()
        ),
        ("500.00", "0.00")
    );
    let before = summary::compute(&mut b, day(3, 9)).expect("summary");
    assert_eq!(
        before.aging.total, "600.00",
        "the credit note counts from its date"
    );
    assert_not_allowed(&mut b, "already resolved", |b| {
        disputes::resolve(b, d.id, &resolve, at(day(3, 11)))
    });

    let report = disputes::report(&mut b).expect("report");
    assert_eq!(report.len(), 1);
    assert_eq!((report[0].count, report[0].our_error), (1, 1));
    assert_eq!(report[0].average_days_to_resolve.as_deref(), Some("5"));

    // The customer's timeline holds the dispute, its close and the credit note.
    let timeline = duly_app::history::account(&mut b, c, at(day(3, 20)))
        .expect("page")
        .timeline
        .rows;
    let events: Vec<serde_json::Value> = timeline
        .iter()
        .map(|e| serde_json::to_value(e).expect("json"))
        .collect();
    let find = |event: &str| {
        events
            .iter()
            .find(|e| e["event"] == event)
            .unwrap_or_else(|| panic!("no {event} in {events:#?}"))
    };
    assert_eq!(find("dispute_opened")["about"], "the quantity billed");
    assert_eq!(find("dispute_closed")["resolution"], "credit_note");
    let note = find("credit_note_issued");
    assert_eq!(
        (note["number"].as_str(), note["amount"].as_str()),
        (Some("CN-0001"), Some("100.00"))
    );
}

#[test]
fn credit_notes_are_numbered_and_never_exceed_what_is_owed() {
    let (mut b, _, inv) = book();
    let form = |amount: &str| CreditNoteForm {
        amount: amount.into(),
        reason: "Goodwill".into(),
        line: None,
    };
    assert_refused(&mut b, "amount", "cannot be more than USD 600.00", |b| {
        disputes::credit_note(b, inv, &form("600.01"), at(day(3, 1)))
    });
    assert_eq!(
        disputes::credit_note(&mut b, inv, &form("50"), at(day(3, 1))).expect("cn"),
        "CN-0001"
    );
    assert_eq!(
        disputes::credit_note(&mut b, inv, &form("25.50"), at(day(3, 2))).expect("cn"),
        "CN-0002"
    );
    assert_eq!(balance(&mut b, inv, day(3, 2)), "524.50");
    let tamper = b.write(|tx| Ok(tx.execute("DELETE FROM credit_notes", [])?));
    assert!(tamper.is_err(), "credit notes are never deleted");
}

#[test]
fn a_corrected_invoice_voids_the_original_and_drafts_a_linked_copy() {
    let (mut b, _, inv) = book();
    let d = disputes::open(
        &mut b,
        &DisputeForm {
            invoice_id: inv,
            line: None,
            cause: Some(DisputeCause::Price),
            customer_words: String::new(),
            amount: "600".into(),
        },
        at(day(3, 5)),
    )
    .expect("open");
    let out = disputes::resolve(
        &mut b,
        d.id,
        &ResolveForm {
            resolution: Some(Resolution::CorrectedInvoice),
            note: "Wrong price list.".into(),
            ..ResolveForm::default()
        },
        at(day(3, 6)),
    )
    .expect("resolve");
    let draft = out.corrected_draft_id.expect("a draft");
    assert_eq!(
        invoices::get(&mut b, inv, at(day(3, 6)))
            .expect("inv")
            .row
            .status,
        duly_core::invoice::InvoiceStatus::Void
    );
    let copy = invoices::get(&mut b, draft, at(day(3, 6))).expect("draft");
    assert_eq!(copy.lines.len(), 3);
    assert!(copy.notes.contains("Replaces invoice INV-0001"));
}

fn pay(b: &mut Book, c: i64, inv: i64, amount: &str, on: NaiveDate) {
    let form = PaymentForm {
        customer_id: Some(c),
        received_on: on.format("%Y-%m-%d").to_string(),
        amount: amount.into(),
        allocations: vec![AllocationForm {
            invoice_id: inv,
            amount: amount.into(),
        }],
        ..PaymentForm::default()
    };
    payments::record(b, &form, at(on)).expect("pay");
}

#[test]
fn a_three_installment_plan_splits_exactly_and_breaks_when_one_is_missed() {
    let (mut b, c, inv) = book();
    pay(&mut b, c, inv, "500", day(3, 1)); // 100.00 left… make it uneven:
    let form = PlanForm {
        invoice_ids: vec![inv],
        count: "3".into(),
        frequency: Frequency::Monthly,
        first_on: "2026-03-15".into(),
    };
    let plan = plans::create(&mut b, c, &form, at(day(3, 10))).expect("plan");
    let amounts: Vec<String> = plan.installments.iter().map(|i| i.1.to_string()).collect();
    assert_eq!(
        amounts,
        ["33.33", "33.33", "33.34"],
        "the remainder goes to the last"
    );
    let dates: Vec<String> = plan.installments.iter().map(|i| i.0.to_string()).collect();
    assert_eq!(dates, ["2026-03-15", "2026-04-15", "2026-05-15"]);
    // The ladder waits while the plan is kept…
    let s = b
        .read(|tx| drafts::suggestion(tx, c, day(3, 12)))
        .expect("ladder")
        .expect("overdue");
    assert!(s.waiting, "{s:?}");
    pay(&mut b, c, inv, "33.33", day(3, 14));
    let view =
        |b: &mut Book, d: NaiveDate| plans::list(b, Some(c), at(d)).expect("plans").remove(0);
    assert_eq!(
        view(&mut b, day(4, 18)).status,
        PlanStatus::Active,
        "15 Apr + 3 days grace"
    );
    // …and the missed April installment breaks it; the ladder resumes.
    assert_eq!(view(&mut b, day(4, 19)).status, PlanStatus::Broken);
    let s = b
        .read(|tx| drafts::suggestion(tx, c, day(4, 19)))
        .expect("ladder")
        .expect("overdue");
    assert!(
        !s.waiting
            && s.why
                .iter()
                .any(|w| w.contains("plan installment of 15 Apr 2026 missed")),
        "{s:?}"
    );
    // Plan installments feed the cash expected.
    let summary = summary::compute(&mut b, day(4, 10)).expect("summary");
    assert_eq!(
        summary.cash_expected[0].amount, "33.33",
        "the 15 Apr installment"
    );
}

#[test]
fn an_extension_moves_the_due_date_for_aging_and_keeps_the_original() {
    let (mut b, _, inv) = book();
    let form = ExtensionForm {
        new_due_date: "2026-04-30".into(),
        reason: "Waiting for their insurer.".into(),
    };
    assert_refused(&mut b, "new_due_date", "later", |b| {
        plans::extend(
            b,
            inv,
            &ExtensionForm {
                new_due_date: "2026-03-01".into(),
                ..form.clone()
            },
            at(day(3, 10)),
        )
    });
    plans::extend(&mut b, inv, &form, at(day(3, 10))).expect("extend");
    let row = invoices::get(&mut b, inv, at(day(4, 1))).expect("inv").row;
    assert_eq!(row.due_date, Some(day(4, 30)));
    assert_eq!(row.original_due_date, Some(day(3, 3)));
    assert_eq!(
        row.status,
        duly_core::invoice::InvoiceStatus::Open,
        "not overdue any more"
    );
    let s = summary::compute(&mut b, day(4, 1)).expect("summary");
    assert_eq!(s.aging.amounts[0], "600.00", "current under the new date");
    let before = summary::compute(&mut b, day(3, 9)).expect("summary");
    assert_eq!(
        before.aging.amounts[1], "600.00",
        "before it was granted, 6 days late"
    );
}

#[test]
fn a_credit_note_has_its_own_pdf() {
    let (mut b, _, inv) = book();
    let number = disputes::credit_note(
        &mut b,
        inv,
        &CreditNoteForm {
            amount: "40".into(),
            reason: "One hour not billed".into(),
            line: Some(1),
        },
        at(day(3, 1)),
    )
    .expect("cn");
    // As the window opens, saves or prints it.
    let pdf = duly_app::documents::Printable::CreditNote {
        number: number.clone(),
    }
    .render(&mut b, at(day(3, 1)))
    .expect("pdf");
    assert_eq!(
        pdf.file_name,
        disputes::credit_note_pdf(&mut b, &number)
            .expect("pdf")
            .file_name
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cn.pdf");
    std::fs::write(&path, &pdf.bytes).expect("write");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("utf-8"), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "Credit note",
        "CN-0001",
        "INV-0001, line 2",
        "One hour not billed",
        "$40.00",
        "Cedar Point Auto",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}

/// A credit note is not a payment: after $40 credited and $100 paid on a
/// $600 invoice, the invoice page and its PDF say so, each for what it is.
#[test]
fn an_invoice_tells_credit_notes_and_payments_apart() {
    let (mut b, c, inv) = book();
    disputes::credit_note(
        &mut b,
        inv,
        &CreditNoteForm {
            amount: "40".into(),
            reason: "One hour not billed".into(),
            line: Some(1),
        },
        at(day(3, 1)),
    )
    .expect("cn");
    pay(&mut b, c, inv, "100", day(3, 2));

    let view = invoices::get(&mut b, inv, at(day(3, 3))).expect("invoice");
    assert_eq!(
        (
            view.row.credited.as_str(),
            view.row.paid.as_str(),
            view.row.balance.as_str()
        ),
        ("40.00", "100.00", "460.00")
    );

    let pdf = duly_app::documents::invoice_pdf(&mut b, inv, at(day(3, 3))).expect("pdf");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("invoice.pdf");
    std::fs::write(&path, &pdf.bytes).expect("write");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("utf-8"), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    let text = String::from_utf8_lossy(&out.stdout);
    let line = |label: &str| {
        text.lines()
            .find(|l| l.contains(label))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|| panic!("no {label} line in:\n{text}"))
    };
    assert!(
        line("Credit notes").ends_with("-$40.00"),
        "{}",
        line("Credit notes")
    );
    assert!(
        line("Amount paid").ends_with("-$100.00"),
        "{}",
        line("Amount paid")
    );
    assert!(
        line("Balance due").ends_with("$460.00"),
        "{}",
        line("Balance due")
    );
}
