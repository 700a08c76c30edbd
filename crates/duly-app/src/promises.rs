//! Recording a promise to pay, on its own or from a logged call.

use chrono::NaiveDateTime;
use duly_core::promise::{CoverableInvoice, NewPromise, PromiseForm, PromisePreview};
use duly_core::{Currency, DomainError, FieldError};
use duly_store::{customers, invoices, policies, profile, promises, Book, Transaction};
use serde::Serialize;

use crate::error::Result;

/// A recorded promise and the collector's questions left unanswered.
#[derive(Debug, Clone, Serialize)]
pub struct PromiseReceipt {
    pub promise_id: i64,
    pub promised_on: String,
    pub warnings: Vec<FieldError>,
}

pub fn record(
    book: &mut Book,
    customer_id: i64,
    form: &PromiseForm,
    now: NaiveDateTime,
) -> Result<PromiseReceipt> {
    Ok(book.write(|tx| {
        customers::get(tx, customer_id)?;
        let (promise, currency) = validate(tx, "", customer_id, form, now)?;
        insert(tx, customer_id, &promise, currency, None, now)
    })?)
}

/// Validates a promise against the invoices it names, as the book has them.
pub(crate) fn validate(
    tx: &Transaction,
    prefix: &str,
    customer_id: i64,
    form: &PromiseForm,
    now: NaiveDateTime,
) -> duly_store::Result<(NewPromise, Currency)> {
    let currency = profile::get(tx)?.currency;
    let policy = policies::promise_policy(tx)?;
    let mut coverable = Vec::new();
    for id in &form.invoice_ids {
        // An invoice that does not exist is reported by the form ("not
        // open"); any other failure to read the book is an error, not that.
        let h = match invoices::header_of(tx, *id) {
            Ok(h) => h,
            Err(duly_store::StoreError::Domain(DomainError::NotFound(_))) => continue,
            Err(e) => return Err(e),
        };
        coverable.push(CoverableInvoice {
            id: h.id,
            number: h.label().to_owned(),
            customer_id: h.customer_id,
            void: h.state == duly_core::invoice::InvoiceState::Void,
            owed: currency.from_minor(h.balance_minor),
        });
    }
    let promise = form.validate(
        prefix,
        customer_id,
        &coverable,
        currency,
        policy,
        now.date(),
    )?;
    Ok((promise, currency))
}

pub(crate) fn insert(
    tx: &Transaction,
    customer_id: i64,
    promise: &NewPromise,
    currency: Currency,
    contact_id: Option<i64>,
    now: NaiveDateTime,
) -> duly_store::Result<PromiseReceipt> {
    let id = promises::insert(tx, customer_id, promise, currency, contact_id, now)?;
    Ok(PromiseReceipt {
        promise_id: id,
        promised_on: promise.promised_on.format("%Y-%m-%d").to_string(),
        warnings: promise.warnings.clone(),
    })
}

/// What the promise form shows before saving: the check questions left
/// unanswered and when the money is expected, by the book's mail time and
/// grace.
pub fn preview(book: &mut Book, form: &PromiseForm, now: NaiveDateTime) -> Result<PromisePreview> {
    let policy = book.read(|tx| policies::promise_policy(tx))?;
    Ok(form.preview(policy, now.date()))
}
