//! Money in: a bank statement file matched to invoices and promises, so
//! the owner confirms payments instead of typing them.
//!
//! Three steps, each a command. [`open`] reads the file: CAMT.053/054 and
//! OFX are read at once; a CSV export goes through the column mapping of
//! the CSV import first ([`describe`], then [`from_table`]). [`review`]
//! proposes, for every line, a payment with its reason and confidence, a
//! reversal of a returned payment, or why it is left out; nothing is
//! written. [`confirm`] records what the owner confirmed, changed or
//! skipped, in one transaction, through the same code as the payment form,
//! so promises are kept, plans advance and This week moves on as if typed.

mod camt;
mod columns;
mod ofx;
mod xml;

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::bank::matching::{
    self, Confidence, ExpectedAmount, ExpectedCheck, Ledger, OpenItem, Payer, Proposal, Received,
};
use duly_core::bank::statement::{self, BankLine};
use duly_core::payment::{AllocationForm, PaymentForm, PaymentMethod, ReversalForm};
use duly_core::promise::{PromiseKind, PromiseStatus};
use duly_core::{standing, Currency, DomainError};
use duly_store::accounts::{self, Scope};
use duly_store::bank_lines::{self, ImportedLine, Outcome};
use duly_store::{customers, payer_names, payments as stored_payments, profile, Book, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::imports::{self, table, Mapping, Table, TableView};
use crate::payments;

/// The largest statement file accepted.
pub const MAX_BYTES: usize = table::MAX_BYTES;

/// What kind of file a statement came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Format {
    #[serde(rename = "CAMT")]
    Camt,
    #[serde(rename = "OFX")]
    Ofx,
    #[serde(rename = "CSV")]
    Csv,
}

/// A statement read from a file: its booked lines in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub name: String,
    pub format: Format,
    pub lines: Vec<BankLine>,
    /// Entries the bank has not booked yet (pending), left out.
    pub not_booked: usize,
}

/// A file, read.
#[derive(Debug, Clone)]
pub enum Opened {
    Statement(Statement),
    /// A CSV export: its columns are to be mapped first.
    Table(Table),
}

fn refuse(message: impl Into<String>) -> DomainError {
    DomainError::field("file", message)
}

/// Reads a statement file: CAMT (XML), OFX or QFX (SGML or XML), or CSV.
pub fn open(name: &str, bytes: &[u8]) -> std::result::Result<Opened, DomainError> {
    if bytes.len() > MAX_BYTES {
        return Err(refuse(
            "That file is larger than 10 MB; is it really a bank statement?",
        ));
    }
    let text = table::decode(bytes);
    let start = text.trim_start();
    let (format, (lines, not_booked)) = if ofx::is_ofx(start) {
        (Format::Ofx, (ofx::lines(start)?, 0))
    } else if start.starts_with('<') {
        (Format::Camt, camt::lines(&xml::parse(start)?)?)
    } else {
        return Ok(Opened::Table(table::read(bytes)?));
    };
    finish(name, format, lines, not_booked).map(Opened::Statement)
}

fn finish(
    name: &str,
    format: Format,
    lines: Vec<BankLine>,
    not_booked: usize,
) -> std::result::Result<Statement, DomainError> {
    if lines.is_empty() {
        return Err(refuse(if not_booked > 0 {
            "That statement has only entries the bank has not booked yet; import it once they are booked."
        } else {
            "That statement has no booked lines; nothing to import."
        }));
    }
    Ok(Statement {
        name: name.to_owned(),
        format,
        lines,
        not_booked,
    })
}

/// Suggests what each column of a bank's CSV export holds.
pub fn describe(name: &str, table: &Table) -> TableView {
    imports::view(None, columns::FIELDS, "booked_on", name, table)
}

/// The statement in a mapped CSV export.
pub fn from_table(
    book: &mut Book,
    name: &str,
    table: &Table,
    mapping: &Mapping,
) -> Result<Statement> {
    let currency = book.read(|tx| Ok(profile::get(tx)?.currency))?;
    let lines = columns::lines(table, mapping, currency)?;
    Ok(finish(name, Format::Csv, lines, 0)?)
}

/// An invoice's share of a proposed payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShareView {
    pub invoice_id: i64,
    pub number: String,
    /// Decimal string, as the payment form takes it.
    pub amount: String,
}

/// What Duly proposes for a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProposalView {
    Payment {
        customer_id: i64,
        company: String,
        shares: Vec<ShareView>,
        /// What would be left as the customer's credit.
        credit: String,
        method: PaymentMethod,
        reason: String,
        confidence: Confidence,
    },
    Reversal {
        payment_id: i64,
        customer_id: i64,
        company: String,
        /// When the payment to take back was received.
        received_on: NaiveDate,
        reason: String,
        confidence: Confidence,
    },
    LeftOut {
        reason: String,
        /// Money in: the owner may still choose who paid.
        assignable: bool,
    },
    /// Imported from an earlier file: when, and what became of it.
    Imported { on: NaiveDate, outcome: Outcome },
}

/// One line of the statement with its proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewLine {
    /// Its place in the statement, which a decision names.
    pub line: usize,
    pub source: String,
    pub booked_on: NaiveDate,
    /// Signed, canonical decimal string.
    pub amount: String,
    /// The line's currency as the bank wrote it (the book's when it says none).
    pub currency: String,
    pub credit: bool,
    pub counterparty: String,
    pub text: String,
    pub proposal: ProposalView,
}

/// The statement with what Duly proposes for every line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    pub name: String,
    pub format: Format,
    pub currency: &'static str,
    pub lines: Vec<ReviewLine>,
    pub payments: usize,
    pub reversals: usize,
    pub left_out: usize,
    pub imported_before: usize,
    /// Entries the bank has not booked yet, left out of the lines.
    pub not_booked: usize,
}

/// What matching reads, taken from the book as it stands on `today`.
struct Facts {
    currency: Currency,
    open: Vec<OpenItem>,
    payers: Vec<Payer>,
    checks: Vec<ExpectedCheck>,
    expected: Vec<ExpectedAmount>,
    received: Vec<Received>,
    companies: HashMap<i64, String>,
}

impl Facts {
    fn ledger(&self) -> Ledger<'_> {
        Ledger {
            currency: self.currency,
            open: &self.open,
            payers: &self.payers,
            checks: &self.checks,
            expected: &self.expected,
            received: &self.received,
        }
    }

    /// The number of an open invoice (every share is of one).
    fn number(&self, invoice_id: i64) -> String {
        self.open
            .iter()
            .find(|i| i.invoice_id == invoice_id)
            .map(|i| i.number.clone())
            .unwrap_or_default()
    }
}

fn ledger(tx: &Transaction, today: NaiveDate) -> duly_store::Result<Facts> {
    let currency = profile::get(tx)?.currency;
    let policies = crate::standing::policies(tx)?;
    let facts = accounts::facts(tx, currency, Scope::All)?;
    let companies: HashMap<i64, String> = customers::names(tx)?
        .into_iter()
        .map(|(id, company, _)| (id, company))
        .collect();
    let mut payers: Vec<Payer> = companies
        .iter()
        .map(|(&customer_id, name)| Payer {
            customer_id,
            name: name.clone(),
        })
        .collect();
    payers.extend(
        payer_names::all(tx)?
            .into_iter()
            .map(|(customer_id, name)| Payer { customer_id, name }),
    );
    let mut book = Facts {
        currency,
        open: Vec::new(),
        payers,
        checks: Vec::new(),
        expected: Vec::new(),
        received: Vec::new(),
        companies,
    };
    for account in &facts {
        let standing = standing::standing(account, &policies, today);
        for invoice in &standing.invoices {
            if let (Some(issued), true) = (
                invoice.issued_on,
                invoice.balance > rust_decimal::Decimal::ZERO,
            ) {
                book.open.push(OpenItem {
                    invoice_id: invoice.id,
                    customer_id: account.customer_id,
                    number: invoice.number.clone(),
                    issue_date: issued,
                    sequence: invoice.id,
                    owed: invoice.balance,
                });
            }
        }
        for promise in &account.promises {
            let Some(outcome) = standing.promise(promise.id) else {
                continue;
            };
            if outcome.status == PromiseStatus::Kept {
                continue;
            }
            let facts = &promise.facts;
            if facts.kind == PromiseKind::CheckInMail && !facts.check_number.trim().is_empty() {
                book.checks.push(ExpectedCheck {
                    customer_id: account.customer_id,
                    check_number: facts.check_number.clone(),
                    amount: facts.amount,
                });
            } else if outcome.status == PromiseStatus::Pending {
                book.expected.push(ExpectedAmount {
                    customer_id: account.customer_id,
                    amount: facts.amount - outcome.paid,
                    kind: matching::Expected::Promise,
                });
            }
        }
        for plan in &standing.plans {
            if let Some((_, amount)) = plan.next_installment {
                book.expected.push(ExpectedAmount {
                    customer_id: account.customer_id,
                    amount,
                    kind: matching::Expected::Installment,
                });
            }
        }
        book.received.extend(
            account
                .payments
                .iter()
                .filter(|p| p.reversed_on.is_none())
                .map(|p| Received {
                    payment_id: p.id,
                    customer_id: account.customer_id,
                    amount: p.amount,
                    received_on: p.received_on,
                    reference: p.reference.clone(),
                }),
        );
    }
    book.open.sort_by_key(|i| (i.issue_date, i.sequence));
    Ok(book)
}

/// Proposes what every line of the statement is; writes nothing.
pub fn review(book: &mut Book, statement: &Statement, today: NaiveDate) -> Result<Review> {
    Ok(book.read(|tx| {
        let facts = ledger(tx, today)?;
        let prints = statement::fingerprints(&statement.lines);
        let earlier = bank_lines::earlier(tx, &prints)?;
        let fresh: Vec<BankLine> = statement
            .lines
            .iter()
            .zip(&prints)
            .filter(|(_, p)| !earlier.contains_key(*p))
            .map(|(l, _)| l.clone())
            .collect();
        let mut proposals = matching::propose(&fresh, facts.ledger()).into_iter();
        let mut fresh_lines = fresh.iter();
        let company = |id: i64| facts.companies.get(&id).cloned().unwrap_or_default();
        let money = |d| facts.currency.format(d);
        let mut lines = Vec::with_capacity(statement.lines.len());
        for (i, (line, print)) in statement.lines.iter().zip(&prints).enumerate() {
            let proposal = match earlier.get(print) {
                Some(before) => ProposalView::Imported {
                    on: before.imported_at.date(),
                    outcome: before.outcome,
                },
                None => {
                    let (Some(proposal), Some(matched)) = (proposals.next(), fresh_lines.next())
                    else {
                        continue;
                    };
                    match proposal {
                        Proposal::Payment(p) => ProposalView::Payment {
                            customer_id: p.customer_id,
                            company: company(p.customer_id),
                            shares: p
                                .shares
                                .iter()
                                .map(|s| ShareView {
                                    invoice_id: s.invoice_id,
                                    number: facts.number(s.invoice_id),
                                    amount: s.amount.to_string(),
                                })
                                .collect(),
                            credit: money(p.credit),
                            method: p.method,
                            reason: p.reason.explain(matched),
                            confidence: p.confidence,
                        },
                        Proposal::Reversal {
                            payment_id,
                            customer_id,
                            received_on,
                            reason,
                            confidence,
                        } => ProposalView::Reversal {
                            payment_id,
                            customer_id,
                            company: company(customer_id),
                            received_on,
                            reason,
                            confidence,
                        },
                        Proposal::LeftOut(why) => ProposalView::LeftOut {
                            reason: why.explain(),
                            assignable: line.is_credit()
                                && !matches!(why, matching::LeftOut::Currency(_)),
                        },
                    }
                }
            };
            lines.push(ReviewLine {
                line: i,
                source: line.source.clone(),
                booked_on: line.booked_on,
                amount: money(line.amount),
                currency: if line.currency.trim().is_empty() {
                    facts.currency.code().to_owned()
                } else {
                    line.currency.trim().to_ascii_uppercase()
                },
                credit: line.is_credit(),
                counterparty: line.counterparty.clone(),
                text: line.text.clone(),
                proposal,
            });
        }
        let count = |f: fn(&ProposalView) -> bool| lines.iter().filter(|l| f(&l.proposal)).count();
        Ok(Review {
            name: statement.name.clone(),
            format: statement.format,
            currency: facts.currency.code(),
            payments: count(|p| matches!(p, ProposalView::Payment { .. })),
            reversals: count(|p| matches!(p, ProposalView::Reversal { .. })),
            left_out: count(|p| matches!(p, ProposalView::LeftOut { .. })),
            imported_before: count(|p| matches!(p, ProposalView::Imported { .. })),
            not_booked: statement.not_booked,
            lines,
        })
    })?)
}

/// What the owner decided for one line.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Decision {
    /// Record it as this customer's payment; `allocations` as proposed or
    /// chosen, empty for oldest first.
    Pay {
        line: usize,
        customer_id: i64,
        #[serde(default)]
        allocations: Vec<AllocationForm>,
    },
    /// Take back this payment: the bank returned it.
    Reverse { line: usize, payment_id: i64 },
    /// Not a customer's payment; remembered, so it is not offered again.
    Skip { line: usize },
}

impl Decision {
    /// The statement line it is for.
    pub fn line(&self) -> usize {
        match self {
            Decision::Pay { line, .. }
            | Decision::Reverse { line, .. }
            | Decision::Skip { line } => *line,
        }
    }
}

/// What confirming did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Receipt {
    pub currency: &'static str,
    pub paid: usize,
    /// The total of the payments recorded.
    pub total: String,
    pub reversed: usize,
    pub skipped: usize,
}

/// Records every decision, or nothing: one transaction, each payment and
/// reversal by the same rules as the forms, each line remembered.
pub fn confirm(
    book: &mut Book,
    statement: &Statement,
    decisions: &[Decision],
    now: NaiveDateTime,
) -> Result<Receipt> {
    let prints = statement::fingerprints(&statement.lines);
    Ok(book.write(|tx| {
        let currency = profile::get(tx)?.currency;
        let mut receipt = Receipt {
            currency: currency.code(),
            paid: 0,
            total: String::new(),
            reversed: 0,
            skipped: 0,
        };
        // Refused before anything is tried: a line imported in the meantime
        // (the same file confirmed twice, another window) says so plainly.
        let decided: Vec<String> = decisions
            .iter()
            .filter_map(|d| prints.get(d.line()).cloned())
            .collect();
        let before = bank_lines::earlier(tx, &decided)?;
        let again = decisions.iter().find_map(|d| {
            let i = d.line();
            prints
                .get(i)
                .filter(|p| before.contains_key(*p))
                .and(statement.lines.get(i))
        });
        if let Some(line) = again {
            return Err(DomainError::NotAllowed(format!(
                "The statement line of {} for {} was imported before; nothing was imported.",
                line.booked_on.format("%Y-%m-%d"),
                line.counterparty
            ))
            .into());
        }
        let mut total = rust_decimal::Decimal::ZERO;
        for decision in decisions {
            let index = decision.line();
            let (Some(line), Some(print)) = (statement.lines.get(index), prints.get(index)) else {
                return Err(DomainError::NotAllowed(
                    "That statement line is not in the file; open the statement again.".into(),
                )
                .into());
            };
            let amount_minor = currency.to_minor(line.amount.abs()).ok_or_else(|| {
                DomainError::NotAllowed(format!(
                    "The amount on {} has more decimals than {} has.",
                    line.source,
                    currency.code()
                ))
            })?;
            let (outcome, payment_id) = match decision {
                Decision::Pay {
                    customer_id,
                    allocations,
                    ..
                } => {
                    if !line.is_credit() {
                        return Err(DomainError::NotAllowed(format!(
                            "The line on {} is money going out; it cannot be a payment.",
                            line.source
                        ))
                        .into());
                    }
                    let form = PaymentForm {
                        customer_id: Some(*customer_id),
                        received_on: line.booked_on.format("%Y-%m-%d").to_string(),
                        amount: line.amount.to_string(),
                        method: line.method(),
                        reference: line.payment_reference(),
                        memo: if line.counterparty.trim().is_empty() {
                            format!("Bank statement {}", statement.name)
                        } else {
                            format!(
                                "Bank statement {}: paid by {}",
                                statement.name,
                                line.counterparty.trim()
                            )
                        },
                        allocations: allocations.clone(),
                    };
                    let paid = payments::record_in(tx, &form, now)?;
                    remember_payer(tx, *customer_id, &line.counterparty)?;
                    receipt.paid += 1;
                    total += line.amount;
                    (Outcome::Paid, paid.payment_id)
                }
                Decision::Reverse { payment_id, .. } => {
                    let payment = stored_payments::get(tx, *payment_id)?;
                    if line.is_credit() || payment.amount_minor != amount_minor {
                        return Err(DomainError::NotAllowed(format!(
                            "The line on {} does not take back that payment: the amounts differ.",
                            line.source
                        ))
                        .into());
                    }
                    let why = match line.returned.trim() {
                        "" | "reversal" => "Returned by the bank".to_owned(),
                        code => format!("Returned by the bank ({code})"),
                    };
                    let form = ReversalForm {
                        reversed_on: line.booked_on.format("%Y-%m-%d").to_string(),
                        reason: why,
                    };
                    payments::reverse_in(tx, *payment_id, &form, now)?;
                    receipt.reversed += 1;
                    (Outcome::Reversed, Some(*payment_id))
                }
                Decision::Skip { .. } => {
                    receipt.skipped += 1;
                    (Outcome::Skipped, None)
                }
            };
            bank_lines::insert(
                tx,
                &ImportedLine {
                    fingerprint: print,
                    booked_on: line.booked_on,
                    amount_minor: if line.is_credit() {
                        amount_minor
                    } else {
                        -amount_minor
                    },
                    counterparty: &line.counterparty,
                    text: &line.text,
                    outcome,
                    payment_id,
                    file_name: &statement.name,
                },
                now,
            )?;
        }
        receipt.total = currency.format(total);
        Ok(receipt)
    })?)
}

/// Remembers the bank's spelling of a payer's name for the customer the
/// owner confirmed, unless it already reads as their company name.
fn remember_payer(
    tx: &Transaction,
    customer_id: i64,
    counterparty: &str,
) -> duly_store::Result<()> {
    let key = matching::name_key(counterparty);
    if key.is_empty() {
        return Ok(());
    }
    let company = customers::get(tx, customer_id)?.details.company;
    if matching::name_key(&company) == key {
        return Ok(());
    }
    payer_names::remember(tx, &key, customer_id, counterparty.trim())
}
