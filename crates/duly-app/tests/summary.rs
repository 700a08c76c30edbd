//! The weekly summary against hand-computed expectations: every aging
//! boundary, partial payments, a payment after the as-of date, a reversed
//! check, broken, kept and pending promises; and a property test that the
//! aging always adds up to the open balances of the day.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use duly_app::invoices;
use duly_app::summary::compute;
use duly_app::{customers, payments, promises, settings};
use duly_core::customer::CustomerForm;
use duly_core::invoice::{DraftForm, IssueForm, LineForm};
use duly_core::payment::{AllocationForm, PaymentForm, PaymentMethod, ReversalForm};
use duly_core::profile::ProfileForm;
use duly_core::promise::{PromiseForm, PromiseKind};
use duly_store::Book;
use proptest::prelude::*;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("valid")
}

fn at(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(9, 0, 0).expect("valid")
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

struct Books {
    book: Book,
}

impl Books {
    fn new() -> Self {
        let mut book = Book::open_in_memory().expect("book");
        let profile = ProfileForm {
            name: "Harbor & Pine".into(),
            currency: "USD".into(),
            default_terms_days: "30".into(),
            ..ProfileForm::default()
        };
        settings::save_profile(&mut book, &profile).expect("profile");
        Books { book }
    }

    fn customer(&mut self, name: &str) -> i64 {
        let form = CustomerForm {
            company: name.into(),
            ..CustomerForm::default()
        };
        customers::create(&mut self.book, &form, at(day(1, 1)))
            .expect("customer")
            .id
    }

    /// Issues an invoice of `amount` due on `due`, issued 30 days before.
    fn invoice(&mut self, customer: i64, amount: &str, due: NaiveDate) -> i64 {
        let issued = due - chrono::Days::new(30);
        let draft = DraftForm {
            customer_id: Some(customer),
            lines: vec![LineForm {
                description: "Work".into(),
                quantity: "1".into(),
                unit_price: amount.into(),
                ..LineForm::default()
            }],
            ..DraftForm::default()
        };
        let d = invoices::save_draft(&mut self.book, None, &draft, at(issued)).expect("draft");
        let form = IssueForm {
            issue_date: iso(issued),
            due_date: iso(due),
        };
        invoices::issue(&mut self.book, d.row.id, &form, at(issued))
            .expect("issue")
            .row
            .id
    }

    fn pay(
        &mut self,
        customer: i64,
        invoice: i64,
        amount: &str,
        on: NaiveDate,
        reference: &str,
    ) -> i64 {
        let form = PaymentForm {
            customer_id: Some(customer),
            received_on: iso(on),
            amount: amount.into(),
            method: PaymentMethod::Check,
            reference: reference.into(),
            memo: String::new(),
            allocations: vec![AllocationForm {
                invoice_id: invoice,
                amount: amount.into(),
            }],
        };
        payments::record(&mut self.book, &form, at(on))
            .expect("pay")
            .payment_id
            .expect("id")
    }

    fn promise(
        &mut self,
        customer: i64,
        invoice: i64,
        amount: &str,
        made: NaiveDate,
        promised: NaiveDate,
    ) {
        let form = PromiseForm {
            kind: PromiseKind::PayOnDate,
            amount: amount.into(),
            promised_on: iso(promised),
            made_on: iso(made),
            invoice_ids: vec![invoice],
            ..PromiseForm::default()
        };
        promises::record(&mut self.book, customer, &form, at(made)).expect("promise");
    }
}

#[test]
fn the_summary_of_a_hand_computed_book() {
    let mut b = Books::new();
    let as_of = day(6, 30);
    let a = b.customer("Acme");
    // Days past due on 30 Jun: 0, 1, 30, 31, 60, 61, 90, 91.
    let dues = [
        day(6, 30),
        day(6, 29),
        day(5, 31),
        day(5, 30),
        day(5, 1),
        day(4, 30),
        day(4, 1),
        day(3, 31),
    ];
    let amounts = ["100", "200", "300", "400", "500", "600", "700", "800"];
    let ids: Vec<i64> = dues
        .iter()
        .zip(amounts)
        .map(|(d, amt)| b.invoice(a, amt, *d))
        .collect();
    b.pay(a, ids[3], "50", day(6, 15), ""); // partial: 400 → 350
    b.pay(a, ids[0], "100", day(7, 2), ""); // after the as-of date: does not count
    let bounced = b.pay(a, ids[1], "200", day(6, 20), "1050");
    let reversal = ReversalForm {
        reversed_on: iso(day(6, 25)),
        reason: "Returned".into(),
    };
    payments::reverse(&mut b.book, bounced, &reversal, at(day(6, 25))).expect("reverse");

    let bee = b.customer("Bee Co");
    let b1 = b.invoice(bee, "1000", day(5, 1)); // 60 days
    let b2 = b.invoice(bee, "300", day(6, 1)); // 29 days
    b.promise(bee, b2, "300", day(6, 5), day(6, 10)); // broken long ago
    b.promise(bee, b1, "1000", day(6, 20), day(6, 24)); // broken this week (deadline 27 Jun)

    let cee = b.customer("Cee Ltd");
    let c1 = b.invoice(cee, "500", day(6, 15));
    b.promise(cee, c1, "500", day(6, 16), day(6, 25));
    b.pay(cee, c1, "500", day(6, 24), ""); // kept
    let c2 = b.invoice(cee, "200", day(6, 20)); // 10 days
    let check = PromiseForm {
        kind: PromiseKind::CheckInMail,
        amount: "200".into(),
        mailed_on: iso(day(6, 28)),
        made_on: iso(day(6, 29)),
        check_number: "881".into(),
        mailed_to: "12 Wharf St".into(),
        invoice_ids: vec![c2],
        ..PromiseForm::default()
    };
    promises::record(&mut b.book, cee, &check, at(day(6, 29))).expect("check promise");

    let s = compute(&mut b.book, as_of).expect("summary");
    assert_eq!(
        s.aging.labels,
        ["Current", "1–30", "31–60", "61–90", "Over 90"]
    );
    assert_eq!(
        s.aging.amounts,
        ["100.00", "1000.00", "1850.00", "1300.00", "800.00"]
    );
    assert_eq!(s.aging.total, "5050.00");
    assert_eq!(s.aging.overdue, "4950.00");
    let acme = s
        .customers
        .iter()
        .find(|c| c.company == "Acme")
        .expect("acme");
    assert_eq!(
        acme.amounts,
        ["100.00", "500.00", "850.00", "1300.00", "800.00"]
    );

    let order: Vec<&str> = s.actions.iter().map(|x| x.company.as_str()).collect();
    assert_eq!(
        order,
        ["Bee Co", "Acme"],
        "broken promise first, then amount × days"
    );
    assert_eq!(s.actions[0].broken_promises, 2);
    // Cee's only overdue invoice waits on the check in the mail: not a
    // follow-up this week, listed apart with the day the wait ends.
    let waiting: Vec<(&str, Option<String>)> = s
        .waiting
        .iter()
        .map(|x| (x.company.as_str(), x.waiting_until.map(|d| d.to_string())))
        .collect();
    assert_eq!(
        waiting,
        [("Cee Ltd", Some("2026-07-06".to_owned()))],
        "check expected 3 Jul + 3 days grace"
    );
    assert_eq!(s.actions[1].oldest_days, 91);

    let broken: Vec<String> = s
        .promises_broken
        .iter()
        .map(|p| p.promise.promised_on.to_string())
        .collect();
    assert_eq!(
        broken,
        ["2026-06-24"],
        "only the one broken in the last 7 days"
    );
    assert_eq!(s.promises_due.len(), 1);
    assert_eq!(
        s.promises_due[0].promise.promised_on.to_string(),
        "2026-07-03",
        "mailed 28 Jun + 5 days"
    );
    assert!(s.checks_late.is_empty(), "the check is not late yet");
    assert_eq!(s.payments.len(), 1);
    assert_eq!(
        (
            s.payments[0].company.as_str(),
            s.payments[0].amount.to_string().as_str()
        ),
        ("Cee Ltd", "500.00")
    );
    assert_eq!(s.cash_expected[0].amount, "200.00");
    assert_eq!(s.cash_expected[1].amount, "0.00");
    // 5,050 owed ÷ 2,000 sold since 2 Apr × 90 = 227.25 → 227.3
    assert_eq!(s.dso.credit_sales, "2000.00");
    assert_eq!(s.dso.days.map(|d| d.to_string()).as_deref(), Some("227.3"));
    // Suspension policy (90 days or 2 broken promises): Acme by age, Bee Co by promises.
    let mut suspend: Vec<&str> = s.suspension.iter().map(|x| x.company.as_str()).collect();
    suspend.sort();
    assert_eq!(suspend, ["Acme", "Bee Co"]);

    // As of 22 Jun the check had not bounced yet: the book said something
    // else that day, and the summary of that day says it again.
    let earlier = compute(&mut b.book, day(6, 22)).expect("summary");
    let acme = earlier
        .customers
        .iter()
        .find(|c| c.company == "Acme")
        .expect("acme");
    // due 30 Jun: current; 29 Jun: paid by the check; 31 May and 30 May
    // (less 50): 22 and 23 days; 1 May and 30 Apr: 52, 53; 1 Apr, 31 Mar: 82, 83.
    assert_eq!(
        acme.amounts,
        ["100.00", "650.00", "1100.00", "1500.00", "0.00"]
    );
}

/// What the book owed on `as_of`, computed the long way from the rows: each
/// invoice's total less what was applied to it by then, summed over the
/// invoices that still owed something (an invoice overpaid that day owes
/// nothing; the excess is credit, not a negative debt).
fn open_balances_by_hand(book: &mut Book, as_of: NaiveDate) -> i64 {
    let day = iso(as_of);
    book.read(|tx| {
        let mut stmt = tx.prepare(
            "SELECT i.id, i.total_minor FROM invoices i WHERE i.state <> 'draft' AND i.issue_date <= ?1
             AND (i.voided_at IS NULL OR substr(i.voided_at, 1, 10) > ?1)",
        )?;
        let invoices: Vec<(i64, i64)> = stmt
            .query_map([&day], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut owed = 0;
        for (id, total) in invoices {
            let paid: i64 = tx.query_row(
                "SELECT COALESCE(SUM(a.amount_minor), 0) FROM allocations a JOIN payments p ON p.id = a.payment_id
                 WHERE a.invoice_id = ?1 AND a.allocated_on <= ?2 AND (p.reversed_on IS NULL OR p.reversed_on > ?2)",
                rusqlite::params![id, &day],
                |r| r.get(0),
            )?;
            owed += (total - paid).max(0);
        }
        Ok(owed)
    })
    .expect("sums")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn aging_always_adds_up_to_the_open_balances_of_the_day(
        invoices in prop::collection::vec((1u32..5_000, 0u32..150), 1..10),
        pays in prop::collection::vec((0usize..10, 1u32..3_000, 0u32..150, prop::bool::ANY), 0..10),
        as_of in 0u32..200,
    ) {
        let mut b = Books::new();
        let start = day(1, 1);
        let c = b.customer("Acme");
        let mut ids = Vec::new();
        for (amount, offset) in &invoices {
            let due = start + chrono::Days::new(u64::from(*offset) + 30);
            ids.push((b.invoice(c, &amount.to_string(), due), *amount));
        }
        for (which, amount, offset, bounce) in pays {
            let (invoice, total) = ids[which % ids.len()];
            let on = start + chrono::Days::new(u64::from(offset) + 40);
            let form = PaymentForm {
                customer_id: Some(c),
                received_on: iso(on),
                amount: amount.min(total).to_string(),
                allocations: vec![AllocationForm { invoice_id: invoice, amount: amount.min(total).to_string() }],
                ..PaymentForm::default()
            };
            if let Ok(r) = payments::record(&mut b.book, &form, at(on)) {
                if bounce {
                    let back = ReversalForm { reversed_on: iso(on + chrono::Days::new(3)), reason: "Bounced".into() };
                    let _ = payments::reverse(&mut b.book, r.payment_id.expect("id"), &back, at(on + chrono::Days::new(3)));
                }
            }
        }
        let as_of = start + chrono::Days::new(u64::from(as_of));
        let s = compute(&mut b.book, as_of).expect("summary");
        let total: rust_decimal::Decimal = s.aging.total.amount();
        let buckets: rust_decimal::Decimal = s.aging.amounts.iter().map(|a| a.amount()).sum();
        prop_assert_eq!(total, buckets);
        let by_hand = rust_decimal::Decimal::new(open_balances_by_hand(&mut b.book, as_of), 2);
        prop_assert_eq!(total, by_hand);
    }
}

#[test]
fn the_aging_exports_as_csv_with_the_screen_figures() {
    let mut b = Books::new();
    let c = b.customer("Zoë Ångström & Søn \"Ltd\"");
    b.invoice(c, "1234.5", day(5, 1));
    let s = compute(&mut b.book, day(6, 30)).expect("summary");
    let bytes = duly_app::summary::aging_csv(&s).expect("csv");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header = reader.headers().expect("header").clone();
    assert_eq!(header.get(2), Some("1–30"));
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows[0].get(0), Some("Zoë Ångström & Søn \"Ltd\""));
    assert_eq!(rows[0].get(3), Some("1234.50"), "60 days: 31–60");
    assert_eq!(rows[1].get(6), Some(s.aging.total.to_string().as_str()));
}

#[test]
fn the_monday_reminder_comes_once_a_week() {
    let mut b = Books::new();
    let c = b.customer("Acme");
    b.invoice(c, "100", day(5, 1));
    let monday = at(day(6, 29));
    let first = duly_app::summary::weekly_notice(&mut b.book, monday).expect("notice");
    assert_eq!(
        first.as_deref(),
        Some("1 customer needs a follow-up; USD 100.00 overdue.")
    );
    assert_eq!(
        duly_app::summary::weekly_notice(&mut b.book, at(day(7, 2))).expect("again"),
        None
    );
    assert!(duly_app::summary::weekly_notice(&mut b.book, at(day(7, 6)))
        .expect("next week")
        .is_some());
}

#[test]
fn the_summary_pdf_carries_the_screen_figures() {
    let mut b = Books::new();
    let c = b.customer("Zoë Ångström & Søn");
    b.invoice(c, "1234.5", day(5, 1));
    let s = compute(&mut b.book, day(6, 30)).expect("summary");
    let pdf = duly_app::summary::summary_pdf(&mut b.book, day(6, 30)).expect("pdf");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(&pdf.file_name);
    std::fs::write(&path, &pdf.bytes).expect("write");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("utf-8 path"), "-"])
        .output()
        .expect("pdftotext (Debian package poppler-utils) is needed");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(s.aging.total, "1234.50");
    assert!(text.contains("$1,234.50"), "{text}");
    assert!(text.contains("Zoë Ångström & Søn"), "{text}");
    assert!(text.contains("30 Jun 2026"), "{text}");
}
