//! The customer-facing PDFs: an invoice, a statement of account, a letter.
//!
//! Each command reads what it needs from the book in one read transaction,
//! maps it to `duly_documents`' presentation model (every value formatted
//! here, in [`format`], so the renderer never sees a number) and renders it
//! outside the transaction, so a slow render never holds the book.
//! The result carries a file name that is safe on every OS, ready for a save
//! dialog or an email attachment.

pub(crate) mod format;
mod invoice;
mod statement;

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::profile::BusinessProfile;
use duly_core::DomainError;
use duly_documents::{DocumentError, Labels, LetterDocument, Letterhead};
use duly_store::customers::{self, Customer};
use duly_store::policies::{self, PageSize};
use duly_store::{profile, Book, Transaction};

use crate::error::{AppError, Result};
use crate::pay_details::{Due, PayTo};

pub use duly_documents::InvoiceDocument;

/// A rendered PDF and the name to save or attach it under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// E.g. "INV-0001 Blue Heron Dental.pdf": no characters any OS refuses.
    pub file_name: String,
}

/// Any document the owner can open, save or print, named as the window
/// names it, so one command each (and one Print… dialog) serves every screen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Printable {
    Invoice {
        id: i64,
    },
    /// `since_date` as the statement dialog has it (empty: the default period).
    Statement {
        customer_id: i64,
        since_date: String,
    },
    CreditNote {
        number: String,
    },
    /// A drafted follow-up on the letterhead, as [`draft_letter_pdf`].
    Letter {
        customer_id: i64,
        subject: String,
        body: String,
        cc: Vec<String>,
        /// The invoices the drafted reminder asks to be paid (its attached
        /// invoices): the letter's payment panel and QR code ask for their
        /// balances.
        #[serde(default)]
        invoice_ids: Vec<i64>,
    },
    /// `as_of` as the summary screen has it (`YYYY-MM-DD`).
    WeeklySummary {
        as_of: String,
    },
}

impl Printable {
    /// Renders the document exactly as Open PDF and Save PDF… would.
    pub fn render(&self, book: &mut Book, now: NaiveDateTime) -> Result<Rendered> {
        match self {
            Printable::Invoice { id } => invoice_pdf(book, *id, now),
            Printable::Statement {
                customer_id,
                since_date,
            } => statement_pdf(
                book,
                *customer_id,
                statement_since(since_date, now.date())?,
                now,
            ),
            Printable::CreditNote { number } => crate::disputes::credit_note_pdf(book, number),
            Printable::Letter {
                customer_id,
                subject,
                body,
                cc,
                invoice_ids,
            } => draft_letter_pdf(book, *customer_id, subject, body, cc, invoice_ids, now),
            Printable::WeeklySummary { as_of } => {
                crate::summary::summary_pdf(book, crate::summary::as_of_date(as_of)?)
            }
        }
    }
}

/// The paper every document of this book is laid out on (Settings).
pub fn paper(book: &mut Book) -> Result<PageSize> {
    Ok(book.read(|tx| policies::page_size(tx))?)
}

/// The invoice as the customer receives it: letterhead, bill-to, lines,
/// totals (with what has been paid and what is still due, for an issued
/// invoice) and the payment, terms, late-fee and dispute texts frozen when it
/// was issued. A draft prints "DRAFT" instead of a number; a void invoice is
/// stamped VOID on every page and says why.
pub fn invoice_pdf(book: &mut Book, invoice_id: i64, now: NaiveDateTime) -> Result<Rendered> {
    let source = book.read(|tx| invoice::Source::read(tx, invoice_id))?;
    let document = source.document(now.date());
    Ok(Rendered {
        bytes: duly_documents::render_invoice(&document)?,
        file_name: source.file_name(),
    })
}

/// The presentation model behind [`invoice_pdf`], for callers that lay the
/// same invoice out another way (the HTML peer in the PDF benchmark).
pub fn invoice_document(
    book: &mut Book,
    invoice_id: i64,
    now: NaiveDateTime,
) -> Result<InvoiceDocument> {
    let source = book.read(|tx| invoice::Source::read(tx, invoice_id))?;
    Ok(source.document(now.date()))
}

/// A statement covers this many days unless the owner picks its start.
pub const STATEMENT_DAYS: u64 = 90;

/// The statement's first day from what the window sent: empty means the
/// default period (the last [`STATEMENT_DAYS`] days); anything else must be
/// a date, or the owner is told so (never silently replaced).
pub fn statement_since(text: &str, today: NaiveDate) -> Result<NaiveDate> {
    if text.trim().is_empty() {
        return Ok(today
            .checked_sub_days(chrono::Days::new(STATEMENT_DAYS))
            .unwrap_or(today));
    }
    duly_core::text::date("since", "Statement from", text)
        .map_err(|e| DomainError::Invalid(vec![e]).into())
}

/// A statement of account as of today: every open invoice with how late it
/// is, the payments, reversals and credits since `since`, a running balance,
/// the aging of what is owed and how to pay. See [`statement`] for how the
/// rows add up to the balance due.
pub fn statement_pdf(
    book: &mut Book,
    customer_id: i64,
    since: NaiveDate,
    now: NaiveDateTime,
) -> Result<Rendered> {
    let (source, document) = statement(book, customer_id, since, now)?;
    Ok(Rendered {
        bytes: duly_documents::render_statement(&document)?,
        file_name: format::file_name(&[
            "Statement",
            &source.customer.details.company,
            &now.date().format("%Y-%m-%d").to_string(),
        ]),
    })
}

/// The statement's content, before it is drawn: its rows, aging and totals
/// (the PDF prints exactly these).
pub fn statement_document(
    book: &mut Book,
    customer_id: i64,
    since: NaiveDate,
    now: NaiveDateTime,
) -> Result<duly_documents::StatementDocument> {
    Ok(statement(book, customer_id, since, now)?.1)
}

fn statement(
    book: &mut Book,
    customer_id: i64,
    since: NaiveDate,
    now: NaiveDateTime,
) -> Result<(statement::Source, duly_documents::StatementDocument)> {
    let today = now.date();
    if since > today {
        return Err(DomainError::field("since", "The statement cannot start after today.").into());
    }
    let source = book.read(|tx| statement::Source::read(tx, customer_id, today))?;
    let document = source.document(since, today)?;
    Ok((source, document))
}

/// A letter to the customer's billing contact on the letterhead, signed by
/// the owner with the name and title from the business profile: a personal
/// letter, not one from "Accounts" (the formal reminder of the follow-up
/// ladder is one).
pub fn letter_pdf(
    book: &mut Book,
    customer_id: i64,
    subject: &str,
    body: &str,
    now: NaiveDateTime,
) -> Result<Rendered> {
    letter(book, customer_id, subject, body, true, &[], now)
}

/// A drafted follow-up as a letter: the draft signs itself (its closing and
/// the owner's signature are in the body), and whoever the email would copy
/// is named in a "cc:" line, so a letter that says "I am copying Liam" shows
/// it on paper too. Under it, how to pay what it asks for: `invoice_ids`,
/// at their balances today (with the RF reference and the EPC QR code for
/// one euro invoice).
pub fn draft_letter_pdf(
    book: &mut Book,
    customer_id: i64,
    subject: &str,
    body: &str,
    cc: &[String],
    invoice_ids: &[i64],
    now: NaiveDateTime,
) -> Result<Rendered> {
    let escalation = book
        .read(|tx| customers::get(tx, customer_id))?
        .details
        .escalation;
    let copied: Vec<String> = cc
        .iter()
        .map(|email| email.trim())
        .filter(|email| !email.is_empty())
        .map(|email| {
            if email.eq_ignore_ascii_case(escalation.email.trim()) && !escalation.name.is_empty() {
                if escalation.title.is_empty() {
                    escalation.name.clone()
                } else {
                    format!("{}, {}", escalation.name, escalation.title)
                }
            } else {
                email.to_owned()
            }
        })
        .collect();
    let body = if copied.is_empty() {
        body.to_owned()
    } else {
        format!("{}\n\ncc: {}", body.trim_end(), copied.join("; "))
    };
    letter(book, customer_id, subject, &body, false, invoice_ids, now)
}

fn letter(
    book: &mut Book,
    customer_id: i64,
    subject: &str,
    body: &str,
    sign: bool,
    asks: &[i64],
    now: NaiveDateTime,
) -> Result<Rendered> {
    let subject = duly_core::text::line("subject", "Subject", subject, true)
        .map_err(|e| DomainError::Invalid(vec![e]))?;
    let body = duly_core::text::paragraph("body", "Letter", body, true)
        .map_err(|e| DomainError::Invalid(vec![e]))?;
    let today = now.date();
    let (sender, customer, due) = book.read(|tx| {
        let customer = customers::get(tx, customer_id)?;
        let due = if asks.is_empty() {
            None
        } else {
            asked(tx, customer_id, asks, today)?
        };
        Ok((Sender::read(tx)?, customer, due))
    })?;
    let details = &customer.details;
    let recipient = [details.billing.name.trim(), details.company.trim()]
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .chain(format::lines(&details.address))
        .collect();
    let business = &sender.business;
    let document = LetterDocument {
        page_size: sender.page_size(),
        letterhead: sender.letterhead(),
        labels: Labels::default(),
        date: sender.dates().day(today),
        recipient,
        subject,
        body,
        closing: if sign {
            "Kind regards,".into()
        } else {
            String::new()
        },
        signature_name: match (sign, business.owner_name.is_empty()) {
            (false, _) => String::new(),
            (true, true) => business.name.clone(),
            (true, false) => business.owner_name.clone(),
        },
        signature_title: if sign {
            business.owner_title.clone()
        } else {
            String::new()
        },
        pay: due.and_then(|due| PayTo::of(business).panel(Some(&due))),
    };
    Ok(Rendered {
        bytes: duly_documents::render_letter(&document)?,
        file_name: format::file_name(&[
            "Letter",
            &details.company,
            &today.format("%Y-%m-%d").to_string(),
        ]),
    })
}

/// What a letter asks to be paid: the customer's invoices among `ids` that
/// still owe on `today`, at their balances in the account standing.
fn asked(
    tx: &Transaction,
    customer_id: i64,
    ids: &[i64],
    today: NaiveDate,
) -> duly_store::Result<Option<Due>> {
    let standing = crate::standing::of(tx, customer_id, today)?;
    let owing: Vec<_> = ids
        .iter()
        .filter_map(|id| standing.invoice(*id))
        .filter(|i| i.balance > rust_decimal::Decimal::ZERO)
        .collect();
    if owing.is_empty() {
        return Ok(None);
    }
    Ok(Some(Due {
        amount: owing.iter().map(|i| i.balance).sum(),
        currency: profile::get(tx)?.currency,
        numbers: owing.iter().map(|i| i.number.clone()).collect(),
    }))
}

/// What every document takes from the book's settings: who it is from, the
/// logo and the paper.
pub(crate) struct Sender {
    business: BusinessProfile,
    logo: Option<Vec<u8>>,
    page_size: PageSize,
    /// The late-fee policy in force: the terms a draft invoice would print.
    late_fees: duly_core::late_fee::LateFeePolicy,
}

impl Sender {
    pub(crate) fn read(tx: &Transaction) -> duly_store::Result<Sender> {
        let business = profile::get(tx)?;
        Ok(Sender {
            late_fees: duly_store::late_fees::policy(tx, business.currency)?,
            business,
            logo: profile::logo(tx)?.map(|l| l.bytes),
            page_size: policies::page_size(tx)?,
        })
    }

    /// The footer an invoice issued now would print.
    pub(crate) fn footer(&self) -> duly_store::invoices::Footer {
        duly_store::invoices::Footer::from_profile(&self.business, &self.late_fees)
    }

    pub(crate) fn currency(&self) -> duly_core::Currency {
        self.business.currency
    }

    /// How this book writes dates, on every document as in the window.
    pub(crate) fn dates(&self) -> duly_core::country::DateStyle {
        self.business.date_style()
    }

    pub(crate) fn page_size(&self) -> duly_documents::PageSize {
        match self.page_size {
            PageSize::A4 => duly_documents::PageSize::A4,
            PageSize::UsLetter => duly_documents::PageSize::UsLetter,
        }
    }

    /// Name in bold; then the address, "email · phone" and the tax id, one line each.
    pub(crate) fn letterhead(&self) -> Letterhead {
        let b = &self.business;
        let contact = [b.email.trim(), b.phone.trim()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        Letterhead {
            name: b.name.clone(),
            lines: format::lines(&b.address)
                .chain([contact, b.tax_id.trim().to_owned()])
                .filter(|l| !l.is_empty())
                .collect(),
            logo: self.logo.clone(),
        }
    }
}

/// The customer block: company (printed bold), billing contact, address.
fn customer_block(customer: &Customer) -> Vec<String> {
    let d = &customer.details;
    [d.company.trim(), d.billing.name.trim()]
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .chain(format::lines(&d.address))
        .collect()
}

/// A document that cannot be rendered is reported, with what to do about it;
/// nothing is written.
impl From<DocumentError> for AppError {
    fn from(e: DocumentError) -> Self {
        let advice = match e {
            DocumentError::LogoFormat | DocumentError::LogoDecode(_) => {
                "Choose another logo in Settings, or remove it."
            }
            DocumentError::Font { .. } | DocumentError::QrCode(_) => {
                "Reinstalling Duly should fix this."
            }
        };
        AppError::storage(format!("The PDF could not be made: {e}. {advice}"))
    }
}
