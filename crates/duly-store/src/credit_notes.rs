//! Queries for `credit_notes` and their own gapless numbering.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::dispute::credit_note_number;
use rusqlite::{params, Connection};

use crate::codec;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditNote {
    pub id: i64,
    pub number: String,
    pub invoice_id: i64,
    pub invoice_number: String,
    pub customer_id: i64,
    pub line_position: Option<i64>,
    pub issued_on: NaiveDate,
    pub amount_minor: i64,
    pub reason: String,
}

/// Issues a credit note against an invoice, taking the next number in the
/// same transaction (so a failed write gives the number back).
#[allow(clippy::too_many_arguments)]
pub fn issue(
    conn: &Connection,
    invoice_id: i64,
    line_position: Option<i64>,
    issued_on: NaiveDate,
    amount_minor: i64,
    reason: &str,
    dispute_id: Option<i64>,
    now: NaiveDateTime,
) -> Result<(i64, String)> {
    let (prefix, sequence): (String, i64) = conn.query_row(
        "UPDATE credit_note_numbering SET last_value = last_value + 1 WHERE id = 1 RETURNING prefix, last_value",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let number = credit_note_number(&prefix, sequence);
    conn.execute(
        "INSERT INTO credit_notes (sequence, number, invoice_id, line_position, issued_on, amount_minor, reason,
            dispute_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            sequence,
            number,
            invoice_id,
            line_position,
            codec::date_text(issued_on),
            amount_minor,
            reason,
            dispute_id,
            codec::timestamp_text(now)
        ],
    )?;
    Ok((conn.last_insert_rowid(), number))
}

/// Credit notes of one customer (or all), newest first.
pub fn list(conn: &Connection, customer_id: Option<i64>) -> Result<Vec<CreditNote>> {
    let mut stmt = conn.prepare_cached(
        "SELECT n.id, n.number, n.invoice_id, i.number, i.customer_id, n.line_position, n.issued_on,
                n.amount_minor, n.reason
         FROM credit_notes n JOIN invoices i ON i.id = n.invoice_id
         WHERE ?1 IS NULL OR i.customer_id = ?1 ORDER BY n.sequence DESC",
    )?;
    let rows = stmt.query_map([customer_id], |r| {
        Ok((
            (
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<String>>(3)?,
            ),
            (
                r.get::<_, i64>(4)?,
                r.get::<_, Option<i64>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, i64>(7)?,
                r.get::<_, String>(8)?,
            ),
        ))
    })?;
    rows.map(|row| {
        let (
            (id, number, invoice_id, invoice_number),
            (customer_id, line_position, on, amount_minor, reason),
        ) = row?;
        Ok(CreditNote {
            id,
            number,
            invoice_id,
            invoice_number: invoice_number.unwrap_or_default(),
            customer_id,
            line_position,
            issued_on: codec::date("credit_notes.issued_on", &on)?,
            amount_minor,
            reason,
        })
    })
    .collect()
}
