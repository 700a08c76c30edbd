//! Queries for `number_sequences`: gapless document numbers.

use duly_core::invoice::format_number;
use rusqlite::{params, Connection};

use crate::error::Result;

/// Takes the next invoice number. Must run inside the transaction that issues
/// the invoice: if that transaction rolls back, so does the number, which is
/// what keeps the sequence free of gaps; `BEGIN IMMEDIATE` keeps it free of
/// repeats.
pub fn next_invoice_number(conn: &Connection) -> Result<(i64, String)> {
    let (prefix, value): (String, i64) = conn.query_row(
        "UPDATE number_sequences SET last_value = last_value + 1 WHERE kind = 'invoice'
         RETURNING prefix, last_value",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((value, format_number(&prefix, value)))
}

pub fn invoice_prefix(conn: &Connection) -> Result<String> {
    Ok(conn.query_row(
        "SELECT prefix FROM number_sequences WHERE kind = 'invoice'",
        [],
        |r| r.get(0),
    )?)
}

pub fn set_invoice_prefix(conn: &Connection, prefix: &str) -> Result<()> {
    conn.execute(
        "UPDATE number_sequences SET prefix = ?1 WHERE kind = 'invoice'",
        params![prefix],
    )?;
    Ok(())
}
