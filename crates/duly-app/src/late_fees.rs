//! Late-fee commands: the policy, what each overdue invoice owes in fees as
//! of a date, charging it on the owner's confirmation, and waiving it.
//!
//! Fees are never charged behind the owner's back: `preview` shows what the
//! policy makes each overdue invoice owe as of a date, and only `apply` bills
//! it, as a *finance-charge invoice* per customer (an ordinary invoice with
//! the next number, one untaxed line per overdue invoice, printed like any
//! other). Because the fee is a total as of a date (see
//! `duly_core::late_fee`), applying twice for the same day adds nothing and
//! applying after two weeks away bills those two weeks once.
//!
//! Waiving voids the finance-charge invoice and records the reason on each
//! fee; the waived period is forgiven, so it is never billed again.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::invoice::{validate_void_reason, Draft, InvoiceState, IssueForm, Line, LineTax};
use duly_core::late_fee::{self, LateFeeKind, LateFeePolicy, LateFeePolicyForm};
use duly_core::standing::Standing;
use duly_core::{totals, Currency, DomainError};
use duly_store::invoices::{self, Footer};
use duly_store::late_fees::{self as store, ChargedSoFar};
use duly_store::{customers, profile, Book, Transaction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::page::{Page, Span};
use crate::standing;

/// The Settings card: the policy as the form shows it, and in one sentence.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyView {
    pub form: LateFeePolicyForm,
    pub description: String,
    pub currency: Currency,
}

fn policy_view(policy: &LateFeePolicy, currency: Currency) -> PolicyView {
    PolicyView {
        form: policy.to_form(currency),
        description: policy.describe(currency),
        currency,
    }
}

pub fn policy(book: &mut Book) -> Result<PolicyView> {
    let (policy, currency) = book.read(|tx| {
        let currency = profile::get(tx)?.currency;
        Ok((store::policy(tx, currency)?, currency))
    })?;
    Ok(policy_view(&policy, currency))
}

/// Saves the policy. It applies to fees charged from now on; fees already
/// billed stay as billed.
pub fn save_policy(book: &mut Book, form: &LateFeePolicyForm) -> Result<PolicyView> {
    let (policy, currency) = book.write(|tx| {
        let currency = profile::get(tx)?.currency;
        let policy = form.validate(currency)?;
        store::save_policy(tx, &policy, currency)?;
        Ok((policy, currency))
    })?;
    Ok(policy_view(&policy, currency))
}

/// Turns late fees off (or back on) for one customer: a key account, a
/// friend, someone going through a hard time.
pub fn set_customer_opt_out(book: &mut Book, customer_id: i64, opt_out: bool) -> Result<()> {
    book.write(|tx| {
        customers::get(tx, customer_id)?;
        store::set_opt_out(tx, customer_id, opt_out)
    })?;
    Ok(())
}

/// Waives late fees on one invoice (or charges it again), leaving the
/// customer's other invoices as they are: "we were late delivering that one".
pub fn set_invoice_exempt(
    book: &mut Book,
    invoice_id: i64,
    exempt: bool,
    now: NaiveDateTime,
) -> Result<()> {
    book.write(|tx| store::set_invoice_exempt(tx, invoice_id, exempt, now))?;
    Ok(())
}

/// One overdue invoice's late fee as of a date.
#[derive(Debug, Clone, Serialize)]
pub struct FeeLine {
    pub customer_id: i64,
    pub customer_company: String,
    pub invoice_id: i64,
    pub invoice_number: String,
    pub due_date: NaiveDate,
    /// Days past the due date (grace days included).
    pub days_late: i64,
    /// What the invoice still owed on the as-of date.
    pub balance: String,
    /// The total fee the policy gives it as of the date.
    pub fee_owed: String,
    /// Already billed on finance-charge invoices (not waived).
    pub already_charged: String,
    /// Billed, then waived: forgiven, never billed again.
    pub waived: String,
    pub to_charge_now: String,
    /// Something is to charge now (the row is shown as active).
    pub charging: bool,
    /// The days the charge now covers (none when nothing is to charge).
    pub period_from: Option<NaiveDate>,
    pub period_through: Option<NaiveDate>,
}

/// A fee line with exact amounts, before it becomes text.
#[derive(Debug, Clone)]
struct Computed {
    customer_id: i64,
    customer_company: String,
    invoice_id: i64,
    invoice_number: String,
    due: NaiveDate,
    days_late: i64,
    balance: Decimal,
    fee_owed: Decimal,
    so_far: ChargedSoFar,
    to_charge: Decimal,
    period: (NaiveDate, NaiveDate),
}

impl Computed {
    fn view(&self, c: Currency) -> FeeLine {
        let charging = self.to_charge > Decimal::ZERO;
        FeeLine {
            customer_id: self.customer_id,
            customer_company: self.customer_company.clone(),
            invoice_id: self.invoice_id,
            invoice_number: self.invoice_number.clone(),
            due_date: self.due,
            days_late: self.days_late,
            balance: c.format(self.balance),
            fee_owed: c.format(self.fee_owed),
            already_charged: c.format(c.from_minor(self.so_far.charged_minor)),
            waived: c.format(c.from_minor(self.so_far.waived_minor)),
            to_charge_now: c.format(self.to_charge),
            charging,
            period_from: charging.then_some(self.period.0),
            period_through: charging.then_some(self.period.1),
        }
    }
}

/// What the policy makes of the book as of a day: every fee line, and how
/// many overdue invoices are paused that day (they earn no fee while they
/// are), so the screen can say why they are not listed.
struct Fees {
    currency: Currency,
    policy: LateFeePolicy,
    lines: Vec<Computed>,
    paused: usize,
}

/// Every overdue invoice that earns (or has earned) a fee as of `as_of`,
/// computed in one read of the book. Which invoices may be charged is the
/// account standing's answer (`late_fee_eligible`): overdue, not paused by a
/// dispute, a plan in good standing or a pending promise, not a
/// finance-charge invoice itself (no fee on a fee), and the customer not
/// exempt.
fn compute(tx: &Transaction, as_of: NaiveDate, standings: &[Standing]) -> duly_store::Result<Fees> {
    let currency = profile::get(tx)?.currency;
    let policy = store::policy(tx, currency)?;
    if policy.kind == LateFeeKind::None {
        return Ok(Fees {
            currency,
            policy,
            lines: Vec::new(),
            paused: 0,
        });
    }
    let charged = store::charged_so_far(tx)?;
    let companies: HashMap<i64, String> = customers::names(tx)?
        .into_iter()
        .map(|(id, company, _)| (id, company))
        .collect();
    let mut lines = Vec::new();
    let mut paused = 0;
    for s in standings {
        paused += s
            .invoices
            .iter()
            .filter(|i| i.is_past_due() && i.pause.is_some())
            .count();
        for i in s.invoices.iter().filter(|i| i.late_fee_eligible) {
            let Some(due) = i.due_on else {
                continue;
            };
            let fee_owed = policy.fee_as_of(currency, i.balance, due, as_of);
            let so_far = charged.get(&i.id).copied().unwrap_or_default();
            if fee_owed <= Decimal::ZERO && so_far.accounted_minor() == 0 {
                continue;
            }
            let to_charge = currency.round(late_fee::to_charge_now(
                fee_owed,
                currency.from_minor(so_far.accounted_minor()),
                so_far.through,
                as_of,
            ));
            lines.push(Computed {
                customer_id: s.customer_id,
                customer_company: companies.get(&s.customer_id).cloned().unwrap_or_default(),
                invoice_id: i.id,
                invoice_number: i.number.clone(),
                due,
                days_late: i.days_late,
                balance: i.balance,
                fee_owed,
                so_far,
                to_charge,
                period: late_fee::charge_period(&policy, due, so_far.through, as_of),
            });
        }
    }
    lines.sort_by(|a, b| {
        a.customer_company
            .to_lowercase()
            .cmp(&b.customer_company.to_lowercase())
            .then(a.customer_id.cmp(&b.customer_id))
            .then(a.due.cmp(&b.due))
            .then(a.invoice_number.cmp(&b.invoice_number))
    });
    Ok(Fees {
        currency,
        policy,
        lines,
        paused,
    })
}

/// The fees as of `as_of`, worked out once per book state and kept in the
/// memo: the screen's first page and every page after it read the same.
fn kept(book: &mut Book, as_of: NaiveDate) -> Result<Arc<Fees>> {
    let standings = standings_if_charging(book, as_of)?;
    Ok(book.remember(as_of, |tx| compute(tx, as_of, &standings))?)
}

/// The standings the other screens share, when a late-fee policy is set;
/// none without one (nothing is charged, so nothing needs working out).
fn standings_if_charging(book: &mut Book, as_of: NaiveDate) -> Result<Arc<Vec<Standing>>> {
    let kind = book.read(|tx| Ok(store::policy(tx, profile::get(tx)?.currency)?.kind))?;
    if kind == LateFeeKind::None {
        return Ok(Arc::default());
    }
    Ok(standing::shared(book, as_of)?)
}

/// What the policy makes each overdue invoice owe in fees as of `as_of`,
/// and what of it is still to charge. Reads only.
pub fn preview(book: &mut Book, as_of: NaiveDate) -> Result<Vec<FeeLine>> {
    let fees = kept(book, as_of)?;
    Ok(fees.lines.iter().map(|l| l.view(fees.currency)).collect())
}

/// The page of the fee lines as of `as_of` that `span` asks for ("Next" on
/// Late fees), in the screen's order: by customer, then due date.
pub fn lines(book: &mut Book, as_of: NaiveDate, span: Span) -> Result<Page<FeeLine>> {
    Ok(kept(book, as_of)?.page(span))
}

impl Fees {
    fn page(&self, span: Span) -> Page<FeeLine> {
        span.take(self.lines.iter().collect())
            .map(|l: &Computed| l.view(self.currency))
    }
}

/// A fee billed on a finance-charge invoice.
#[derive(Debug, Clone, Serialize)]
pub struct ChargedFee {
    pub invoice_id: i64,
    pub invoice_number: String,
    pub through: NaiveDate,
    pub amount: String,
}

/// A finance-charge invoice, with its fees and whether they were waived.
#[derive(Debug, Clone, Serialize)]
pub struct FinanceCharge {
    pub invoice_id: i64,
    pub number: String,
    pub customer_id: i64,
    pub customer_company: String,
    pub issue_date: NaiveDate,
    pub total: String,
    pub balance: String,
    pub state: InvoiceState,
    pub fees: Vec<ChargedFee>,
    pub waived: bool,
    pub waiver_reason: Option<String>,
    /// Why it was voided, when it was voided from its own page.
    pub void_reason: Option<String>,
}

fn finance_charges(tx: &Transaction, currency: Currency) -> duly_store::Result<Vec<FinanceCharge>> {
    let mut out: Vec<FinanceCharge> = Vec::new();
    for charge in store::list(tx)? {
        let fee = ChargedFee {
            invoice_id: charge.invoice_id,
            invoice_number: charge.invoice_number.clone(),
            through: charge.through,
            amount: currency.format(currency.from_minor(charge.amount_minor)),
        };
        if let Some(last) = out
            .last_mut()
            .filter(|f| f.invoice_id == charge.charge_invoice_id)
        {
            last.fees.push(fee);
            continue;
        }
        let header = invoices::header_of(tx, charge.charge_invoice_id)?;
        out.push(FinanceCharge {
            invoice_id: charge.charge_invoice_id,
            number: charge.charge_number.clone(),
            customer_id: charge.customer_id,
            customer_company: charge.customer_company.clone(),
            issue_date: charge.charged_on,
            total: currency.format(currency.from_minor(header.total_minor)),
            balance: currency.format(currency.from_minor(header.balance_minor)),
            state: header.state,
            fees: vec![fee],
            waived: charge.waived_at.is_some(),
            void_reason: if charge.waived_at.is_some() {
                None
            } else {
                header.void_reason
            },
            waiver_reason: charge.waiver_reason,
        });
    }
    Ok(out)
}

/// A customer who is never charged late fees.
#[derive(Debug, Clone, Serialize)]
pub struct OptedOut {
    pub customer_id: i64,
    pub company: String,
}

/// An invoice on which the owner waived late fees, whoever its customer.
#[derive(Debug, Clone, Serialize)]
pub struct ExemptInvoice {
    pub invoice_id: i64,
    pub number: String,
    pub customer_id: i64,
    pub company: String,
}

/// Everything the Late fees screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct LateFeesView {
    pub as_of: NaiveDate,
    pub currency: Currency,
    /// The policy in one sentence.
    pub policy: String,
    pub policy_active: bool,
    /// The first page of the fee lines; [`lines`] gives the others.
    pub lines: Page<FeeLine>,
    /// Overdue invoices paused that day (a dispute, a plan in good standing,
    /// a pending promise): they earn no fee while they are.
    pub paused: usize,
    /// Fees with something to charge now, and their total.
    pub to_charge_count: usize,
    pub to_charge_total: String,
    /// How many finance-charge invoices applying would issue (one per customer).
    pub invoices_to_issue: usize,
    pub charges: Vec<FinanceCharge>,
    pub opted_out: Vec<OptedOut>,
    pub exempt_invoices: Vec<ExemptInvoice>,
}

pub fn view(book: &mut Book, as_of: NaiveDate) -> Result<LateFeesView> {
    // The screen reads the standings the other screens share; charging
    // (below) works them out again inside its own write.
    let fees = kept(book, as_of)?;
    let first = fees.page(Span::default());
    book.read(|tx| {
        let Fees {
            currency,
            ref policy,
            ref lines,
            paused,
        } = *fees;
        let charging: Vec<&Computed> = lines
            .iter()
            .filter(|l| l.to_charge > Decimal::ZERO)
            .collect();
        let total: Decimal = charging.iter().map(|l| l.to_charge).sum();
        let mut customers_charged: Vec<i64> = charging.iter().map(|l| l.customer_id).collect();
        customers_charged.sort_unstable();
        customers_charged.dedup();
        let ids = store::opted_out(tx)?;
        let mut opted_out = ids
            .into_iter()
            .map(|id| {
                Ok(OptedOut {
                    customer_id: id,
                    company: customers::get(tx, id)?.details.company,
                })
            })
            .collect::<duly_store::Result<Vec<_>>>()?;
        opted_out.sort_by_key(|o| o.company.to_lowercase());
        Ok(LateFeesView {
            as_of,
            currency,
            policy: policy.describe(currency),
            policy_active: policy.kind != LateFeeKind::None,
            to_charge_count: charging.len(),
            to_charge_total: currency.format(total),
            invoices_to_issue: customers_charged.len(),
            lines: first,
            paused,
            charges: finance_charges(tx, currency)?,
            opted_out,
            exempt_invoices: store::exempt_invoices(tx)?
                .into_iter()
                .map(|(invoice_id, number, customer_id, company)| ExemptInvoice {
                    invoice_id,
                    number,
                    customer_id,
                    company,
                })
                .collect(),
        })
    })
    .map_err(Into::into)
}

/// Whom `apply` charges.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "ids")]
pub enum Customers {
    /// Every customer with a fee to charge.
    #[default]
    All,
    /// Only these.
    Only(Vec<i64>),
}

impl Customers {
    fn admits(&self, id: i64) -> bool {
        match self {
            Customers::All => true,
            Customers::Only(ids) => ids.contains(&id),
        }
    }
}

/// One finance-charge invoice issued by `apply`.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    pub invoice_id: i64,
    pub number: String,
    pub customer_id: i64,
    pub customer_company: String,
    pub fees: usize,
    pub total: String,
}

/// Charges the late fees owed as of `as_of`, on the owner's confirmation: one
/// finance-charge invoice per customer, issued today with the customer's
/// usual terms, each line "Late fee on INV-0003, 27 Oct – 25 Nov 2026",
/// untaxed. All of it in one transaction; nothing to charge issues nothing.
pub fn apply(
    book: &mut Book,
    as_of: NaiveDate,
    customers: &Customers,
    now: NaiveDateTime,
) -> Result<Vec<Applied>> {
    let today = now.date();
    if as_of > today {
        return Err(DomainError::field(
            "as_of",
            "Late fees can be charged through today at the latest, not for days still to come.",
        )
        .into());
    }
    book.write(|tx| {
        let standings = standing::all(tx, as_of)?;
        let Fees {
            currency,
            policy,
            lines,
            ..
        } = compute(tx, as_of, &standings)?;
        if policy.kind == LateFeeKind::None {
            return Err(DomainError::NotAllowed(
                "No late-fee policy is set. Choose one in Settings first.".into(),
            )
            .into());
        }
        let mut by_customer: BTreeMap<(String, i64), Vec<&Computed>> = BTreeMap::new();
        for line in lines
            .iter()
            .filter(|l| l.to_charge > Decimal::ZERO && customers.admits(l.customer_id))
        {
            by_customer
                .entry((line.customer_company.to_lowercase(), line.customer_id))
                .or_default()
                .push(line);
        }
        let business = profile::get(tx)?;
        let footer = Footer::from_profile(&business, &policy);
        let mut applied = Vec::new();
        for ((_, customer_id), fees) in by_customer {
            let invoice = charge_invoice(tx, customer_id, &fees, &policy, &business, &footer, now)?;
            for fee in &fees {
                let amount = currency.to_minor(fee.to_charge).ok_or_else(|| {
                    DomainError::NotAllowed("A late fee is too large to record.".into())
                })?;
                store::insert(tx, fee.invoice_id, as_of, amount, invoice.invoice_id, now)?;
            }
            applied.push(invoice);
        }
        Ok(applied)
    })
    .map_err(Into::into)
}

/// Writes and issues one customer's finance-charge invoice.
fn charge_invoice(
    tx: &Transaction,
    customer_id: i64,
    fees: &[&Computed],
    policy: &LateFeePolicy,
    business: &duly_core::profile::BusinessProfile,
    footer: &Footer,
    now: NaiveDateTime,
) -> duly_store::Result<Applied> {
    let currency = business.currency;
    let lines: Vec<Line> = fees
        .iter()
        .map(|f| Line {
            description: late_fee::line_description(
                &f.invoice_number,
                f.period.0,
                f.period.1,
                policy
                    .basis(f.balance, (f.period.1 - f.period.0).num_days() + 1, |d| {
                        crate::documents::format::money(currency, d)
                    })
                    .as_deref(),
                business.date_style(),
            ),
            quantity: Decimal::ONE,
            unit: String::new(),
            unit_price: f.to_charge,
            discount_percent: Decimal::ZERO,
            tax: LineTax {
                rate_id: None,
                name: String::new(),
                percent: Decimal::ZERO,
            },
        })
        .collect();
    let numbers: Vec<&str> = fees.iter().map(|f| f.invoice_number.as_str()).collect();
    let draft = Draft {
        customer_id,
        lines,
        fees: Vec::new(),
        notes: finance_charge_note(&numbers, &footer.late_fee_text),
    };
    let totals = totals::compute(currency, &draft.lines, &draft.fees);
    let id = invoices::insert_draft(tx, &draft, currency, &totals, now)?;
    let customer = customers::get(tx, customer_id)?;
    let terms = customer
        .details
        .terms_days
        .unwrap_or(business.default_terms_days);
    let schedule = IssueForm {
        issue_date: now.date().format("%Y-%m-%d").to_string(),
        due_date: String::new(),
    }
    .schedule(terms)?;
    let number = invoices::issue(tx, id, &schedule, footer, now)?;
    Ok(Applied {
        invoice_id: id,
        number,
        customer_id,
        customer_company: customer.details.company,
        fees: fees.len(),
        total: currency.format(totals.total),
    })
}

/// The note printed on a finance-charge invoice: which invoices it is for,
/// and, as on every message, an offer of help.
fn finance_charge_note(numbers: &[&str], terms: &str) -> String {
    let list = match numbers {
        [] => String::new(),
        [one] => format!("invoice {one}"),
        [init @ .., last] => format!("invoices {} and {last}", init.join(", ")),
    };
    let (those, them) = if numbers.len() == 1 {
        ("this invoice", "it")
    } else {
        ("these invoices", "them")
    };
    format!(
        "Late fees on overdue {list}, each line for the days it names. Our late-fee terms: {terms} \
         If something is keeping {those} from being paid, please let us know: \
         we are glad to help with {them}."
    )
}

/// The reason for a waiver, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct WaiveForm {
    pub reason: String,
}

/// Waives the fees on a finance-charge invoice as a goodwill gesture: the
/// invoice is voided (kept, marked, with the reason) and each fee records the
/// waiver. The waived period is never billed again.
pub fn waive(
    book: &mut Book,
    charge_invoice_id: i64,
    form: &WaiveForm,
    now: NaiveDateTime,
) -> Result<FinanceCharge> {
    book.write(|tx| {
        let reason = validate_void_reason(&form.reason)?;
        let header = invoices::header_of(tx, charge_invoice_id)?;
        let label = header.label().to_owned();
        let charges: Vec<_> = store::list(tx)?
            .into_iter()
            .filter(|c| c.charge_invoice_id == charge_invoice_id)
            .collect();
        if charges.is_empty() {
            return Err(DomainError::NotAllowed(format!(
                "Invoice {label} is not a finance-charge invoice; void it from its own page instead."
            ))
            .into());
        }
        if charges.iter().all(|c| c.waived_at.is_some()) {
            return Err(
                DomainError::NotAllowed(format!("The late fees on {label} were already waived.")).into(),
            );
        }
        header.state.ensure_voidable(&label)?;
        if duly_store::payments::has_live_allocations(tx, charge_invoice_id)? {
            return Err(DomainError::NotAllowed(format!(
                "A payment has been applied to {label}; reverse it before waiving the fee."
            ))
            .into());
        }
        invoices::void(tx, charge_invoice_id, &format!("Late fee waived: {reason}"), now)?;
        store::waive(tx, charge_invoice_id, &reason, now)?;
        let currency = profile::get(tx)?.currency;
        finance_charges(tx, currency)?
            .into_iter()
            .find(|f| f.invoice_id == charge_invoice_id)
            .ok_or_else(|| duly_store::StoreError::not_found("That invoice no longer exists."))
    })
    .map_err(Into::into)
}
