//! Queries for recurring invoices: `schedules`, their lines and fees, and
//! `schedule_runs`, one row per period billed. The run's key (schedule,
//! period) is what makes billing a period twice impossible.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::invoice::{Fee, Line};
use duly_core::schedule::{Cadence, Frequency};
use duly_core::Currency;
use rusqlite::{params, Connection, OptionalExtension};

use crate::codec;
use crate::error::{Result, StoreError};
use crate::invoices::{read_fees, read_lines, write_fees, Content};

/// What a schedule bills each period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Billing {
    pub lines: Vec<Line>,
    pub fees: Vec<Fee>,
    pub notes: String,
}

/// A schedule as kept in the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub id: i64,
    pub customer_id: i64,
    pub company: String,
    pub cadence: Cadence,
    /// Issued as made, or drafts for the owner to review.
    pub issue: bool,
    pub paused: bool,
    pub ended_on: Option<NaiveDate>,
    pub billing: Billing,
    /// The periods billed so far, oldest first.
    pub runs: Vec<Run>,
}

/// One period billed: its date and the invoice made for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub period_on: NaiveDate,
    /// `None` when the owner deleted the draft made for it (skipped).
    pub invoice_id: Option<i64>,
    /// `None` while the invoice is a draft.
    pub number: Option<String>,
}

impl Schedule {
    /// Running: neither paused nor ended.
    pub fn is_active(&self) -> bool {
        !self.paused && self.ended_on.is_none()
    }

    pub fn billed(&self) -> u32 {
        u32::try_from(self.runs.len()).unwrap_or(u32::MAX)
    }
}

pub fn insert(
    conn: &Connection,
    customer_id: i64,
    cadence: &Cadence,
    issue: bool,
    billing: &Billing,
    currency: Currency,
    now: NaiveDateTime,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO schedules (customer_id, every, starts_on, ends_on, max_count, issue, notes, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            customer_id,
            cadence.every.as_str(),
            codec::date_text(cadence.starts_on),
            cadence.ends_on.map(codec::date_text),
            cadence.max_count,
            issue,
            billing.notes,
            codec::timestamp_text(now)
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO schedule_lines (schedule_id, position, description, quantity, unit, unit_price,
            discount_percent, tax_rate_id, tax_name, tax_percent)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (position, line) in (0i64..).zip(&billing.lines) {
        stmt.execute(params![
            id,
            position,
            line.description,
            codec::decimal_text(line.quantity),
            line.unit,
            codec::decimal_text(line.unit_price),
            codec::decimal_text(line.discount_percent),
            line.tax.rate_id,
            line.tax.name,
            codec::decimal_text(line.tax.percent),
        ])?;
    }
    write_fees(conn, Content::Schedule, id, &billing.fees, currency)?;
    Ok(id)
}

type Raw = (
    i64,
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<u32>,
    bool,
    String,
    bool,
    Option<String>,
);

/// Every schedule (of one customer, or all), oldest first.
pub fn list(
    conn: &Connection,
    customer_id: Option<i64>,
    currency: Currency,
) -> Result<Vec<Schedule>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.customer_id, c.company, s.every, s.starts_on, s.ends_on, s.max_count,
                s.issue, s.notes, s.paused, s.ended_on
         FROM schedules s JOIN customers c ON c.id = s.customer_id
         WHERE ?1 IS NULL OR s.customer_id = ?1 ORDER BY s.id",
    )?;
    let raws: Vec<Raw> = stmt
        .query_map([customer_id], |r| {
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
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    raws.into_iter()
        .map(|raw| schedule(conn, raw, currency))
        .collect()
}

pub fn get(conn: &Connection, id: i64, currency: Currency) -> Result<Schedule> {
    let customer: Option<i64> = conn
        .query_row(
            "SELECT customer_id FROM schedules WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let customer = customer
        .ok_or_else(|| StoreError::not_found("That recurring invoice no longer exists."))?;
    list(conn, Some(customer), currency)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| StoreError::not_found("That recurring invoice no longer exists."))
}

fn schedule(conn: &Connection, raw: Raw, currency: Currency) -> Result<Schedule> {
    let (id, customer_id, company, every, starts, ends, max_count, issue, notes, paused, ended) =
        raw;
    let every =
        Frequency::parse(&every).ok_or_else(|| StoreError::Corrupt("schedules.every".into()))?;
    let mut stmt = conn.prepare_cached(
        "SELECT r.period_on, r.invoice_id, i.number FROM schedule_runs r
         LEFT JOIN invoices i ON i.id = r.invoice_id WHERE r.schedule_id = ?1 ORDER BY r.period_on",
    )?;
    let runs = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?
        .map(|row| {
            let (on, invoice_id, number) = row?;
            Ok(Run {
                period_on: codec::date("schedule_runs.period_on", &on)?,
                invoice_id,
                number,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Schedule {
        id,
        customer_id,
        company,
        cadence: Cadence {
            every,
            starts_on: codec::date("schedules.starts_on", &starts)?,
            ends_on: codec::opt_date("schedules.ends_on", ends)?,
            max_count,
        },
        issue,
        paused,
        ended_on: codec::opt_date("schedules.ended_on", ended)?,
        billing: Billing {
            lines: read_lines(conn, Content::Schedule, id)?,
            fees: read_fees(conn, Content::Schedule, id, currency)?,
            notes,
        },
        runs,
    })
}

/// Records that `period_on` is billed by `invoice_id`; refused (and the
/// caller's transaction with it) if that period already is.
pub fn record_run(
    conn: &Connection,
    schedule_id: i64,
    period_on: NaiveDate,
    invoice_id: i64,
    now: NaiveDateTime,
) -> Result<()> {
    conn.execute(
        "INSERT INTO schedule_runs (schedule_id, period_on, invoice_id, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![schedule_id, codec::date_text(period_on), invoice_id, codec::timestamp_text(now)],
    )?;
    Ok(())
}

pub fn set_paused(conn: &Connection, id: i64, paused: bool) -> Result<()> {
    conn.execute(
        "UPDATE schedules SET paused = ?2 WHERE id = ?1 AND ended_on IS NULL",
        params![id, paused],
    )?;
    Ok(())
}

/// Ends a schedule: no period after `on` is billed. What it made stays.
pub fn end(conn: &Connection, id: i64, on: NaiveDate) -> Result<()> {
    conn.execute(
        "UPDATE schedules SET ended_on = ?2 WHERE id = ?1 AND ended_on IS NULL",
        params![id, codec::date_text(on)],
    )?;
    Ok(())
}

/// Changes what future periods bill: the end, the count, whether they are
/// issued, and the first line's description. What was billed stays.
pub fn update_future(
    conn: &Connection,
    id: i64,
    ends_on: Option<NaiveDate>,
    max_count: Option<u32>,
    issue: bool,
    first_line: Option<&str>,
) -> Result<()> {
    conn.execute(
        "UPDATE schedules SET ends_on = ?2, max_count = ?3, issue = ?4 WHERE id = ?1",
        params![id, ends_on.map(codec::date_text), max_count, issue],
    )?;
    if let Some(text) = first_line {
        conn.execute(
            "UPDATE schedule_lines SET description = ?2 WHERE schedule_id = ?1 AND position = 0",
            params![id, text],
        )?;
    }
    Ok(())
}

/// The drafts schedules made that are still drafts: "ready to review".
pub fn drafts_to_review(conn: &Connection) -> Result<Vec<(i64, NaiveDate)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.invoice_id, r.period_on FROM schedule_runs r
         JOIN invoices i ON i.id = r.invoice_id WHERE i.state = 'draft' ORDER BY r.period_on, r.invoice_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    rows.map(|row| {
        let (id, on) = row?;
        Ok((id, codec::date("schedule_runs.period_on", &on)?))
    })
    .collect()
}
