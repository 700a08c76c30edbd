//! Customer commands: create, edit, archive, look up, list (a page at a
//! time, searched and sorted here over every customer).

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::customer::CustomerForm;
use duly_core::standing::Standing;
use duly_store::{customers, profile, Book};
use rust_decimal::Decimal;

use crate::error::Result;
use crate::page::{Page, PageQuery};
use crate::standing;
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

/// Every customer as the list shows them, with what the list sorts and
/// searches by worked out once (kept in the book's memo until it changes).
struct Listing {
    row: CustomerRow,
    balance: Decimal,
    /// Company, billing contact and email, case and accents folded.
    folded: [String; 3],
}

fn listings(
    book: &mut Book,
    include_archived: bool,
    today: NaiveDate,
) -> Result<Arc<Vec<Listing>>> {
    let standings = standing::shared(book, today)?;
    Ok(book.remember((include_archived, today), |tx| {
        let currency = profile::get(tx)?.currency;
        let by_id: HashMap<i64, &Standing> = standings.iter().map(|s| (s.customer_id, s)).collect();
        duly_store::Result::Ok(
            customers::all(tx, include_archived)?
                .into_iter()
                .map(|c| {
                    let standing = by_id.get(&c.id).copied();
                    let row = CustomerRow::new(c, standing, currency);
                    let folded = [&row.company, &row.billing_name, &row.billing_email]
                        .map(|t| duly_core::text::fold(t));
                    Listing {
                        balance: standing.map_or(Decimal::ZERO, |s| s.totals.owed),
                        row,
                        folded,
                    }
                })
                .collect(),
        )
    })?)
}

/// Works the customer list out ahead of its first visit (the window asks
/// while the owner reads the first screen); kept until the book changes.
pub fn prepare(book: &mut Book, now: NaiveDateTime) -> Result<()> {
    listings(book, false, now.date()).map(drop)
}

/// The customers whose company, billing contact or email contain `search`,
/// case and accents ignored ("muller" finds "Müller & Søn"); all of them
/// for an empty search.
fn found<'a>(all: &'a [Listing], search: &str) -> Vec<&'a Listing> {
    let needle = duly_core::text::fold(search.trim());
    all.iter()
        .filter(|l| needle.is_empty() || l.folded.iter().any(|t| t.contains(&needle)))
        .collect()
}

/// Every customer (archived ones too if asked), by company, in one answer:
/// for tools that read the whole list. The window asks for [`page`]s.
pub fn list(
    book: &mut Book,
    include_archived: bool,
    now: NaiveDateTime,
) -> Result<Vec<CustomerRow>> {
    let all = listings(book, include_archived, now.date())?;
    Ok(all.iter().map(|l| l.row.clone()).collect())
}

/// A column the customer list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerSort {
    Company,
    BillingName,
    OpenInvoices,
    DaysPastDue,
    Balance,
}

/// What the customer list asks for: a search, and a page in an order.
#[derive(Debug, Clone, serde::Deserialize, Default)]
#[serde(default)]
pub struct CustomerQuery {
    pub include_archived: bool,
    /// Narrows the list as [`found`] does.
    pub search: String,
    #[serde(flatten)]
    pub page: PageQuery<CustomerSort>,
}

/// One page of the customer list, and how many customers there are in all
/// (for "3 of 5,000 customers" while a search narrows it).
#[derive(Debug, Clone, serde::Serialize)]
pub struct CustomerPage {
    pub all: usize,
    #[serde(flatten)]
    pub page: Page<CustomerRow>,
}

/// The page of the customer list that `query` asks for.
pub fn page(book: &mut Book, query: &CustomerQuery, now: NaiveDateTime) -> Result<CustomerPage> {
    let all = listings(book, query.include_archived, now.date())?;
    let page = query
        .page
        .cut(found(&all, &query.search), order, |l| l.row.clone());
    Ok(CustomerPage {
        all: all.len(),
        page,
    })
}

fn order(by: CustomerSort, a: &Listing, b: &Listing) -> Ordering {
    let (x, y) = (&a.row, &b.row);
    match by {
        CustomerSort::Company => a.folded[0].cmp(&b.folded[0]),
        CustomerSort::BillingName => a.folded[1].cmp(&b.folded[1]),
        CustomerSort::OpenInvoices => x.open_invoices.cmp(&y.open_invoices),
        CustomerSort::DaysPastDue => x.days_past_due.cmp(&y.days_past_due),
        CustomerSort::Balance => a.balance.cmp(&b.balance),
    }
}

#[derive(Debug, Clone, serde::Deserialize, Default)]
#[serde(default)]
pub struct ServiceDecisionForm {
    pub status: duly_core::customer::ServiceStatus,
    pub reason: String,
}

/// The owner's decision on the customer's service (the suspension policy only
/// suggests): applied, and kept with its reason in the customer's history.
pub fn decide_service(
    book: &mut Book,
    id: i64,
    form: &ServiceDecisionForm,
    now: NaiveDateTime,
) -> Result<CustomerView> {
    let reason = duly_core::text::paragraph("reason", "Reason", &form.reason, true)
        .map_err(|e| duly_core::DomainError::Invalid(vec![e]))?;
    let customer = book.write(|tx| {
        customers::decide_service(tx, id, form.status, &reason, now)?;
        customers::get(tx, id)
    })?;
    Ok(customer.into())
}
