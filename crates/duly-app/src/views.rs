//! What the window receives: plain data, money as decimal strings with exactly
//! the currency's decimals (never a float), dates as ISO `YYYY-MM-DD` (the UI
//! formats both in the user's locale).

use chrono::NaiveDate;
use duly_core::contact_log::{Channel, Outcome, Person};
use duly_core::customer::{Contact, ServiceStatus};
use duly_core::invoice::{InvoiceState, InvoiceStatus};
use duly_core::money::Money;
use duly_core::payment::PaymentMethod;
use duly_core::promise::{PromiseKind, PromiseOutcome};
use duly_core::standing::{InvoiceActions, InvoiceStanding, Pause, Standing};
use duly_core::totals::Totals;
use duly_core::Currency;
use duly_store::customers::Customer;
use duly_store::invoices::{Invoice, InvoiceHeader};
use duly_store::promises::Promise;
use serde::Serialize;

/// Days between a due date and today; 0 when not yet due.
pub fn days_past_due(due: Option<NaiveDate>, today: NaiveDate) -> i64 {
    due.map_or(0, |d| (today - d).num_days().max(0))
}

#[derive(Debug, Clone, Serialize)]
pub struct CustomerView {
    pub id: i64,
    pub company: String,
    pub billing: Contact,
    pub escalation: Contact,
    pub address: String,
    /// Empty when the business default applies.
    pub terms_days: String,
    pub notes: String,
    pub service_status: ServiceStatus,
    pub late_fee_opt_out: bool,
    pub archived: bool,
}

impl From<Customer> for CustomerView {
    fn from(c: Customer) -> Self {
        let d = c.details;
        CustomerView {
            id: c.id,
            company: d.company,
            billing: d.billing,
            escalation: d.escalation,
            address: d.address,
            terms_days: d.terms_days.map(|t| t.to_string()).unwrap_or_default(),
            notes: d.notes,
            service_status: d.service_status,
            late_fee_opt_out: d.late_fee_opt_out,
            archived: c.archived,
        }
    }
}

/// A row of the customer list.
#[derive(Debug, Clone, Serialize)]
pub struct CustomerRow {
    pub id: i64,
    pub company: String,
    pub billing_name: String,
    pub billing_email: String,
    pub service_status: ServiceStatus,
    pub archived: bool,
    pub balance: String,
    pub open_invoices: i64,
    pub days_past_due: i64,
}

impl CustomerRow {
    /// The row for `c`, with what they owe as the account standing on the
    /// day says (`None`: no invoice yet).
    pub fn new(c: Customer, standing: Option<&Standing>, currency: Currency) -> Self {
        let owed = || {
            standing
                .into_iter()
                .flat_map(|s| s.invoices.iter())
                .filter(|i| i.is_owed())
        };
        CustomerRow {
            id: c.id,
            company: c.details.company,
            billing_name: c.details.billing.name,
            billing_email: c.details.billing.email,
            service_status: c.details.service_status,
            archived: c.archived,
            balance: currency
                .format(standing.map_or(rust_decimal::Decimal::ZERO, |s| s.totals.owed)),
            open_invoices: owed().count() as i64,
            days_past_due: owed().map(|i| i.days_late).max().unwrap_or(0),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TaxLineView {
    pub name: String,
    pub percent: String,
    pub base: String,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TotalsView {
    pub currency: &'static str,
    pub line_amounts: Vec<String>,
    pub subtotal: String,
    pub taxes: Vec<TaxLineView>,
    pub tax_total: String,
    pub fees_total: String,
    pub total: String,
}

impl TotalsView {
    pub fn new(t: &Totals, c: Currency) -> Self {
        TotalsView {
            currency: c.code(),
            line_amounts: t.line_amounts.iter().map(|a| c.format(*a)).collect(),
            subtotal: c.format(t.subtotal),
            taxes: t
                .taxes
                .iter()
                .map(|x| TaxLineView {
                    name: x.name.clone(),
                    percent: x.percent.normalize().to_string(),
                    base: c.format(x.base),
                    amount: c.format(x.amount),
                })
                .collect(),
            tax_total: c.format(t.tax_total),
            fees_total: c.format(t.fees_total),
            total: c.format(t.total),
        }
    }
}

/// A row of the invoice list.
#[derive(Debug, Clone, Serialize)]
pub struct InvoiceRow {
    pub id: i64,
    pub number: Option<String>,
    pub customer_id: i64,
    pub customer_company: String,
    pub state: InvoiceState,
    pub status: InvoiceStatus,
    /// What holds it back from reminders and fees (a dispute, a plan, a promise).
    pub pause: Option<Pause>,
    pub issue_date: Option<NaiveDate>,
    /// The due date in force (after any extension).
    pub due_date: Option<NaiveDate>,
    /// The due date as printed on the invoice.
    pub original_due_date: Option<NaiveDate>,
    pub days_past_due: i64,
    pub currency: &'static str,
    pub total: String,
    pub balance: String,
    /// What payments have covered so far (issued only).
    pub paid: String,
    /// What credit notes took off (issued only); with `paid`, total − balance.
    pub credited: String,
}

impl InvoiceRow {
    /// The standing's status; without one, what the invoice's state says.
    pub(crate) fn status(state: InvoiceState, standing: Option<&InvoiceStanding>) -> InvoiceStatus {
        standing.map_or(
            match state {
                InvoiceState::Draft => InvoiceStatus::Draft,
                InvoiceState::Void => InvoiceStatus::Void,
                InvoiceState::Issued => InvoiceStatus::Open,
            },
            |s| s.status,
        )
    }

    /// The row for `h`, with its status, balance, due date in force, days
    /// late and pause from the account standing. An invoice without a
    /// standing (dated after the day asked about) shows as issued, owing its
    /// balance.
    pub fn new(h: &InvoiceHeader, standing: Option<&InvoiceStanding>) -> Self {
        let c = h.currency;
        let status = InvoiceRow::status(h.state, standing);
        let balance = standing.map_or(c.from_minor(h.balance_minor), |s| s.balance);
        InvoiceRow {
            id: h.id,
            number: h.number.clone(),
            customer_id: h.customer_id,
            customer_company: h.customer_company.clone(),
            state: h.state,
            status,
            pause: standing.and_then(|s| s.pause),
            issue_date: h.issue_date,
            due_date: standing.and_then(|s| s.due_on).or(h.due_date),
            original_due_date: h.original_due_date,
            days_past_due: standing.map_or(0, |s| s.days_late),
            currency: c.code(),
            total: c.format(c.from_minor(h.total_minor)),
            balance: c.format(balance),
            paid: c.format(c.from_minor(h.paid_minor())),
            credited: c.format(match h.state {
                InvoiceState::Issued => c.from_minor(h.credited_minor),
                _ => rust_decimal::Decimal::ZERO,
            }),
        }
    }
}

/// A line as the editor shows it: the typed values back, plus its amount.
#[derive(Debug, Clone, Serialize)]
pub struct LineView {
    pub description: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub discount_percent: String,
    pub tax_rate_id: Option<i64>,
    pub tax_name: String,
    pub tax_percent: String,
    /// What a dispute about this line questions unless the owner says
    /// otherwise: the line's amount, at most what the invoice owes.
    pub dispute_amount: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeeView {
    pub name: String,
    pub amount: String,
}

/// One invoice, for the editor and the invoice page.
#[derive(Debug, Clone, Serialize)]
pub struct InvoiceView {
    #[serde(flatten)]
    pub row: InvoiceRow,
    /// What the page offers (the account standing says).
    pub allows: InvoiceActions,
    pub terms_days: Option<u32>,
    pub lines: Vec<LineView>,
    pub fees: Vec<FeeView>,
    pub notes: String,
    pub totals: TotalsView,
    pub void_reason: Option<String>,
}

impl InvoiceView {
    pub fn new(inv: &Invoice, standing: Option<&InvoiceStanding>) -> Self {
        let c = inv.header.currency;
        let totals = duly_core::totals::compute(c, &inv.lines, &inv.fees);
        let row = InvoiceRow::new(&inv.header, standing);
        let owed = standing.map_or(totals.total, |s| s.balance);
        InvoiceView {
            allows: standing.map_or(
                InvoiceActions {
                    record_payment: false,
                    email: row.state == InvoiceState::Issued,
                    dispute: false,
                    extend: false,
                    offer_plan: false,
                    credit_note: false,
                    void: row.state == InvoiceState::Issued,
                },
                InvoiceStanding::actions,
            ),
            row,
            terms_days: inv.header.terms_days,
            lines: inv
                .lines
                .iter()
                .map(|l| LineView {
                    description: l.description.clone(),
                    quantity: l.quantity.normalize().to_string(),
                    unit: l.unit.clone(),
                    unit_price: l.unit_price.normalize().to_string(),
                    discount_percent: if l.discount_percent.is_zero() {
                        String::new()
                    } else {
                        l.discount_percent.normalize().to_string()
                    },
                    tax_rate_id: l.tax.rate_id,
                    tax_name: l.tax.name.clone(),
                    tax_percent: l.tax.percent.normalize().to_string(),
                    dispute_amount: c.format(duly_core::totals::line_amount(c, l).min(owed)),
                })
                .collect(),
            fees: inv
                .fees
                .iter()
                .map(|f| FeeView {
                    name: f.name.clone(),
                    amount: c.format(f.amount),
                })
                .collect(),
            notes: inv.notes.clone(),
            totals: TotalsView::new(&totals, c),
            void_reason: inv.header.void_reason.clone(),
        }
    }
}

/// A promise with its outcome as of today.
#[derive(Debug, Clone, Serialize)]
pub struct PromiseView {
    pub id: i64,
    pub kind: PromiseKind,
    pub amount: Money,
    pub made_on: NaiveDate,
    pub promised_on: NaiveDate,
    pub check_number: String,
    pub mailed_on: Option<NaiveDate>,
    pub mailed_to: String,
    pub notes: String,
    /// Invoice numbers covered.
    pub invoices: Vec<String>,
    pub outcome: PromiseOutcome,
    /// The outcome's amount paid, at the currency's decimals, and its deadline.
    pub paid: Money,
    pub deadline: NaiveDate,
}

impl PromiseView {
    pub fn new(p: &Promise, outcome: PromiseOutcome, c: Currency) -> Self {
        PromiseView {
            id: p.id,
            kind: p.kind,
            amount: c.money(c.from_minor(p.amount_minor)),
            made_on: p.made_on,
            promised_on: p.promised_on,
            check_number: p.check_number.clone(),
            mailed_on: p.mailed_on,
            mailed_to: p.mailed_to.clone(),
            notes: p.notes.clone(),
            invoices: p.invoices.iter().map(|(_, n)| n.clone()).collect(),
            paid: c.money(outcome.paid),
            deadline: outcome.deadline,
            outcome,
        }
    }
}

/// One event in a customer's history. Dates are ISO; the window formats them.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum TimelineEntry {
    InvoiceIssued {
        date: NaiveDate,
        invoice_id: i64,
        number: String,
        total: String,
        due_date: Option<NaiveDate>,
    },
    InvoiceVoided {
        date: NaiveDate,
        invoice_id: i64,
        number: String,
        reason: String,
    },
    PaymentReceived {
        date: NaiveDate,
        payment_id: i64,
        amount: String,
        method: PaymentMethod,
        reference: String,
        memo: String,
        /// (invoice number, amount)
        applied: Vec<(String, String)>,
        credit: String,
        reversed: bool,
        /// Typed by mistake and taken back: it never counted, and no
        /// reversal is listed for it.
        entered_in_error: bool,
    },
    PaymentReversed {
        date: NaiveDate,
        payment_id: i64,
        amount: String,
        reference: String,
        reason: String,
    },
    Promise(PromiseView),
    /// The owner set the customer's service status, and why.
    ServiceDecision {
        date: NaiveDate,
        status: ServiceStatus,
        reason: String,
    },
    /// The customer questioned an invoice (or one of its lines).
    DisputeOpened {
        date: NaiveDate,
        invoice_id: i64,
        invoice_number: String,
        about: &'static str,
        amount: String,
        customer_words: String,
    },
    DisputeClosed {
        date: NaiveDate,
        invoice_id: i64,
        invoice_number: String,
        status: duly_core::dispute::DisputeStatus,
        resolution: Option<duly_core::dispute::Resolution>,
    },
    CreditNoteIssued {
        date: NaiveDate,
        number: String,
        invoice_id: i64,
        invoice_number: String,
        amount: String,
        reason: String,
    },
    Contact {
        contact_id: i64,
        date: NaiveDate,
        time: String,
        channel: Channel,
        person: Person,
        person_name: String,
        /// The owner's, shown only to the owner.
        notes: String,
        /// What was agreed: what a recap of this contact confirms.
        agreed: String,
        /// A conversation (a call or meeting where someone was reached),
        /// which a recap can confirm.
        recap: bool,
        outcome: Outcome,
        next_step: String,
        follow_up_on: Option<NaiveDate>,
    },
}
