//! The audit trail of a customer or an invoice, in words: what changed, when,
//! and each field's value before and after. The book's triggers record every
//! change (`duly_store::audit`); this only reads and explains it.

use duly_core::Currency;
use duly_store::audit::{self, Entry};
use duly_store::{customers, invoices, profile, Book};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::Result;
use crate::page::{Page, Span};

/// Whose trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Customer,
    Invoice,
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub date: String,
    pub time: String,
    /// In a few words: "Invoice INV-0004 issued".
    pub what: String,
    pub changes: Vec<Change>,
}

/// One field of the change. A creation has no `before`; a removal no `after`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The page of the subject's trail that `span` asks for, newest first (a
/// customer of ten years has thousands of changes; the page shows a few).
pub fn trail(book: &mut Book, subject: Subject, id: i64, span: Span) -> Result<Page<AuditEntry>> {
    let (offset, limit) = (
        u32::try_from(span.offset).unwrap_or(u32::MAX),
        span.limit() as u32,
    );
    let (slice, currency) = book.read(|tx| {
        let slice = match subject {
            Subject::Customer => {
                customers::get(tx, id)?;
                audit::for_customer(tx, id, offset, limit)?
            }
            Subject::Invoice => {
                invoices::header_of(tx, id)?;
                audit::for_invoice(tx, id, offset, limit)?
            }
        };
        Ok((slice, profile::get(tx)?.currency))
    })?;
    Ok(Page {
        offset: span.offset,
        total: usize::try_from(slice.total).unwrap_or(usize::MAX),
        rows: slice.entries.iter().map(|e| explain(e, currency)).collect(),
    })
}

fn explain(e: &Entry, currency: Currency) -> AuditEntry {
    let before = object(e.before.as_deref());
    let after = object(e.after.as_deref());
    let shown = |key: &str| {
        after
            .get(key)
            .or_else(|| before.get(key))
            .map(|v| text(key, v, currency))
            .unwrap_or_default()
    };
    let what = match (e.table.as_str(), e.action.as_str()) {
        ("invoices", "issue") => format!("Invoice {} issued", shown("number")),
        ("invoices", "void") => format!("Invoice {} voided", shown("number")),
        ("invoices", _) => format!("Invoice {} changed", shown("number")),
        ("payments", "record") => format!("Payment of {} received", shown("amount_minor")),
        ("payments", "reverse") => format!("Payment of {} reversed", shown("amount_minor")),
        ("payments", "entered_in_error") => {
            format!(
                "Payment of {} marked entered in error",
                shown("amount_minor")
            )
        }
        ("payments", _) => "Payment changed".to_owned(),
        ("allocations", _) => format!(
            "{} applied to {}",
            shown("amount_minor"),
            shown("invoice_number")
        ),
        ("promises", "record") => format!(
            "Promise to pay {} by {}",
            shown("amount_minor"),
            shown("promised_on")
        ),
        ("promises", "delete") => "Promise removed".to_owned(),
        ("promises", _) => "Promise changed".to_owned(),
        ("promise_invoices", _) => format!("Promise covers {}", shown("invoice_number")),
        ("late_fee_exempt_invoices", "exempt") => {
            format!("Late fees waived on {}", shown("invoice_number"))
        }
        ("late_fee_exempt_invoices", _) => {
            format!("Late fees charged again on {}", shown("invoice_number"))
        }
        ("customers", "create") => format!("Customer {} added", shown("company")),
        ("customers", "delete") => "Customer removed".to_owned(),
        ("customers", _) => "Customer details changed".to_owned(),
        (table, action) => format!("{} {action}", label(table)),
    };
    AuditEntry {
        date: e.at.format("%Y-%m-%d").to_string(),
        time: e.at.format("%H:%M").to_string(),
        what,
        changes: changes(&before, &after, currency),
    }
}

fn object(json: Option<&str>) -> Map<String, Value> {
    json.and_then(|j| serde_json::from_str::<Map<String, Value>>(j).ok())
        .unwrap_or_default()
}

/// The fields that differ (all of them for a creation or a removal), in the
/// order the trigger wrote them, empty values left out of creations.
fn changes(
    before: &Map<String, Value>,
    after: &Map<String, Value>,
    currency: Currency,
) -> Vec<Change> {
    let shown =
        |key: &str, v: Option<&Value>| v.filter(|v| !is_empty(v)).map(|v| text(key, v, currency));
    let keys = if after.is_empty() { before } else { after };
    keys.keys()
        .filter(|key| before.get(*key) != after.get(*key))
        .filter_map(|key| {
            let change = Change {
                field: label(key),
                before: shown(key, before.get(key)),
                after: shown(key, after.get(key)),
            };
            (change.before.is_some() || change.after.is_some()).then_some(change)
        })
        .collect()
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// A stored value as the owner reads it: minor units as money, flags as
/// yes or no, invoice lines one per line.
fn text(key: &str, v: &Value, currency: Currency) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) if key == "archived" => {
            (if n.as_i64() == Some(0) { "no" } else { "yes" }).to_owned()
        }
        Value::Number(n) if key.ends_with("_minor") => n
            .as_i64()
            .map(|m| currency.format(currency.from_minor(m)))
            .unwrap_or_else(|| n.to_string()),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::Object(o) => item_text(o, currency),
                other => text(key, other, currency),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A line ("Bookkeeping, 3 × 120 = 360.00") or a fee ("Shipping 12.00").
fn item_text(o: &Map<String, Value>, currency: Currency) -> String {
    let get = |k: &str| o.get(k).map(|v| text(k, v, currency)).unwrap_or_default();
    if o.contains_key("description") {
        format!(
            "{}, {} × {} = {}",
            get("description"),
            get("quantity"),
            get("unit_price"),
            get("amount_minor")
        )
    } else {
        format!("{} {}", get("name"), get("amount_minor"))
    }
}

/// `billing_email` → "Billing email"; `amount_minor` → "Amount".
fn label(key: &str) -> String {
    let words = key.strip_suffix("_minor").unwrap_or(key).replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
