//! A bank's CSV export, read with the CSV import's column mapping: every
//! bank names its columns differently ("Buchungstag", "Payee", "Montant"),
//! so Duly suggests from the names and the owner confirms, as for customers
//! and invoices. The amount is one signed column, or a money-in and a
//! money-out column.

use duly_core::bank::statement::BankLine;
use duly_core::{Currency, DomainError};
use rust_decimal::Decimal;

use crate::error::Result;
use crate::imports::invoices::plain_amount;
use crate::imports::{Columns, Field, Mapping, Table};

pub const FIELDS: &[Field] = &[
    Field {
        key: "booked_on",
        label: "Booking date",
        required: true,
        joined_with: None,
        headers: &[
            "date",
            "bookingdate",
            "bookeddate",
            "buchungstag",
            "buchungsdatum",
            "datum",
            "transactiondate",
            "posted",
            "posteddate",
            "postingdate",
            "dateoperation",
            "dateopération",
            "fecha",
        ],
    },
    Field {
        key: "amount",
        label: "Amount (signed)",
        required: false,
        joined_with: None,
        headers: &[
            "amount",
            "amounteur",
            "amountusd",
            "amountgbp",
            "betrag",
            "betrageur",
            "umsatz",
            "montant",
            "importe",
            "bedrag",
            "value",
        ],
    },
    Field {
        key: "credit",
        label: "Money in",
        required: false,
        joined_with: None,
        headers: &[
            "credit", "paidin", "moneyin", "haben", "crédit", "deposit", "deposits",
        ],
    },
    Field {
        key: "debit",
        label: "Money out",
        required: false,
        joined_with: None,
        headers: &[
            "debit",
            "paidout",
            "moneyout",
            "soll",
            "débit",
            "withdrawal",
            "withdrawals",
        ],
    },
    Field {
        key: "counterparty",
        label: "Payer or payee",
        required: false,
        joined_with: None,
        headers: &[
            "payee",
            "payer",
            "name",
            "counterparty",
            "auftraggeberbegünstigter",
            "begünstigterzahlungspflichtiger",
            "zahlungspflichtiger",
            "empfänger",
            "auftraggeber",
            "tiers",
            "beneficiary",
        ],
    },
    Field {
        key: "text",
        label: "Transfer text",
        required: false,
        joined_with: Some(" "),
        headers: &[
            "paymentreference",
            "reference",
            "verwendungszweck",
            "memo",
            "description",
            "details",
            "libellé",
            "libelle",
            "purpose",
            "remittanceinformation",
            "concepto",
            "omschrijving",
        ],
    },
    Field {
        key: "check_number",
        label: "Check number",
        required: false,
        joined_with: None,
        headers: &[
            "checknumber",
            "checkno",
            "chequenumber",
            "chequeno",
            "schecknummer",
            "check",
        ],
    },
    Field {
        key: "bank_id",
        label: "Transaction id",
        required: false,
        joined_with: None,
        headers: &[
            "transactionid",
            "fitid",
            "id",
            "transactionreference",
            "bankreference",
        ],
    },
    Field {
        key: "currency",
        label: "Currency",
        required: false,
        joined_with: None,
        headers: &["currency", "währung", "waehrung", "devise", "ccy"],
    },
];

/// The most rows whose problems are listed in the refusal.
const LISTED: usize = 5;

/// The statement lines of the file, or a refusal naming the first rows that
/// cannot be read (nothing is imported from a half-read file).
pub fn lines(table: &Table, mapping: &Mapping, currency: Currency) -> Result<Vec<BankLine>> {
    let columns = Columns::check(FIELDS, table, mapping)?;
    if !columns.has("amount") && !columns.has("credit") {
        return Err(DomainError::field(
            "mapping.amount",
            "Choose the column that holds the amount (or the money-in column).",
        )
        .into());
    }
    // "Betrag (EUR)", "Amount (USD)": the column says which money it is.
    let named = if columns.has("amount") {
        columns.source("amount")
    } else {
        columns.source("credit")
    };
    let header_currency = named
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() == 3 && w.chars().all(|c| c.is_ascii_uppercase()))
        .find_map(Currency::from_code)
        .map(|c| c.code().to_owned())
        .unwrap_or_default();
    let mut lines = Vec::with_capacity(table.rows.len());
    let mut problems: Vec<String> = Vec::new();
    let mut failing = 0;
    for row in &table.rows {
        let v = |k: &str| columns.value(row, k);
        let mut row_problems = Vec::new();
        let mut money = |k: &str| -> Decimal {
            let cell = v(k);
            if cell.is_empty() {
                return Decimal::ZERO;
            }
            plain_amount(&cell, currency, columns.decimal_comma)
                .parse::<Decimal>()
                .unwrap_or_else(|_| {
                    row_problems.push(format!(
                        "{}: \u{201c}{cell}\u{201d} is not an amount.",
                        columns.source(k)
                    ));
                    Decimal::ZERO
                })
        };
        let amount = money("amount") + money("credit").abs() - money("debit").abs();
        let booked_on = columns.date_format.parse(&v("booked_on"));
        if let Err(why) = &booked_on {
            row_problems.push(format!("{}: {why}", columns.source("booked_on")));
        }
        if !row_problems.is_empty() {
            failing += 1;
            if failing <= LISTED {
                problems.push(format!("Line {}: {}", row.line, row_problems.join(" ")));
            }
            continue;
        }
        let Ok(booked_on) = booked_on else { continue };
        if amount.is_zero() {
            continue;
        }
        lines.push(BankLine {
            source: format!("line {}", row.line),
            booked_on,
            amount,
            currency: match v("currency") {
                own if own.is_empty() => header_currency.clone(),
                own => own,
            },
            counterparty: v("counterparty"),
            text: v("text"),
            reference: String::new(),
            check_number: v("check_number"),
            bank_id: v("bank_id"),
            returned: String::new(),
        });
    }
    if failing > 0 {
        let more = if failing > LISTED {
            format!(" And {} more rows.", failing - LISTED)
        } else {
            String::new()
        };
        let which = if failing == 1 {
            "This row cannot be read"
        } else {
            "These rows cannot be read"
        };
        return Err(DomainError::field(
            "rows",
            format!(
                "{which}; nothing was imported. {}{more}",
                problems.join(" ")
            ),
        )
        .into());
    }
    Ok(lines)
}
