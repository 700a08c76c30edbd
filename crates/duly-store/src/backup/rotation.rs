//! Which automatic daily backups to keep: the newest backup of each of the 7
//! most recent days, 4 most recent ISO weeks and 12 most recent months that
//! have one (the scheme restic and Time Machine users know). Counting periods
//! that *have* a backup, not calendar periods, means a book left closed for
//! months still keeps its history.
//!
//! Pure: the dates come in, the dates to keep go out; no files, no clock.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

pub const DAILY: usize = 7;
pub const WEEKLY: usize = 4;
pub const MONTHLY: usize = 12;

/// The dates among `backups` to keep; every other date's backup may go.
pub fn to_keep(backups: &[NaiveDate]) -> BTreeSet<NaiveDate> {
    let mut newest_first: Vec<NaiveDate> = backups.to_vec();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    newest_first.dedup();
    let mut keep = BTreeSet::new();
    keep.extend(newest_per_period(&newest_first, DAILY, |d| {
        (d.year(), d.ordinal())
    }));
    keep.extend(newest_per_period(&newest_first, WEEKLY, |d| {
        let week = d.iso_week();
        (week.year(), week.week())
    }));
    keep.extend(newest_per_period(&newest_first, MONTHLY, |d| {
        (d.year(), d.month())
    }));
    keep
}

/// The first (newest) date of each of the `count` newest periods.
fn newest_per_period(
    newest_first: &[NaiveDate],
    count: usize,
    period: impl Fn(NaiveDate) -> (i32, u32),
) -> Vec<NaiveDate> {
    let mut kept: Vec<NaiveDate> = Vec::new();
    let mut last = None;
    for &day in newest_first {
        if kept.len() == count {
            break;
        }
        let p = period(day);
        if last != Some(p) {
            kept.push(day);
            last = Some(p);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Days;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    /// One backup a day for `n` days ending on `last`.
    fn every_day(last: NaiveDate, n: u64) -> Vec<NaiveDate> {
        (0..n)
            .map(|i| last.checked_sub_days(Days::new(i)).expect("in range"))
            .collect()
    }

    #[test]
    fn a_year_of_daily_backups_keeps_7_days_4_weeks_12_months() {
        // Wednesday 25 November 2026.
        let today = day(2026, 11, 25);
        let keep = to_keep(&every_day(today, 400));
        let days: Vec<NaiveDate> = every_day(today, 7);
        for d in &days {
            assert!(keep.contains(d), "daily {d}");
        }
        // Newest of each of the last 4 ISO weeks: today (week 48), then the
        // Sundays ending weeks 47 (already a daily one), 46 and 45.
        for d in [day(2026, 11, 22), day(2026, 11, 15), day(2026, 11, 8)] {
            assert!(keep.contains(&d), "weekly {d}");
        }
        // Newest of each of the last 12 months: today, then month ends back
        // to December 2025.
        for d in [
            day(2026, 10, 31),
            day(2026, 9, 30),
            day(2026, 2, 28),
            day(2025, 12, 31),
        ] {
            assert!(keep.contains(&d), "monthly {d}");
        }
        assert!(!keep.contains(&day(2025, 11, 30)), "13th month goes");
        assert!(!keep.contains(&day(2026, 11, 1)), "an ordinary day goes");
        // 7 days + 2 more weeks + 11 more months (today counts for all three).
        assert_eq!(keep.len(), 7 + 2 + 11);
    }

    #[test]
    fn sparse_backups_are_counted_by_the_periods_that_have_one() {
        // Opened only on the first of each month for two years.
        let firsts: Vec<NaiveDate> = (0..24)
            .map(|i| day(2025 + i / 12, (i % 12) as u32 + 1, 1))
            .collect();
        let keep = to_keep(&firsts);
        // The 7 newest are kept as "daily", and 12 months in all.
        assert_eq!(keep.len(), 12);
        assert!(keep.contains(&day(2026, 12, 1)));
        assert!(keep.contains(&day(2026, 1, 1)));
        assert!(!keep.contains(&day(2025, 12, 1)));
    }

    #[test]
    fn few_backups_are_all_kept_and_order_and_repeats_do_not_matter() {
        let some = [day(2026, 3, 2), day(2026, 1, 9), day(2026, 3, 2)];
        let keep = to_keep(&some);
        assert_eq!(
            keep.into_iter().collect::<Vec<_>>(),
            [day(2026, 1, 9), day(2026, 3, 2)]
        );
        assert!(to_keep(&[]).is_empty());
    }
}
