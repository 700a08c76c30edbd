//! Recurring invoices: a schedule made from an invoice bills its lines every
//! period. `run_due` runs when Duly starts and when the day changes: each
//! missed period is billed in order, dated for its own period, one write
//! per period (the invoice, its number if issued, and the run), so a crash
//! between two periods leaves the next to the next start and nothing twice.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::invoice::{Draft, IssueForm};
use duly_core::schedule::{self, Cadence, CadenceForm, Frequency};
use duly_core::{totals, DomainError};
use duly_store::schedules::{self, Billing, Schedule};
use duly_store::{customers, invoices, profile, Book, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::views::InvoiceRow;

/// "Make recurring…" on an invoice, as typed.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct ScheduleForm {
    #[serde(flatten)]
    pub cadence: CadenceForm,
    /// Issue each invoice as made; otherwise a draft to review (the default).
    pub issue: bool,
    /// The first line's description for every period; may name it with
    /// "{{ period }}" ("Bookkeeping, {{ period }}"). Empty keeps the line.
    pub first_line: String,
}

/// A schedule as its customer's page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ScheduleView {
    pub id: i64,
    pub customer_id: i64,
    pub company: String,
    pub every: Frequency,
    /// "every month from Dec 1, 2026, 12 invoices".
    pub describe: String,
    pub issue: bool,
    pub paused: bool,
    pub ended: bool,
    /// The next period's date and its first line, while it runs.
    pub next_on: Option<NaiveDate>,
    pub next_first_line: Option<String>,
    /// What it made, oldest first: (period, invoice id, number or "Draft").
    pub made: Vec<Made>,
    /// What future periods bill, as the edit dialog shows it.
    pub ends_on: Option<NaiveDate>,
    pub max_count: Option<u32>,
    pub first_line: String,
}

/// An invoice issued from the review, for the offer to email it.
#[derive(Debug, Clone, Serialize)]
pub struct Issued {
    pub invoice_id: i64,
    pub number: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Made {
    pub period_on: NaiveDate,
    pub period: String,
    pub invoice_id: Option<i64>,
    /// The number, "Draft", or "Skipped" when the draft was deleted.
    pub label: String,
}

/// What a run made, for This week ("3 invoices ready to review").
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunReport {
    pub drafts: usize,
    pub issued: Vec<String>,
}

fn first_line(form: &ScheduleForm) -> std::result::Result<Option<String>, DomainError> {
    if form.first_line.trim().is_empty() {
        return Ok(None);
    }
    duly_core::text::paragraph("first_line", "First line", &form.first_line, true)
        .map(Some)
        .map_err(|e| DomainError::Invalid(vec![e]))
}

/// Makes a schedule from an invoice (issued, void or a draft): its lines,
/// fees and notes, billed to its customer every period from the first date.
/// Nothing is billed here; the next run bills what is due.
pub fn from_invoice(
    book: &mut Book,
    invoice_id: i64,
    form: &ScheduleForm,
    now: NaiveDateTime,
) -> Result<ScheduleView> {
    let cadence = form.cadence.validate()?;
    let first = first_line(form)?;
    let id = book.write(|tx| {
        let invoice = invoices::get(tx, invoice_id)?;
        let customer = customers::get(tx, invoice.header.customer_id)?;
        if customer.archived {
            return Err(DomainError::NotAllowed(format!(
                "{} is archived; restore them before billing them.",
                customer.details.company
            ))
            .into());
        }
        let mut lines = invoice.lines.clone();
        if let (Some(text), Some(line)) = (&first, lines.first_mut()) {
            line.description.clone_from(text);
        }
        let currency = profile::get(tx)?.currency;
        schedules::insert(
            tx,
            invoice.header.customer_id,
            &cadence,
            form.issue,
            &Billing {
                lines,
                fees: invoice.fees.clone(),
                notes: invoice.notes.clone(),
            },
            currency,
            now,
        )
    })?;
    get(book, id)
}

pub fn get(book: &mut Book, id: i64) -> Result<ScheduleView> {
    Ok(book.read(|tx| {
        let business = profile::get(tx)?;
        let s = schedules::get(tx, id, business.currency)?;
        Ok(view(&s, business.date_style()))
    })?)
}

/// A customer's schedules, oldest first.
pub fn for_customer(book: &mut Book, customer_id: i64) -> Result<Vec<ScheduleView>> {
    Ok(book.read(|tx| {
        let business = profile::get(tx)?;
        Ok(schedules::list(tx, Some(customer_id), business.currency)?
            .iter()
            .map(|s| view(s, business.date_style()))
            .collect())
    })?)
}

fn view(s: &Schedule, dates: duly_core::country::DateStyle) -> ScheduleView {
    let c = &s.cadence;
    let mut describe = format!("{} from {}", c.every.words(), dates.day(c.starts_on));
    if let Some(end) = c.ends_on {
        describe.push_str(&format!(" until {}", dates.day(end)));
    }
    if let Some(max) = c.max_count {
        let noun = if max == 1 { "invoice" } else { "invoices" };
        describe.push_str(&format!(", {max} {noun}"));
    }
    let next_on = s.is_active().then(|| c.next(s.billed())).flatten();
    ScheduleView {
        id: s.id,
        customer_id: s.customer_id,
        company: s.company.clone(),
        every: c.every,
        describe,
        issue: s.issue,
        paused: s.paused,
        ended: s.ended_on.is_some(),
        next_on,
        next_first_line: next_on.and_then(|on| {
            s.billing
                .lines
                .first()
                .map(|l| schedule::describe(&l.description, &c.period_name(on, dates)))
        }),
        made: s
            .runs
            .iter()
            .map(|r| Made {
                period_on: r.period_on,
                period: c.period_name(r.period_on, dates),
                invoice_id: r.invoice_id,
                label: match (&r.invoice_id, &r.number) {
                    (None, _) => "Skipped".into(),
                    (Some(_), Some(number)) => number.clone(),
                    (Some(_), None) => "Draft".into(),
                },
            })
            .collect(),
        ends_on: c.ends_on,
        max_count: c.max_count,
        first_line: s
            .billing
            .lines
            .first()
            .map(|l| l.description.clone())
            .unwrap_or_default(),
    }
}

/// Bills every period due by `now` of every running schedule, oldest first,
/// one write per period.
pub fn run_due(book: &mut Book, now: NaiveDateTime) -> Result<RunReport> {
    let today = now.date();
    let due: Vec<(i64, Vec<(u32, NaiveDate)>)> = book.read(|tx| {
        let currency = profile::get(tx)?.currency;
        Ok(schedules::list(tx, None, currency)?
            .iter()
            .filter(|s| s.is_active())
            .map(|s| (s.id, s.cadence.due(s.billed(), today)))
            .filter(|(_, periods)| !periods.is_empty())
            .collect())
    })?;
    let mut report = RunReport::default();
    for (id, periods) in due {
        for (_, on) in periods {
            match book.write(|tx| bill(tx, id, on, now))? {
                Some(number) => report.issued.push(number),
                None => report.drafts += 1,
            }
        }
    }
    Ok(report)
}

/// Bills one period: the invoice dated for it (issued, when the schedule
/// says so) and the run that marks the period billed.
fn bill(
    tx: &Transaction,
    id: i64,
    on: NaiveDate,
    now: NaiveDateTime,
) -> duly_store::Result<Option<String>> {
    let business = profile::get(tx)?;
    let s = schedules::get(tx, id, business.currency)?;
    let period = s.cadence.period_name(on, business.date_style());
    let draft = Draft {
        customer_id: s.customer_id,
        lines: s
            .billing
            .lines
            .iter()
            .map(|l| duly_core::invoice::Line {
                description: schedule::describe(&l.description, &period),
                ..l.clone()
            })
            .collect(),
        fees: s.billing.fees.clone(),
        notes: s.billing.notes.clone(),
    };
    let totals = totals::compute(business.currency, &draft.lines, &draft.fees);
    let invoice = invoices::insert_draft(tx, &draft, business.currency, &totals, now)?;
    schedules::record_run(tx, id, on, invoice, now)?;
    if !s.issue {
        return Ok(None);
    }
    let dated = IssueForm {
        issue_date: on.format("%Y-%m-%d").to_string(),
        due_date: String::new(),
    };
    crate::invoices::issue_in(tx, invoice, &dated, now).map(Some)
}

/// The drafts schedules made that wait for the owner's review.
pub fn to_review(book: &mut Book, now: NaiveDateTime) -> Result<Vec<InvoiceRow>> {
    let ids = book.read(|tx| schedules::drafts_to_review(tx))?;
    ids.into_iter()
        .map(|(id, _)| crate::invoices::get(book, id, now).map(|v| v.row))
        .collect()
}

/// Issues every draft a schedule made, each dated for its own period: the
/// owner's one step after reviewing them. Returns the invoices and numbers.
pub fn issue_reviewed(book: &mut Book, now: NaiveDateTime) -> Result<Vec<Issued>> {
    Ok(book.write(|tx| {
        schedules::drafts_to_review(tx)?
            .into_iter()
            .map(|(invoice, on)| {
                let dated = IssueForm {
                    issue_date: on.format("%Y-%m-%d").to_string(),
                    due_date: String::new(),
                };
                crate::invoices::issue_in(tx, invoice, &dated, now).map(|number| Issued {
                    invoice_id: invoice,
                    number,
                })
            })
            .collect()
    })?)
}

/// What future periods bill, as changed on the Recurring tab.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct FutureForm {
    /// Empty: no end date.
    pub ends_on: String,
    /// Empty: no limit.
    pub max_count: String,
    pub issue: bool,
    /// Empty keeps the first line.
    pub first_line: String,
}

/// Changes the schedule's future runs (its end, its count, drafts or
/// issued, the first line); periods already billed stay as they are. The
/// rules are the new schedule form's, with its first date kept.
pub fn change_future(book: &mut Book, id: i64, form: &FutureForm) -> Result<ScheduleView> {
    book.write(|tx| {
        let currency = profile::get(tx)?.currency;
        let s = schedules::get(tx, id, currency)?;
        if s.ended_on.is_some() {
            return Err(DomainError::NotAllowed("This recurring invoice has ended.".into()).into());
        }
        let typed = ScheduleForm {
            cadence: CadenceForm {
                every: s.cadence.every,
                starts_on: s.cadence.starts_on.format("%Y-%m-%d").to_string(),
                ends_on: form.ends_on.clone(),
                max_count: form.max_count.clone(),
            },
            issue: form.issue,
            first_line: form.first_line.clone(),
        };
        let cadence = typed.cadence.validate()?;
        let first = first_line(&typed)?;
        schedules::update_future(
            tx,
            id,
            cadence.ends_on,
            cadence.max_count,
            form.issue,
            first.as_deref(),
        )
    })?;
    get(book, id)
}

/// What the owner can do with a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Pause,
    Resume,
    End,
}

pub fn change(
    book: &mut Book,
    id: i64,
    change: Change,
    now: NaiveDateTime,
) -> Result<ScheduleView> {
    book.write(|tx| {
        let currency = profile::get(tx)?.currency;
        let s = schedules::get(tx, id, currency)?;
        if s.ended_on.is_some() {
            return Err(DomainError::NotAllowed("This recurring invoice has ended.".into()).into());
        }
        match change {
            Change::Pause => schedules::set_paused(tx, id, true),
            Change::Resume => schedules::set_paused(tx, id, false),
            Change::End => schedules::end(tx, id, now.date()),
        }
    })?;
    get(book, id)
}

/// The first period's invoice line as it will read, for the dialog's preview.
pub fn preview(book: &mut Book, invoice_id: i64, form: &ScheduleForm) -> Result<Option<String>> {
    let cadence: Cadence = form.cadence.validate()?;
    let first = first_line(form)?;
    Ok(book.read(|tx| {
        let business = profile::get(tx)?;
        let invoice = invoices::get(tx, invoice_id)?;
        let text = first.or_else(|| invoice.lines.first().map(|l| l.description.clone()));
        Ok(text.map(|t| {
            schedule::describe(
                &t,
                &cadence.period_name(cadence.starts_on, business.date_style()),
            )
        }))
    })?)
}
