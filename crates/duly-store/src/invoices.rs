//! Queries for `invoices`, `invoice_lines` and `invoice_fees`.
//!
//! These functions only read and write rows; the rules (who may edit, what a
//! number looks like, how totals add up) live in `duly_core::invoice` and
//! `duly_core::totals` and are applied by the caller before writing.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::bank::account::{Bic, Iban};
use duly_core::bank::pay_link::PayLink;
use duly_core::invoice::{Draft, Fee, InvoiceState, Line, LineTax, Schedule};
use duly_core::late_fee::LateFeePolicy;
use duly_core::profile::BusinessProfile;
use duly_core::totals::Totals;
use duly_core::Currency;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::codec;
use crate::error::{Result, StoreError};

/// The footer texts and the account to pay into, frozen into an invoice
/// when it is issued.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Footer {
    pub payment_text: String,
    pub terms_text: String,
    pub late_fee_text: String,
    pub dispute_text: String,
    pub iban: Option<Iban>,
    pub bic: Option<Bic>,
    pub pay_link: Option<PayLink>,
}

impl Footer {
    /// The business's texts as they stand now: bank details and the mailing
    /// address for checks make up the payment instructions; the late-fee
    /// terms come from the late-fee policy in force (none when no fee is
    /// charged), never from free text that could state another rate.
    pub fn from_profile(business: &BusinessProfile, late_fees: &LateFeePolicy) -> Self {
        let payment_text = [&business.bank_details, &business.check_address]
            .into_iter()
            .filter(|t| !t.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\n\n");
        Footer {
            payment_text,
            terms_text: business.terms_text.clone(),
            late_fee_text: late_fees
                .printed_terms(business.currency)
                .unwrap_or_default(),
            dispute_text: business.dispute_text.clone(),
            iban: business.iban.clone(),
            bic: business.bic.clone(),
            pay_link: business.pay_link.clone(),
        }
    }
}

/// An invoice's header row with its customer's name and what is still owed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceHeader {
    pub id: i64,
    pub customer_id: i64,
    pub customer_company: String,
    pub state: InvoiceState,
    pub number: Option<String>,
    pub issue_date: Option<NaiveDate>,
    /// The due date in force, after any extension.
    pub due_date: Option<NaiveDate>,
    /// The due date printed on the invoice when it was issued.
    pub original_due_date: Option<NaiveDate>,
    pub terms_days: Option<u32>,
    pub currency: Currency,
    pub subtotal_minor: i64,
    pub tax_minor: i64,
    pub fees_minor: i64,
    pub total_minor: i64,
    pub balance_minor: i64,
    pub void_reason: Option<String>,
    pub voided_at: Option<NaiveDateTime>,
    /// The moment it was issued (its issue date may be earlier).
    pub issued_at: Option<NaiveDateTime>,
    /// What credit notes took off it (part of total − balance, not paid).
    pub credited_minor: i64,
}

impl InvoiceHeader {
    /// The number, or "draft" for an unnumbered draft, for messages.
    pub fn label(&self) -> &str {
        self.number.as_deref().unwrap_or("draft")
    }

    /// What payments have covered: what is no longer owed, less what credit
    /// notes took off. Nothing for a draft or a void invoice.
    pub fn paid_minor(&self) -> i64 {
        match self.state {
            InvoiceState::Issued => self.total_minor - self.credited_minor - self.balance_minor,
            _ => 0,
        }
    }
}

/// A whole invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice {
    pub header: InvoiceHeader,
    pub lines: Vec<Line>,
    pub fees: Vec<Fee>,
    pub notes: String,
    pub footer: Footer,
}

/// `due_date` is the date in force (after any extension); the invoice's own
/// stays in `original_due_date`.
const HEADER: &str = "i.id, i.customer_id, c.company, i.state, i.number, i.issue_date, d.due_date,
    i.terms_days, i.currency, i.subtotal_minor, i.tax_minor, i.fees_minor, i.total_minor,
    b.balance_minor, i.void_reason, i.voided_at, i.due_date, i.issued_at,
    (SELECT COALESCE(SUM(cn.amount_minor), 0) FROM credit_notes cn WHERE cn.invoice_id = i.id)
    FROM invoices i
    JOIN customers c ON c.id = i.customer_id
    JOIN invoice_balances b ON b.invoice_id = i.id
    JOIN invoice_due d ON d.invoice_id = i.id";

/// [`HEADER`] for every invoice of the book at once. The views answer one
/// invoice at a time (a lookup of its payments, credits and extensions per
/// invoice: 0.4 s on 52,000 invoices); here each is summed once for the whole
/// book and joined, which gives the same columns in half the time.
const EVERY_HEADER: &str = "WITH
    paid AS (SELECT a.invoice_id, SUM(a.amount_minor) AS minor
             FROM allocations a JOIN payments p ON p.id = a.payment_id
             WHERE p.reversed_on IS NULL GROUP BY a.invoice_id),
    credited AS (SELECT invoice_id, SUM(amount_minor) AS minor
                 FROM credit_notes GROUP BY invoice_id),
    extended AS (SELECT invoice_id, new_due_date, MAX(id)
                 FROM invoice_extensions GROUP BY invoice_id)
    SELECT i.id, i.customer_id, c.company, i.state, i.number, i.issue_date,
        COALESCE(x.new_due_date, i.due_date),
        i.terms_days, i.currency, i.subtotal_minor, i.tax_minor, i.fees_minor, i.total_minor,
        CASE i.state WHEN 'issued'
            THEN i.total_minor - COALESCE(p.minor, 0) - COALESCE(cr.minor, 0) ELSE 0 END,
        i.void_reason, i.voided_at, i.due_date, i.issued_at, COALESCE(cr.minor, 0)
    FROM invoices i
    JOIN customers c ON c.id = i.customer_id
    LEFT JOIN paid p ON p.invoice_id = i.id
    LEFT JOIN credited cr ON cr.invoice_id = i.id
    LEFT JOIN extended x ON x.invoice_id = i.id";

type RawHeader = (
    InvoiceHeader,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn header_row(r: &Row) -> rusqlite::Result<RawHeader> {
    Ok((
        InvoiceHeader {
            id: r.get(0)?,
            customer_id: r.get(1)?,
            customer_company: r.get(2)?,
            state: InvoiceState::Draft,
            number: r.get(4)?,
            issue_date: None,
            due_date: None,
            original_due_date: None,
            terms_days: r.get(7)?,
            currency: Currency::USD,
            subtotal_minor: r.get(9)?,
            tax_minor: r.get(10)?,
            fees_minor: r.get(11)?,
            total_minor: r.get(12)?,
            balance_minor: r.get(13)?,
            void_reason: r.get(14)?,
            voided_at: None,
            issued_at: None,
            credited_minor: r.get(18)?,
        },
        r.get(3)?,
        r.get(5)?,
        r.get(6)?,
        r.get(8)?,
        r.get(15)?,
        r.get(16)?,
        r.get(17)?,
    ))
}

fn header(
    (mut h, state, issue, due, currency, voided, original_due, issued): RawHeader,
) -> Result<InvoiceHeader> {
    h.voided_at = voided
        .map(|t| codec::timestamp("invoices.voided_at", &t))
        .transpose()?;
    h.issued_at = issued
        .map(|t| codec::timestamp("invoices.issued_at", &t))
        .transpose()?;
    h.state = state_of(&state)?;
    h.issue_date = codec::opt_date("invoices.issue_date", issue)?;
    h.due_date = codec::opt_date("invoices.due_date", due)?;
    h.original_due_date = codec::opt_date("invoices.due_date", original_due)?;
    h.currency = currency_of(&currency)?;
    Ok(h)
}

fn state_of(text: &str) -> Result<InvoiceState> {
    InvoiceState::parse(text).ok_or_else(|| StoreError::Corrupt("invoices.state".into()))
}

fn currency_of(code: &str) -> Result<Currency> {
    Currency::from_code(code).ok_or_else(|| StoreError::Corrupt("invoices.currency".into()))
}

fn minor(currency: Currency, amount: rust_decimal::Decimal) -> Result<i64> {
    currency.to_minor(amount).ok_or_else(|| {
        StoreError::Domain(duly_core::DomainError::NotAllowed(
            "This invoice's total is too large to record.".into(),
        ))
    })
}

/// Writes a new draft with its lines, fees and computed totals.
pub fn insert_draft(
    conn: &Connection,
    draft: &Draft,
    currency: Currency,
    totals: &Totals,
    now: NaiveDateTime,
) -> Result<i64> {
    let now = codec::timestamp_text(now);
    conn.execute(
        "INSERT INTO invoices (customer_id, state, currency, notes, created_at, updated_at)
         VALUES (?1, 'draft', ?2, ?3, ?4, ?4)",
        params![draft.customer_id, currency.code(), draft.notes, now],
    )?;
    let id = conn.last_insert_rowid();
    write_content(conn, id, draft, currency, totals)?;
    Ok(id)
}

/// Replaces a draft's customer, lines, fees, notes and totals. The caller has
/// checked that the invoice is still a draft; the schema's triggers refuse
/// otherwise.
pub fn replace_draft(
    conn: &Connection,
    id: i64,
    draft: &Draft,
    currency: Currency,
    totals: &Totals,
    now: NaiveDateTime,
) -> Result<()> {
    conn.execute("DELETE FROM invoice_lines WHERE invoice_id = ?1", [id])?;
    conn.execute("DELETE FROM invoice_fees WHERE invoice_id = ?1", [id])?;
    conn.execute(
        "UPDATE invoices SET customer_id = ?2, notes = ?3, updated_at = ?4 WHERE id = ?1",
        params![
            id,
            draft.customer_id,
            draft.notes,
            codec::timestamp_text(now)
        ],
    )?;
    write_content(conn, id, draft, currency, totals)
}

fn write_content(
    conn: &Connection,
    id: i64,
    draft: &Draft,
    currency: Currency,
    totals: &Totals,
) -> Result<()> {
    let mut line_stmt = conn.prepare_cached(
        "INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit, unit_price,
            discount_percent, tax_rate_id, tax_name, tax_percent, amount_minor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (position, (line, amount)) in (0i64..).zip(draft.lines.iter().zip(&totals.line_amounts)) {
        line_stmt.execute(params![
            id,
            position,
            line.description,
            codec::decimal_text(line.quantity),
            line.unit,
            codec::decimal_text(line.unit_price),
            codec::decimal_text(line.discount_percent),
            line.tax.rate_id,
            line.tax.name,
            codec::decimal_text(line.tax.percent),
            minor(currency, *amount)?
        ])?;
    }
    write_fees(conn, Content::Invoice, id, &draft.fees, currency)?;
    conn.execute(
        "UPDATE invoices SET subtotal_minor = ?2, tax_minor = ?3, fees_minor = ?4, total_minor = ?5
         WHERE id = ?1",
        params![
            id,
            minor(currency, totals.subtotal)?,
            minor(currency, totals.tax_total)?,
            minor(currency, totals.fees_total)?,
            minor(currency, totals.total)?
        ],
    )?;
    Ok(())
}

/// Issues a draft: takes the next number and fixes dates and footer texts.
/// Returns the number.
pub fn issue(
    conn: &Connection,
    id: i64,
    schedule: &Schedule,
    footer: &Footer,
    now: NaiveDateTime,
) -> Result<String> {
    let (sequence, number) = crate::numbering::next_invoice_number(conn)?;
    conn.execute(
        "UPDATE invoices SET state = 'issued', sequence = ?2, number = ?3, issue_date = ?4,
            due_date = ?5, terms_days = ?6, payment_text = ?7, terms_text = ?8,
            late_fee_text = ?9, dispute_text = ?10, issued_at = ?11, updated_at = ?11,
            pay_iban = ?12, pay_bic = ?13, pay_link = ?14
         WHERE id = ?1 AND state = 'draft'",
        params![
            id,
            sequence,
            number,
            codec::date_text(schedule.issue_date),
            codec::date_text(schedule.due_date),
            schedule.terms_days,
            footer.payment_text,
            footer.terms_text,
            footer.late_fee_text,
            footer.dispute_text,
            codec::timestamp_text(now),
            footer.iban.as_ref().map_or("", Iban::electronic),
            footer.bic.as_ref().map_or("", Bic::as_str),
            footer.pay_link.as_ref().map_or("", PayLink::as_str)
        ],
    )?;
    Ok(number)
}

pub fn void(conn: &Connection, id: i64, reason: &str, now: NaiveDateTime) -> Result<()> {
    let now = codec::timestamp_text(now);
    conn.execute(
        "UPDATE invoices SET state = 'void', void_reason = ?2, voided_at = ?3, updated_at = ?3
         WHERE id = ?1 AND state = 'issued'",
        params![id, reason, now],
    )?;
    Ok(())
}

pub fn delete_draft(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM invoices WHERE id = ?1 AND state = 'draft'",
        [id],
    )?;
    Ok(())
}

pub fn header_of(conn: &Connection, id: i64) -> Result<InvoiceHeader> {
    let row = conn
        .query_row(
            &format!("SELECT {HEADER} WHERE i.id = ?1"),
            [id],
            header_row,
        )
        .optional()?;
    match row {
        Some(raw) => header(raw),
        None => Err(StoreError::not_found("That invoice no longer exists.")),
    }
}

pub fn get(conn: &Connection, id: i64) -> Result<Invoice> {
    let header = header_of(conn, id)?;
    let (notes, mut footer, [iban, bic, pay_link]) = conn.query_row(
        "SELECT notes, payment_text, terms_text, late_fee_text, dispute_text,
                pay_iban, pay_bic, pay_link
         FROM invoices WHERE id = ?1",
        [id],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                Footer {
                    payment_text: r.get(1)?,
                    terms_text: r.get(2)?,
                    late_fee_text: r.get(3)?,
                    dispute_text: r.get(4)?,
                    ..Footer::default()
                },
                [r.get::<_, String>(5)?, r.get(6)?, r.get(7)?],
            ))
        },
    )?;
    footer.iban = crate::profile::stored(&iban, "invoices.pay_iban", Iban::parse)?;
    footer.bic = crate::profile::stored(&bic, "invoices.pay_bic", Bic::parse)?;
    footer.pay_link = crate::profile::stored(&pay_link, "invoices.pay_link", PayLink::parse)?;
    let lines = read_lines(conn, Content::Invoice, id)?;
    let fees = read_fees(conn, Content::Invoice, id, header.currency)?;
    Ok(Invoice {
        header,
        lines,
        fees,
        notes,
        footer,
    })
}

/// Whose lines and fees: an invoice's, or a recurring schedule's (which
/// bills them every period).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Content {
    Invoice,
    Schedule,
}

impl Content {
    /// (lines table, fees table, owner column): names from this code, never
    /// from input.
    fn tables(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Content::Invoice => ("invoice_lines", "invoice_fees", "invoice_id"),
            Content::Schedule => ("schedule_lines", "schedule_fees", "schedule_id"),
        }
    }
}

/// The lines of an invoice or a schedule, in order.
pub(crate) fn read_lines(conn: &Connection, of: Content, id: i64) -> Result<Vec<Line>> {
    let (lines, _, owner) = of.tables();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT description, quantity, unit, unit_price, discount_percent, tax_rate_id, tax_name,
            tax_percent FROM {lines} WHERE {owner} = ?1 ORDER BY position"
    ))?;
    let raw_lines = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<i64>>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
        ))
    })?;
    raw_lines
        .map(|row| {
            let (description, qty, unit, price, disc, rate_id, tax_name, tax_pct) = row?;
            Ok(Line {
                description,
                quantity: codec::decimal("lines.quantity", &qty)?,
                unit,
                unit_price: codec::decimal("lines.unit_price", &price)?,
                discount_percent: codec::decimal("lines.discount_percent", &disc)?,
                tax: LineTax {
                    rate_id,
                    name: tax_name,
                    percent: codec::decimal("lines.tax_percent", &tax_pct)?,
                },
            })
        })
        .collect()
}

/// The fees of an invoice or a schedule, in order.
pub(crate) fn read_fees(
    conn: &Connection,
    of: Content,
    id: i64,
    currency: Currency,
) -> Result<Vec<Fee>> {
    let (_, fees, owner) = of.tables();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT name, amount_minor FROM {fees} WHERE {owner} = ?1 ORDER BY position"
    ))?;
    let rows = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    rows.map(|row| {
        let (name, amount) = row?;
        Ok(Fee {
            name,
            amount: currency.from_minor(amount),
        })
    })
    .collect()
}

/// Writes the fees of an invoice or a schedule.
pub(crate) fn write_fees(
    conn: &Connection,
    of: Content,
    id: i64,
    fees: &[Fee],
    currency: Currency,
) -> Result<()> {
    let (_, table, owner) = of.tables();
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO {table} ({owner}, position, name, amount_minor) VALUES (?1, ?2, ?3, ?4)"
    ))?;
    for (position, fee) in (0i64..).zip(fees) {
        stmt.execute(params![
            id,
            position,
            fee.name,
            minor(currency, fee.amount)?
        ])?;
    }
    Ok(())
}

/// Every invoice header, newest first (drafts, then by number descending).
/// `customer_id` narrows to one customer.
pub fn list(conn: &Connection, customer_id: Option<i64>) -> Result<Vec<InvoiceHeader>> {
    // Two statements rather than `?1 IS NULL OR …`, which SQLite cannot
    // answer from the customer index: one customer's page stays instant on a
    // book of 50,000 invoices.
    let order = "ORDER BY i.sequence IS NOT NULL, i.sequence DESC, i.id DESC";
    let mut stmt = match customer_id {
        Some(_) => {
            conn.prepare_cached(&format!("SELECT {HEADER} WHERE i.customer_id = ?1 {order}"))?
        }
        None => conn.prepare_cached(&format!("{EVERY_HEADER} {order}"))?,
    };
    let rows = match customer_id {
        Some(id) => stmt.query_map([id], header_row)?,
        None => stmt.query_map([], header_row)?,
    };
    rows.map(|row| header(row?)).collect()
}

/// What the invoice list sorts, searches and counts every invoice by: its
/// own columns and its customer's company, without the payments, credits and
/// extensions a header sums (the account standings already hold the balance
/// and the due date in force). The whole book's entries read in a fraction of
/// the time of as many headers; the rows of a page read their headers with
/// [`headers_of`].
#[derive(Debug, Clone)]
pub struct InvoiceEntry {
    pub id: i64,
    pub customer_id: i64,
    pub customer_company: String,
    pub state: InvoiceState,
    pub number: Option<String>,
    pub issue_date: Option<NaiveDate>,
    /// The due date printed on it (a header's `original_due_date`).
    pub due_date: Option<NaiveDate>,
    pub currency: Currency,
    pub total_minor: i64,
}

/// Every invoice's [`InvoiceEntry`], in [`list`]'s order; `customer_id`
/// narrows to one customer.
pub fn entries(conn: &Connection, customer_id: Option<i64>) -> Result<Vec<InvoiceEntry>> {
    // Sorted here rather than by SQLite, whose sort of the whole book's wide
    // rows in a temporary B-tree took twice as long as reading them.
    let select = "SELECT i.id, i.customer_id, c.company, i.state, i.number, i.issue_date,
            i.currency, i.total_minor, i.sequence, i.due_date
        FROM invoices i JOIN customers c ON c.id = i.customer_id";
    let mut stmt = match customer_id {
        Some(_) => conn.prepare_cached(&format!("{select} WHERE i.customer_id = ?1"))?,
        None => conn.prepare_cached(select)?,
    };
    type Raw = (
        (i64, i64, String, String, Option<String>),
        (Option<String>, Option<String>, String, i64, Option<i64>),
    );
    let raw = |r: &Row| -> rusqlite::Result<Raw> {
        Ok((
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
            (r.get(5)?, r.get(9)?, r.get(6)?, r.get(7)?, r.get(8)?),
        ))
    };
    let rows = match customer_id {
        Some(id) => stmt.query_map([id], raw)?,
        None => stmt.query_map([], raw)?,
    };
    let mut sequenced = rows
        .map(|row| {
            let ((id, customer_id, customer_company, state, number), rest) = row?;
            let (issue, due, currency, total_minor, sequence) = rest;
            let entry = InvoiceEntry {
                id,
                customer_id,
                customer_company,
                state: state_of(&state)?,
                number,
                issue_date: codec::opt_date("invoices.issue_date", issue)?,
                due_date: codec::opt_date("invoices.due_date", due)?,
                currency: currency_of(&currency)?,
                total_minor,
            };
            Ok((sequence, entry))
        })
        .collect::<Result<Vec<_>>>()?;
    // `list`'s order: drafts (no sequence) first, then newest number first.
    sequenced.sort_unstable_by(|(a, x), (b, y)| {
        (a.is_some(), std::cmp::Reverse(*a), std::cmp::Reverse(x.id)).cmp(&(
            b.is_some(),
            std::cmp::Reverse(*b),
            std::cmp::Reverse(y.id),
        ))
    });
    Ok(sequenced.into_iter().map(|(_, e)| e).collect())
}

/// The headers of the invoices `ids` names, in that order (an id no longer
/// in the book is left out): the rows of one page of the list.
pub fn headers_of(conn: &Connection, ids: &[i64]) -> Result<Vec<InvoiceHeader>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // The ids go in as one JSON array, so the statement is the same for any
    // number of them and is prepared once.
    let list = format!(
        "[{}]",
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    );
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {HEADER} WHERE i.id IN (SELECT value FROM json_each(?1))"
    ))?;
    let mut found = std::collections::HashMap::with_capacity(ids.len());
    for row in stmt.query_map([list], header_row)? {
        let h = header(row?)?;
        found.insert(h.id, h);
    }
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// Records the number an imported invoice had in the program it came from.
/// Set while the invoice is still a draft, so the issue's audit entry
/// carries it; the column is unique, so one invoice cannot be imported twice.
pub fn set_imported_ref(conn: &Connection, id: i64, reference: &str) -> Result<()> {
    conn.execute(
        "UPDATE invoices SET imported_ref = ?2 WHERE id = ?1 AND state = 'draft'",
        params![id, reference],
    )?;
    Ok(())
}

/// Whether an invoice with this original number was imported already.
pub fn is_imported(conn: &Connection, reference: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM invoices WHERE imported_ref = ?1)",
        [reference],
        |r| r.get(0),
    )?)
}

/// Grants an extension: a new due date, with the reason. The invoice's own due
/// date stays as printed; aging and the ladder use the new one.
pub fn extend(
    conn: &Connection,
    id: i64,
    new_due: NaiveDate,
    reason: &str,
    now: NaiveDateTime,
) -> Result<()> {
    conn.execute(
        "INSERT INTO invoice_extensions (invoice_id, new_due_date, reason, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, codec::date_text(new_due), reason, codec::timestamp_text(now)],
    )?;
    Ok(())
}

/// Marks a draft as the correction of a voided invoice.
pub fn set_replaces(conn: &Connection, draft_id: i64, replaced_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE invoices SET replaces_invoice_id = ?2 WHERE id = ?1 AND state = 'draft'",
        params![draft_id, replaced_id],
    )?;
    Ok(())
}
