//! Message templates: one per ladder step, plus the invoice email, call recap,
//! thank-you, plan confirmation and the dispute letters. Defaults ship with
//! Duly (in `templates/`, written in the voice of a considerate owner); the
//! owner may edit any of them, and the edited version is kept in the book.
//!
//! Rendering uses minijinja with strict undefined variables, so a typo in a
//! template is reported instead of silently printing nothing.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::country::DateStyle;
use duly_core::ladder::LadderStep;
use duly_core::DomainError;
use duly_store::{templates as stored, Book, Transaction};
use minijinja::{Environment, UndefinedBehavior};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    FriendlyReminder,
    PersonalNote,
    ExtendCircle,
    FormalReminder,
    Options,
    LastResort,
    InvoiceEmail,
    CallRecap,
    ThankYou,
    PlanConfirmation,
    DisputeAck,
    DisputeResolution,
    DisputeApology,
    StatementEmail,
}

impl TemplateKind {
    pub const ALL: [TemplateKind; 14] = [
        TemplateKind::FriendlyReminder,
        TemplateKind::PersonalNote,
        TemplateKind::ExtendCircle,
        TemplateKind::FormalReminder,
        TemplateKind::Options,
        TemplateKind::LastResort,
        TemplateKind::InvoiceEmail,
        TemplateKind::CallRecap,
        TemplateKind::ThankYou,
        TemplateKind::PlanConfirmation,
        TemplateKind::DisputeAck,
        TemplateKind::DisputeResolution,
        TemplateKind::DisputeApology,
        TemplateKind::StatementEmail,
    ];

    pub fn for_step(step: LadderStep) -> TemplateKind {
        TemplateKind::ALL[step as usize]
    }

    /// The ladder step this template is for, if any.
    pub fn step(self) -> Option<LadderStep> {
        LadderStep::ALL.get(self as usize).copied()
    }

    pub fn as_str(self) -> &'static str {
        match self.step() {
            Some(step) => step.as_str(),
            None => match self {
                TemplateKind::InvoiceEmail => "invoice_email",
                TemplateKind::CallRecap => "call_recap",
                TemplateKind::ThankYou => "thank_you",
                TemplateKind::PlanConfirmation => "plan_confirmation",
                TemplateKind::DisputeAck => "dispute_ack",
                TemplateKind::DisputeResolution => "dispute_resolution",
                TemplateKind::StatementEmail => "statement_email",
                _ => "dispute_apology",
            },
        }
    }

    pub fn title(self) -> &'static str {
        match self.step() {
            Some(step) => step.title(),
            None => match self {
                TemplateKind::InvoiceEmail => "New invoice email",
                TemplateKind::CallRecap => "Call recap",
                TemplateKind::ThankYou => "Thank you for your payment",
                TemplateKind::PlanConfirmation => "Payment plan confirmation",
                TemplateKind::DisputeAck => "Dispute acknowledgement",
                TemplateKind::DisputeResolution => "Dispute resolution",
                TemplateKind::StatementEmail => "Statement of account email",
                _ => "Dispute resolution (our error, with apology)",
            },
        }
    }

    fn default_source(self) -> &'static str {
        match self {
            TemplateKind::FriendlyReminder => include_str!("../templates/friendly_reminder.txt"),
            TemplateKind::PersonalNote => include_str!("../templates/personal_note.txt"),
            TemplateKind::ExtendCircle => include_str!("../templates/extend_circle.txt"),
            TemplateKind::FormalReminder => include_str!("../templates/formal_reminder.txt"),
            TemplateKind::Options => include_str!("../templates/options.txt"),
            TemplateKind::LastResort => include_str!("../templates/last_resort.txt"),
            TemplateKind::InvoiceEmail => include_str!("../templates/invoice_email.txt"),
            TemplateKind::CallRecap => include_str!("../templates/call_recap.txt"),
            TemplateKind::ThankYou => include_str!("../templates/thank_you.txt"),
            TemplateKind::PlanConfirmation => include_str!("../templates/plan_confirmation.txt"),
            TemplateKind::DisputeAck => include_str!("../templates/dispute_ack.txt"),
            TemplateKind::DisputeResolution => include_str!("../templates/dispute_resolution.txt"),
            TemplateKind::DisputeApology => include_str!("../templates/dispute_apology.txt"),
            TemplateKind::StatementEmail => include_str!("../templates/statement_email.txt"),
        }
    }

    /// The shipped default: the file's first line is `Subject: …`.
    pub fn default_template(self) -> Template {
        let source = self.default_source();
        let (first, rest) = source.split_once('\n').unwrap_or((source, ""));
        Template {
            subject: first.trim_start_matches("Subject:").trim().to_owned(),
            body: rest.trim_start_matches('\n').trim_end().to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Template {
    pub subject: String,
    pub body: String,
}

/// The template in force: the owner's edit, or the default.
pub fn effective(tx: &Transaction, kind: TemplateKind) -> duly_store::Result<Template> {
    Ok(match stored::get(tx, kind.as_str())? {
        Some((subject, body)) => Template { subject, body },
        None => kind.default_template(),
    })
}

/// Renders subject and body against `context`. Errors name the part and
/// what is wrong ("Body: unknown variable customer.compny").
pub fn render(
    template: &Template,
    context: &serde_json::Value,
) -> std::result::Result<Template, DomainError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_keep_trailing_newline(false);
    let one = |field: &str, label: &str, source: &str| {
        env.render_str(source, context).map_err(|e| {
            DomainError::field(
                field,
                format!("{label}: {}", e.detail().unwrap_or(&e.to_string())),
            )
        })
    };
    Ok(Template {
        subject: one("subject", "Subject", &template.subject)?
            .trim()
            .to_owned(),
        body: one("body", "Body", &template.body)?.trim().to_owned(),
    })
}

/// The variables templates can use, for the editor's list.
pub const VARIABLES: &[(&str, &str)] = &[
    (
        "business.name / owner_name / owner_title / email / phone",
        "Your business and its owner",
    ),
    (
        "why_on_time",
        "Why on-time payment matters to you, in your words",
    ),
    (
        "customer.company / stop",
        "The customer, and a period to end a sentence after the name (none if it ends in one)",
    ),
    ("billing.name / first_name / email", "The billing contact"),
    (
        "escalation.name / first_name / title / email",
        "The escalation contact",
    ),
    (
        "invoices",
        "Overdue invoices (past due, nothing pausing them): each with number, issue_date, due_date, total, balance, days_past_due",
    ),
    (
        "numbers / total_owed",
        "The overdue invoice numbers, as words (\"INV-0003 and INV-0007\"), and what they owe",
    ),
    (
        "oldest_days_past_due",
        "Days past due of the oldest overdue invoice",
    ),
    (
        "not_yet_due / not_yet_due_numbers / not_yet_due_total",
        "Invoices open but not yet due: never call them late",
    ),
    (
        "paused / paused_numbers",
        "Past-due invoices paused by a dispute, a plan or a pending promise, and their numbers as words",
    ),
    (
        "on_the_way / in_question / in_plan",
        "Of those, the numbers paused by a pending promise, an open dispute, or a plan in good standing",
    ),
    (
        "open_numbers / balance_total",
        "Every open invoice, and the whole balance owed",
    ),
    (
        "how_to_pay",
        "Your payment instructions: bank details and where to mail checks",
    ),
    (
        "promises",
        "Past promises: each with made_on, said (what they told you), outcome",
    ),
    ("last_promise", "The latest promise (made_on, said, since)"),
    ("reminders", "Reminders already sent, with dates"),
    (
        "call",
        "The call being recapped: date, promise (the promise made on it), agreed (what you wrote under \"What we agreed\"), next_step, follow_up_on, person_first_name; your private notes are never here",
    ),
    (
        "invoice",
        "The invoice being sent: number, total, balance, due_date, paid_so_far, overdue, settled, first_send",
    ),
    (
        "dispute / plan",
        "The dispute (about, invoice, amount, rest, resolve_by, resolution) or plan (numbers, total) a letter is about",
    ),
    (
        "payment",
        "The payment being thanked for: amount, received_on, applied",
    ),
    ("signature", "Your name and title (or the business name)"),
    ("today", "Today's date"),
];

#[derive(Debug, Clone, Serialize)]
pub struct TemplateView {
    pub kind: TemplateKind,
    pub title: &'static str,
    pub subject: String,
    pub body: String,
    pub edited: bool,
}

pub fn list(book: &mut Book) -> Result<Vec<TemplateView>> {
    Ok(book.read(|tx| {
        TemplateKind::ALL
            .iter()
            .map(|&kind| {
                let edited = stored::get(tx, kind.as_str())?;
                let t = effective(tx, kind)?;
                Ok(TemplateView {
                    kind,
                    title: kind.title(),
                    subject: t.subject,
                    body: t.body,
                    edited: edited.is_some(),
                })
            })
            .collect::<duly_store::Result<Vec<_>>>()
    })?)
}

/// Saves an edited template once it renders against a sample context, so a
/// broken template never reaches a customer.
pub fn save(
    book: &mut Book,
    kind: TemplateKind,
    form: &Template,
    now: NaiveDateTime,
) -> Result<Vec<TemplateView>> {
    let subject = duly_core::text::line("subject", "Subject", &form.subject, true)
        .map_err(|e| DomainError::Invalid(vec![e]))?;
    let body = duly_core::text::paragraph("body", "Body", &form.body, true)
        .map_err(|e| DomainError::Invalid(vec![e]))?;
    let candidate = Template { subject, body };
    render(&candidate, &sample_context(DateStyle::default()))?;
    book.write(|tx| stored::save(tx, kind.as_str(), &candidate.subject, &candidate.body, now))?;
    list(book)
}

pub fn reset(book: &mut Book, kind: TemplateKind) -> Result<Vec<TemplateView>> {
    book.write(|tx| stored::reset(tx, kind.as_str()))?;
    list(book)
}

/// The Templates screen: every template and the variables they may use.
#[derive(Debug, Clone, Serialize)]
pub struct TemplatesView {
    pub templates: Vec<TemplateView>,
    pub variables: &'static [(&'static str, &'static str)],
}

/// Every template with the variables the editor offers.
pub fn screen(book: &mut Book) -> Result<TemplatesView> {
    Ok(TemplatesView {
        templates: list(book)?,
        variables: VARIABLES,
    })
}

/// A context with every variable filled, for checking a template before it
/// is saved, its dates in the book's style.
pub fn sample_context(dates: DateStyle) -> Value {
    let d = |month: u32, day: u32| {
        NaiveDate::from_ymd_opt(2026, month, day).map_or_else(String::new, |on| dates.day(on))
    };
    json!({
        "business": { "name": "Harbor & Pine", "owner_name": "Maya Lindqvist", "owner_title": "Owner", "email": "maya@example.com", "phone": "555-0142" },
        "why_on_time": "We are a small team.",
        "customer": { "company": "Blue Heron Dental", "stop": "." },
        "billing": { "name": "Ana Chen", "first_name": "Ana", "email": "ana@example.com" },
        "escalation": { "name": "Dr. Ito", "first_name": "Dr.", "title": "Owner", "email": "ito@example.com" },
        "invoices": [{ "number": "INV-0042", "issue_date": d(3, 1), "due_date": d(3, 31), "total": "$1,250.00", "balance": "$1,250.00", "days_past_due": 12 }],
        "numbers": "INV-0042", "total_owed": "$1,250.00", "oldest_days_past_due": 12,
        "not_yet_due": [{ "number": "INV-0051", "issue_date": d(3, 10), "due_date": d(4, 9), "total": "$400.00", "balance": "$400.00", "days_past_due": 0 }],
        "not_yet_due_numbers": "INV-0051", "not_yet_due_total": "$400.00",
        "paused": [], "paused_numbers": "", "on_the_way": "", "in_question": "", "in_plan": "",
        "open_numbers": "INV-0042 and INV-0051", "balance_total": "$1,650.00", "balance_raw": 165000,
        "how_to_pay": "Bank transfer to account 0042", "promises": [{ "made_on": d(3, 3), "said": "check 1042 for $1,250.00 was on its way", "outcome": "we are looking out for it", "since": "We are looking out for it." }],
        "last_promise": { "made_on": d(3, 3), "said": "check 1042 for $1,250.00 was on its way", "outcome": "we are looking out for it", "since": "We are looking out for it." },
        "reminders": [format!("friendly reminder ({})", d(3, 1))],
        "call": { "date": d(3, 10), "next_step": "Call again", "follow_up_on": d(3, 17), "person_first_name": "Ana", "promise": format!("Check 1042 for $1,250.00 toward INV-0042, mailed on {} (sent to: 12 Wharf St), which we expect by {}", d(3, 9), d(3, 14)), "agreed": "You will send the remittance advice with the check." },
        "invoice": { "number": "INV-0042", "total": "$1,250.00", "due_date": d(3, 31), "balance": "$1,250.00", "paid_so_far": null, "overdue": true, "settled": false, "first_send": false },
        "payment": { "amount": "$500.00", "received_on": d(3, 12), "applied": "INV-0042" },
        "installments": [{ "due_on": d(4, 1), "amount": "$625.00" }],
        "dispute": { "about": "the hours billed", "invoice": "INV-0042", "amount": "$250.00", "rest": "$1,400.00", "has_rest": true, "resolve_by": d(3, 20), "resolution": "We have issued a credit note." },
        "plan": { "numbers": "INV-0042", "total": "$1,250.00" },
        "signature": "Maya Lindqvist\nOwner, Harbor & Pine",
        "today": d(3, 12),
    })
}
