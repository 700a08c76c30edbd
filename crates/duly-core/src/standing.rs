//! Where an account stands on day D: the one derivation every screen,
//! message, fee and document reads.
//!
//! In: the typed facts of one customer's account (invoices, extensions,
//! payments and where they went, reversals, credit notes, voids, promises,
//! plans, disputes, the ladder steps taken, exemptions), the policies, and D.
//! Out: each invoice's balance that day, its due date in force, how late it
//! is, its status and what pauses it; each promise's outcome; each plan's
//! standing; the account's totals; the ladder's facts and suggestion; the
//! suspension flags; and which invoices may be charged a late fee.
//!
//! Only what the book knew on D counts: an invoice from its issue date until
//! the day it is voided, a payment's money from the day it was applied until
//! the day it was reversed, a credit note from its issue date, an extension
//! from the day it was granted, a dispute from the day it was opened until
//! the day it was closed. So the standing of a past Monday is what Duly said
//! that Monday, and asking twice for the same D gives the same answer.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::aging::{Aging, AgingBounds};
use crate::country::DateStyle;
use crate::customer::ServiceStatus;
use crate::invoice::InvoiceStatus;
use crate::ladder::{suggest, LadderFacts, LadderPolicy, LadderStep, Suggestion};
use crate::payment::PaymentMethod;
use crate::plan::{self, PlanStatus};
use crate::promise::{self, PromiseFacts, PromiseOutcome, PromisePolicy, PromiseStatus};

/// An invoice as the book keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceFacts {
    pub id: i64,
    /// Empty for a draft.
    pub number: String,
    /// `None` while it is a draft.
    pub issued_on: Option<NaiveDate>,
    /// The due date it was issued with.
    pub due_on: Option<NaiveDate>,
    /// Extensions as (day granted, new due date), in the order granted.
    pub extensions: Vec<(NaiveDate, NaiveDate)>,
    pub total: Decimal,
    pub voided_on: Option<NaiveDate>,
    /// A finance-charge invoice (late fees): never charged a fee itself.
    pub finance_charge: bool,
    /// The owner waived late fees on this invoice alone.
    pub late_fee_exempt: bool,
}

/// A payment received from the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    pub id: i64,
    pub received_on: NaiveDate,
    pub method: PaymentMethod,
    pub reference: String,
    pub amount: Decimal,
    pub reversed_on: Option<NaiveDate>,
}

/// Part of a payment applied to an invoice, on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allocation {
    pub payment_id: i64,
    pub invoice_id: i64,
    pub amount: Decimal,
    pub allocated_on: NaiveDate,
}

/// A credit note against an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreditNoteFacts {
    pub invoice_id: i64,
    pub amount: Decimal,
    pub issued_on: NaiveDate,
}

/// A promise to pay and the invoices it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseRecord {
    pub id: i64,
    pub facts: PromiseFacts,
    pub invoice_ids: Vec<i64>,
}

/// A payment plan: installments toward some invoices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRecord {
    pub id: i64,
    pub invoice_ids: Vec<i64>,
    pub created_on: NaiveDate,
    pub cancelled_on: Option<NaiveDate>,
    pub installments: Vec<(NaiveDate, Decimal)>,
}

/// A dispute on an invoice (or one of its lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisputeRecord {
    pub id: i64,
    pub invoice_id: i64,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub resolve_by: Option<NaiveDate>,
}

impl DisputeRecord {
    /// Open on `on`: opened by then and not yet closed.
    pub fn open_on(&self, on: NaiveDate) -> bool {
        self.opened_on <= on && self.closed_on.is_none_or(|c| c > on)
    }
}

/// A contact with the customer, as far as the ladder cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactRecord {
    pub on: NaiveDate,
    pub ladder_step: Option<LadderStep>,
}

/// Everything the book knows about one customer's account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFacts {
    pub customer_id: i64,
    pub service_status: ServiceStatus,
    /// Never charged late fees (set on the customer form or the Late fees screen).
    pub late_fee_exempt: bool,
    pub invoices: Vec<InvoiceFacts>,
    pub payments: Vec<PaymentRecord>,
    pub allocations: Vec<Allocation>,
    pub credit_notes: Vec<CreditNoteFacts>,
    pub promises: Vec<PromiseRecord>,
    pub plans: Vec<PlanRecord>,
    pub disputes: Vec<DisputeRecord>,
    pub contacts: Vec<ContactRecord>,
}

impl AccountFacts {
    /// An account with nothing in it yet.
    pub fn empty(customer_id: i64) -> Self {
        AccountFacts {
            customer_id,
            service_status: ServiceStatus::default(),
            late_fee_exempt: false,
            invoices: Vec::new(),
            payments: Vec::new(),
            allocations: Vec::new(),
            credit_notes: Vec::new(),
            promises: Vec::new(),
            plans: Vec::new(),
            disputes: Vec::new(),
            contacts: Vec::new(),
        }
    }
}

/// When service suspension is suggested (0: never).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SuspensionPolicy {
    pub days_past_due: u32,
    pub broken_promises: u32,
}

/// The policies a standing depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Policies {
    /// How the book writes dates, for the ladder's reasons.
    pub dates: DateStyle,
    pub promises: PromisePolicy,
    pub ladder: LadderPolicy,
    pub aging: AgingBounds,
    pub suspension: SuspensionPolicy,
}

/// What holds an invoice back from reminders and fees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PauseReason {
    /// An open dispute: settle it first.
    Dispute,
    /// A payment plan in good standing.
    Plan,
    /// A pending promise to pay.
    Promise,
}

/// A pause, and the last day it holds when that is known (a dispute holds
/// until it is closed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pause {
    pub reason: PauseReason,
    pub until: Option<NaiveDate>,
}

/// One invoice on day D.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceStanding {
    pub id: i64,
    pub number: String,
    pub status: InvoiceStatus,
    /// What it still owed on D (zero for drafts, voids and paid invoices).
    #[serde(with = "rust_decimal::serde::str")]
    pub balance: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    pub issued_on: Option<NaiveDate>,
    /// The due date in force on D (the latest extension granted by then).
    pub due_on: Option<NaiveDate>,
    /// Days past the due date in force (0 when not yet due).
    pub days_late: i64,
    /// Payments counted toward it on D (a voided invoice must have none).
    #[serde(with = "rust_decimal::serde::str")]
    pub paid: Decimal,
    /// Its aging bucket (0: current), from the policy's bounds.
    pub bucket: usize,
    /// What pauses it, when it is owed and something does.
    pub pause: Option<Pause>,
    /// May be charged a late fee on D: overdue, not paused, not itself a
    /// fee, and the customer is not exempt.
    pub late_fee_eligible: bool,
}

impl InvoiceStanding {
    /// Still owed on D.
    pub fn is_owed(&self) -> bool {
        self.balance > Decimal::ZERO
    }

    /// Past its due date in force with money owed.
    pub fn is_past_due(&self) -> bool {
        self.status == InvoiceStatus::Overdue
    }

    /// Past due and not paused: what a reminder may call overdue.
    pub fn is_chaseable(&self) -> bool {
        self.is_past_due() && self.pause.is_none()
    }

    /// Under an open dispute on D.
    pub fn is_disputed(&self) -> bool {
        self.pause.is_some_and(|p| p.reason == PauseReason::Dispute)
    }
}

/// What the owner may do with an invoice on D; the invoice page shows these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct InvoiceActions {
    pub record_payment: bool,
    pub email: bool,
    pub dispute: bool,
    pub extend: bool,
    pub offer_plan: bool,
    pub credit_note: bool,
    pub void: bool,
}

impl InvoiceStanding {
    /// Issued invoices can be emailed, and voided while nothing is paid on
    /// them; while something is owed they can be paid, extended, credited,
    /// put in a plan unless one holds them, and disputed unless a dispute is
    /// already open.
    pub fn actions(&self) -> InvoiceActions {
        let issued = !matches!(self.status, InvoiceStatus::Draft | InvoiceStatus::Void);
        let owed = self.is_owed();
        InvoiceActions {
            record_payment: owed,
            email: issued,
            dispute: owed && !self.is_disputed(),
            extend: owed,
            offer_plan: owed && !self.pause.is_some_and(|p| p.reason == PauseReason::Plan),
            credit_note: owed,
            // Payments applied to it would be lost from view: reverse them first.
            void: issued && self.paid.is_zero(),
        }
    }
}

/// A promise and its outcome on D.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromiseStanding {
    pub id: i64,
    pub outcome: PromiseOutcome,
}

/// A plan on D.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanStanding {
    pub id: i64,
    pub status: PlanStatus,
    /// Paid toward the plan's invoices since it was made.
    #[serde(with = "rust_decimal::serde::str")]
    pub paid: Decimal,
    /// How many installments the payments cover, in order.
    pub installments_paid: usize,
    /// The next installment due, while the plan runs.
    pub next_installment: Option<(NaiveDate, Decimal)>,
    /// The installments still to come while it runs in good standing (the
    /// cash it expects); none once it is broken, completed or cancelled.
    pub expected: Vec<(NaiveDate, Decimal)>,
}

/// The account's totals on D. Every amount is a balance on D.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Totals {
    /// Everything still owed.
    #[serde(with = "rust_decimal::serde::str")]
    pub owed: Decimal,
    /// Owed and past due, paused or not (the aging's overdue buckets).
    #[serde(with = "rust_decimal::serde::str")]
    pub past_due: Decimal,
    /// Past due and not paused: what a reminder may call overdue.
    #[serde(with = "rust_decimal::serde::str")]
    pub overdue: Decimal,
    /// Past due and paused (the rest of `past_due`).
    #[serde(with = "rust_decimal::serde::str")]
    pub past_due_paused: Decimal,
    /// Owed and not yet due.
    #[serde(with = "rust_decimal::serde::str")]
    pub not_yet_due: Decimal,
    /// Owed on invoices under an open dispute.
    #[serde(with = "rust_decimal::serde::str")]
    pub disputed: Decimal,
    /// Owed on invoices in a plan in good standing.
    #[serde(with = "rust_decimal::serde::str")]
    pub in_plan: Decimal,
    /// Owed on invoices waiting on a pending promise.
    #[serde(with = "rust_decimal::serde::str")]
    pub promised: Decimal,
    /// Money received and not applied to any invoice by D.
    #[serde(with = "rust_decimal::serde::str")]
    pub credit: Decimal,
}

/// Whether the account meets the service-suspension policy on D.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SuspensionFlags {
    /// The oldest chased invoice is late past the policy's days.
    pub by_days: bool,
    /// As many broken promises as the policy allows, or more.
    pub by_promises: bool,
}

impl SuspensionFlags {
    pub fn any(&self) -> bool {
        self.by_days || self.by_promises
    }
}

/// Where one account stands on day D.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Standing {
    pub customer_id: i64,
    pub on: NaiveDate,
    /// Invoices issued by D (and drafts), oldest first.
    pub invoices: Vec<InvoiceStanding>,
    /// Promises made by D.
    pub promises: Vec<PromiseStanding>,
    /// Plans made by D.
    pub plans: Vec<PlanStanding>,
    pub totals: Totals,
    /// Payments with money not applied to any invoice on D: (payment, credit).
    pub credits: Vec<(i64, Decimal)>,
    /// What is owed, by bucket; the buckets add up to `totals.owed`.
    #[serde(skip)]
    pub aging: Aging,
    /// Days late of the oldest invoice the ladder weighs (past due, not
    /// disputed); 0 when none.
    pub oldest_days_late: i64,
    pub broken_promises: usize,
    /// The ladder's facts, and its suggestion for D.
    #[serde(skip)]
    pub ladder: LadderFacts,
    pub suggestion: Option<Suggestion>,
    pub suspension: SuspensionFlags,
}

impl Standing {
    pub fn invoice(&self, id: i64) -> Option<&InvoiceStanding> {
        self.invoices.iter().find(|i| i.id == id)
    }

    pub fn promise(&self, id: i64) -> Option<&PromiseOutcome> {
        self.promises
            .iter()
            .find(|p| p.id == id)
            .map(|p| &p.outcome)
    }

    /// What of a payment was unapplied credit on D.
    pub fn credit_of(&self, payment_id: i64) -> Decimal {
        self.credits
            .iter()
            .find(|(id, _)| *id == payment_id)
            .map_or(Decimal::ZERO, |(_, c)| *c)
    }

    pub fn plan(&self, id: i64) -> Option<&PlanStanding> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// Invoices owed on D, oldest first.
    pub fn owed(&self) -> impl Iterator<Item = &InvoiceStanding> {
        self.invoices.iter().filter(|i| i.is_owed())
    }

    /// Invoices the ladder weighs: past due and not under dispute (a promise
    /// or a plan holds the ladder back instead of hiding the invoice).
    pub fn weighed(&self) -> impl Iterator<Item = &InvoiceStanding> {
        self.invoices
            .iter()
            .filter(|i| i.is_past_due() && !i.is_disputed())
    }

    /// Invoices past due and not paused: the ones a reminder is about.
    pub fn chaseable(&self) -> impl Iterator<Item = &InvoiceStanding> {
        self.invoices.iter().filter(|i| i.is_chaseable())
    }

    /// The ladder has a step to take now or later, and no promise or plan
    /// holds it: the customer belongs on this week's follow-ups.
    pub fn needs_follow_up(&self) -> bool {
        self.suggestion.as_ref().is_some_and(|s| !s.waiting) && self.chaseable().next().is_some()
    }

    /// The ladder waits on a pending promise or a plan in good standing.
    pub fn is_waiting(&self) -> bool {
        self.suggestion.as_ref().is_some_and(|s| s.waiting)
    }
}

fn add_days(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_days(Days::new(n.into())).unwrap_or(d)
}

/// The due date in force on `on`: the latest extension granted by then.
fn due_in_force(invoice: &InvoiceFacts, on: NaiveDate) -> Option<NaiveDate> {
    invoice
        .extensions
        .iter()
        .rfind(|(granted, _)| *granted <= on)
        .map(|(_, due)| *due)
        .or(invoice.due_on)
}

/// A payment's money counts on `on` unless it was reversed by then.
/// The payments whose money counts on `on`: those not reversed by then.
/// (Built once per day asked about: looking each payment up by id inside
/// every allocation was most of a large book's summary.)
struct Live(std::collections::HashSet<i64>);

impl Live {
    fn on(payments: &[PaymentRecord], on: NaiveDate) -> Live {
        Live(
            payments
                .iter()
                .filter(|p| p.reversed_on.is_none_or(|r| r > on))
                .map(|p| p.id)
                .collect(),
        )
    }

    fn counts(&self, payment_id: i64) -> bool {
        self.0.contains(&payment_id)
    }
}

/// Where `facts` stands on day `on`.
pub fn standing(facts: &AccountFacts, policies: &Policies, on: NaiveDate) -> Standing {
    let grace = policies.promises.grace_days;
    let live = Live::on(&facts.payments, on);
    // Balances first: everything else is judged on them.
    let mut invoices: Vec<InvoiceStanding> = facts
        .invoices
        .iter()
        .filter(|i| i.issued_on.is_none_or(|d| d <= on))
        .map(|i| balance_on(facts, i, &policies.aging, &live, on))
        .collect();
    invoices.sort_by_key(|i| (i.issued_on.is_none(), i.issued_on, i.id));
    // Promises, each judged on the balances of the invoices it covers, on
    // the day and on its deadline.
    let promises: Vec<PromiseStanding> = facts
        .promises
        .iter()
        .filter(|p| p.facts.made_on <= on)
        .map(|p| PromiseStanding {
            id: p.id,
            outcome: promise_outcome(facts, p, &invoices, policies, on),
        })
        .collect();

    // Plans: payments toward their invoices since they were made fill the
    // installments in order.
    let plans: Vec<PlanStanding> = facts
        .plans
        .iter()
        .filter(|p| p.created_on <= on)
        .map(|p| plan_standing(facts, p, grace, &live, on))
        .collect();

    // What pauses each owed invoice: a dispute, then a plan, then a promise.
    for invoice in invoices.iter_mut().filter(|i| i.balance > Decimal::ZERO) {
        let id = invoice.id;
        let dispute = facts
            .disputes
            .iter()
            .any(|d| d.invoice_id == id && d.open_on(on))
            .then_some(Pause {
                reason: PauseReason::Dispute,
                until: None,
            });
        let plan = facts
            .plans
            .iter()
            .filter(|p| p.created_on <= on)
            .zip(plans.iter())
            .filter(|(record, s)| {
                record.invoice_ids.contains(&id) && s.status == PlanStatus::Active
            })
            .filter_map(|(_, s)| s.next_installment.map(|(day, _)| add_days(day, grace)))
            .max()
            .map(|until| Pause {
                reason: PauseReason::Plan,
                until: Some(until),
            });
        let promise = facts
            .promises
            .iter()
            .filter(|p| p.facts.made_on <= on)
            .zip(promises.iter())
            .filter(|(record, s)| {
                record.invoice_ids.contains(&id) && s.outcome.status == PromiseStatus::Pending
            })
            .map(|(_, s)| s.outcome.deadline)
            .max()
            .map(|until| Pause {
                reason: PauseReason::Promise,
                until: Some(until),
            });
        invoice.pause = dispute.or(plan).or(promise);
        invoice.late_fee_eligible = invoice.is_chaseable()
            && !facts.late_fee_exempt
            && !facts
                .invoices
                .iter()
                .any(|f| f.id == id && (f.finance_charge || f.late_fee_exempt));
    }

    let mut totals = Totals::default();
    let mut aging = Aging::default();
    for i in invoices.iter().filter(|i| i.is_owed()) {
        aging.add(i.bucket, i.balance);
        totals.owed += i.balance;
        if i.is_past_due() {
            totals.past_due += i.balance;
        } else {
            totals.not_yet_due += i.balance;
        }
        if i.is_past_due() && i.pause.is_some() {
            totals.past_due_paused += i.balance;
        }
        match i.pause.map(|p| p.reason) {
            None if i.is_past_due() => totals.overdue += i.balance,
            None => {}
            Some(PauseReason::Dispute) => totals.disputed += i.balance,
            Some(PauseReason::Plan) => totals.in_plan += i.balance,
            Some(PauseReason::Promise) => totals.promised += i.balance,
        }
    }
    let credits = credits_on(facts, on);
    totals.credit = credits.iter().map(|(_, c)| *c).sum();

    let oldest_days_late = invoices
        .iter()
        .filter(|i| i.is_past_due() && !i.is_disputed())
        .map(|i| i.days_late)
        .max()
        .unwrap_or(0);
    let mut ladder = ladder_facts(facts, &promises, &plans, oldest_days_late, grace, on);
    // A promise or a plan holds the conversation back only when it covers
    // everything past due: an overdue invoice outside it is still chased.
    if invoices.iter().any(InvoiceStanding::is_chaseable) {
        ladder.promise_pending_until = None;
        ladder.plan_pending_until = None;
    }
    let suggestion = suggest(&ladder, &policies.ladder, policies.dates, on);
    let broken_promises = promises
        .iter()
        .filter(|p| p.outcome.status == PromiseStatus::Broken)
        .count();
    let s = policies.suspension;
    let suspension = SuspensionFlags {
        by_days: s.days_past_due > 0 && oldest_days_late >= i64::from(s.days_past_due),
        by_promises: s.broken_promises > 0 && broken_promises >= s.broken_promises as usize,
    };
    Standing {
        customer_id: facts.customer_id,
        on,
        invoices,
        promises,
        plans,
        totals,
        credits,
        aging,
        oldest_days_late,
        broken_promises,
        ladder,
        suggestion,
        suspension,
    }
}

/// One invoice's balance, due date in force and status on `on`.
fn balance_on(
    facts: &AccountFacts,
    invoice: &InvoiceFacts,
    aging: &AgingBounds,
    live: &Live,
    on: NaiveDate,
) -> InvoiceStanding {
    let id = invoice.id;
    let paid: Decimal = facts
        .allocations
        .iter()
        .filter(|a| a.invoice_id == id && a.allocated_on <= on && live.counts(a.payment_id))
        .map(|a| a.amount)
        .sum();
    let credited: Decimal = facts
        .credit_notes
        .iter()
        .filter(|c| c.invoice_id == id && c.issued_on <= on)
        .map(|c| c.amount)
        .sum();
    let void = invoice.voided_on.is_some_and(|v| v <= on);
    let issued = invoice.issued_on.is_some();
    let balance = if void || !issued {
        Decimal::ZERO
    } else {
        (invoice.total - paid - credited).max(Decimal::ZERO)
    };
    let due_on = due_in_force(invoice, on);
    let late = due_on.map_or(0, |d| (on - d).num_days());
    let status = if !issued {
        InvoiceStatus::Draft
    } else if void {
        InvoiceStatus::Void
    } else if balance <= Decimal::ZERO {
        InvoiceStatus::Paid
    } else if late > 0 {
        InvoiceStatus::Overdue
    } else {
        InvoiceStatus::Open
    };
    InvoiceStanding {
        id,
        number: invoice.number.clone(),
        status,
        paid,
        balance,
        total: invoice.total,
        issued_on: invoice.issued_on,
        due_on,
        days_late: if status == InvoiceStatus::Overdue {
            late
        } else {
            0
        },
        bucket: if status == InvoiceStatus::Overdue {
            aging.bucket(late)
        } else {
            0
        },
        pause: None,
        late_fee_eligible: false,
    }
}

/// A promise's outcome on `on`, from the customer's payments and what the
/// invoices it covers owe that day and owed on its deadline.
fn promise_outcome(
    facts: &AccountFacts,
    p: &PromiseRecord,
    invoices: &[InvoiceStanding],
    policies: &Policies,
    on: NaiveDate,
) -> PromiseOutcome {
    let covered = |i: &&InvoiceStanding| p.invoice_ids.contains(&i.id);
    let owed_today: Decimal = invoices.iter().filter(covered).map(|i| i.balance).sum();
    let deadline = p.facts.deadline(policies.promises);
    let owed_at_deadline: Decimal = if deadline < on {
        let live = Live::on(&facts.payments, deadline);
        facts
            .invoices
            .iter()
            .filter(|i| p.invoice_ids.contains(&i.id) && i.issued_on.is_some_and(|d| d <= deadline))
            .map(|i| balance_on(facts, i, &policies.aging, &live, deadline).balance)
            .sum()
    } else {
        owed_today
    };
    let payments: Vec<promise::PaymentFacts> = facts
        .payments
        .iter()
        .map(|pay| promise::PaymentFacts {
            received_on: pay.received_on,
            method: pay.method,
            reference: pay.reference.clone(),
            amount: pay.amount,
            to_covered: facts
                .allocations
                .iter()
                .filter(|a| {
                    a.payment_id == pay.id
                        && a.allocated_on <= on
                        && p.invoice_ids.contains(&a.invoice_id)
                })
                .map(|a| a.amount)
                .sum(),
            reversed_on: pay.reversed_on,
        })
        .collect();
    p.facts.outcome(
        &payments,
        owed_today,
        owed_at_deadline,
        policies.promises,
        on,
    )
}

/// A plan's standing on `on`: payments applied to its invoices and credit
/// notes issued on them since it was made fill its installments in order.
fn plan_standing(
    facts: &AccountFacts,
    p: &PlanRecord,
    grace: u32,
    live: &Live,
    on: NaiveDate,
) -> PlanStanding {
    let paid: Decimal = facts
        .allocations
        .iter()
        .filter(|a| {
            p.invoice_ids.contains(&a.invoice_id)
                && a.allocated_on >= p.created_on
                && a.allocated_on <= on
                && live.counts(a.payment_id)
        })
        .map(|a| a.amount)
        .sum::<Decimal>()
        // A credit note after the plan lowers what is owed as a payment would.
        + facts
            .credit_notes
            .iter()
            .filter(|c| {
                p.invoice_ids.contains(&c.invoice_id) && c.issued_on >= p.created_on && c.issued_on <= on
            })
            .map(|c| c.amount)
            .sum::<Decimal>();
    let (status, covered) = if p.cancelled_on.is_some_and(|c| c <= on) {
        (PlanStatus::Cancelled, 0)
    } else {
        plan::standing(&p.installments, paid, grace, on)
    };
    PlanStanding {
        id: p.id,
        status,
        paid,
        installments_paid: covered,
        next_installment: match status {
            PlanStatus::Active | PlanStatus::Broken => p.installments.get(covered).copied(),
            PlanStatus::Completed | PlanStatus::Cancelled => None,
        },
        expected: if status == PlanStatus::Active {
            p.installments.iter().skip(covered).copied().collect()
        } else {
            Vec::new()
        },
    }
}

/// Each payment received by `on` and not reversed by then, with what of it
/// was not yet applied to an invoice that day (its credit).
fn credits_on(facts: &AccountFacts, on: NaiveDate) -> Vec<(i64, Decimal)> {
    facts
        .payments
        .iter()
        .filter(|p| p.received_on <= on && p.reversed_on.is_none_or(|r| r > on))
        .map(|p| {
            let applied: Decimal = facts
                .allocations
                .iter()
                .filter(|a| a.payment_id == p.id && a.allocated_on <= on)
                .map(|a| a.amount)
                .sum();
            (p.id, (p.amount - applied).max(Decimal::ZERO))
        })
        .filter(|(_, credit)| *credit > Decimal::ZERO)
        .collect()
}

/// The facts the ladder weighs on `on`. A pending promise or a plan in good
/// standing holds it until the promise's deadline or the next installment's
/// date plus grace; a broken promise or a missed installment moves it up.
fn ladder_facts(
    facts: &AccountFacts,
    promises: &[PromiseStanding],
    plans: &[PlanStanding],
    oldest_days_late: i64,
    grace: u32,
    on: NaiveDate,
) -> LadderFacts {
    let promised_on = |id: i64| {
        facts
            .promises
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.facts.promised_on)
    };
    // The latest-ending hold of each kind.
    fn hold(slot: &mut Option<(NaiveDate, NaiveDate)>, from: NaiveDate, until: NaiveDate) {
        if slot.is_none_or(|(_, u)| until > u) {
            *slot = Some((from, until));
        }
    }
    let mut promise_until = None;
    let mut plan_until = None;
    let mut broken = Vec::new();
    let mut missed = Vec::new();
    for p in promises {
        let Some(promised) = promised_on(p.id) else {
            continue;
        };
        match p.outcome.status {
            PromiseStatus::Pending => hold(&mut promise_until, promised, p.outcome.deadline),
            PromiseStatus::Broken => broken.push((promised, add_days(p.outcome.deadline, 1))),
            PromiseStatus::Kept | PromiseStatus::PartlyKept => {}
        }
    }
    for plan in plans {
        match (plan.status, plan.next_installment) {
            (PlanStatus::Active, Some((day, _))) => {
                hold(&mut plan_until, day, add_days(day, grace))
            }
            (PlanStatus::Broken, Some((day, _))) => {
                missed.push((day, add_days(day, grace.saturating_add(1))));
            }
            _ => {}
        }
    }
    broken.sort_by_key(|(_, broke)| *broke);
    missed.sort_by_key(|(_, broke)| *broke);
    let contacts = facts.contacts.iter().filter(|c| c.on <= on);
    LadderFacts {
        oldest_days_past_due: oldest_days_late,
        steps_taken: contacts
            .clone()
            .filter_map(|c| c.ladder_step.map(|s| (s, c.on)))
            .collect(),
        promise_pending_until: promise_until,
        plan_pending_until: plan_until,
        broken_promises: broken,
        missed_installments: missed,
        last_contact: contacts.map(|c| c.on).max(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::promise::PromiseKind;
    use proptest::prelude::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("valid")
    }

    fn usd(n: i64) -> Decimal {
        Decimal::from(n)
    }

    fn invoice(id: i64, total: i64, issued: NaiveDate, due: NaiveDate) -> InvoiceFacts {
        InvoiceFacts {
            id,
            number: format!("INV-{id:04}"),
            issued_on: Some(issued),
            due_on: Some(due),
            extensions: Vec::new(),
            total: usd(total),
            voided_on: None,
            finance_charge: false,
            late_fee_exempt: false,
        }
    }

    fn pay(facts: &mut AccountFacts, invoice_id: i64, amount: i64, on: NaiveDate) -> i64 {
        let id = facts.payments.len() as i64 + 1;
        facts.payments.push(PaymentRecord {
            id,
            received_on: on,
            method: PaymentMethod::BankTransfer,
            reference: String::new(),
            amount: usd(amount),
            reversed_on: None,
        });
        facts.allocations.push(Allocation {
            payment_id: id,
            invoice_id,
            amount: usd(amount),
            allocated_on: on,
        });
        id
    }

    /// A customer 55 days late on 300.00, with a 3-installment plan made on
    /// 20 Mar whose first installment is on 1 Apr.
    fn late_with_plan() -> AccountFacts {
        let mut facts = AccountFacts::empty(1);
        facts.invoices.push(invoice(1, 300, d(1, 1), d(1, 25)));
        facts.plans.push(PlanRecord {
            id: 7,
            invoice_ids: vec![1],
            created_on: d(3, 20),
            cancelled_on: None,
            installments: vec![
                (d(4, 1), usd(100)),
                (d(5, 1), usd(100)),
                (d(6, 1), usd(100)),
            ],
        });
        facts
    }

    #[test]
    fn a_plan_in_good_standing_pauses_reminders_and_fees_until_an_installment_is_missed() {
        let mut facts = late_with_plan();
        let policies = Policies::default();
        let s = standing(&facts, &policies, d(3, 21));
        let inv = s.invoice(1).expect("invoice");
        assert_eq!(inv.status, InvoiceStatus::Overdue);
        assert_eq!(
            inv.pause,
            Some(Pause {
                reason: PauseReason::Plan,
                until: Some(d(4, 4)),
            }),
            "first installment + 3 days grace"
        );
        assert!(!inv.late_fee_eligible && !inv.is_chaseable());
        assert!(!s.needs_follow_up() && s.is_waiting());
        assert_eq!((s.totals.in_plan, s.totals.overdue), (usd(300), usd(0)));

        // The first installment arrives: still paused, now until May.
        pay(&mut facts, 1, 100, d(4, 1));
        let s = standing(&facts, &policies, d(4, 20));
        assert_eq!(
            s.invoice(1).and_then(|i| i.pause).and_then(|p| p.until),
            Some(d(5, 4))
        );
        assert!(!s.needs_follow_up());

        // May's is missed: on 5 May (past grace) the plan is broken, and the
        // invoice is chased and chargeable again, the same day everywhere.
        let s = standing(&facts, &policies, d(5, 4));
        assert!(s.invoice(1).is_some_and(|i| i.pause.is_some()));
        let s = standing(&facts, &policies, d(5, 5));
        let inv = s.invoice(1).expect("invoice");
        assert_eq!(inv.pause, None);
        assert!(inv.late_fee_eligible && inv.is_chaseable());
        assert_eq!(s.plan(7).map(|p| p.status), Some(PlanStatus::Broken));
        assert!(s.needs_follow_up(), "{:?}", s.suggestion);
        assert_eq!(s.totals.overdue, usd(200));
    }

    #[test]
    fn a_dispute_pauses_from_the_day_it_opens_until_the_day_it_closes() {
        let mut facts = AccountFacts::empty(1);
        facts.invoices.push(invoice(1, 500, d(1, 1), d(1, 31)));
        facts.disputes.push(DisputeRecord {
            id: 1,
            invoice_id: 1,
            opened_on: d(3, 1),
            closed_on: Some(d(3, 20)),
            resolve_by: None,
        });
        let policies = Policies::default();
        let reason = |on| {
            standing(&facts, &policies, on)
                .invoice(1)
                .and_then(|i| i.pause)
                .map(|p| p.reason)
        };
        assert_eq!(reason(d(2, 28)), None);
        assert_eq!(reason(d(3, 1)), Some(PauseReason::Dispute));
        assert_eq!(reason(d(3, 19)), Some(PauseReason::Dispute));
        assert_eq!(reason(d(3, 20)), None);
        let s = standing(&facts, &policies, d(3, 10));
        assert_eq!(
            (s.totals.disputed, s.totals.past_due, s.totals.overdue),
            (usd(500), usd(500), usd(0))
        );
        assert_eq!(
            s.oldest_days_late, 0,
            "the ladder leaves a disputed invoice alone"
        );
        assert_eq!(s.suggestion, None);
    }

    #[test]
    fn a_pending_promise_pauses_only_the_invoices_it_covers() {
        let mut facts = AccountFacts::empty(1);
        facts.invoices.push(invoice(1, 200, d(1, 1), d(1, 31)));
        facts.invoices.push(invoice(2, 100, d(2, 1), d(3, 3)));
        facts.invoices.push(invoice(3, 50, d(3, 1), d(3, 31)));
        facts.promises.push(PromiseRecord {
            id: 4,
            facts: PromiseFacts {
                kind: PromiseKind::PayOnDate,
                amount: usd(200),
                made_on: d(3, 5),
                promised_on: d(3, 12),
                check_number: String::new(),
                mailed_on: None,
            },
            invoice_ids: vec![1],
        });
        let s = standing(&facts, &Policies::default(), d(3, 10));
        let pause = |id| {
            s.invoice(id)
                .and_then(|i| i.pause)
                .map(|p| (p.reason, p.until))
        };
        assert_eq!(pause(1), Some((PauseReason::Promise, Some(d(3, 15)))));
        assert_eq!(pause(2), None);
        assert_eq!(
            (
                s.totals.promised,
                s.totals.overdue,
                s.totals.not_yet_due,
                s.totals.owed
            ),
            (usd(200), usd(100), usd(50), usd(350))
        );
        assert_eq!(s.invoice(3).map(|i| i.status), Some(InvoiceStatus::Open));
        assert!(
            !s.is_waiting() && s.needs_follow_up(),
            "INV-0002 is overdue and no promise covers it: it is still chased"
        );
        // Once the promise covers everything past due, the ladder waits.
        let mut covered = facts.clone();
        covered.promises[0].invoice_ids = vec![1, 2];
        assert!(standing(&covered, &Policies::default(), d(3, 10)).is_waiting());
    }

    #[test]
    fn balances_count_what_the_book_knew_that_day() {
        let mut facts = AccountFacts::empty(1);
        let mut inv = invoice(1, 1000, d(1, 1), d(1, 31));
        inv.extensions.push((d(2, 10), d(2, 28)));
        facts.invoices.push(inv);
        facts.invoices.push(invoice(2, 300, d(2, 1), d(3, 3)));
        facts.invoices[1].voided_on = Some(d(2, 15));
        let bounced = pay(&mut facts, 1, 400, d(2, 5));
        facts.payments[0].reversed_on = Some(d(2, 12));
        facts.credit_notes.push(CreditNoteFacts {
            invoice_id: 1,
            amount: usd(100),
            issued_on: d(2, 20),
        });
        assert_eq!(bounced, 1);
        let policies = Policies::default();
        let at = |on| standing(&facts, &policies, on);
        let one = |on| {
            at(on)
                .invoice(1)
                .map(|i| (i.balance, i.due_on, i.days_late))
                .expect("inv")
        };
        assert_eq!(
            one(d(2, 9)),
            (usd(600), Some(d(1, 31)), 9),
            "paid, not yet extended"
        );
        assert_eq!(
            one(d(2, 12)),
            (usd(1000), Some(d(2, 28)), 0),
            "bounced, and extended"
        );
        assert_eq!(
            one(d(3, 5)),
            (usd(900), Some(d(2, 28)), 5),
            "credit note from 20 Feb"
        );
        assert_eq!(
            at(d(2, 10)).invoice(2).map(|i| i.status),
            Some(InvoiceStatus::Open)
        );
        assert_eq!(
            at(d(2, 15)).invoice(2).map(|i| (i.status, i.balance)),
            Some((InvoiceStatus::Void, usd(0)))
        );
        assert!(at(d(1, 31)).invoice(2).is_none(), "not issued yet");
        assert_eq!(at(d(2, 6)).totals.credit, usd(0));
    }

    #[test]
    fn status_follows_the_balance_and_the_due_date_in_force() {
        let mut facts = AccountFacts::empty(1);
        facts.invoices.push(invoice(1, 10, d(11, 1), d(11, 24)));
        let mut draft = invoice(2, 10, d(11, 1), d(11, 24));
        draft.issued_on = None;
        facts.invoices.push(draft);
        let status = |facts: &AccountFacts, on| {
            standing(facts, &Policies::default(), on)
                .invoice(1)
                .map(|i| (i.status, i.days_late))
        };
        assert_eq!(
            status(&facts, d(11, 24)),
            Some((InvoiceStatus::Open, 0)),
            "due today is current"
        );
        assert_eq!(status(&facts, d(11, 25)), Some((InvoiceStatus::Overdue, 1)));
        let s = standing(&facts, &Policies::default(), d(11, 25));
        assert_eq!(
            s.invoice(2).map(|i| (i.status, i.balance)),
            Some((InvoiceStatus::Draft, usd(0)))
        );
        pay(&mut facts, 1, 10, d(11, 25));
        assert_eq!(status(&facts, d(11, 25)), Some((InvoiceStatus::Paid, 0)));
        let s = standing(&facts, &Policies::default(), d(11, 25));
        let allows = s.invoice(1).map(InvoiceStanding::actions).expect("invoice");
        assert!(allows.email && !allows.record_payment && !allows.dispute);
        assert!(
            !allows.void,
            "a paid invoice is not voided: its payment would vanish"
        );
    }

    #[test]
    fn unapplied_money_is_credit_and_finance_charges_earn_no_fee() {
        let mut facts = AccountFacts::empty(1);
        let mut fee = invoice(1, 15, d(1, 1), d(1, 31));
        fee.finance_charge = true;
        facts.invoices.push(fee);
        facts.invoices.push(invoice(2, 100, d(1, 1), d(1, 31)));
        facts.payments.push(PaymentRecord {
            id: 1,
            received_on: d(2, 2),
            method: PaymentMethod::Check,
            reference: "1042".into(),
            amount: usd(40),
            reversed_on: None,
        });
        let s = standing(&facts, &Policies::default(), d(3, 1));
        assert_eq!(s.totals.credit, usd(40));
        let eligible: Vec<i64> = s
            .invoices
            .iter()
            .filter(|i| i.late_fee_eligible)
            .map(|i| i.id)
            .collect();
        assert_eq!(eligible, [2]);
        // Waived on that invoice alone: the customer's others still earn fees.
        facts.invoices[1].late_fee_exempt = true;
        let s = standing(&facts, &Policies::default(), d(3, 1));
        assert!(s.invoices.iter().all(|i| !i.late_fee_eligible));
        facts.invoices[1].late_fee_exempt = false;
        facts.late_fee_exempt = true;
        let s = standing(&facts, &Policies::default(), d(3, 1));
        assert!(s.invoices.iter().all(|i| !i.late_fee_eligible));
    }

    /// Generated accounts: a handful of invoices, payments, credit notes,
    /// extensions, voids, disputes, promises and plans on dates in 2026.
    fn account() -> impl Strategy<Value = (AccountFacts, NaiveDate)> {
        let day = 0u32..200;
        let base = d(1, 1);
        let at = move |n: u32| add_days(base, n);
        let invoices = prop::collection::vec(
            (
                day.clone(),
                0u32..60,
                1i64..2000,
                prop::option::of(day.clone()),
                prop::option::of((day.clone(), 1u32..60)),
                any::<bool>(),
            ),
            1..6,
        );
        let payments = prop::collection::vec(
            (
                0usize..6,
                day.clone(),
                1i64..1500,
                prop::option::of(0u32..30),
            ),
            0..6,
        );
        let credits = prop::collection::vec((0usize..6, day.clone(), 1i64..300), 0..3);
        let disputes =
            prop::collection::vec((0usize..6, day.clone(), prop::option::of(1u32..40)), 0..3);
        let promises = prop::collection::vec((0usize..6, day.clone(), 0u32..30, 1i64..1500), 0..3);
        let plans = prop::collection::vec(
            (
                0usize..6,
                day.clone(),
                2u32..5,
                1u32..20,
                prop::option::of(1u32..90),
            ),
            0..2,
        );
        let steps = prop::collection::vec((day.clone(), 0usize..6), 0..4);
        (
            invoices,
            payments,
            credits,
            disputes,
            promises,
            plans,
            steps,
            day,
            any::<bool>(),
        )
            .prop_map(
                move |(
                    invoices,
                    payments,
                    credits,
                    disputes,
                    promises,
                    plans,
                    steps,
                    on,
                    exempt,
                )| {
                    let mut facts = AccountFacts::empty(1);
                    facts.late_fee_exempt = exempt;
                    for (k, (issued, terms, total, void, ext, fee)) in invoices.iter().enumerate() {
                        let issued_on = at(*issued);
                        let due = add_days(issued_on, *terms);
                        facts.invoices.push(InvoiceFacts {
                            id: k as i64 + 1,
                            number: format!("INV-{k}"),
                            issued_on: Some(issued_on),
                            due_on: Some(due),
                            extensions: ext
                                .map(|(granted, by)| {
                                    vec![(at(*issued + granted % 30), add_days(due, by))]
                                })
                                .unwrap_or_default(),
                            total: usd(*total),
                            voided_on: void.map(|v| at(*issued + v % 60)),
                            finance_charge: *fee && k == 0,
                            late_fee_exempt: false,
                        });
                    }
                    let n = facts.invoices.len();
                    let id_of = |k: usize| (k % n) as i64 + 1;
                    for (k, (inv, on, amount, reversed)) in payments.iter().enumerate() {
                        let received = at(*on);
                        facts.payments.push(PaymentRecord {
                            id: k as i64 + 1,
                            received_on: received,
                            method: PaymentMethod::Check,
                            reference: String::new(),
                            amount: usd(*amount + 10),
                            reversed_on: reversed.map(|r| add_days(received, r)),
                        });
                        facts.allocations.push(Allocation {
                            payment_id: k as i64 + 1,
                            invoice_id: id_of(*inv),
                            amount: usd(*amount),
                            allocated_on: received,
                        });
                    }
                    for (inv, on, amount) in credits {
                        facts.credit_notes.push(CreditNoteFacts {
                            invoice_id: id_of(inv),
                            amount: usd(amount),
                            issued_on: at(on),
                        });
                    }
                    for (k, (inv, on, len)) in disputes.into_iter().enumerate() {
                        facts.disputes.push(DisputeRecord {
                            id: k as i64 + 1,
                            invoice_id: id_of(inv),
                            opened_on: at(on),
                            closed_on: len.map(|l| at(on + l)),
                            resolve_by: None,
                        });
                    }
                    for (k, (inv, made, wait, amount)) in promises.into_iter().enumerate() {
                        facts.promises.push(PromiseRecord {
                            id: k as i64 + 1,
                            facts: PromiseFacts {
                                kind: PromiseKind::PayOnDate,
                                amount: usd(amount),
                                made_on: at(made),
                                promised_on: at(made + wait),
                                check_number: String::new(),
                                mailed_on: None,
                            },
                            invoice_ids: vec![id_of(inv)],
                        });
                    }
                    for (k, (inv, made, count, first, cancelled)) in plans.into_iter().enumerate() {
                        facts.plans.push(PlanRecord {
                            id: k as i64 + 1,
                            invoice_ids: vec![id_of(inv)],
                            created_on: at(made),
                            cancelled_on: cancelled.map(|c| at(made + c)),
                            installments: (0..count)
                                .map(|i| (at(made + first + 30 * i), usd(50)))
                                .collect(),
                        });
                    }
                    for (on, step) in steps {
                        facts.contacts.push(ContactRecord {
                            on: at(on),
                            ladder_step: Some(LadderStep::ALL[step]),
                        });
                    }
                    facts.contacts.sort_by_key(|c| c.on);
                    (facts, at(on))
                },
            )
    }

    proptest! {
        #[test]
        fn one_answer_per_question_for_any_day((facts, on) in account()) {
            let policies = Policies::default();
            let s = standing(&facts, &policies, on);
            prop_assert_eq!(&s, &standing(&facts, &policies, on), "the same day gives the same answer");

            // The buckets add up to what is owed, and the totals split it.
            let t = s.totals;
            prop_assert_eq!(s.aging.total(), t.owed);
            prop_assert_eq!(s.aging.overdue(), t.past_due);
            prop_assert_eq!(t.past_due + t.not_yet_due, t.owed);
            prop_assert_eq!(t.overdue + t.past_due_paused, t.past_due);
            prop_assert!(t.disputed + t.in_plan + t.promised + t.overdue <= t.owed);

            for i in &s.invoices {
                prop_assert!(i.balance >= Decimal::ZERO);
                // A paused invoice is never chased nor charged.
                if i.pause.is_some() {
                    prop_assert!(!i.is_chaseable() && !i.late_fee_eligible);
                }
                // Past due means past the due date in force.
                prop_assert_eq!(i.is_past_due(), i.balance > Decimal::ZERO && i.due_on.is_some_and(|due| due < on));
                if i.late_fee_eligible {
                    prop_assert!(i.is_chaseable() && !facts.late_fee_exempt);
                }
            }

            // A plan in good standing pauses every owed invoice it covers.
            for (record, plan) in facts.plans.iter().filter(|p| p.created_on <= on).zip(&s.plans) {
                if plan.status == PlanStatus::Active {
                    for id in &record.invoice_ids {
                        if let Some(i) = s.invoice(*id).filter(|i| i.is_owed()) {
                            prop_assert!(i.pause.is_some(), "{:?}", i);
                        }
                    }
                    if s.chaseable().next().is_none() {
                        prop_assert!(s.suggestion.as_ref().is_none_or(|x| x.waiting));
                    }
                }
            }

            // Only customers with something to chase are followed up.
            if s.needs_follow_up() {
                prop_assert!(s.chaseable().next().is_some());
            }
        }
    }
}
