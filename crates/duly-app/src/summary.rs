//! The weekly past-due summary, as of any date: aging, this week's actions,
//! promises due and broken, checks late in the mail, payments received, DSO,
//! cash expected, and customers who meet the suspension policy.
//!
//! Everything is computed from what the book knew on the as-of date, so the
//! summary of a past Monday matches what it said that Monday.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use duly_core::aging::{dso, Aging, BUCKETS};
use duly_core::ladder::{suggest, LadderFacts, LadderStep};
use duly_core::promise::{PromiseKind, PromiseOutcome, PromiseStatus};
use duly_core::Currency;
use duly_store::policies::SummaryPolicy;
use duly_store::promises::Promise;
use duly_store::{contact_log, customers, payments, policies, promises, receivables, Book};
use serde::Serialize;

use crate::error::Result;
use crate::history::Account;
use crate::views::PromiseView;

/// DSO's period: the last 90 days of credit sales.
pub const DSO_DAYS: u32 = 90;

#[derive(Debug, Clone, Serialize)]
pub struct AgingView {
    pub labels: [String; BUCKETS],
    pub amounts: [String; BUCKETS],
    pub total: String,
    pub overdue: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CustomerAging {
    pub customer_id: i64,
    pub company: String,
    pub amounts: [String; BUCKETS],
    pub total: String,
}

/// One customer to contact this week, and the facts behind the suggestion.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub customer_id: i64,
    pub company: String,
    pub overdue: String,
    pub overdue_invoices: usize,
    pub oldest_days: i64,
    pub broken_promises: usize,
    /// Latest broken promise's promised date.
    pub last_broken_on: Option<String>,
    /// Waiting on a pending promise until this day (promised date + grace).
    pub waiting_until: Option<String>,
    pub last_contact: Option<String>,
    /// The ladder's next step, when it is due, and why.
    pub step: Option<LadderStep>,
    pub step_title: Option<&'static str>,
    pub step_due_on: Option<String>,
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
    pub received_on: String,
    pub amount: String,
    pub method: duly_core::payment::PaymentMethod,
    pub reference: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeekCash {
    pub from: String,
    pub to: String,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuspensionCandidate {
    pub customer_id: i64,
    pub company: String,
    pub service_status: duly_core::customer::ServiceStatus,
    pub oldest_days: i64,
    pub overdue: String,
    pub broken: Vec<PromiseView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dso {
    pub days: Option<String>,
    pub receivables: String,
    pub credit_sales: String,
    pub period_days: u32,
    pub formula: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub as_of: String,
    pub currency: &'static str,
    pub aging: AgingView,
    pub customers: Vec<CustomerAging>,
    pub actions: Vec<Action>,
    pub promises_due: Vec<PromiseLine>,
    pub promises_broken: Vec<PromiseLine>,
    pub checks_late: Vec<PromiseLine>,
    pub payments: Vec<PaymentLine>,
    pub payments_total: String,
    pub dso: Dso,
    pub cash_expected: Vec<WeekCash>,
    pub suspension: Vec<SuspensionCandidate>,
    /// Owed on invoices under an open dispute (included in the aging).
    pub disputed: String,
    /// Open disputes; `overdue` when the promised resolution date has passed.
    pub disputes: Vec<crate::disputes::DisputeView>,
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
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

/// Per-customer figures gathered while aging.
#[derive(Default)]
struct Owing {
    aging: Aging,
    /// Overdue and not under dispute: what the ladder may chase.
    chaseable: rust_decimal::Decimal,
    overdue_invoices: usize,
    oldest_days: i64,
    weight: rust_decimal::Decimal,
}

/// The "as of" date the window sends (`YYYY-MM-DD`), shared by the summary,
/// its exports and the late-fee screen so all refuse a bad date alike.
pub fn as_of_date(text: &str) -> Result<NaiveDate> {
    duly_core::text::date("as_of", "As of", text)
        .map_err(|e| duly_core::DomainError::Invalid(vec![e]).into())
}

pub fn compute(book: &mut Book, as_of: NaiveDate) -> Result<Summary> {
    Ok(book.read(|tx| {
        let currency = duly_store::profile::get(tx)?.currency;
        let policy = policies::summary_policy(tx)?;
        let owed = receivables::as_of(tx, as_of)?;
        let names: HashMap<i64, (String, duly_core::customer::ServiceStatus)> =
            customers::names(tx)?
                .into_iter()
                .map(|(id, company, status)| (id, (company, status)))
                .collect();
        let name = |id: i64| names.get(&id).map(|n| n.0.clone()).unwrap_or_default();

        // Aging, per customer and in total.
        let mut total = Aging::default();
        let mut by_customer: HashMap<i64, Owing> = HashMap::new();
        let mut balances: HashMap<i64, i64> = HashMap::new();
        let since = plus(as_of, -i64::from(DSO_DAYS) + 1);
        let mut credit_sales = 0i64;
        // Disputed invoices stay in the aging (they are owed) but are shown
        // apart and left out of the follow-ups until the dispute is settled.
        let all_disputes = duly_store::disputes::list(tx, None)?;
        let disputed: Vec<i64> = all_disputes
            .iter()
            .filter(|d| d.status.is_active() && d.opened_on <= as_of)
            .map(|d| d.invoice_id)
            .collect();
        let mut disputed_minor = 0i64;
        for r in &owed {
            balances.insert(r.invoice_id, r.balance_minor);
            if r.issue_date >= since {
                credit_sales += r.total_minor;
            }
            if r.balance_minor <= 0 {
                continue;
            }
            let amount = currency.from_minor(r.balance_minor);
            let days = (as_of - r.due_date).num_days();
            let bucket = policy.aging.bucket(days);
            total.add(bucket, amount);
            let entry = by_customer.entry(r.customer_id).or_default();
            entry.aging.add(bucket, amount);
            if disputed.contains(&r.invoice_id) {
                disputed_minor += r.balance_minor;
                continue;
            }
            if days > 0 {
                entry.chaseable += amount;
                entry.overdue_invoices += 1;
                entry.oldest_days = entry.oldest_days.max(days);
                entry.weight += amount * rust_decimal::Decimal::from(days);
            }
        }

        // Promises, as of the date.
        let mut promise_lines: Vec<Promised> = Vec::new();
        for customer_id in promises::customers_with_promises(tx)? {
            let account = Account::load(tx, customer_id)?;
            for p in account.promises.iter().filter(|p| p.made_on <= as_of) {
                let outcome =
                    account.outcome_with(p, as_of, |id| balances.get(&id).copied().unwrap_or(0));
                promise_lines.push(Promised {
                    customer_id,
                    view: PromiseView::new(p, outcome.clone(), currency),
                    promise: p.clone(),
                    outcome,
                });
            }
        }
        let line = |p: &Promised| PromiseLine {
            customer_id: p.customer_id,
            company: name(p.customer_id),
            promise: p.view.clone(),
        };
        let week_ahead = plus(as_of, 7);
        let week_back = plus(as_of, -7);
        let promises_due = promise_lines
            .iter()
            .filter(|p| p.is(PromiseStatus::Pending))
            .filter(|p| p.outcome.deadline >= as_of && p.promise.promised_on <= week_ahead)
            .map(line)
            .collect();
        let promises_broken = promise_lines
            .iter()
            .filter(|p| p.is(PromiseStatus::Broken) && p.outcome.deadline >= week_back)
            .map(line)
            .collect();
        let checks_late = promise_lines
            .iter()
            .filter(|p| p.promise.kind == PromiseKind::CheckInMail)
            .filter(|p| p.is(PromiseStatus::Pending) || p.is(PromiseStatus::Broken))
            .filter(|p| p.promise.promised_on < as_of)
            .map(line)
            .collect();

        // Cash expected from pending promises and plan installments, week by week.
        let mut weeks = [rust_decimal::Decimal::ZERO; 4];
        for p in promise_lines
            .iter()
            .filter(|p| p.is(PromiseStatus::Pending))
        {
            let left = currency.from_minor(p.promise.amount_minor) - p.outcome.paid;
            let week = ((p.promise.promised_on - as_of).num_days().max(0) / 7) as usize;
            if let Some(slot) = weeks.get_mut(week) {
                *slot += left.max(rust_decimal::Decimal::ZERO);
            }
        }
        for plan in duly_store::plans::list(tx, None)?
            .iter()
            .filter(|p| p.cancelled_on.is_none() && p.created_on <= as_of)
        {
            let view = crate::plans::view(tx, plan, as_of)?;
            if view.status != duly_core::plan::PlanStatus::Active {
                continue;
            }
            for (on, minor) in plan
                .installments
                .iter()
                .skip(view.installments.iter().filter(|i| i.2).count())
            {
                let week = ((*on - as_of).num_days().max(0) / 7) as usize;
                if let Some(slot) = weeks.get_mut(week) {
                    *slot += currency.from_minor(*minor);
                }
            }
        }
        let cash_expected = (0..4)
            .map(|k| WeekCash {
                from: iso(plus(as_of, 7 * k)),
                to: iso(plus(as_of, 7 * k + 6)),
                amount: currency.format(weeks[k as usize]),
            })
            .collect();

        // This week's actions.
        let last_contact: HashMap<i64, NaiveDate> =
            contact_log::last_contacts(tx, as_of)?.into_iter().collect();
        let ladder = policies::ladder_policy(tx)?;
        let mut steps: HashMap<i64, Vec<(LadderStep, NaiveDate)>> = HashMap::new();
        for (customer_id, step, day) in contact_log::ladder_steps(tx, as_of)? {
            steps.entry(customer_id).or_default().push((step, day));
        }
        let mut actions: Vec<(bool, rust_decimal::Decimal, Action)> = by_customer
            .iter()
            .filter(|(_, o)| o.overdue_invoices > 0)
            .map(|(&customer_id, o)| {
                let mine: Vec<&Promised> = promise_lines
                    .iter()
                    .filter(|p| p.customer_id == customer_id)
                    .collect();
                let broken: Vec<&&Promised> = mine
                    .iter()
                    .filter(|p| p.is(PromiseStatus::Broken))
                    .collect();
                let waiting = mine
                    .iter()
                    .filter(|p| p.is(PromiseStatus::Pending))
                    .map(|p| p.outcome.deadline)
                    .max();
                let last_broken_on = broken.iter().map(|p| p.promise.promised_on).max().map(iso);
                let facts = LadderFacts {
                    oldest_days_past_due: o.oldest_days,
                    steps_taken: steps.get(&customer_id).cloned().unwrap_or_default(),
                    promise_pending_until: mine
                        .iter()
                        .filter(|p| p.is(PromiseStatus::Pending))
                        .map(|p| (p.promise.promised_on, p.outcome.deadline))
                        .max_by_key(|(_, until)| *until),
                    broken_promises: broken
                        .iter()
                        .map(|p| {
                            (
                                p.promise.promised_on,
                                p.outcome.deadline.succ_opt().unwrap_or(p.outcome.deadline),
                            )
                        })
                        .collect(),
                    last_contact: last_contact.get(&customer_id).copied(),
                };
                let suggestion = suggest(&facts, &ladder, as_of);
                let action = Action {
                    customer_id,
                    company: name(customer_id),
                    overdue: currency.format(o.chaseable),
                    overdue_invoices: o.overdue_invoices,
                    oldest_days: o.oldest_days,
                    broken_promises: broken.len(),
                    last_broken_on,
                    waiting_until: waiting.map(iso),
                    last_contact: last_contact.get(&customer_id).copied().map(iso),
                    step: suggestion.as_ref().map(|s| s.step),
                    step_title: suggestion.as_ref().map(|s| s.step.title()),
                    step_due_on: suggestion.as_ref().map(|s| iso(s.due_on)),
                    why: suggestion.map(|s| s.why).unwrap_or_default(),
                };
                (!broken.is_empty() && waiting.is_none(), o.weight, action)
            })
            .collect();
        // Broken promises first, then what matters most: amount × days late.
        actions.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(a.2.company.cmp(&b.2.company))
        });

        // Suspension candidates.
        let suspension =
            suspension_candidates(&policy, &by_customer, &promise_lines, &names, currency);

        let received = payments::received_between(tx, plus(as_of, -6), as_of)?;
        let payments_total: i64 = received.iter().map(|p| p.amount_minor).sum();
        let receivable = total.total();
        let sales = currency.from_minor(credit_sales);
        let mut customers_aging: Vec<CustomerAging> = by_customer
            .iter()
            .map(|(&id, o)| CustomerAging {
                customer_id: id,
                company: name(id),
                amounts: o.aging.0.map(|a| currency.format(a)),
                total: currency.format(o.aging.total()),
            })
            .collect();
        customers_aging.sort_by_key(|a| a.company.to_lowercase());
        Ok(Summary {
            as_of: iso(as_of),
            currency: currency.code(),
            aging: AgingView {
                labels: policy.aging.labels(),
                amounts: total.0.map(|a| currency.format(a)),
                total: currency.format(receivable),
                overdue: currency.format(total.overdue()),
            },
            customers: customers_aging,
            actions: actions.into_iter().map(|a| a.2).collect(),
            promises_due,
            promises_broken,
            checks_late,
            payments: received
                .into_iter()
                .map(|p| PaymentLine {
                    customer_id: p.customer_id,
                    company: p.company,
                    received_on: iso(p.received_on),
                    amount: currency.format(currency.from_minor(p.amount_minor)),
                    method: p.method,
                    reference: p.reference,
                })
                .collect(),
            payments_total: currency.format(currency.from_minor(payments_total)),
            dso: Dso {
                days: dso(receivable, sales, DSO_DAYS).map(|d| d.to_string()),
                receivables: currency.format(receivable),
                credit_sales: currency.format(sales),
                period_days: DSO_DAYS,
                formula: "DSO = receivables ÷ credit sales of the last 90 days × 90",
            },
            cash_expected,
            suspension,
            disputed: currency.format(currency.from_minor(disputed_minor)),
            disputes: all_disputes
                .iter()
                .filter(|d| d.status.is_active() && d.opened_on <= as_of)
                .map(|d| crate::disputes::view(d, currency, as_of))
                .collect(),
        })
    })?)
}

fn suspension_candidates(
    policy: &SummaryPolicy,
    by_customer: &HashMap<i64, Owing>,
    promise_lines: &[Promised],
    names: &HashMap<i64, (String, duly_core::customer::ServiceStatus)>,
    currency: Currency,
) -> Vec<SuspensionCandidate> {
    let mut out: Vec<SuspensionCandidate> = by_customer
        .iter()
        .filter_map(|(&id, o)| {
            let broken: Vec<PromiseView> = promise_lines
                .iter()
                .filter(|p| p.customer_id == id && p.is(PromiseStatus::Broken))
                .map(|p| p.view.clone())
                .collect();
            let by_days = policy.suspend_days_past_due > 0
                && o.oldest_days >= i64::from(policy.suspend_days_past_due);
            let by_promises = policy.suspend_broken_promises > 0
                && broken.len() >= policy.suspend_broken_promises as usize;
            let (company, service_status) = names.get(&id)?.clone();
            (by_days || by_promises).then(|| SuspensionCandidate {
                customer_id: id,
                company,
                service_status,
                oldest_days: o.oldest_days,
                overdue: currency.format(o.aging.overdue()),
                broken,
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
        summary.as_of, summary.currency
    )];
    header.extend(summary.aging.labels.iter().cloned());
    header.push("Total".into());
    out.write_record(&header)?;
    for c in &summary.customers {
        let mut row = vec![c.company.clone()];
        row.extend(c.amounts.iter().cloned());
        row.push(c.total.clone());
        out.write_record(&row)?;
    }
    let mut total = vec!["Total".to_owned()];
    total.extend(summary.aging.amounts.iter().cloned());
    total.push(summary.aging.total.clone());
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
    let summary = compute(book, now.date())?;
    book.write(|tx| policies::set_weekly_notice_week(tx, &week))?;
    if summary.actions.is_empty() {
        return Ok(None);
    }
    let currency = Currency::from_code(summary.currency).unwrap_or(Currency::USD);
    let overdue: rust_decimal::Decimal = summary.aging.overdue.parse().unwrap_or_default();
    let n = summary.actions.len();
    Ok(Some(format!(
        "{n} customer{} need{} a follow-up; {} overdue.",
        if n == 1 { "" } else { "s" },
        if n == 1 { "s" } else { "" },
        currency.display(overdue)
    )))
}

/// The weekly summary as a PDF, with the same figures as the screen (the
/// document renderer's report layout).
pub fn summary_pdf(book: &mut Book, as_of: NaiveDate) -> Result<crate::documents::Rendered> {
    use crate::documents::format::{date as print_date, money};
    use duly_documents::{ReportDocument, ReportTable};
    let s = compute(book, as_of)?;
    let sender = book.read(crate::documents::Sender::read)?;
    let c = Currency::from_code(s.currency).unwrap_or(Currency::USD);
    let m = |text: &str| money(c, text.parse().unwrap_or_default());
    let d = |iso: &str| {
        NaiveDate::parse_from_str(iso, "%Y-%m-%d")
            .map(print_date)
            .unwrap_or_default()
    };
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
                    .clone()
                    .map(|x| format!("{x} days"))
                    .unwrap_or_else(|| "n/a".into()),
            ),
        ],
        aging: s
            .aging
            .labels
            .iter()
            .cloned()
            .zip(s.aging.amounts.iter().map(|a| m(a)))
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
            promise_table("Promises due in the next 7 days", &s.promises_due, "None."),
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
                            x.resolve_by.as_deref().map(d).unwrap_or_default(),
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
