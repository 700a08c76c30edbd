//! A customer's history: every promise with its outcome, and the timeline that
//! merges invoices, payments, reversals, promises and contacts, newest first.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use duly_core::ladder::Suggestion;
use duly_core::promise::{PromiseOutcome, PromiseStatus};
use duly_core::standing::Standing;
use duly_core::Currency;
use duly_store::contact_log::Contact;
use duly_store::invoices::InvoiceHeader;
use duly_store::payments::{AllocationRow, Payment};
use duly_store::promises::Promise;
use duly_store::{contact_log, invoices, payments, profile, promises, Book, Transaction};
use serde::Serialize;

use crate::error::Result;
use crate::page::{Page, Span};
use crate::views::{PromiseView, TimelineEntry};

/// Everything about a customer's money and promises, read once, with where
/// the account stands on the day it was read for.
pub struct Account {
    pub currency: Currency,
    pub invoices: Vec<InvoiceHeader>,
    pub payments: Vec<Payment>,
    pub allocations: Vec<AllocationRow>,
    pub promises: Vec<Promise>,
    pub contacts: Vec<Contact>,
    pub decisions: Vec<(NaiveDateTime, duly_core::customer::ServiceStatus, String)>,
    pub disputes: Vec<duly_store::disputes::Dispute>,
    pub credit_notes: Vec<duly_store::credit_notes::CreditNote>,
    pub standing: Standing,
}

impl Account {
    /// Reads the account and its standing on `on`.
    pub fn load(tx: &Transaction, customer_id: i64, on: NaiveDate) -> duly_store::Result<Account> {
        Ok(Account {
            currency: profile::get(tx)?.currency,
            invoices: invoices::list(tx, Some(customer_id))?,
            payments: payments::for_customer(tx, customer_id)?,
            allocations: payments::allocations_for_customer(tx, customer_id)?,
            promises: promises::for_customer(tx, customer_id)?,
            contacts: contact_log::for_customer(tx, customer_id)?,
            decisions: duly_store::customers::service_decisions(tx, customer_id)?,
            disputes: duly_store::disputes::list(tx, Some(customer_id))?,
            credit_notes: duly_store::credit_notes::list(tx, Some(customer_id))?,
            standing: crate::standing::of(tx, customer_id, on)?,
        })
    }

    /// A promise's outcome on the standing's day; a promise made later has
    /// none yet.
    pub fn outcome(&self, promise: &Promise) -> Option<PromiseOutcome> {
        self.standing.promise(promise.id).cloned()
    }

    /// Promises made by the standing's day, newest first, with their outcomes.
    pub fn promise_views(&self) -> Vec<PromiseView> {
        self.promises
            .iter()
            .filter_map(|p| Some(PromiseView::new(p, self.outcome(p)?, self.currency)))
            .collect()
    }

    pub fn timeline(&self) -> Vec<TimelineEntry> {
        let c = self.currency;
        let money = |minor: i64| c.format(c.from_minor(minor));
        let mut entries: Vec<(Placed, TimelineEntry)> = Vec::new();
        for i in &self.invoices {
            if let (Some(number), Some(issued)) = (&i.number, i.issue_date) {
                let entered = i.issued_at.unwrap_or(noon(issued));
                entries.push((
                    Placed::dated(issued, entered),
                    TimelineEntry::InvoiceIssued {
                        date: issued,
                        invoice_id: i.id,
                        number: number.clone(),
                        total: money(i.total_minor),
                        due_date: i.due_date,
                    },
                ));
            }
            if let (Some(number), Some(voided), Some(reason)) =
                (&i.number, i.voided_at, &i.void_reason)
            {
                entries.push((
                    Placed::new(voided, voided),
                    TimelineEntry::InvoiceVoided {
                        date: voided.date(),
                        invoice_id: i.id,
                        number: number.clone(),
                        reason: reason.clone(),
                    },
                ));
            }
        }
        for p in &self.payments {
            let applied = self
                .allocations
                .iter()
                .filter(|a| a.payment_id == p.id)
                .map(|a| (a.invoice_number.clone(), money(a.amount_minor)))
                .collect();
            entries.push((
                Placed::dated(p.received_on, p.recorded_at),
                TimelineEntry::PaymentReceived {
                    date: p.received_on,
                    payment_id: p.id,
                    amount: money(p.amount_minor),
                    method: p.method,
                    reference: p.reference.clone(),
                    memo: p.memo.clone(),
                    applied,
                    credit: money(p.credit_minor),
                    reversed: p.reversed_on.is_some(),
                    entered_in_error: p.entered_in_error,
                },
            ));
            let reversal = p.reversed_on.zip(p.reversal_reason.as_ref());
            if let Some((on, reason)) = reversal.filter(|_| !p.entered_in_error) {
                entries.push((
                    Placed::dated(on, noon(on)),
                    TimelineEntry::PaymentReversed {
                        date: on,
                        payment_id: p.id,
                        amount: money(p.amount_minor),
                        reference: p.reference.clone(),
                        reason: reason.clone(),
                    },
                ));
            }
        }
        // A dispute when it was raised and when it was closed; a credit note
        // when it was issued: what changed what the customer owes.
        for d in &self.disputes {
            entries.push((
                Placed::dated(d.opened_on, noon(d.opened_on)),
                TimelineEntry::DisputeOpened {
                    date: d.opened_on,
                    invoice_id: d.invoice_id,
                    invoice_number: d.invoice_number.clone(),
                    about: d.cause.words(),
                    amount: money(d.amount_minor),
                    customer_words: d.customer_words.clone(),
                },
            ));
            if let Some(closed) = d.closed_on {
                entries.push((
                    Placed::dated(closed, noon(closed)),
                    TimelineEntry::DisputeClosed {
                        date: closed,
                        invoice_id: d.invoice_id,
                        invoice_number: d.invoice_number.clone(),
                        status: d.status,
                        resolution: d.resolution,
                    },
                ));
            }
        }
        for n in &self.credit_notes {
            entries.push((
                Placed::dated(n.issued_on, noon(n.issued_on)),
                TimelineEntry::CreditNoteIssued {
                    date: n.issued_on,
                    number: n.number.clone(),
                    invoice_id: n.invoice_id,
                    invoice_number: n.invoice_number.clone(),
                    amount: money(n.amount_minor),
                    reason: n.reason.clone(),
                },
            ));
        }
        // Calls go in before promises: a promise made on a call shares its
        // place, and the stable sort keeps the call above what came of it.
        for contact in &self.contacts {
            entries.push((
                Placed::new(contact.happened_at, contact.recorded_at),
                TimelineEntry::Contact {
                    contact_id: contact.id,
                    date: contact.happened_at.date(),
                    time: contact.happened_at.format("%H:%M").to_string(),
                    channel: contact.channel,
                    person: contact.person,
                    person_name: contact.person_name.clone(),
                    notes: contact.notes.clone(),
                    agreed: contact.agreed.clone(),
                    recap: duly_core::contact_log::recappable(contact.channel, contact.outcome),
                    outcome: contact.outcome,
                    next_step: contact.next_step.clone(),
                    follow_up_on: contact.follow_up_on,
                },
            ));
        }
        for (p, outcome) in self
            .promises
            .iter()
            .filter_map(|p| Some((p, self.outcome(p)?)))
        {
            let made_on_a_call = p
                .contact_id
                .and_then(|id| self.contacts.iter().find(|c| c.id == id))
                .map(|call| Placed::new(call.happened_at, call.recorded_at));
            entries.push((
                made_on_a_call.unwrap_or_else(|| Placed::dated(p.made_on, p.recorded_at)),
                TimelineEntry::Promise(PromiseView::new(p, outcome, c)),
            ));
        }
        for (at, status, reason) in &self.decisions {
            entries.push((
                Placed::new(*at, *at),
                TimelineEntry::ServiceDecision {
                    date: at.date(),
                    status: *status,
                    reason: reason.clone(),
                },
            ));
        }
        // Newest first; equal places keep the order they were pushed in.
        entries.sort_by_key(|e| std::cmp::Reverse(e.0));
        entries.into_iter().map(|(_, e)| e).collect()
    }
}

/// Where an event stands on the timeline: the minute it happened, then,
/// within one minute, the moment it was entered. Calls are logged to the
/// minute, so a call logged just after a payment was recorded, in the same
/// minute, still shows above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Placed {
    minute: NaiveDateTime,
    entered: NaiveDateTime,
}

impl Placed {
    fn new(happened: NaiveDateTime, entered: NaiveDateTime) -> Self {
        let minute = happened.with_second(0).unwrap_or(happened);
        Placed {
            minute: minute.with_nanosecond(0).unwrap_or(minute),
            entered,
        }
    }

    /// An event known by its date (an invoice's issue, a payment, a
    /// promise): among the day's timed events (calls, emails) it sits at the
    /// moment it was entered if that was the same day, else (entered later,
    /// back-dated) at noon, since its hour is unknown.
    fn dated(day: NaiveDate, entered: NaiveDateTime) -> Self {
        let happened = if entered.date() == day {
            entered
        } else {
            noon(day)
        };
        Placed::new(happened, entered)
    }
}

fn noon(day: NaiveDate) -> NaiveDateTime {
    NaiveDateTime::new(day, NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
}

/// The customer's money and promises at a glance, for the page header: every
/// figure is the account's standing today.
#[derive(Debug, Clone, Serialize)]
pub struct AccountView {
    pub currency: &'static str,
    pub balance: String,
    pub credit: String,
    /// Past due, paused or not (what the aging calls overdue).
    pub overdue: String,
    /// Past due and nothing pauses it: what a reminder may chase.
    pub chaseable: String,
    pub not_yet_due: String,
    pub disputed: String,
    pub in_plan: String,
    pub promised: String,
    pub oldest_days_late: i64,
    /// Unapplied credit and something owed to apply it to.
    pub can_apply_credit: bool,
    pub broken_promises: usize,
    pub pending_promises: usize,
    /// The ladder's suggestion today (the Draft page and This week show the same).
    pub suggestion: Option<Suggestion>,
    /// The follow-up the owner set on the latest contact that has one: their
    /// own plan, shown beside the ladder's.
    pub planned: Option<PlannedFollowUp>,
    pub promises: Vec<PromiseView>,
    /// The newest page of the customer's history; [`timeline`] gives the rest.
    pub timeline: Page<TimelineEntry>,
}

/// "Follow up on 2 Dec: confirm the check arrived", as the owner logged it.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedFollowUp {
    pub on: NaiveDate,
    pub next_step: String,
}

pub fn account(book: &mut Book, customer_id: i64, now: NaiveDateTime) -> Result<AccountView> {
    let today = now.date();
    let account = book.read(|tx| {
        duly_store::customers::get(tx, customer_id)?;
        Account::load(tx, customer_id, today)
    })?;
    let c = account.currency;
    let promises = account.promise_views();
    let count = |s: PromiseStatus| promises.iter().filter(|p| p.outcome.status == s).count();
    let t = account.standing.totals;
    Ok(AccountView {
        currency: c.code(),
        balance: c.format(t.owed),
        credit: c.format(t.credit),
        overdue: c.format(t.past_due),
        chaseable: c.format(t.overdue),
        not_yet_due: c.format(t.not_yet_due),
        disputed: c.format(t.disputed),
        in_plan: c.format(t.in_plan),
        promised: c.format(t.promised),
        oldest_days_late: account.standing.oldest_days_late,
        can_apply_credit: t.credit > rust_decimal::Decimal::ZERO
            && t.owed > rust_decimal::Decimal::ZERO,
        broken_promises: count(PromiseStatus::Broken),
        pending_promises: count(PromiseStatus::Pending),
        suggestion: account.standing.suggestion.clone(),
        // Contacts come newest first.
        planned: account.contacts.iter().find_map(|x| {
            x.follow_up_on.map(|on| PlannedFollowUp {
                on,
                next_step: x.next_step.clone(),
            })
        }),
        timeline: Span::default().take(account.timeline()),
        promises,
    })
}

/// The page of a customer's history, newest first, that `span` asks for:
/// "Show older" on the customer page.
pub fn timeline(
    book: &mut Book,
    customer_id: i64,
    span: Span,
    now: NaiveDateTime,
) -> Result<Page<TimelineEntry>> {
    let account = book.read(|tx| {
        duly_store::customers::get(tx, customer_id)?;
        Account::load(tx, customer_id, now.date())
    })?;
    Ok(span.take(account.timeline()))
}
