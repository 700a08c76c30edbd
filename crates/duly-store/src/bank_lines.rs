//! Queries for `bank_lines`: the statement lines already imported.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};

use duly_core::DomainError;

use crate::codec;
use crate::error::{Result, StoreError};

/// What the owner decided for an imported line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// It became a payment.
    Paid,
    /// It took back a payment (a returned transfer, a bounced check).
    Reversed,
    /// It was not a customer's payment.
    Skipped,
}

impl Outcome {
    /// The stored spelling; the schema's `CHECK` constraint lists the same words.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Paid => "paid",
            Outcome::Reversed => "reversed",
            Outcome::Skipped => "skipped",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        [Outcome::Paid, Outcome::Reversed, Outcome::Skipped]
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| StoreError::Corrupt("bank_lines.outcome".into()))
    }
}

/// An imported line, as the book keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedLine<'a> {
    pub fingerprint: &'a str,
    pub booked_on: NaiveDate,
    pub amount_minor: i64,
    pub counterparty: &'a str,
    pub text: &'a str,
    pub outcome: Outcome,
    /// The payment it became or took back; none when skipped.
    pub payment_id: Option<i64>,
    pub file_name: &'a str,
}

/// When a line was imported and what became of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Earlier {
    pub imported_at: NaiveDateTime,
    pub outcome: Outcome,
}

/// Remembers an imported line. A fingerprint already in the book is
/// refused: the same line is never imported twice.
pub fn insert(conn: &Connection, line: &ImportedLine, now: NaiveDateTime) -> Result<i64> {
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM bank_lines WHERE fingerprint = ?1",
            [line.fingerprint],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(StoreError::Domain(DomainError::NotAllowed(format!(
            "The statement line of {} for {} was imported before; nothing was imported.",
            codec::date_text(line.booked_on),
            line.counterparty
        ))));
    }
    conn.execute(
        "INSERT INTO bank_lines (fingerprint, booked_on, amount_minor, counterparty, text,
                                 outcome, payment_id, file_name, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            line.fingerprint,
            codec::date_text(line.booked_on),
            line.amount_minor,
            line.counterparty,
            line.text,
            line.outcome.as_str(),
            line.payment_id,
            line.file_name,
            codec::timestamp_text(now),
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Which of `fingerprints` were imported before, and when.
pub fn earlier(conn: &Connection, fingerprints: &[String]) -> Result<HashMap<String, Earlier>> {
    let mut stmt =
        conn.prepare_cached("SELECT imported_at, outcome FROM bank_lines WHERE fingerprint = ?1")?;
    let mut found = HashMap::new();
    for fingerprint in fingerprints {
        let row: Option<(String, String)> = stmt
            .query_row([fingerprint], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((at, outcome)) = row {
            found.insert(
                fingerprint.clone(),
                Earlier {
                    imported_at: codec::timestamp("bank_lines.imported_at", &at)?,
                    outcome: Outcome::parse(&outcome)?,
                },
            );
        }
    }
    Ok(found)
}
