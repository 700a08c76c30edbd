//! Payments and how they are spread over invoices.
//!
//! A payment is allocated to one or more of the customer's open invoices,
//! oldest first by default or by hand; what is not allocated is the customer's
//! credit, to be applied to a later invoice. So, always:
//! Σ allocations + unapplied credit = Σ payments (of payments not reversed).
//! A bounced check is *reversed*, not deleted: its allocations stop counting
//! from the reversal date and the invoices owe again.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Problems};
use crate::money::{parse_decimal, Currency, DecimalRule};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    #[default]
    Check,
    BankTransfer,
    Card,
    Cash,
    Other,
}

impl PaymentMethod {
    /// The stored spelling; the schema's `CHECK` constraint lists the same words.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Check => "check",
            PaymentMethod::BankTransfer => "bank_transfer",
            PaymentMethod::Card => "card",
            PaymentMethod::Cash => "cash",
            PaymentMethod::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            PaymentMethod::Check,
            PaymentMethod::BankTransfer,
            PaymentMethod::Card,
            PaymentMethod::Cash,
            PaymentMethod::Other,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
    }
}

/// How far in the future a payment date may be: a check dated tomorrow is
/// normal, one dated next month is a typo.
pub const FUTURE_TOLERANCE_DAYS: i64 = 1;

/// An invoice that can receive money, with what it still owes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvoice {
    pub id: i64,
    pub number: String,
    pub issue_date: NaiveDate,
    /// Orders invoices issued the same day.
    pub sequence: i64,
    pub balance: Decimal,
}

/// One share of a payment given to one invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    pub invoice_id: i64,
    pub amount: Decimal,
}

/// Spreads `amount` over the open invoices, oldest first. Returns the shares
/// and what is left over (the customer's credit).
pub fn allocate_oldest_first(amount: Decimal, open: &[OpenInvoice]) -> (Vec<Allocation>, Decimal) {
    let mut invoices: Vec<&OpenInvoice> =
        open.iter().filter(|i| i.balance > Decimal::ZERO).collect();
    invoices.sort_by_key(|i| (i.issue_date, i.sequence));
    let mut left = amount;
    let mut shares = Vec::new();
    for invoice in invoices {
        if left <= Decimal::ZERO {
            break;
        }
        let share = left.min(invoice.balance);
        shares.push(Allocation {
            invoice_id: invoice.id,
            amount: share,
        });
        left -= share;
    }
    (shares, left)
}

/// Checks shares chosen by hand: each for an open invoice of this customer,
/// none above what the invoice owes, together not above the payment.
/// Returns the shares (zero ones dropped) and the credit left over.
pub fn check_manual(
    amount: Decimal,
    requested: &[(i64, Decimal)],
    open: &[OpenInvoice],
    currency: Currency,
) -> Result<(Vec<Allocation>, Decimal), DomainError> {
    let money = |d: Decimal| currency.display(d);
    let mut p = Problems::new();
    let mut shares = Vec::new();
    for (i, &(invoice_id, share)) in requested.iter().enumerate() {
        let field = format!("allocations[{i}].amount");
        if share.is_zero() {
            continue;
        }
        match open.iter().find(|o| o.id == invoice_id) {
            None => p.add(field, "That invoice is not open for this customer."),
            Some(o) if share > o.balance => p.add(
                field,
                format!("Invoice {} only owes {}.", o.number, money(o.balance)),
            ),
            Some(_) if requested[..i].iter().any(|(id, _)| *id == invoice_id) => {
                p.add(field, "That invoice is listed twice.")
            }
            Some(_) => shares.push(Allocation {
                invoice_id,
                amount: share,
            }),
        }
    }
    let total: Decimal = shares.iter().map(|s| s.amount).sum();
    if total > amount {
        p.add(
            "allocations",
            format!(
                "The shares add up to {}, more than the payment of {}.",
                money(total),
                money(amount)
            ),
        );
    }
    p.finish((shares, amount - total))
}

/// The payment form as typed.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct PaymentForm {
    pub customer_id: Option<i64>,
    pub received_on: String,
    pub amount: String,
    pub method: PaymentMethod,
    /// Check number, transfer reference, card slip…
    pub reference: String,
    pub memo: String,
    /// Empty: oldest first. Otherwise the shares chosen by hand.
    pub allocations: Vec<AllocationForm>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct AllocationForm {
    pub invoice_id: i64,
    pub amount: String,
}

/// A correction of what identifies a payment: its check number or
/// reference, and the memo. Amount, date and customer are money facts: a
/// payment wrong in those is marked entered in error and entered again.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct ReferenceForm {
    pub reference: String,
    pub memo: String,
}

impl ReferenceForm {
    /// (reference, memo), by the same rules as a new payment's.
    pub fn validate(&self) -> Result<(String, String), DomainError> {
        let mut p = Problems::new();
        let reference = p.take(text::line("reference", "Reference", &self.reference, false));
        let memo = p.take(text::paragraph("memo", "Memo", &self.memo, false));
        p.finish((reference, memo))
    }
}

/// A validated payment, before allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    pub customer_id: i64,
    pub received_on: NaiveDate,
    pub amount: Decimal,
    pub method: PaymentMethod,
    pub reference: String,
    pub memo: String,
    /// `None`: oldest first.
    pub manual: Option<Vec<(i64, Decimal)>>,
}

impl PaymentForm {
    pub fn validate(
        &self,
        currency: Currency,
        today: NaiveDate,
    ) -> Result<NewPayment, DomainError> {
        let mut p = Problems::new();
        let customer_id = self.customer_id.unwrap_or_else(|| {
            p.add("customer_id", "Choose who paid.");
            0
        });
        let rule = DecimalRule {
            label: "Amount",
            min: Decimal::ZERO,
            min_inclusive: false,
            max: Decimal::from(1_000_000_000),
            max_decimals: currency.minor_units(),
            currency: Some(currency),
        };
        let amount = p.take(parse_decimal("amount", &self.amount, &rule));
        let received_on = p.take(text::date(
            "received_on",
            "Date received",
            &self.received_on,
        ));
        if (received_on - today).num_days() > FUTURE_TOLERANCE_DAYS {
            p.add(
                "received_on",
                "The date received is in the future; check the date.",
            );
        }
        let reference = p.take(text::line("reference", "Reference", &self.reference, false));
        let memo = p.take(text::paragraph("memo", "Memo", &self.memo, false));
        let share_rule = DecimalRule {
            label: "Share",
            min_inclusive: true,
            ..rule
        };
        let manual = if self.allocations.is_empty() {
            None
        } else {
            Some(
                self.allocations
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let share = if a.amount.trim().is_empty() {
                            Decimal::ZERO
                        } else {
                            p.take(parse_decimal(
                                &format!("allocations[{i}].amount"),
                                &a.amount,
                                &share_rule,
                            ))
                        };
                        (a.invoice_id, share)
                    })
                    .collect(),
            )
        };
        p.finish(NewPayment {
            customer_id,
            received_on,
            amount,
            method: self.method,
            reference,
            memo,
            manual,
        })
    }
}

/// The reversal form: a bounced check and why.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct ReversalForm {
    pub reversed_on: String,
    pub reason: String,
}

impl ReversalForm {
    /// `received_on` is the payment's date: a reversal cannot precede it.
    pub fn validate(
        &self,
        received_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<(NaiveDate, String), DomainError> {
        let mut p = Problems::new();
        let on = p.take(text::date("reversed_on", "Date", &self.reversed_on));
        if on < received_on && !p.has_problem("reversed_on") {
            p.add(
                "reversed_on",
                "A payment cannot be reversed before it was received.",
            );
        }
        if (on - today).num_days() > FUTURE_TOLERANCE_DAYS {
            p.add("reversed_on", "That date is in the future; check the date.");
        }
        let reason = p.take(text::paragraph("reason", "Reason", &self.reason, true));
        p.finish((on, reason))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).expect("valid")
    }

    fn open(id: i64, d: u32, cents: i64) -> OpenInvoice {
        OpenInvoice {
            id,
            number: format!("INV-{id:04}"),
            issue_date: day(d),
            sequence: id,
            balance: Decimal::new(cents, 2),
        }
    }

    #[test]
    fn oldest_first_fills_the_oldest_invoice_and_keeps_the_rest_as_credit() {
        let invoices = [open(3, 20, 5000), open(1, 2, 10000), open(2, 2, 2500)];
        let (shares, credit) = allocate_oldest_first(Decimal::new(20000, 2), &invoices);
        let ids: Vec<(i64, Decimal)> = shares.iter().map(|s| (s.invoice_id, s.amount)).collect();
        assert_eq!(
            ids,
            [
                (1, Decimal::new(10000, 2)),
                (2, Decimal::new(2500, 2)),
                (3, Decimal::new(5000, 2))
            ]
        );
        assert_eq!(credit, Decimal::new(2500, 2));
        let (partial, none) = allocate_oldest_first(Decimal::new(4000, 2), &invoices);
        assert_eq!(partial.len(), 1);
        assert_eq!(partial[0].amount, Decimal::new(4000, 2));
        assert_eq!(none, Decimal::ZERO);
    }

    #[test]
    fn manual_shares_cannot_exceed_the_invoice_or_the_payment() {
        let invoices = [open(1, 2, 10000), open(2, 3, 2500)];
        let too_much_for_invoice = check_manual(
            Decimal::from(500),
            &[(2, Decimal::from(30))],
            &invoices,
            Currency::USD,
        );
        let Err(DomainError::Invalid(e)) = too_much_for_invoice else {
            panic!("expected refusal");
        };
        assert_eq!(e[0].field, "allocations[0].amount");
        assert_eq!(e[0].message, "Invoice INV-0002 only owes USD 25.00.");
        let over_payment = check_manual(
            Decimal::from(50),
            &[(1, Decimal::from(40)), (2, Decimal::from(20))],
            &invoices,
            Currency::USD,
        );
        assert!(
            matches!(over_payment, Err(DomainError::Invalid(e)) if e[0].field == "allocations")
        );
        let foreign = check_manual(
            Decimal::from(50),
            &[(9, Decimal::from(5))],
            &invoices,
            Currency::USD,
        );
        assert!(foreign.is_err());
        let ok = check_manual(
            Decimal::from(50),
            &[(1, Decimal::from(40)), (2, Decimal::ZERO)],
            &invoices,
            Currency::USD,
        )
        .expect("valid");
        assert_eq!(ok.0.len(), 1);
        assert_eq!(ok.1, Decimal::from(10));
    }

    #[test]
    fn payment_form_refuses_zero_excess_decimals_and_future_dates() {
        let today = day(10);
        let form = |amount: &str, date: &str| PaymentForm {
            customer_id: Some(1),
            received_on: date.into(),
            amount: amount.into(),
            ..PaymentForm::default()
        };
        let field_of = |f: PaymentForm| match f.validate(Currency::USD, today) {
            Err(DomainError::Invalid(e)) => (e[0].field.clone(), e[0].message.clone()),
            other => panic!("expected refusal, got {other:?}"),
        };
        assert_eq!(
            field_of(form("0", "2026-03-10")),
            ("amount".into(), "Amount must be more than 0.".into())
        );
        assert_eq!(field_of(form("-5", "2026-03-10")).0, "amount");
        assert_eq!(
            field_of(form("10.005", "2026-03-10")),
            (
                "amount".into(),
                "Amount can have at most 2 decimals.".into()
            )
        );
        assert_eq!(field_of(form("10", "2026-03-20")).0, "received_on");
        assert!(
            form("10", "2026-03-11")
                .validate(Currency::USD, today)
                .is_ok(),
            "tomorrow is tolerated"
        );
    }

    #[test]
    fn a_reversal_needs_a_reason_and_a_sane_date() {
        let received = day(5);
        let early = ReversalForm {
            reversed_on: "2026-03-04".into(),
            reason: "Bounced".into(),
        };
        assert!(early.validate(received, day(10)).is_err());
        let no_reason = ReversalForm {
            reversed_on: "2026-03-06".into(),
            reason: String::new(),
        };
        assert!(no_reason.validate(received, day(10)).is_err());
    }

    proptest! {
        #[test]
        fn oldest_first_never_over_allocates(
            amount in 1i64..10_000_000,
            balances in prop::collection::vec(0i64..2_000_000, 0..12),
        ) {
            let invoices: Vec<OpenInvoice> = balances
                .iter()
                .enumerate()
                .map(|(i, b)| open(i as i64 + 1, (i % 28) as u32 + 1, *b))
                .collect();
            let amount = Decimal::new(amount, 2);
            let (shares, credit) = allocate_oldest_first(amount, &invoices);
            let allocated: Decimal = shares.iter().map(|s| s.amount).sum();
            prop_assert_eq!(allocated + credit, amount);
            prop_assert!(credit >= Decimal::ZERO);
            for s in &shares {
                let inv = invoices.iter().find(|i| i.id == s.invoice_id).expect("known");
                prop_assert!(s.amount > Decimal::ZERO && s.amount <= inv.balance);
            }
            let owed: Decimal = invoices.iter().map(|i| i.balance).sum();
            prop_assert_eq!(credit, (amount - owed).max(Decimal::ZERO));
        }
    }
}
