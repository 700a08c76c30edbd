//! Invoices: a draft is freely editable and has no number; issuing gives it the
//! next number, fixes its dates and freezes its lines; an issued invoice is
//! never edited or deleted, only voided (kept, marked, with a reason).

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Problems};
use crate::money::{parse_decimal, Currency, DecimalRule};
use crate::tax::TaxRate;
use crate::text;

/// Where an invoice is in its life, as stored. Whether an issued invoice is
/// open, partly paid or paid is derived from its payments, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceState {
    Draft,
    Issued,
    Void,
}

impl InvoiceState {
    /// The stored spelling; the schema's `CHECK` constraint lists the same words.
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceState::Draft => "draft",
            InvoiceState::Issued => "issued",
            InvoiceState::Void => "void",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(InvoiceState::Draft),
            "issued" => Some(InvoiceState::Issued),
            "void" => Some(InvoiceState::Void),
            _ => None,
        }
    }

    /// Only drafts change. An issued invoice has been sent: changing it
    /// silently would make the customer's copy and ours disagree.
    pub fn ensure_editable(self, number: &str) -> Result<(), DomainError> {
        match self {
            InvoiceState::Draft => Ok(()),
            InvoiceState::Issued => Err(DomainError::NotAllowed(format!(
                "Invoice {number} has been issued and can no longer be edited. Void it and issue a new one instead."
            ))),
            InvoiceState::Void => Err(DomainError::NotAllowed(format!(
                "Invoice {number} is void and can no longer be edited."
            ))),
        }
    }

    pub fn ensure_issuable(self, number: &str) -> Result<(), DomainError> {
        match self {
            InvoiceState::Draft => Ok(()),
            _ => Err(DomainError::NotAllowed(format!(
                "Invoice {number} has already been issued."
            ))),
        }
    }

    pub fn ensure_voidable(self, number: &str) -> Result<(), DomainError> {
        match self {
            InvoiceState::Issued => Ok(()),
            InvoiceState::Void => Err(DomainError::NotAllowed(format!(
                "Invoice {number} is already void."
            ))),
            InvoiceState::Draft => Err(DomainError::NotAllowed(
                "A draft has no number yet: delete it instead of voiding it.".into(),
            )),
        }
    }

    pub fn ensure_deletable(self, number: &str) -> Result<(), DomainError> {
        match self {
            InvoiceState::Draft => Ok(()),
            _ => Err(DomainError::NotAllowed(format!(
                "Invoice {number} has been issued and is kept for good; void it instead."
            ))),
        }
    }
}

/// What an invoice means to the owner on a day, derived by
/// `crate::standing` from its state, its balance that day and its due date in
/// force. Ordered as a list sorted by status shows them: from the invoice
/// not yet sent to the one closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Draft,
    Open,
    Overdue,
    Paid,
    Void,
}

/// The tax a line is charged at, copied from the rates table when the line is
/// written so a later change of the rate never alters this invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineTax {
    pub rate_id: Option<i64>,
    pub name: String,
    pub percent: Decimal,
}

/// One validated invoice line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub description: String,
    pub quantity: Decimal,
    pub unit: String,
    pub unit_price: Decimal,
    pub discount_percent: Decimal,
    pub tax: LineTax,
}

/// A named extra amount ("Shipping", "Rush fee").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fee {
    pub name: String,
    pub amount: Decimal,
}

/// A line as typed in the editor.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct LineForm {
    pub description: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub discount_percent: String,
    pub tax_rate_id: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct FeeForm {
    pub name: String,
    pub amount: String,
}

/// The invoice editor's content.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct DraftForm {
    pub customer_id: Option<i64>,
    pub lines: Vec<LineForm>,
    pub fees: Vec<FeeForm>,
    pub notes: String,
}

/// A validated draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub customer_id: i64,
    pub lines: Vec<Line>,
    pub fees: Vec<Fee>,
    pub notes: String,
}

/// The most lines one invoice may hold; more is a mistake, not a bill.
pub const MAX_LINES: usize = 2_000;
const MAX_FEES: usize = 20;

const QUANTITY: DecimalRule = DecimalRule {
    label: "Quantity",
    min: Decimal::ZERO,
    min_inclusive: false,
    max: Decimal::from_parts(1_000_000, 0, 0, false, 0),
    max_decimals: 4,
    currency: None,
};
const UNIT_PRICE: DecimalRule = DecimalRule {
    label: "Unit price",
    min: Decimal::ZERO,
    min_inclusive: true,
    max: Decimal::from_parts(1_000_000_000, 0, 0, false, 0),
    max_decimals: 4,
    currency: None,
};
const DISCOUNT: DecimalRule = DecimalRule {
    label: "Discount",
    min: Decimal::ZERO,
    min_inclusive: true,
    max: Decimal::ONE_HUNDRED,
    max_decimals: 3,
    currency: None,
};

impl DraftForm {
    /// Validates the whole editor against the book's tax rates and currency.
    /// An empty discount means none; a line with no tax rate is untaxed.
    pub fn validate(&self, rates: &[TaxRate], currency: Currency) -> Result<Draft, DomainError> {
        let mut p = Problems::new();
        let customer_id = match self.customer_id {
            Some(id) => id,
            None => {
                p.add("customer_id", "Choose the customer to bill.");
                0
            }
        };
        if self.lines.len() > MAX_LINES {
            p.add(
                "lines",
                format!("An invoice can have at most {MAX_LINES} lines."),
            );
        }
        if self.fees.len() > MAX_FEES {
            p.add(
                "fees",
                format!("An invoice can have at most {MAX_FEES} fees."),
            );
        }
        let lines = self
            .lines
            .iter()
            .take(MAX_LINES)
            .enumerate()
            .map(|(i, l)| validate_line(&mut p, i, l, rates))
            .collect();
        let fee_rule = DecimalRule {
            label: "Fee amount",
            min: Decimal::ZERO,
            min_inclusive: false,
            max: UNIT_PRICE.max,
            max_decimals: currency.minor_units(),
            currency: Some(currency),
        };
        let fees = self
            .fees
            .iter()
            .take(MAX_FEES)
            .enumerate()
            .map(|(i, f)| Fee {
                name: p.take(text::line(
                    &format!("fees[{i}].name"),
                    "Fee name",
                    &f.name,
                    true,
                )),
                amount: p.take(parse_decimal(
                    &format!("fees[{i}].amount"),
                    &f.amount,
                    &fee_rule,
                )),
            })
            .collect();
        let notes = p.take(text::paragraph("notes", "Notes", &self.notes, false));
        p.finish(Draft {
            customer_id,
            lines,
            fees,
            notes,
        })
    }
}

fn validate_line(p: &mut Problems, i: usize, l: &LineForm, rates: &[TaxRate]) -> Line {
    let f = |name: &str| format!("lines[{i}].{name}");
    let discount = if l.discount_percent.trim().is_empty() {
        Decimal::ZERO
    } else {
        p.take(parse_decimal(
            &f("discount_percent"),
            &l.discount_percent,
            &DISCOUNT,
        ))
    };
    let tax = match l.tax_rate_id {
        None => LineTax {
            rate_id: None,
            name: String::new(),
            percent: Decimal::ZERO,
        },
        Some(id) => match rates.iter().find(|r| r.id == id) {
            Some(rate) => LineTax {
                rate_id: Some(rate.id),
                name: rate.name.clone(),
                percent: rate.percent,
            },
            None => {
                p.add(
                    f("tax_rate_id"),
                    "That tax rate no longer exists; choose another.",
                );
                LineTax {
                    rate_id: None,
                    name: String::new(),
                    percent: Decimal::ZERO,
                }
            }
        },
    };
    Line {
        description: p.take(text::paragraph(
            &f("description"),
            "Description",
            &l.description,
            true,
        )),
        quantity: p.take(parse_decimal(&f("quantity"), &l.quantity, &QUANTITY)),
        unit: p.take(text::line(&f("unit"), "Unit", &l.unit, false)),
        unit_price: p.take(parse_decimal(&f("unit_price"), &l.unit_price, &UNIT_PRICE)),
        discount_percent: discount,
        tax,
    }
}

impl Draft {
    /// A bill must bill something.
    pub fn ensure_issuable(&self) -> Result<(), DomainError> {
        if self.lines.is_empty() {
            Err(DomainError::field(
                "lines",
                "Add at least one line before issuing the invoice.",
            ))
        } else {
            Ok(())
        }
    }
}

/// The dates fixed when an invoice is issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub terms_days: u32,
}

/// What the owner chooses when issuing: the issue date (today by default) and
/// optionally a due date other than issue date + terms.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct IssueForm {
    pub issue_date: String,
    pub due_date: String,
}

impl IssueForm {
    /// Due = issue + terms, unless a due date is given; it may not come before
    /// the issue date.
    pub fn schedule(&self, terms_days: u32) -> Result<Schedule, DomainError> {
        let issue_date = text::date("issue_date", "Issue date", &self.issue_date)
            .map_err(|e| DomainError::Invalid(vec![e]))?;
        if self.due_date.trim().is_empty() {
            let due_date = issue_date
                .checked_add_days(Days::new(u64::from(terms_days)))
                .filter(|due| text::storable(*due))
                .ok_or_else(|| DomainError::field("issue_date", "Issue date is out of range."))?;
            return Ok(Schedule {
                issue_date,
                due_date,
                terms_days,
            });
        }
        let due_date = text::date("due_date", "Due date", &self.due_date)
            .map_err(|e| DomainError::Invalid(vec![e]))?;
        let days = (due_date - issue_date).num_days();
        if days < 0 {
            return Err(DomainError::field(
                "due_date",
                "The due date cannot be before the issue date.",
            ));
        }
        Ok(Schedule {
            issue_date,
            due_date,
            terms_days: u32::try_from(days).unwrap_or(u32::MAX),
        })
    }
}

/// The printed number: prefix + the sequence number padded to four digits
/// (`INV-0001`, … `INV-10000`).
pub fn format_number(prefix: &str, sequence: i64) -> String {
    format!("{prefix}{sequence:04}")
}

/// Validates a numbering prefix: short, printable, may be empty.
pub fn validate_prefix(prefix: &str) -> Result<String, DomainError> {
    let p = text::line("prefix", "Number prefix", prefix, false)
        .map_err(|e| DomainError::Invalid(vec![e]))?;
    if p.chars().count() > 12 {
        return Err(DomainError::field(
            "prefix",
            "Number prefix can have at most 12 characters.",
        ));
    }
    Ok(p)
}

/// Voiding needs a reason, kept with the invoice for the trail.
pub fn validate_void_reason(reason: &str) -> Result<String, DomainError> {
    text::paragraph("reason", "Reason", reason, true).map_err(|e| DomainError::Invalid(vec![e]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates() -> Vec<TaxRate> {
        vec![TaxRate {
            id: 7,
            name: "VAT 20%".into(),
            percent: Decimal::from(20),
            archived: false,
        }]
    }

    fn good_line() -> LineForm {
        LineForm {
            description: "Bookkeeping, March\nincl. payroll".into(),
            quantity: "2".into(),
            unit: "h".into(),
            unit_price: "95.00".into(),
            discount_percent: String::new(),
            tax_rate_id: Some(7),
        }
    }

    fn field_errors(result: Result<Draft, DomainError>) -> Vec<(String, String)> {
        match result {
            Err(DomainError::Invalid(errors)) => {
                errors.into_iter().map(|e| (e.field, e.message)).collect()
            }
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn a_good_draft_copies_the_tax_rate_into_the_line() {
        let form = DraftForm {
            customer_id: Some(1),
            lines: vec![good_line()],
            ..DraftForm::default()
        };
        let draft = form.validate(&rates(), Currency::USD).expect("valid");
        assert_eq!(draft.lines[0].tax.name, "VAT 20%");
        assert_eq!(draft.lines[0].quantity, Decimal::from(2));
        assert_eq!(
            draft.lines[0].description,
            "Bookkeeping, March\nincl. payroll"
        );
    }

    #[test]
    fn negative_quantity_and_malformed_price_are_reported_on_their_fields() {
        let mut line = good_line();
        line.quantity = "-2".into();
        line.unit_price = "12,3.4".into();
        let form = DraftForm {
            customer_id: Some(1),
            lines: vec![good_line(), line],
            ..DraftForm::default()
        };
        let errors = field_errors(form.validate(&rates(), Currency::USD));
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].0, "lines[1].quantity");
        assert_eq!(errors[0].1, "Quantity must be more than 0.");
        assert_eq!(errors[1].0, "lines[1].unit_price");
        assert!(errors[1].1.contains("is not a number"));
    }

    #[test]
    fn huge_exponent_empty_and_megabyte_inputs_are_refused() {
        let line = LineForm {
            description: "x".repeat(1_000_000),
            quantity: "1e400".into(),
            unit_price: String::new(),
            tax_rate_id: Some(99),
            ..LineForm::default()
        };
        let fee = FeeForm {
            name: "Shipping".into(),
            amount: "1.005".into(),
        };
        let form = DraftForm {
            customer_id: None,
            lines: vec![line],
            fees: vec![fee],
            notes: String::new(),
        };
        let errors = field_errors(form.validate(&rates(), Currency::USD));
        let fields: Vec<&str> = errors.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(
            fields,
            [
                "customer_id",
                "lines[0].tax_rate_id",
                "lines[0].description",
                "lines[0].quantity",
                "lines[0].unit_price",
                "fees[0].amount"
            ]
        );
        assert_eq!(errors[5].1, "Fee amount can have at most 2 decimals.");
    }

    #[test]
    fn issuing_needs_a_line() {
        let draft = Draft {
            customer_id: 1,
            lines: vec![],
            fees: vec![],
            notes: String::new(),
        };
        assert!(matches!(
            draft.ensure_issuable(),
            Err(DomainError::Invalid(_))
        ));
    }

    #[test]
    fn due_date_follows_terms_or_is_refused_before_issue() {
        let form = IssueForm {
            issue_date: "2026-01-31".into(),
            due_date: String::new(),
        };
        let s = form.schedule(30).expect("valid");
        assert_eq!(
            s.due_date,
            NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
        );
        let early = IssueForm {
            issue_date: "2026-01-31".into(),
            due_date: "2026-01-30".into(),
        };
        assert_eq!(
            early.schedule(30),
            Err(DomainError::field(
                "due_date",
                "The due date cannot be before the issue date."
            ))
        );
        let custom = IssueForm {
            issue_date: "2026-01-31".into(),
            due_date: "2026-02-14".into(),
        };
        assert_eq!(custom.schedule(30).map(|s| s.terms_days), Ok(14));
    }

    #[test]
    fn lifecycle_refuses_edits_after_issue_and_double_voids() {
        assert!(InvoiceState::Draft.ensure_editable("").is_ok());
        assert!(InvoiceState::Issued.ensure_editable("INV-0001").is_err());
        assert!(InvoiceState::Issued.ensure_voidable("INV-0001").is_ok());
        assert_eq!(
            InvoiceState::Void.ensure_voidable("INV-0001"),
            Err(DomainError::NotAllowed(
                "Invoice INV-0001 is already void.".into()
            ))
        );
        assert!(InvoiceState::Issued.ensure_deletable("INV-0001").is_err());
        assert!(InvoiceState::Issued.ensure_issuable("INV-0001").is_err());
    }

    #[test]
    fn numbers_are_padded() {
        assert_eq!(format_number("INV-", 1), "INV-0001");
        assert_eq!(format_number("", 12345), "12345");
        assert!(validate_prefix("A-VERY-LONG-PREFIX-").is_err());
    }
}
