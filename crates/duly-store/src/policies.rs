//! Queries for `policies`: the owner's settings for promises.

use duly_core::aging::AgingBounds;
use duly_core::ladder::LadderPolicy;
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

/// The weekly summary's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryPolicy {
    pub aging: AgingBounds,
    /// Suggest suspending service at this many days past due (0: never).
    pub suspend_days_past_due: u32,
    /// …or after this many broken promises (0: never).
    pub suspend_broken_promises: u32,
}

pub fn summary_policy(conn: &Connection) -> Result<SummaryPolicy> {
    Ok(conn.query_row(
        "SELECT aging_first, aging_second, aging_third, suspend_days_past_due, suspend_broken_promises
         FROM policies WHERE id = 1",
        [],
        |r| {
            Ok(SummaryPolicy {
                aging: AgingBounds([r.get(0)?, r.get(1)?, r.get(2)?]),
                suspend_days_past_due: r.get(3)?,
                suspend_broken_promises: r.get(4)?,
            })
        },
    )?)
}

pub fn save_summary_policy(conn: &Connection, p: SummaryPolicy) -> Result<()> {
    let [a, b, c] = p.aging.0;
    conn.execute(
        "UPDATE policies SET aging_first = ?1, aging_second = ?2, aging_third = ?3,
            suspend_days_past_due = ?4, suspend_broken_promises = ?5 WHERE id = 1",
        params![a, b, c, p.suspend_days_past_due, p.suspend_broken_promises],
    )?;
    Ok(())
}

/// The ISO week the weekly reminder last ran in, if ever.
pub fn weekly_notice_week(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row(
        "SELECT weekly_notice_week FROM policies WHERE id = 1",
        [],
        |r| r.get(0),
    )?)
}

pub fn set_weekly_notice_week(conn: &Connection, week: &str) -> Result<()> {
    conn.execute(
        "UPDATE policies SET weekly_notice_week = ?1 WHERE id = 1",
        [week],
    )?;
    Ok(())
}

/// The paper the customer-facing PDFs are laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageSize {
    /// ISO A4: most of the world.
    A4,
    /// US Letter: the United States, Canada and a few others.
    UsLetter,
}

impl PageSize {
    /// The stored spelling; the schema's `CHECK` constraint lists the same words.
    pub fn as_str(self) -> &'static str {
        match self {
            PageSize::A4 => "a4",
            PageSize::UsLetter => "us_letter",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [PageSize::A4, PageSize::UsLetter]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

pub fn page_size(conn: &Connection) -> Result<PageSize> {
    let stored: String =
        conn.query_row("SELECT page_size FROM policies WHERE id = 1", [], |r| {
            r.get(0)
        })?;
    PageSize::parse(&stored).ok_or_else(|| crate::StoreError::Corrupt("policies.page_size".into()))
}

pub fn set_page_size(conn: &Connection, size: PageSize) -> Result<()> {
    conn.execute(
        "UPDATE policies SET page_size = ?1 WHERE id = 1",
        [size.as_str()],
    )?;
    Ok(())
}

pub fn ladder_policy(conn: &Connection) -> Result<LadderPolicy> {
    let (start, gaps, first): (u32, String, String) = conn.query_row(
        "SELECT ladder_start_after_days, ladder_gaps, ladder_first_steps FROM policies WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let defaults = LadderPolicy::default();
    Ok(LadderPolicy {
        start_after_days: start,
        gaps: days_list(&gaps, defaults.gaps, "policies.ladder_gaps")?,
        first_steps: days_list(&first, defaults.first_steps, "policies.ladder_first_steps")?,
    })
}

/// A stored comma-separated list of day counts, over `defaults`.
fn days_list<const N: usize>(text: &str, defaults: [u32; N], column: &str) -> Result<[u32; N]> {
    let mut parsed = defaults;
    for (slot, item) in parsed.iter_mut().zip(text.split(',')) {
        *slot = item
            .trim()
            .parse()
            .map_err(|_| crate::StoreError::Corrupt(column.into()))?;
    }
    Ok(parsed)
}

pub fn save_ladder_policy(conn: &Connection, p: &LadderPolicy) -> Result<()> {
    let gaps = p.gaps.map(|g| g.to_string()).join(",");
    let first = p.first_steps.map(|g| g.to_string()).join(",");
    conn.execute(
        "UPDATE policies SET ladder_start_after_days = ?1, ladder_gaps = ?2, ladder_first_steps = ?3
         WHERE id = 1",
        params![p.start_after_days, gaps, first],
    )?;
    Ok(())
}
