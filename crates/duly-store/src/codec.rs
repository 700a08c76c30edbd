//! How domain values are spelled in the book's columns, in one place.

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use std::str::FromStr;

use crate::error::{Result, StoreError};

pub const DATE: &str = "%Y-%m-%d";
pub const TIMESTAMP: &str = "%Y-%m-%dT%H:%M:%S";

pub fn decimal(column: &str, text: &str) -> Result<Decimal> {
    Decimal::from_str(text).map_err(|_| StoreError::Corrupt(column.to_owned()))
}

/// Reads a stored `YYYY-MM-DD` date. The book writes only this shape, so the
/// digits are read directly: a summary reads 100,000 dates, and chrono's
/// format-string parser was a fifth of its time.
pub fn date(column: &str, text: &str) -> Result<NaiveDate> {
    let corrupt = || StoreError::Corrupt(column.to_owned());
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(corrupt());
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    match (y, m, d) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(corrupt),
        _ => Err(corrupt()),
    }
}

/// Reads a stored `YYYY-MM-DDTHH:MM:SS` timestamp.
pub fn timestamp(column: &str, text: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, TIMESTAMP)
        .map_err(|_| StoreError::Corrupt(column.to_owned()))
}

pub fn opt_date(column: &str, text: Option<String>) -> Result<Option<NaiveDate>> {
    text.map(|t| date(column, &t)).transpose()
}

pub fn date_text(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

pub fn timestamp_text(t: NaiveDateTime) -> String {
    t.format(TIMESTAMP).to_string()
}

/// Canonical decimal text: no trailing zeros, so equal values compare equal.
pub fn decimal_text(d: Decimal) -> String {
    d.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_dates_read_back_or_are_refused() {
        assert_eq!(
            date("c", "2026-02-28").ok(),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "26-02-2800",
            "2026/02/28",
            "",
            "2026-02-2x",
        ] {
            assert!(date("c", bad).is_err(), "{bad}");
        }
    }
}
