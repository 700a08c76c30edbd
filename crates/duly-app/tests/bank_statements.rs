//! Money in: bank statement files shaped like several banks' exports
//! (`tests/data/bank`, described in its README) read, matched against a book
//! and confirmed through the commands; malformed files refused with the
//! place of the fault and nothing written.

mod common;

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use common::snapshot;
use duly_app::bank_import::{self, Decision, Opened, ProposalView, Review, Statement};
use duly_app::history::account;
use duly_app::imports::Mapping;
use duly_app::{customers, invoices, promises, settings};
use duly_core::bank::matching::Confidence;
use duly_core::invoice::{DraftForm, IssueForm, LineForm};
use duly_core::payment::AllocationForm;
use duly_core::profile::ProfileForm;
use duly_core::promise::{PromiseForm, PromiseKind, PromiseStatus};
use duly_store::bank_lines::Outcome;
use duly_store::Book;
use rust_decimal::Decimal;

fn at(d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, d)
        .and_then(|x| x.and_hms_opt(10, 0, 0))
        .expect("valid")
}

fn data(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/bank")
        .join(name);
    std::fs::read(&path).expect("sample file")
}

/// The book the sample files are written against (see their README): three
/// customers, five invoices, and check 1042 promised by Müller & Söhne.
struct Fixture {
    book: Book,
    customers: [i64; 3],
    invoices: [i64; 5],
}

fn fixture() -> Fixture {
    let mut book = Book::open_in_memory().expect("book");
    let profile = ProfileForm {
        name: "Harbor & Pine Studio".into(),
        currency: "EUR".into(),
        default_terms_days: "30".into(),
        iban: "DE89 3704 0044 0532 0130 00".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(&mut book, &profile).expect("profile");
    let mut customer = |company: &str| {
        customers::create(&mut book, &common::customer_named(company), at(1))
            .expect("customer")
            .id
    };
    let customers = [
        customer("Blue Heron Dental GmbH"),
        customer("Müller & Söhne KG"),
        customer("Café Lumière SARL"),
    ];
    let owed = [
        (0, "1190.00"),
        (0, "238.00"),
        (1, "595.00"),
        (2, "119.00"),
        (2, "357.00"),
    ];
    let mut invoices = [0; 5];
    for (i, (c, price)) in owed.iter().enumerate() {
        let draft = DraftForm {
            customer_id: Some(customers[*c]),
            lines: vec![LineForm {
                description: "Design work".into(),
                quantity: "1".into(),
                unit_price: (*price).into(),
                ..LineForm::default()
            }],
            ..DraftForm::default()
        };
        let day = at(u32::try_from(i).unwrap_or(0) + 2);
        let d = invoices::save_draft(&mut book, None, &draft, day).expect("draft");
        let issue = IssueForm {
            issue_date: day.date().format("%Y-%m-%d").to_string(),
            due_date: String::new(),
        };
        invoices[i] = invoices::issue(&mut book, d.row.id, &issue, day)
            .expect("issue")
            .row
            .id;
    }
    let check = PromiseForm {
        kind: PromiseKind::CheckInMail,
        amount: "595.00".into(),
        mailed_on: "2026-11-20".into(),
        check_number: "1042".into(),
        mailed_to: "12 Wharf St".into(),
        invoice_ids: vec![invoices[2]],
        ..PromiseForm::default()
    };
    promises::record(&mut book, customers[1], &check, at(20)).expect("promise");
    Fixture {
        book,
        customers,
        invoices,
    }
}

fn read(book: &mut Book, name: &str) -> Statement {
    match bank_import::open(name, &data(name)).expect("readable") {
        Opened::Statement(s) => s,
        Opened::Table(table) => {
            let view = bank_import::describe(name, &table);
            bank_import::from_table(book, name, &table, &view.suggested).expect("mapped")
        }
    }
}

fn refusal(name: &str) -> String {
    match bank_import::open(name, &data(name)) {
        Err(e) => e.to_string(),
        Ok(other) => panic!("{name} was read: {other:?}"),
    }
}

/// Every line's proposal in short: who (by index in the fixture) and which
/// invoices, or what else.
fn summary(f: &Fixture, review: &Review) -> Vec<String> {
    let who = |id: i64| f.customers.iter().position(|c| *c == id).unwrap_or(9);
    review
        .lines
        .iter()
        .map(|l| match &l.proposal {
            ProposalView::Payment {
                customer_id,
                shares,
                confidence,
                ..
            } => format!(
                "{} pays {} for {} ({confidence:?})",
                who(*customer_id),
                l.amount,
                shares
                    .iter()
                    .map(|s| format!("{} {}", s.number, s.amount))
                    .collect::<Vec<_>>()
                    .join(" + ")
            ),
            ProposalView::Reversal { customer_id, .. } => format!("reverse {}", who(*customer_id)),
            ProposalView::LeftOut { assignable, .. } => format!("left out ({assignable})"),
            ProposalView::Imported { .. } => "imported".into(),
        })
        .collect()
}

/// Confirms every proposal as Duly made it and skips what is left out.
fn accept_all(review: &Review) -> Vec<Decision> {
    review
        .lines
        .iter()
        .filter_map(|l| match &l.proposal {
            ProposalView::Payment {
                customer_id,
                shares,
                ..
            } => Some(Decision::Pay {
                line: l.line,
                customer_id: *customer_id,
                allocations: shares
                    .iter()
                    .map(|s| AllocationForm {
                        invoice_id: s.invoice_id,
                        amount: s.amount.clone(),
                    })
                    .collect(),
            }),
            ProposalView::Reversal { payment_id, .. } => Some(Decision::Reverse {
                line: l.line,
                payment_id: *payment_id,
            }),
            ProposalView::LeftOut {
                assignable: true, ..
            } => Some(Decision::Skip { line: l.line }),
            _ => None,
        })
        .collect()
}

const EXPECTED: [&str; 6] = [
    "0 pays 1190.00 for INV-0001 1190.00 (High)",
    "1 pays 595.00 for INV-0003 595.00 (High)",
    "2 pays 476.00 for INV-0004 119.00 + INV-0005 357.00 (High)",
    "0 pays 238.00 for INV-0002 238.00 (Medium)",
    "left out (false)",
    "left out (true)",
];

#[test]
fn every_banks_format_reads_the_same_six_lines_and_matches_them_alike() {
    for name in [
        "camt053-sparkasse.xml",
        "camt053-ing-v08.xml",
        "ofx1-credit-agricole.ofx",
        "ofx2-xml.ofx",
        "csv-n26.csv",
        "csv-dkb-semicolon.csv",
    ] {
        let mut f = fixture();
        let statement = read(&mut f.book, name);
        let days: Vec<String> = statement
            .lines
            .iter()
            .map(|l| format!("{} {}", l.booked_on.format("%d"), l.amount))
            .collect();
        let batch_day = if name.contains("ing") { "27" } else { "26" };
        assert_eq!(
            days,
            [
                "24 1190.00".to_owned(),
                "25 595.00".into(),
                format!("{batch_day} 476.00"),
                "27 238.00".into(),
                "27 -54.90".into(),
                "28 75.00".into()
            ],
            "{name}"
        );
        let review = bank_import::review(&mut f.book, &statement, at(30).date()).expect("review");
        assert_eq!(summary(&f, &review), EXPECTED, "{name}");
        assert_eq!(
            (review.payments, review.left_out, review.imported_before),
            (4, 2, 0),
            "{name}"
        );
    }
}

#[test]
fn each_proposal_says_why_and_nothing_is_written_until_confirmed() {
    let mut f = fixture();
    let before = snapshot(&mut f.book);
    let statement = read(&mut f.book, "camt053-sparkasse.xml");
    let review = bank_import::review(&mut f.book, &statement, at(30).date()).expect("review");
    let reasons: Vec<String> = review
        .lines
        .iter()
        .map(|l| match &l.proposal {
            ProposalView::Payment { reason, .. } | ProposalView::LeftOut { reason, .. } => {
                reason.clone()
            }
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        reasons,
        [
            "Quotes the payment reference of invoice INV-0001.",
            "Check 1042, the one they promised was in the mail.",
            "The transfer text names invoices INV-0004 and INV-0005.",
            "\u{201c}Blue Heron Dental\u{201d} paid exactly what invoice INV-0002 owes.",
            "Money going out, not a customer paying.",
            "Matches no invoice, promised check or customer; if it is a payment, say who paid.",
        ]
    );
    assert_eq!(snapshot(&mut f.book), before, "a review writes nothing");
}

#[test]
fn confirmed_lines_pay_as_if_typed_keep_the_promise_and_are_never_imported_twice() {
    let mut f = fixture();
    let statement = read(&mut f.book, "camt053-sparkasse.xml");
    let review = bank_import::review(&mut f.book, &statement, at(30).date()).expect("review");
    let promise_before = account(&mut f.book, f.customers[1], at(30)).expect("account");
    // The check was due by the 25th plus grace; not yet recorded, the
    // promise reads as broken.
    assert_eq!(
        promise_before.promises[0].outcome.status,
        PromiseStatus::Broken
    );

    let receipt = bank_import::confirm(&mut f.book, &statement, &accept_all(&review), at(30))
        .expect("confirm");
    assert_eq!((receipt.paid, receipt.reversed, receipt.skipped), (4, 0, 1));
    assert_eq!(receipt.total, "2499.00");
    for id in f.invoices {
        let invoice = invoices::get(&mut f.book, id, at(30)).expect("invoice");
        assert_eq!(invoice.row.balance, "0.00", "{:?}", invoice.row.number);
    }
    // Booked on the 25th, the check arrived in time: the promise was kept.
    let after = account(&mut f.book, f.customers[1], at(30)).expect("account");
    assert_eq!(after.promises[0].outcome.status, PromiseStatus::Kept);
    let check: (String, String, String) = f
        .book
        .read(|tx| {
            Ok(tx.query_row(
                "SELECT method, reference, received_on FROM payments WHERE customer_id = ?1",
                [f.customers[1]],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })
        .expect("the check");
    assert_eq!(check, ("check".into(), "1042".into(), "2026-11-25".into()));

    // The same file again, and next week's overlapping OFX export of the
    // same account: every line the owner decided on is known.
    let again = bank_import::review(&mut f.book, &statement, at(30).date()).expect("again");
    assert_eq!(
        summary(&f, &again),
        [
            "imported",
            "imported",
            "imported",
            "imported",
            "left out (false)",
            "imported"
        ]
    );
    match &again.lines[0].proposal {
        ProposalView::Imported { on, outcome } => {
            assert_eq!((*on, *outcome), (at(30).date(), Outcome::Paid))
        }
        other => panic!("{other:?}"),
    }
    // The same account's OFX export has other transaction ids: its lines
    // are known by their day and amount, already recorded.
    let ofx = read(&mut f.book, "ofx1-credit-agricole.ofx");
    let overlap = bank_import::review(&mut f.book, &ofx, at(30).date()).expect("ofx");
    assert_eq!(
        summary(&f, &overlap),
        [
            "left out (true)",
            "left out (true)",
            "left out (true)",
            "left out (true)",
            "left out (false)",
            "left out (true)"
        ]
    );
    match &overlap.lines[1].proposal {
        ProposalView::LeftOut { reason, .. } => assert_eq!(
            reason,
            "A payment of this amount on this day is already recorded; if this is another one, say who paid."
        ),
        other => panic!("{other:?}"),
    }
    let before = snapshot(&mut f.book);
    let twice = bank_import::confirm(&mut f.book, &statement, &accept_all(&review), at(30));
    assert!(
        matches!(&twice, Err(e) if e.to_string().contains("was imported before")),
        "got {twice:?}"
    );
    assert_eq!(
        snapshot(&mut f.book),
        before,
        "nothing of the second go was written"
    );
}

#[test]
fn a_returned_transfer_is_offered_as_the_reversal_of_its_payment() {
    let mut f = fixture();
    let statement = read(&mut f.book, "camt053-sparkasse.xml");
    let review = bank_import::review(&mut f.book, &statement, at(30).date()).expect("review");
    bank_import::confirm(&mut f.book, &statement, &accept_all(&review), at(30)).expect("confirm");

    let returned = read(&mut f.book, "camt054-return.xml");
    assert_eq!(returned.lines.len(), 1);
    assert_eq!(returned.lines[0].returned, "AC04");
    let review = bank_import::review(&mut f.book, &returned, at(30).date()).expect("review");
    match &review.lines[0].proposal {
        ProposalView::Reversal {
            customer_id,
            received_on,
            reason,
            confidence,
            ..
        } => {
            assert_eq!(
                (*customer_id, *received_on),
                (f.customers[0], at(27).date())
            );
            assert_eq!(*confidence, Confidence::High);
            assert_eq!(
                reason,
                "Returned by the bank (AC04: the account is closed)."
            );
        }
        other => panic!("expected a reversal, got {other:?}"),
    }
    let receipt = bank_import::confirm(&mut f.book, &returned, &accept_all(&review), at(30))
        .expect("confirm");
    assert_eq!(receipt.reversed, 1);
    let invoice = invoices::get(&mut f.book, f.invoices[1], at(30)).expect("invoice");
    assert_eq!(invoice.row.balance, "238.00", "INV-0002 owes again");
}

#[test]
fn a_payer_the_owner_assigns_is_remembered_for_the_next_statement() {
    let mut f = fixture();
    let statement = read(&mut f.book, "camt053-sparkasse.xml");
    let review = bank_import::review(&mut f.book, &statement, at(30).date()).expect("review");
    // The insurer's 75.00 is, say, Café Lumière paying under its insurer's
    // name: the owner chooses the customer, Duly spreads it oldest first.
    let decisions = vec![Decision::Pay {
        line: 5,
        customer_id: f.customers[2],
        allocations: Vec::new(),
    }];
    assert!(matches!(
        review.lines[5].proposal,
        ProposalView::LeftOut {
            assignable: true,
            ..
        }
    ));
    bank_import::confirm(&mut f.book, &statement, &decisions, at(30)).expect("confirm");
    let invoice = invoices::get(&mut f.book, f.invoices[3], at(30)).expect("invoice");
    assert_eq!(invoice.row.balance, "44.00");

    let mut next = statement.clone();
    next.lines = vec![statement.lines[5].clone()];
    next.lines[0].bank_id = "NEXT-WEEK".into();
    next.lines[0].amount = Decimal::new(4400, 2);
    let review = bank_import::review(&mut f.book, &next, at(30).date()).expect("review");
    assert_eq!(
        summary(&f, &review),
        ["2 pays 44.00 for INV-0004 44.00 (Medium)"]
    );
}

#[test]
fn an_amount_column_named_for_another_currency_is_not_taken_for_the_books() {
    let mut f = fixture();
    let csv = "Date,Payee,Amount (USD)\n2026-11-24,Blue Heron Dental,238.00\n";
    let Opened::Table(table) = bank_import::open("usd.csv", csv.as_bytes()).expect("read") else {
        panic!("a CSV file is mapped first");
    };
    let view = bank_import::describe("usd.csv", &table);
    let statement =
        bank_import::from_table(&mut f.book, "usd.csv", &table, &view.suggested).expect("mapped");
    let review = bank_import::review(&mut f.book, &statement, at(30).date()).expect("review");
    assert_eq!(review.lines[0].currency, "USD");
    match &review.lines[0].proposal {
        ProposalView::LeftOut { reason, assignable } => {
            assert!(
                reason.starts_with("In USD, not the book's currency"),
                "{reason}"
            );
            assert!(!assignable);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_malformed_file_is_refused_with_the_place_of_the_fault() {
    assert_eq!(
        refusal("camt053-truncated.xml"),
        "The file ends too early (<AcctSvcrRef> from line 136 is never closed); download the statement again."
    );
    assert_eq!(
        refusal("camt053-bad-amount.xml"),
        "Entry 2 (line 99): the amount \u{201c}59,50\u{201d} is not a number written like 1190.00."
    );
    assert_eq!(
        refusal("camt053-no-amount.xml"),
        "Entry 1 (line 55) has no amount (Amt)."
    );
    assert_eq!(
        refusal("ofx-missing-amount.ofx"),
        "The transaction at line 48 has no amount (TRNAMT)."
    );
    assert_eq!(
        refusal("not-a-statement.xml"),
        "This XML file is not a bank statement (CAMT.053 or CAMT.054): it holds CstmrCdtTrfInitn."
    );
}

#[test]
fn a_csv_row_that_cannot_be_read_names_its_line_and_nothing_is_imported() {
    let mut f = fixture();
    let csv = "Date,Payee,Amount\n2026-11-24,Blue Heron,1190.00\n2026-11-31,Blue Heron,12\n2026-11-25,Blue Heron,twelve\n";
    let Opened::Table(table) = bank_import::open("bad.csv", csv.as_bytes()).expect("read") else {
        panic!("a CSV file is mapped first");
    };
    let view = bank_import::describe("bad.csv", &table);
    assert_eq!(
        view.suggested.columns,
        ["booked_on", "counterparty", "amount"]
    );
    let refused = bank_import::from_table(&mut f.book, "bad.csv", &table, &view.suggested)
        .expect_err("refused");
    assert_eq!(
        refused.to_string(),
        "These rows cannot be read; nothing was imported. Line 3: Date: \u{201c}2026-11-31\u{201d} is not a day of the calendar. Line 4: Amount: \u{201c}twelve\u{201d} is not an amount."
    );
    let no_amount = Mapping {
        columns: vec!["booked_on".into(), "counterparty".into(), String::new()],
        ..view.suggested
    };
    let refused =
        bank_import::from_table(&mut f.book, "bad.csv", &table, &no_amount).expect_err("refused");
    assert_eq!(
        refused.to_string(),
        "Choose the column that holds the amount (or the money-in column)."
    );
}

const SAMPLES: [&str; 11] = [
    "camt053-sparkasse.xml",
    "camt053-ing-v08.xml",
    "camt054-return.xml",
    "ofx1-credit-agricole.ofx",
    "ofx2-xml.ofx",
    "csv-n26.csv",
    "csv-dkb-semicolon.csv",
    "camt053-truncated.xml",
    "camt053-bad-amount.xml",
    "ofx-missing-amount.ofx",
    "not-a-statement.xml",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
        std::env::var("DULY_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64)
    ))]

    /// A damaged download (cut anywhere, a span overwritten with hostile
    /// text) is read or refused, never a panic; whatever is read reviews
    /// without writing anything.
    #[test]
    fn a_damaged_statement_file_is_read_or_refused_never_a_panic(
        sample in proptest::sample::select(&SAMPLES[..]),
        cut in 0.0f64..1.0,
        place in 0.0f64..1.0,
        junk in proptest::prop_oneof![
            proptest::strategy::Just("<Ntry><Amt Ccy=\"EUR\">1e400</Amt>".to_owned()),
            proptest::strategy::Just("&#0;&bogus;<![CDATA[x]]>".to_owned()),
            proptest::strategy::Just("<TRNAMT>-0\n<DTPOSTED>99999999".to_owned()),
            proptest::strategy::Just("\"\";\"\u{202e}\";;\n".to_owned()),
            "\\PC{0,40}",
        ],
    ) {
        let mut bytes = data(sample);
        let len = bytes.len() as f64;
        let start = (place * len) as usize;
        let end = (start + junk.len()).min(bytes.len());
        bytes.splice(start..end, junk.bytes());
        bytes.truncate(((cut * 0.5 + 0.5) * bytes.len() as f64) as usize);
        let mut f = fixture();
        let before = snapshot(&mut f.book);
        match bank_import::open(sample, &bytes) {
            Err(e) => proptest::prop_assert!(!e.to_string().is_empty()),
            Ok(Opened::Statement(statement)) => {
                let _ = bank_import::review(&mut f.book, &statement, at(30).date());
            }
            Ok(Opened::Table(table)) => {
                let view = bank_import::describe(sample, &table);
                if let Ok(statement) = bank_import::from_table(&mut f.book, sample, &table, &view.suggested) {
                    let _ = bank_import::review(&mut f.book, &statement, at(30).date());
                }
            }
        }
        proptest::prop_assert_eq!(snapshot(&mut f.book), before);
    }
}
