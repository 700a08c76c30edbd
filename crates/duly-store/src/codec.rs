//! How domain values are spelled in the book's columns, in one place.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
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
    let (y, m, d) = (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]));
    match (y, m, d) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(corrupt),
        _ => Err(corrupt()),
    }
}

/// Reads a stored `YYYY-MM-DDTHH:MM:SS` timestamp, digits read directly as
/// for [`date`]: the invoice list reads one per invoice.
pub fn timestamp(column: &str, text: &str) -> Result<NaiveDateTime> {
    let corrupt = || StoreError::Corrupt(column.to_owned());
    let (day, time) = text.split_once('T').ok_or_else(corrupt)?;
    let b = time.as_bytes();
    if b.len() != 8 || b[2] != b':' || b[5] != b':' {
        return Err(corrupt());
    }
    let (h, m, s) = (digits(&b[0..2]), digits(&b[3..5]), digits(&b[6..8]));
    let time = match (h, m, s) {
        (Some(h), Some(m), Some(s)) => NaiveTime::from_hms_opt(h, m, s).ok_or_else(corrupt)?,
        _ => return Err(corrupt()),
    };
    Ok(NaiveDateTime::new(date(column, day)?, time))
}

/// The number written by ASCII digits, or `None` if one is not a digit.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
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

    #[test]
    fn stored_timestamps_read_back_or_are_refused() {
        let at = NaiveDate::from_ymd_opt(2026, 2, 10).and_then(|d| d.and_hms_opt(14, 30, 5));
        assert_eq!(timestamp("c", "2026-02-10T14:30:05").ok(), at);
        assert_eq!(
            timestamp("c", &timestamp_text(at.expect("valid"))).ok(),
            at,
            "what the book writes reads back"
        );
        for bad in [
            "2026-02-10 14:30:05",
            "2026-02-10T14:30",
            "2026-02-10T24:00:00",
            "2026-02-30T14:30:05",
            "2026-02-10T14:3x:05",
            "",
        ] {
            assert!(timestamp("c", bad).is_err(), "{bad}");
        }
    }
}
