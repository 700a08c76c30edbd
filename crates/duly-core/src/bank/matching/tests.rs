use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("valid")
}

fn eur(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

fn credit(cents: i64, payer: &str, text: &str) -> BankLine {
    BankLine {
        source: "entry 1".into(),
        booked_on: day(27),
        amount: eur(cents),
        currency: "EUR".into(),
        counterparty: payer.into(),
        text: text.into(),
        reference: String::new(),
        check_number: String::new(),
        bank_id: String::new(),
        returned: String::new(),
    }
}

fn item(invoice_id: i64, customer_id: i64, number: &str, cents: i64) -> OpenItem {
    OpenItem {
        invoice_id,
        customer_id,
        number: number.into(),
        issue_date: day(u32::try_from(invoice_id).unwrap_or(1)),
        sequence: invoice_id,
        owed: eur(cents),
    }
}

/// Blue Heron (1): INV-0001 1,190.00, INV-0002 238.00; Müller (2): INV-0003
/// 595.00 with check 1042 promised; Café Lumière (3): INV-0004 119.00,
/// INV-0005 357.00.
struct Fixture {
    open: Vec<OpenItem>,
    payers: Vec<Payer>,
    checks: Vec<ExpectedCheck>,
    expected: Vec<ExpectedAmount>,
    received: Vec<Received>,
}

impl Fixture {
    fn new() -> Self {
        let payer = |customer_id, name: &str| Payer {
            customer_id,
            name: name.into(),
        };
        Fixture {
            open: vec![
                item(1, 1, "INV-0001", 119_000),
                item(2, 1, "INV-0002", 23_800),
                item(3, 2, "INV-0003", 59_500),
                item(4, 3, "INV-0004", 11_900),
                item(5, 3, "INV-0005", 35_700),
            ],
            payers: vec![
                payer(1, "Blue Heron Dental GmbH"),
                payer(2, "Müller & Söhne KG"),
                payer(3, "Café Lumière SARL"),
            ],
            checks: vec![ExpectedCheck {
                customer_id: 2,
                check_number: "1042".into(),
                amount: eur(59_500),
            }],
            expected: Vec::new(),
            received: Vec::new(),
        }
    }

    fn propose(&self, lines: &[BankLine]) -> Vec<Proposal> {
        propose(
            lines,
            Ledger {
                currency: Currency::from_code("EUR").expect("EUR"),
                open: &self.open,
                payers: &self.payers,
                checks: &self.checks,
                expected: &self.expected,
                received: &self.received,
            },
        )
    }
}

fn payment(p: &Proposal) -> &PaymentProposal {
    match p {
        Proposal::Payment(p) => p,
        other => panic!("expected a payment, got {other:?}"),
    }
}

fn shares(p: &PaymentProposal) -> Vec<(i64, Decimal)> {
    p.shares.iter().map(|s| (s.invoice_id, s.amount)).collect()
}

#[test]
fn an_rf_reference_pays_its_invoice_for_certain_whatever_the_spacing() {
    let f = Fixture::new();
    let mut line = credit(119_000, "BLUE HERON DENTAL GMBH", "");
    line.reference = "RF40INV0001".into();
    let spaced = credit(23_800, "Someone else", "Ref: rf13 inv0 002 thanks");
    let proposals = f.propose(&[line.clone(), spaced.clone()]);
    let first = payment(&proposals[0]);
    assert_eq!(first.customer_id, 1);
    assert_eq!(shares(first), [(1, eur(119_000))]);
    assert_eq!(first.confidence, Confidence::High);
    assert_eq!(first.method, PaymentMethod::BankTransfer);
    assert_eq!(line.payment_reference(), "RF40INV0001");
    assert_eq!(
        first.reason.explain(&line),
        "Quotes the payment reference of invoice INV-0001."
    );
    let second = payment(&proposals[1]);
    assert_eq!(
        (second.customer_id, shares(second)),
        (1, vec![(2, eur(23_800))])
    );
}

#[test]
fn one_transfer_naming_two_invoices_pays_both() {
    let f = Fixture::new();
    let line = credit(47_600, "Cafe Lumiere SARL", "Factures INV-0004 et INV-0005");
    let proposals = f.propose(std::slice::from_ref(&line));
    let p = payment(&proposals[0]);
    assert_eq!(shares(p), [(4, eur(11_900)), (5, eur(35_700))]);
    assert_eq!(p.credit, Decimal::ZERO);
    assert_eq!(p.confidence, Confidence::High);
    assert_eq!(
        p.reason.explain(&line),
        "The transfer text names invoices INV-0004 and INV-0005."
    );
}

#[test]
fn a_number_is_a_whole_word_and_a_short_payment_is_less_sure() {
    let f = Fixture::new();
    let longer = credit(11_900, "Nobody", "INV-00041");
    let short = credit(10_000, "Nobody", "inv 0004");
    let proposals = f.propose(&[longer, short]);
    // INV-00041 is no invoice; the amount alone finds INV-0004.
    let p = payment(&proposals[0]);
    assert_eq!(
        p.reason,
        Reason::AmountOnly {
            number: "INV-0004".into()
        }
    );
    assert_eq!(p.confidence, Confidence::Low);
    // What INV-0004 owes is now nothing: the second line names it and
    // spreads over Café Lumière's other invoice.
    let q = payment(&proposals[1]);
    assert_eq!(q.customer_id, 3);
    assert_eq!(shares(q), [(5, eur(10_000))]);
    assert_eq!(q.confidence, Confidence::Medium);
}

#[test]
fn the_promised_check_is_found_by_its_number_in_the_field_or_the_text() {
    let f = Fixture::new();
    let mut deposit = credit(59_500, "", "CHECK DEPOSIT");
    deposit.check_number = "001042".into();
    let proposals = f.propose(std::slice::from_ref(&deposit));
    let p = payment(&proposals[0]);
    assert_eq!(p.customer_id, 2);
    assert_eq!(p.method, PaymentMethod::Check);
    assert_eq!(deposit.payment_reference(), "001042");
    assert_eq!(p.confidence, Confidence::High);
    assert_eq!(
        p.reason.explain(&deposit),
        "Check 001042, the one they promised was in the mail."
    );
    let in_text = credit(59_500, "", "Cheque no. 1042");
    let p = f.propose(std::slice::from_ref(&in_text));
    assert_eq!(payment(&p[0]).customer_id, 2);
    assert_eq!(in_text.payment_reference(), "1042");
}

#[test]
fn the_payers_name_matches_without_accents_case_or_company_suffix() {
    assert_eq!(name_key("Müller & Söhne KG"), "muller sohne");
    assert_eq!(name_key("MUELLER UND SOEHNE"), "muller sohne");
    assert_eq!(name_key("Café Lumière S.A.R.L."), name_key("cafe lumiere"));
    assert!(same_payer("blu heron dental", "blu heron dental"));
    assert!(same_payer("blu heron", "blu heron dental"));
    assert!(!same_payer("blu", "blu heron dental"));
    assert!(!same_payer("blu heron d", "blu heron dental"));

    let f = Fixture::new();
    let line = credit(23_800, "Blue Heron Dental", "Thanks, November");
    let proposals = f.propose(std::slice::from_ref(&line));
    let p = payment(&proposals[0]);
    assert_eq!((p.customer_id, shares(p)), (1, vec![(2, eur(23_800))]));
    assert_eq!(p.confidence, Confidence::Medium);
    assert_eq!(
        p.reason.explain(&line),
        "\u{201c}Blue Heron Dental\u{201d} paid exactly what invoice INV-0002 owes."
    );
    // Their whole balance, then an amount that matches nothing: oldest first.
    let whole = credit(142_800, "BLUE HERON DENTAL GMBH", "");
    let odd = credit(5_000, "Muller und Sohne", "");
    let proposals = f.propose(&[whole, odd]);
    let p = payment(&proposals[0]);
    assert_eq!(
        p.reason,
        Reason::NameAndAmount {
            matched: AmountMatch::Balance
        }
    );
    assert_eq!(shares(p), [(1, eur(119_000)), (2, eur(23_800))]);
    let q = payment(&proposals[1]);
    assert_eq!(
        (q.customer_id, q.reason.clone(), q.confidence),
        (2, Reason::Name, Confidence::Low)
    );
}

#[test]
fn a_promised_amount_or_an_installment_is_matched_with_the_name() {
    let mut f = Fixture::new();
    f.expected.push(ExpectedAmount {
        customer_id: 1,
        amount: eur(50_000),
        kind: Expected::Installment,
    });
    let proposals = f.propose(&[credit(50_000, "Blue Heron", "")]);
    let p = payment(&proposals[0]);
    assert_eq!(
        p.reason,
        Reason::NameAndAmount {
            matched: AmountMatch::Installment
        }
    );
    assert_eq!(shares(p), [(1, eur(50_000))]);
}

#[test]
fn debits_unknown_credits_and_other_currencies_are_left_out_with_a_reason() {
    let f = Fixture::new();
    let mut dollars = credit(23_800, "Blue Heron Dental", "");
    dollars.currency = "USD".into();
    let proposals = f.propose(&[
        credit(-5_490, "Office Supplies Ltd", "Toner cartridges"),
        credit(7_500, "ACME Insurance AG", "Claim 99812 refund"),
        dollars,
    ]);
    assert_eq!(proposals[0], Proposal::LeftOut(LeftOut::Debit));
    assert_eq!(proposals[1], Proposal::LeftOut(LeftOut::NoMatch));
    assert_eq!(
        proposals[2],
        Proposal::LeftOut(LeftOut::Currency("USD".into()))
    );
    assert!(LeftOut::Currency("USD".into())
        .explain()
        .starts_with("In USD,"));
}

#[test]
fn a_returned_transfer_takes_back_the_payment_it_returns() {
    let mut f = Fixture::new();
    let received = |payment_id, customer_id, cents, d| Received {
        payment_id,
        customer_id,
        amount: eur(cents),
        received_on: day(d),
        reference: String::new(),
    };
    f.received = vec![received(7, 1, 23_800, 20), received(8, 3, 23_800, 21)];
    let mut returned = credit(-23_800, "Blue Heron Dental", "RETOURE");
    returned.returned = "AC04".into();
    let mut anonymous = credit(-23_800, "", "RETURN");
    anonymous.returned = "MS03".into();
    let proposals = f.propose(&[returned, anonymous]);
    match &proposals[0] {
        Proposal::Reversal {
            payment_id,
            received_on,
            reason,
            confidence,
            ..
        } => {
            assert_eq!((*payment_id, *received_on), (7, day(20)));
            assert_eq!(*confidence, Confidence::High);
            assert_eq!(
                reason,
                "Returned by the bank (AC04: the account is closed)."
            );
        }
        other => panic!("expected a reversal, got {other:?}"),
    }
    // The only payment of that amount left is the other customer's.
    assert!(matches!(
        proposals[1],
        Proposal::Reversal { payment_id: 8, .. }
    ));
}

#[test]
fn a_credit_already_in_the_book_on_that_day_is_not_offered_again() {
    let mut f = Fixture::new();
    f.received = vec![Received {
        payment_id: 9,
        customer_id: 2,
        amount: eur(59_500),
        received_on: day(27),
        reference: "1042".into(),
    }];
    let mut deposit = credit(59_500, "", "CHECK DEPOSIT");
    deposit.check_number = "1042".into();
    // The same check on the same day, then a second, different one.
    let mut other = deposit.clone();
    other.check_number = "1043".into();
    let proposals = f.propose(&[deposit, other]);
    assert_eq!(proposals[0], Proposal::LeftOut(LeftOut::AlreadyRecorded));
    assert!(matches!(
        proposals[1],
        Proposal::LeftOut(LeftOut::NoMatch) | Proposal::Payment(_)
    ));
    assert_ne!(proposals[1], proposals[0]);
}

/// A known payment: who paid, which invoices it settles, and how the
/// statement line names them.
#[derive(Debug, Clone)]
enum Quote {
    Reference,
    Numbers,
    NameAndAmount,
}

proptest! {
    /// A statement written from known payments (each settling whole invoices
    /// and quoting them by reference, by number, or paying one invoice under
    /// the customer's name) matches back to exactly those payments.
    #[test]
    fn a_statement_of_known_payments_matches_back_to_them(
        owed in prop::collection::vec((0usize..6, 1i64..500_000), 1..30),
        paid in prop::collection::vec((0usize..30, 1usize..4, prop_oneof![
            Just(Quote::Reference), Just(Quote::Numbers), Just(Quote::NameAndAmount)
        ]), 1..12),
    ) {
        let names = ["Blue Heron Dental GmbH", "Müller & Söhne KG", "Café Lumière SARL",
            "Northwind Traders Ltd", "Osprey Legal LLP", "Zeta Works Inc"];
        let open: Vec<OpenItem> = owed.iter().enumerate().map(|(i, &(c, cents))| {
            let id = i64::try_from(i).unwrap_or_default() + 1;
            item(id, i64::try_from(c).unwrap_or_default() + 1, &format!("INV-{:04}", id + 100), cents)
        }).collect();
        let payers: Vec<Payer> = names.iter().enumerate().map(|(i, n)| Payer {
            customer_id: i64::try_from(i).unwrap_or_default() + 1,
            name: (*n).into(),
        }).collect();
        // Each payment takes invoices not taken before, of one customer.
        let mut taken = std::collections::HashSet::new();
        let mut lines = Vec::new();
        let mut truth = Vec::new();
        for (start, count, quote) in paid {
            let Some(first) = open.iter().skip(start % open.len()).find(|i| !taken.contains(&i.invoice_id)) else { continue };
            let customer = first.customer_id;
            let mut settled: Vec<&OpenItem> = open.iter()
                .filter(|i| i.customer_id == customer && !taken.contains(&i.invoice_id))
                .filter(|i| i.invoice_id >= first.invoice_id)
                .take(count)
                .collect();
            if matches!(quote, Quote::NameAndAmount) {
                // Exact-amount matching takes the first invoice owing that
                // amount; keep the generated one unambiguous.
                settled.truncate(1);
                let amount = settled[0].owed;
                if open.iter().any(|i| i.customer_id == customer && i.invoice_id != settled[0].invoice_id
                    && !taken.contains(&i.invoice_id) && i.owed == amount) {
                    continue;
                }
                let balance: Decimal = open.iter().filter(|i| i.customer_id == customer && !taken.contains(&i.invoice_id)).map(|i| i.owed).sum();
                if balance == amount && open.iter().filter(|i| i.customer_id == customer && !taken.contains(&i.invoice_id)).count() > 1 {
                    continue;
                }
            }
            let amount: Decimal = settled.iter().map(|i| i.owed).sum();
            let text = match quote {
                Quote::Reference => settled.iter()
                    .filter_map(|i| CreditorReference::for_invoice(&i.number))
                    .map(|r| r.to_string()).collect::<Vec<_>>().join(", "),
                Quote::Numbers => format!("Invoices {}", settled.iter().map(|i| i.number.as_str()).collect::<Vec<_>>().join(" ")),
                Quote::NameAndAmount => "Thank you".to_owned(),
            };
            let payer = names[usize::try_from(customer - 1).unwrap_or_default()].to_uppercase();
            for i in &settled { taken.insert(i.invoice_id); }
            truth.push((customer, settled.iter().map(|i| (i.invoice_id, i.owed)).collect::<Vec<_>>()));
            lines.push(credit(0, &payer, &text));
            if let Some(line) = lines.last_mut() { line.amount = amount; }
        }
        let proposals = propose(&lines, Ledger {
            currency: Currency::from_code("EUR").expect("EUR"),
            open: &open,
            payers: &payers,
            checks: &[],
            expected: &[],
            received: &[],
        });
        prop_assert_eq!(proposals.len(), truth.len());
        for (proposal, (customer, settled)) in proposals.iter().zip(truth) {
            let Proposal::Payment(p) = proposal else {
                return Err(TestCaseError::fail(format!("not a payment: {proposal:?}")));
            };
            prop_assert_eq!(p.customer_id, customer);
            prop_assert_eq!(shares(p), settled);
            prop_assert_eq!(p.credit, Decimal::ZERO);
        }
    }
}
