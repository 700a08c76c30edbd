//! Open invoices from another program's invoice list: one row per invoice
//! with its customer, number, dates and what is still owed.
//!
//! Each becomes an issued Duly invoice with the next Duly number (so the
//! book's numbering stays gapless), dated as in the file, with one untaxed
//! line for the amount still owed (taxes were charged by the old program)
//! and a note "Originally invoice 1042" that the customer can match. The old
//! number is kept with the invoice: importing it again is skipped. Paid
//! invoices are skipped; customers must be in the book first.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::invoice::{Draft, DraftForm, IssueForm, LineForm, Schedule};
use duly_core::money::{parse_decimal, DecimalRule};
use duly_core::{totals, Currency, DomainError, FieldError};
use duly_store::invoices::{self, Footer};
use duly_store::{customers, profile, tax_rates, Transaction};
use rust_decimal::Decimal;

use super::{extra_cells, Columns, Field, Plan, Row};

pub const FIELDS: &[Field] = &[
    Field {
        key: "customer",
        label: "Customer",
        required: true,
        joined_with: None,
        headers: &[
            "customer",
            "customername",
            "client",
            "clientname",
            "name",
            "company",
            "billto",
        ],
    },
    Field {
        key: "number",
        label: "Invoice number",
        required: true,
        joined_with: None,
        headers: &[
            "number",
            "invoicenumber",
            "invoiceno",
            "invoice",
            "num",
            "no",
            "docnumber",
            "refnumber",
            "invoicenum",
        ],
    },
    Field {
        key: "issue_date",
        label: "Invoice date",
        required: true,
        joined_with: None,
        headers: &["issuedate", "date", "invoicedate", "issued", "txndate"],
    },
    Field {
        key: "due_date",
        label: "Due date",
        required: false,
        joined_with: None,
        headers: &["duedate", "due", "dueon"],
    },
    Field {
        key: "total",
        label: "Invoice total",
        required: false,
        joined_with: None,
        headers: &[
            "total",
            "amount",
            "invoiceamount",
            "invoicetotal",
            "totalamount",
        ],
    },
    Field {
        key: "balance",
        label: "Amount still owed",
        required: false,
        joined_with: None,
        headers: &[
            "balance",
            "openbalance",
            "amountdue",
            "balancedue",
            "dueamount",
            "outstanding",
        ],
    },
    Field {
        key: "description",
        label: "Description",
        required: false,
        joined_with: Some(" "),
        headers: &["description", "itemdescription", "product", "service"],
    },
    Field {
        key: "notes",
        label: "Notes",
        required: false,
        joined_with: Some("\n"),
        headers: &["notes", "memo", "publicnotes", "message"],
    },
];

/// An invoice ready to be written.
#[derive(Debug, Clone)]
pub(super) struct Ready {
    reference: String,
    draft: Draft,
    schedule: Schedule,
}

/// The book's facts every row is checked against.
struct Facts {
    currency: Currency,
    default_terms: u32,
    /// Company (lower case) → (id, terms override).
    customers: HashMap<String, (i64, Option<u32>)>,
}

pub(super) fn plan(
    tx: &Transaction,
    columns: &Columns,
) -> duly_store::Result<Vec<(u64, Plan<Ready>)>> {
    if !columns.has("total") && !columns.has("balance") {
        return Err(DomainError::field(
            "mapping.balance",
            "Choose the column with the amount still owed (or the invoice total).",
        )
        .into());
    }
    let business = profile::get(tx)?;
    let book = Facts {
        currency: business.currency,
        default_terms: business.default_terms_days,
        customers: customers::list(tx, true)?
            .into_iter()
            .map(|s| {
                let c = s.customer;
                (key(&c.details.company), (c.id, c.details.terms_days))
            })
            .collect(),
    };
    let rates = tax_rates::list(tx)?;
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut plans = Vec::new();
    for row in &columns.table.rows {
        let plan = if row.extra > 0 {
            Plan::Reject(vec![extra_cells(row)])
        } else {
            match read_row(columns, &book, &rates, row) {
                Err(reasons) => Plan::Reject(reasons),
                Ok(None) => Plan::Skip(format!(
                    "Invoice {} has nothing left to pay; only open invoices are imported.",
                    columns.value(row, "number")
                )),
                Ok(Some((ready, words))) => {
                    if invoices::is_imported(tx, &ready.reference)? {
                        Plan::Skip(format!("Invoice {} was imported before.", ready.reference))
                    } else if let Some(first) = seen.get(&ready.reference) {
                        Plan::Reject(vec![format!(
                            "Invoice {} is also on line {first}; keep one of the two rows.",
                            ready.reference
                        )])
                    } else {
                        seen.insert(ready.reference.clone(), row.line);
                        Plan::Ready(ready, words)
                    }
                }
            }
        };
        plans.push((row.line, plan));
    }
    Ok(plans)
}

/// One row as an invoice, `None` when nothing is owed on it, or every
/// reason it cannot be imported.
fn read_row(
    columns: &Columns,
    book: &Facts,
    rates: &[duly_core::tax::TaxRate],
    row: &Row,
) -> Result<Option<(Ready, String)>, Vec<String>> {
    let v = |k: &str| columns.value(row, k);
    let mut reasons = Vec::new();
    let mut note = |key: &str, message: String| {
        reasons.push(format!("{}: {message}", columns.source(key)));
    };
    let company = v("customer");
    let customer = book.customers.get(&key(&company)).copied();
    if customer.is_none() {
        note(
            "customer",
            if company.is_empty() {
                "The customer is missing.".to_owned()
            } else {
                format!("There is no customer named \u{201c}{company}\u{201d} in the book; import or add your customers first.")
            },
        );
    }
    let reference = match duly_core::text::line("number", "Invoice number", &v("number"), true) {
        Ok(r) => r,
        Err(e) => {
            note("number", e.message);
            String::new()
        }
    };
    let mut date = |k: &str| -> Option<NaiveDate> {
        let text = v(k);
        if text.is_empty() {
            return None;
        }
        columns
            .date_format
            .parse(&text)
            .map_err(|m| note(k, m))
            .ok()
    };
    let issue_date = date("issue_date");
    let due_date = date("due_date");
    if issue_date.is_none() && v("issue_date").is_empty() {
        note("issue_date", "The invoice date is missing.".to_owned());
    }
    let mut amount = |k: &str| -> Option<Decimal> {
        if !columns.has(k) {
            return None;
        }
        let rule = DecimalRule {
            label: "The amount",
            min: Decimal::from(-1_000_000_000),
            min_inclusive: true,
            max: Decimal::from(1_000_000_000),
            max_decimals: book.currency.minor_units(),
            currency: Some(book.currency),
        };
        let text = plain_amount(&v(k), book.currency, columns.decimal_comma);
        parse_decimal(k, &text, &rule)
            .map_err(|e| note(k, e.message))
            .ok()
    };
    let total = amount("total");
    let balance = amount("balance");
    if !reasons.is_empty() {
        return Err(reasons);
    }
    let (Some((customer_id, terms)), Some(issue_date)) = (customer, issue_date) else {
        return Err(reasons);
    };
    let Some(owed) = balance.or(total) else {
        return Err(reasons);
    };
    if owed <= Decimal::ZERO {
        return Ok(None);
    }
    let c = book.currency;
    let mut notes = format!("Originally invoice {reference}.");
    if let Some(total) = total.filter(|t| *t > owed) {
        notes.push_str(&format!(
            " Total {}, of which {} was paid before it was imported.",
            c.format(total),
            c.format(total - owed)
        ));
    }
    let extra = v("notes");
    if !extra.is_empty() {
        notes.push_str("\n\n");
        notes.push_str(&extra);
    }
    let description = match v("description") {
        d if d.is_empty() => format!("Invoice {reference} of {}", issue_date.format("%Y-%m-%d")),
        d => d,
    };
    let form = DraftForm {
        customer_id: Some(customer_id),
        lines: vec![LineForm {
            description,
            quantity: "1".into(),
            unit_price: owed.to_string(),
            ..LineForm::default()
        }],
        fees: Vec::new(),
        notes,
    };
    let draft = form
        .validate(rates, c)
        .map_err(|e| columns.reasons(in_file_terms(e)))?;
    let issue = IssueForm {
        issue_date: issue_date.format("%Y-%m-%d").to_string(),
        due_date: due_date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    };
    let schedule = issue
        .schedule(terms.unwrap_or(book.default_terms))
        .map_err(|e| columns.reasons(e))?;
    let words = format!(
        "{reference} · {company} · {} owed · due {}",
        c.format(owed),
        schedule.due_date.format("%Y-%m-%d")
    );
    Ok(Some((
        Ready {
            reference,
            draft,
            schedule,
        },
        words,
    )))
}

/// The draft form's field names, as the import's fields.
fn in_file_terms(e: DomainError) -> DomainError {
    match e {
        DomainError::Invalid(fields) => DomainError::Invalid(
            fields
                .into_iter()
                .map(|f| {
                    let field = match f.field.as_str() {
                        "lines[0].description" => "description",
                        "lines[0].unit_price" => "balance",
                        other => other,
                    };
                    FieldError::new(field, f.message)
                })
                .collect(),
        ),
        other => other,
    }
}

/// An amount as other programs write it, as Duly reads numbers: currency
/// signs and codes and spaces dropped, `(12.50)` as negative, and with
/// `decimal_comma` `1.234,50` as `1234.50`.
pub(crate) fn plain_amount(cell: &str, currency: Currency, decimal_comma: bool) -> String {
    let mut t: String = cell
        .trim()
        .trim_start_matches(currency.code())
        .trim_end_matches(currency.code())
        .chars()
        .filter(|c| !matches!(c, '$' | '€' | '£' | '¥' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        t = format!("-{inner}");
    }
    if decimal_comma {
        t = t.replace('.', "").replace(',', ".");
    }
    t
}

fn key(company: &str) -> String {
    company.trim().to_lowercase()
}

/// Writes the invoices oldest first, so Duly's numbers follow the dates.
pub(super) fn write(
    tx: &Transaction,
    ready: &[Ready],
    now: NaiveDateTime,
) -> duly_store::Result<()> {
    let business = profile::get(tx)?;
    let footer = Footer::from_profile(
        &business,
        &duly_store::late_fees::policy(tx, business.currency)?,
    );
    let mut ordered: Vec<&Ready> = ready.iter().collect();
    ordered.sort_by_key(|r| r.schedule.issue_date);
    for r in ordered {
        let sums = totals::compute(business.currency, &r.draft.lines, &r.draft.fees);
        let id = invoices::insert_draft(tx, &r.draft, business.currency, &sums, now)?;
        invoices::set_imported_ref(tx, id, &r.reference)?;
        invoices::issue(tx, id, &r.schedule, &footer, now)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_other_programs_write_them() {
        let usd = Currency::USD;
        for (cell, comma, plain) in [
            ("$1,234.50", false, "1,234.50"),
            ("USD 99.00", false, "99.00"),
            ("(12.50)", false, "-12.50"),
            ("1.234,50 €", true, "1234.50"),
            ("1 234,50", true, "1234.50"),
        ] {
            assert_eq!(plain_amount(cell, usd, comma), plain, "{cell}");
        }
    }
}
