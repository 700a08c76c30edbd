//! Queries for `payer_names`: the names customers pay under at the bank.

use rusqlite::{params, Connection};

use crate::error::Result;

/// Every remembered (customer, name as the bank wrote it).
pub fn all(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached("SELECT customer_id, name FROM payer_names")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Remembers that `name` (compared by `key`) is how this customer pays; a
/// name confirmed for another customer before now belongs to this one.
pub fn remember(conn: &Connection, key: &str, customer_id: i64, name: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO payer_names (name_key, customer_id, name) VALUES (?1, ?2, ?3)
         ON CONFLICT (name_key) DO UPDATE SET customer_id = excluded.customer_id, name = excluded.name",
        params![key, customer_id, name],
    )?;
    Ok(())
}
