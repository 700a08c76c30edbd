//! Queries for `customers`.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::customer::{Contact, CustomerDetails, ServiceStatus};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::codec;
use crate::error::{Result, StoreError};

/// A customer as kept in the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub id: i64,
    pub details: CustomerDetails,
    pub archived: bool,
}

/// A customer with what they owe, for the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerSummary {
    pub customer: Customer,
    pub balance_minor: i64,
    pub open_invoices: i64,
    /// Due date of the oldest invoice still owing, for "days past due".
    pub oldest_due: Option<NaiveDate>,
}

const COLUMNS: &str = "c.id, c.company, c.billing_name, c.billing_title, c.billing_email,
    c.billing_phone, c.escalation_name, c.escalation_title, c.escalation_email,
    c.escalation_phone, c.address, c.terms_days, c.notes, c.service_status, c.archived,
    c.late_fee_opt_out";
/// How many columns [`COLUMNS`] selects: queries that add their own read them from here.
const COLUMN_COUNT: usize = 16;

fn from_row(r: &Row) -> rusqlite::Result<(Customer, String)> {
    let status: String = r.get(13)?;
    Ok((
        Customer {
            id: r.get(0)?,
            details: CustomerDetails {
                company: r.get(1)?,
                billing: Contact {
                    name: r.get(2)?,
                    title: r.get(3)?,
                    email: r.get(4)?,
                    phone: r.get(5)?,
                },
                escalation: Contact {
                    name: r.get(6)?,
                    title: r.get(7)?,
                    email: r.get(8)?,
                    phone: r.get(9)?,
                },
                address: r.get(10)?,
                terms_days: r.get(11)?,
                notes: r.get(12)?,
                service_status: ServiceStatus::Active,
                late_fee_opt_out: r.get(15)?,
            },
            archived: r.get(14)?,
        },
        status,
    ))
}

fn with_status((mut customer, status): (Customer, String)) -> Result<Customer> {
    customer.details.service_status = ServiceStatus::parse(&status)
        .ok_or_else(|| StoreError::Corrupt("customers.service_status".into()))?;
    Ok(customer)
}

pub fn insert(conn: &Connection, d: &CustomerDetails, now: NaiveDateTime) -> Result<i64> {
    let now = codec::timestamp_text(now);
    conn.execute(
        "INSERT INTO customers (company, billing_name, billing_title, billing_email, billing_phone,
            escalation_name, escalation_title, escalation_email, escalation_phone, address,
            terms_days, notes, service_status, late_fee_opt_out, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
        params![
            d.company,
            d.billing.name,
            d.billing.title,
            d.billing.email,
            d.billing.phone,
            d.escalation.name,
            d.escalation.title,
            d.escalation.email,
            d.escalation.phone,
            d.address,
            d.terms_days,
            d.notes,
            d.service_status.as_str(),
            d.late_fee_opt_out,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, d: &CustomerDetails, now: NaiveDateTime) -> Result<()> {
    let changed = conn.execute(
        "UPDATE customers SET company = ?2, billing_name = ?3, billing_title = ?4,
            billing_email = ?5, billing_phone = ?6, escalation_name = ?7, escalation_title = ?8,
            escalation_email = ?9, escalation_phone = ?10, address = ?11, terms_days = ?12,
            notes = ?13, service_status = ?14, late_fee_opt_out = ?15, updated_at = ?16
         WHERE id = ?1",
        params![
            id,
            d.company,
            d.billing.name,
            d.billing.title,
            d.billing.email,
            d.billing.phone,
            d.escalation.name,
            d.escalation.title,
            d.escalation.email,
            d.escalation.phone,
            d.address,
            d.terms_days,
            d.notes,
            d.service_status.as_str(),
            d.late_fee_opt_out,
            codec::timestamp_text(now)
        ],
    )?;
    if changed == 0 {
        return Err(StoreError::not_found("That customer no longer exists."));
    }
    Ok(())
}

pub fn set_archived(conn: &Connection, id: i64, archived: bool, now: NaiveDateTime) -> Result<()> {
    let changed = conn.execute(
        "UPDATE customers SET archived = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, archived, codec::timestamp_text(now)],
    )?;
    if changed == 0 {
        return Err(StoreError::not_found("That customer no longer exists."));
    }
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Customer> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM customers c WHERE c.id = ?1"),
            [id],
            from_row,
        )
        .optional()?;
    match row {
        Some(row) => with_status(row),
        None => Err(StoreError::not_found("That customer no longer exists.")),
    }
}

/// Every customer, in company name order; archived ones only when asked
/// for. (The customer list takes balances from the account standing.)
pub fn all(conn: &Connection, include_archived: bool) -> Result<Vec<Customer>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM customers c WHERE ?1 OR c.archived = 0
         ORDER BY c.company COLLATE NOCASE, c.id"
    ))?;
    let rows = stmt.query_map([include_archived], from_row)?;
    rows.map(|row| with_status(row?)).collect()
}

/// Every customer with their balance, company name order; archived ones only
/// when asked for.
pub fn list(conn: &Connection, include_archived: bool) -> Result<Vec<CustomerSummary>> {
    let sql = format!(
        "SELECT {COLUMNS},
            COALESCE(SUM(b.balance_minor), 0),
            COUNT(CASE WHEN b.balance_minor > 0 THEN 1 END),
            MIN(CASE WHEN b.balance_minor > 0 THEN d.due_date END)
         FROM customers c
         LEFT JOIN invoices i ON i.customer_id = c.id
         LEFT JOIN invoice_balances b ON b.invoice_id = i.id
         LEFT JOIN invoice_due d ON d.invoice_id = i.id
         WHERE ?1 OR c.archived = 0
         GROUP BY c.id
         ORDER BY c.company COLLATE NOCASE, c.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([include_archived], |r| {
        Ok((
            from_row(r)?,
            r.get::<_, i64>(COLUMN_COUNT)?,
            r.get::<_, i64>(COLUMN_COUNT + 1)?,
            r.get::<_, Option<String>>(COLUMN_COUNT + 2)?,
        ))
    })?;
    rows.map(|row| {
        let (customer, balance_minor, open_invoices, oldest_due) = row?;
        Ok(CustomerSummary {
            customer: with_status(customer)?,
            balance_minor,
            open_invoices,
            oldest_due: codec::opt_date("invoices.due_date", oldest_due)?,
        })
    })
    .collect()
}

/// Every customer's name and service status, cheaply (no balances), for
/// reports that already know what each one owes.
pub fn names(conn: &Connection) -> Result<Vec<(i64, String, ServiceStatus)>> {
    let mut stmt = conn.prepare_cached("SELECT id, company, service_status FROM customers")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    rows.map(|row| {
        let (id, company, status) = row?;
        let status = ServiceStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt("customers.service_status".into()))?;
        Ok((id, company, status))
    })
    .collect()
}

/// Records the owner's decision on a customer's service and applies it.
pub fn decide_service(
    conn: &Connection,
    id: i64,
    status: ServiceStatus,
    reason: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let changed = conn.execute(
        "UPDATE customers SET service_status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, status.as_str(), codec::timestamp_text(now)],
    )?;
    if changed == 0 {
        return Err(StoreError::not_found("That customer no longer exists."));
    }
    conn.execute(
        "INSERT INTO service_decisions (customer_id, status, reason, decided_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, status.as_str(), reason, codec::timestamp_text(now)],
    )?;
    Ok(())
}

/// A customer's service decisions: (when, status, reason), newest first.
pub fn service_decisions(
    conn: &Connection,
    id: i64,
) -> Result<Vec<(NaiveDateTime, ServiceStatus, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT decided_at, status, reason FROM service_decisions WHERE customer_id = ?1 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    rows.map(|row| {
        let (at, status, reason) = row?;
        Ok((
            codec::timestamp("service_decisions.decided_at", &at)?,
            ServiceStatus::parse(&status)
                .ok_or_else(|| StoreError::Corrupt("service_decisions.status".into()))?,
            reason,
        ))
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_count_matches_the_columns() {
        assert_eq!(COLUMNS.split(',').count(), COLUMN_COUNT);
    }
}
