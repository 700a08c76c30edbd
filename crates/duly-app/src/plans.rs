//! Payment plans and extensions: a plan splits what is owed into
//! installments (the remainder on the last), tracks them from the payments
//! that arrive, and breaks when one is missed past grace; an extension gives
//! an invoice a new due date with a reason, keeping the original visible.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::invoice::InvoiceState;
use duly_core::plan::{ExtensionForm, PlanForm, PlanStatus};
use duly_core::DomainError;
use duly_store::plans::{self, Plan};
use duly_store::{customers, invoices, profile, Book, Transaction};
use serde::Serialize;

use crate::error::Result;
use duly_core::money::Money;

#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub id: i64,
    pub customer_id: i64,
    pub frequency: duly_core::plan::Frequency,
    pub created_on: NaiveDate,
    pub invoices: Vec<String>,
    /// (due on, amount, paid?)
    pub installments: Vec<(NaiveDate, Money, bool)>,
    pub total: Money,
    pub paid: Money,
    pub status: PlanStatus,
}

/// A plan's standing as of `today`, as the account standing judges it.
pub fn view(tx: &Transaction, plan: &Plan, today: NaiveDate) -> duly_store::Result<PlanView> {
    let currency = profile::get(tx)?.currency;
    let standing = crate::standing::of(tx, plan.customer_id, today)?;
    let (status, covered, paid) = match standing.plan(plan.id) {
        Some(s) => (s.status, s.installments_paid, s.paid),
        // Made after `today`: nothing paid toward it yet.
        None => (PlanStatus::Active, 0, rust_decimal::Decimal::ZERO),
    };
    let amounts: Vec<(NaiveDate, rust_decimal::Decimal)> = plan
        .installments
        .iter()
        .map(|(on, a)| (*on, currency.from_minor(*a)))
        .collect();
    let mut numbers = Vec::new();
    for id in &plan.invoice_ids {
        numbers.push(invoices::header_of(tx, *id)?.label().to_owned());
    }
    Ok(PlanView {
        id: plan.id,
        customer_id: plan.customer_id,
        frequency: plan.frequency,
        created_on: plan.created_on,
        invoices: numbers,
        installments: amounts
            .iter()
            .enumerate()
            .map(|(k, (on, a))| (*on, currency.money(*a), k < covered))
            .collect(),
        total: currency.money(amounts.iter().map(|(_, a)| *a).sum()),
        paid: currency.money(paid),
        status,
    })
}

/// Creates a plan over some of the customer's open invoices.
pub fn create(
    book: &mut Book,
    customer_id: i64,
    form: &PlanForm,
    now: NaiveDateTime,
) -> Result<PlanView> {
    let today = now.date();
    Ok(book.write(|tx| {
        let currency = profile::get(tx)?.currency;
        customers::get(tx, customer_id)?;
        let mut balance = 0i64;
        for id in &form.invoice_ids {
            let h = invoices::header_of(tx, *id)?;
            if h.customer_id != customer_id
                || h.state != InvoiceState::Issued
                || h.balance_minor <= 0
            {
                return Err(DomainError::field(
                    "invoice_ids",
                    format!("Invoice {} is not open for this customer.", h.label()),
                )
                .into());
            }
            balance += h.balance_minor;
        }
        let plan = form.validate(currency, currency.from_minor(balance), today)?;
        let id = plans::insert(tx, customer_id, &plan, currency, today, now)?;
        let stored = plans::list(tx, Some(customer_id))?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| {
                duly_store::StoreError::not_found("The plan just made could not be read back.")
            })?;
        view(tx, &stored, today)
    })?)
}

pub fn cancel(book: &mut Book, plan_id: i64, now: NaiveDateTime) -> Result<()> {
    book.write(|tx| plans::cancel(tx, plan_id, now.date()))?;
    Ok(())
}

pub fn list(
    book: &mut Book,
    customer_id: Option<i64>,
    now: NaiveDateTime,
) -> Result<Vec<PlanView>> {
    Ok(book.read(|tx| {
        plans::list(tx, customer_id)?
            .iter()
            .map(|p| view(tx, p, now.date()))
            .collect::<duly_store::Result<Vec<_>>>()
    })?)
}

/// Gives an invoice a later due date, with the reason.
pub fn extend(
    book: &mut Book,
    invoice_id: i64,
    form: &ExtensionForm,
    now: NaiveDateTime,
) -> Result<()> {
    book.write(|tx| {
        let h = invoices::header_of(tx, invoice_id)?;
        if h.state != InvoiceState::Issued {
            return Err(DomainError::NotAllowed(
                "Only an issued invoice can get an extension.".into(),
            )
            .into());
        }
        let current = h
            .due_date
            .ok_or_else(|| DomainError::NotAllowed("This invoice has no due date.".into()))?;
        let (day, reason) = form.validate(current, now.date())?;
        invoices::extend(tx, invoice_id, day, &reason, now)
    })?;
    Ok(())
}
