//! Promises to pay: what the customer said, held to gently.
//!
//! A promise is never marked by hand. Its status follows from the payments
//! that arrive and the date passing ("today" is a parameter):
//! - **kept**: paid in full (or the covered invoices are settled, or the very
//!   check promised arrived for the full amount);
//! - **partly kept**: the promised date plus grace passed with only part paid;
//! - **broken**: the date plus grace passed and nothing came;
//! - **pending**: otherwise.
//!
//! "The check is in the mail" is recorded with the questions a good collector
//! asks: when was it mailed, which check number, for what amount, sent where.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, FieldError, Problems};
use crate::money::{parse_decimal, Currency, DecimalRule};
use crate::payment::{PaymentMethod, FUTURE_TOLERANCE_DAYS};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PromiseKind {
    #[default]
    CheckInMail,
    TransferScheduled,
    PayOnDate,
    PartialAmount,
}

impl PromiseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PromiseKind::CheckInMail => "check_in_mail",
            PromiseKind::TransferScheduled => "transfer_scheduled",
            PromiseKind::PayOnDate => "pay_on_date",
            PromiseKind::PartialAmount => "partial_amount",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            PromiseKind::CheckInMail,
            PromiseKind::TransferScheduled,
            PromiseKind::PayOnDate,
            PromiseKind::PartialAmount,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PromiseStatus {
    Pending,
    Kept,
    PartlyKept,
    Broken,
}

/// The owner's settings for promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PromisePolicy {
    /// Days after the promised date before a promise counts as broken.
    pub grace_days: u32,
    /// Days a mailed check usually takes to arrive.
    pub check_mail_days: u32,
}

impl Default for PromisePolicy {
    fn default() -> Self {
        PromisePolicy {
            grace_days: 3,
            check_mail_days: 5,
        }
    }
}

/// The promise settings as typed in Settings.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct PromisePolicyForm {
    pub grace_days: String,
    pub check_mail_days: String,
}

impl PromisePolicyForm {
    pub fn validate(&self) -> Result<PromisePolicy, DomainError> {
        let mut p = Problems::new();
        let grace_days = p.take(text::days("grace_days", "Grace days", &self.grace_days, 60));
        let check_mail_days = p.take(text::days(
            "check_mail_days",
            "Days a check takes by mail",
            &self.check_mail_days,
            60,
        ));
        p.finish(PromisePolicy {
            grace_days,
            check_mail_days,
        })
    }
}

/// What the owner typed when the customer promised.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct PromiseForm {
    pub kind: PromiseKind,
    pub amount: String,
    /// The day they will pay, or the day the check should arrive; for a check
    /// it defaults to the mailed date plus the usual mail time.
    pub promised_on: String,
    /// When they told us; defaults to today.
    pub made_on: String,
    pub check_number: String,
    pub mailed_on: String,
    /// Which of our addresses the check was sent to.
    pub mailed_to: String,
    pub invoice_ids: Vec<i64>,
    pub notes: String,
}

/// An invoice a promise may cover, as the book has it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverableInvoice {
    pub id: i64,
    pub number: String,
    pub customer_id: i64,
    pub void: bool,
    pub owed: Decimal,
}

/// A validated promise, with the gentle warnings the form should show (a
/// check promise without a number is allowed, but flagged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPromise {
    pub kind: PromiseKind,
    pub amount: Decimal,
    pub promised_on: NaiveDate,
    pub made_on: NaiveDate,
    pub check_number: String,
    pub mailed_on: Option<NaiveDate>,
    pub mailed_to: String,
    pub invoice_ids: Vec<i64>,
    pub notes: String,
    pub warnings: Vec<FieldError>,
}

impl PromiseForm {
    /// `prefix` names the form's fields in messages (`promise.` when the
    /// promise is recorded inside a call).
    pub fn validate(
        &self,
        prefix: &str,
        customer_id: i64,
        invoices: &[CoverableInvoice],
        currency: Currency,
        policy: PromisePolicy,
        today: NaiveDate,
    ) -> Result<NewPromise, DomainError> {
        let f = |name: &str| format!("{prefix}{name}");
        let mut p = Problems::new();
        let rule = DecimalRule {
            label: "Amount",
            min: Decimal::ZERO,
            min_inclusive: false,
            max: Decimal::from(1_000_000_000),
            max_decimals: currency.minor_units(),
            currency: Some(currency),
        };
        let amount = p.take(parse_decimal(&f("amount"), &self.amount, &rule));
        let made_on = if self.made_on.trim().is_empty() {
            today
        } else {
            p.take(text::date(
                &f("made_on"),
                "Date of the promise",
                &self.made_on,
            ))
        };
        let mailed_on = if self.mailed_on.trim().is_empty() {
            None
        } else {
            Some(p.take(text::date(&f("mailed_on"), "Mailed on", &self.mailed_on)))
        };
        if mailed_on.is_some_and(|d| (d - today).num_days() > FUTURE_TOLERANCE_DAYS) {
            p.add(
                f("mailed_on"),
                "A check cannot have been mailed in the future; check the date.",
            );
        }
        let promised_on = match (self.promised_on.trim().is_empty(), self.kind, mailed_on) {
            (false, _, _) => p.take(text::date(
                &f("promised_on"),
                "Promised date",
                &self.promised_on,
            )),
            (true, PromiseKind::CheckInMail, Some(mailed)) => arrival(mailed, policy),
            (true, PromiseKind::CheckInMail, None) => {
                p.add(
                    f("promised_on"),
                    "When was the check mailed, or when should it arrive?",
                );
                today
            }
            (true, _, None | Some(_)) => {
                p.add(f("promised_on"), "On what date did they promise to pay?");
                today
            }
        };
        // A check mailed before the call may be due to arrive before it:
        // that is the check most worth recording. It only cannot arrive
        // before it was mailed; any other promise looks forward.
        let checked_mailing = mailed_on.filter(|_| self.kind == PromiseKind::CheckInMail);
        if !p.has_problem(&f("promised_on")) {
            match checked_mailing {
                Some(mailed) if promised_on < mailed => p.add(
                    f("promised_on"),
                    "A check cannot arrive before it was mailed; check the dates.",
                ),
                Some(_) => {}
                None if promised_on < made_on => p.add(
                    f("promised_on"),
                    "The promised date cannot come before the promise was made.",
                ),
                None => {}
            }
        }
        if (made_on - today).num_days() > FUTURE_TOLERANCE_DAYS {
            p.add(
                f("made_on"),
                "A promise cannot be made in the future; check the date.",
            );
        }
        if self.invoice_ids.is_empty() {
            p.add(f("invoice_ids"), "Choose the invoices this promise covers.");
        }
        for (n, id) in self.invoice_ids.iter().enumerate() {
            if self.invoice_ids[..n].contains(id) {
                p.add(f("invoice_ids"), "The same invoice is chosen twice.");
                continue;
            }
            match invoices.iter().find(|i| i.id == *id) {
                Some(i) if i.customer_id != customer_id => p.add(
                    f("invoice_ids"),
                    format!("Invoice {} belongs to another customer.", i.number),
                ),
                Some(i) if i.void => p.add(
                    f("invoice_ids"),
                    format!("Invoice {} is void: there is nothing to promise.", i.number),
                ),
                Some(i) if i.owed <= Decimal::ZERO => p.add(
                    f("invoice_ids"),
                    format!("Invoice {} is already paid.", i.number),
                ),
                Some(_) => {}
                None => p.add(f("invoice_ids"), "One of the chosen invoices is not open."),
            }
        }
        let check_number = p.take(text::line(
            &f("check_number"),
            "Check number",
            &self.check_number,
            false,
        ));
        let mailed_to = p.take(text::paragraph(
            &f("mailed_to"),
            "Mailed to",
            &self.mailed_to,
            false,
        ));
        let notes = p.take(text::paragraph(&f("notes"), "Notes", &self.notes, false));
        let warnings = if self.kind == PromiseKind::CheckInMail {
            check_warnings(
                prefix,
                mailed_on.is_none(),
                check_number.is_empty(),
                mailed_to.is_empty(),
            )
        } else {
            Vec::new()
        };
        p.finish(NewPromise {
            kind: self.kind,
            amount,
            promised_on,
            made_on,
            check_number,
            // Only a check is mailed; a date typed for another kind is not kept.
            mailed_on: checked_mailing,
            mailed_to,
            invoice_ids: self.invoice_ids.clone(),
            notes,
            warnings,
        })
    }
}

/// When a check mailed on `mailed` should arrive: the usual mail time later.
fn arrival(mailed: NaiveDate, policy: PromisePolicy) -> NaiveDate {
    mailed
        .checked_add_days(Days::new(policy.check_mail_days.into()))
        .unwrap_or(mailed)
}

/// The last day before a promise counts as broken. The grace runs from the
/// promised date, or from the day the promise was made when that came later:
/// a check mailed two weeks before the call is not broken the moment it is
/// recorded.
pub fn deadline(promised_on: NaiveDate, made_on: NaiveDate, policy: PromisePolicy) -> NaiveDate {
    let from = promised_on.max(made_on);
    from.checked_add_days(Days::new(policy.grace_days.into()))
        .unwrap_or(from)
}

/// What the promise form shows while the owner is still on the phone: the
/// collector's questions left unanswered, and when the money is expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromisePreview {
    pub questions: Vec<FieldError>,
    pub expectation: Option<Expectation>,
}

/// When the promised money is expected, by the same rule `validate` records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expectation {
    pub expected_on: NaiveDate,
    /// Worked out from the mailing date, "Expected on" being left empty.
    pub from_mailing: bool,
    /// The last day before it counts as broken.
    pub deadline: NaiveDate,
}

impl PromiseForm {
    /// The preview of the form as typed so far; dates not yet complete are
    /// left out rather than reported (`validate` reports them on saving).
    pub fn preview(&self, policy: PromisePolicy, today: NaiveDate) -> PromisePreview {
        let parse = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        let is_check = self.kind == PromiseKind::CheckInMail;
        let mailed_on = parse(&self.mailed_on).filter(|_| is_check);
        let made_on = parse(&self.made_on).unwrap_or(today);
        let typed = parse(&self.promised_on);
        let expected = match (typed, mailed_on) {
            (Some(on), _) => Some((on, false)),
            (None, Some(mailed)) => Some((arrival(mailed, policy), true)),
            (None, None) => None,
        };
        let mut questions = if is_check {
            check_warnings(
                "",
                self.mailed_on.trim().is_empty(),
                self.check_number.trim().is_empty(),
                self.mailed_to.trim().is_empty(),
            )
        } else {
            Vec::new()
        };
        // Said while typing, the same words saving would refuse with.
        let impossible = matches!((expected, mailed_on), (Some((on, _)), Some(m)) if on < m);
        if impossible {
            questions.push(FieldError::new(
                "promised_on",
                "A check cannot arrive before it was mailed; check the dates.",
            ));
        }
        PromisePreview {
            questions,
            expectation: expected
                .filter(|_| !impossible)
                .map(|(expected_on, from_mailing)| Expectation {
                    expected_on,
                    from_mailing,
                    deadline: deadline(expected_on, made_on, policy),
                }),
        }
    }
}

/// The collector's three questions for "the check is in the mail"; each
/// unanswered one is a warning, not a refusal: record what you were told.
pub fn check_warnings(
    prefix: &str,
    no_date: bool,
    no_number: bool,
    no_address: bool,
) -> Vec<FieldError> {
    let mut w = Vec::new();
    if no_date {
        w.push(FieldError::new(
            format!("{prefix}mailed_on"),
            "Ask when the check was mailed.",
        ));
    }
    if no_number {
        w.push(FieldError::new(
            format!("{prefix}check_number"),
            "Ask for the check number: it is how you will recognize it.",
        ));
    }
    if no_address {
        w.push(FieldError::new(
            format!("{prefix}mailed_to"),
            "Ask which address it was sent to.",
        ));
    }
    w
}

/// A promise as kept in the book, for working out its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseFacts {
    pub kind: PromiseKind,
    pub amount: Decimal,
    pub made_on: NaiveDate,
    pub promised_on: NaiveDate,
    pub check_number: String,
    /// When a promised check was mailed: it may arrive before we heard of it.
    pub mailed_on: Option<NaiveDate>,
}

/// A payment of the customer, seen from one promise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentFacts {
    pub received_on: NaiveDate,
    pub method: PaymentMethod,
    pub reference: String,
    pub amount: Decimal,
    /// The part of it allocated to the invoices the promise covers.
    pub to_covered: Decimal,
    pub reversed_on: Option<NaiveDate>,
}

/// A promise's outcome as of `today`. Once its deadline has passed the
/// outcome is history: money that comes later leaves it broken (or partly
/// kept), "paid late" on the day the rest arrived, never "kept".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromiseOutcome {
    pub status: PromiseStatus,
    /// How much has come in toward it by `today`, late money included.
    #[serde(with = "rust_decimal::serde::str")]
    pub paid: Decimal,
    /// The last day before it counts as broken (promised date + grace).
    pub deadline: NaiveDate,
    /// Not kept by its deadline, and settled later: the day the last of the
    /// money arrived.
    pub paid_late_on: Option<NaiveDate>,
}

impl PromiseFacts {
    /// The last day before it counts as broken (see [`deadline`]).
    pub fn deadline(&self, policy: PromisePolicy) -> NaiveDate {
        deadline(self.promised_on, self.made_on, policy)
    }

    /// The first day money can count toward it: a mailed check counts from
    /// its mailing, anything else from the day of the promise.
    fn counts_from(&self) -> NaiveDate {
        self.mailed_on.map_or(self.made_on, |m| m.min(self.made_on))
    }

    fn matches_check(&self, payment: &PaymentFacts) -> bool {
        let number = self.check_number.trim();
        self.kind == PromiseKind::CheckInMail
            && !number.is_empty()
            && payment.method == PaymentMethod::Check
            && payment.reference.trim().eq_ignore_ascii_case(number)
    }

    /// Works out the status as of `today`. `owed_today` is what the covered
    /// invoices still owe on `today`, `owed_at_deadline` what they owed on
    /// the deadline (the outcome at the deadline stands once it has passed).
    pub fn outcome(
        &self,
        payments: &[PaymentFacts],
        owed_today: Decimal,
        owed_at_deadline: Decimal,
        policy: PromisePolicy,
        today: NaiveDate,
    ) -> PromiseOutcome {
        let deadline = self.deadline(policy);
        // A payment counts from the day it arrived, unless it has bounced
        // since: a reversed check never paid anything.
        let counted: Vec<(NaiveDate, Decimal)> = payments
            .iter()
            .filter(|p| {
                p.received_on >= self.counts_from()
                    && p.received_on <= today
                    && p.reversed_on.is_none_or(|r| r > today)
            })
            .map(|p| {
                // The very check promised is the promised payment, whatever
                // invoices it was applied to.
                let toward = if self.matches_check(p) {
                    p.amount
                } else {
                    p.to_covered
                };
                (p.received_on, toward)
            })
            .filter(|(_, toward)| *toward > Decimal::ZERO)
            .collect();
        let in_time: Decimal = counted
            .iter()
            .filter(|(on, _)| *on <= deadline)
            .map(|(_, a)| *a)
            .sum();
        let paid: Decimal = counted.iter().map(|(_, a)| *a).sum();
        if today <= deadline {
            let status = if in_time >= self.amount || owed_today <= Decimal::ZERO {
                PromiseStatus::Kept
            } else {
                PromiseStatus::Pending
            };
            return PromiseOutcome {
                status,
                paid,
                deadline,
                paid_late_on: None,
            };
        }
        let kept = in_time >= self.amount || owed_at_deadline <= Decimal::ZERO;
        let settled_later = !kept && (paid >= self.amount || owed_today <= Decimal::ZERO);
        PromiseOutcome {
            status: if kept {
                PromiseStatus::Kept
            } else if in_time > Decimal::ZERO {
                PromiseStatus::PartlyKept
            } else {
                PromiseStatus::Broken
            },
            paid,
            deadline,
            paid_late_on: if settled_later {
                counted
                    .iter()
                    .filter(|(on, _)| *on > deadline)
                    .map(|(on, _)| *on)
                    .max()
            } else {
                None
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("valid")
    }

    fn check_promise() -> PromiseFacts {
        // On 3 Mar they said check 1042 for 500.00 would arrive by 10 Mar.
        PromiseFacts {
            kind: PromiseKind::CheckInMail,
            amount: Decimal::from(500),
            made_on: day(3, 3),
            promised_on: day(3, 10),
            check_number: "1042".into(),
            mailed_on: None,
        }
    }

    fn payment(on: NaiveDate, amount: i64, to_covered: i64, reference: &str) -> PaymentFacts {
        PaymentFacts {
            received_on: on,
            method: PaymentMethod::Check,
            reference: reference.into(),
            amount: Decimal::from(amount),
            to_covered: Decimal::from(to_covered),
            reversed_on: None,
        }
    }

    const POLICY: PromisePolicy = PromisePolicy {
        grace_days: 3,
        check_mail_days: 5,
    };

    fn status(
        p: &PromiseFacts,
        pays: &[PaymentFacts],
        owed: i64,
        today: NaiveDate,
    ) -> PromiseStatus {
        p.outcome(
            pays,
            Decimal::from(owed),
            Decimal::from(owed),
            POLICY,
            today,
        )
        .status
    }

    #[test]
    fn pending_until_the_date_plus_grace_then_broken() {
        let p = check_promise();
        assert_eq!(
            status(&p, &[], 500, day(3, 13)),
            PromiseStatus::Pending,
            "13 Mar is the last day of grace"
        );
        assert_eq!(status(&p, &[], 500, day(3, 14)), PromiseStatus::Broken);
    }

    #[test]
    fn kept_when_paid_in_full_by_the_deadline() {
        let p = check_promise();
        let pays = [payment(day(3, 12), 500, 500, "")];
        assert_eq!(status(&p, &pays, 0, day(3, 20)), PromiseStatus::Kept);
        assert_eq!(
            status(&p, &pays, 500, day(3, 11)),
            PromiseStatus::Pending,
            "not yet received as of 11 Mar"
        );
    }

    #[test]
    fn partly_kept_when_only_part_arrived_in_time() {
        let p = check_promise();
        let pays = [
            payment(day(3, 8), 200, 200, ""),
            payment(day(3, 20), 300, 300, ""),
        ];
        assert_eq!(
            status(&p, &pays, 300, day(3, 15)),
            PromiseStatus::PartlyKept
        );
        let late = p.outcome(&pays, Decimal::ZERO, Decimal::from(300), POLICY, day(3, 21));
        assert_eq!(
            (late.status, late.paid_late_on),
            (PromiseStatus::PartlyKept, Some(day(3, 20))),
            "settled after the deadline: partly kept, the rest paid late; never kept"
        );
    }

    #[test]
    fn the_promised_check_keeps_it_by_its_number() {
        let p = check_promise();
        // Check 1042 arrived in time and was applied to another invoice.
        let pays = [payment(day(3, 12), 500, 0, " 1042 ")];
        assert_eq!(status(&p, &pays, 500, day(3, 18)), PromiseStatus::Kept);
        // Had it arrived on 18 Mar, after the 13 Mar deadline: broken, paid late.
        let late = [payment(day(3, 18), 500, 0, "1042")];
        let outcome = p.outcome(
            &late,
            Decimal::from(500),
            Decimal::from(500),
            POLICY,
            day(3, 20),
        );
        assert_eq!(
            (outcome.status, outcome.paid_late_on),
            (PromiseStatus::Broken, Some(day(3, 18)))
        );
        let other_check = [payment(day(3, 9), 500, 0, "1043")];
        assert_eq!(
            status(&p, &other_check, 500, day(3, 9)),
            PromiseStatus::Pending
        );
    }

    #[test]
    fn a_bounced_check_stops_counting_from_its_reversal() {
        let p = check_promise();
        let mut bounced = payment(day(3, 9), 500, 500, "1042");
        bounced.reversed_on = Some(day(3, 12));
        let pays = [bounced];
        assert_eq!(
            status(&p, &pays, 0, day(3, 11)),
            PromiseStatus::Kept,
            "as of 11 Mar it had arrived"
        );
        assert_eq!(status(&p, &pays, 500, day(3, 13)), PromiseStatus::Pending);
        assert_eq!(status(&p, &pays, 500, day(3, 14)), PromiseStatus::Broken);
    }

    #[test]
    fn payments_before_the_promise_do_not_count_toward_it() {
        let p = check_promise();
        let pays = [payment(day(3, 1), 500, 500, "")];
        assert_eq!(status(&p, &pays, 500, day(3, 20)), PromiseStatus::Broken);
    }

    fn invoices() -> Vec<CoverableInvoice> {
        vec![
            CoverableInvoice {
                id: 1,
                number: "INV-0001".into(),
                customer_id: 5,
                void: false,
                owed: Decimal::from(500),
            },
            CoverableInvoice {
                id: 2,
                number: "INV-0002".into(),
                customer_id: 5,
                void: false,
                owed: Decimal::ZERO,
            },
            CoverableInvoice {
                id: 3,
                number: "INV-0003".into(),
                customer_id: 5,
                void: true,
                owed: Decimal::ZERO,
            },
        ]
    }

    #[test]
    fn a_check_promise_defaults_its_arrival_and_flags_missing_answers() {
        let form = PromiseForm {
            kind: PromiseKind::CheckInMail,
            amount: "500".into(),
            mailed_on: "2026-03-03".into(),
            invoice_ids: vec![1],
            ..PromiseForm::default()
        };
        let p = form
            .validate("", 5, &invoices(), Currency::USD, POLICY, day(3, 4))
            .expect("allowed");
        assert_eq!(p.promised_on, day(3, 8), "mailed 3 Mar + 5 days");
        let flagged: Vec<&str> = p.warnings.iter().map(|w| w.field.as_str()).collect();
        assert_eq!(flagged, ["check_number", "mailed_to"]);
    }

    /// Told on 1 Dec of a check mailed on 17 Nov: it is due to have arrived
    /// by 22 Nov, before anyone heard of it. Recorded as said, with its
    /// arrival computed from the mailing, and given the grace from 1 Dec.
    #[test]
    fn a_check_mailed_before_the_call_is_recorded_with_its_real_dates() {
        let form = PromiseForm {
            kind: PromiseKind::CheckInMail,
            amount: "500".into(),
            mailed_on: "2026-11-17".into(),
            check_number: "2210".into(),
            mailed_to: "12 Wharf St".into(),
            invoice_ids: vec![1],
            ..PromiseForm::default()
        };
        let p = form
            .validate("", 5, &invoices(), Currency::USD, POLICY, day(12, 1))
            .expect("a check mailed two weeks ago is recorded");
        assert_eq!(
            (p.made_on, p.mailed_on, p.promised_on),
            (day(12, 1), Some(day(11, 17)), day(11, 22))
        );
        let facts = PromiseFacts {
            kind: p.kind,
            amount: p.amount,
            made_on: p.made_on,
            promised_on: p.promised_on,
            check_number: p.check_number.clone(),
            mailed_on: p.mailed_on,
        };
        assert_eq!(facts.deadline(POLICY), day(12, 4), "grace from the call");
        assert_eq!(status(&facts, &[], 500, day(12, 1)), PromiseStatus::Pending);
        assert_eq!(status(&facts, &[], 500, day(12, 5)), PromiseStatus::Broken);
        // The check arrived on 28 Nov and was entered after the call.
        let arrived = [payment(day(11, 28), 500, 500, "2210")];
        assert_eq!(
            status(&facts, &arrived, 0, day(12, 2)),
            PromiseStatus::Kept,
            "money from the mailing on counts toward it"
        );
    }

    #[test]
    fn the_preview_shows_the_arrival_and_the_deadline_before_saving() {
        let mut form = PromiseForm {
            kind: PromiseKind::CheckInMail,
            mailed_on: "2026-11-17".into(),
            check_number: "2210".into(),
            ..PromiseForm::default()
        };
        let preview = form.preview(POLICY, day(12, 1));
        assert_eq!(
            preview.expectation,
            Some(Expectation {
                expected_on: day(11, 22),
                from_mailing: true,
                deadline: day(12, 4),
            })
        );
        let asked: Vec<&str> = preview.questions.iter().map(|q| q.field.as_str()).collect();
        assert_eq!(asked, ["mailed_to"]);
        form.promised_on = "2026-12-10".into();
        let typed = form.preview(POLICY, day(12, 1)).expectation;
        assert_eq!(
            typed.map(|e| (e.expected_on, e.from_mailing, e.deadline)),
            Some((day(12, 10), false, day(12, 13)))
        );
        form.kind = PromiseKind::PayOnDate;
        form.promised_on = "2026-12".into();
        let half_typed = form.preview(POLICY, day(12, 1));
        assert_eq!(
            half_typed.expectation, None,
            "a mailing date is only a check's"
        );
        assert!(half_typed.questions.is_empty());
        let backwards = PromiseForm {
            kind: PromiseKind::CheckInMail,
            mailed_on: "2026-11-17".into(),
            promised_on: "2026-11-10".into(),
            check_number: "1".into(),
            mailed_to: "x".into(),
            ..PromiseForm::default()
        }
        .preview(POLICY, day(12, 1));
        assert_eq!(backwards.expectation, None);
        assert_eq!(backwards.questions[0].field, "promised_on");
    }

    #[test]
    fn a_check_cannot_arrive_before_it_was_mailed_nor_a_payment_be_promised_for_the_past() {
        let check = PromiseForm {
            kind: PromiseKind::CheckInMail,
            amount: "500".into(),
            mailed_on: "2026-11-17".into(),
            promised_on: "2026-11-16".into(),
            invoice_ids: vec![1],
            ..PromiseForm::default()
        };
        let on_date = PromiseForm {
            kind: PromiseKind::PayOnDate,
            amount: "500".into(),
            promised_on: "2026-11-16".into(),
            invoice_ids: vec![1],
            ..PromiseForm::default()
        };
        for (form, message) in [
            (check, "A check cannot arrive before it was mailed"),
            (on_date, "cannot come before the promise was made"),
        ] {
            match form.validate("", 5, &invoices(), Currency::USD, POLICY, day(12, 1)) {
                Err(DomainError::Invalid(e)) => {
                    assert_eq!(e[0].field, "promised_on");
                    assert!(e[0].message.contains(message), "{e:?}");
                }
                other => panic!("expected refusal, got {other:?}"),
            }
        }
    }

    #[test]
    fn promises_for_paid_or_void_invoices_are_refused() {
        for (id, message) in [(2, "INV-0002 is already paid"), (3, "INV-0003 is void")] {
            let form = PromiseForm {
                kind: PromiseKind::PayOnDate,
                amount: "100".into(),
                promised_on: "2026-03-20".into(),
                invoice_ids: vec![id],
                ..PromiseForm::default()
            };
            match form.validate("", 5, &invoices(), Currency::USD, POLICY, day(3, 4)) {
                Err(DomainError::Invalid(e)) => assert!(e[0].message.contains(message), "{e:?}"),
                other => panic!("expected refusal, got {other:?}"),
            }
        }
    }

    #[test]
    fn an_invoice_named_twice_is_refused() {
        let form = PromiseForm {
            kind: PromiseKind::PayOnDate,
            amount: "100".into(),
            promised_on: "2026-03-20".into(),
            invoice_ids: vec![1, 1],
            ..PromiseForm::default()
        };
        match form.validate("", 5, &invoices(), Currency::USD, POLICY, day(3, 4)) {
            Err(DomainError::Invalid(e)) => {
                assert_eq!(e[0].field, "invoice_ids");
                assert_eq!(e[0].message, "The same invoice is chosen twice.");
            }
            other => panic!("expected refusal, got {other:?}"),
        }
    }
}
