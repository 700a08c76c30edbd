//! Aging: what is owed, sorted by how late it is.
//!
//! Buckets are "current" (not yet due) and then ranges of days past due whose
//! upper bounds the owner can set (default 30, 60, 90): 1–30, 31–60, 61–90,
//! over 90. An invoice due today is current; due yesterday, 1 day late.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Problems};
use crate::text;

/// Upper bounds (in days past due) of the three middle buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AgingBounds(pub [u32; 3]);

impl Default for AgingBounds {
    fn default() -> Self {
        AgingBounds([30, 60, 90])
    }
}

/// How many buckets there are: current, three ranges, and "over".
pub const BUCKETS: usize = 5;

impl AgingBounds {
    /// The bucket for an invoice this many days past due (≤ 0: current).
    pub fn bucket(&self, days_past_due: i64) -> usize {
        if days_past_due <= 0 {
            return 0;
        }
        self.0
            .iter()
            .position(|&upper| days_past_due <= i64::from(upper))
            .map_or(BUCKETS - 1, |i| i + 1)
    }

    /// "Current", "1–30", "31–60", "61–90", "Over 90".
    pub fn labels(&self) -> [String; BUCKETS] {
        let [a, b, c] = self.0;
        [
            "Current".to_owned(),
            format!("1\u{2013}{a}"),
            format!("{}\u{2013}{b}", a + 1),
            format!("{}\u{2013}{c}", b + 1),
            format!("Over {c}"),
        ]
    }
}

/// Amounts per bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Aging(pub [Decimal; BUCKETS]);

impl Aging {
    pub fn add(&mut self, bucket: usize, amount: Decimal) {
        if let Some(slot) = self.0.get_mut(bucket) {
            *slot += amount;
        }
    }

    pub fn total(&self) -> Decimal {
        self.0.iter().sum()
    }

    /// Everything past due (all but the current bucket).
    pub fn overdue(&self) -> Decimal {
        self.0[1..].iter().sum()
    }
}

/// The bounds as typed in Settings.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct AgingBoundsForm {
    pub first: String,
    pub second: String,
    pub third: String,
}

impl AgingBoundsForm {
    pub fn validate(&self) -> Result<AgingBounds, DomainError> {
        let mut p = Problems::new();
        let a = p.take(text::days("first", "First bucket", &self.first, 3650));
        let b = p.take(text::days("second", "Second bucket", &self.second, 3650));
        let c = p.take(text::days("third", "Third bucket", &self.third, 3650));
        if p.is_empty() && !(0 < a && a < b && b < c) {
            p.add(
                "second",
                "Each bucket must end later than the one before (e.g. 30, 60, 90).",
            );
        }
        p.finish(AgingBounds([a, b, c]))
    }
}

/// Days sales outstanding: receivables ÷ credit sales of the period × days in
/// the period. `None` when nothing was sold in the period.
pub fn dso(receivables: Decimal, credit_sales: Decimal, period_days: u32) -> Option<Decimal> {
    if credit_sales <= Decimal::ZERO {
        return None;
    }
    let days = receivables / credit_sales * Decimal::from(period_days);
    Some(days.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_boundary_lands_in_the_right_bucket() {
        let b = AgingBounds::default();
        let cases = [
            (-5, 0),
            (0, 0),
            (1, 1),
            (30, 1),
            (31, 2),
            (60, 2),
            (61, 3),
            (90, 3),
            (91, 4),
            (400, 4),
        ];
        for (days, bucket) in cases {
            assert_eq!(b.bucket(days), bucket, "{days} days past due");
        }
        assert_eq!(b.labels()[4], "Over 90");
        assert_eq!(AgingBounds([15, 45, 120]).bucket(46), 3);
    }

    #[test]
    fn bounds_must_rise() {
        let bad = AgingBoundsForm {
            first: "30".into(),
            second: "30".into(),
            third: "90".into(),
        };
        assert!(bad.validate().is_err());
        let good = AgingBoundsForm {
            first: "15".into(),
            second: "45".into(),
            third: "120".into(),
        };
        assert_eq!(good.validate(), Ok(AgingBounds([15, 45, 120])));
    }

    #[test]
    fn dso_follows_its_formula() {
        // 45,000 owed against 90,000 sold in 90 days: 45 days.
        assert_eq!(
            dso(Decimal::from(45_000), Decimal::from(90_000), 90),
            Some(Decimal::from(45))
        );
        assert_eq!(dso(Decimal::from(10), Decimal::ZERO, 90), None);
    }
}
