//! Where accounts stand on a day, read from the book: the facts come from
//! `duly_store::accounts`, the answer from `duly_core::standing`. This week,
//! the customer page and timeline, Draft follow-up, Late fees, plans,
//! statements and exports all ask here, so they cannot disagree.

use std::sync::Arc;

use chrono::NaiveDate;
use duly_core::standing::{self, Policies, Standing, SuspensionPolicy};
use duly_store::accounts::{self, Scope};
use duly_store::{policies, profile, Book, Transaction};

/// The policies in force, as the standing needs them.
pub fn policies(tx: &Transaction) -> duly_store::Result<Policies> {
    let summary = policies::summary_policy(tx)?;
    Ok(Policies {
        dates: profile::get(tx)?.date_style(),
        promises: policies::promise_policy(tx)?,
        ladder: policies::ladder_policy(tx)?,
        aging: summary.aging,
        suspension: SuspensionPolicy {
            days_past_due: summary.suspend_days_past_due,
            broken_promises: summary.suspend_broken_promises,
        },
    })
}

/// Where one customer's account stands on `on`.
pub fn of(tx: &Transaction, customer_id: i64, on: NaiveDate) -> duly_store::Result<Standing> {
    let currency = profile::get(tx)?.currency;
    let policies = policies(tx)?;
    let facts = accounts::facts(tx, currency, Scope::Customer(customer_id))?;
    facts
        .first()
        .map(|f| standing::standing(f, &policies, on))
        .ok_or_else(|| duly_store::StoreError::not_found("That customer no longer exists."))
}

/// Where every customer's account stands on `on`, by customer id.
pub fn all(tx: &Transaction, on: NaiveDate) -> duly_store::Result<Vec<Standing>> {
    let currency = profile::get(tx)?.currency;
    let policies = policies(tx)?;
    Ok(accounts::facts(tx, currency, Scope::All)?
        .iter()
        .map(|f| standing::standing(f, &policies, on))
        .collect())
}

/// Where every customer's account stands on `on`, as [`all`] says, shared:
/// This week, Customers, Invoices and Late fees ask for the same standings
/// while the owner moves between them, and on a large book working them out
/// takes half a second. Kept in the book's memo until anything is written.
pub fn shared(book: &mut Book, on: NaiveDate) -> duly_store::Result<Arc<Vec<Standing>>> {
    book.remember(on, |tx| all(tx, on))
}
