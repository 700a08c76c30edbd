//! Invoice commands: preview totals, save drafts, issue, void, look up, list
//! (a page at a time, filtered, searched and sorted here).

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::invoice::{validate_void_reason, DraftForm, InvoiceStatus, IssueForm};
use duly_core::standing::{PauseReason, Standing};
use duly_core::totals;
use duly_core::{Currency, DomainError, FieldError};
use duly_store::invoices::{self, Footer, Invoice, InvoiceHeader};
use duly_store::{customers, profile, tax_rates, Book};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, Result};
use crate::page::{Page, PageQuery};
use crate::standing;
use crate::views::{InvoiceRow, InvoiceView, TotalsView};

/// The live totals under the editor, computed by the core (one source of
/// truth), or the problems that keep them from being computed.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub totals: Option<TotalsView>,
    pub problems: Vec<FieldError>,
}

pub fn preview(book: &mut Book, form: &DraftForm) -> Result<Preview> {
    let (rates, currency) =
        book.read(|tx| Ok((tax_rates::list(tx)?, profile::get(tx)?.currency)))?;
    // The customer is not needed to add up; don't report it while typing.
    let mut form = form.clone();
    form.customer_id.get_or_insert(0);
    Ok(match form.validate(&rates, currency) {
        Ok(draft) => Preview {
            totals: Some(TotalsView::new(
                &totals::compute(currency, &draft.lines, &draft.fees),
                currency,
            )),
            problems: Vec::new(),
        },
        Err(e) => Preview {
            totals: None,
            problems: AppError::from(e).fields,
        },
    })
}

/// Creates a draft (`id` = None) or replaces an existing draft's content.
pub fn save_draft(
    book: &mut Book,
    id: Option<i64>,
    form: &DraftForm,
    now: NaiveDateTime,
) -> Result<InvoiceView> {
    let invoice = book.write(|tx| {
        let rates = tax_rates::list(tx)?;
        let currency = profile::get(tx)?.currency;
        let draft = form.validate(&rates, currency)?;
        customers::get(tx, draft.customer_id)?;
        let totals = totals::compute(currency, &draft.lines, &draft.fees);
        let id = match id {
            Some(id) => {
                let header = invoices::header_of(tx, id)?;
                header.state.ensure_editable(header.label())?;
                invoices::replace_draft(tx, id, &draft, header.currency, &totals, now)?;
                id
            }
            None => invoices::insert_draft(tx, &draft, currency, &totals, now)?,
        };
        invoices::get(tx, id)
    })?;
    view(book, &invoice, now.date())
}

pub fn delete_draft(book: &mut Book, id: i64) -> Result<()> {
    book.write(|tx| {
        let header = invoices::header_of(tx, id)?;
        header.state.ensure_deletable(header.label())?;
        invoices::delete_draft(tx, id)
    })?;
    Ok(())
}

/// Issues a draft: next number, issue date, due date from the customer's terms
/// (or the business default), footer texts frozen from the profile.
pub fn issue(
    book: &mut Book,
    id: i64,
    form: &IssueForm,
    now: NaiveDateTime,
) -> Result<InvoiceView> {
    let invoice = book.write(|tx| {
        issue_in(tx, id, form, now)?;
        invoices::get(tx, id)
    })?;
    view(book, &invoice, now.date())
}

/// [`issue`] inside the caller's transaction, returning the number: a
/// recurring schedule issues the invoice it makes in the same write that
/// records the period.
pub(crate) fn issue_in(
    tx: &duly_store::Transaction,
    id: i64,
    form: &IssueForm,
    now: NaiveDateTime,
) -> duly_store::Result<String> {
    let invoice = invoices::get(tx, id)?;
    invoice
        .header
        .state
        .ensure_issuable(invoice.header.label())?;
    let draft = duly_core::invoice::Draft {
        customer_id: invoice.header.customer_id,
        lines: invoice.lines.clone(),
        fees: invoice.fees.clone(),
        notes: invoice.notes.clone(),
    };
    draft.ensure_issuable()?;
    let business = profile::get(tx)?;
    let customer = customers::get(tx, invoice.header.customer_id)?;
    let terms = customer
        .details
        .terms_days
        .unwrap_or(business.default_terms_days);
    let schedule = form.schedule(terms)?;
    let late_fees = duly_store::late_fees::policy(tx, business.currency)?;
    invoices::issue(
        tx,
        id,
        &schedule,
        &Footer::from_profile(&business, &late_fees),
        now,
    )
}

/// Whom a duplicate is for: the same customer (`None`) or another.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct DuplicateForm {
    pub customer_id: Option<i64>,
}

/// Copies any invoice, a void one too, as a new draft: next month's
/// retainer, or "billed the wrong client" → the same lines for the right
/// one. Lines keep the tax as the original printed it; the draft gets its
/// number, dates and footer when it is issued. A finance-charge invoice is
/// not copied: Late fees makes those, from what is owed that day.
pub fn duplicate(
    book: &mut Book,
    id: i64,
    form: &DuplicateForm,
    now: NaiveDateTime,
) -> Result<InvoiceView> {
    let invoice = book.write(|tx| {
        let original = invoices::get(tx, id)?;
        if duly_store::late_fees::charge_invoice_ids(tx)?.contains(&id) {
            return Err(DomainError::NotAllowed(format!(
                "Invoice {} is a finance charge; Late fees makes those from what is owed.",
                original.header.label()
            ))
            .into());
        }
        let customer_id = form.customer_id.unwrap_or(original.header.customer_id);
        let customer = customers::get(tx, customer_id)?;
        if customer.archived {
            return Err(DomainError::NotAllowed(format!(
                "{} is archived; restore them before billing them.",
                customer.details.company
            ))
            .into());
        }
        let draft = duly_core::invoice::Draft {
            customer_id,
            lines: original.lines.clone(),
            fees: original.fees.clone(),
            notes: original.notes.clone(),
        };
        let currency = profile::get(tx)?.currency;
        let totals = totals::compute(currency, &draft.lines, &draft.fees);
        let copy = invoices::insert_draft(tx, &draft, currency, &totals, now)?;
        invoices::get(tx, copy)
    })?;
    view(book, &invoice, now.date())
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct VoidForm {
    pub reason: String,
}

/// Voids an issued invoice: it stays in the book, marked void, with the reason.
pub fn void(book: &mut Book, id: i64, form: &VoidForm, now: NaiveDateTime) -> Result<InvoiceView> {
    let invoice = book.write(|tx| {
        let header = invoices::header_of(tx, id)?;
        header.state.ensure_voidable(header.label())?;
        if duly_store::payments::has_live_allocations(tx, id)? {
            return Err(DomainError::NotAllowed(format!(
                "Invoice {} has payments applied to it; reverse them before voiding it.",
                header.label()
            ))
            .into());
        }
        let reason = validate_void_reason(&form.reason)?;
        invoices::void(tx, id, &reason, now)?;
        invoices::get(tx, id)
    })?;
    view(book, &invoice, now.date())
}

pub fn get(book: &mut Book, id: i64, now: NaiveDateTime) -> Result<InvoiceView> {
    let invoice = book.read(|tx| invoices::get(tx, id))?;
    view(book, &invoice, now.date())
}

/// The invoice as its page shows it, with its standing on `today`.
fn view(book: &mut Book, invoice: &Invoice, today: NaiveDate) -> Result<InvoiceView> {
    let h = &invoice.header;
    let standing = book.read(|tx| standing::of(tx, h.customer_id, today))?;
    Ok(InvoiceView::new(invoice, standing.invoice(h.id)))
}

/// Which invoices the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    #[default]
    All,
    Draft,
    /// Issued and still owing, overdue or not.
    Open,
    Overdue,
    Paid,
    Void,
    /// Under an open dispute.
    Disputed,
}

impl StatusFilter {
    /// Whether an invoice of `status` (under a dispute or not) is listed.
    fn admits(self, status: InvoiceStatus, disputed: bool) -> bool {
        match self {
            StatusFilter::Disputed => disputed,
            StatusFilter::All => true,
            StatusFilter::Draft => status == InvoiceStatus::Draft,
            StatusFilter::Open => matches!(status, InvoiceStatus::Open | InvoiceStatus::Overdue),
            StatusFilter::Overdue => status == InvoiceStatus::Overdue,
            StatusFilter::Paid => status == InvoiceStatus::Paid,
            StatusFilter::Void => status == InvoiceStatus::Void,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    pub status: StatusFilter,
    /// Matches the number, the customer's name, or the total (`1250` finds 1,250.00).
    pub search: String,
    pub customer_id: Option<i64>,
    /// The page asked for (by [`page`]; [`list`] gives every row).
    #[serde(flatten)]
    pub page: PageQuery<InvoiceSort>,
}

/// A column the invoice list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceSort {
    Number,
    Customer,
    Issued,
    Due,
    Status,
    Total,
    Balance,
}

/// The invoices as the list sorts and searches them, worked out once (the
/// whole book's kept in the memo until the book changes). A row is drawn, and
/// its header read, only for the page that shows it: 52,000 headers (each
/// summing its payments, credits and extensions) and as many rows of
/// formatted amounts were most of what the first visit of Invoices waited for.
struct Listings {
    /// The standings the rows' status, balance and due dates come from.
    standings: Arc<Vec<Standing>>,
    all: Vec<Listing>,
}

/// One invoice of [`Listings`]: where its standing is, and what it is
/// sorted and searched by.
struct Listing {
    id: i64,
    /// Its customer's and its own place in `standings` (none when it is
    /// dated after the day asked about).
    at: Option<(usize, usize)>,
    status: InvoiceStatus,
    disputed: bool,
    issued: Option<NaiveDate>,
    /// The due date in force.
    due: Option<NaiveDate>,
    currency: Currency,
    total: Decimal,
    /// What the list shows as owed: nothing for a draft or a void invoice.
    balance: Decimal,
    /// The number and the company, case and accents folded (the company
    /// once per customer, shared by their invoices).
    number: String,
    company: Arc<str>,
}

impl Listings {
    /// The rows of `chosen`, each from its header (read now, for these
    /// only) and its standing.
    fn rows(
        &self,
        tx: &duly_store::Transaction,
        chosen: &[&Listing],
    ) -> duly_store::Result<Vec<InvoiceRow>> {
        let ids: Vec<i64> = chosen.iter().map(|l| l.id).collect();
        let headers = invoices::headers_of(tx, &ids)?;
        let at: HashMap<i64, Option<(usize, usize)>> =
            chosen.iter().map(|l| (l.id, l.at)).collect();
        Ok(headers
            .iter()
            .map(|h| {
                let standing = at
                    .get(&h.id)
                    .copied()
                    .flatten()
                    .map(|(c, i)| &self.standings[c].invoices[i]);
                InvoiceRow::new(h, standing)
            })
            .collect())
    }
}

/// The listings of one customer's invoices (worked out each time: they are
/// few) or of the whole book (kept in the memo, on the shared standings).
fn listings(book: &mut Book, customer_id: Option<i64>, today: NaiveDate) -> Result<Arc<Listings>> {
    match customer_id {
        Some(id) => Ok(Arc::new(book.read(|tx| {
            let standings = Arc::new(vec![standing::of(tx, id, today)?]);
            listed(tx, Some(id), standings)
        })?)),
        None => {
            let standings = standing::shared(book, today)?;
            Ok(book.remember(today, |tx| listed(tx, None, standings))?)
        }
    }
}

fn listed(
    tx: &duly_store::Transaction,
    customer_id: Option<i64>,
    standings: Arc<Vec<Standing>>,
) -> duly_store::Result<Listings> {
    let by_id: HashMap<i64, (usize, usize)> = standings
        .iter()
        .enumerate()
        .flat_map(|(c, s)| {
            s.invoices
                .iter()
                .enumerate()
                .map(move |(i, inv)| (inv.id, (c, i)))
        })
        .collect();
    let entries = invoices::entries(tx, customer_id)?;
    // An invoice dated after the day has no standing: its balance and due
    // date in force come from its header (there are few such).
    let unstood: Vec<i64> = entries
        .iter()
        .filter(|e| !by_id.contains_key(&e.id))
        .map(|e| e.id)
        .collect();
    let headers: HashMap<i64, InvoiceHeader> = invoices::headers_of(tx, &unstood)?
        .into_iter()
        .map(|h| (h.id, h))
        .collect();
    let mut companies: HashMap<i64, Arc<str>> = HashMap::new();
    let all = entries
        .into_iter()
        .map(|e| {
            let at = by_id.get(&e.id).copied();
            let standing = at.map(|(c, i)| &standings[c].invoices[i]);
            let header = headers.get(&e.id);
            let c = e.currency;
            let status = InvoiceRow::status(e.state, standing);
            let owes = !matches!(status, InvoiceStatus::Void | InvoiceStatus::Draft);
            let company = companies
                .entry(e.customer_id)
                .or_insert_with(|| duly_core::text::fold(&e.customer_company).into())
                .clone();
            Listing {
                id: e.id,
                at,
                status,
                disputed: standing
                    .and_then(|s| s.pause)
                    .is_some_and(|p| p.reason == PauseReason::Dispute),
                issued: e.issue_date,
                due: standing
                    .and_then(|s| s.due_on)
                    .or(header.and_then(|h| h.due_date))
                    .or(e.due_date),
                currency: c,
                total: c.from_minor(e.total_minor),
                balance: match (standing, header) {
                    _ if !owes => Decimal::ZERO,
                    (Some(s), _) => s.balance,
                    (None, Some(h)) => c.from_minor(h.balance_minor),
                    (None, None) => Decimal::ZERO,
                },
                number: e
                    .number
                    .as_deref()
                    .map(duly_core::text::fold)
                    .unwrap_or_default(),
                company,
            }
        })
        .collect();
    Ok(Listings { standings, all })
}

/// Works the whole book's invoice list out ahead of its first visit (the
/// window asks while the owner reads the first screen); kept until the book
/// changes.
pub fn prepare(book: &mut Book, now: NaiveDateTime) -> Result<()> {
    listings(book, None, now.date()).map(drop)
}

/// The invoices `query` admits by status and search, in the book's order.
fn found<'a>(all: &'a [Listing], query: &ListQuery) -> Vec<&'a Listing> {
    let needle = duly_core::text::fold(query.search.trim());
    let digits: String = needle
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    // The total as the row prints it, worked out only when digits are typed.
    let total_starts = |l: &Listing| l.currency.format(l.total).starts_with(&digits);
    all.iter()
        .filter(|l| query.status.admits(l.status, l.disputed))
        .filter(|l| {
            needle.is_empty()
                || l.number.contains(&needle)
                || l.company.contains(&needle)
                || (!digits.is_empty() && total_starts(l))
        })
        .collect()
}

/// Every invoice `query` admits (of one customer, or of the book).
pub fn list(book: &mut Book, query: &ListQuery, now: NaiveDateTime) -> Result<Vec<InvoiceRow>> {
    let listings = listings(book, query.customer_id, now.date())?;
    let chosen = found(&listings.all, query);
    Ok(book.read(|tx| listings.rows(tx, &chosen))?)
}

/// The page of the invoices `query` admits that it asks for.
pub fn page(book: &mut Book, query: &ListQuery, now: NaiveDateTime) -> Result<Page<InvoiceRow>> {
    let listings = listings(book, query.customer_id, now.date())?;
    let page = query.page.cut(found(&listings.all, query), order, |l| l);
    let rows = book.read(|tx| listings.rows(tx, &page.rows))?;
    Ok(Page {
        offset: page.offset,
        total: page.total,
        rows,
    })
}

fn order(by: InvoiceSort, a: &Listing, b: &Listing) -> Ordering {
    // A missing date (a draft's) goes last, as in the window.
    let date = |p: Option<NaiveDate>, q: Option<NaiveDate>| match (p, q) {
        (Some(p), Some(q)) => p.cmp(&q),
        (p, q) => q.is_some().cmp(&p.is_some()),
    };
    match by {
        InvoiceSort::Number => a.number.cmp(&b.number),
        InvoiceSort::Customer => a.company.cmp(&b.company),
        InvoiceSort::Issued => date(a.issued, b.issued),
        InvoiceSort::Due => date(a.due, b.due),
        InvoiceSort::Status => a.status.cmp(&b.status),
        InvoiceSort::Total => a.total.cmp(&b.total),
        InvoiceSort::Balance => a.balance.cmp(&b.balance),
    }
}
