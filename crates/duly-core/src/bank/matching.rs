//! Which customer and invoices a bank statement line pays, and why.
//!
//! Each credit is tried in the order of how sure the evidence is: a
//! structured RF reference or an invoice number in the remittance (the
//! payer named the invoice), a check number a "check in the mail" promise
//! expects, then the payer's name with the exact amount of something open
//! (an invoice, the whole balance, a promise, a plan's installment). Every
//! proposal carries its [`Reason`] and a [`Confidence`]; nothing here is
//! written: the owner confirms, changes or skips each one.
//!
//! Lines are matched in file order against what is still owed after the
//! lines before them, so two transfers never pay the same invoice twice.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::reference::CreditorReference;
use super::statement::BankLine;
use crate::payment::{Allocation, PaymentMethod};
use crate::text::fold;
use crate::Currency;

/// An invoice that still owes something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenItem {
    pub invoice_id: i64,
    pub customer_id: i64,
    pub number: String,
    pub issue_date: NaiveDate,
    /// Orders invoices issued the same day.
    pub sequence: i64,
    pub owed: Decimal,
}

/// A name a customer pays under: its company name, or a payer name the
/// owner confirmed for it on an earlier import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payer {
    pub customer_id: i64,
    pub name: String,
}

/// A check a pending "check in the mail" promise is waiting for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedCheck {
    pub customer_id: i64,
    pub check_number: String,
    pub amount: Decimal,
}

/// An amount a customer said they would pay, or a plan's next installment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedAmount {
    pub customer_id: i64,
    pub amount: Decimal,
    pub kind: Expected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Promise,
    Installment,
}

/// A payment already in the book that still counts: what a returned
/// transfer or bounced check takes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub payment_id: i64,
    pub customer_id: i64,
    pub amount: Decimal,
    pub received_on: NaiveDate,
    pub reference: String,
}

/// Everything matching reads from the book.
#[derive(Debug, Clone, Copy)]
pub struct Ledger<'a> {
    pub currency: Currency,
    pub open: &'a [OpenItem],
    pub payers: &'a [Payer],
    pub checks: &'a [ExpectedCheck],
    pub expected: &'a [ExpectedAmount],
    pub received: &'a [Received],
}

/// How sure a proposal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    /// Sure evidence (a reference, a promised check) with the amount it
    /// expects is certain; with another amount, only likely.
    fn of_amount(expected: Decimal, paid: Decimal) -> Confidence {
        if expected == paid {
            Confidence::High
        } else {
            Confidence::Medium
        }
    }
}

/// What a proposal rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The payer quoted the invoices' RF references.
    Reference { numbers: Vec<String> },
    /// The remittance text names the invoices.
    InvoiceNumber { numbers: Vec<String> },
    /// The check a promise is waiting for.
    Check { number: String },
    /// The payer's name, and the amount is exactly something open.
    NameAndAmount { matched: AmountMatch },
    /// The payer's name only; spread oldest first.
    Name,
    /// No name matched, but exactly one open invoice owes this amount.
    AmountOnly { number: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountMatch {
    Invoice(String),
    Balance,
    Promise,
    Installment,
}

impl Reason {
    /// The reason as the owner reads it beside the proposal.
    pub fn explain(&self, line: &BankLine) -> String {
        let payer = if line.counterparty.trim().is_empty() {
            "The payer".to_owned()
        } else {
            format!("\u{201c}{}\u{201d}", line.counterparty.trim())
        };
        match self {
            Reason::Reference { numbers } => {
                format!("Quotes the payment reference of {}.", listing(numbers))
            }
            Reason::InvoiceNumber { numbers } => {
                format!("The transfer text names {}.", listing(numbers))
            }
            Reason::Check { number } => {
                format!("Check {number}, the one they promised was in the mail.")
            }
            Reason::NameAndAmount { matched } => match matched {
                AmountMatch::Invoice(number) => {
                    format!("{payer} paid exactly what invoice {number} owes.")
                }
                AmountMatch::Balance => format!("{payer} paid exactly their whole balance."),
                AmountMatch::Promise => format!("{payer} paid exactly the amount they promised."),
                AmountMatch::Installment => {
                    format!("{payer} paid exactly their payment plan's installment.")
                }
            },
            Reason::Name => format!(
                "{payer} is this customer's name; the amount matches nothing open, so it goes to the oldest invoices first."
            ),
            Reason::AmountOnly { number } => format!(
                "Only invoice {number} owes exactly this amount; the payer's name matches no customer."
            ),
        }
    }
}

fn listing(numbers: &[String]) -> String {
    match numbers {
        [one] => format!("invoice {one}"),
        [rest @ .., last] => format!("invoices {} and {last}", rest.join(", ")),
        [] => "an invoice".to_owned(),
    }
}

/// A proposed payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentProposal {
    pub customer_id: i64,
    pub shares: Vec<Allocation>,
    /// What is left after the shares: the customer's credit.
    pub credit: Decimal,
    pub method: PaymentMethod,
    pub reason: Reason,
    pub confidence: Confidence,
}

/// Why a line is not offered as a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftOut {
    /// Money going out.
    Debit,
    /// A credit nothing in the book explains.
    NoMatch,
    /// In another currency than the book's.
    Currency(String),
    /// A payment of this amount on this day is already in the book (typed
    /// by hand, or imported from another file of the same account).
    AlreadyRecorded,
}

impl LeftOut {
    pub fn explain(&self) -> String {
        match self {
            LeftOut::Debit => "Money going out, not a customer paying.".to_owned(),
            LeftOut::NoMatch => {
                "Matches no invoice, promised check or customer; if it is a payment, say who paid."
                    .to_owned()
            }
            LeftOut::Currency(code) => {
                format!("In {code}, not the book's currency; enter it by hand if it is a payment.")
            }
            LeftOut::AlreadyRecorded => {
                "A payment of this amount on this day is already recorded; if this is another one, say who paid.".to_owned()
            }
        }
    }
}

/// What matching proposes for one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proposal {
    Payment(PaymentProposal),
    /// A returned transfer or bounced check: take back this payment.
    Reversal {
        payment_id: i64,
        customer_id: i64,
        /// When the payment taken back was received.
        received_on: NaiveDate,
        reason: String,
        confidence: Confidence,
    },
    LeftOut(LeftOut),
}

/// The key a payer name is compared by: accents, case, punctuation, the
/// German spellings without umlauts ("Mueller" for "Müller") and company
/// suffixes ("GmbH", "S.A.R.L.", "& Co") all ignored.
pub fn name_key(name: &str) -> String {
    const SUFFIXES: &[&str] = &[
        "gmbh",
        "mbh",
        "kg",
        "ag",
        "ohg",
        "ug",
        "ek",
        "sarl",
        "sas",
        "sa",
        "srl",
        "spa",
        "ltd",
        "limited",
        "llc",
        "llp",
        "lp",
        "inc",
        "incorporated",
        "co",
        "corp",
        "corporation",
        "company",
        "plc",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "aps",
        "pty",
        "und",
        "and",
        "et",
        "the",
        "cie",
    ];
    // Dots go first, so "S.A.R.L." is the suffix "sarl".
    let folded = fold(name)
        .replace('.', "")
        .replace("ue", "u")
        .replace("oe", "o")
        .replace("ae", "a");
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !SUFFIXES.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two name keys are the same payer: equal, or one is the other
/// cut short by the bank (at least two words kept).
fn same_payer(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long
        || (short.split(' ').count() >= 2
            && long.starts_with(short)
            && long.as_bytes().get(short.len()) == Some(&b' '))
}

/// Matches every line of a statement, in order.
pub fn propose(lines: &[BankLine], ledger: Ledger) -> Vec<Proposal> {
    let mut matcher = Matcher::new(ledger);
    lines.iter().map(|line| matcher.propose(line)).collect()
}

/// Whose payment a line is taken to be, and on what evidence.
struct Claim {
    customer_id: i64,
    reason: Reason,
    confidence: Confidence,
}

struct Matcher<'a> {
    ledger: Ledger<'a>,
    /// What each open invoice still owes after the lines matched so far.
    owed: HashMap<i64, Decimal>,
    by_number: HashMap<String, &'a OpenItem>,
    by_reference: HashMap<String, &'a OpenItem>,
    payer_keys: Vec<(String, i64)>,
    checks_taken: HashSet<usize>,
    reversed: HashSet<i64>,
    /// Payments already in the book that earlier credits of the file were
    /// taken to be.
    recorded: HashSet<i64>,
}

/// Letters and digits only, upper case: how a number or reference is
/// compared whatever spacing or dashes the payer typed.
fn compact(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase()
}

impl<'a> Matcher<'a> {
    fn new(ledger: Ledger<'a>) -> Self {
        let mut by_number = HashMap::new();
        let mut by_reference = HashMap::new();
        for item in ledger.open {
            by_number.insert(compact(&item.number), item);
            if let Some(rf) = CreditorReference::for_invoice(&item.number) {
                by_reference.insert(rf.electronic().to_owned(), item);
            }
        }
        Matcher {
            ledger,
            owed: ledger.open.iter().map(|i| (i.invoice_id, i.owed)).collect(),
            by_number,
            by_reference,
            payer_keys: ledger
                .payers
                .iter()
                .map(|p| (name_key(&p.name), p.customer_id))
                .collect(),
            checks_taken: HashSet::new(),
            reversed: HashSet::new(),
            recorded: HashSet::new(),
        }
    }

    fn propose(&mut self, line: &BankLine) -> Proposal {
        if !line.currency.trim().is_empty()
            && !line
                .currency
                .trim()
                .eq_ignore_ascii_case(self.ledger.currency.code())
        {
            return Proposal::LeftOut(LeftOut::Currency(line.currency.trim().to_uppercase()));
        }
        if line.is_credit() {
            if self.already_recorded(line) {
                return Proposal::LeftOut(LeftOut::AlreadyRecorded);
            }
            self.credit(line)
                .unwrap_or(Proposal::LeftOut(LeftOut::NoMatch))
        } else {
            self.debit(line)
                .unwrap_or(Proposal::LeftOut(LeftOut::Debit))
        }
    }

    /// A payment already in the book that this credit is likely to be: the
    /// same amount received the same day (by the same check, when both
    /// have a number), not taken by an earlier line of the file.
    fn already_recorded(&mut self, line: &BankLine) -> bool {
        let check = line.check();
        let found = self.ledger.received.iter().find(|p| {
            p.amount == line.amount
                && p.received_on == line.booked_on
                && !self.recorded.contains(&p.payment_id)
                && (check.is_empty()
                    || p.reference.trim().is_empty()
                    || same_check(&p.reference, &check))
        });
        found.is_some_and(|p| self.recorded.insert(p.payment_id))
    }

    fn customers_named(&self, counterparty: &str) -> Vec<i64> {
        let key = name_key(counterparty);
        let mut ids: Vec<i64> = self
            .payer_keys
            .iter()
            .filter(|(k, _)| same_payer(k, &key))
            .map(|(_, id)| *id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The open invoices the line names, by RF reference or by number,
    /// in the order named.
    fn named(&self, line: &BankLine) -> (Vec<&'a OpenItem>, bool) {
        let mut found: Vec<&'a OpenItem> = Vec::new();
        let push = |item: &'a OpenItem, found: &mut Vec<&'a OpenItem>| {
            if !found.iter().any(|f| f.invoice_id == item.invoice_id) {
                found.push(item);
            }
        };
        // RF references carry check digits: found anywhere in the text, with
        // any spacing, they are meant.
        let quoted = compact(&format!("{} {}", line.reference, line.text));
        let mut at = 0;
        while let Some(i) = quoted[at..].find("RF") {
            let start = at + i;
            for end in (start + 5..=quoted.len().min(start + 25)).rev() {
                if let Some(item) = quoted
                    .get(start..end)
                    .and_then(|r| self.by_reference.get(r))
                {
                    push(item, &mut found);
                    break;
                }
            }
            at = start + 2;
        }
        if !found.is_empty() {
            return (found, true);
        }
        // Invoice numbers are compared as whole words (or two adjacent ones,
        // "INV 0004"), so "INV-00041" never pays INV-0004.
        let words: Vec<&str> = line
            .text
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '+'))
            .filter(|w| !w.is_empty())
            .collect();
        for (i, word) in words.iter().enumerate() {
            let single = compact(word.trim_end_matches(['.', ':']));
            let pair = words
                .get(i + 1)
                .map(|next| format!("{single}{}", compact(next)));
            for key in std::iter::once(single).chain(pair) {
                if let Some(item) = self.by_number.get(&key) {
                    push(item, &mut found);
                }
            }
        }
        (found, false)
    }

    fn credit(&mut self, line: &BankLine) -> Option<Proposal> {
        let check = line.check();
        let (named, by_reference) = self.named(line);
        if let Some(first) = named.first() {
            let customer_id = first.customer_id;
            let named: Vec<&OpenItem> = named
                .into_iter()
                .filter(|i| i.customer_id == customer_id)
                .collect();
            let numbers: Vec<String> = named.iter().map(|i| i.number.clone()).collect();
            let owed: Decimal = named.iter().map(|i| self.owed_on(i.invoice_id)).sum();
            let ids: Vec<i64> = named.iter().map(|i| i.invoice_id).collect();
            let confidence = Confidence::of_amount(owed, line.amount);
            let reason = if by_reference {
                Reason::Reference { numbers }
            } else {
                Reason::InvoiceNumber { numbers }
            };
            return Some(self.pay(
                line,
                &ids,
                Claim {
                    customer_id,
                    reason,
                    confidence,
                },
            ));
        }
        if !check.is_empty() {
            let expected = self.ledger.checks.iter().enumerate().find(|(i, c)| {
                !self.checks_taken.contains(i) && same_check(&c.check_number, &check)
            });
            if let Some((i, promised)) = expected {
                self.checks_taken.insert(i);
                let confidence = Confidence::of_amount(promised.amount, line.amount);
                let reason = Reason::Check {
                    number: check.clone(),
                };
                return Some(self.pay(
                    line,
                    &[],
                    Claim {
                        customer_id: promised.customer_id,
                        reason,
                        confidence,
                    },
                ));
            }
        }
        let named_customers = self.customers_named(&line.counterparty);
        let amount_matches: Vec<(i64, AmountMatch, Vec<i64>)> = named_customers
            .iter()
            .filter_map(|&c| {
                self.amount_match(c, line.amount)
                    .map(|(m, ids)| (c, m, ids))
            })
            .collect();
        if let [(customer_id, matched, ids)] = amount_matches.as_slice() {
            let reason = Reason::NameAndAmount {
                matched: matched.clone(),
            };
            let ids = ids.clone();
            return Some(self.pay(
                line,
                &ids,
                Claim {
                    customer_id: *customer_id,
                    reason,
                    confidence: Confidence::Medium,
                },
            ));
        }
        if let [customer_id] = named_customers.as_slice() {
            return Some(self.pay(
                line,
                &[],
                Claim {
                    customer_id: *customer_id,
                    reason: Reason::Name,
                    confidence: Confidence::Low,
                },
            ));
        }
        if named_customers.is_empty() {
            let exact: Vec<&OpenItem> = self
                .ledger
                .open
                .iter()
                .filter(|i| self.owed_on(i.invoice_id) == line.amount)
                .collect();
            if let [only] = exact.as_slice() {
                let reason = Reason::AmountOnly {
                    number: only.number.clone(),
                };
                return Some(self.pay(
                    line,
                    &[only.invoice_id],
                    Claim {
                        customer_id: only.customer_id,
                        reason,
                        confidence: Confidence::Low,
                    },
                ));
            }
        }
        None
    }

    /// What of `customer`'s the amount is exactly, with the invoices it
    /// names first.
    fn amount_match(&self, customer: i64, amount: Decimal) -> Option<(AmountMatch, Vec<i64>)> {
        let open: Vec<&OpenItem> = self
            .ledger
            .open
            .iter()
            .filter(|i| i.customer_id == customer && self.owed_on(i.invoice_id) > Decimal::ZERO)
            .collect();
        let mut exact = open.iter().filter(|i| self.owed_on(i.invoice_id) == amount);
        if let Some(item) = exact.next() {
            return Some((
                AmountMatch::Invoice(item.number.clone()),
                vec![item.invoice_id],
            ));
        }
        let balance: Decimal = open.iter().map(|i| self.owed_on(i.invoice_id)).sum();
        if !open.is_empty() && balance == amount {
            return Some((AmountMatch::Balance, Vec::new()));
        }
        self.ledger
            .expected
            .iter()
            .find(|e| e.customer_id == customer && e.amount == amount)
            .map(|e| {
                let matched = match e.kind {
                    Expected::Promise => AmountMatch::Promise,
                    Expected::Installment => AmountMatch::Installment,
                };
                (matched, Vec::new())
            })
    }

    fn owed_on(&self, invoice_id: i64) -> Decimal {
        self.owed.get(&invoice_id).copied().unwrap_or_default()
    }

    /// Spreads `amount` over the named invoices first, in order, then the
    /// customer's other open invoices oldest first; the rest is credit.
    fn pay(&mut self, line: &BankLine, named: &[i64], claim: Claim) -> Proposal {
        let amount = line.amount;
        let Claim {
            customer_id,
            reason,
            confidence,
        } = claim;
        let mut others: Vec<&OpenItem> = self
            .ledger
            .open
            .iter()
            .filter(|i| i.customer_id == customer_id && !named.contains(&i.invoice_id))
            .collect();
        others.sort_by_key(|i| (i.issue_date, i.sequence));
        let order = named
            .iter()
            .copied()
            .chain(others.iter().map(|i| i.invoice_id));
        let mut left = amount;
        let mut shares = Vec::new();
        for invoice_id in order {
            if left <= Decimal::ZERO {
                break;
            }
            let owed = self.owed_on(invoice_id);
            if owed <= Decimal::ZERO {
                continue;
            }
            let share = left.min(owed);
            self.owed.insert(invoice_id, owed - share);
            shares.push(Allocation {
                invoice_id,
                amount: share,
            });
            left -= share;
        }
        Proposal::Payment(PaymentProposal {
            customer_id,
            shares,
            credit: left,
            method: line.method(),
            reason,
            confidence,
        })
    }

    /// A returned transfer or a bounced check: the payment it takes back.
    fn debit(&mut self, line: &BankLine) -> Option<Proposal> {
        let amount = -line.amount;
        let named = self.customers_named(&line.counterparty);
        let check = line.check();
        let candidates: Vec<&Received> = self
            .ledger
            .received
            .iter()
            .filter(|p| {
                p.amount == amount
                    && p.received_on <= line.booked_on
                    && !self.reversed.contains(&p.payment_id)
            })
            .collect();
        let by_reference = |p: &&&Received| {
            let r = p.reference.trim();
            (!check.is_empty() && same_check(r, &check))
                || (!r.is_empty() && compact(&line.text).contains(&compact(r)))
        };
        let chosen = candidates
            .iter()
            .filter(|p| named.contains(&p.customer_id))
            .filter(by_reference)
            .max_by_key(|p| p.received_on)
            .or_else(|| {
                candidates
                    .iter()
                    .filter(|p| named.contains(&p.customer_id))
                    .max_by_key(|p| p.received_on)
            })
            // A return the bank flags, for the only payment of that amount.
            .or(match candidates.as_slice() {
                [only] if !line.returned.is_empty() => Some(only),
                _ => None,
            })?;
        self.reversed.insert(chosen.payment_id);
        let why = if line.returned.is_empty() {
            "Money back out to this customer, for the amount of a payment of theirs.".to_owned()
        } else {
            format!("Returned by the bank{}.", return_reason(&line.returned))
        };
        Some(Proposal::Reversal {
            payment_id: chosen.payment_id,
            customer_id: chosen.customer_id,
            received_on: chosen.received_on,
            reason: why,
            confidence: if line.returned.is_empty() {
                Confidence::Medium
            } else {
                Confidence::High
            },
        })
    }
}

/// The ISO 20022 return reasons a small business meets, in words.
fn return_reason(code: &str) -> String {
    let words = match code.trim().to_ascii_uppercase().as_str() {
        "AC01" => "the account number is wrong",
        "AC04" => "the account is closed",
        "AC06" => "the account is blocked",
        "AM04" => "insufficient funds",
        "MD01" => "no mandate",
        "MD06" => "the payer asked for a refund",
        "MS02" => "refused by the payer",
        "MS03" => "no reason given",
        "FOCR" => "cancelled at the payer's request",
        "RR04" => "a regulatory reason",
        "REVERSAL" | "" => return String::new(),
        other => return format!(" ({other})"),
    };
    format!(" ({}: {words})", code.trim().to_ascii_uppercase())
}

/// Check numbers compared as numbers: "001042" is check 1042.
fn same_check(a: &str, b: &str) -> bool {
    let a = a.trim().trim_start_matches('0');
    let b = b.trim().trim_start_matches('0');
    !a.is_empty() && a.eq_ignore_ascii_case(b)
}

#[cfg(test)]
mod tests;
