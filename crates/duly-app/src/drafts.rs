//! Drafting follow-ups: the ladder's suggestion for a customer, the message
//! rendered from its template with everything the customer needs to know, and
//! the tone check beside it. The owner edits the draft before anything leaves.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::bank::reference::CreditorReference;
use duly_core::contact_log::Person;
use duly_core::ladder::{LadderStep, Suggestion};
use duly_core::promise::{self, PromiseKind, PromiseOutcome, PromisePolicy, PromiseStatus};
use duly_core::standing::{InvoiceStanding, PauseReason, Standing};
use duly_core::tone::{self, ToneContext, ToneIssue};
use duly_core::DomainError;
use duly_store::{customers, invoices, payments, profile, Book, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::documents::format::money;
use crate::error::Result;
use crate::history::Account;
use crate::pay_details::{Due, PayTo};
use crate::templates::{self, Template, TemplateKind};
use duly_core::country::DateStyle;
use duly_core::profile::BusinessProfile;

/// A file to attach, rendered when the draft is exported or sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Attachment {
    Invoice { invoice_id: i64, number: String },
    Statement,
}

#[derive(Debug, Clone, Serialize)]
pub struct DraftView {
    pub customer_id: i64,
    pub kind: TemplateKind,
    pub title: &'static str,
    pub step: Option<LadderStep>,
    pub suggestion: Option<Suggestion>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub subject: String,
    pub body: String,
    pub attachments: Vec<Attachment>,
    /// For steps taken by phone: what to say, in a few lines.
    pub call_script: Option<String>,
    pub tone: Vec<ToneIssue>,
}

/// What a draft is about besides the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct DraftSubject {
    pub invoice_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub payment_id: Option<i64>,
    pub dispute_id: Option<i64>,
    pub plan_id: Option<i64>,
}

/// Everything the templates can say about a customer, as of `today`, with
/// the figures the tone check needs. The invoices come from the account's
/// standing, in three groups that are never mixed: overdue (past due and not
/// paused: what a reminder asks to be paid), not yet due, and past due but
/// paused (an open dispute, a plan in good standing, a pending promise).
struct Context {
    value: Value,
    /// Overdue invoices: (id, number), oldest first.
    overdue: Vec<(i64, String)>,
    overdue_total: String,
    /// Every invoice owed, whatever its state: (id, number).
    open: Vec<(i64, String)>,
    balance_total: String,
    /// What the message is about when it is about one thing (an invoice, a
    /// dispute, a plan): the numbers and amounts the tone check asks for.
    focus: Option<(Vec<String>, Vec<String>)>,
    standing: Standing,
    /// The customer's, the business's and the people's names, as written.
    names: Vec<String>,
    /// Where a recap goes: the person spoken to, when the book has their
    /// address.
    recap_to: Vec<String>,
}

impl Context {
    fn overdue_numbers(&self) -> Vec<String> {
        self.overdue.iter().map(|(_, n)| n.clone()).collect()
    }

    fn open_numbers(&self) -> Vec<String> {
        self.open.iter().map(|(_, n)| n.clone()).collect()
    }
}

/// How to greet someone: their first name, or their whole name when it
/// starts with a title ("Dr. Ito", never "Hi Dr.,").
fn first_name(name: &str) -> String {
    let first = name.split_whitespace().next().unwrap_or_default();
    let titled = first.ends_with('.')
        || ["Dr", "Mr", "Mrs", "Ms", "Mx", "Prof"]
            .iter()
            .any(|t| first.eq_ignore_ascii_case(t));
    if titled {
        name.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        first.to_owned()
    }
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn promise_said(
    kind: PromiseKind,
    amount: &str,
    promised: NaiveDate,
    check: &str,
    mailed: Option<NaiveDate>,
    dates: DateStyle,
) -> String {
    match kind {
        PromiseKind::CheckInMail => {
            let number = if check.is_empty() {
                String::new()
            } else {
                format!(" {check}")
            };
            let when = mailed
                .map(|m| format!(", mailed on {}", dates.day(m)))
                .unwrap_or_default();
            format!("check{number} for {amount} was on its way{when}")
        }
        PromiseKind::TransferScheduled => format!(
            "a transfer of {amount} was scheduled for {}",
            dates.day(promised)
        ),
        PromiseKind::PayOnDate => format!("{amount} would be paid by {}", dates.day(promised)),
        PromiseKind::PartialAmount => format!("{amount} would be paid by {}", dates.day(promised)),
    }
}

/// What was agreed, for a recap: the promise with its invoices, amount,
/// check number, mailing date and address, and the expected date. A check
/// that should have arrived before the call is not "expected by" a day gone:
/// the recap says until when it is looked out for.
pub(crate) fn promise_agreed(
    p: &duly_store::promises::Promise,
    policy: PromisePolicy,
    c: duly_core::Currency,
    dates: DateStyle,
) -> String {
    let amount = money(c, c.from_minor(p.amount_minor));
    let numbers: Vec<String> = p.invoices.iter().map(|(_, n)| n.clone()).collect();
    let covers = if numbers.is_empty() {
        String::new()
    } else {
        format!(" toward {}", and_list(&numbers))
    };
    match p.kind {
        PromiseKind::CheckInMail => {
            let number = if p.check_number.is_empty() {
                String::new()
            } else {
                format!(" {}", p.check_number)
            };
            let mailed = p
                .mailed_on
                .map(|m| format!(", mailed on {}", dates.day(m)))
                .unwrap_or_default();
            // The address as the owner chose it, which may be a whole
            // "Checks payable to …, mailed to …" line: set apart, never
            // run into the sentence.
            let to = if p.mailed_to.trim().is_empty() {
                String::new()
            } else {
                format!(" (sent to: {})", p.mailed_to.trim().replace('\n', ", "))
            };
            if p.promised_on < p.made_on {
                let until = promise::deadline(p.promised_on, p.made_on, policy);
                format!(
                    "check{number} for {amount}{covers}{mailed}{to}; we will watch for it until {}",
                    dates.day(until)
                )
            } else {
                format!(
                    "check{number} for {amount}{covers}{mailed}{to}, which we expect by {}",
                    dates.day(p.promised_on)
                )
            }
        }
        PromiseKind::TransferScheduled => format!(
            "a bank transfer of {amount}{covers}, scheduled for {}",
            dates.day(p.promised_on)
        ),
        PromiseKind::PayOnDate | PromiseKind::PartialAmount => {
            format!(
                "{amount}{covers}, to be paid by {}",
                dates.day(p.promised_on)
            )
        }
    }
}

/// How a past promise turned out, in words for the customer: the outcome at
/// its deadline, and, when the money came later, that it did.
fn outcome_words(outcome: &PromiseOutcome, kind: PromiseKind, dates: DateStyle) -> String {
    if let Some(on) = outcome.paid_late_on {
        return format!("it reached us later, on {}; thank you", dates.day(on));
    }
    match (outcome.status, kind) {
        (PromiseStatus::Kept, _) => "thank you, it arrived as promised",
        (PromiseStatus::PartlyKept, _) => "part of it has arrived so far",
        (PromiseStatus::Pending, _) => "we are looking out for it",
        (PromiseStatus::Broken, PromiseKind::CheckInMail) => {
            "unfortunately it has not reached us yet"
        }
        (PromiseStatus::Broken, _) => "unfortunately we have not received it yet",
    }
    .to_owned()
}

/// An amount a message asks for: one invoice's balance.
fn asking(currency: duly_core::Currency, balance: rust_decimal::Decimal, number: &str) -> Due {
    Due {
        amount: balance,
        currency,
        numbers: vec![number.to_owned()],
    }
}

/// "How to pay:" in a message: the owner's bank details and check address
/// as typed, then the account with each asked invoice's amount and RF
/// reference, and its pay link. Without any, the customer is asked to reply.
fn how_to_pay(business: &BusinessProfile, asked: &[Due]) -> String {
    let pay_to = PayTo::of(business);
    let lines: Vec<String> = [
        business.bank_details.as_str(),
        business.check_address.as_str(),
    ]
    .into_iter()
    .filter(|t| !t.is_empty())
    .map(str::to_owned)
    .chain(pay_to.message_lines(asked))
    .collect();
    if lines.is_empty() {
        "Please reply and we will send our payment details.".to_owned()
    } else {
        lines.join("\n")
    }
}

/// `call` is the contact a recap is about; without one, the latest.
fn context(
    tx: &Transaction,
    customer_id: i64,
    call: Option<i64>,
    today: NaiveDate,
) -> duly_store::Result<Context> {
    let business = profile::get(tx)?;
    let c = business.currency;
    let dates = business.date_style();
    let date = |d: NaiveDate| dates.day(d);
    let customer = customers::get(tx, customer_id)?;
    let account = Account::load(tx, customer_id, today)?;
    let policy = duly_store::policies::promise_policy(tx)?;
    let standing = &account.standing;
    let row = |i: &InvoiceStanding| {
        json!({
            "number": i.number,
            "issue_date": i.issued_on.map(date).unwrap_or_default(),
            "due_date": i.due_on.map(date).unwrap_or_default(),
            "total": money(c, i.total),
            "balance": money(c, i.balance),
            "days_past_due": i.days_late,
            "reference": CreditorReference::for_invoice(&i.number).map(|r| r.to_string()).unwrap_or_default(),
        })
    };
    let overdue: Vec<&InvoiceStanding> = standing.chaseable().collect();
    // Not yet due, whatever else covers it (a promise, a dispute): never late.
    let not_yet_due: Vec<&InvoiceStanding> = standing.owed().filter(|i| !i.is_past_due()).collect();
    let paused: Vec<&InvoiceStanding> = standing
        .owed()
        .filter(|i| i.is_past_due() && i.pause.is_some())
        .collect();
    let paused_by = |reason: PauseReason| -> Vec<&InvoiceStanding> {
        paused
            .iter()
            .copied()
            .filter(|i| i.pause.is_some_and(|p| p.reason == reason))
            .collect()
    };
    let sum = |list: &[&InvoiceStanding]| -> rust_decimal::Decimal {
        list.iter().map(|i| i.balance).sum()
    };
    let numbers = |list: &[&InvoiceStanding]| -> Vec<String> {
        list.iter().map(|i| i.number.clone()).collect()
    };
    let overdue_total = money(c, sum(&overdue));
    let balance_total = money(c, standing.totals.owed);
    let balance_raw = c
        .to_minor(standing.totals.owed)
        .ok_or_else(|| duly_store::StoreError::Corrupt("an invoice balance".into()))?;
    let oldest = overdue.iter().map(|i| i.days_late).max().unwrap_or(0);
    let open: Vec<&InvoiceStanding> = standing.owed().collect();
    let mut promises: Vec<Value> = Vec::new();
    for (p, outcome) in account
        .promises
        .iter()
        .rev()
        .filter_map(|p| Some((p, account.outcome(p)?)))
    {
        let amount = money(c, c.from_minor(p.amount_minor));
        promises.push(json!({
            "made_on": date(p.made_on),
            "said": promise_said(
                p.kind,
                &amount,
                p.promised_on,
                &p.check_number,
                p.mailed_on,
                dates,
            ),
            "outcome": outcome_words(&outcome, p.kind, dates),
            "since": format!("{}.", capitalize(&outcome_words(&outcome, p.kind, dates))),
        }));
    }
    let reminders: Vec<String> = account
        .contacts
        .iter()
        .rev()
        .filter_map(|x| {
            x.ladder_step.map(|s| {
                format!(
                    "{} ({})",
                    s.title().to_lowercase(),
                    date(x.happened_at.date())
                )
            })
        })
        .collect();
    // A recap confirms a conversation: a call or meeting on which someone
    // was spoken to (not a voicemail, not an email the log holds).
    let spoken = |x: &&duly_store::contact_log::Contact| {
        duly_core::contact_log::recappable(x.channel, x.outcome)
    };
    let last_call = match call {
        Some(id) => {
            let x = account
                .contacts
                .iter()
                .find(|x| x.id == id)
                .ok_or_else(|| {
                    duly_store::StoreError::not_found("That call is not in this customer's log.")
                })?;
            if !spoken(&x) {
                return Err(DomainError::NotAllowed(
                    "No one was spoken to on that contact, so there is nothing to recap.".into(),
                )
                .into());
            }
            Some(x)
        }
        None => account.contacts.iter().find(spoken),
    };
    // The recap goes to the person spoken to; someone the book has no
    // address for leaves To for the owner to fill in.
    let recap_to = last_call.map_or_else(Vec::new, |x| {
        let email = match x.person {
            Person::Billing => &customer.details.billing.email,
            Person::Escalation => &customer.details.escalation.email,
            Person::Other => return Vec::new(),
        };
        [email.clone()]
            .into_iter()
            .filter(|e| !e.is_empty())
            .collect()
    });
    // What the message asks to be paid: the past-due invoices, each with
    // its reference and pay link.
    let asked: Vec<Due> = overdue
        .iter()
        .map(|i| asking(c, i.balance, &i.number))
        .collect();
    let signature = match (
        business.owner_name.is_empty(),
        business.owner_title.is_empty(),
    ) {
        (false, false) => format!(
            "{}\n{}, {}",
            business.owner_name, business.owner_title, business.name
        ),
        (false, true) => format!("{}\n{}", business.owner_name, business.name),
        _ => business.name.clone(),
    };
    let d = &customer.details;
    let value = json!({
        "business": {
            "name": business.name, "owner_name": business.owner_name, "owner_title": business.owner_title,
            "email": business.email, "phone": business.phone,
        },
        "why_on_time": if business.why_on_time.is_empty() {
            "As a small business, we rely on payments arriving on time to pay our team and keep serving clients well.".to_owned()
        } else {
            business.why_on_time.clone()
        },
        // `stop` ends a sentence after the name without doubling the period
        // of "Stonebridge Brewing Co.".
        "customer": { "company": d.company, "stop": if d.company.ends_with('.') { "" } else { "." } },
        "billing": { "name": d.billing.name, "first_name": first_name(&d.billing.name), "email": d.billing.email },
        "escalation": {
            "name": d.escalation.name, "first_name": first_name(&d.escalation.name),
            "title": d.escalation.title, "email": d.escalation.email,
        },
        "invoices": overdue.iter().map(|i| row(i)).collect::<Vec<_>>(),
        "numbers": and_list(&numbers(&overdue)),
        "total_owed": overdue_total,
        "oldest_days_past_due": oldest,
        "not_yet_due": not_yet_due.iter().map(|i| row(i)).collect::<Vec<_>>(),
        "not_yet_due_numbers": and_list(&numbers(&not_yet_due)),
        "not_yet_due_total": money(c, sum(&not_yet_due)),
        "paused": paused.iter().map(|i| row(i)).collect::<Vec<_>>(),
        "paused_numbers": and_list(&numbers(&paused)),
        // What pauses each, in words a customer recognises as theirs.
        "on_the_way": and_list(&numbers(&paused_by(PauseReason::Promise))),
        "in_question": and_list(&numbers(&paused_by(PauseReason::Dispute))),
        "in_plan": and_list(&numbers(&paused_by(PauseReason::Plan))),
        "open_numbers": and_list(&numbers(&open)),
        "balance_total": balance_total,
        "balance_raw": balance_raw,
        "how_to_pay": how_to_pay(&business, &asked),
        "promises": promises,
        "last_promise": promises.last(),
        "reminders": reminders,
        "call": last_call.map(|x| call_value(&account, x, policy, c, dates)),
        "invoice": Value::Null,
        "payment": Value::Null,
        "signature": signature,
        "today": date(today),
    });
    Ok(Context {
        value,
        overdue: overdue.iter().map(|i| (i.id, i.number.clone())).collect(),
        overdue_total,
        open: open.iter().map(|i| (i.id, i.number.clone())).collect(),
        balance_total,
        focus: None,
        standing: account.standing.clone(),
        recap_to,
        names: [
            d.company.clone(),
            business.name.clone(),
            business.owner_name.clone(),
            d.billing.name.clone(),
            d.escalation.name.clone(),
        ]
        .into_iter()
        .filter(|n| !n.trim().is_empty())
        .collect(),
    })
}

/// A contact as a recap may state it. The owner's notes are private and
/// never in a template's reach; the recap confirms what was agreed (in the
/// owner's words) and the promise made on the call.
fn call_value(
    account: &Account,
    x: &duly_store::contact_log::Contact,
    policy: PromisePolicy,
    c: duly_core::Currency,
    dates: DateStyle,
) -> Value {
    json!({
        "date": dates.day(x.happened_at.date()), "next_step": x.next_step,
        "follow_up_on": x.follow_up_on.map(|d| dates.day(d)), "person_first_name": first_name(&x.person_name),
        "agreed": x.agreed,
        "promise": account
            .promises
            .iter()
            .find(|p| p.contact_id == Some(x.id))
            .map(|p| capitalize(&promise_agreed(p, policy, c, dates))),
    })
}

pub(crate) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The ladder's suggestion for one customer as of `today`: the account
/// standing's, so This week and the customer page say the same.
pub fn suggestion(
    tx: &Transaction,
    customer_id: i64,
    today: NaiveDate,
) -> duly_store::Result<Option<Suggestion>> {
    Ok(crate::standing::of(tx, customer_id, today)?.suggestion)
}

fn call_script(ctx: &Context, business: &str, owner: &str) -> String {
    format!(
        "Hello, this is {owner} from {business}. I am calling about {} ({} past due).\n\
         - Is everything in order with the invoices? Did they reach the right person?\n\
         - Is anything preventing payment? How can we help?\n\
         - If they promise to pay: on what date, how much, and for a check: when was it mailed, its number, and to which address.\n\
         Thank them, and send a recap of what you agreed.",
        and_list(&ctx.overdue_numbers()),
        ctx.overdue_total
    )
}

/// Drafts a message of `kind` for a customer (a ladder step, the email for a
/// new invoice, a call recap or a thank-you).
pub fn draft(
    book: &mut Book,
    customer_id: i64,
    kind: TemplateKind,
    about: DraftSubject,
    now: NaiveDateTime,
) -> Result<DraftView> {
    let today = now.date();
    Ok(book.read(|tx| {
        let mut ctx = context(tx, customer_id, about.contact_id, today)?;
        let business = profile::get(tx)?;
        let c = business.currency;
        let dates = business.date_style();
        let mut attachments: Vec<Attachment> = Vec::new();
        if let Some(invoice_id) = about.invoice_id {
            let h = invoices::header_of(tx, invoice_id)?;
            if h.customer_id != customer_id {
                return Err(DomainError::NotAllowed(
                    "That invoice belongs to another customer.".into(),
                )
                .into());
            }
            // First send, or a copy of one part-paid or overdue: the text
            // says which, with the balance and the due date in force today.
            let total = c.from_minor(h.total_minor);
            let (balance, due, overdue) = ctx.standing.invoice(invoice_id).map_or(
                (total, h.due_date, false),
                |i| (i.balance, i.due_on, i.is_past_due()),
            );
            let settled = balance <= rust_decimal::Decimal::ZERO;
            ctx.value["invoice"] = json!({
                "number": h.label(), "total": money(c, total),
                "due_date": due.map(|d| dates.day(d)).unwrap_or_default(),
                "balance": money(c, balance),
                "paid_so_far": (balance < total && !settled).then(|| money(c, total - balance)),
                "overdue": overdue,
                "settled": settled,
                "first_send": balance == total && !overdue,
            });
            ctx.focus = Some((vec![h.label().to_owned()], Vec::new()));
            // This email asks for this invoice's balance, nothing else.
            let asked: Vec<Due> = (!settled)
                .then(|| asking(c, balance, h.label()))
                .into_iter()
                .collect();
            ctx.value["how_to_pay"] = json!(how_to_pay(&business, &asked));
            attachments.push(Attachment::Invoice {
                invoice_id,
                number: h.label().to_owned(),
            });
        }
        if let Some(payment_id) = about.payment_id {
            let p = payments::get(tx, payment_id)?;
            let applied = payments::allocations_for_customer(tx, customer_id)?
                .into_iter()
                .filter(|a| a.payment_id == payment_id)
                .map(|a| a.invoice_number)
                .collect::<Vec<_>>();
            ctx.value["payment"] = json!({
                "amount": money(c, c.from_minor(p.amount_minor)),
                "received_on": dates.day(p.received_on),
                "applied": and_list(&applied),
            });
        }
        if let Some(dispute_id) = about.dispute_id {
            let d = duly_store::disputes::get(tx, dispute_id)?;
            let resolution = d.updates.iter().rev().find(|u| u.1 == "resolved" || u.1 == "rejected").map(|u| u.2.clone());
            if d.customer_id != customer_id {
                return Err(DomainError::NotAllowed(
                    "That dispute is about another customer's invoice.".into(),
                )
                .into());
            }
            let amount = c.from_minor(d.amount_minor);
            // The rest of the account: what is owed besides the amount in question.
            let rest = (ctx.standing.totals.owed - amount).max(rust_decimal::Decimal::ZERO);
            ctx.focus = Some((vec![d.invoice_number.clone()], vec![money(c, amount)]));
            ctx.value["dispute"] = json!({
                "about": d.cause.words(),
                "invoice": d.invoice_number,
                "amount": money(c, amount),
                "rest": money(c, rest),
                "has_rest": rest > rust_decimal::Decimal::ZERO,
                "resolve_by": d.resolve_by.map(|day| dates.day(day)).unwrap_or_else(|| "the end of next week".into()),
                "resolution": resolution.unwrap_or_default(),
            });
        }
        if let Some(plan_id) = about.plan_id {
            let plan = duly_store::plans::list(tx, Some(customer_id))?
                .into_iter()
                .find(|p| p.id == plan_id)
                .ok_or_else(|| duly_store::StoreError::not_found("That plan no longer exists."))?;
            ctx.value["installments"] = json!(plan
                .installments
                .iter()
                .map(|(on, a)| json!({ "due_on": dates.day(*on), "amount": money(c, c.from_minor(*a)) }))
                .collect::<Vec<_>>());
            let mut numbers = Vec::new();
            for id in &plan.invoice_ids {
                numbers.push(invoices::header_of(tx, *id)?.label().to_owned());
            }
            let total = money(c, plan.installments.iter().map(|(_, a)| c.from_minor(*a)).sum());
            ctx.value["plan"] = json!({ "numbers": and_list(&numbers), "total": total });
            ctx.focus = Some((numbers, vec![total]));
        }
        let needs = |key: &str| ctx.value.get(key).is_none_or(Value::is_null);
        let missing = match kind {
            TemplateKind::DisputeAck | TemplateKind::DisputeResolution | TemplateKind::DisputeApology if needs("dispute") => {
                Some("Open the dispute first: this letter is about it.")
            }
            TemplateKind::PlanConfirmation if needs("installments") => Some("Set up the plan first: this letter confirms it."),
            TemplateKind::InvoiceEmail if needs("invoice") => Some("Choose the invoice to send."),
            TemplateKind::ThankYou if needs("payment") => Some("Choose the payment to thank them for."),
            _ => None,
        };
        if let Some(message) = missing {
            return Err(DomainError::NotAllowed(message.into()).into());
        }
        if kind.step().is_some() && ctx.overdue.is_empty() {
            return Err(DomainError::NotAllowed(nothing_overdue(&ctx.standing, dates)).into());
        }
        if kind == TemplateKind::CallRecap && ctx.value["call"].is_null() {
            return Err(DomainError::NotAllowed(
                "Log the call first: the recap confirms what was agreed on it.".into(),
            )
            .into());
        }
        let step = kind.step();
        match (step, kind) {
            (Some(s), _) if s >= LadderStep::FormalReminder => {
                attachments.push(Attachment::Statement)
            }
            // A reminder attaches what it asks to be paid; a recap, what is open.
            (Some(_), _) => {
                for (invoice_id, number) in &ctx.overdue {
                    attachments.push(Attachment::Invoice {
                        invoice_id: *invoice_id,
                        number: number.clone(),
                    });
                }
            }
            (None, TemplateKind::StatementEmail) => attachments.push(Attachment::Statement),
            (None, TemplateKind::CallRecap) => {
                for (invoice_id, number) in &ctx.open {
                    attachments.push(Attachment::Invoice {
                        invoice_id: *invoice_id,
                        number: number.clone(),
                    });
                }
            }
            _ => {}
        }
        let template = templates::effective(tx, kind)?;
        let rendered = templates::render(&template, &ctx.value)?;
        let customer = customers::get(tx, customer_id)?;
        let d = &customer.details;
        let to: Vec<String> = if kind == TemplateKind::CallRecap {
            ctx.recap_to.clone()
        } else {
            [d.billing.email.clone()]
                .into_iter()
                .filter(|e| !e.is_empty())
                .collect()
        };
        // Copy the escalation contact from step 3, unless they are the one
        // already written to (a small firm's one address for both).
        let cc: Vec<String> = if step.is_some_and(LadderStep::copies_escalation) {
            [d.escalation.email.clone()]
                .into_iter()
                .filter(|e| !e.is_empty() && !to.iter().any(|t| t.eq_ignore_ascii_case(e)))
                .collect()
        } else {
            Vec::new()
        };
        let tone = tone::check(
            &format!("{}\n{}", rendered.subject, rendered.body),
            &tone_context(kind, &ctx),
        );
        Ok(DraftView {
            customer_id,
            kind,
            title: kind.title(),
            step,
            suggestion: ctx.standing.suggestion.clone(),
            to,
            cc,
            subject: rendered.subject,
            body: rendered.body,
            attachments,
            call_script: step.map(|_| {
                call_script(
                    &ctx,
                    &business.name,
                    if business.owner_name.is_empty() {
                        "us"
                    } else {
                        &business.owner_name
                    },
                )
            }),
            tone,
        })
    })?)
}

/// What the tone check asks the message to state: the invoices and amount
/// it is about. A reminder is about what is overdue; a recap about what is
/// open; a letter about one invoice, dispute or plan, about that.
fn tone_context(kind: TemplateKind, ctx: &Context) -> ToneContext {
    let (invoice_numbers, amounts) = match (kind, &ctx.focus) {
        (TemplateKind::ThankYou, _) => (Vec::new(), Vec::new()),
        (_, Some((numbers, amounts))) => (numbers.clone(), amounts.clone()),
        (TemplateKind::CallRecap, None) if !ctx.open.is_empty() => {
            (ctx.open_numbers(), vec![ctx.balance_total.clone()])
        }
        (_, None)
            if (kind.step().is_some() || kind == TemplateKind::StatementEmail)
                && !ctx.overdue.is_empty() =>
        {
            (ctx.overdue_numbers(), vec![ctx.overdue_total.clone()])
        }
        (TemplateKind::StatementEmail, None) if !ctx.open.is_empty() => {
            (Vec::new(), vec![ctx.balance_total.clone()])
        }
        _ => (Vec::new(), Vec::new()),
    };
    ToneContext {
        step: kind.step(),
        invoice_numbers,
        amounts,
        // A thank-you, or the statement of a paid-up account, asks for nothing.
        needs_how_to_pay: match kind {
            TemplateKind::ThankYou => false,
            TemplateKind::StatementEmail => !ctx.open.is_empty(),
            _ => true,
        },
        names: ctx.names.clone(),
    }
}

/// Why there is no payment reminder to draft: nothing is overdue, or all
/// that is past due is paused.
fn nothing_overdue(standing: &Standing, dates: DateStyle) -> String {
    let t = standing.totals;
    if t.past_due > rust_decimal::Decimal::ZERO {
        // Name what pauses it, each once, with the day it holds until.
        let mut why: Vec<String> = Vec::new();
        for pause in standing
            .owed()
            .filter(|i| i.is_past_due())
            .filter_map(|i| i.pause)
        {
            let until = pause
                .until
                .map(|d| format!(" until {}", dates.day(d)))
                .unwrap_or_default();
            let words = match pause.reason {
                PauseReason::Dispute => "an open dispute".to_owned(),
                PauseReason::Plan => format!("a payment plan in good standing{until}"),
                PauseReason::Promise => format!("a promise pending{until}"),
            };
            if !why.contains(&words) {
                why.push(words);
            }
        }
        format!(
            "What is past due is paused today by {}, so there is no reminder to send. The statement and the other messages are still here.",
            and_list(&why)
        )
    } else if t.owed > rust_decimal::Decimal::ZERO {
        "Nothing is overdue today: every open invoice is still within its terms, so there is no reminder to send. The statement and the other messages are still here.".into()
    } else {
        "This customer owes nothing today, so there is no reminder to send. A thank-you or a statement is still here.".into()
    }
}

/// The suggested ladder step drafted for a customer; `step` overrides it.
pub fn follow_up(
    book: &mut Book,
    customer_id: i64,
    step: Option<LadderStep>,
    now: NaiveDateTime,
) -> Result<DraftView> {
    let suggested = book.read(|tx| suggestion(tx, customer_id, now.date()))?;
    let step = step
        .or(suggested.map(|s| s.step))
        .unwrap_or(LadderStep::FriendlyReminder);
    draft(
        book,
        customer_id,
        TemplateKind::for_step(step),
        DraftSubject::default(),
        now,
    )
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct ToneForm {
    pub customer_id: i64,
    pub kind: Option<TemplateKind>,
    pub subject: String,
    pub body: String,
}

/// The tone check on an edited draft, as the owner types.
pub fn check_tone(book: &mut Book, form: &ToneForm, now: NaiveDateTime) -> Result<Vec<ToneIssue>> {
    let kind = form.kind.unwrap_or(TemplateKind::FriendlyReminder);
    let ctx = book.read(|tx| context(tx, form.customer_id, None, now.date()))?;
    Ok(tone::check(
        &format!("{}\n{}", form.subject, form.body),
        &tone_context(kind, &ctx),
    ))
}

/// A template rendered for the editor's live preview, with its tone check.
#[derive(Debug, Clone, Serialize)]
pub struct TemplatePreview {
    pub rendered: Template,
    pub tone: Vec<ToneIssue>,
}

/// Renders a template (possibly being edited) against a real customer, for
/// the editor's live preview.
pub fn preview_template(
    book: &mut Book,
    customer_id: i64,
    kind: TemplateKind,
    template: &Template,
    now: NaiveDateTime,
) -> Result<TemplatePreview> {
    let (ctx, dates) = book.read(|tx| {
        Ok((
            context(tx, customer_id, None, now.date())?,
            profile::get(tx)?.date_style(),
        ))
    })?;
    let mut value = ctx.value.clone();
    let sample = templates::sample_context(dates);
    for key in [
        "invoice",
        "payment",
        "installments",
        "plan",
        "dispute",
        "call",
    ] {
        if value.get(key).is_none_or(Value::is_null) {
            value[key] = sample[key].clone();
        }
    }
    let rendered = templates::render(template, &value)?;
    let tone = tone::check(
        &format!("{}\n{}", rendered.subject, rendered.body),
        &tone_context(kind, &ctx),
    );
    Ok(TemplatePreview { rendered, tone })
}
