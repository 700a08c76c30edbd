//! Queries for `tax_rates`.

use duly_core::tax::{TaxRate, TaxRateDetails};
use rusqlite::{params, Connection};

use crate::codec;
use crate::error::{Result, StoreError};

/// Every rate, archived ones included (old drafts may still name them).
pub fn list(conn: &Connection) -> Result<Vec<TaxRate>> {
    let mut stmt =
        conn.prepare("SELECT id, name, percent, archived FROM tax_rates ORDER BY archived, name")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get(3)?,
        ))
    })?;
    rows.map(|row| {
        let (id, name, percent, archived) = row?;
        Ok(TaxRate {
            id,
            name,
            percent: codec::decimal("tax_rates.percent", &percent)?,
            archived,
        })
    })
    .collect()
}

pub fn insert(conn: &Connection, rate: &TaxRateDetails) -> Result<i64> {
    conn.execute(
        "INSERT INTO tax_rates (name, percent) VALUES (?1, ?2)",
        params![rate.name, codec::decimal_text(rate.percent)],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Renames or re-rates a rate. Invoice lines keep their own copy, so this only
/// affects lines written from now on.
pub fn update(conn: &Connection, id: i64, rate: &TaxRateDetails) -> Result<()> {
    let changed = conn.execute(
        "UPDATE tax_rates SET name = ?2, percent = ?3 WHERE id = ?1",
        params![id, rate.name, codec::decimal_text(rate.percent)],
    )?;
    if changed == 0 {
        return Err(StoreError::not_found("That tax rate no longer exists."));
    }
    Ok(())
}

pub fn set_archived(conn: &Connection, id: i64, archived: bool) -> Result<()> {
    let changed = conn.execute(
        "UPDATE tax_rates SET archived = ?2 WHERE id = ?1",
        params![id, archived],
    )?;
    if changed == 0 {
        return Err(StoreError::not_found("That tax rate no longer exists."));
    }
    Ok(())
}
