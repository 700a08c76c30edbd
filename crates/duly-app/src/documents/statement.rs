//! A customer's statement of account, from the book.
//!
//! The rows add up, line by line, to the balance due:
//! - every **open invoice**, charged with what it still owes, plus whatever
//!   the payments listed below paid toward it (so that each payment row can
//!   subtract its full amount); an invoice those payments settled in full is
//!   listed too, marked paid;
//! - every **payment** received since the statement's start date, by its full
//!   amount, with its check number or transfer reference, saying which
//!   invoices it paid and what it left as credit;
//! - a **reversal** (a bounced check) of a listed payment, charged back on
//!   the day it was reversed; a payment received earlier but reversed since is
//!   listed with its reversal, so the customer sees why an invoice reopened;
//! - **credit** still unapplied from older payments.
//!
//! So Σ charges − Σ payments = Σ open balances − unapplied credit: the
//! balance due, with nothing counted twice.

use std::collections::HashSet;

use chrono::NaiveDate;
use duly_core::aging::AgingBounds;
use duly_core::invoice::{InvoiceState, InvoiceStatus};
use duly_core::payment::PaymentMethod;
use duly_core::standing::Standing;
use duly_core::Currency;
use duly_documents::{Labels, StatementColumns, StatementDocument, StatementRow, TotalRow};
use duly_store::customers::{self, Customer};
use duly_store::invoices::{self, InvoiceHeader};
use duly_store::payments::{self, AllocationRow, Payment};
use duly_store::{policies, Transaction};
use rust_decimal::Decimal;

use super::{customer_block, format, Sender};
use crate::error::{AppError, Result};
use crate::pay_details::{Due, PayTo};

/// Everything a statement shows, read in one transaction.
pub(super) struct Source {
    sender: Sender,
    pub(super) customer: Customer,
    invoices: Vec<InvoiceHeader>,
    payments: Vec<Payment>,
    allocations: Vec<AllocationRow>,
    aging: AgingBounds,
    /// Where the account stands on the statement's date.
    standing: Standing,
}

/// One row before formatting.
struct Entry {
    date: NaiveDate,
    reference: String,
    description: String,
    days_past_due: Option<i64>,
    charge: Decimal,
    payment: Decimal,
}

impl Source {
    pub(super) fn read(
        tx: &Transaction,
        customer_id: i64,
        today: NaiveDate,
    ) -> duly_store::Result<Source> {
        Ok(Source {
            standing: crate::standing::of(tx, customer_id, today)?,
            customer: customers::get(tx, customer_id)?,
            invoices: invoices::list(tx, Some(customer_id))?,
            payments: payments::for_customer(tx, customer_id)?,
            allocations: payments::allocations_for_customer(tx, customer_id)?,
            aging: policies::summary_policy(tx)?.aging,
            sender: Sender::read(tx)?,
        })
    }

    pub(super) fn document(&self, since: NaiveDate, today: NaiveDate) -> Result<StatementDocument> {
        let c = self.sender.business.currency;
        let mut entries = self.entries(since)?;
        // Oldest first. The sort is stable and entries are made invoices
        // first, each payment followed by its reversal: on one day, that order stays.
        entries.sort_by_key(|e| e.date);
        let mut balance = Decimal::ZERO;
        let rows = entries
            .iter()
            .map(|e| {
                balance += e.charge - e.payment;
                StatementRow {
                    date: self.sender.dates().day(e.date),
                    reference: e.reference.clone(),
                    description: e.description.clone(),
                    days_past_due: e.days_past_due.map(|d| d.to_string()).unwrap_or_default(),
                    charge: amount_or_blank(c, e.charge),
                    payment: amount_or_blank(c, e.payment),
                    balance: format::money(c, balance),
                }
            })
            .collect();
        let charges: Decimal = entries.iter().map(|e| e.charge).sum();
        let paid: Decimal = entries.iter().map(|e| e.payment).sum();
        let due = charges - paid;
        let closing = if due < Decimal::ZERO {
            TotalRow::strong("Credit on account", format::money(c, -due))
        } else {
            TotalRow::strong("Balance due", format::money(c, due))
        };
        let how_to_pay = self.sender.footer().payment_text;
        let pay_to = PayTo::of(&self.sender.business);
        // The balance due, quoting the invoices it pays (one invoice: its RF
        // reference and pay link). A statement in credit asks for nothing.
        let pay = (due > Decimal::ZERO)
            .then(|| Due {
                amount: due,
                currency: c,
                numbers: self.standing.owed().map(|i| i.number.clone()).collect(),
            })
            .and_then(|due| pay_to.panel(Some(&due)));
        Ok(StatementDocument {
            page_size: self.sender.page_size(),
            letterhead: self.sender.letterhead(),
            labels: Labels::default(),
            title: "Statement of account".into(),
            facts: vec![
                ("Statement date".into(), self.sender.dates().day(today)),
                // Said as what it is: every invoice still owed whatever its
                // date, and the payments since `since` with the invoices they
                // paid. A "Period" above invoices older than it misled.
                ("Shows".into(), "Open invoices and payments".into()),
                ("Payments since".into(), self.sender.dates().day(since)),
            ],
            to_label: "Statement for".into(),
            to: customer_block(&self.customer),
            // A short label leaves the description room for a payment's
            // reference on one line on A4.
            columns: StatementColumns {
                days_past_due: "Days late".into(),
                ..StatementColumns::default()
            },
            rows,
            aging: self.aging_line(),
            totals: vec![
                TotalRow::new("Total charges", format::money(c, charges)),
                TotalRow::new("Total payments and credits", format::money(c, paid)),
                closing,
            ],
            pay,
            sections: if how_to_pay.trim().is_empty() {
                Vec::new()
            } else {
                vec![("How to pay".into(), how_to_pay)]
            },
        })
    }

    /// The statement's rows as of the standing's day: only what the book
    /// knew that day (payments received and applied by then, reversals made
    /// by then, balances that day).
    fn entries(&self, since: NaiveDate) -> Result<Vec<Entry>> {
        let c = self.sender.business.currency;
        let on = self.standing.on;
        let listed: Vec<&Payment> = self
            .payments
            .iter()
            .filter(|p| p.received_on <= on)
            // Typed by mistake and taken back: the customer never paid it.
            .filter(|p| !p.entered_in_error)
            .filter(|p| {
                p.received_on >= since || p.reversed_on.is_some_and(|r| r >= since && r <= on)
            })
            .collect();
        let live: HashSet<i64> = listed
            .iter()
            .filter(|p| p.reversed_on.is_none_or(|r| r > on))
            .map(|p| p.id)
            .collect();
        let paid_by_listed = |invoice_id: i64| -> Decimal {
            self.allocations
                .iter()
                .filter(|a| {
                    a.invoice_id == invoice_id
                        && a.allocated_on <= on
                        && live.contains(&a.payment_id)
                })
                .map(|a| c.from_minor(a.amount_minor))
                .sum()
        };

        let mut entries = Vec::new();
        for h in self
            .invoices
            .iter()
            .filter(|h| h.state == InvoiceState::Issued)
        {
            // Issued after the statement's day, or void by then: not on it.
            let Some(standing) = self
                .standing
                .invoice(h.id)
                .filter(|i| !matches!(i.status, InvoiceStatus::Void | InvoiceStatus::Draft))
            else {
                continue;
            };
            let earlier = paid_by_listed(h.id);
            if standing.balance <= Decimal::ZERO && earlier.is_zero() {
                continue;
            }
            let issued = h.issue_date.ok_or_else(|| {
                AppError::storage(format!("Invoice {} has no issue date.", h.label()))
            })?;
            entries.push(Entry {
                date: issued,
                reference: h.label().to_owned(),
                description: if standing.is_owed() {
                    "Invoice".into()
                } else {
                    "Invoice, paid".into()
                },
                days_past_due: standing.is_past_due().then_some(standing.days_late),
                charge: standing.balance + earlier,
                payment: Decimal::ZERO,
            });
        }
        for p in &listed {
            let amount = c.from_minor(p.amount_minor);
            entries.push(Entry {
                date: p.received_on,
                reference: String::new(),
                description: self.payment_description(p, c),
                days_past_due: None,
                charge: Decimal::ZERO,
                payment: amount,
            });
            if let Some(on) = p.reversed_on.filter(|r| *r <= on) {
                let reason = p.reversal_reason.as_deref().unwrap_or_default().trim();
                let what = format!("Payment{} reversed", reference(p));
                entries.push(Entry {
                    date: on,
                    reference: String::new(),
                    description: if reason.is_empty() {
                        what
                    } else {
                        format!("{what}: {reason}")
                    },
                    days_past_due: None,
                    charge: amount,
                    payment: Decimal::ZERO,
                });
            }
        }
        let listed_ids: HashSet<i64> = listed.iter().map(|p| p.id).collect();
        for p in &self.payments {
            let credit = self.standing.credit_of(p.id);
            if credit > Decimal::ZERO && !listed_ids.contains(&p.id) {
                entries.push(Entry {
                    date: p.received_on,
                    reference: String::new(),
                    description: format!(
                        "Credit left from the payment{} of {}",
                        reference(p),
                        self.sender.dates().day(p.received_on)
                    ),
                    days_past_due: None,
                    charge: Decimal::ZERO,
                    payment: credit,
                });
            }
        }
        Ok(entries)
    }

    /// "Payment by check 1042, for INV-0012 and INV-0013; $50.00 kept as credit".
    fn payment_description(&self, p: &Payment, c: Currency) -> String {
        let how = match p.method {
            PaymentMethod::Check => "Payment by check",
            PaymentMethod::BankTransfer => "Payment by bank transfer",
            PaymentMethod::Card => "Payment by card",
            PaymentMethod::Cash => "Payment in cash",
            PaymentMethod::Other => "Payment",
        };
        let numbers: Vec<&str> = self
            .allocations
            .iter()
            .filter(|a| a.payment_id == p.id && a.allocated_on <= self.standing.on)
            .filter(|a| !a.invoice_number.is_empty())
            .map(|a| a.invoice_number.as_str())
            .collect();
        let mut text = format!("{how}{}", reference(p));
        if let Some((last, first)) = numbers.split_last() {
            text.push_str(", for ");
            if !first.is_empty() {
                text.push_str(&first.join(", "));
                text.push_str(" and ");
            }
            text.push_str(last);
        }
        let credit = self.standing.credit_of(p.id);
        if credit > Decimal::ZERO {
            text.push_str(&format!("; {} kept as credit", format::money(c, credit)));
        }
        text
    }

    /// What is owed, by how late: "Current", "1–30 days", … "Over 90 days".
    fn aging_line(&self) -> Vec<(String, String)> {
        let c = self.sender.business.currency;
        self.aging
            .labels()
            .into_iter()
            .zip(self.standing.aging.0)
            .enumerate()
            .map(|(i, (label, amount))| {
                let label = if i == 0 {
                    label
                } else {
                    format!("{label} days")
                };
                (label, format::money(c, amount))
            })
            .collect()
    }
}

/// " 1042": the check number or transfer reference the customer knows the
/// payment by, after the words that say what it is.
fn reference(p: &Payment) -> String {
    let r = p.reference.trim();
    if r.is_empty() {
        String::new()
    } else {
        format!(" {r}")
    }
}

/// Empty cells read better than columns of zeros.
fn amount_or_blank(c: Currency, amount: Decimal) -> String {
    if amount.is_zero() {
        String::new()
    } else {
        format::money(c, amount)
    }
}
