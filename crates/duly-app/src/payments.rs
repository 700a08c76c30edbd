//! Payment commands: record a payment (oldest first or by hand), reverse a
//! bounced one, take back one entered in error, correct its reference,
//! apply a customer's credit to what they owe.

use chrono::NaiveDateTime;
use duly_core::payment::{
    allocate_oldest_first, check_manual, PaymentForm, PaymentMethod, ReferenceForm, ReversalForm,
};
use duly_core::DomainError;
use duly_store::{customers, payments, profile, Book, Transaction};
use serde::Serialize;

use crate::error::Result;

/// What a recorded payment did.
#[derive(Debug, Clone, Serialize)]
pub struct PaymentReceipt {
    /// The new payment; none when credit was applied.
    pub payment_id: Option<i64>,
    /// (invoice number, amount) for each invoice it paid toward.
    pub applied: Vec<(String, String)>,
    /// What was left over as the customer's credit.
    pub credit: String,
    pub currency: &'static str,
}

pub fn record(book: &mut Book, form: &PaymentForm, now: NaiveDateTime) -> Result<PaymentReceipt> {
    Ok(book.write(|tx| record_in(tx, form, now))?)
}

/// Records a payment inside a transaction already open: the payment form
/// and a confirmed bank statement line go through the same rules.
pub(crate) fn record_in(
    tx: &Transaction,
    form: &PaymentForm,
    now: NaiveDateTime,
) -> duly_store::Result<PaymentReceipt> {
    let currency = profile::get(tx)?.currency;
    let payment = form.validate(currency, now.date())?;
    customers::get(tx, payment.customer_id)?;
    let open = payments::open_invoices(tx, payment.customer_id, currency)?;
    let (shares, credit) = match &payment.manual {
        None => allocate_oldest_first(payment.amount, &open),
        Some(requested) => check_manual(payment.amount, requested, &open, currency)?,
    };
    let id = payments::insert(tx, &payment, currency, now)?;
    payments::allocate(tx, id, &shares, currency, payment.received_on)?;
    let number = |invoice_id: i64| {
        open.iter()
            .find(|o| o.id == invoice_id)
            .map(|o| o.number.clone())
            .unwrap_or_default()
    };
    Ok(PaymentReceipt {
        payment_id: Some(id),
        applied: shares
            .iter()
            .map(|s| (number(s.invoice_id), currency.format(s.amount)))
            .collect(),
        credit: currency.format(credit),
        currency: currency.code(),
    })
}

/// Reverses a payment (a bounced check): its allocations stop counting from
/// the reversal date, the invoices owe again, and both events stay in the
/// history.
pub fn reverse(
    book: &mut Book,
    payment_id: i64,
    form: &ReversalForm,
    now: NaiveDateTime,
) -> Result<()> {
    Ok(book.write(|tx| reverse_in(tx, payment_id, form, now))?)
}

/// Reverses a payment inside a transaction already open (the reversal form,
/// or a returned transfer confirmed from a bank statement).
pub(crate) fn reverse_in(
    tx: &Transaction,
    payment_id: i64,
    form: &ReversalForm,
    now: NaiveDateTime,
) -> duly_store::Result<()> {
    let payment = payments::get(tx, payment_id)?;
    if let Some(on) = payment.reversed_on {
        return Err(DomainError::NotAllowed(format!(
            "This payment was already reversed on {}.",
            on.format("%Y-%m-%d")
        ))
        .into());
    }
    let (on, reason) = form.validate(payment.received_on, now.date())?;
    payments::reverse(tx, payment_id, on, &reason)
}

/// A payment taken back as entered in error, as the payment form takes it
/// to be entered again, corrected.
#[derive(Debug, Clone, Serialize)]
pub struct Reentry {
    pub customer_id: i64,
    pub received_on: chrono::NaiveDate,
    /// Decimal string, as typed the first time.
    pub amount: String,
    pub method: PaymentMethod,
    pub reference: String,
    pub memo: String,
}

/// Takes back a payment typed by mistake (wrong amount, wrong customer):
/// it counts on no day, the invoices it paid owe again, and the history and
/// audit trail say "entered in error", never "bounced". Returns it for the
/// payment form, to be entered again as it should have been.
pub fn mark_entered_in_error(book: &mut Book, payment_id: i64) -> Result<Reentry> {
    Ok(book.write(|tx| {
        let payment = payments::get(tx, payment_id)?;
        if payment.reversed_on.is_some() {
            return Err(DomainError::NotAllowed(if payment.entered_in_error {
                "This payment was already marked entered in error.".into()
            } else {
                "This payment was reversed; it no longer counts.".into()
            })
            .into());
        }
        payments::mark_entered_in_error(tx, payment_id)?;
        let currency = profile::get(tx)?.currency;
        Ok(Reentry {
            customer_id: payment.customer_id,
            received_on: payment.received_on,
            amount: currency.from_minor(payment.amount_minor).to_string(),
            method: payment.method,
            reference: payment.reference,
            memo: payment.memo,
        })
    })?)
}

/// Corrects the reference and memo of a payment that stands.
pub fn correct_reference(book: &mut Book, payment_id: i64, form: &ReferenceForm) -> Result<()> {
    let (reference, memo) = form.validate()?;
    book.write(|tx| {
        let payment = payments::get(tx, payment_id)?;
        if payment.reversed_on.is_some() {
            return Err(DomainError::NotAllowed(
                "This payment no longer counts; its reference stays as it was.".into(),
            )
            .into());
        }
        payments::set_reference(tx, payment_id, &reference, &memo)
    })?;
    Ok(())
}

/// Applies the customer's unapplied credit to their open invoices, oldest
/// payment to oldest invoice, dated today.
pub fn apply_credit(
    book: &mut Book,
    customer_id: i64,
    now: NaiveDateTime,
) -> Result<PaymentReceipt> {
    Ok(book.write(|tx| {
        let currency = profile::get(tx)?.currency;
        customers::get(tx, customer_id)?;
        let credits = payments::credits(tx, customer_id)?;
        if credits.is_empty() {
            return Err(
                DomainError::NotAllowed("This customer has no credit to apply.".into()).into(),
            );
        }
        let mut open = payments::open_invoices(tx, customer_id, currency)?;
        if open.is_empty() {
            return Err(DomainError::NotAllowed(
                "This customer owes nothing to apply credit to.".into(),
            )
            .into());
        }
        let mut applied = Vec::new();
        let mut left_total = rust_decimal::Decimal::ZERO;
        for (payment_id, credit_minor) in credits {
            let (shares, left) = allocate_oldest_first(currency.from_minor(credit_minor), &open);
            payments::allocate(tx, payment_id, &shares, currency, now.date())?;
            for share in &shares {
                if let Some(invoice) = open.iter_mut().find(|o| o.id == share.invoice_id) {
                    invoice.balance -= share.amount;
                    applied.push((invoice.number.clone(), currency.format(share.amount)));
                }
            }
            left_total += left;
        }
        Ok(PaymentReceipt {
            payment_id: None,
            applied,
            credit: currency.format(left_total),
            currency: currency.code(),
        })
    })?)
}
