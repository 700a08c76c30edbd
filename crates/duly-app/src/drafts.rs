//! Drafting follow-ups: the ladder's suggestion for a customer, the message
//! rendered from its template with everything the customer needs to know, and
//! the tone check beside it. The owner edits the draft before anything leaves.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::ladder::{LadderStep, Suggestion};
use duly_core::promise::{PromiseKind, PromiseStatus};
use duly_core::standing::InvoiceStanding;
use duly_core::tone::{self, ToneContext, ToneIssue};
use duly_core::DomainError;
use duly_store::{customers, invoices, payments, profile, Book, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::documents::format::{date, money};
use crate::error::Result;
use crate::history::Account;
use crate::templates::{self, Template, TemplateKind};

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
/// the figures the tone check needs.
struct Context {
    value: Value,
    open_numbers: Vec<String>,
    total_owed: String,
    open: Vec<(i64, String)>,
}

fn first_name(name: &str) -> String {
    name.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned()
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
) -> String {
    match kind {
        PromiseKind::CheckInMail => {
            let number = if check.is_empty() {
                String::new()
            } else {
                format!(" {check}")
            };
            let when = mailed
                .map(|m| format!(", mailed on {}", date(m)))
                .unwrap_or_default();
            format!("check{number} for {amount} was on its way{when}")
        }
        PromiseKind::TransferScheduled => format!(
            "a transfer of {amount} was scheduled for {}",
            date(promised)
        ),
        PromiseKind::PayOnDate => format!("{amount} would be paid by {}", date(promised)),
        PromiseKind::PartialAmount => format!("{amount} would be paid by {}", date(promised)),
    }
}

fn outcome_words(status: PromiseStatus, kind: PromiseKind) -> &'static str {
    match (status, kind) {
        (PromiseStatus::Kept, _) => "thank you, it arrived as promised",
        (PromiseStatus::PartlyKept, _) => "part of it has arrived so far",
        (PromiseStatus::Pending, _) => "we are looking out for it",
        (PromiseStatus::Broken, PromiseKind::CheckInMail) => {
            "unfortunately it has not reached us yet"
        }
        (PromiseStatus::Broken, _) => "unfortunately we have not received it yet",
    }
}

fn context(tx: &Transaction, customer_id: i64, today: NaiveDate) -> duly_store::Result<Context> {
    let business = profile::get(tx)?;
    let c = business.currency;
    let customer = customers::get(tx, customer_id)?;
    let account = Account::load(tx, customer_id, today)?;
    // Open invoices are those owed today, with their due date in force and
    // days late from the account's standing.
    let open: Vec<&InvoiceStanding> = account.standing.owed().collect();
    let owed = account.standing.totals.owed;
    let total_owed = money(c, owed);
    let invoices: Vec<Value> = open
        .iter()
        .map(|i| {
            json!({
                "number": i.number,
                "issue_date": i.issued_on.map(date).unwrap_or_default(),
                "due_date": i.due_on.map(date).unwrap_or_default(),
                "total": money(c, i.total),
                "balance": money(c, i.balance),
                "days_past_due": i.days_late,
            })
        })
        .collect();
    let open_numbers: Vec<String> = open.iter().map(|i| i.number.clone()).collect();
    let oldest = open.iter().map(|i| i.days_late).max().unwrap_or(0);
    let owed_minor = c
        .to_minor(owed)
        .ok_or_else(|| duly_store::StoreError::Corrupt("an invoice balance".into()))?;
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
            "said": promise_said(p.kind, &amount, p.promised_on, &p.check_number, p.mailed_on),
            "outcome": outcome_words(outcome.status, p.kind),
            "since": format!("{}.", capitalize(outcome_words(outcome.status, p.kind))),
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
    let last_call = account.contacts.first();
    let how_to_pay = [
        business.bank_details.as_str(),
        business.check_address.as_str(),
    ]
    .into_iter()
    .filter(|t| !t.is_empty())
    .collect::<Vec<_>>()
    .join("\n");
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
        "customer": { "company": d.company },
        "billing": { "name": d.billing.name, "first_name": first_name(&d.billing.name), "email": d.billing.email },
        "escalation": {
            "name": d.escalation.name, "first_name": first_name(&d.escalation.name),
            "title": d.escalation.title, "email": d.escalation.email,
        },
        "invoices": invoices,
        "numbers": and_list(&open_numbers),
        "total_owed": total_owed,
        "total_owed_raw": owed_minor,
        "oldest_days_past_due": oldest,
        "how_to_pay": if how_to_pay.is_empty() { "Please reply and we will send our payment details.".to_owned() } else { how_to_pay },
        "promises": promises,
        "last_promise": promises.last(),
        "reminders": reminders,
        "call": last_call.map(|x| json!({
            "date": date(x.happened_at.date()), "notes": x.notes, "next_step": x.next_step,
            "follow_up_on": x.follow_up_on.map(date), "person_first_name": first_name(&x.person_name),
        })),
        "invoice": Value::Null,
        "payment": Value::Null,
        "signature": signature,
        "today": date(today),
    });
    Ok(Context {
        value,
        open_numbers,
        total_owed,
        open: open.iter().map(|i| (i.id, i.number.clone())).collect(),
    })
}

fn capitalize(s: &str) -> String {
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
        "Hello, this is {owner} from {business}. I am calling about {} ({} in all).\n\
         - Is everything in order with the invoices? Did they reach the right person?\n\
         - Is anything preventing payment? How can we help?\n\
         - If they promise to pay: on what date, how much, and for a check: when was it mailed, its number, and to which address.\n\
         Thank them, and send a recap of what you agreed.",
        and_list(&ctx.open_numbers),
        ctx.total_owed
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
        let mut ctx = context(tx, customer_id, today)?;
        let business = profile::get(tx)?;
        let c = business.currency;
        let mut attachments: Vec<Attachment> = Vec::new();
        if let Some(invoice_id) = about.invoice_id {
            let h = invoices::header_of(tx, invoice_id)?;
            if h.customer_id != customer_id {
                return Err(DomainError::NotAllowed(
                    "That invoice belongs to another customer.".into(),
                )
                .into());
            }
            ctx.value["invoice"] = json!({
                "number": h.label(), "total": money(c, c.from_minor(h.total_minor)),
                "due_date": h.due_date.map(date).unwrap_or_default(),
            });
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
                "received_on": date(p.received_on),
                "applied": and_list(&applied),
            });
        }
        if let Some(dispute_id) = about.dispute_id {
            let d = duly_store::disputes::get(tx, dispute_id)?;
            let resolution = d.updates.iter().rev().find(|u| u.1 == "resolved" || u.1 == "rejected").map(|u| u.2.clone());
            ctx.value["dispute"] = json!({
                "about": d.cause.words(),
                "invoice": d.invoice_number,
                "amount": money(c, c.from_minor(d.amount_minor)),
                "resolve_by": d.resolve_by.map(date).unwrap_or_else(|| "the end of next week".into()),
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
                .map(|(on, a)| json!({ "due_on": date(*on), "amount": money(c, c.from_minor(*a)) }))
                .collect::<Vec<_>>());
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
        if kind == TemplateKind::CallRecap && ctx.value["call"].is_null() {
            return Err(DomainError::NotAllowed(
                "Log the call first: the recap is written from its notes.".into(),
            )
            .into());
        }
        let step = kind.step();
        match (step, kind) {
            (Some(s), _) if s >= LadderStep::FormalReminder => {
                attachments.push(Attachment::Statement)
            }
            (Some(_), _) | (None, TemplateKind::CallRecap) => {
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
        let cc =
            if step.is_some_and(LadderStep::copies_escalation) && !d.escalation.email.is_empty() {
                vec![d.escalation.email.clone()]
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
            suggestion: suggestion(tx, customer_id, today)?,
            to: if d.billing.email.is_empty() {
                Vec::new()
            } else {
                vec![d.billing.email.clone()]
            },
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

fn tone_context(kind: TemplateKind, ctx: &Context) -> ToneContext {
    let essentials = !matches!(kind, TemplateKind::ThankYou);
    ToneContext {
        step: kind.step(),
        invoice_numbers: if essentials && kind != TemplateKind::InvoiceEmail {
            ctx.open_numbers.clone()
        } else {
            Vec::new()
        },
        amounts: if essentials && !ctx.open_numbers.is_empty() && kind != TemplateKind::InvoiceEmail
        {
            vec![ctx.total_owed.clone()]
        } else {
            Vec::new()
        },
        needs_how_to_pay: essentials,
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
    let ctx = book.read(|tx| context(tx, form.customer_id, now.date()))?;
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
    let ctx = book.read(|tx| context(tx, customer_id, now.date()))?;
    let mut value = ctx.value.clone();
    let sample = templates::sample_context();
    for key in ["invoice", "payment", "installments", "dispute", "call"] {
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
