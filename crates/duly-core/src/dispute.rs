//! Disputes: when a customer questions an invoice (or one line of it), the
//! question is acknowledged with a date, tracked, escalated if need be, and
//! resolved: by a credit note, a discount, a corrected invoice, or a clear
//! explanation. While it is open, reminders about that invoice pause.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Problems};
use crate::money::{parse_decimal, Currency, DecimalRule};
use crate::text;

macro_rules! spelled {
    ($t:ident { $($v:ident => $s:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $t { $($v),+ }
        impl $t {
            /// The stored spelling; the schema's `CHECK` constraint lists the same words.
            pub fn as_str(self) -> &'static str { match self { $(Self::$v => $s),+ } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some(Self::$v),)+ _ => None } }
        }
    };
}

spelled!(DisputeCause {
    Price => "price",
    Quantity => "quantity",
    Quality => "quality",
    NotReceived => "not_received",
    Duplicate => "duplicate",
    Other => "other",
});
spelled!(DisputeStatus {
    Open => "open",
    Acknowledged => "acknowledged",
    Escalated => "escalated",
    Resolved => "resolved",
    Rejected => "rejected",
});
spelled!(Resolution {
    CreditNote => "credit_note",
    Discount => "discount",
    CorrectedInvoice => "corrected_invoice",
    Explanation => "explanation",
});

impl DisputeCause {
    /// For letters: "the price", "the quantity billed"…
    pub fn words(self) -> &'static str {
        match self {
            DisputeCause::Price => "the price",
            DisputeCause::Quantity => "the quantity billed",
            DisputeCause::Quality => "the quality of the work",
            DisputeCause::NotReceived => "work or goods not received",
            DisputeCause::Duplicate => "a possible duplicate charge",
            DisputeCause::Other => "your question",
        }
    }
}

impl DisputeStatus {
    /// Open, acknowledged or escalated: the invoice waits.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            DisputeStatus::Open | DisputeStatus::Acknowledged | DisputeStatus::Escalated
        )
    }

    pub fn ensure_active(self) -> Result<(), DomainError> {
        if self.is_active() {
            Ok(())
        } else {
            Err(DomainError::NotAllowed(format!(
                "This dispute is already {}.",
                self.as_str()
            )))
        }
    }
}

/// `n` business days after `from` (Saturdays and Sundays skipped): the date
/// promised for a resolution.
pub fn add_business_days(from: NaiveDate, n: u32) -> NaiveDate {
    let mut day = from;
    let mut left = n;
    while left > 0 {
        day = day.checked_add_days(Days::new(1)).unwrap_or(day);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct DisputeForm {
    pub invoice_id: i64,
    /// 0-based line, when the question is about one line.
    pub line: Option<usize>,
    pub cause: Option<DisputeCause>,
    pub customer_words: String,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDispute {
    pub invoice_id: i64,
    pub line: Option<usize>,
    pub cause: DisputeCause,
    pub customer_words: String,
    pub amount: Decimal,
}

impl DisputeForm {
    /// `limit` is what can be in question: the line's amount or the invoice's
    /// balance; `lines` how many lines the invoice has.
    pub fn validate(
        &self,
        currency: Currency,
        limit: Decimal,
        lines: usize,
    ) -> Result<NewDispute, DomainError> {
        let mut p = Problems::new();
        let cause = self.cause.unwrap_or_else(|| {
            p.add("cause", "What is the question about?");
            DisputeCause::Other
        });
        if self.line.is_some_and(|l| l >= lines) {
            p.add("line", "That line is not on the invoice.");
        }
        let rule = DecimalRule {
            label: "Amount in question",
            min: Decimal::ZERO,
            min_inclusive: false,
            max: limit.max(Decimal::ZERO),
            max_decimals: currency.minor_units(),
            currency: Some(currency),
        };
        let amount = p.take(parse_decimal("amount", &self.amount, &rule));
        let customer_words = p.take(text::paragraph(
            "customer_words",
            "Their words",
            &self.customer_words,
            false,
        ));
        p.finish(NewDispute {
            invoice_id: self.invoice_id,
            line: self.line,
            cause,
            customer_words,
            amount,
        })
    }
}

/// How a dispute was settled, as the owner chose it.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct ResolveForm {
    pub resolution: Option<Resolution>,
    /// For a credit note or discount: how much.
    pub amount: String,
    /// What to tell the customer.
    pub note: String,
    /// The error was ours: the letter apologises.
    pub our_error: bool,
    /// Reject instead of resolve (the invoice stands as billed).
    pub reject: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub resolution: Option<Resolution>,
    pub amount: Option<Decimal>,
    pub note: String,
    pub our_error: bool,
}

impl ResolveForm {
    /// `owed` is what the invoice still owes: a credit cannot exceed it.
    pub fn validate(&self, currency: Currency, owed: Decimal) -> Result<Resolved, DomainError> {
        let mut p = Problems::new();
        let note = p.take(text::paragraph("note", "Explanation", &self.note, true));
        let resolution = if self.reject {
            None
        } else {
            Some(self.resolution.unwrap_or_else(|| {
                p.add("resolution", "Choose how it was resolved.");
                Resolution::Explanation
            }))
        };
        let amount = match resolution {
            Some(Resolution::CreditNote | Resolution::Discount) => {
                let rule = DecimalRule {
                    label: "Credit",
                    min: Decimal::ZERO,
                    min_inclusive: false,
                    max: owed.max(Decimal::ZERO),
                    max_decimals: currency.minor_units(),
                    currency: Some(currency),
                };
                Some(p.take(parse_decimal("amount", &self.amount, &rule)))
            }
            _ => None,
        };
        p.finish(Resolved {
            resolution,
            amount,
            note,
            our_error: self.our_error,
        })
    }
}

/// A credit note's amount and reason, checked against what is owed.
pub fn check_credit(
    currency: Currency,
    amount: &str,
    reason: &str,
    owed: Decimal,
) -> Result<(Decimal, String), DomainError> {
    let mut p = Problems::new();
    let rule = DecimalRule {
        label: "Credit",
        min: Decimal::ZERO,
        min_inclusive: false,
        max: owed.max(Decimal::ZERO),
        max_decimals: currency.minor_units(),
        currency: Some(currency),
    };
    let value = p.take(parse_decimal("amount", amount, &rule));
    let reason = p.take(text::paragraph("reason", "Reason", reason, true));
    p.finish((value, reason))
}

/// The printed credit-note number: `CN-0001`.
pub fn credit_note_number(prefix: &str, sequence: i64) -> String {
    crate::invoice::format_number(prefix, sequence)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("valid")
    }

    #[test]
    fn business_days_skip_weekends() {
        // Thu 5 Mar 2026 + 5 business days = Thu 12 Mar.
        assert_eq!(add_business_days(d(3, 5), 5), d(3, 12));
        // Fri 6 Mar + 1 = Mon 9 Mar.
        assert_eq!(add_business_days(d(3, 6), 1), d(3, 9));
        assert_eq!(add_business_days(d(3, 6), 0), d(3, 6));
    }

    #[test]
    fn a_dispute_cannot_question_more_than_is_owed() {
        let form = DisputeForm {
            invoice_id: 1,
            line: Some(1),
            cause: Some(DisputeCause::Quantity),
            customer_words: "We only had 2 hours, not 3.".into(),
            amount: "95.00".into(),
        };
        let ok = form
            .validate(Currency::USD, Decimal::from(95), 3)
            .expect("valid");
        assert_eq!(ok.amount, Decimal::from(95));
        let too_much = DisputeForm {
            amount: "96".into(),
            ..form.clone()
        };
        assert!(too_much
            .validate(Currency::USD, Decimal::from(95), 3)
            .is_err());
        let no_line = DisputeForm {
            line: Some(3),
            ..form
        };
        assert!(no_line
            .validate(Currency::USD, Decimal::from(95), 3)
            .is_err());
    }

    #[test]
    fn resolving_by_credit_needs_an_amount_within_the_balance() {
        let form = ResolveForm {
            resolution: Some(Resolution::CreditNote),
            amount: "40".into(),
            note: "We billed an hour too many.".into(),
            our_error: true,
            reject: false,
        };
        let r = form
            .validate(Currency::USD, Decimal::from(100))
            .expect("valid");
        assert_eq!((r.amount, r.our_error), (Some(Decimal::from(40)), true));
        let over = ResolveForm {
            amount: "140".into(),
            ..form.clone()
        };
        assert!(over.validate(Currency::USD, Decimal::from(100)).is_err());
        let explain = ResolveForm {
            resolution: Some(Resolution::Explanation),
            amount: String::new(),
            ..form
        };
        assert_eq!(
            explain
                .validate(Currency::USD, Decimal::from(100))
                .map(|r| r.amount),
            Ok(None)
        );
    }

    #[test]
    fn only_active_disputes_move() {
        assert!(DisputeStatus::Acknowledged.ensure_active().is_ok());
        assert!(DisputeStatus::Resolved.ensure_active().is_err());
        assert_eq!(
            DisputeCause::parse("not_received"),
            Some(DisputeCause::NotReceived)
        );
    }
}
