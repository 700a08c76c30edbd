//! Queries for `payment_plans`, `plan_invoices` and `plan_installments`.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::plan::{Frequency, NewPlan};
use duly_core::Currency;
use rusqlite::{params, Connection};

use crate::codec;
use crate::error::{Result, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub id: i64,
    pub customer_id: i64,
    pub frequency: Frequency,
    pub created_on: NaiveDate,
    pub cancelled_on: Option<NaiveDate>,
    pub invoice_ids: Vec<i64>,
    /// (due on, amount in minor units), in order.
    pub installments: Vec<(NaiveDate, i64)>,
}

pub fn insert(
    conn: &Connection,
    customer_id: i64,
    plan: &NewPlan,
    currency: Currency,
    on: NaiveDate,
    now: NaiveDateTime,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO payment_plans (customer_id, frequency, created_on, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![customer_id, plan.frequency.as_str(), codec::date_text(on), codec::timestamp_text(now)],
    )?;
    let id = conn.last_insert_rowid();
    for invoice_id in &plan.invoice_ids {
        conn.execute(
            "INSERT INTO plan_invoices (plan_id, invoice_id) VALUES (?1, ?2)",
            params![id, invoice_id],
        )?;
    }
    for (position, (due, amount)) in (0i64..).zip(&plan.installments) {
        let minor = currency
            .to_minor(*amount)
            .ok_or_else(|| StoreError::Corrupt("installment amount".into()))?;
        conn.execute(
            "INSERT INTO plan_installments (plan_id, position, due_on, amount_minor) VALUES (?1, ?2, ?3, ?4)",
            params![id, position, codec::date_text(*due), minor],
        )?;
    }
    Ok(id)
}

pub fn cancel(conn: &Connection, id: i64, on: NaiveDate) -> Result<()> {
    conn.execute(
        "UPDATE payment_plans SET cancelled_on = ?2 WHERE id = ?1 AND cancelled_on IS NULL",
        params![id, codec::date_text(on)],
    )?;
    Ok(())
}

/// A customer's plans (or everyone's), newest first.
pub fn list(conn: &Connection, customer_id: Option<i64>) -> Result<Vec<Plan>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, customer_id, frequency, created_on, cancelled_on FROM payment_plans
         WHERE ?1 IS NULL OR customer_id = ?1 ORDER BY id DESC",
    )?;
    let heads = stmt
        .query_map([customer_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut invoices = conn.prepare_cached(
        "SELECT invoice_id FROM plan_invoices WHERE plan_id = ?1 ORDER BY invoice_id",
    )?;
    let mut installments = conn.prepare_cached(
        "SELECT due_on, amount_minor FROM plan_installments WHERE plan_id = ?1 ORDER BY position",
    )?;
    heads
        .into_iter()
        .map(|(id, customer_id, frequency, created, cancelled)| {
            Ok(Plan {
                id,
                customer_id,
                frequency: Frequency::parse(&frequency)
                    .ok_or_else(|| StoreError::Corrupt("payment_plans.frequency".into()))?,
                created_on: codec::date("payment_plans.created_on", &created)?,
                cancelled_on: codec::opt_date("payment_plans.cancelled_on", cancelled)?,
                invoice_ids: invoices
                    .query_map([id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?,
                installments: installments
                    .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
                    .map(|x| {
                        let (on, amount) = x?;
                        Ok((codec::date("plan_installments.due_on", &on)?, amount))
                    })
                    .collect::<Result<_>>()?,
            })
        })
        .collect()
}
