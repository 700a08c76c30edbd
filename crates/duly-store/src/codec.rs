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

pub fn date(column: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, DATE).map_err(|_| StoreError::Corrupt(column.to_owned()))
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
