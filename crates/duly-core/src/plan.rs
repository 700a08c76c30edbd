//! Payment plans and extensions: a new due date, or the balance split into
//! installments, with adherence tracked from the payments that come in.
//!
//! Installments sum exactly to the balance: each is the balance ÷ count
//! rounded *down* to the minor unit, and the rounding remainder goes to the
//! last one. Payments fill installments in order; an installment unpaid after
//! its date plus grace breaks the plan, and the ladder resumes.

use chrono::{Days, Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Problems};
use crate::money::Currency;
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Weekly,
    Biweekly,
    #[default]
    Monthly,
}

impl Frequency {
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Weekly => "weekly",
            Frequency::Biweekly => "biweekly",
            Frequency::Monthly => "monthly",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Frequency::Weekly, Frequency::Biweekly, Frequency::Monthly]
            .into_iter()
            .find(|f| f.as_str() == s)
    }

    /// The date of installment `k` (0-based).
    pub fn nth(self, first: NaiveDate, k: u32) -> NaiveDate {
        match self {
            Frequency::Weekly => first.checked_add_days(Days::new(7 * u64::from(k))),
            Frequency::Biweekly => first.checked_add_days(Days::new(14 * u64::from(k))),
            Frequency::Monthly => first.checked_add_months(Months::new(k)),
        }
        .unwrap_or(first)
    }
}

/// Splits `balance` into `count` installments that sum to it exactly; the
/// remainder of rounding down goes to the last one.
pub fn split(currency: Currency, balance: Decimal, count: u32) -> Vec<Decimal> {
    if count == 0 {
        return Vec::new();
    }
    let each = (balance / Decimal::from(count))
        .round_dp_with_strategy(currency.minor_units(), RoundingStrategy::ToZero);
    let mut out = vec![each; count as usize];
    if let Some(last) = out.last_mut() {
        *last = balance - each * Decimal::from(count - 1);
    }
    out
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct PlanForm {
    pub invoice_ids: Vec<i64>,
    pub count: String,
    pub frequency: Frequency,
    pub first_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlan {
    pub invoice_ids: Vec<i64>,
    pub frequency: Frequency,
    pub installments: Vec<(NaiveDate, Decimal)>,
}

impl PlanForm {
    pub fn validate(
        &self,
        currency: Currency,
        balance: Decimal,
        today: NaiveDate,
    ) -> Result<NewPlan, DomainError> {
        let mut p = Problems::new();
        if self.invoice_ids.is_empty() {
            p.add("invoice_ids", "Choose the invoices the plan covers.");
        }
        if balance <= Decimal::ZERO && !self.invoice_ids.is_empty() {
            p.add("invoice_ids", "These invoices owe nothing.");
        }
        let count = p.take(text::count(
            "count",
            "Number of installments",
            &self.count,
            60,
            3,
        ));
        if count < 2 && !p.has_problem("count") {
            p.add(
                "count",
                "A plan has at least 2 installments (otherwise, give an extension).",
            );
        }
        let first_on = p.take(text::date("first_on", "First installment", &self.first_on));
        if first_on < today && !p.has_problem("first_on") {
            p.add("first_on", "The first installment cannot be in the past.");
        }
        let amounts = split(currency, balance, count);
        if amounts.first().is_some_and(|a| *a <= Decimal::ZERO) {
            p.add("count", "Too many installments for this balance.");
        }
        let installments = amounts
            .into_iter()
            .enumerate()
            .map(|(k, a)| (self.frequency.nth(first_on, k as u32), a))
            .collect();
        p.finish(NewPlan {
            invoice_ids: self.invoice_ids.clone(),
            frequency: self.frequency,
            installments,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Active,
    Completed,
    Broken,
    Cancelled,
}

/// The plan's standing as of `today`: payments received since the plan was
/// made (toward the invoices it covers) fill installments in order.
pub fn standing(
    installments: &[(NaiveDate, Decimal)],
    paid: Decimal,
    grace_days: u32,
    today: NaiveDate,
) -> (PlanStatus, usize) {
    let total: Decimal = installments.iter().map(|(_, a)| *a).sum();
    if paid >= total {
        return (PlanStatus::Completed, installments.len());
    }
    let mut due = Decimal::ZERO;
    let mut covered = 0;
    for (on, amount) in installments {
        due += *amount;
        if paid >= due {
            covered += 1;
            continue;
        }
        let deadline = on
            .checked_add_days(Days::new(grace_days.into()))
            .unwrap_or(*on);
        if today > deadline {
            return (PlanStatus::Broken, covered);
        }
        break;
    }
    (PlanStatus::Active, covered)
}

/// An extension: a new due date and why; the original stays on the invoice.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct ExtensionForm {
    pub new_due_date: String,
    pub reason: String,
}

impl ExtensionForm {
    /// An extension moves the due date later, and to a day not yet gone: a
    /// due date in the past would make the invoice late the moment it is
    /// granted.
    pub fn validate(
        &self,
        current_due: NaiveDate,
        today: NaiveDate,
    ) -> Result<(NaiveDate, String), DomainError> {
        let mut p = Problems::new();
        let day = p.take(text::date(
            "new_due_date",
            "New due date",
            &self.new_due_date,
        ));
        if !p.has_problem("new_due_date") {
            if day <= current_due {
                p.add("new_due_date", "An extension moves the due date later.");
            } else if day < today {
                p.add(
                    "new_due_date",
                    "That day has already passed: choose today or a later day.",
                );
            }
        }
        let reason = p.take(text::paragraph("reason", "Reason", &self.reason, true));
        p.finish((day, reason))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("valid")
    }

    #[test]
    fn the_remainder_goes_to_the_last_installment() {
        let parts = split(Currency::USD, Decimal::new(10_000, 2), 3);
        assert_eq!(
            parts,
            [
                Decimal::new(3333, 2),
                Decimal::new(3333, 2),
                Decimal::new(3334, 2)
            ]
        );
        let yen = split(
            Currency::from_code("JPY").expect("jpy"),
            Decimal::from(1000),
            3,
        );
        assert_eq!(
            yen,
            [Decimal::from(333), Decimal::from(333), Decimal::from(334)]
        );
    }

    #[test]
    fn monthly_dates_keep_the_day_or_clamp_to_month_end() {
        assert_eq!(Frequency::Monthly.nth(d(1, 31), 1), d(2, 28));
        assert_eq!(Frequency::Biweekly.nth(d(3, 1), 2), d(3, 29));
    }

    #[test]
    fn a_missed_installment_breaks_the_plan_after_grace() {
        let plan = [
            (d(3, 1), Decimal::from(100)),
            (d(4, 1), Decimal::from(100)),
            (d(5, 1), Decimal::from(100)),
        ];
        assert_eq!(
            standing(&plan, Decimal::from(100), 3, d(4, 4)),
            (PlanStatus::Active, 1)
        );
        assert_eq!(
            standing(&plan, Decimal::from(100), 3, d(4, 5)),
            (PlanStatus::Broken, 1)
        );
        assert_eq!(
            standing(&plan, Decimal::from(200), 3, d(4, 5)),
            (PlanStatus::Active, 2)
        );
        assert_eq!(
            standing(&plan, Decimal::from(300), 3, d(9, 1)),
            (PlanStatus::Completed, 3)
        );
    }

    #[test]
    fn plans_and_extensions_refuse_nonsense() {
        let form = PlanForm {
            invoice_ids: vec![1],
            count: "1".into(),
            frequency: Frequency::Monthly,
            first_on: "2026-03-01".into(),
        };
        assert!(form
            .validate(Currency::USD, Decimal::from(100), d(3, 1))
            .is_err());
        let past = PlanForm {
            count: "3".into(),
            first_on: "2026-02-01".into(),
            ..form
        };
        assert!(past
            .validate(Currency::USD, Decimal::from(100), d(3, 1))
            .is_err());
        let earlier = ExtensionForm {
            new_due_date: "2026-03-01".into(),
            reason: "x".into(),
        };
        assert!(earlier.validate(d(3, 5), d(2, 1)).is_err());
        let gone = ExtensionForm {
            new_due_date: "2026-03-10".into(),
            reason: "x".into(),
        };
        match gone.validate(d(3, 5), d(3, 20)) {
            Err(DomainError::Invalid(e)) => assert!(e[0].message.contains("already passed")),
            other => panic!("an extension into the past was accepted: {other:?}"),
        }
        assert!(gone.validate(d(3, 5), d(3, 10)).is_ok(), "today is allowed");
    }

    proptest! {
        #[test]
        fn installments_always_sum_to_the_balance(cents in 1i64..100_000_000, count in 1u32..40) {
            let balance = Decimal::new(cents, 2);
            let parts = split(Currency::USD, balance, count);
            prop_assert_eq!(parts.iter().copied().sum::<Decimal>(), balance);
            prop_assert!(parts.iter().all(|p| Currency::USD.to_minor(*p).is_some()));
            let first = parts[0];
            prop_assert!(parts[..parts.len() - 1].iter().all(|p| *p == first));
            prop_assert!(parts[parts.len() - 1] >= first);
        }
    }
}
