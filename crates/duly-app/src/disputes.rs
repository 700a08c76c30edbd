//! Dispute commands: open, acknowledge (with a promised date and a drafted
//! acknowledgement), escalate, note, resolve (credit note, discount, corrected
//! invoice, or explanation; with an apology when the error was ours), and the
//! owner's small report by cause. Also credit notes on their own.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::dispute::{
    add_business_days, check_credit, DisputeForm, DisputeStatus, Resolution, ResolveForm,
};
use duly_core::invoice::{Draft, InvoiceState};
use duly_core::{totals, DomainError};
use duly_store::disputes::{self, Dispute};
use duly_store::{credit_notes, invoices, payments, profile, Book};
use serde::{Deserialize, Serialize};

use crate::documents::format::money;
use crate::error::Result;

#[derive(Debug, Clone, Serialize)]
pub struct DisputeView {
    pub id: i64,
    pub invoice_id: i64,
    pub invoice_number: String,
    pub customer_id: i64,
    pub line: Option<i64>,
    pub cause: duly_core::dispute::DisputeCause,
    pub customer_words: String,
    pub amount: duly_core::money::Money,
    pub status: DisputeStatus,
    pub opened_on: NaiveDate,
    pub resolve_by: Option<NaiveDate>,
    /// Open on the day asked about (opened, not yet closed): it pauses the invoice.
    pub open: bool,
    /// Open past its promised resolution date.
    pub overdue: bool,
    pub closed_on: Option<NaiveDate>,
    pub resolution: Option<Resolution>,
    pub our_error: bool,
    /// (day, what, note), oldest first.
    pub updates: Vec<(NaiveDate, String, String)>,
}

/// The dispute as the standing knows it.
pub fn as_standing_fact(d: &Dispute) -> duly_core::standing::DisputeRecord {
    duly_core::standing::DisputeRecord {
        id: d.id,
        invoice_id: d.invoice_id,
        opened_on: d.opened_on,
        closed_on: d.closed_on,
        resolve_by: d.resolve_by,
    }
}

/// An amount the forms have validated, in minor units; one the book cannot
/// hold is refused rather than recorded as zero.
fn recordable(
    currency: duly_core::Currency,
    amount: rust_decimal::Decimal,
) -> duly_store::Result<i64> {
    currency
        .to_minor(amount)
        .ok_or_else(|| DomainError::field("amount", "That amount is too large to record.").into())
}

/// Open on `on` (opened by then, not yet closed), as the standing judges it.
pub fn is_open_on(d: &Dispute, on: NaiveDate) -> bool {
    as_standing_fact(d).open_on(on)
}

pub fn view(d: &Dispute, currency: duly_core::Currency, today: NaiveDate) -> DisputeView {
    DisputeView {
        id: d.id,
        invoice_id: d.invoice_id,
        invoice_number: d.invoice_number.clone(),
        customer_id: d.customer_id,
        line: d.line_position,
        cause: d.cause,
        customer_words: d.customer_words.clone(),
        amount: currency.money(currency.from_minor(d.amount_minor)),
        status: d.status,
        opened_on: d.opened_on,
        resolve_by: d.resolve_by,
        open: is_open_on(d, today),
        overdue: is_open_on(d, today) && d.resolve_by.is_some_and(|r| r < today),
        closed_on: d.closed_on,
        resolution: d.resolution,
        our_error: d.our_error,
        updates: d
            .updates
            .iter()
            .map(|(on, kind, note)| (*on, kind.clone(), note.clone()))
            .collect(),
    }
}

/// Opens a dispute on an issued invoice (or one of its lines).
pub fn open(book: &mut Book, form: &DisputeForm, now: NaiveDateTime) -> Result<DisputeView> {
    let today = now.date();
    Ok(book.write(|tx| {
        let currency = profile::get(tx)?.currency;
        let invoice = invoices::get(tx, form.invoice_id)?;
        if invoice.header.state != InvoiceState::Issued {
            return Err(
                DomainError::NotAllowed("Only an issued invoice can be disputed.".into()).into(),
            );
        }
        if disputes::active_on(tx, form.invoice_id)?.is_some() {
            return Err(DomainError::NotAllowed(format!(
                "Invoice {} already has an open dispute; add to it instead.",
                invoice.header.label()
            ))
            .into());
        }
        let balance = currency.from_minor(invoice.header.balance_minor);
        let limit = match form.line {
            Some(i) => totals::compute(currency, &invoice.lines, &invoice.fees)
                .line_amounts
                .get(i)
                .copied()
                .unwrap_or_default()
                .min(balance),
            None => balance,
        };
        let new = form.validate(currency, limit, invoice.lines.len())?;
        let minor = recordable(currency, new.amount)?;
        let id = disputes::open(tx, &new, minor, today, now)?;
        Ok(view(&disputes::get(tx, id)?, currency, today))
    })?)
}

/// Acknowledges a dispute: the promised resolution date is N business days
/// from today (the owner's policy).
pub fn acknowledge(book: &mut Book, id: i64, now: NaiveDateTime) -> Result<DisputeView> {
    let today = now.date();
    Ok(book.write(|tx| {
        let business = profile::get(tx)?;
        let currency = business.currency;
        let d = disputes::get(tx, id)?;
        if d.status != DisputeStatus::Open {
            return Err(
                DomainError::NotAllowed("This dispute was already acknowledged.".into()).into(),
            );
        }
        let by = add_business_days(today, disputes::business_days(tx)?);
        disputes::set_status(tx, id, DisputeStatus::Acknowledged, Some(by))?;
        disputes::note(
            tx,
            id,
            today,
            "acknowledged",
            &format!("Resolution promised by {}.", business.date_style().day(by)),
            now,
        )?;
        Ok(view(&disputes::get(tx, id)?, currency, today))
    })?)
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct NoteForm {
    pub note: String,
    pub escalate: bool,
}

/// Adds a note to the dispute's timeline, escalating it if asked.
pub fn update(
    book: &mut Book,
    id: i64,
    form: &NoteForm,
    now: NaiveDateTime,
) -> Result<DisputeView> {
    let today = now.date();
    Ok(book.write(|tx| {
        let currency = profile::get(tx)?.currency;
        let d = disputes::get(tx, id)?;
        d.status.ensure_active()?;
        let note = duly_core::text::paragraph("note", "Note", &form.note, true)
            .map_err(|e| DomainError::Invalid(vec![e]))?;
        if form.escalate {
            disputes::set_status(tx, id, DisputeStatus::Escalated, None)?;
        }
        disputes::note(
            tx,
            id,
            today,
            if form.escalate { "escalated" } else { "note" },
            &note,
            now,
        )?;
        Ok(view(&disputes::get(tx, id)?, currency, today))
    })?)
}

/// What resolving produced, besides the dispute itself.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub dispute: DisputeView,
    pub credit_note: Option<String>,
    /// The draft that corrects the voided invoice, to edit and issue.
    pub corrected_draft_id: Option<i64>,
}

pub fn resolve(
    book: &mut Book,
    id: i64,
    form: &ResolveForm,
    now: NaiveDateTime,
) -> Result<Outcome> {
    let today = now.date();
    Ok(book.write(|tx| {
        let currency = profile::get(tx)?.currency;
        let d = disputes::get(tx, id)?;
        d.status.ensure_active()?;
        let header = invoices::header_of(tx, d.invoice_id)?;
        let resolved = form.validate(currency, currency.from_minor(header.balance_minor))?;
        let mut credit_note = None;
        let mut corrected_draft_id = None;
        match (resolved.resolution, resolved.amount) {
            (Some(Resolution::CreditNote | Resolution::Discount), Some(amount)) => {
                let minor = recordable(currency, amount)?;
                let (_, number) = credit_notes::issue(
                    tx,
                    d.invoice_id,
                    d.line_position,
                    today,
                    minor,
                    &resolved.note,
                    Some(id),
                    now,
                )?;
                credit_note = Some(number);
            }
            (Some(Resolution::CorrectedInvoice), _) => {
                if payments::has_live_allocations(tx, d.invoice_id)? {
                    return Err(DomainError::NotAllowed(format!(
                        "Invoice {} has payments applied; resolve with a credit note instead.",
                        header.label()
                    ))
                    .into());
                }
                let original = invoices::get(tx, d.invoice_id)?;
                invoices::void(
                    tx,
                    d.invoice_id,
                    &format!("Corrected after a dispute: {}", resolved.note),
                    now,
                )?;
                let copy = Draft {
                    customer_id: original.header.customer_id,
                    lines: original.lines.clone(),
                    fees: original.fees.clone(),
                    notes: format!("Replaces invoice {}.", header.label()),
                };
                let sums = totals::compute(original.header.currency, &copy.lines, &copy.fees);
                let draft_id =
                    invoices::insert_draft(tx, &copy, original.header.currency, &sums, now)?;
                invoices::set_replaces(tx, draft_id, d.invoice_id)?;
                corrected_draft_id = Some(draft_id);
            }
            _ => {}
        }
        let (status, kind) = if form.reject {
            (DisputeStatus::Rejected, "rejected")
        } else {
            (DisputeStatus::Resolved, "resolved")
        };
        disputes::close(
            tx,
            id,
            status,
            resolved.resolution,
            resolved.our_error,
            today,
        )?;
        disputes::note(tx, id, today, kind, &resolved.note, now)?;
        Ok(Outcome {
            dispute: view(&disputes::get(tx, id)?, currency, today),
            credit_note,
            corrected_draft_id,
        })
    })?)
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct CreditNoteForm {
    pub amount: String,
    pub reason: String,
    pub line: Option<i64>,
}

/// A credit note on its own (a goodwill gesture, a correction): numbered in
/// its own sequence, reducing what the invoice owes; never above it.
pub fn credit_note(
    book: &mut Book,
    invoice_id: i64,
    form: &CreditNoteForm,
    now: NaiveDateTime,
) -> Result<String> {
    Ok(book.write(|tx| {
        let currency = profile::get(tx)?.currency;
        let header = invoices::header_of(tx, invoice_id)?;
        if header.state != InvoiceState::Issued {
            return Err(
                DomainError::NotAllowed("Only an issued invoice can be credited.".into()).into(),
            );
        }
        let (amount, reason) = check_credit(
            currency,
            &form.amount,
            &form.reason,
            currency.from_minor(header.balance_minor),
        )?;
        let minor = recordable(currency, amount)?;
        let (_, number) = credit_notes::issue(
            tx,
            invoice_id,
            form.line,
            now.date(),
            minor,
            &reason,
            None,
            now,
        )?;
        Ok(number)
    })?)
}

pub fn list(
    book: &mut Book,
    customer_id: Option<i64>,
    now: NaiveDateTime,
) -> Result<Vec<DisputeView>> {
    let today = now.date();
    Ok(book.read(|tx| {
        let currency = profile::get(tx)?.currency;
        Ok(disputes::list(tx, customer_id)?
            .iter()
            .map(|d| view(d, currency, today))
            .collect())
    })?)
}

/// One row of the owner's dispute report.
#[derive(Debug, Clone, Serialize)]
pub struct CauseRow {
    pub cause: duly_core::dispute::DisputeCause,
    pub count: usize,
    pub amount: String,
    pub our_error: usize,
    /// Average days from opening to closing, for closed disputes.
    pub average_days_to_resolve: Option<String>,
}

/// Disputes by cause and how long they took, for the owner's own audits.
pub fn report(book: &mut Book) -> Result<Vec<CauseRow>> {
    Ok(book.read(|tx| {
        let currency = profile::get(tx)?.currency;
        let mut by: BTreeMap<&'static str, (duly_core::dispute::DisputeCause, Vec<Dispute>)> =
            BTreeMap::new();
        for d in disputes::list(tx, None)? {
            by.entry(d.cause.as_str())
                .or_insert_with(|| (d.cause, Vec::new()))
                .1
                .push(d);
        }
        Ok(by
            .into_values()
            .map(|(cause, list)| {
                let closed: Vec<i64> = list
                    .iter()
                    .filter_map(|d| d.closed_on.map(|c| (c - d.opened_on).num_days()))
                    .collect();
                CauseRow {
                    cause,
                    count: list.len(),
                    amount: money(
                        currency,
                        currency.from_minor(list.iter().map(|d| d.amount_minor).sum()),
                    ),
                    our_error: list.iter().filter(|d| d.our_error).count(),
                    average_days_to_resolve: (!closed.is_empty()).then(|| {
                        let avg = rust_decimal::Decimal::from(closed.iter().sum::<i64>())
                            / rust_decimal::Decimal::from(closed.len());
                        avg.round_dp(1).to_string()
                    }),
                }
            })
            .collect())
    })?)
}

/// A credit note's PDF: the same layout as an invoice, titled "Credit note",
/// naming the invoice it reduces and why.
pub fn credit_note_pdf(book: &mut Book, number: &str) -> Result<crate::documents::Rendered> {
    use duly_documents::{InvoiceDocument, InvoiceLine, TotalRow};
    let (doc, file_name) = book.read(|tx| {
        let sender = crate::documents::Sender::read(tx)?;
        let c = sender.currency();
        let note = credit_notes::list(tx, None)?
            .into_iter()
            .find(|n| n.number == number)
            .ok_or_else(|| {
                duly_store::StoreError::not_found(format!("Credit note {number} does not exist."))
            })?;
        let customer = duly_store::customers::get(tx, note.customer_id)?;
        let amount = money(c, c.from_minor(note.amount_minor));
        let against = match note.line_position {
            Some(line) => format!(
                "Credit against invoice {}, line {}",
                note.invoice_number,
                line + 1
            ),
            None => format!("Credit against invoice {}", note.invoice_number),
        };
        let doc = InvoiceDocument {
            page_size: sender.page_size(),
            letterhead: sender.letterhead(),
            title: "Credit note".into(),
            number: note.number.clone(),
            facts: vec![
                ("Date".into(), sender.dates().day(note.issued_on)),
                ("Invoice".into(), note.invoice_number.clone()),
            ],
            bill_to_label: "Credit to".into(),
            bill_to: std::iter::once(customer.details.company.clone())
                .chain(crate::documents::format::lines(&customer.details.address))
                .collect(),
            lines: vec![InvoiceLine {
                description: format!("{against}: {}", note.reason),
                amount: amount.clone(),
                ..InvoiceLine::default()
            }],
            totals: vec![TotalRow::strong("Credit total", amount)],
            sections: vec![(
                "What this means".into(),
                format!(
                    "This credit reduces what is owed on invoice {}. No payment is due for it.",
                    note.invoice_number
                ),
            )],
            ..InvoiceDocument::default()
        };
        Ok((
            doc,
            format!("{} {}.pdf", note.number, customer.details.company),
        ))
    })?;
    Ok(crate::documents::Rendered {
        bytes: duly_documents::render_invoice(&doc)?,
        file_name,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct CreditNoteView {
    pub number: String,
    pub invoice_id: i64,
    pub invoice_number: String,
    pub issued_on: NaiveDate,
    pub amount: String,
    pub reason: String,
}

pub fn credit_notes(book: &mut Book, customer_id: i64) -> Result<Vec<CreditNoteView>> {
    Ok(book.read(|tx| {
        let currency = profile::get(tx)?.currency;
        Ok(credit_notes::list(tx, Some(customer_id))?
            .into_iter()
            .map(|n| CreditNoteView {
                number: n.number,
                invoice_id: n.invoice_id,
                invoice_number: n.invoice_number,
                issued_on: n.issued_on,
                amount: currency.format(currency.from_minor(n.amount_minor)),
                reason: n.reason,
            })
            .collect())
    })?)
}
