//! Queries for `contact_log`.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::contact_log::{Channel, NewContact, Outcome, Person};
use duly_core::ladder::LadderStep;
use rusqlite::{params, Connection};

use crate::codec;
use crate::error::{Result, StoreError};

/// A logged contact as kept in the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: i64,
    pub customer_id: i64,
    pub happened_at: NaiveDateTime,
    pub channel: Channel,
    pub person: Person,
    pub person_name: String,
    /// Private to the owner.
    pub notes: String,
    /// What was agreed: what a recap confirms.
    pub agreed: String,
    pub outcome: Outcome,
    pub next_step: String,
    pub follow_up_on: Option<NaiveDate>,
    pub ladder_step: Option<LadderStep>,
    /// When it was logged in Duly (it may have happened earlier).
    pub recorded_at: NaiveDateTime,
}

pub fn insert(conn: &Connection, c: &NewContact, now: NaiveDateTime) -> Result<i64> {
    conn.execute(
        "INSERT INTO contact_log (customer_id, happened_at, channel, person, person_name, notes,
            outcome, next_step, follow_up_on, created_at, ladder_step, agreed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            c.customer_id,
            codec::timestamp_text(c.happened_at),
            c.channel.as_str(),
            c.person.as_str(),
            c.person_name,
            c.notes,
            c.outcome.as_str(),
            c.next_step,
            c.follow_up_on.map(codec::date_text),
            codec::timestamp_text(now),
            c.ladder_step.map(LadderStep::as_str),
            c.agreed
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A customer's contacts, newest first.
pub fn for_customer(conn: &Connection, customer_id: i64) -> Result<Vec<Contact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, customer_id, happened_at, channel, person, person_name, notes, outcome, next_step, follow_up_on,
                ladder_step, created_at, agreed
         FROM contact_log WHERE customer_id = ?1 ORDER BY happened_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([customer_id], |r| {
        Ok((
            (
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ),
            (
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(9)?,
            ),
            (
                r.get::<_, Option<String>>(10)?,
                r.get::<_, String>(11)?,
                r.get::<_, String>(12)?,
            ),
        ))
    })?;
    let corrupt = |c: &str| StoreError::Corrupt(format!("contact_log.{c}"));
    rows.map(|row| {
        let (
            (id, customer_id, at, channel, person),
            (person_name, notes, outcome, next_step, follow),
            (step, created, agreed),
        ) = row?;
        Ok(Contact {
            id,
            customer_id,
            happened_at: codec::timestamp("contact_log.happened_at", &at)?,
            channel: Channel::parse(&channel).ok_or_else(|| corrupt("channel"))?,
            person: Person::parse(&person).ok_or_else(|| corrupt("person"))?,
            person_name,
            notes,
            agreed,
            outcome: Outcome::parse(&outcome).ok_or_else(|| corrupt("outcome"))?,
            next_step,
            follow_up_on: codec::opt_date("contact_log.follow_up_on", follow)?,
            ladder_step: step
                .map(|s| LadderStep::parse(&s).ok_or_else(|| corrupt("ladder_step")))
                .transpose()?,
            recorded_at: codec::timestamp("contact_log.created_at", &created)?,
        })
    })
    .collect()
}

/// The day of each customer's latest logged contact on or before `as_of`.
pub fn last_contacts(conn: &Connection, as_of: NaiveDate) -> Result<Vec<(i64, NaiveDate)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT customer_id, substr(MAX(happened_at), 1, 10) FROM contact_log
         WHERE substr(happened_at, 1, 10) <= ?1 GROUP BY customer_id",
    )?;
    let rows = stmt.query_map([codec::date_text(as_of)], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    rows.map(|row| {
        let (id, day) = row?;
        Ok((id, codec::date("contact_log.happened_at", &day)?))
    })
    .collect()
}

/// Every ladder step sent on or before `as_of`: (customer, step, day).
pub fn ladder_steps(
    conn: &Connection,
    as_of: NaiveDate,
) -> Result<Vec<(i64, LadderStep, NaiveDate)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT customer_id, ladder_step, substr(happened_at, 1, 10) FROM contact_log
         WHERE ladder_step IS NOT NULL AND substr(happened_at, 1, 10) <= ?1",
    )?;
    let rows = stmt.query_map([codec::date_text(as_of)], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    rows.map(|row| {
        let (id, step, day) = row?;
        Ok((
            id,
            LadderStep::parse(&step)
                .ok_or_else(|| StoreError::Corrupt("contact_log.ladder_step".into()))?,
            codec::date("contact_log.happened_at", &day)?,
        ))
    })
    .collect()
}
