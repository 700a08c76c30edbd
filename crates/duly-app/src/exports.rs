//! CSV exports of the book: customers, invoices with their lines, payments,
//! promises and the contact log, for a spreadsheet, an accountant or the
//! next program. UTF-8 with a byte-order mark (so Excel reads accents
//! right), comma-separated, one header row; amounts as plain decimals in the
//! book's currency (`1234.50`), dates as `YYYY-MM-DD`. Text cells that a
//! spreadsheet would run as a formula are escaped (see `spreadsheet`).
//! The columns are listed in the README ("CSV export and import").

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::invoice::InvoiceStatus;
use duly_core::promise::PromiseStatus;
use duly_core::{totals, Currency};
use duly_store::customers::CustomerSummary;
use duly_store::{contact_log, customers, invoices, payments, profile, Book, Transaction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::error::{AppError, Result};
use crate::history::Account;
use crate::spreadsheet::escape;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Export {
    Customers,
    Invoices,
    Payments,
    Promises,
    Contacts,
}

impl Export {
    /// The file name, dated: `invoices-2026-11-25.csv`.
    pub fn file_name(self, today: NaiveDate) -> String {
        let what = match self {
            Export::Customers => "customers",
            Export::Invoices => "invoices",
            Export::Payments => "payments",
            Export::Promises => "promises",
            Export::Contacts => "contact-log",
        };
        format!("{what}-{}.csv", today.format("%Y-%m-%d"))
    }

    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Export::Customers => CUSTOMER_COLUMNS,
            Export::Invoices => INVOICE_COLUMNS,
            Export::Payments => PAYMENT_COLUMNS,
            Export::Promises => PROMISE_COLUMNS,
            Export::Contacts => CONTACT_COLUMNS,
        }
    }
}

pub const CUSTOMER_COLUMNS: &[&str] = &[
    "customer_id",
    "company",
    "billing_name",
    "billing_title",
    "billing_email",
    "billing_phone",
    "escalation_name",
    "escalation_title",
    "escalation_email",
    "escalation_phone",
    "address",
    "terms_days",
    "notes",
    "service_status",
    "archived",
    "balance",
    "currency",
];

pub const INVOICE_COLUMNS: &[&str] = &[
    "invoice_id",
    "number",
    "status",
    "customer_id",
    "customer",
    "issue_date",
    "due_date",
    "terms_days",
    "currency",
    "subtotal",
    "tax",
    "fees",
    "total",
    "balance",
    "void_reason",
    "notes",
    "item",
    "item_position",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "discount_percent",
    "tax_name",
    "tax_percent",
    "amount",
];

pub const PAYMENT_COLUMNS: &[&str] = &[
    "payment_id",
    "customer_id",
    "customer",
    "received_on",
    "amount",
    "currency",
    "method",
    "reference",
    "memo",
    "applied_to",
    "credit",
    "reversed_on",
    "reversal_reason",
];

pub const PROMISE_COLUMNS: &[&str] = &[
    "promise_id",
    "customer_id",
    "customer",
    "kind",
    "amount",
    "currency",
    "made_on",
    "promised_on",
    "check_number",
    "mailed_on",
    "mailed_to",
    "invoices",
    "notes",
    "status",
    "paid",
];

pub const CONTACT_COLUMNS: &[&str] = &[
    "contact_id",
    "customer_id",
    "customer",
    "happened_at",
    "channel",
    "person",
    "person_name",
    "notes",
    "outcome",
    "next_step",
    "follow_up_on",
];

/// The CSV file's bytes. `now` dates promise and invoice statuses.
pub fn csv(book: &mut Book, what: Export, now: NaiveDateTime) -> Result<Vec<u8>> {
    let today = now.date();
    let rows = book.read(|tx| {
        let currency = profile::get(tx)?.currency;
        let all = customers::list(tx, true)?;
        match what {
            Export::Customers => Ok(customer_rows(&all, currency)),
            Export::Invoices => invoice_rows(tx, today),
            Export::Payments => payment_rows(tx, &all, currency),
            Export::Promises => promise_rows(tx, &all, today),
            Export::Contacts => contact_rows(tx, &all),
        }
    })?;
    write(what.columns(), &rows)
        .map_err(|e| AppError::storage(format!("Could not write the CSV: {e}")))
}

/// A cell: escaped text, or a number or date written as is.
enum Cell {
    Text(String),
    Plain(String),
}

fn t(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn p(s: impl ToString) -> Cell {
    Cell::Plain(s.to_string())
}

fn opt<T: ToString>(v: Option<T>) -> Cell {
    Cell::Plain(v.map(|v| v.to_string()).unwrap_or_default())
}

fn write(columns: &[&str], rows: &[Vec<Cell>]) -> std::result::Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(columns)?;
    for row in rows {
        out.write_record(row.iter().map(|cell| match cell {
            Cell::Text(s) => escape(s),
            Cell::Plain(s) => s.clone(),
        }))?;
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

fn money(currency: Currency, minor: i64) -> Cell {
    p(currency.format(currency.from_minor(minor)))
}

fn customer_rows(all: &[CustomerSummary], currency: Currency) -> Vec<Vec<Cell>> {
    all.iter()
        .map(|s| {
            let c = &s.customer;
            let d = &c.details;
            vec![
                p(c.id),
                t(&d.company),
                t(&d.billing.name),
                t(&d.billing.title),
                t(&d.billing.email),
                t(&d.billing.phone),
                t(&d.escalation.name),
                t(&d.escalation.title),
                t(&d.escalation.email),
                t(&d.escalation.phone),
                t(&d.address),
                opt(d.terms_days),
                t(&d.notes),
                p(d.service_status.as_str()),
                p(if c.archived { "yes" } else { "no" }),
                money(currency, s.balance_minor),
                p(currency.code()),
            ]
        })
        .collect()
}

fn invoice_rows(tx: &Transaction, today: NaiveDate) -> duly_store::Result<Vec<Vec<Cell>>> {
    let mut headers = invoices::list(tx, None)?;
    // The list is newest first with drafts on top; a file reads oldest first.
    headers.reverse();
    let standings: HashMap<i64, (InvoiceStatus, Decimal, Option<NaiveDate>)> =
        crate::standing::all(tx, today)?
            .iter()
            .flat_map(|s| s.invoices.iter())
            .map(|i| (i.id, (i.status, i.balance, i.due_on)))
            .collect();
    let mut rows = Vec::new();
    for h in headers {
        let invoice = invoices::get(tx, h.id)?;
        let c = h.currency;
        // An invoice dated after today has no standing yet: it reads as open.
        let (status, balance, due_on) = standings.get(&h.id).copied().unwrap_or((
            InvoiceStatus::Open,
            c.from_minor(h.balance_minor),
            h.due_date,
        ));
        let head = || {
            vec![
                p(h.id),
                opt(h.number.as_deref()),
                p(word(status)),
                p(h.customer_id),
                t(&h.customer_company),
                opt(h.issue_date),
                opt(due_on),
                opt(h.terms_days),
                p(c.code()),
                money(c, h.subtotal_minor),
                money(c, h.tax_minor),
                money(c, h.fees_minor),
                money(c, h.total_minor),
                p(c.format(balance)),
                t(h.void_reason.as_deref().unwrap_or_default()),
                t(&invoice.notes),
            ]
        };
        let amounts = totals::compute(c, &invoice.lines, &invoice.fees).line_amounts;
        for (i, (line, amount)) in invoice.lines.iter().zip(amounts).enumerate() {
            let mut row = head();
            row.extend([
                p("line"),
                p(i + 1),
                t(&line.description),
                p(line.quantity),
                t(&line.unit),
                p(line.unit_price),
                p(line.discount_percent),
                t(&line.tax.name),
                p(line.tax.percent),
                p(c.format(amount)),
            ]);
            rows.push(row);
        }
        for (i, fee) in invoice.fees.iter().enumerate() {
            let mut row = head();
            row.extend([p("fee"), p(i + 1), t(&fee.name)]);
            row.extend((0..6).map(|_| p("")));
            row.push(p(c.format(fee.amount)));
            rows.push(row);
        }
        if invoice.lines.is_empty() && invoice.fees.is_empty() {
            let mut row = head();
            row.extend((0..10).map(|_| p("")));
            rows.push(row);
        }
    }
    Ok(rows)
}

/// A status as the window spells it: its serde name, so an enum has one
/// spelling everywhere.
fn word(status: impl Serialize) -> String {
    match serde_json::to_value(status) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn payment_rows(
    tx: &Transaction,
    all: &[CustomerSummary],
    currency: Currency,
) -> duly_store::Result<Vec<Vec<Cell>>> {
    let mut rows: Vec<(i64, Vec<Cell>)> = Vec::new();
    for s in all {
        let customer = &s.customer;
        let allocations = payments::allocations_for_customer(tx, customer.id)?;
        for pay in payments::for_customer(tx, customer.id)? {
            let applied = allocations
                .iter()
                .filter(|a| a.payment_id == pay.id)
                .map(|a| {
                    format!(
                        "{} {}",
                        a.invoice_number,
                        currency.format(currency.from_minor(a.amount_minor))
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            let row = vec![
                p(pay.id),
                p(customer.id),
                t(&customer.details.company),
                p(pay.received_on),
                money(currency, pay.amount_minor),
                p(currency.code()),
                p(pay.method.as_str()),
                t(&pay.reference),
                t(&pay.memo),
                t(&applied),
                money(currency, pay.credit_minor),
                opt(pay.reversed_on),
                t(pay.reversal_reason.as_deref().unwrap_or_default()),
            ];
            rows.push((pay.id, row));
        }
    }
    // In the order they were recorded, across customers.
    rows.sort_by_key(|(id, _)| *id);
    Ok(rows.into_iter().map(|(_, row)| row).collect())
}

fn promise_rows(
    tx: &Transaction,
    all: &[CustomerSummary],
    today: NaiveDate,
) -> duly_store::Result<Vec<Vec<Cell>>> {
    let mut rows = Vec::new();
    for s in all {
        let customer = &s.customer;
        let account = Account::load(tx, customer.id, today)?;
        let c = account.currency;
        for promise in account.promises.iter().rev() {
            // A promise dated after today (allowed a day ahead) waits.
            let (status, paid) = account
                .outcome(promise)
                .map_or((PromiseStatus::Pending, Decimal::ZERO), |o| {
                    (o.status, o.paid)
                });
            let covered: Vec<&str> = promise.invoices.iter().map(|(_, n)| n.as_str()).collect();
            rows.push(vec![
                p(promise.id),
                p(customer.id),
                t(&customer.details.company),
                p(promise.kind.as_str()),
                money(c, promise.amount_minor),
                p(c.code()),
                p(promise.made_on),
                p(promise.promised_on),
                t(&promise.check_number),
                opt(promise.mailed_on),
                t(&promise.mailed_to),
                t(&covered.join("; ")),
                t(&promise.notes),
                p(word(status)),
                p(c.format(paid)),
            ]);
        }
    }
    Ok(rows)
}

fn contact_rows(tx: &Transaction, all: &[CustomerSummary]) -> duly_store::Result<Vec<Vec<Cell>>> {
    let mut rows = Vec::new();
    for s in all {
        let customer = &s.customer;
        for contact in contact_log::for_customer(tx, customer.id)?.iter().rev() {
            rows.push(vec![
                p(contact.id),
                p(customer.id),
                t(&customer.details.company),
                p(contact.happened_at.format("%Y-%m-%dT%H:%M")),
                p(contact.channel.as_str()),
                p(contact.person.as_str()),
                t(&contact.person_name),
                t(&contact.notes),
                p(contact.outcome.as_str()),
                t(&contact.next_step),
                opt(contact.follow_up_on),
            ]);
        }
    }
    Ok(rows)
}
