//! Customer commands: create, edit, archive, look up, list.

use chrono::NaiveDateTime;
use duly_core::customer::CustomerForm;
use duly_store::{customers, profile, Book};

use crate::error::Result;
use crate::views::{CustomerRow, CustomerView};

pub fn create(book: &mut Book, form: &CustomerForm, now: NaiveDateTime) -> Result<CustomerView> {
    let details = form.validate()?;
    let customer = book.write(|tx| {
        let id = customers::insert(tx, &details, now)?;
        customers::get(tx, id)
    })?;
    Ok(customer.into())
}

pub fn update(
    book: &mut Book,
    id: i64,
    form: &CustomerForm,
    now: NaiveDateTime,
) -> Result<CustomerView> {
    let details = form.validate()?;
    let customer = book.write(|tx| {
        customers::update(tx, id, &details, now)?;
        customers::get(tx, id)
    })?;
    Ok(customer.into())
}

/// Archiving hides a customer from the list; their invoices stay.
pub fn set_archived(
    book: &mut Book,
    id: i64,
    archived: bool,
    now: NaiveDateTime,
) -> Result<CustomerView> {
    let customer = book.write(|tx| {
        customers::set_archived(tx, id, archived, now)?;
        customers::get(tx, id)
    })?;
    Ok(customer.into())
}

pub fn get(book: &mut Book, id: i64) -> Result<CustomerView> {
    Ok(book.read(|tx| customers::get(tx, id))?.into())
}

pub fn list(
    book: &mut Book,
    include_archived: bool,
    now: NaiveDateTime,
) -> Result<Vec<CustomerRow>> {
    let today = now.date();
    let (rows, currency) = book.read(|tx| {
        Ok((
            customers::list(tx, include_archived)?,
            profile::get(tx)?.currency,
        ))
    })?;
    Ok(rows
        .into_iter()
        .map(|s| CustomerRow::new(s, currency, today))
        .collect())
}

/// The customers whose company, billing contact or email contain `search`,
/// case and accents ignored ("muller" finds "Müller & Søn"); all of them
/// for an empty search.
pub fn find(
    book: &mut Book,
    include_archived: bool,
    search: &str,
    now: NaiveDateTime,
) -> Result<Vec<CustomerRow>> {
    let needle = duly_core::text::fold(search.trim());
    let mut rows = list(book, include_archived, now)?;
    if !needle.is_empty() {
        rows.retain(|r| {
            [&r.company, &r.billing_name, &r.billing_email]
                .iter()
                .any(|t| duly_core::text::fold(t).contains(&needle))
        });
    }
    Ok(rows)
}

#[derive(Debug, Clone, serde::Deserialize, Default)]
#[serde(default)]
pub struct ServiceDecisionForm {
    pub status: duly_core::customer::ServiceStatus,
    pub reason: String,
}

/// The owner's decision on the customer's service (the suspension policy only
/// suggests): applied, and kept with its reason in the customer's history.
pub fn decide_service(
    book: &mut Book,
    id: i64,
    form: &ServiceDecisionForm,
    now: NaiveDateTime,
) -> Result<CustomerView> {
    let reason = duly_core::text::paragraph("reason", "Reason", &form.reason, true)
        .map_err(|e| duly_core::DomainError::Invalid(vec![e]))?;
    let customer = book.write(|tx| {
        customers::decide_service(tx, id, form.status, &reason, now)?;
        customers::get(tx, id)
    })?;
    Ok(customer.into())
}
