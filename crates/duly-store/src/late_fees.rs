//! Queries for late fees: the policy columns of `policies`, the customers'
//! opt-out, and `late_fee_charges` (migration 0008).
//!
//! The rule (how much, when) is `duly_core::late_fee`; this module only keeps
//! the record that makes charging idempotent: what was charged for which
//! invoice, through which day, on which finance-charge invoice.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::late_fee::{LateFeeKind, LateFeePolicy};
use duly_core::Currency;
use rusqlite::{params, Connection, OptionalExtension};

use crate::codec;
use crate::error::{Result, StoreError};

pub fn policy(conn: &Connection, currency: Currency) -> Result<LateFeePolicy> {
    let (kind, flat, percent, grace, minimum, cap): (
        String,
        i64,
        String,
        u32,
        Option<i64>,
        Option<i64>,
    ) = conn.query_row(
        "SELECT late_fee_kind, late_fee_flat_minor, late_fee_percent, late_fee_grace_days,
                late_fee_minimum_minor, late_fee_cap_minor
         FROM policies WHERE id = 1",
        [],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )?;
    Ok(LateFeePolicy {
        kind: LateFeeKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt("policies.late_fee_kind".into()))?,
        flat_amount: currency.from_minor(flat),
        percent_per_month: codec::decimal("policies.late_fee_percent", &percent)?,
        grace_days: grace,
        minimum: minimum.map(|m| currency.from_minor(m)),
        cap: cap.map(|c| currency.from_minor(c)),
    })
}

fn minor(currency: Currency, amount: rust_decimal::Decimal) -> Result<i64> {
    currency.to_minor(amount).ok_or_else(|| {
        StoreError::Domain(duly_core::DomainError::NotAllowed(
            "That late-fee amount is too large to record.".into(),
        ))
    })
}

pub fn save_policy(conn: &Connection, p: &LateFeePolicy, currency: Currency) -> Result<()> {
    conn.execute(
        "UPDATE policies SET late_fee_kind = ?1, late_fee_flat_minor = ?2, late_fee_percent = ?3,
            late_fee_grace_days = ?4, late_fee_minimum_minor = ?5, late_fee_cap_minor = ?6
         WHERE id = 1",
        params![
            p.kind.as_str(),
            minor(currency, p.flat_amount)?,
            codec::decimal_text(p.percent_per_month),
            p.grace_days,
            p.minimum.map(|m| minor(currency, m)).transpose()?,
            p.cap.map(|c| minor(currency, c)).transpose()?,
        ],
    )?;
    Ok(())
}

/// The customers never charged late fees.
pub fn opted_out(conn: &Connection) -> Result<HashSet<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM customers WHERE late_fee_opt_out = 1")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Turns late fees off (or back on) for one customer. `updated_at` is left
/// alone: it dates changes to the customer's details, and the audit trail
/// records this one.
pub fn set_opt_out(conn: &Connection, customer_id: i64, opt_out: bool) -> Result<()> {
    let changed = conn.execute(
        "UPDATE customers SET late_fee_opt_out = ?2 WHERE id = ?1",
        params![customer_id, opt_out],
    )?;
    if changed == 0 {
        return Err(StoreError::not_found("That customer no longer exists."));
    }
    Ok(())
}

/// The invoices waived one by one: (invoice id, number, customer id, company),
/// oldest number first.
pub fn exempt_invoices(conn: &Connection) -> Result<Vec<(i64, String, i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.number, c.id, c.company
         FROM late_fee_exempt_invoices x JOIN invoices i ON i.id = x.invoice_id
         JOIN customers c ON c.id = i.customer_id ORDER BY i.number",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            r.get(2)?,
            r.get(3)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Waives (or restores) late fees on one issued invoice, whoever its
/// customer is. Waiving twice, or restoring one never waived, changes nothing.
pub fn set_invoice_exempt(
    conn: &Connection,
    invoice_id: i64,
    exempt: bool,
    now: NaiveDateTime,
) -> Result<()> {
    let issued: Option<String> = conn
        .query_row(
            "SELECT state FROM invoices WHERE id = ?1",
            [invoice_id],
            |r| r.get(0),
        )
        .optional()?;
    match issued.as_deref() {
        None => return Err(StoreError::not_found("That invoice no longer exists.")),
        Some("draft") => {
            return Err(StoreError::Domain(duly_core::DomainError::NotAllowed(
                "A draft earns no late fee: issue it first.".into(),
            )))
        }
        Some(_) => {}
    }
    if exempt {
        conn.execute(
            "INSERT OR IGNORE INTO late_fee_exempt_invoices (invoice_id, created_at) VALUES (?1, ?2)",
            params![invoice_id, codec::timestamp_text(now)],
        )?;
    } else {
        conn.execute(
            "DELETE FROM late_fee_exempt_invoices WHERE invoice_id = ?1",
            [invoice_id],
        )?;
    }
    Ok(())
}

/// What has been charged so far for one overdue invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChargedSoFar {
    /// Still billed (on finance-charge invoices not waived).
    pub charged_minor: i64,
    /// Charged, then waived as a goodwill gesture.
    pub waived_minor: i64,
    /// The last day charged through, waived or not.
    pub through: Option<NaiveDate>,
}

impl ChargedSoFar {
    /// Everything accounted for: a waived period is forgiven, never re-billed.
    pub fn accounted_minor(&self) -> i64 {
        self.charged_minor + self.waived_minor
    }
}

/// Per overdue invoice, what was charged so far. A fee whose finance-charge
/// invoice was voided from its own page (instead of waived here) counts as
/// waived too: the customer was told it is cancelled, so billing that period
/// again would surprise them.
pub fn charged_so_far(conn: &Connection) -> Result<HashMap<i64, ChargedSoFar>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.invoice_id,
                COALESCE(SUM(CASE WHEN f.waived_at IS NULL AND ci.state <> 'void'
                                  THEN f.amount_minor END), 0),
                COALESCE(SUM(CASE WHEN f.waived_at IS NOT NULL OR ci.state = 'void'
                                  THEN f.amount_minor END), 0),
                MAX(f.through_date)
         FROM late_fee_charges f JOIN invoices ci ON ci.id = f.charge_invoice_id
         GROUP BY f.invoice_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    rows.map(|row| {
        let (invoice_id, charged_minor, waived_minor, through) = row?;
        Ok((
            invoice_id,
            ChargedSoFar {
                charged_minor,
                waived_minor,
                through: codec::opt_date("late_fee_charges.through_date", through)?,
            },
        ))
    })
    .collect()
}

/// The finance-charge invoices: they never earn a late fee themselves (no fee
/// on a fee).
pub fn charge_invoice_ids(conn: &Connection) -> Result<HashSet<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT charge_invoice_id FROM late_fee_charges")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records one fee, charged on `charge_invoice_id`.
pub fn insert(
    conn: &Connection,
    invoice_id: i64,
    through: NaiveDate,
    amount_minor: i64,
    charge_invoice_id: i64,
    now: NaiveDateTime,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO late_fee_charges (invoice_id, through_date, amount_minor, charge_invoice_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            invoice_id,
            codec::date_text(through),
            amount_minor,
            charge_invoice_id,
            codec::timestamp_text(now)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Records the waiver of every fee billed on one finance-charge invoice.
/// Returns how many charges it covered (0: not a finance-charge invoice, or
/// already waived).
pub fn waive(
    conn: &Connection,
    charge_invoice_id: i64,
    reason: &str,
    now: NaiveDateTime,
) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE late_fee_charges SET waived_at = ?2, waiver_reason = ?3
         WHERE charge_invoice_id = ?1 AND waived_at IS NULL",
        params![charge_invoice_id, codec::timestamp_text(now), reason],
    )?)
}

/// One recorded fee with the numbers of both invoices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    pub id: i64,
    pub invoice_id: i64,
    pub invoice_number: String,
    pub through: NaiveDate,
    pub amount_minor: i64,
    pub charge_invoice_id: i64,
    pub charge_number: String,
    pub customer_id: i64,
    pub customer_company: String,
    pub charged_on: NaiveDate,
    pub waived_at: Option<NaiveDateTime>,
    pub waiver_reason: Option<String>,
}

/// Every recorded fee, newest finance-charge invoice first.
pub fn list(conn: &Connection) -> Result<Vec<Charge>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.id, f.invoice_id, COALESCE(i.number, ''), f.through_date, f.amount_minor,
                f.charge_invoice_id, COALESCE(ci.number, ''), ci.customer_id, c.company,
                COALESCE(ci.issue_date, substr(f.created_at, 1, 10)), f.waived_at, f.waiver_reason
         FROM late_fee_charges f
         JOIN invoices i ON i.id = f.invoice_id
         JOIN invoices ci ON ci.id = f.charge_invoice_id
         JOIN customers c ON c.id = ci.customer_id
         ORDER BY ci.sequence DESC, f.charge_invoice_id DESC, f.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            Charge {
                id: r.get(0)?,
                invoice_id: r.get(1)?,
                invoice_number: r.get(2)?,
                through: NaiveDate::MIN,
                amount_minor: r.get(4)?,
                charge_invoice_id: r.get(5)?,
                charge_number: r.get(6)?,
                customer_id: r.get(7)?,
                customer_company: r.get(8)?,
                charged_on: NaiveDate::MIN,
                waived_at: None,
                waiver_reason: r.get(11)?,
            },
            r.get::<_, String>(3)?,
            r.get::<_, String>(9)?,
            r.get::<_, Option<String>>(10)?,
        ))
    })?;
    rows.map(|row| {
        let (mut charge, through, charged_on, waived_at) = row?;
        charge.through = codec::date("late_fee_charges.through_date", &through)?;
        charge.charged_on = codec::date("invoices.issue_date", &charged_on)?;
        charge.waived_at = waived_at
            .map(|t| codec::timestamp("late_fee_charges.waived_at", &t))
            .transpose()?;
        Ok(charge)
    })
    .collect()
}
