//! The weekly past-due summary, as of any date: aging, this week's actions,
//! promises due and broken, checks late in the mail, payments received, DSO,
//! cash expected, and customers who meet the suspension policy.
//!
//! Everything is computed from what the book knew on the as-of date, so the
//! summary of a past Monday matches what it said that Monday.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Days, NaiveDate};
use duly_core::aging::{dso, Aging, BUCKETS};
use duly_core::invoice::InvoiceStatus;
use duly_core::ladder::LadderStep;
use duly_core::money::Money;
use duly_core::promise::{PromiseKind, PromiseOutcome, PromiseStatus};
use duly_core::standing::{InvoiceStanding, Standing};
use duly_core::Currency;
use duly_store::policies::SummaryPolicy;
use duly_store::promises::Promise;
use duly_store::{contact_log, customers, payments, policies, promises, Book, Transaction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::page::{Page, PageQuery};
use crate::standing;
use crate::views::PromiseView;

/// DSO's period: the last 90 days of credit sales.
pub const DSO_DAYS: u32 = 90;

#[derive(Debug, Clone, Serialize)]
pub struct AgingView {
    pub labels: [String; BUCKETS],
    pub amounts: [Money; BUCKETS],
    pub total: Money,
    pub overdue: Money,
}

#[derive(Debug, Clone, Serialize)]
pub struct CustomerAging {
    pub customer_id: i64,
    pub company: String,
    pub amounts: [Money; BUCKETS],
    pub total: Money,
}

/// One customer to contact this week, and the facts behind the suggestion.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub customer_id: i64,
    pub company: String,
    /// Past due and not disputed: what the ladder weighs.
    pub overdue: Money,
    pub overdue_invoices: usize,
    pub oldest_days: i64,
    pub broken_promises: usize,
    /// Latest broken promise's promised date.
    pub last_broken_on: Option<NaiveDate>,
    /// Waiting on a pending promise until this day (promised date + grace).
    pub waiting_until: Option<NaiveDate>,
    pub last_contact: Option<NaiveDate>,
    /// The ladder's next step, when it is due, and why.
    pub step: Option<LadderStep>,
    pub step_title: Option<&'static str>,
    pub step_due_on: Option<NaiveDate>,
    pub why: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PromiseLine {
    pub customer_id: i64,
    pub company: String,
    pub promise: PromiseView,
}

#[derive(Debug, Clone, Serialize)]
pub struct PaymentLine {
    pub customer_id: i64,
    pub company: String,
    pub received_on: NaiveDate,
    pub amount: Money,
    pub method: duly_core::payment::PaymentMethod,
    pub reference: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeekCash {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub amount: Money,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuspensionCandidate {
    pub customer_id: i64,
    pub company: String,
    pub service_status: duly_core::customer::ServiceStatus,
    pub oldest_days: i64,
    pub overdue: Money,
    pub broken: Vec<PromiseView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dso {
    pub days: Option<Decimal>,
    pub receivables: Money,
    pub credit_sales: Money,
    pub period_days: u32,
    pub formula: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub as_of: NaiveDate,
    pub currency: Currency,
    pub aging: AgingView,
    pub customers: Vec<CustomerAging>,
    /// Customers to follow up: past due, and nothing holds the ladder back.
    pub actions: Vec<Action>,
    /// Customers past due whom the ladder waits on: a pending promise or a
    /// plan in good standing.
    pub waiting: Vec<Action>,
    pub promises_due: Vec<PromiseLine>,
    pub promises_broken: Vec<PromiseLine>,
    pub checks_late: Vec<PromiseLine>,
    pub payments: Vec<PaymentLine>,
    pub payments_total: Money,
    pub dso: Dso,
    pub cash_expected: Vec<WeekCash>,
    pub suspension: Vec<SuspensionCandidate>,
    /// Owed on invoices under an open dispute (included in the aging).
    pub disputed: Money,
    /// Past due but paused by a dispute, a plan or a pending promise
    /// (included in the aging's overdue; not chased).
    pub paused: Money,
    /// Open disputes; `overdue` when the promised resolution date has passed.
    pub disputes: Vec<crate::disputes::DisputeView>,
}

fn plus(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d.checked_add_days(Days::new(days.unsigned_abs()))
            .unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap_or(d)
    }
}

/// The "as of" date the window sends (`YYYY-MM-DD`), shared by the summary,
/// its exports and the late-fee screen so all refuse a bad date alike.
pub fn as_of_date(text: &str) -> Result<NaiveDate> {
    duly_core::text::date("as_of", "As of", text)
        .map_err(|e| duly_core::DomainError::Invalid(vec![e]).into())
}

/// The summary in exact figures, before it becomes text for the window.
struct Figures {
    currency: Currency,
    policy: SummaryPolicy,
    standings: Arc<Vec<Standing>>,
    /// Every promise made by the day, grouped by customer.
    promises: Vec<Promised>,
    /// Where each customer's promises sit in `promises`.
    promises_of: HashMap<i64, std::ops::Range<usize>>,
    names: HashMap<i64, (String, duly_core::customer::ServiceStatus)>,
}

impl Figures {
    fn promises_of(&self, customer_id: i64) -> &[Promised] {
        self.promises_of
            .get(&customer_id)
            .and_then(|r| self.promises.get(r.clone()))
            .unwrap_or_default()
    }

    fn name(&self, id: i64) -> String {
        self.names.get(&id).map(|n| n.0.clone()).unwrap_or_default()
    }

    fn line(&self, p: &Promised) -> PromiseLine {
        PromiseLine {
            customer_id: p.customer_id,
            company: self.name(p.customer_id),
            promise: p.view.clone(),
        }
    }

    /// One customer the ladder weighs: what is past due and not disputed,
    /// the suggestion, and the promises behind it.
    fn action(&self, s: &Standing, last_contact: Option<NaiveDate>) -> (bool, Decimal, Action) {
        let c = self.currency;
        let weighed: Vec<&InvoiceStanding> = s.weighed().collect();
        let amount: Decimal = weighed.iter().map(|i| i.balance).sum();
        let weight: Decimal = weighed
            .iter()
            .map(|i| i.balance * Decimal::from(i.days_late))
            .sum();
        let mine = || self.promises_of(s.customer_id).iter();
        let last_broken_on = mine()
            .filter(|p| p.is(PromiseStatus::Broken))
            .map(|p| p.promise.promised_on)
            .max();
        let waiting = mine()
            .filter(|p| p.is(PromiseStatus::Pending))
            .map(|p| p.outcome.deadline)
            .max();
        let suggestion = s.suggestion.as_ref();
        let action = Action {
            customer_id: s.customer_id,
            company: self.name(s.customer_id),
            overdue: c.money(amount),
            overdue_invoices: weighed.len(),
            oldest_days: s.oldest_days_late,
            broken_promises: s.broken_promises,
            last_broken_on,
            waiting_until: waiting,
            last_contact,
            step: suggestion.map(|x| x.step),
            step_title: suggestion.map(|x| x.step.title()),
            step_due_on: suggestion.map(|x| x.due_on),
            why: suggestion.map(|x| x.why.clone()).unwrap_or_default(),
        };
        (s.broken_promises > 0 && waiting.is_none(), weight, action)
    }
}

/// Reads what the summary needs beside every account's standing.
fn figures(tx: &Transaction, standings: Arc<Vec<Standing>>) -> duly_store::Result<Figures> {
    let currency = duly_store::profile::get(tx)?.currency;
    let by_id: HashMap<i64, &Standing> = standings.iter().map(|s| (s.customer_id, s)).collect();
    let mut promised = Vec::new();
    let mut promises_of = HashMap::new();
    for customer_id in promises::customers_with_promises(tx)? {
        let Some(s) = by_id.get(&customer_id) else {
            continue;
        };
        let first = promised.len();
        for p in promises::for_customer(tx, customer_id)? {
            if let Some(outcome) = s.promise(p.id).cloned() {
                promised.push(Promised {
                    customer_id,
                    view: PromiseView::new(&p, outcome.clone(), currency),
                    promise: p,
                    outcome,
                });
            }
        }
        promises_of.insert(customer_id, first..promised.len());
    }
    Ok(Figures {
        currency,
        policy: policies::summary_policy(tx)?,
        names: customers::names(tx)?
            .into_iter()
            .map(|(id, company, status)| (id, (company, status)))
            .collect(),
        standings,
        promises: promised,
        promises_of,
    })
}

/// The weekly summary as of `as_of`. Worked out once per book state and
/// date (the book's memo): the screen's pages, its exports and the Monday
/// notice all read the same one, built on the standings the other screens
/// share ([`standing::shared`]).
pub fn compute(book: &mut Book, as_of: NaiveDate) -> Result<Arc<Summary>> {
    let standings = standing::shared(book, as_of)?;
    book.remember(as_of, |tx| work(tx, as_of, standings))
}

/// A list of the summary that the window pages through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SummaryList {
    Customers,
    Actions,
    Waiting,
    PromisesDue,
    PromisesBroken,
    ChecksLate,
    Payments,
    Disputes,
    Suspension,
}

/// How many rows each list of the summary has in all.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Lengths {
    pub customers: usize,
    pub actions: usize,
    pub waiting: usize,
    pub promises_due: usize,
    pub promises_broken: usize,
    pub checks_late: usize,
    pub payments: usize,
    pub disputes: usize,
    pub suspension: usize,
}

/// What This week opens with: every figure, the first page of each list,
/// and how long each list is. The rest comes a page at a time ([`page`]),
/// so a book with thousands of customers past due still opens at once.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryHead {
    #[serde(flatten)]
    pub summary: Summary,
    pub lengths: Lengths,
    /// Rows a page of each list holds ([`SHOWN`]), so the window asks for
    /// the next pages in the same size.
    pub shown: usize,
}

/// The summary as of `as_of` with each list cut to its first [`SHOWN`] rows.
pub fn head(book: &mut Book, as_of: NaiveDate) -> Result<SummaryHead> {
    let s = compute(book, as_of)?;
    Ok(SummaryHead {
        shown: SHOWN,
        lengths: Lengths {
            customers: s.customers.len(),
            actions: s.actions.len(),
            waiting: s.waiting.len(),
            promises_due: s.promises_due.len(),
            promises_broken: s.promises_broken.len(),
            checks_late: s.checks_late.len(),
            payments: s.payments.len(),
            disputes: s.disputes.len(),
            suspension: s.suspension.len(),
        },
        summary: Summary {
            as_of: s.as_of,
            currency: s.currency,
            aging: s.aging.clone(),
            customers: first(&s.customers),
            actions: first(&s.actions),
            waiting: first(&s.waiting),
            promises_due: first(&s.promises_due),
            promises_broken: first(&s.promises_broken),
            checks_late: first(&s.checks_late),
            payments: first(&s.payments),
            payments_total: s.payments_total,
            dso: s.dso.clone(),
            cash_expected: s.cash_expected.clone(),
            suspension: first(&s.suspension),
            disputed: s.disputed,
            paused: s.paused,
            disputes: first(&s.disputes),
        },
    })
}

/// A column aging by customer sorts by: the company, the total, or one of
/// the buckets (by its place, 0 for the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum AgingSort {
    Bucket(usize),
    Column(AgingColumn),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgingColumn {
    Company,
    Total,
}

/// One row of a summary list, as that list shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum SummaryRow {
    Customer(CustomerAging),
    Action(Action),
    Promise(PromiseLine),
    Payment(PaymentLine),
    Dispute(crate::disputes::DisputeView),
    Suspension(SuspensionCandidate),
}

/// The page of `list` that `query` asks for. Aging by customer sorts by any
/// column; the other lists keep the summary's order (who matters most
/// first), and a sort asked of them is ignored.
pub fn page(
    book: &mut Book,
    as_of: NaiveDate,
    list: SummaryList,
    query: &PageQuery<AgingSort>,
) -> Result<Page<SummaryRow>> {
    let s = compute(book, as_of)?;
    let unsorted = PageQuery {
        sort: None,
        ..*query
    };
    let promises = |rows: &[PromiseLine]| {
        unsorted.cut(rows.iter().collect(), kept, |p| {
            SummaryRow::Promise(p.clone())
        })
    };
    let actions = |rows: &[Action]| {
        unsorted.cut(rows.iter().collect(), kept, |a| {
            SummaryRow::Action(a.clone())
        })
    };
    Ok(match list {
        SummaryList::Customers => query.cut(s.customers.iter().collect(), aging_order, |c| {
            SummaryRow::Customer(c.clone())
        }),
        SummaryList::Actions => actions(&s.actions),
        SummaryList::Waiting => actions(&s.waiting),
        SummaryList::PromisesDue => promises(&s.promises_due),
        SummaryList::PromisesBroken => promises(&s.promises_broken),
        SummaryList::ChecksLate => promises(&s.checks_late),
        SummaryList::Payments => unsorted.cut(s.payments.iter().collect(), kept, |p| {
            SummaryRow::Payment(p.clone())
        }),
        SummaryList::Disputes => unsorted.cut(s.disputes.iter().collect(), kept, |d| {
            SummaryRow::Dispute(d.clone())
        }),
        SummaryList::Suspension => unsorted.cut(s.suspension.iter().collect(), kept, |c| {
            SummaryRow::Suspension(c.clone())
        }),
    })
}

/// Rows of each list This week shows at first (and a page after that): a
/// screen to read on Monday, not a ledger; the rest is a Next away.
pub const SHOWN: usize = 10;

/// The first page of `rows`.
fn first<T: Clone>(rows: &[T]) -> Vec<T> {
    rows.iter().take(SHOWN).cloned().collect()
}

/// The order of a list that is not sorted: never asked, since its query
/// has no sort column.
fn kept<T>(_: AgingSort, _: &T, _: &T) -> std::cmp::Ordering {
    std::cmp::Ordering::Equal
}

fn aging_order(by: AgingSort, a: &CustomerAging, b: &CustomerAging) -> std::cmp::Ordering {
    match by {
        AgingSort::Column(AgingColumn::Company) => {
            duly_core::text::fold(&a.company).cmp(&duly_core::text::fold(&b.company))
        }
        AgingSort::Column(AgingColumn::Total) => a.total.cmp(&b.total),
        AgingSort::Bucket(i) => a.amounts.get(i).cmp(&b.amounts.get(i)),
    }
}

fn work(tx: &Transaction, as_of: NaiveDate, standings: Arc<Vec<Standing>>) -> Result<Summary> {
    let f = figures(tx, standings)?;
    let currency = f.currency;

    // Aging, per customer and in total; credit sales for DSO.
    let since = plus(as_of, -i64::from(DSO_DAYS) + 1);
    let mut total = Aging::default();
    let mut credit_sales = Decimal::ZERO;
    let mut disputed = Decimal::ZERO;
    let mut paused = Decimal::ZERO;
    let mut customers_aging: Vec<CustomerAging> = Vec::new();
    for s in f.standings.iter() {
        credit_sales += s
            .invoices
            .iter()
            .filter(|i| i.status != InvoiceStatus::Void && i.issued_on.is_some_and(|d| d >= since))
            .map(|i| i.total)
            .sum::<Decimal>();
        disputed += s.totals.disputed;
        paused += s.totals.past_due_paused;
        if s.totals.owed <= Decimal::ZERO {
            continue;
        }
        for (bucket, amount) in s.aging.0.iter().enumerate() {
            total.add(bucket, *amount);
        }
        customers_aging.push(CustomerAging {
            customer_id: s.customer_id,
            company: f.name(s.customer_id),
            amounts: s.aging.0.map(|a| currency.money(a)),
            total: currency.money(s.aging.total()),
        });
    }
    customers_aging.sort_by_key(|a| a.company.to_lowercase());

    // Promises, as of the date.
    let week_ahead = plus(as_of, 7);
    let week_back = plus(as_of, -7);
    let promises_due = f
        .promises
        .iter()
        .filter(|p| p.is(PromiseStatus::Pending))
        .filter(|p| p.outcome.deadline >= as_of && p.promise.promised_on <= week_ahead)
        .map(|p| f.line(p))
        .collect();
    let promises_broken = f
        .promises
        .iter()
        .filter(|p| p.is(PromiseStatus::Broken) && p.outcome.deadline >= week_back)
        .map(|p| f.line(p))
        .collect();
    let checks_late = f
        .promises
        .iter()
        .filter(|p| p.promise.kind == PromiseKind::CheckInMail)
        .filter(|p| p.is(PromiseStatus::Pending) || p.is(PromiseStatus::Broken))
        .filter(|p| p.promise.promised_on < as_of)
        .map(|p| f.line(p))
        .collect();

    // Cash expected from pending promises and plan installments, week by week.
    let mut weeks = [Decimal::ZERO; 4];
    let mut expect = |on: NaiveDate, amount: Decimal| {
        let week = ((on - as_of).num_days().max(0) / 7) as usize;
        if let Some(slot) = weeks.get_mut(week) {
            *slot += amount.max(Decimal::ZERO);
        }
    };
    for p in f.promises.iter().filter(|p| p.is(PromiseStatus::Pending)) {
        expect(
            p.promise.promised_on,
            currency.from_minor(p.promise.amount_minor) - p.outcome.paid,
        );
    }
    for plan in f.standings.iter().flat_map(|s| s.plans.iter()) {
        for (on, amount) in &plan.expected {
            expect(*on, *amount);
        }
    }
    let cash_expected = (0..4)
        .map(|k| WeekCash {
            from: plus(as_of, 7 * k),
            to: plus(as_of, 7 * k + 6),
            amount: currency.money(weeks[k as usize]),
        })
        .collect();

    // This week's actions: customers the ladder weighs and does not hold
    // back; those it waits on (a promise, a plan) are listed apart.
    let last_contact: HashMap<i64, NaiveDate> =
        contact_log::last_contacts(tx, as_of)?.into_iter().collect();
    let mut actions = Vec::new();
    let mut waiting = Vec::new();
    for s in f.standings.iter().filter(|s| s.oldest_days_late > 0) {
        let action = f.action(s, last_contact.get(&s.customer_id).copied());
        if s.is_waiting() {
            waiting.push(action);
        } else {
            actions.push(action);
        }
    }
    // Broken promises first, then what matters most: amount × days late.
    let order = |a: &(bool, Decimal, Action), b: &(bool, Decimal, Action)| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.company.cmp(&b.2.company))
    };
    actions.sort_by(order);
    waiting.sort_by(order);

    let received = payments::received_between(tx, plus(as_of, -6), as_of)?;
    let payments_total: i64 = received.iter().map(|p| p.amount_minor).sum();
    let receivable = total.total();
    let disputes = duly_store::disputes::list(tx, None)?
        .iter()
        .filter(|d| crate::disputes::is_open_on(d, as_of))
        .map(|d| crate::disputes::view(d, currency, as_of))
        .collect();
    Ok(Summary {
        as_of,
        currency,
        aging: AgingView {
            labels: f.policy.aging.labels(),
            amounts: total.0.map(|a| currency.money(a)),
            total: currency.money(receivable),
            overdue: currency.money(total.overdue()),
        },
        customers: customers_aging,
        actions: actions.into_iter().map(|a| a.2).collect(),
        waiting: waiting.into_iter().map(|a| a.2).collect(),
        promises_due,
        promises_broken,
        checks_late,
        payments: received
            .into_iter()
            .map(|p| PaymentLine {
                customer_id: p.customer_id,
                company: p.company,
                received_on: p.received_on,
                amount: currency.money(currency.from_minor(p.amount_minor)),
                method: p.method,
                reference: p.reference,
            })
            .collect(),
        payments_total: currency.money(currency.from_minor(payments_total)),
        dso: Dso {
            days: dso(receivable, credit_sales, DSO_DAYS),
            receivables: currency.money(receivable),
            credit_sales: currency.money(credit_sales),
            period_days: DSO_DAYS,
            formula: "DSO = receivables ÷ credit sales of the last 90 days × 90",
        },
        cash_expected,
        suspension: suspension_candidates(&f),
        disputed: currency.money(disputed),
        paused: currency.money(paused),
        disputes,
    })
}

/// Customers who meet the suspension policy on the day, oldest first, with
/// their broken promises so the owner can decide.
fn suspension_candidates(f: &Figures) -> Vec<SuspensionCandidate> {
    let mut out: Vec<SuspensionCandidate> = f
        .standings
        .iter()
        .filter(|s| s.suspension.any())
        .filter_map(|s| {
            let (company, service_status) = f.names.get(&s.customer_id)?.clone();
            Some(SuspensionCandidate {
                customer_id: s.customer_id,
                company,
                service_status,
                oldest_days: s.oldest_days_late,
                overdue: f.currency.money(s.totals.past_due),
                broken: f
                    .promises_of(s.customer_id)
                    .iter()
                    .filter(|p| p.is(PromiseStatus::Broken))
                    .map(|p| p.view.clone())
                    .collect(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.oldest_days
            .cmp(&a.oldest_days)
            .then(a.company.cmp(&b.company))
    });
    out
}

/// A promise with its outcome on the as-of date.
struct Promised {
    customer_id: i64,
    promise: Promise,
    outcome: PromiseOutcome,
    view: PromiseView,
}

impl Promised {
    fn is(&self, status: PromiseStatus) -> bool {
        self.outcome.status == status
    }
}

/// The aging by customer as CSV (UTF-8, one header row): Customer, one column
/// per bucket (labels as on screen), Total; then a Total row. Amounts are plain
/// decimals with the currency's decimals, so spreadsheets read them exactly.
pub fn aging_csv(summary: &Summary) -> std::result::Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header = vec![format!(
        "Customer (as of {}, {})",
        summary.as_of,
        summary.currency.code()
    )];
    header.extend(summary.aging.labels.iter().cloned());
    header.push("Total".into());
    out.write_record(&header)?;
    for c in &summary.customers {
        let mut row = vec![c.company.clone()];
        row.extend(c.amounts.iter().map(Money::to_string));
        row.push(c.total.to_string());
        out.write_record(&row)?;
    }
    let mut total = vec!["Total".to_owned()];
    total.extend(summary.aging.amounts.iter().map(Money::to_string));
    total.push(summary.aging.total.to_string());
    out.write_record(&total)?;
    out.into_inner().map_err(|e| e.into_error().into())
}

/// The Monday reminder: once per ISO week (on the first start of the week,
/// or on Monday morning while the app runs), a one-line message of who needs
/// a follow-up. Returns `None` when this week's reminder was already given,
/// and records the week when it returns a message.
pub fn weekly_notice(book: &mut Book, now: chrono::NaiveDateTime) -> Result<Option<String>> {
    use chrono::Datelike;
    let week = now.date().iso_week();
    let week = format!("{}-W{:02}", week.year(), week.week());
    if book.read(|tx| policies::weekly_notice_week(tx))?.as_deref() == Some(week.as_str()) {
        return Ok(None);
    }
    // The week is noted before the summary is worked out, so the summary
    // stays in the memo for This week, usually the next screen opened.
    book.write(|tx| policies::set_weekly_notice_week(tx, &week))?;
    let summary = compute(book, now.date())?;
    if summary.actions.is_empty() {
        return Ok(None);
    }
    let n = summary.actions.len();
    Ok(Some(format!(
        "{n} customer{} need{} a follow-up; {} overdue.",
        if n == 1 { "" } else { "s" },
        if n == 1 { "s" } else { "" },
        summary.currency.display(summary.aging.overdue.amount())
    )))
}

/// The weekly summary as a PDF, with the same figures as the screen (the
/// document renderer's report layout).
pub fn summary_pdf(book: &mut Book, as_of: NaiveDate) -> Result<crate::documents::Rendered> {
    use crate::documents::format::money;
    use duly_documents::{ReportDocument, ReportTable};
    let s = compute(book, as_of)?;
    let sender = book.read(crate::documents::Sender::read)?;
    let c = s.currency;
    let m = |amount: &Money| money(c, amount.amount());
    let d = |day: &NaiveDate| sender.dates().day(*day);
    let promise_rows = |lines: &[PromiseLine]| -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| {
                vec![
                    l.company.clone(),
                    d(&l.promise.promised_on),
                    l.promise.check_number.clone(),
                    m(&l.promise.amount),
                ]
            })
            .collect()
    };
    let promise_table = |heading: &str, lines: &[PromiseLine], empty: &str| ReportTable {
        heading: heading.into(),
        columns: vec![
            "Customer".into(),
            "Promised for".into(),
            "Check".into(),
            "Amount".into(),
        ],
        numeric: vec![false, false, false, true],
        rows: promise_rows(lines),
        empty: empty.into(),
    };
    let doc = ReportDocument {
        page_size: sender.page_size(),
        letterhead: sender.letterhead(),
        title: "Weekly past-due summary".into(),
        facts: vec![
            ("As of".into(), d(&s.as_of)),
            ("Owed".into(), m(&s.aging.total)),
            ("Overdue".into(), m(&s.aging.overdue)),
            (
                "DSO".into(),
                s.dso
                    .days
                    .map(|x| format!("{x} days"))
                    .unwrap_or_else(|| "n/a".into()),
            ),
        ],
        aging: s
            .aging
            .labels
            .iter()
            .cloned()
            .zip(s.aging.amounts.iter().map(m))
            .collect(),
        tables: vec![
            ReportTable {
                heading: "This week's follow-ups".into(),
                columns: vec![
                    "Customer".into(),
                    "Overdue".into(),
                    "Oldest".into(),
                    "Next step".into(),
                ],
                numeric: vec![false, true, true, false],
                rows: s
                    .actions
                    .iter()
                    .map(|a| {
                        vec![
                            a.company.clone(),
                            m(&a.overdue),
                            format!("{} days", a.oldest_days),
                            format!("{}: {}", a.step_title.unwrap_or("Wait"), a.why.join("; ")),
                        ]
                    })
                    .collect(),
                empty: "Nobody is overdue.".into(),
            },
            promise_table("Promises awaited this week", &s.promises_due, "None."),
            promise_table(
                "Promises broken in the last 7 days",
                &s.promises_broken,
                "None.",
            ),
            promise_table("Checks in the mail not arrived", &s.checks_late, "None."),
            ReportTable {
                heading: "Payments received in the last 7 days".into(),
                columns: vec![
                    "Customer".into(),
                    "Received".into(),
                    "Reference".into(),
                    "Amount".into(),
                ],
                numeric: vec![false, false, false, true],
                rows: s
                    .payments
                    .iter()
                    .map(|p| {
                        vec![
                            p.company.clone(),
                            d(&p.received_on),
                            p.reference.clone(),
                            m(&p.amount),
                        ]
                    })
                    .collect(),
                empty: "None.".into(),
            },
            ReportTable {
                heading: "Cash expected from promises and plans".into(),
                columns: vec!["Week".into(), "Amount".into()],
                numeric: vec![false, true],
                rows: s
                    .cash_expected
                    .iter()
                    .map(|w| vec![format!("{} – {}", d(&w.from), d(&w.to)), m(&w.amount)])
                    .collect(),
                empty: String::new(),
            },
            ReportTable {
                heading: "Open disputes".into(),
                columns: vec!["Invoice".into(), "Resolve by".into(), "Amount".into()],
                numeric: vec![false, false, true],
                rows: s
                    .disputes
                    .iter()
                    .map(|x| {
                        vec![
                            x.invoice_number.clone(),
                            x.resolve_by.as_ref().map(d).unwrap_or_default(),
                            m(&x.amount),
                        ]
                    })
                    .collect(),
                empty: "None.".into(),
            },
            ReportTable {
                heading: "Meets the suspension policy".into(),
                columns: vec![
                    "Customer".into(),
                    "Days past due".into(),
                    "Broken promises".into(),
                    "Overdue".into(),
                ],
                numeric: vec![false, true, true, true],
                rows: s
                    .suspension
                    .iter()
                    .map(|x| {
                        vec![
                            x.company.clone(),
                            x.oldest_days.to_string(),
                            x.broken.len().to_string(),
                            m(&x.overdue),
                        ]
                    })
                    .collect(),
                empty: "Nobody.".into(),
            },
        ],
        sections: vec![(
            "How DSO is computed".into(),
            format!(
                "{}: {} ÷ {} × {}.",
                s.dso.formula,
                m(&s.dso.receivables),
                m(&s.dso.credit_sales),
                s.dso.period_days
            ),
        )],
        ..ReportDocument::default()
    };
    Ok(crate::documents::Rendered {
        bytes: duly_documents::render_report(&doc)?,
        file_name: format!("Weekly summary {}.pdf", s.as_of),
    })
}
