//! The book's guarantees, tested against real files: gapless numbering under
//! concurrency, rollback of failed writes, and issued invoices frozen even
//! against raw SQL.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::customer::{Contact, CustomerDetails, ServiceStatus};
use duly_core::invoice::{Draft, Fee, Line, LineTax, Schedule};
use duly_core::{totals, Currency, DomainError};
use duly_store::invoices::{self, Footer};
use duly_store::{customers, Book, StoreError};
use rust_decimal::Decimal;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("valid time")
}

fn customer(book: &mut Book) -> i64 {
    let details = CustomerDetails {
        company: "Łódź Studio".into(),
        billing: Contact::default(),
        escalation: Contact::default(),
        address: String::new(),
        terms_days: None,
        notes: String::new(),
        service_status: ServiceStatus::Active,
        late_fee_opt_out: false,
    };
    book.write(|tx| customers::insert(tx, &details, now()))
        .expect("customer")
}

fn draft(customer_id: i64) -> Draft {
    Draft {
        customer_id,
        lines: vec![Line {
            description: "Design".into(),
            quantity: Decimal::from(3),
            unit: "h".into(),
            unit_price: Decimal::new(8050, 2),
            discount_percent: Decimal::ZERO,
            tax: LineTax {
                rate_id: None,
                name: "VAT".into(),
                percent: Decimal::from(20),
            },
        }],
        fees: vec![Fee {
            name: "Shipping".into(),
            amount: Decimal::new(500, 2),
        }],
        notes: String::new(),
    }
}

fn insert_draft(book: &mut Book, customer_id: i64) -> i64 {
    let d = draft(customer_id);
    let t = totals::compute(Currency::USD, &d.lines, &d.fees);
    book.write(|tx| invoices::insert_draft(tx, &d, Currency::USD, &t, now()))
        .expect("draft")
}

fn schedule() -> Schedule {
    let day = now().date();
    Schedule {
        issue_date: day,
        due_date: day,
        terms_days: 0,
    }
}

fn issue(book: &mut Book, id: i64) -> String {
    book.write(|tx| invoices::issue(tx, id, &schedule(), &Footer::default(), now()))
        .expect("issue")
}

#[test]
fn drafts_round_trip_with_exact_totals() {
    let mut book = Book::open_in_memory().expect("book");
    let c = customer(&mut book);
    let id = insert_draft(&mut book, c);
    let inv = book.read(|tx| invoices::get(tx, id)).expect("get");
    // 3 × 80.50 = 241.50; VAT 20 % = 48.30; + 5.00 shipping = 294.80
    assert_eq!(inv.header.total_minor, 29480);
    assert_eq!(inv.header.tax_minor, 4830);
    assert_eq!(inv.header.balance_minor, 0, "a draft owes nothing");
    assert_eq!(inv.lines, draft(c).lines);
    assert_eq!(inv.fees, draft(c).fees);
    assert_eq!(inv.header.customer_company, "Łódź Studio");
}

#[test]
fn numbers_are_gapless_and_unique_under_concurrent_issuing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("book.duly");
    let mut book = Book::open(&path).expect("book");
    let c = customer(&mut book);
    let ids: Vec<i64> = (0..40).map(|_| insert_draft(&mut book, c)).collect();
    let handles: Vec<_> = ids
        .chunks(10)
        .map(|chunk| {
            let chunk = chunk.to_vec();
            let path = path.clone();
            std::thread::spawn(move || {
                let mut own = Book::open(&path).expect("second connection");
                chunk
                    .into_iter()
                    .map(|id| issue(&mut own, id))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut numbers: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().expect("thread"))
        .collect();
    numbers.sort();
    let expected: Vec<String> = (1..=40).map(|n| format!("INV-{n:04}")).collect();
    assert_eq!(numbers, expected);
}

#[test]
fn a_failed_issue_gives_its_number_back() {
    let mut book = Book::open_in_memory().expect("book");
    let c = customer(&mut book);
    let first = insert_draft(&mut book, c);
    let result: Result<(), StoreError> = book.write(|tx| {
        invoices::issue(tx, first, &schedule(), &Footer::default(), now())?;
        Err(DomainError::NotAllowed("something later in the command failed".into()).into())
    });
    assert!(result.is_err());
    let header = book
        .read(|tx| invoices::header_of(tx, first))
        .expect("header");
    assert_eq!(header.number, None, "still a draft");
    assert_eq!(
        issue(&mut book, first),
        "INV-0001",
        "the number was not consumed"
    );
}

#[test]
fn issued_invoices_are_frozen_even_against_raw_sql() {
    let mut book = Book::open_in_memory().expect("book");
    let c = customer(&mut book);
    let id = insert_draft(&mut book, c);
    issue(&mut book, id);
    let attempts = [
        "UPDATE invoice_lines SET quantity = '4' WHERE invoice_id = ?1",
        "DELETE FROM invoice_lines WHERE invoice_id = ?1",
        "INSERT INTO invoice_fees (invoice_id, position, name, amount_minor) VALUES (?1, 9, 'x', 1)",
        "UPDATE invoices SET total_minor = 1, subtotal_minor = 1, tax_minor = 0, fees_minor = 0 WHERE id = ?1",
        "UPDATE invoices SET state = 'draft', number = NULL, sequence = NULL WHERE id = ?1",
        "DELETE FROM invoices WHERE id = ?1",
    ];
    for sql in attempts {
        let result = book.write(|tx| Ok(tx.execute(sql, [id])?));
        assert!(result.is_err(), "allowed: {sql}");
    }
    let inv = book.read(|tx| invoices::get(tx, id)).expect("still there");
    assert_eq!(inv.header.number.as_deref(), Some("INV-0001"));
    assert_eq!(inv.header.total_minor, 29480);
    assert_eq!(inv.header.balance_minor, 29480);
}

#[test]
fn voided_invoices_stay_void_and_owe_nothing() {
    let mut book = Book::open_in_memory().expect("book");
    let c = customer(&mut book);
    let id = insert_draft(&mut book, c);
    issue(&mut book, id);
    book.write(|tx| invoices::void(tx, id, "Wrong customer", now()))
        .expect("void");
    let header = book.read(|tx| invoices::header_of(tx, id)).expect("header");
    assert_eq!(header.void_reason.as_deref(), Some("Wrong customer"));
    assert_eq!(header.balance_minor, 0);
    let revive = book.write(|tx| {
        Ok(tx.execute(
            "UPDATE invoices SET state = 'issued', void_reason = NULL WHERE id = ?1",
            [id],
        )?)
    });
    assert!(revive.is_err(), "a void invoice cannot come back");
}
