//! Queries for `disputes` and their timeline, `dispute_updates`.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::dispute::{DisputeCause, DisputeStatus, NewDispute, Resolution};
use rusqlite::{params, Connection, OptionalExtension};

use crate::codec;
use crate::error::{Result, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispute {
    pub id: i64,
    pub invoice_id: i64,
    pub invoice_number: String,
    pub customer_id: i64,
    pub line_position: Option<i64>,
    pub cause: DisputeCause,
    pub customer_words: String,
    pub amount_minor: i64,
    pub status: DisputeStatus,
    pub opened_on: NaiveDate,
    pub resolve_by: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub resolution: Option<Resolution>,
    pub our_error: bool,
    /// (day, kind, note), oldest first.
    pub updates: Vec<(NaiveDate, String, String)>,
}

pub fn open(
    conn: &Connection,
    d: &NewDispute,
    amount_minor: i64,
    on: NaiveDate,
    now: NaiveDateTime,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO disputes (invoice_id, line_position, cause, customer_words, amount_minor, opened_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            d.invoice_id,
            d.line.map(|l| l as i64),
            d.cause.as_str(),
            d.customer_words,
            amount_minor,
            codec::date_text(on),
            codec::timestamp_text(now)
        ],
    )?;
    let id = conn.last_insert_rowid();
    note(conn, id, on, "opened", &d.customer_words, now)?;
    Ok(id)
}

/// Adds an entry to a dispute's timeline.
pub fn note(
    conn: &Connection,
    id: i64,
    on: NaiveDate,
    kind: &str,
    text: &str,
    now: NaiveDateTime,
) -> Result<()> {
    conn.execute(
        "INSERT INTO dispute_updates (dispute_id, happened_on, kind, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, codec::date_text(on), kind, text, codec::timestamp_text(now)],
    )?;
    Ok(())
}

pub fn set_status(
    conn: &Connection,
    id: i64,
    status: DisputeStatus,
    resolve_by: Option<NaiveDate>,
) -> Result<()> {
    conn.execute(
        "UPDATE disputes SET status = ?2, resolve_by = COALESCE(?3, resolve_by) WHERE id = ?1",
        params![id, status.as_str(), resolve_by.map(codec::date_text)],
    )?;
    Ok(())
}

pub fn close(
    conn: &Connection,
    id: i64,
    status: DisputeStatus,
    resolution: Option<Resolution>,
    our_error: bool,
    on: NaiveDate,
) -> Result<()> {
    conn.execute(
        "UPDATE disputes SET status = ?2, resolution = ?3, our_error = ?4, closed_on = ?5 WHERE id = ?1",
        params![id, status.as_str(), resolution.map(Resolution::as_str), our_error, codec::date_text(on)],
    )?;
    Ok(())
}

const COLUMNS: &str =
    "d.id, d.invoice_id, i.number, i.customer_id, d.line_position, d.cause, d.customer_words,
    d.amount_minor, d.status, d.opened_on, d.resolve_by, d.closed_on, d.resolution, d.our_error
    FROM disputes d JOIN invoices i ON i.id = d.invoice_id";

fn read(conn: &Connection, r: &rusqlite::Row) -> Result<Dispute> {
    let corrupt = |c: &str| StoreError::Corrupt(format!("disputes.{c}"));
    let id: i64 = r.get(0)?;
    let mut updates_stmt = conn.prepare_cached(
        "SELECT happened_on, kind, note FROM dispute_updates WHERE dispute_id = ?1 ORDER BY id",
    )?;
    let updates = updates_stmt
        .query_map([id], |u| {
            Ok((
                u.get::<_, String>(0)?,
                u.get::<_, String>(1)?,
                u.get::<_, String>(2)?,
            ))
        })?
        .map(|u| {
            let (on, kind, note) = u?;
            Ok((codec::date("dispute_updates.happened_on", &on)?, kind, note))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Dispute {
        id,
        invoice_id: r.get(1)?,
        invoice_number: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        customer_id: r.get(3)?,
        line_position: r.get(4)?,
        cause: DisputeCause::parse(&r.get::<_, String>(5)?).ok_or_else(|| corrupt("cause"))?,
        customer_words: r.get(6)?,
        amount_minor: r.get(7)?,
        status: DisputeStatus::parse(&r.get::<_, String>(8)?).ok_or_else(|| corrupt("status"))?,
        opened_on: codec::date("disputes.opened_on", &r.get::<_, String>(9)?)?,
        resolve_by: codec::opt_date("disputes.resolve_by", r.get(10)?)?,
        closed_on: codec::opt_date("disputes.closed_on", r.get(11)?)?,
        resolution: r
            .get::<_, Option<String>>(12)?
            .map(|x| Resolution::parse(&x).ok_or_else(|| corrupt("resolution")))
            .transpose()?,
        our_error: r.get(13)?,
        updates,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Dispute> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} WHERE d.id = ?1"))?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => read(conn, r),
        None => Err(StoreError::not_found("That dispute no longer exists.")),
    }
}

/// Disputes of a customer, or all of them, newest first.
pub fn list(conn: &Connection, customer_id: Option<i64>) -> Result<Vec<Dispute>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} WHERE ?1 IS NULL OR i.customer_id = ?1 ORDER BY d.id DESC"
    ))?;
    let mut rows = stmt.query([customer_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(read(conn, r)?);
    }
    Ok(out)
}

/// The active dispute on an invoice, if any.
pub fn active_on(conn: &Connection, invoice_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM disputes WHERE invoice_id = ?1 AND status IN ('open', 'acknowledged', 'escalated')",
            [invoice_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// The policy: business days promised for a resolution.
pub fn business_days(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT dispute_business_days FROM policies WHERE id = 1",
        [],
        |r| r.get(0),
    )?)
}
