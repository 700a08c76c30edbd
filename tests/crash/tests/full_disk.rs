//! A full disk: every write that does not fit fails with the owner told so
//! in words, and leaves the book exactly as it was; once space is freed the
//! same form goes through, with the next invoice number and no gap.
//!
//! The disk is the test VFS with only so many bytes free (see
//! `power_cut::set_free_space`), so the test runs anywhere, without a
//! small filesystem to mount.

use std::path::Path;
use std::sync::Mutex;

use chrono::{NaiveDate, NaiveDateTime};
use duly_app::{customers, invoices, payments, settings, ErrorKind};
use duly_core::customer::CustomerForm;
use duly_core::invoice::{DraftForm, IssueForm, LineForm};
use duly_core::payment::{PaymentForm, PaymentMethod};
use duly_core::profile::ProfileForm;
use duly_crash::power_cut;
use duly_store::Book;

/// The free space is one per process, like one disk: one test at a time.
static DISK: Mutex<()> = Mutex::new(());

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid")
}

fn open(path: &Path) -> Book {
    power_cut::register().expect("register the VFS");
    let vfs = power_cut::NAME.to_str().expect("utf-8 name");
    Book::open_on_vfs(path, vfs).expect("open on the test disk")
}

/// A new book on the test disk with a business and one customer, `company`.
fn business(path: &Path, company: &str) -> (Book, i64) {
    let mut book = open(path);
    let profile = ProfileForm {
        name: "Full Disk Plumbing".into(),
        currency: "USD".into(),
        default_terms_days: "30".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(&mut book, &profile).expect("profile");
    let customer = CustomerForm {
        company: company.into(),
        ..CustomerForm::default()
    };
    let id = customers::create(&mut book, &customer, now())
        .expect("customer")
        .id;
    (book, id)
}

/// Reopens the book from its file, checks SQLite reads it whole, and lists
/// its invoice numbers.
fn reopened_numbers(path: &Path) -> Vec<String> {
    let mut again = open(path);
    let integrity: String = again
        .read(|tx| Ok(tx.query_row("PRAGMA integrity_check", [], |r| r.get(0))?))
        .expect("check");
    assert_eq!(integrity, "ok");
    invoices::list(&mut again, &invoices::ListQuery::default(), now())
        .expect("list")
        .into_iter()
        .filter_map(|r| r.number)
        .collect()
}

/// Every row of the tables a write could touch, as text.
fn rows(book: &mut Book) -> String {
    book.read(|tx| {
        let mut out = String::new();
        for table in [
            "invoices",
            "invoice_lines",
            "payments",
            "number_sequences",
            "customers",
        ] {
            let mut stmt = tx.prepare(&format!("SELECT * FROM {table} ORDER BY 1"))?;
            let n = stmt.column_count();
            let mut q = stmt.query([])?;
            while let Some(r) = q.next()? {
                for i in 0..n {
                    out.push_str(&format!("{:?}|", r.get::<_, rusqlite::types::Value>(i)?));
                }
                out.push('\n');
            }
        }
        Ok(out)
    })
    .expect("read")
}

fn draft(customer: i64, lines: usize) -> DraftForm {
    DraftForm {
        customer_id: Some(customer),
        lines: (0..lines)
            .map(|i| LineForm {
                description: format!("Consulting, week {i}: {}", "detail ".repeat(40)),
                quantity: "3".into(),
                unit_price: "125.50".into(),
                ..LineForm::default()
            })
            .collect(),
        ..DraftForm::default()
    }
}

fn issue_form() -> IssueForm {
    IssueForm {
        issue_date: "2026-11-25".into(),
        due_date: String::new(),
    }
}

#[test]
fn a_full_disk_refuses_the_write_in_words_and_the_book_is_as_it_was() {
    let _disk = DISK.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("book.duly");
    let (mut book, customer) = business(&path, "Tight Space Ltd");
    let first = invoices::save_draft(&mut book, None, &draft(customer, 2), now()).expect("d");
    let first = invoices::issue(&mut book, first.row.id, &issue_form(), now()).expect("issue");
    assert_eq!(first.row.number.as_deref(), Some("INV-0001"));
    let waiting = invoices::save_draft(&mut book, None, &draft(customer, 60), now()).expect("d");
    let before = rows(&mut book);

    // The disk fills up: a big issue, a payment, a new customer all refused.
    power_cut::set_free_space(Some(0));
    let full = invoices::issue(&mut book, waiting.row.id, &issue_form(), now())
        .expect_err("no room to issue");
    assert_eq!(full.kind, ErrorKind::Storage);
    assert_eq!(
        full.message,
        "The disk holding the book is full: nothing was saved, and the book is as it was. Free some space, then try again."
    );
    let payment = PaymentForm {
        customer_id: Some(customer),
        received_on: "2026-11-25".into(),
        amount: "100.00".into(),
        method: PaymentMethod::Check,
        ..PaymentForm::default()
    };
    for refused in [
        payments::record(&mut book, &payment, now()).map(|_| ()),
        customers::create(
            &mut book,
            &CustomerForm {
                company: "No Room Ltd".into(),
                ..CustomerForm::default()
            },
            now(),
        )
        .map(|_| ()),
    ] {
        let e = refused.expect_err("no room");
        assert!(
            e.message.starts_with("The disk holding the book is full"),
            "{e:?}"
        );
    }
    assert_eq!(rows(&mut book), before, "a refused write changed the book");

    // Space is freed: the very same form goes through, numbered next.
    power_cut::set_free_space(None);
    let issued = invoices::issue(&mut book, waiting.row.id, &issue_form(), now()).expect("room");
    assert_eq!(issued.row.number.as_deref(), Some("INV-0002"));
    payments::record(&mut book, &payment, now()).expect("room for the payment");
    drop(book);

    // Reopened from the file, the book is whole and holds both.
    let numbers = reopened_numbers(&path);
    assert_eq!(numbers.len(), 2);
    assert!(numbers.contains(&"INV-0001".to_owned()) && numbers.contains(&"INV-0002".to_owned()));
}

#[test]
fn writing_until_the_disk_is_full_keeps_every_write_that_was_reported() {
    let _disk = DISK.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("book.duly");
    let (mut book, customer) = business(&path, "Bulk Buyer Ltd");

    // A little room, then invoices until it runs out: some fit, then none.
    power_cut::set_free_space(Some(1024 * 1024));
    let mut issued = Vec::new();
    let mut refusals = 0;
    for _ in 0..400 {
        let result = invoices::save_draft(&mut book, None, &draft(customer, 6), now())
            .and_then(|d| invoices::issue(&mut book, d.row.id, &issue_form(), now()));
        match result {
            Ok(inv) => issued.push(inv.row.number.expect("numbered")),
            Err(e) => {
                assert_eq!(e.kind, ErrorKind::Storage, "{e:?}");
                assert!(e.message.contains("disk holding the book is full"), "{e:?}");
                refusals += 1;
            }
        }
    }
    power_cut::set_free_space(None);
    println!(
        "1 MiB free: {} invoices issued, then {refusals} refused as a full disk",
        issued.len()
    );
    assert!(issued.len() > 5, "some invoices fit: {}", issued.len());
    assert!(refusals > 100, "then the disk was full: {refusals}");
    drop(book);

    let mut found = reopened_numbers(&path);
    found.sort();
    assert_eq!(
        found, issued,
        "every reported invoice is there, gapless, and no other"
    );
}
