//! Late fees through the commands: hand-computed fees across grace, minimum
//! and cap; charging once per day however often it is asked; the two weeks
//! away charged exactly once; opted-out customers skipped; waivers; and the
//! policy card's refusals.
//!
//! The book: one $1,000.00 invoice issued 11 Sep 2026 on net 30, so due
//! 11 Oct 2026; on 25 Nov 2026 it is 45 days overdue.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use common::{assert_not_allowed, assert_refused, now, snapshot};
use duly_app::late_fees::{self, Customers, FeeLine, WaiveForm};
use duly_app::{audit, customers, documents, invoices, payments, settings};
use duly_core::customer::{Contact, CustomerForm};
use duly_core::invoice::{DraftForm, InvoiceState, IssueForm, LineForm};
use duly_core::late_fee::{LateFeeKind, LateFeePolicyForm};
use duly_core::payment::{AllocationForm, PaymentForm, PaymentMethod};
use duly_core::profile::ProfileForm;
use duly_store::Book;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn at(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(10, 0, 0).expect("valid time")
}

/// 25 Nov 2026, the day of the common clock.
fn nov25() -> NaiveDate {
    now().date()
}

/// Two weeks after `nov25`.
fn dec9() -> NaiveDate {
    day(2026, 12, 9)
}

fn book() -> Book {
    let mut book = Book::open_in_memory().expect("book");
    let profile = ProfileForm {
        name: "Harbor & Pine".into(),
        currency: "USD".into(),
        default_terms_days: "30".into(),
        late_fee_text: "Overdue balances accrue 1.5% per month after 15 days.".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(&mut book, &profile).expect("profile");
    book
}

fn customer(book: &mut Book, company: &str) -> i64 {
    let form = CustomerForm {
        company: company.into(),
        billing: Contact {
            name: "Ada".into(),
            email: "ap@example.com".into(),
            ..Contact::default()
        },
        ..CustomerForm::default()
    };
    customers::create(book, &form, now()).expect("customer").id
}

/// Issues an invoice of `price` to `customer` on `issued` (net 30).
fn invoice(book: &mut Book, customer: i64, price: &str, issued: NaiveDate) -> i64 {
    let draft = DraftForm {
        customer_id: Some(customer),
        lines: vec![LineForm {
            description: "Monthly bookkeeping".into(),
            quantity: "1".into(),
            unit_price: price.into(),
            ..LineForm::default()
        }],
        ..DraftForm::default()
    };
    let d = invoices::save_draft(book, None, &draft, at(issued)).expect("draft");
    let issue = IssueForm {
        issue_date: issued.format("%Y-%m-%d").to_string(),
        due_date: String::new(),
    };
    invoices::issue(book, d.row.id, &issue, at(issued))
        .expect("issue")
        .row
        .id
}

fn percent_policy(pct: &str, grace: &str, minimum: &str, cap: &str) -> LateFeePolicyForm {
    LateFeePolicyForm {
        kind: LateFeeKind::PercentPerMonth,
        percent_per_month: pct.into(),
        grace_days: grace.into(),
        minimum: minimum.into(),
        cap: cap.into(),
        ..LateFeePolicyForm::default()
    }
}

/// The usual book: Blue Heron owes $1,000.00 due 11 Oct 2026, and the policy
/// is 1.5 % a month after 15 grace days.
fn usual() -> (Book, i64, i64) {
    let mut book = book();
    let heron = customer(&mut book, "Blue Heron Dental");
    let inv = invoice(&mut book, heron, "1000.00", day(2026, 9, 11));
    late_fees::save_policy(&mut book, &percent_policy("1.5", "15", "", "")).expect("policy");
    (book, heron, inv)
}

fn only_line(book: &mut Book, as_of: NaiveDate) -> FeeLine {
    let mut lines = late_fees::preview(book, as_of).expect("preview");
    assert_eq!(lines.len(), 1, "{lines:?}");
    lines.remove(0)
}

#[test]
fn hand_computed_fees_across_grace_minimum_and_cap() {
    let (mut book, _, _) = usual();
    // 45 days late, 15 of grace: 30 days × 1000 × 1.5 % × 12/365
    // = 540000 / 36500 = 14.7945… → 14.79.
    let line = only_line(&mut book, nov25());
    assert_eq!(line.invoice_number, "INV-0001");
    assert_eq!(line.due_date.to_string(), "2026-10-11");
    assert_eq!(line.days_late, 45);
    assert_eq!(line.balance, "1000.00");
    assert_eq!(line.fee_owed, "14.79");
    assert_eq!(line.already_charged, "0.00");
    assert_eq!(line.to_charge_now, "14.79");
    assert_eq!(
        (
            line.period_from.map(|d| d.to_string()),
            line.period_through.map(|d| d.to_string())
        ),
        (Some("2026-10-27".into()), Some("2026-11-25".into()))
    );

    // Still in grace on 26 Oct (15 days late): nothing to show.
    assert!(late_fees::preview(&mut book, day(2026, 10, 26))
        .expect("preview")
        .is_empty());
    // First fee day, 27 Oct: 1 day → 18000 / 36500 = 0.4931… → 0.49.
    assert_eq!(only_line(&mut book, day(2026, 10, 27)).fee_owed, "0.49");

    // A $25.00 minimum lifts 14.79 to 25.00 …
    late_fees::save_policy(&mut book, &percent_policy("1.5", "15", "25", "")).expect("policy");
    assert_eq!(only_line(&mut book, nov25()).fee_owed, "25.00");
    // … but not a fee still zero in grace.
    assert!(late_fees::preview(&mut book, day(2026, 10, 26))
        .expect("preview")
        .is_empty());
    // 23 Feb 2027: 135 days late, 120 after grace → 2160000 / 36500
    // = 59.178… → 59.18, above the minimum; a $50.00 cap limits it.
    assert_eq!(only_line(&mut book, day(2027, 2, 23)).fee_owed, "59.18");
    late_fees::save_policy(&mut book, &percent_policy("1.5", "15", "25", "50")).expect("policy");
    assert_eq!(only_line(&mut book, day(2027, 2, 23)).fee_owed, "50.00");
    assert_eq!(only_line(&mut book, nov25()).fee_owed, "25.00");

    // No grace, 2 % a month, 45 days: 1000 × 2 × 12 × 45 / 36500
    // = 1080000 / 36500 = 29.5890… → 29.59.
    late_fees::save_policy(&mut book, &percent_policy("2", "0", "", "")).expect("policy");
    assert_eq!(only_line(&mut book, nov25()).fee_owed, "29.59");

    // Flat $35.00 after 10 grace days, whatever the lateness.
    let flat = LateFeePolicyForm {
        kind: LateFeeKind::Flat,
        flat_amount: "35".into(),
        grace_days: "10".into(),
        ..LateFeePolicyForm::default()
    };
    late_fees::save_policy(&mut book, &flat).expect("policy");
    assert!(late_fees::preview(&mut book, day(2026, 10, 21))
        .expect("preview")
        .is_empty());
    assert_eq!(only_line(&mut book, day(2026, 10, 22)).fee_owed, "35.00");
    assert_eq!(only_line(&mut book, day(2027, 6, 1)).fee_owed, "35.00");

    // No policy, no fees.
    late_fees::save_policy(&mut book, &LateFeePolicyForm::default()).expect("policy");
    assert!(late_fees::preview(&mut book, nov25())
        .expect("preview")
        .is_empty());
}

#[test]
fn a_45_day_overdue_invoice_is_charged_once_and_asking_again_adds_nothing() {
    let (mut book, heron, overdue) = usual();
    let view = late_fees::view(&mut book, nov25()).expect("view");
    assert_eq!(view.to_charge_count, 1);
    assert_eq!(view.to_charge_total, "14.79");
    assert_eq!(view.invoices_to_issue, 1);
    assert_eq!(
        view.policy,
        "1.5% per month on the balance, accrued daily after 15 grace days."
    );

    let applied = late_fees::apply(&mut book, nov25(), &Customers::All, now()).expect("apply");
    assert_eq!(applied.len(), 1);
    let charge = &applied[0];
    assert_eq!(charge.number, "INV-0002", "the next number, gapless");
    assert_eq!(charge.customer_id, heron);
    assert_eq!(charge.total, "14.79");

    // An ordinary issued invoice: untaxed, one line naming the overdue
    // invoice and the period, due on the customer's terms.
    let inv = invoices::get(&mut book, charge.invoice_id, now()).expect("invoice");
    assert_eq!(
        inv.row.issue_date.map(|d| d.to_string()).as_deref(),
        Some("2026-11-25")
    );
    assert_eq!(
        inv.row.due_date.map(|d| d.to_string()).as_deref(),
        Some("2026-12-25")
    );
    assert_eq!(inv.lines.len(), 1);
    assert_eq!(
        inv.lines[0].description,
        "Late fee on INV-0001, 27 Oct \u{2013} 25 Nov 2026: balance $1,000.00, 30 days at 1.5% per month",
        "the line says how the $14.79 was reckoned: 1,000.00 × 1.5% × 12/365 × 30"
    );
    assert_eq!(inv.lines[0].quantity, "1");
    assert_eq!(inv.lines[0].unit_price, "14.79");
    assert_eq!(inv.lines[0].tax_rate_id, None);
    assert_eq!(inv.totals.tax_total, "0.00");
    assert_eq!(inv.totals.total, "14.79");
    assert!(inv.notes.contains("invoice INV-0001"), "{}", inv.notes);
    // It states how the fee was computed: the policy's terms, not free text.
    assert!(
        inv.notes.contains("1.5% per month, accrued daily")
            && inv.notes.contains("15 days after its due date"),
        "{}",
        inv.notes
    );
    // Printed like any invoice.
    let pdf = documents::invoice_pdf(&mut book, charge.invoice_id, now()).expect("pdf");
    assert!(pdf.bytes.starts_with(b"%PDF"));
    assert!(pdf.file_name.starts_with("INV-0002"), "{}", pdf.file_name);

    // The overdue invoice now shows what was charged, and nothing more to charge.
    let line = only_line(&mut book, nov25());
    assert_eq!(line.invoice_id, overdue);
    assert_eq!(line.already_charged, "14.79");
    assert_eq!(line.to_charge_now, "0.00");
    assert_eq!(line.period_from, None);

    // Asking again for the same day (or an earlier one) adds nothing at all.
    let before = snapshot(&mut book);
    for as_of in [nov25(), day(2026, 11, 20)] {
        let again = late_fees::apply(&mut book, as_of, &Customers::All, now()).expect("apply");
        assert!(again.is_empty(), "{again:?}");
    }
    assert_eq!(before, snapshot(&mut book));
    assert_eq!(
        late_fees::view(&mut book, nov25())
            .expect("view")
            .to_charge_count,
        0
    );
}

#[test]
fn two_weeks_later_the_additional_accrual_is_charged_exactly_once() {
    let (mut book, _, _) = usual();
    late_fees::apply(&mut book, nov25(), &Customers::All, now()).expect("apply");

    // 9 Dec: 59 days late, 44 after grace → 792000 / 36500 = 21.6986… → 21.70;
    // 14.79 was charged, so 6.91 is due now, for 26 Nov – 9 Dec.
    let line = only_line(&mut book, dec9());
    assert_eq!(line.fee_owed, "21.70");
    assert_eq!(line.already_charged, "14.79");
    assert_eq!(line.to_charge_now, "6.91");
    let applied = late_fees::apply(&mut book, dec9(), &Customers::All, at(dec9())).expect("apply");
    assert_eq!(applied.len(), 1);
    assert_eq!(applied[0].number, "INV-0003");
    assert_eq!(applied[0].total, "6.91");
    let inv = invoices::get(&mut book, applied[0].invoice_id, at(dec9())).expect("invoice");
    assert_eq!(
        inv.lines[0].description,
        "Late fee on INV-0001, 26 Nov \u{2013} 9 Dec 2026: balance $1,000.00, 14 days at 1.5% per month"
    );

    let before = snapshot(&mut book);
    assert!(
        late_fees::apply(&mut book, dec9(), &Customers::All, at(dec9()))
            .expect("apply")
            .is_empty()
    );
    assert_eq!(before, snapshot(&mut book));
    let line = only_line(&mut book, dec9());
    assert_eq!(line.already_charged, "21.70");
    assert_eq!(line.to_charge_now, "0.00");

    // The finance-charge invoices fall due too, but never earn a fee.
    let later = late_fees::preview(&mut book, day(2027, 3, 1)).expect("preview");
    assert_eq!(later.len(), 1);
    assert_eq!(later[0].invoice_number, "INV-0001");
}

#[test]
fn a_payment_lowers_the_fee_base_and_nothing_is_ever_refunded_or_negative() {
    let (mut book, heron, overdue) = usual();
    late_fees::apply(&mut book, nov25(), &Customers::All, now()).expect("apply");
    let payment = PaymentForm {
        customer_id: Some(heron),
        received_on: "2026-11-30".into(),
        amount: "900.00".into(),
        method: PaymentMethod::BankTransfer,
        allocations: vec![AllocationForm {
            invoice_id: overdue,
            amount: "900.00".into(),
        }],
        ..PaymentForm::default()
    };
    payments::record(&mut book, &payment, at(day(2026, 11, 30))).expect("payment");
    // 9 Dec on $100.00: 44 days → 79200 / 36500 = 2.1698… → 2.17, below the
    // 14.79 already charged: nothing more, and nothing negative.
    let line = only_line(&mut book, dec9());
    assert_eq!(line.balance, "100.00");
    assert_eq!(line.fee_owed, "2.17");
    assert_eq!(line.to_charge_now, "0.00");
}

#[test]
fn opted_out_customers_are_skipped() {
    let (mut book, heron, _) = usual();
    let osprey = customer(&mut book, "Osprey Outfitters");
    invoice(&mut book, osprey, "500.00", day(2026, 9, 11));
    // Osprey: 30 days × 500 × 1.5 × 12 / 36500 = 270000 / 36500 = 7.397… → 7.40.
    let lines = late_fees::preview(&mut book, nov25()).expect("preview");
    let names: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l.customer_company.as_str(), l.to_charge_now.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Blue Heron Dental", "14.79"),
            ("Osprey Outfitters", "7.40")
        ]
    );

    late_fees::set_customer_opt_out(&mut book, heron, true).expect("opt out");
    let view = late_fees::view(&mut book, nov25()).expect("view");
    assert_eq!(view.lines.rows.len(), 1);
    assert_eq!(view.lines.rows[0].customer_id, osprey);
    assert_eq!(view.opted_out.len(), 1);
    assert_eq!(view.opted_out[0].company, "Blue Heron Dental");
    let applied = late_fees::apply(&mut book, nov25(), &Customers::All, now()).expect("apply");
    assert_eq!(applied.len(), 1);
    assert_eq!(applied[0].customer_id, osprey);
    assert_eq!(applied[0].total, "7.40");

    // Back in: charged from the start, since nothing was charged before.
    late_fees::set_customer_opt_out(&mut book, heron, false).expect("opt in");
    let lines = late_fees::preview(&mut book, nov25()).expect("preview");
    let to_charge: Vec<(i64, &str)> = lines
        .iter()
        .map(|l| (l.customer_id, l.to_charge_now.as_str()))
        .collect();
    assert_eq!(to_charge, [(heron, "14.79"), (osprey, "0.00")]);

    assert_eq!(
        late_fees::set_customer_opt_out(&mut book, 9999, true)
            .expect_err("unknown customer")
            .kind,
        duly_app::ErrorKind::NotFound
    );
}

/// "Don't charge" on one invoice waives that invoice alone: the customer's
/// other invoice still earns its fee, the waiver is in the invoice's audit
/// trail, and charging again brings the fee back from the start.
#[test]
fn one_invoice_can_be_waived_without_exempting_the_customer() {
    let (mut book, heron, first) = usual();
    let second = invoice(&mut book, heron, "500.00", day(2026, 9, 11));
    assert_eq!(
        late_fees::preview(&mut book, nov25())
            .expect("preview")
            .len(),
        2
    );

    late_fees::set_invoice_exempt(&mut book, first, true, now()).expect("waive");
    late_fees::set_invoice_exempt(&mut book, first, true, now())
        .expect("waiving twice is harmless");
    let view = late_fees::view(&mut book, nov25()).expect("view");
    let left: Vec<i64> = view.lines.rows.iter().map(|l| l.invoice_id).collect();
    assert_eq!(
        left,
        [second],
        "the customer's other invoice still earns a fee"
    );
    assert!(view.opted_out.is_empty(), "the customer is not exempt");
    assert_eq!(view.exempt_invoices.len(), 1);
    assert_eq!(view.exempt_invoices[0].invoice_id, first);
    let applied = late_fees::apply(&mut book, nov25(), &Customers::All, now()).expect("apply");
    assert_eq!(applied.len(), 1);
    assert_eq!(
        applied[0].total, "7.40",
        "only the $500.00 invoice is charged"
    );
    assert_not_allowed(&mut book, "is a finance charge", |b| {
        invoices::duplicate(
            b,
            applied[0].invoice_id,
            &invoices::DuplicateForm::default(),
            now(),
        )
    });
    let trail = audit::trail(
        &mut book,
        audit::Subject::Invoice,
        first,
        duly_app::page::Span::default(),
    )
    .expect("trail")
    .rows;
    assert!(
        trail
            .iter()
            .any(|e| e.what.starts_with("Late fees waived on INV-")),
        "{trail:?}"
    );

    late_fees::set_invoice_exempt(&mut book, first, false, now()).expect("charge again");
    let back = late_fees::view(&mut book, nov25()).expect("view");
    assert!(back.exempt_invoices.is_empty());
    let fee = back
        .lines
        .rows
        .iter()
        .find(|l| l.invoice_id == first)
        .expect("listed again");
    assert_eq!(fee.to_charge_now, "14.79", "charged from the start");

    let draft = invoices::save_draft(
        &mut book,
        None,
        &DraftForm {
            customer_id: Some(heron),
            ..DraftForm::default()
        },
        now(),
    )
    .expect("draft");
    assert_eq!(
        late_fees::set_invoice_exempt(&mut book, draft.row.id, true, now())
            .expect_err("a draft")
            .kind,
        duly_app::ErrorKind::NotAllowed
    );
    assert_eq!(
        late_fees::set_invoice_exempt(&mut book, 9999, true, now())
            .expect_err("unknown invoice")
            .kind,
        duly_app::ErrorKind::NotFound
    );
}

/// The customer form's checkbox and the Late fees screen's button are the
/// same setting: saving the form with it ticked takes the customer off.
#[test]
fn the_customer_form_can_opt_a_customer_out() {
    let (mut book, heron, _) = usual();
    let mut form = CustomerForm {
        company: "Blue Heron Dental".into(),
        late_fee_opt_out: true,
        ..CustomerForm::default()
    };
    let view = customers::update(&mut book, heron, &form, now()).expect("save");
    assert!(view.late_fee_opt_out);
    let late = late_fees::view(&mut book, nov25()).expect("view");
    assert!(late.lines.rows.is_empty(), "{:?}", late.lines.rows);
    assert_eq!(late.opted_out[0].customer_id, heron);

    form.late_fee_opt_out = false;
    customers::update(&mut book, heron, &form, now()).expect("save");
    assert_eq!(only_line(&mut book, nov25()).to_charge_now, "14.79");
}

#[test]
fn applying_for_chosen_customers_charges_only_them() {
    let (mut book, heron, _) = usual();
    let osprey = customer(&mut book, "Osprey Outfitters");
    invoice(&mut book, osprey, "500.00", day(2026, 9, 11));
    invoice(&mut book, osprey, "250.00", day(2026, 9, 20));
    let applied =
        late_fees::apply(&mut book, nov25(), &Customers::Only(vec![osprey]), now()).expect("apply");
    assert_eq!(applied.len(), 1);
    // Second Osprey invoice: due 20 Oct, 36 days late, 21 after grace:
    // 250 × 1.5 × 12 × 21 / 36500 = 94500 / 36500 = 2.589… → 2.59.
    assert_eq!(applied[0].fees, 2);
    assert_eq!(applied[0].total, "9.99");
    let inv = invoices::get(&mut book, applied[0].invoice_id, now()).expect("invoice");
    assert!(
        inv.notes.contains("invoices INV-0002 and INV-0003"),
        "{}",
        inv.notes
    );
    let still: Vec<i64> = late_fees::preview(&mut book, nov25())
        .expect("preview")
        .iter()
        .filter(|l| l.to_charge_now != "0.00")
        .map(|l| l.customer_id)
        .collect();
    assert_eq!(still, [heron]);
}

#[test]
fn waiving_voids_the_finance_charge_and_records_the_reason() {
    let (mut book, _, overdue) = usual();
    let applied = late_fees::apply(&mut book, nov25(), &Customers::All, now()).expect("apply");
    let charge = applied[0].invoice_id;

    assert_refused(&mut book, "reason", "Reason is required.", |b| {
        late_fees::waive(b, charge, &WaiveForm::default(), now())
    });
    assert_not_allowed(&mut book, "is not a finance-charge invoice", |b| {
        late_fees::waive(
            b,
            overdue,
            &WaiveForm {
                reason: "Kind".into(),
            },
            now(),
        )
    });

    let waived = late_fees::waive(
        &mut book,
        charge,
        &WaiveForm {
            reason: "Long-standing customer; first time late.".into(),
        },
        now(),
    )
    .expect("waive");
    assert!(waived.waived);
    assert_eq!(waived.state, InvoiceState::Void);
    assert_eq!(
        waived.waiver_reason.as_deref(),
        Some("Long-standing customer; first time late.")
    );
    let inv = invoices::get(&mut book, charge, now()).expect("invoice");
    assert_eq!(
        inv.void_reason.as_deref(),
        Some("Late fee waived: Long-standing customer; first time late.")
    );
    let recorded: (String, String) = book
        .read(|tx| {
            Ok(tx.query_row(
                "SELECT waiver_reason, waived_at FROM late_fee_charges WHERE charge_invoice_id = ?1",
                [charge],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .expect("charge row");
    assert_eq!(
        recorded,
        (
            "Long-standing customer; first time late.".to_owned(),
            "2026-11-25T10:00:00".to_owned()
        )
    );

    // The waived period is forgiven: not charged again for the same day …
    let line = only_line(&mut book, nov25());
    assert_eq!(line.already_charged, "0.00");
    assert_eq!(line.waived, "14.79");
    assert_eq!(line.to_charge_now, "0.00");
    assert!(late_fees::apply(&mut book, nov25(), &Customers::All, now())
        .expect("apply")
        .is_empty());
    // … and two weeks later only the new days are charged.
    assert_eq!(only_line(&mut book, dec9()).to_charge_now, "6.91");

    // Once is enough.
    assert_not_allowed(&mut book, "already waived", |b| {
        late_fees::waive(
            b,
            charge,
            &WaiveForm {
                reason: "Again".into(),
            },
            now(),
        )
    });
    let view = late_fees::view(&mut book, nov25()).expect("view");
    assert_eq!(view.charges.len(), 1);
    assert!(view.charges[0].waived);
    assert_eq!(view.charges[0].fees[0].invoice_number, "INV-0001");
    assert_eq!(view.charges[0].fees[0].amount, "14.79");
}

#[test]
fn charges_are_append_only_even_against_raw_sql() {
    let (mut book, _, _) = usual();
    late_fees::apply(&mut book, nov25(), &Customers::All, now()).expect("apply");
    for sql in [
        "DELETE FROM late_fee_charges",
        "UPDATE late_fee_charges SET amount_minor = 1",
        "UPDATE late_fee_charges SET through_date = '2026-12-31'",
        "UPDATE late_fee_charges SET waived_at = NULL, waiver_reason = NULL",
    ] {
        let result = book.write(|tx| Ok(tx.execute(sql, [])?));
        assert!(result.is_err(), "{sql} should be refused");
    }
    // The one change allowed, a waiver, happens once.
    let waive =
        "UPDATE late_fee_charges SET waived_at = '2026-11-25T10:00:00', waiver_reason = 'x'";
    assert!(book.write(|tx| Ok(tx.execute(waive, [])?)).is_ok());
    assert!(book.write(|tx| Ok(tx.execute(waive, [])?)).is_err());
}

#[test]
fn applying_is_refused_for_days_to_come_and_without_a_policy() {
    let (mut book, _, _) = usual();
    assert_refused(&mut book, "as_of", "through today at the latest", |b| {
        late_fees::apply(b, day(2026, 11, 26), &Customers::All, now())
    });
    late_fees::save_policy(&mut book, &LateFeePolicyForm::default()).expect("none");
    assert_not_allowed(&mut book, "No late-fee policy is set", |b| {
        late_fees::apply(b, nov25(), &Customers::All, now())
    });
}

#[test]
fn bad_policy_input_is_refused_with_specific_messages() {
    let mut book = book();
    let cases = [
        (
            percent_policy("150", "15", "", ""),
            "percent_per_month",
            "Percent per month cannot be more than 100.",
        ),
        (
            percent_policy("", "15", "", ""),
            "percent_per_month",
            "Percent per month is required.",
        ),
        (
            percent_policy("0", "15", "", ""),
            "percent_per_month",
            "Percent per month must be more than 0.",
        ),
        (
            percent_policy("1.5", "15", "-5", ""),
            "minimum",
            "Minimum fee cannot be negative.",
        ),
        (
            percent_policy("1.5", "15", "25", "10"),
            "cap",
            "The cap per invoice cannot be below the minimum fee.",
        ),
        (
            percent_policy("1.5", "15", "", "0"),
            "cap",
            "Cap per invoice must be more than 0.",
        ),
        (
            percent_policy("1.5", "400", "", ""),
            "grace_days",
            "Grace days cannot be more than 365 days.",
        ),
        (
            percent_policy("1.5", "2 weeks", "", ""),
            "grace_days",
            "Grace days must be a whole number of days",
        ),
        (
            percent_policy("1.5", "15", "2.505", ""),
            "minimum",
            "Minimum fee can have at most 2 decimals.",
        ),
        (
            LateFeePolicyForm {
                kind: LateFeeKind::Flat,
                ..LateFeePolicyForm::default()
            },
            "flat_amount",
            "Flat fee is required.",
        ),
        (
            LateFeePolicyForm {
                kind: LateFeeKind::Flat,
                flat_amount: "abc".into(),
                ..LateFeePolicyForm::default()
            },
            "flat_amount",
            "is not a number",
        ),
    ];
    for (form, field, message) in cases {
        assert_refused(&mut book, field, message, |b| {
            late_fees::save_policy(b, &form)
        });
    }
    // A good one reads back as typed, amounts with their cents.
    late_fees::save_policy(&mut book, &percent_policy("1.5", "15", "5", "50")).expect("saved");
    let shown = late_fees::policy(&mut book).expect("policy");
    assert_eq!(shown.form.kind, LateFeeKind::PercentPerMonth);
    assert_eq!(shown.form.percent_per_month, "1.5");
    assert_eq!(shown.form.minimum, "5.00");
    assert_eq!(shown.form.cap, "50.00");
    assert_eq!(
        shown.description,
        "1.5% per month on the balance, accrued daily after 15 grace days, at least USD 5.00, at most USD 50.00 per invoice."
    );
}

#[test]
fn the_window_names_whom_to_charge() {
    let all: Customers = serde_json::from_str(r#"{"kind":"all"}"#).expect("all");
    assert!(matches!(all, Customers::All));
    let only: Customers = serde_json::from_str(r#"{"kind":"only","ids":[3,5]}"#).expect("only");
    assert!(matches!(only, Customers::Only(ids) if ids == [3, 5]));
}
