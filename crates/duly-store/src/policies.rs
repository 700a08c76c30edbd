//! Queries for `policies`: the owner's settings for promises.

use duly_core::promise::PromisePolicy;
use rusqlite::{params, Connection};

use crate::error::Result;

pub fn promise_policy(conn: &Connection) -> Result<PromisePolicy> {
    Ok(conn.query_row(
        "SELECT promise_grace_days, check_mail_days FROM policies WHERE id = 1",
        [],
        |r| {
            Ok(PromisePolicy {
                grace_days: r.get(0)?,
                check_mail_days: r.get(1)?,
            })
        },
    )?)
}

pub fn save_promise_policy(conn: &Connection, p: PromisePolicy) -> Result<()> {
    conn.execute(
        "UPDATE policies SET promise_grace_days = ?1, check_mail_days = ?2 WHERE id = 1",
        params![p.grace_days, p.check_mail_days],
    )?;
    Ok(())
}
