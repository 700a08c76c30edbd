//! Queries for `promises` and `promise_invoices`.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::promise::{NewPromise, PromiseKind};
use duly_core::Currency;
use rusqlite::{params, Connection};

use crate::codec;
use crate::error::{Result, StoreError};

/// A promise as kept in the book, with the invoices it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promise {
    pub id: i64,
    pub customer_id: i64,
    pub kind: PromiseKind,
    pub amount_minor: i64,
    pub made_on: NaiveDate,
    pub promised_on: NaiveDate,
    pub check_number: String,
    pub mailed_on: Option<NaiveDate>,
    pub mailed_to: String,
    pub notes: String,
    pub contact_id: Option<i64>,
    /// (invoice id, number)
    pub invoices: Vec<(i64, String)>,
    /// When it was entered in Duly: orders it among the day's calls.
    pub recorded_at: NaiveDateTime,
}

pub fn insert(
    conn: &Connection,
    customer_id: i64,
    p: &NewPromise,
    currency: Currency,
    contact_id: Option<i64>,
    now: NaiveDateTime,
) -> Result<i64> {
    let amount_minor = currency
        .to_minor(p.amount)
        .ok_or_else(|| StoreError::Corrupt("promise amount".into()))?;
    conn.execute(
        "INSERT INTO promises (customer_id, kind, amount_minor, made_on, promised_on, check_number,
            mailed_on, mailed_to, notes, contact_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            customer_id,
            p.kind.as_str(),
            amount_minor,
            codec::date_text(p.made_on),
            codec::date_text(p.promised_on),
            p.check_number,
            p.mailed_on.map(codec::date_text),
            p.mailed_to,
            p.notes,
            contact_id,
            codec::timestamp_text(now)
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn
        .prepare_cached("INSERT INTO promise_invoices (promise_id, invoice_id) VALUES (?1, ?2)")?;
    for invoice_id in &p.invoice_ids {
        stmt.execute(params![id, invoice_id])?;
    }
    Ok(id)
}

/// A customer's promises, newest first.
pub fn for_customer(conn: &Connection, customer_id: i64) -> Result<Vec<Promise>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, customer_id, kind, amount_minor, made_on, promised_on, check_number, mailed_on,
                mailed_to, notes, contact_id, created_at
         FROM promises WHERE customer_id = ?1 ORDER BY made_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([customer_id], |r| {
        Ok((
            (
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ),
            (
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
            ),
            (
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
                r.get::<_, Option<i64>>(10)?,
                r.get::<_, String>(11)?,
            ),
        ))
    })?;
    let mut covered = conn.prepare_cached(
        "SELECT i.id, i.number FROM promise_invoices pi JOIN invoices i ON i.id = pi.invoice_id
         WHERE pi.promise_id = ?1 ORDER BY i.sequence",
    )?;
    rows.map(|row| {
        let (
            (id, customer_id, kind, amount_minor),
            (made, promised, check_number, mailed),
            (mailed_to, notes, contact_id, created),
        ) = row?;
        let invoices = covered
            .query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Promise {
            id,
            customer_id,
            kind: PromiseKind::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt("promises.kind".into()))?,
            amount_minor,
            made_on: codec::date("promises.made_on", &made)?,
            promised_on: codec::date("promises.promised_on", &promised)?,
            check_number,
            mailed_on: codec::opt_date("promises.mailed_on", mailed)?,
            mailed_to,
            notes,
            contact_id,
            invoices,
            recorded_at: codec::timestamp("promises.created_at", &created)?,
        })
    })
    .collect()
}

/// The customers who have ever been promised anything.
pub fn customers_with_promises(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT customer_id FROM promises ORDER BY customer_id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
