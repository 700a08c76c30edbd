//! "Your data": daily and manual backups, restore (checked first, the
//! replaced book kept), and the audit trail the book's triggers write.

mod common;

use chrono::{Days, NaiveDateTime};
use common::{companies, now, snapshot};
use duly_app::audit::{self, Subject};
use duly_app::invoices::{self, VoidForm};
use duly_app::page::Span;
use duly_app::{backups, customers, payments, promises, settings, ErrorKind};
use duly_core::customer::{Contact, CustomerForm};
use duly_core::invoice::{DraftForm, IssueForm, LineForm};
use duly_core::payment::{PaymentForm, PaymentMethod, ReversalForm};
use duly_core::profile::ProfileForm;
use duly_core::promise::{PromiseForm, PromiseKind};
use duly_store::backup;
use duly_store::Book;

fn profile() -> ProfileForm {
    ProfileForm {
        name: "Harbor & Pine".into(),
        currency: "USD".into(),
        default_terms_days: "30".into(),
        ..ProfileForm::default()
    }
}

fn customer(company: &str) -> CustomerForm {
    CustomerForm {
        company: company.into(),
        billing: Contact {
            name: "Ada".into(),
            email: "ap@heron.example".into(),
            ..Contact::default()
        },
        ..CustomerForm::default()
    }
}

/// A book file in a fresh folder, set up with a profile.
fn book_file() -> (tempfile::TempDir, Book) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut book = Book::open(&dir.path().join("book.duly")).expect("book");
    settings::save_profile(&mut book, &profile()).expect("profile");
    (dir, book)
}

fn day(n: u64) -> NaiveDateTime {
    now().checked_add_days(Days::new(n)).expect("in range")
}

#[test]
fn the_first_start_of_each_day_backs_up_once_and_old_ones_are_rotated() {
    let (dir, mut book) = book_file();
    assert!(backups::daily(&mut book, now()).expect("first").is_some());
    assert!(
        backups::daily(&mut book, now()).expect("again").is_none(),
        "once a day"
    );
    for n in 1..40 {
        backups::daily(&mut book, day(n)).expect("daily");
    }
    let status = backups::status(&mut book).expect("status");
    assert_eq!(
        status.folder,
        dir.path().join("backups").display().to_string()
    );
    // 40 days from Wed 25 Nov to Sun 3 Jan: 7 days, the newest of 4 ISO
    // weeks (3 beyond the days: 27, 20 and 13 Dec) and of each month (30 Nov;
    // 31 Dec is one of the days).
    assert_eq!(status.count, 7 + 3 + 1);
    assert_eq!(status.recent[0].date, "2027-01-03");
    assert_eq!(status.recent[0].kind, "daily");
    assert_eq!(status.recent.len(), 10, "the card lists the newest ten");
    let all = backup::list(&book.file().expect("file")).expect("list");
    assert_eq!(all.last().map(|b| b.at.date()), day(5).date().into());
}

#[test]
fn back_up_now_then_restore_brings_the_book_back_and_keeps_the_replaced_one() {
    let (_dir, mut book) = book_file();
    customers::create(&mut book, &customer("Before Ltd"), now()).expect("customer");
    let status = backups::back_up_now(&mut book, now()).expect("backup");
    assert_eq!(status.count, 1);
    assert_eq!(status.recent[0].kind, "manual");
    let path = book.file().expect("a file");
    let made = backup::list(&path).expect("list").remove(0).path;
    customers::create(&mut book, &customer("After Ltd"), now()).expect("customer");

    let report = backups::restore(&mut book, &made, day(1)).expect("restore");
    assert_eq!(companies(&mut book), ["Before Ltd"]);
    assert_eq!((report.customers, report.invoices), (1, 0));
    assert_eq!(report.kept_as.kind, "before-restore");
    let kept = backup::list(&path)
        .expect("list")
        .into_iter()
        .find(|b| b.kind == backup::Kind::BeforeRestore)
        .expect("the replaced book is kept");
    assert_eq!(backup::check(&kept.path).expect("intact").customers, 2);
    // The restored book is the open book: it takes new work.
    customers::create(&mut book, &customer("Next Ltd"), day(1)).expect("writable");
    drop(book);
    let mut reopened = Book::open(&path).expect("reopen");
    assert_eq!(companies(&mut reopened), ["Before Ltd", "Next Ltd"]);
}

#[test]
fn restore_refuses_anything_but_an_intact_duly_book_it_can_read() {
    let (dir, mut book) = book_file();
    customers::create(&mut book, &customer("Kept Ltd"), now()).expect("customer");
    let text = dir.path().join("letter.duly");
    std::fs::write(&text, "Dear customer, …").expect("write");
    let newer = dir.path().join("newer.duly");
    drop(Book::open(&newer).expect("newer"));
    rusqlite::Connection::open(&newer)
        .and_then(|c| c.pragma_update(None, "user_version", 999))
        .expect("from the future");
    let own = book.file().expect("file");
    let before = snapshot(&mut book);
    for (file, words) in [
        (text.as_path(), "not a Duly book"),
        (newer.as_path(), "newer version of Duly"),
        (own.as_path(), "already open"),
        (dir.path().join("missing.duly").as_path(), "not a Duly book"),
    ] {
        let error = backups::restore(&mut book, file, now()).expect_err("refused");
        assert_eq!(error.kind, ErrorKind::Invalid);
        assert_eq!(error.fields[0].field, "file");
        assert!(
            error.message.contains(words),
            "{}: {}",
            file.display(),
            error.message
        );
    }
    assert_eq!(before, snapshot(&mut book));
    assert!(
        backup::list(&own).expect("list").is_empty(),
        "nothing kept: nothing replaced"
    );
}

#[test]
fn restoring_a_backup_from_an_older_duly_upgrades_it() {
    let (dir, mut book) = book_file();
    let old = dir.path().join("old.duly");
    common::old_book(&old, "From 2026 Ltd");
    backups::restore(&mut book, &old, now()).expect("restore");
    assert_eq!(companies(&mut book), ["From 2026 Ltd"]);
    let kinds: Vec<&str> = backups::status(&mut book)
        .expect("status")
        .recent
        .iter()
        .map(|b| b.kind)
        .collect();
    assert!(
        kinds.contains(&"before-migration") && kinds.contains(&"before-restore"),
        "{kinds:?}"
    );
    customers::create(&mut book, &customer("Today Ltd"), now()).expect("current schema");
}

#[test]
fn the_audit_trail_records_each_change_with_before_and_after() {
    let mut book = Book::open_in_memory().expect("book");
    settings::save_profile(&mut book, &profile()).expect("profile");
    let c = customers::create(&mut book, &customer("Blue Heron Dental"), now())
        .expect("customer")
        .id;
    let mut edited = customer("Blue Heron Dental");
    edited.billing.email = "billing@heron.example".into();
    customers::update(&mut book, c, &edited, now()).expect("edit");
    customers::update(&mut book, c, &edited, now()).expect("no change, no entry");
    let draft = DraftForm {
        customer_id: Some(c),
        lines: vec![LineForm {
            description: "Cleaning".into(),
            quantity: "2".into(),
            unit_price: "150".into(),
            ..LineForm::default()
        }],
        ..DraftForm::default()
    };
    let issue = IssueForm {
        issue_date: "2026-11-02".into(),
        due_date: String::new(),
    };
    let first = invoices::save_draft(&mut book, None, &draft, now())
        .expect("draft")
        .row
        .id;
    invoices::issue(&mut book, first, &issue, now()).expect("issue");
    let second = invoices::save_draft(&mut book, None, &draft, now())
        .expect("draft")
        .row
        .id;
    invoices::issue(&mut book, second, &issue, now()).expect("issue");
    let pay = PaymentForm {
        customer_id: Some(c),
        received_on: "2026-11-20".into(),
        amount: "300".into(),
        method: PaymentMethod::Check,
        reference: "1041".into(),
        ..PaymentForm::default()
    };
    let receipt = payments::record(&mut book, &pay, now()).expect("payment");
    let promise = PromiseForm {
        kind: PromiseKind::PayOnDate,
        amount: "300".into(),
        promised_on: "2026-11-30".into(),
        invoice_ids: vec![second],
        ..PromiseForm::default()
    };
    promises::record(&mut book, c, &promise, now()).expect("promise");
    let reversal = ReversalForm {
        reversed_on: "2026-11-24".into(),
        reason: "Check returned".into(),
    };
    payments::reverse(&mut book, receipt.payment_id.expect("id"), &reversal, now())
        .expect("reverse");
    invoices::void(
        &mut book,
        first,
        &VoidForm {
            reason: "Billed twice".into(),
        },
        now(),
    )
    .expect("void");

    // A refused command leaves no trace.
    let before = snapshot(&mut book);
    invoices::void(&mut book, first, &VoidForm::default(), now()).expect_err("already void");
    assert_eq!(before, snapshot(&mut book));

    let trail = audit::trail(&mut book, Subject::Customer, c, Span::default())
        .expect("customer trail")
        .rows;
    let what: Vec<&str> = trail.iter().map(|e| e.what.as_str()).collect();
    assert_eq!(
        what,
        [
            "Invoice INV-0001 voided",
            "Payment of 300.00 reversed",
            "Promise covers INV-0002",
            "Promise to pay 300.00 by 2026-11-30",
            "300.00 applied to INV-0001",
            "Payment of 300.00 received",
            "Invoice INV-0002 issued",
            "Invoice INV-0001 issued",
            "Customer details changed",
            "Customer Blue Heron Dental added",
        ]
    );
    let email = &trail[8].changes;
    assert_eq!(email.len(), 1);
    assert_eq!(email[0].field, "Billing email");
    assert_eq!(email[0].before.as_deref(), Some("ap@heron.example"));
    assert_eq!(email[0].after.as_deref(), Some("billing@heron.example"));
    let issued = &trail[7].changes;
    let lines = issued.iter().find(|ch| ch.field == "Lines").expect("lines");
    assert_eq!(lines.after.as_deref(), Some("Cleaning, 2 × 150 = 300.00"));
    assert!(issued
        .iter()
        .any(|ch| ch.field == "Total" && ch.after.as_deref() == Some("300.00")));
    let void = &trail[0].changes;
    assert!(void
        .iter()
        .any(|ch| ch.field == "Void reason" && ch.after.as_deref() == Some("Billed twice")));

    let invoice_trail = audit::trail(&mut book, Subject::Invoice, first, Span::default())
        .expect("invoice trail")
        .rows;
    let what: Vec<&str> = invoice_trail.iter().map(|e| e.what.as_str()).collect();
    assert_eq!(
        what,
        [
            "Invoice INV-0001 voided",
            "Payment of 300.00 reversed",
            "300.00 applied to INV-0001",
            "Payment of 300.00 received",
            "Invoice INV-0001 issued",
        ]
    );
    let missing = audit::trail(&mut book, Subject::Invoice, 999, Span::default())
        .expect_err("no such invoice");
    // The window reads a long trail a page at a time, newest first.
    let older = audit::trail(
        &mut book,
        Subject::Customer,
        c,
        Span {
            offset: 8,
            limit: 5,
        },
    )
    .expect("older changes");
    assert_eq!((older.offset, older.total), (8, 10));
    let older: Vec<&str> = older.rows.iter().map(|e| e.what.as_str()).collect();
    assert_eq!(
        older,
        [
            "Customer details changed",
            "Customer Blue Heron Dental added"
        ]
    );
    assert_eq!(missing.kind, ErrorKind::NotFound);
}
