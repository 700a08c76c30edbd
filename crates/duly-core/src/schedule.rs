//! Recurring invoices: a schedule bills a customer the same lines every
//! week, month, quarter or year. The rules here say which periods are due
//! on a day, how each is named ("November 2026"), and what a line that
//! names its period reads; the store makes sure a period is billed once.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::country::DateStyle;
use crate::error::{DomainError, Problems};
use crate::text;

/// How often a schedule bills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Week,
    #[default]
    Month,
    Quarter,
    Year,
}

impl Frequency {
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Week => "week",
            Frequency::Month => "month",
            Frequency::Quarter => "quarter",
            Frequency::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "week" => Some(Frequency::Week),
            "month" => Some(Frequency::Month),
            "quarter" => Some(Frequency::Quarter),
            "year" => Some(Frequency::Year),
            _ => None,
        }
    }

    /// "every month".
    pub fn words(self) -> &'static str {
        match self {
            Frequency::Week => "every week",
            Frequency::Month => "every month",
            Frequency::Quarter => "every quarter",
            Frequency::Year => "every year",
        }
    }
}

/// When a schedule bills: from its first date, every period, until an end
/// date or a number of invoices (or for as long as it runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cadence {
    pub every: Frequency,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub max_count: Option<u32>,
}

/// The text a line may carry to name the period it bills.
pub const PERIOD: &str = "{{ period }}";

impl Cadence {
    /// The date of period `n` (0 = the first). A month-end start stays at
    /// the month's end (31 Jan → 28 Feb → 31 Mar), as an owner billing "on
    /// the last day" means; `None` past the calendar's end.
    pub fn period(&self, n: u32) -> Option<NaiveDate> {
        let start = self.starts_on;
        match self.every {
            Frequency::Week => start.checked_add_days(Days::new(7 * u64::from(n))),
            Frequency::Month => add_months(start, n),
            Frequency::Quarter => add_months(start, n.checked_mul(3)?),
            Frequency::Year => add_months(start, n.checked_mul(12)?),
        }
    }

    /// Whether period `n` (dated `on`) is within the schedule's end.
    fn includes(&self, n: u32, on: NaiveDate) -> bool {
        self.max_count.is_none_or(|max| n < max) && self.ends_on.is_none_or(|end| on <= end)
    }

    /// The periods due by `today` that `billed` (how many periods are
    /// billed already) has not covered, oldest first: what a start of Duly
    /// catches up on, each dated for its own period.
    pub fn due(&self, billed: u32, today: NaiveDate) -> Vec<(u32, NaiveDate)> {
        (billed..)
            .map_while(|n| self.period(n).map(|on| (n, on)))
            .take_while(|(n, on)| *on <= today && self.includes(*n, *on))
            .collect()
    }

    /// The next period after `billed` of them, if the schedule has one.
    pub fn next(&self, billed: u32) -> Option<NaiveDate> {
        self.period(billed).filter(|on| self.includes(billed, *on))
    }

    /// How the period dated `on` is named on the invoice: "Nov 23 – 29,
    /// 2026" (a week, in the book's style), "November 2026", "Q4 2026",
    /// "2026".
    pub fn period_name(&self, on: NaiveDate, dates: DateStyle) -> String {
        match self.every {
            Frequency::Week => {
                let last = on.checked_add_days(Days::new(6)).unwrap_or(on);
                dates.span(on, last)
            }
            Frequency::Month => on.format("%B %Y").to_string(),
            Frequency::Quarter => format!("Q{} {}", on.month0() / 3 + 1, on.year()),
            Frequency::Year => on.year().to_string(),
        }
    }
}

/// The day `months` months after `start`, kept at the month's end when the
/// start is one.
fn add_months(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    let at_month_end = start
        .succ_opt()
        .is_some_and(|next| next.month() != start.month());
    let moved = start.checked_add_months(Months::new(months))?;
    if at_month_end {
        last_of_month(moved)
    } else {
        Some(moved)
    }
}

fn last_of_month(day: NaiveDate) -> Option<NaiveDate> {
    let first_next = day.with_day(1)?.checked_add_months(Months::new(1))?;
    first_next.pred_opt()
}

/// A line's description for one period: "Bookkeeping, {{ period }}" →
/// "Bookkeeping, November 2026". Text without the placeholder is kept.
pub fn describe(description: &str, period: &str) -> String {
    description
        .replace(PERIOD, period)
        .replace("{{period}}", period)
}

/// The schedule settings as typed.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct CadenceForm {
    pub every: Frequency,
    pub starts_on: String,
    /// Empty: no end date.
    pub ends_on: String,
    /// Empty: no limit.
    pub max_count: String,
}

impl CadenceForm {
    pub fn validate(&self) -> Result<Cadence, DomainError> {
        let mut p = Problems::new();
        let start = text::date("starts_on", "First invoice on", &self.starts_on);
        let start_ok = start.is_ok();
        let starts_on = p.take(start);
        let ends_on = if self.ends_on.trim().is_empty() {
            None
        } else {
            let end = text::date("ends_on", "Last invoice by", &self.ends_on);
            let ok = end.is_ok();
            let end = p.take(end);
            if ok && start_ok && end < starts_on {
                p.add("ends_on", "The last invoice cannot come before the first.");
            }
            ok.then_some(end)
        };
        let max_count = if self.max_count.trim().is_empty() {
            None
        } else {
            let count = text::count("max_count", "Number of invoices", &self.max_count, 1000, 12);
            let ok = count.is_ok();
            let count = p.take(count);
            if ok && count == 0 {
                p.add(
                    "max_count",
                    "Number of invoices must be at least 1, or left empty.",
                );
            }
            Some(count)
        };
        p.finish(Cadence {
            every: self.every,
            starts_on,
            ends_on,
            max_count,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a real day")
    }

    fn monthly(start: NaiveDate) -> Cadence {
        Cadence {
            every: Frequency::Month,
            starts_on: start,
            ends_on: None,
            max_count: None,
        }
    }

    #[test]
    fn missed_periods_are_caught_up_in_order_each_on_its_own_date() {
        let c = monthly(d(2026, 11, 1));
        assert_eq!(c.due(0, d(2026, 10, 31)), []);
        assert_eq!(c.due(0, d(2026, 11, 1)), [(0, d(2026, 11, 1))]);
        assert_eq!(
            c.due(1, d(2027, 1, 25)),
            [(1, d(2026, 12, 1)), (2, d(2027, 1, 1))],
            "two months away: both billed, oldest first"
        );
        assert_eq!(c.due(3, d(2027, 1, 25)), [], "nothing twice");
        assert_eq!(c.next(3), Some(d(2027, 2, 1)));
    }

    #[test]
    fn a_month_end_start_stays_at_the_month_end() {
        let c = monthly(d(2026, 1, 31));
        let days: Vec<NaiveDate> = (0..4).filter_map(|n| c.period(n)).collect();
        assert_eq!(
            days,
            [
                d(2026, 1, 31),
                d(2026, 2, 28),
                d(2026, 3, 31),
                d(2026, 4, 30)
            ]
        );
        let mid = monthly(d(2026, 1, 15));
        assert_eq!(mid.period(1), Some(d(2026, 2, 15)));
        let quarterly = Cadence {
            every: Frequency::Quarter,
            ..monthly(d(2026, 11, 30))
        };
        assert_eq!(quarterly.period(1), Some(d(2027, 2, 28)));
        assert_eq!(quarterly.period(2), Some(d(2027, 5, 31)));
    }

    #[test]
    fn an_end_date_or_a_count_stops_the_schedule() {
        let counted = Cadence {
            max_count: Some(2),
            ..monthly(d(2026, 1, 1))
        };
        assert_eq!(counted.due(0, d(2026, 12, 31)).len(), 2);
        assert_eq!(counted.next(2), None);
        let dated = Cadence {
            ends_on: Some(d(2026, 3, 15)),
            ..monthly(d(2026, 1, 1))
        };
        assert_eq!(dated.due(0, d(2026, 12, 31)).len(), 3);
        let weekly = Cadence {
            every: Frequency::Week,
            ..monthly(d(2026, 11, 2))
        };
        assert_eq!(weekly.due(0, d(2026, 11, 16)).len(), 3);
    }

    #[test]
    fn periods_are_named_and_lines_name_them() {
        let on = d(2026, 11, 23);
        let name = |every| {
            Cadence {
                every,
                ..monthly(on)
            }
            .period_name(on, DateStyle::MonthFirst)
        };
        assert_eq!(name(Frequency::Month), "November 2026");
        assert_eq!(name(Frequency::Quarter), "Q4 2026");
        assert_eq!(name(Frequency::Year), "2026");
        assert_eq!(name(Frequency::Week), "Nov 23 \u{2013} Nov 29, 2026");
        assert_eq!(
            describe("Bookkeeping, {{ period }}", "November 2026"),
            "Bookkeeping, November 2026"
        );
        assert_eq!(describe("Payroll", "November 2026"), "Payroll");
    }

    #[test]
    fn the_form_is_checked_field_by_field() {
        let form = CadenceForm {
            every: Frequency::Month,
            starts_on: "2026-12-01".into(),
            ends_on: "2026-11-01".into(),
            max_count: "0".into(),
        };
        let Err(DomainError::Invalid(errors)) = form.validate() else {
            panic!("expected invalid");
        };
        let mut fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["ends_on", "max_count"]);
        let ok = CadenceForm {
            ends_on: String::new(),
            max_count: "12".into(),
            ..form
        };
        assert_eq!(ok.validate().map(|c| c.max_count), Ok(Some(12)));
    }
}
