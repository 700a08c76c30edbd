//! What was owed on a given day: each invoice's balance *as of* a date,
//! counting only what the book knew that day.
//!
//! An invoice counts once issued and until voided; a payment counts from the
//! day its money was applied and until the day it was reversed; a credit note
//! from the day it was issued; an extension from the day it was granted. So the aging
//! of a past date matches what the book said that day.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::codec;
use crate::error::Result;

/// One invoice's position on the as-of date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receivable {
    pub invoice_id: i64,
    pub customer_id: i64,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub total_minor: i64,
    pub balance_minor: i64,
}

/// Every invoice issued on or before `as_of` and not void by then, with its
/// balance that day (zero balances included: they are paid).
pub fn as_of(conn: &Connection, as_of: NaiveDate) -> Result<Vec<Receivable>> {
    let day = codec::date_text(as_of);
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.customer_id, i.number, i.issue_date,
                COALESCE((SELECT e.new_due_date FROM invoice_extensions e
                          WHERE e.invoice_id = i.id AND substr(e.created_at, 1, 10) <= ?1
                          ORDER BY e.id DESC LIMIT 1), i.due_date),
                i.total_minor,
                i.total_minor - COALESCE((
                    SELECT SUM(a.amount_minor) FROM allocations a JOIN payments p ON p.id = a.payment_id
                    WHERE a.invoice_id = i.id AND a.allocated_on <= ?1
                      AND (p.reversed_on IS NULL OR p.reversed_on > ?1)), 0)
                - COALESCE((SELECT SUM(c.amount_minor) FROM credit_notes c
                            WHERE c.invoice_id = i.id AND c.issued_on <= ?1), 0)
         FROM invoices i
         WHERE i.state <> 'draft' AND i.issue_date <= ?1
           AND (i.voided_at IS NULL OR substr(i.voided_at, 1, 10) > ?1)",
    )?;
    let rows = stmt.query_map(params![day], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, i64>(6)?,
        ))
    })?;
    rows.map(|row| {
        let (invoice_id, customer_id, number, issued, due, total_minor, balance_minor) = row?;
        Ok(Receivable {
            invoice_id,
            customer_id,
            number,
            issue_date: codec::date("invoices.issue_date", &issued)?,
            due_date: codec::date("invoices.due_date", &due)?,
            total_minor,
            balance_minor,
        })
    })
    .collect()
}
