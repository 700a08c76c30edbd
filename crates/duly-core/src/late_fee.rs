//! Late fees: the owner's policy and what it makes an overdue invoice owe on a
//! given day.
//!
//! # The rule
//!
//! For one invoice, with `balance` = what it still owed on the as-of date and
//! `days` = as-of − (due date + grace days), never below 0:
//!
//! - **none**: no fee, ever.
//! - **flat**: the flat amount, once the invoice is past due + grace
//!   (`days` ≥ 1); it does not grow with time.
//! - **percent per month**: simple interest accrued daily,
//!   `balance × percent/100 × 12/365 × days`, computed exactly in decimal and
//!   rounded once, half-up to the minor unit (`Currency::round`). A monthly
//!   rate is turned into a daily one through the year (12 months / 365 days)
//!   so every day costs the same whatever the month's length.
//!
//! Then, when the fee is above zero, the **minimum** lifts it to at least that
//! amount, and the **cap** limits it to at most that amount. The result is the
//! *total* fee the invoice has earned as of that day, since it fell due; it is
//! never compounded (no fee on a fee) and an invoice with nothing owed earns
//! nothing.
//!
//! # Charging once
//!
//! Because the fee is a total as of a date, what to charge now is simply that
//! total less what was already charged (or waived) for the invoice, never
//! negative, and nothing at all for a day already charged through. So asking
//! twice for the same day adds nothing, and opening Duly after two weeks away
//! charges the two weeks once: no scheduler, no forgotten days.
//!
//! Worked example: $1,000.00 due 11 Oct 2026, 1.5 % a month, 15 grace days,
//! as of 25 Nov 2026 (45 days late): days = 45 − 15 = 30;
//! 1000 × 0.015 × 12/365 × 30 = 14.7945… → **$14.79**.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::country::DateStyle;
use crate::error::{DomainError, Problems};
use crate::money::{parse_decimal, Currency, DecimalRule};
use crate::text;

/// How late fees are worked out. The schema's `CHECK` on
/// `policies.late_fee_kind` lists the same words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LateFeeKind {
    /// No late fees (the default: charging one is the owner's decision).
    #[default]
    None,
    /// A fixed amount per overdue invoice.
    Flat,
    /// A percentage of the balance per month, accrued daily.
    PercentPerMonth,
}

impl LateFeeKind {
    pub const ALL: [LateFeeKind; 3] = [
        LateFeeKind::None,
        LateFeeKind::Flat,
        LateFeeKind::PercentPerMonth,
    ];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            LateFeeKind::None => "none",
            LateFeeKind::Flat => "flat",
            LateFeeKind::PercentPerMonth => "percent_per_month",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The owner's late-fee policy. Amounts not used by `kind` are kept anyway,
/// so switching the kind back and forth does not lose what was typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LateFeePolicy {
    pub kind: LateFeeKind,
    /// The fee per overdue invoice under [`LateFeeKind::Flat`].
    pub flat_amount: Decimal,
    /// Percent of the balance per month under [`LateFeeKind::PercentPerMonth`]
    /// (`1.5` means 1.5 %).
    pub percent_per_month: Decimal,
    /// Days after the due date before any fee accrues.
    pub grace_days: u32,
    /// The least fee charged on an invoice once it earns one.
    pub minimum: Option<Decimal>,
    /// The most fee charged on one invoice, in total.
    pub cap: Option<Decimal>,
}

/// The longest grace period accepted: a year.
pub const MAX_GRACE_DAYS: u32 = 365;

const PERCENT: DecimalRule = DecimalRule {
    label: "Percent per month",
    min: Decimal::ZERO,
    min_inclusive: false,
    max: Decimal::ONE_HUNDRED,
    max_decimals: 4,
    currency: None,
};

fn money_rule(label: &'static str, currency: Currency, min_inclusive: bool) -> DecimalRule {
    DecimalRule {
        label,
        min: Decimal::ZERO,
        min_inclusive,
        max: Decimal::from(1_000_000_000),
        max_decimals: currency.minor_units(),
        currency: Some(currency),
    }
}

/// The late-fee card in Settings, as typed. Empty minimum or cap means none.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(default)]
pub struct LateFeePolicyForm {
    pub kind: LateFeeKind,
    pub flat_amount: String,
    pub percent_per_month: String,
    pub grace_days: String,
    pub minimum: String,
    pub cap: String,
}

impl LateFeePolicyForm {
    /// Validates the card, reporting every problem at once. The amount the
    /// kind needs is required; the other one may be left empty (or must be a
    /// valid value if typed, since it is kept). A cap below the minimum could
    /// never be honoured, so it is refused.
    pub fn validate(&self, currency: Currency) -> Result<LateFeePolicy, DomainError> {
        let mut p = Problems::new();
        let optional = |p: &mut Problems, field: &str, text: &str, rule: &DecimalRule| {
            if text.trim().is_empty() {
                None
            } else {
                Some(p.take(parse_decimal(field, text, rule)))
            }
        };
        let flat_rule = money_rule("Flat fee", currency, false);
        let flat_amount = if self.kind == LateFeeKind::Flat {
            p.take(parse_decimal("flat_amount", &self.flat_amount, &flat_rule))
        } else {
            optional(&mut p, "flat_amount", &self.flat_amount, &flat_rule).unwrap_or_default()
        };
        let percent_per_month = if self.kind == LateFeeKind::PercentPerMonth {
            p.take(parse_decimal(
                "percent_per_month",
                &self.percent_per_month,
                &PERCENT,
            ))
        } else {
            optional(
                &mut p,
                "percent_per_month",
                &self.percent_per_month,
                &PERCENT,
            )
            .unwrap_or_default()
        };
        let grace_days = if self.grace_days.trim().is_empty() {
            0
        } else {
            p.take(text::days(
                "grace_days",
                "Grace days",
                &self.grace_days,
                MAX_GRACE_DAYS,
            ))
        };
        let minimum = optional(
            &mut p,
            "minimum",
            &self.minimum,
            &money_rule("Minimum fee", currency, true),
        );
        let cap = optional(
            &mut p,
            "cap",
            &self.cap,
            &money_rule("Cap per invoice", currency, false),
        );
        if let (Some(min), Some(cap)) = (minimum, cap) {
            if !p.has_problem("minimum") && !p.has_problem("cap") && cap < min {
                p.add(
                    "cap",
                    "The cap per invoice cannot be below the minimum fee.",
                );
            }
        }
        p.finish(LateFeePolicy {
            kind: self.kind,
            flat_amount,
            percent_per_month,
            grace_days,
            minimum,
            cap,
        })
    }
}

impl LateFeePolicy {
    /// The form showing this policy, amounts with the currency's decimals.
    pub fn to_form(&self, currency: Currency) -> LateFeePolicyForm {
        let amount = |a: Decimal| {
            if a.is_zero() {
                String::new()
            } else {
                currency.format(a)
            }
        };
        LateFeePolicyForm {
            kind: self.kind,
            flat_amount: amount(self.flat_amount),
            percent_per_month: if self.percent_per_month.is_zero() {
                String::new()
            } else {
                self.percent_per_month.normalize().to_string()
            },
            grace_days: self.grace_days.to_string(),
            minimum: self.minimum.map(|m| currency.format(m)).unwrap_or_default(),
            cap: self.cap.map(|c| currency.format(c)).unwrap_or_default(),
        }
    }

    /// The policy in one plain sentence, for the screen and the owner's
    /// confirmation ("1.5% per month after 15 grace days, at most USD 50.00
    /// per invoice.").
    /// The late-fee terms an invoice prints, from the policy in force: a
    /// document never states a rate the book does not charge, and says
    /// nothing when no fee is charged.
    pub fn printed_terms(&self, currency: Currency) -> Option<String> {
        let after = match self.grace_days {
            0 => "after its due date".to_owned(),
            1 => "1 day after its due date".to_owned(),
            n => format!("{n} days after its due date"),
        };
        let fee = match self.kind {
            LateFeeKind::None => return None,
            LateFeeKind::Flat => format!(
                "An invoice still unpaid {after} carries a late fee of {}",
                currency.display(self.flat_amount)
            ),
            LateFeeKind::PercentPerMonth => format!(
                "A balance still unpaid {after} carries a late fee of {}% per month, accrued daily",
                self.percent_per_month.normalize()
            ),
        };
        let mut limits = Vec::new();
        if let Some(min) = self.minimum.filter(|m| !m.is_zero()) {
            limits.push(format!("at least {}", currency.display(min)));
        }
        if let Some(cap) = self.cap {
            limits.push(format!("at most {} per invoice", currency.display(cap)));
        }
        Some(if limits.is_empty() {
            format!("{fee}.")
        } else {
            format!("{fee} ({}).", limits.join(", "))
        })
    }

    /// How a percentage fee for `days` days on `balance` was reckoned, for
    /// the finance-charge line ("balance $900.00, 30 days at 1.5% per
    /// month"); `money` prints an amount as the document does. A flat fee
    /// needs no reckoning.
    pub fn basis(
        &self,
        balance: Decimal,
        days: i64,
        money: impl Fn(Decimal) -> String,
    ) -> Option<String> {
        match self.kind {
            LateFeeKind::PercentPerMonth => Some(format!(
                "balance {}, {days} {} at {}% per month",
                money(balance),
                if days == 1 { "day" } else { "days" },
                self.percent_per_month.normalize()
            )),
            LateFeeKind::None | LateFeeKind::Flat => None,
        }
    }

    pub fn describe(&self, currency: Currency) -> String {
        let grace = match self.grace_days {
            0 => " from the day after the due date".to_owned(),
            1 => " after 1 grace day".to_owned(),
            n => format!(" after {n} grace days"),
        };
        let mut sentence = match self.kind {
            LateFeeKind::None => return "No late fees are charged.".to_owned(),
            LateFeeKind::Flat => format!(
                "{} per overdue invoice{grace}",
                currency.display(self.flat_amount)
            ),
            LateFeeKind::PercentPerMonth => format!(
                "{}% per month on the balance, accrued daily{grace}",
                self.percent_per_month.normalize()
            ),
        };
        if let Some(min) = self.minimum.filter(|m| !m.is_zero()) {
            sentence.push_str(&format!(", at least {}", currency.display(min)));
        }
        if let Some(cap) = self.cap {
            sentence.push_str(&format!(", at most {} per invoice", currency.display(cap)));
        }
        sentence.push('.');
        sentence
    }

    /// The days that count toward a fee by `as_of`: those after the due date
    /// plus the grace days, never negative.
    pub fn accrual_days(&self, due: NaiveDate, as_of: NaiveDate) -> i64 {
        ((as_of - due).num_days() - i64::from(self.grace_days)).max(0)
    }

    /// The first day a fee accrues for: the day after due + grace.
    pub fn first_fee_day(&self, due: NaiveDate) -> NaiveDate {
        due.checked_add_days(Days::new(u64::from(self.grace_days) + 1))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The total fee an invoice has earned as of `as_of` (see the module
    /// documentation for the rule). `balance` is what it owed that day.
    pub fn fee_as_of(
        &self,
        currency: Currency,
        balance: Decimal,
        due: NaiveDate,
        as_of: NaiveDate,
    ) -> Decimal {
        let days = self.accrual_days(due, as_of);
        if balance <= Decimal::ZERO || days == 0 {
            return Decimal::ZERO;
        }
        let fee = match self.kind {
            LateFeeKind::None => return Decimal::ZERO,
            LateFeeKind::Flat => currency.round(self.flat_amount),
            LateFeeKind::PercentPerMonth => {
                // Multiply everything first and divide once, so the only
                // rounding is the final one to the minor unit. Overflow needs
                // an absurd balance or centuries of lateness; it then falls
                // back to the cap (or the largest amount, refused on saving).
                let interest = balance
                    .checked_mul(self.percent_per_month)
                    .and_then(|v| v.checked_mul(Decimal::from(12)))
                    .and_then(|v| v.checked_mul(Decimal::from(days)))
                    .and_then(|v| v.checked_div(Decimal::from(36_500)));
                match interest {
                    Some(v) => currency.round(v),
                    None => self.cap.unwrap_or(Decimal::MAX),
                }
            }
        };
        if fee <= Decimal::ZERO {
            return Decimal::ZERO;
        }
        let fee = match self.minimum {
            Some(min) if fee < min => min,
            _ => fee,
        };
        match self.cap {
            Some(cap) if fee > cap => cap,
            _ => fee,
        }
    }
}

/// What to charge now for one invoice: the fee owed as of the date less
/// everything already charged for it, waived charges included (a waived
/// period is forgiven, not re-billed), never negative; and nothing when the
/// invoice has already been charged through this date or a later one.
pub fn to_charge_now(
    owed: Decimal,
    already_accounted: Decimal,
    charged_through: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Decimal {
    if charged_through.is_some_and(|through| as_of <= through) {
        return Decimal::ZERO;
    }
    (owed - already_accounted).max(Decimal::ZERO)
}

/// The days a new charge covers: from the day after the last charge (or the
/// first fee day) through the as-of date.
pub fn charge_period(
    policy: &LateFeePolicy,
    due: NaiveDate,
    charged_through: Option<NaiveDate>,
    as_of: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    let start = match charged_through {
        Some(through) => through.succ_opt().unwrap_or(through),
        None => policy.first_fee_day(due),
    };
    (start.min(as_of), as_of)
}

/// The line on a finance-charge invoice: the invoice, the days it covers,
/// and for a percentage fee how it was reckoned (`basis`, from
/// [`LateFeePolicy::basis`]), so the customer can check it.
pub fn line_description(
    number: &str,
    from: NaiveDate,
    through: NaiveDate,
    basis: Option<&str>,
    dates: DateStyle,
) -> String {
    let period = dates.span(from, through);
    match basis {
        Some(basis) => format!("Late fee on {number}, {period}: {basis}"),
        None => format!("Late fee on {number}, {period}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("valid date")
    }

    fn percent(pct: &str, grace: u32) -> LateFeePolicy {
        LateFeePolicy {
            kind: LateFeeKind::PercentPerMonth,
            percent_per_month: d(pct),
            grace_days: grace,
            ..LateFeePolicy::default()
        }
    }

    fn fee(policy: &LateFeePolicy, balance: &str, due: NaiveDate, as_of: NaiveDate) -> String {
        Currency::USD.format(policy.fee_as_of(Currency::USD, d(balance), due, as_of))
    }

    /// Due 11 Oct 2026: 25 Nov 2026 is 45 days later.
    fn due() -> NaiveDate {
        day(2026, 10, 11)
    }

    #[test]
    fn percent_accrues_daily_after_grace() {
        let p = percent("1.5", 15);
        // 45 days late, 15 of them grace: 30 days.
        // 1000 × 1.5 × 12 × 30 / 36500 = 540000 / 36500 = 14.7945… → 14.79
        assert_eq!(fee(&p, "1000.00", due(), day(2026, 11, 25)), "14.79");
        // Two weeks later, 44 days: 792000 / 36500 = 21.6986… → 21.70
        assert_eq!(fee(&p, "1000.00", due(), day(2026, 12, 9)), "21.70");
        // Within grace: nothing. On the last grace day (26 Oct): nothing.
        assert_eq!(fee(&p, "1000.00", due(), day(2026, 10, 20)), "0.00");
        assert_eq!(fee(&p, "1000.00", due(), day(2026, 10, 26)), "0.00");
        // First fee day (27 Oct), 1 day: 18000 / 36500 = 0.4931… → 0.49
        assert_eq!(fee(&p, "1000.00", due(), day(2026, 10, 27)), "0.49");
        // Before the due date: nothing.
        assert_eq!(fee(&p, "1000.00", due(), day(2026, 10, 1)), "0.00");
    }

    #[test]
    fn percent_rounds_once_half_up_to_the_cent() {
        // Grace 0, due 11 Oct: 12 Oct is 1 day, 14 Oct is 3, 23 Dec is 73.
        // 1825.00 × 1 × 12 × 1 / 36500 = 21900 / 36500 = 0.60 exactly.
        assert_eq!(
            fee(&percent("1", 0), "1825.00", due(), day(2026, 10, 12)),
            "0.60"
        );
        // 1520.83 × 1 × 12 × 1 / 36500 = 18249.96 / 36500 = 0.4999989… → 0.50
        assert_eq!(
            fee(&percent("1", 0), "1520.83", due(), day(2026, 10, 12)),
            "0.50"
        );
        // 304.17 × 2 × 12 × 1 / 36500 = 7300.08 / 36500 = 0.2000021… → 0.20
        assert_eq!(
            fee(&percent("2", 0), "304.17", due(), day(2026, 10, 12)),
            "0.20"
        );
        // 10.00 × 1.25 × 12 × 73 / 36500 = 10950 / 36500 = 0.30 exactly.
        assert_eq!(
            fee(&percent("1.25", 0), "10.00", due(), day(2026, 12, 23)),
            "0.30"
        );
        // An exact midpoint: 36.50 × 1.25 × 12 × 3 / 36500 = 1642.5 / 36500
        // = 0.045 → 0.05 half-up (half-even would give 0.04).
        assert_eq!(
            fee(&percent("1.25", 0), "36.50", due(), day(2026, 10, 14)),
            "0.05"
        );
    }

    #[test]
    fn minimum_lifts_and_cap_limits() {
        let mut p = percent("1.5", 15);
        p.minimum = Some(d("25.00"));
        // 14.79 is below the minimum: 25.00.
        assert_eq!(fee(&p, "1000.00", due(), day(2026, 11, 25)), "25.00");
        // Within grace the fee is zero and the minimum does not apply.
        assert_eq!(fee(&p, "1000.00", due(), day(2026, 10, 20)), "0.00");
        // 120 days after grace: 1000 × 1.5 × 12 × 120 / 36500 = 59.178… → 59.18,
        // above the minimum.
        assert_eq!(fee(&p, "1000.00", due(), day(2027, 2, 23)), "59.18");
        p.cap = Some(d("50.00"));
        assert_eq!(fee(&p, "1000.00", due(), day(2027, 2, 23)), "50.00");
        assert_eq!(fee(&p, "1000.00", due(), day(2026, 11, 25)), "25.00");
    }

    #[test]
    fn flat_fee_once_past_grace() {
        let p = LateFeePolicy {
            kind: LateFeeKind::Flat,
            flat_amount: d("35"),
            grace_days: 10,
            ..LateFeePolicy::default()
        };
        assert_eq!(fee(&p, "1000.00", due(), day(2026, 10, 21)), "0.00");
        assert_eq!(fee(&p, "1000.00", due(), day(2026, 10, 22)), "35.00");
        assert_eq!(fee(&p, "1.00", due(), day(2027, 10, 22)), "35.00");
        assert_eq!(fee(&p, "0.00", due(), day(2027, 10, 22)), "0.00");
        let capped = LateFeePolicy {
            cap: Some(d("20")),
            ..p.clone()
        };
        assert_eq!(fee(&capped, "1000.00", due(), day(2026, 10, 22)), "20.00");
        let none = LateFeePolicy::default();
        assert_eq!(fee(&none, "1000.00", due(), day(2027, 10, 22)), "0.00");
    }

    #[test]
    fn charging_is_the_difference_never_negative_never_twice_a_day() {
        let as_of = day(2026, 11, 25);
        assert_eq!(to_charge_now(d("14.79"), d("0"), None, as_of), d("14.79"));
        assert_eq!(
            to_charge_now(d("21.70"), d("14.79"), Some(as_of), day(2026, 12, 9)),
            d("6.91")
        );
        assert_eq!(
            to_charge_now(d("21.70"), d("14.79"), Some(as_of), as_of),
            d("0")
        );
        // A partial payment lowered the balance, so the total fell: nothing.
        assert_eq!(
            to_charge_now(d("10.00"), d("14.79"), Some(as_of), day(2026, 12, 9)),
            d("0")
        );
    }

    #[test]
    fn periods_and_descriptions() {
        let p = percent("1.5", 15);
        let as_of = day(2026, 11, 25);
        assert_eq!(
            charge_period(&p, due(), None, as_of),
            (day(2026, 10, 27), as_of)
        );
        assert_eq!(
            charge_period(&p, due(), Some(as_of), day(2026, 12, 9)),
            (day(2026, 11, 26), day(2026, 12, 9))
        );
        assert_eq!(
            line_description(
                "INV-0003",
                day(2026, 10, 27),
                as_of,
                None,
                DateStyle::DayFirst
            ),
            "Late fee on INV-0003, 27 Oct \u{2013} 25 Nov 2026"
        );
        assert_eq!(
            line_description(
                "INV-0003",
                day(2026, 12, 27),
                day(2027, 1, 5),
                None,
                DateStyle::DayFirst
            ),
            "Late fee on INV-0003, 27 Dec 2026 \u{2013} 5 Jan 2027"
        );
        assert_eq!(
            line_description("INV-0003", as_of, as_of, None, DateStyle::DayFirst),
            "Late fee on INV-0003, 25 Nov 2026"
        );
        let p = LateFeePolicy {
            kind: LateFeeKind::PercentPerMonth,
            percent_per_month: Decimal::new(15, 1),
            ..LateFeePolicy::default()
        };
        let basis = p.basis(Decimal::from(900), 30, |d| format!("${d}.00"));
        assert_eq!(
            line_description("INV-0003", day(2026, 10, 27), as_of, basis.as_deref(), DateStyle::DayFirst),
            "Late fee on INV-0003, 27 Oct \u{2013} 25 Nov 2026: balance $900.00, 30 days at 1.5% per month"
        );
    }

    fn form(kind: LateFeeKind) -> LateFeePolicyForm {
        LateFeePolicyForm {
            kind,
            percent_per_month: "1.5".into(),
            grace_days: "15".into(),
            ..LateFeePolicyForm::default()
        }
    }

    fn messages(f: &LateFeePolicyForm) -> Vec<(String, String)> {
        match f.validate(Currency::USD) {
            Err(DomainError::Invalid(fields)) => {
                fields.into_iter().map(|e| (e.field, e.message)).collect()
            }
            other => panic!("expected refusal, got {other:?}"),
        }
    }

    #[test]
    fn validates_the_card() {
        let ok = form(LateFeeKind::PercentPerMonth)
            .validate(Currency::USD)
            .expect("valid");
        assert_eq!(ok.percent_per_month, d("1.5"));
        assert_eq!(ok.grace_days, 15);
        assert_eq!((ok.minimum, ok.cap), (None, None));
        assert_eq!(
            ok.describe(Currency::USD),
            "1.5% per month on the balance, accrued daily after 15 grace days."
        );

        let mut f = form(LateFeeKind::PercentPerMonth);
        f.percent_per_month = "150".into();
        f.minimum = "-5".into();
        assert_eq!(
            messages(&f),
            vec![
                (
                    "percent_per_month".into(),
                    "Percent per month cannot be more than 100.".into()
                ),
                ("minimum".into(), "Minimum fee cannot be negative.".into()),
            ]
        );

        let mut f = form(LateFeeKind::PercentPerMonth);
        f.minimum = "25".into();
        f.cap = "10".into();
        assert_eq!(
            messages(&f),
            vec![(
                "cap".into(),
                "The cap per invoice cannot be below the minimum fee.".into()
            )]
        );

        let mut f = form(LateFeeKind::Flat);
        f.grace_days = "400".into();
        f.minimum = "1.234".into();
        assert_eq!(
            messages(&f),
            vec![
                ("flat_amount".into(), "Flat fee is required.".into()),
                (
                    "grace_days".into(),
                    "Grace days cannot be more than 365 days.".into()
                ),
                (
                    "minimum".into(),
                    "Minimum fee can have at most 2 decimals.".into()
                ),
            ]
        );

        // None needs nothing, and keeps what was typed.
        let none = LateFeePolicyForm::default()
            .validate(Currency::USD)
            .expect("valid");
        assert_eq!(none, LateFeePolicy::default());
        assert_eq!(none.describe(Currency::USD), "No late fees are charged.");
    }

    #[test]
    fn form_round_trips() {
        let mut f = form(LateFeeKind::Flat);
        f.flat_amount = "35".into();
        f.minimum = "5".into();
        f.cap = "100".into();
        let policy = f.validate(Currency::USD).expect("valid");
        let back = policy.to_form(Currency::USD);
        assert_eq!(back.flat_amount, "35.00");
        assert_eq!(back.percent_per_month, "1.5");
        assert_eq!(back.cap, "100.00");
        assert_eq!(back.validate(Currency::USD).expect("valid"), policy);
        assert_eq!(
            policy.describe(Currency::USD),
            "USD 35.00 per overdue invoice after 15 grace days, at least USD 5.00, at most USD 100.00 per invoice."
        );
        assert_eq!(
            LateFeeKind::parse("percent_per_month"),
            Some(LateFeeKind::PercentPerMonth)
        );
        assert_eq!(LateFeeKind::parse("daily"), None);
    }
}
