//! Queries for `templates`: the owner's edited templates. A kind with no row
//! uses the default shipped with Duly.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};

use crate::codec;
use crate::error::Result;

/// The owner's version of one template, if they edited it.
pub fn get(conn: &Connection, kind: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT subject, body FROM templates WHERE kind = ?1",
            [kind],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub fn save(
    conn: &Connection,
    kind: &str,
    subject: &str,
    body: &str,
    now: NaiveDateTime,
) -> Result<()> {
    conn.execute(
        "INSERT INTO templates (kind, subject, body, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (kind) DO UPDATE SET subject = excluded.subject, body = excluded.body,
             updated_at = excluded.updated_at",
        params![kind, subject, body, codec::timestamp_text(now)],
    )?;
    Ok(())
}

/// Back to the shipped default.
pub fn reset(conn: &Connection, kind: &str) -> Result<()> {
    conn.execute("DELETE FROM templates WHERE kind = ?1", [kind])?;
    Ok(())
}
