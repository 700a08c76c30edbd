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
