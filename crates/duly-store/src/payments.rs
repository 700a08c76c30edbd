//! Queries for `payments`, `allocations` and the `payment_credit` view.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::payment::{Allocation, NewPayment, OpenInvoice, PaymentMethod};
use duly_core::Currency;
use rusqlite::{params, Connection, OptionalExtension};

use crate::codec;
use crate::error::{Result, StoreError};

/// A payment as kept in the book, with what of it is still unapplied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub id: i64,
    pub customer_id: i64,
    pub received_on: NaiveDate,
    pub amount_minor: i64,
    pub method: PaymentMethod,
    pub reference: String,
    pub memo: String,
    pub reversed_on: Option<NaiveDate>,
    pub reversal_reason: Option<String>,
    pub credit_minor: i64,
    /// When it was entered in Duly: orders it among the day's calls and
    /// emails, which have a time of their own.
    pub recorded_at: NaiveDateTime,
    /// Typed by mistake and taken back (reversed on the day received): not
    /// money that came and went, so statements and messages leave it out.
    pub entered_in_error: bool,
}

/// One allocation, with the invoice's number, for histories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationRow {
    pub payment_id: i64,
    pub invoice_id: i64,
    pub invoice_number: String,
    pub amount_minor: i64,
    pub allocated_on: NaiveDate,
}

pub fn insert(
    conn: &Connection,
    p: &NewPayment,
    currency: Currency,
    now: NaiveDateTime,
) -> Result<i64> {
    let amount_minor = currency
        .to_minor(p.amount)
        .ok_or_else(|| StoreError::Corrupt("payment amount".into()))?;
    conn.execute(
        "INSERT INTO payments (customer_id, received_on, amount_minor, method, reference, memo, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            p.customer_id,
            codec::date_text(p.received_on),
            amount_minor,
            p.method.as_str(),
            p.reference,
            p.memo,
            codec::timestamp_text(now)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn allocate(
    conn: &Connection,
    payment_id: i64,
    shares: &[Allocation],
    currency: Currency,
    on: NaiveDate,
) -> Result<()> {
    // Money can only be applied on a day the invoice owed it. Paid before
    // the invoice existed (a prepayment), it applies on the issue date; paid
    // on a day an earlier payment still covered the invoice (a check that
    // bounced later, the new payment back-dated before the bounce), it
    // applies on the day that payment was reversed. Until then it was credit,
    // so the book's balance on any past date never goes below zero.
    let mut stmt = conn.prepare_cached(
        "INSERT INTO allocations (payment_id, invoice_id, amount_minor, allocated_on)
         VALUES (?1, ?2, ?3, MAX(?4,
             (SELECT issue_date FROM invoices WHERE id = ?2),
             COALESCE((SELECT MAX(p.reversed_on) FROM allocations a
                       JOIN payments p ON p.id = a.payment_id
                       WHERE a.invoice_id = ?2), ?4)))",
    )?;
    for share in shares {
        let minor = currency
            .to_minor(share.amount)
            .ok_or_else(|| StoreError::Corrupt("allocation amount".into()))?;
        stmt.execute(params![
            payment_id,
            share.invoice_id,
            minor,
            codec::date_text(on)
        ])?;
    }
    Ok(())
}

/// Marks a payment typed by mistake: reversed on the day it was received,
/// so it counts on no day, and flagged so nothing calls it a bounce.
pub fn mark_entered_in_error(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "UPDATE payments SET reversed_on = received_on, reversal_reason = 'Entered in error',
                entered_in_error = 1
         WHERE id = ?1 AND reversed_on IS NULL",
        [id],
    )?;
    Ok(())
}

/// Corrects the reference and memo of a payment that stands.
pub fn set_reference(conn: &Connection, id: i64, reference: &str, memo: &str) -> Result<()> {
    conn.execute(
        "UPDATE payments SET reference = ?2, memo = ?3 WHERE id = ?1 AND reversed_on IS NULL",
        params![id, reference, memo],
    )?;
    Ok(())
}

pub fn reverse(conn: &Connection, id: i64, on: NaiveDate, reason: &str) -> Result<()> {
    conn.execute(
        "UPDATE payments SET reversed_on = ?2, reversal_reason = ?3 WHERE id = ?1 AND reversed_on IS NULL",
        params![id, codec::date_text(on), reason],
    )?;
    Ok(())
}

const COLUMNS: &str = "p.id, p.customer_id, p.received_on, p.amount_minor, p.method, p.reference,
    p.memo, p.reversed_on, p.reversal_reason, c.credit_minor, p.created_at, p.entered_in_error
    FROM payments p JOIN payment_credit c ON c.payment_id = p.id";

type Raw = (
    i64,
    i64,
    String,
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    i64,
    String,
    bool,
);

fn raw(r: &rusqlite::Row) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
    ))
}

fn payment(
    (
        id,
        customer_id,
        received,
        amount,
        method,
        reference,
        memo,
        reversed,
        reason,
        credit,
        created,
        error,
    ): Raw,
) -> Result<Payment> {
    Ok(Payment {
        id,
        customer_id,
        received_on: codec::date("payments.received_on", &received)?,
        amount_minor: amount,
        method: PaymentMethod::parse(&method)
            .ok_or_else(|| StoreError::Corrupt("payments.method".into()))?,
        reference,
        memo,
        reversed_on: codec::opt_date("payments.reversed_on", reversed)?,
        reversal_reason: reason,
        credit_minor: credit,
        recorded_at: codec::timestamp("payments.created_at", &created)?,
        entered_in_error: error,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Payment> {
    let row = conn
        .query_row(&format!("SELECT {COLUMNS} WHERE p.id = ?1"), [id], raw)
        .optional()?;
    match row {
        Some(r) => payment(r),
        None => Err(StoreError::not_found("That payment no longer exists.")),
    }
}

/// A customer's payments, oldest first.
pub fn for_customer(conn: &Connection, customer_id: i64) -> Result<Vec<Payment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} WHERE p.customer_id = ?1 ORDER BY p.received_on, p.id"
    ))?;
    let rows = stmt.query_map([customer_id], raw)?;
    rows.map(|r| payment(r?)).collect()
}

/// Every allocation of a customer's payments, in the order they were made.
pub fn allocations_for_customer(conn: &Connection, customer_id: i64) -> Result<Vec<AllocationRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.payment_id, a.invoice_id, i.number, a.amount_minor, a.allocated_on
         FROM allocations a JOIN payments p ON p.id = a.payment_id JOIN invoices i ON i.id = a.invoice_id
         WHERE p.customer_id = ?1 ORDER BY a.id",
    )?;
    let rows = stmt.query_map([customer_id], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    rows.map(|row| {
        let (payment_id, invoice_id, number, amount_minor, on) = row?;
        Ok(AllocationRow {
            payment_id,
            invoice_id,
            invoice_number: number.unwrap_or_default(),
            amount_minor,
            allocated_on: codec::date("allocations.allocated_on", &on)?,
        })
    })
    .collect()
}

/// The customer's issued invoices that still owe something.
pub fn open_invoices(
    conn: &Connection,
    customer_id: i64,
    currency: Currency,
) -> Result<Vec<OpenInvoice>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.number, i.issue_date, i.sequence, b.balance_minor
         FROM invoices i JOIN invoice_balances b ON b.invoice_id = i.id
         WHERE i.customer_id = ?1 AND i.state = 'issued' AND b.balance_minor > 0
         ORDER BY i.issue_date, i.sequence",
    )?;
    let rows = stmt.query_map([customer_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, i64>(4)?,
        ))
    })?;
    rows.map(|row| {
        let (id, number, issued, sequence, balance) = row?;
        Ok(OpenInvoice {
            id,
            number,
            issue_date: codec::date("invoices.issue_date", &issued)?,
            sequence,
            balance: currency.from_minor(balance),
        })
    })
    .collect()
}

/// Unapplied credit per payment of a customer, oldest payment first.
pub fn credits(conn: &Connection, customer_id: i64) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.payment_id, c.credit_minor FROM payment_credit c JOIN payments p ON p.id = c.payment_id
         WHERE c.customer_id = ?1 AND c.credit_minor > 0 ORDER BY p.received_on, p.id",
    )?;
    let rows = stmt.query_map([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether any payment still counts toward this invoice (a paid invoice is
/// not voided; its payments would be lost from view).
pub fn has_live_allocations(conn: &Connection, invoice_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM allocations a JOIN payments p ON p.id = a.payment_id
                        WHERE a.invoice_id = ?1 AND p.reversed_on IS NULL)",
        [invoice_id],
        |r| r.get(0),
    )?)
}

/// A payment received in a period, with who paid, for the weekly summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub customer_id: i64,
    pub company: String,
    pub received_on: NaiveDate,
    pub amount_minor: i64,
    pub method: PaymentMethod,
    pub reference: String,
}

/// Payments received in `from..=to` and not reversed by `to`, newest first.
pub fn received_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Received>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.customer_id, c.company, p.received_on, p.amount_minor, p.method, p.reference
         FROM payments p JOIN customers c ON c.id = p.customer_id
         WHERE p.received_on BETWEEN ?1 AND ?2 AND (p.reversed_on IS NULL OR p.reversed_on > ?2)
         ORDER BY p.received_on DESC, p.id DESC",
    )?;
    let rows = stmt.query_map(params![codec::date_text(from), codec::date_text(to)], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get::<_, String>(2)?,
            r.get(3)?,
            r.get::<_, String>(4)?,
            r.get(5)?,
        ))
    })?;
    rows.map(|row| {
        let (customer_id, company, on, amount_minor, method, reference) = row?;
        Ok(Received {
            customer_id,
            company,
            received_on: codec::date("payments.received_on", &on)?,
            amount_minor,
            method: PaymentMethod::parse(&method)
                .ok_or_else(|| StoreError::Corrupt("payments.method".into()))?,
            reference,
        })
    })
    .collect()
}
