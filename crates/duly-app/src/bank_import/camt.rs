//! ISO 20022 bank-to-customer statements: CAMT.053 (the day's or week's
//! statement), CAMT.054 (debit and credit notifications, where returns
//! arrive) and CAMT.052 (intraday reports), any version: they differ in
//! namespace and in a few wrappers (`Sts/Cd`, `Dbtr/Pty/Nm` from version 8),
//! both of which are read.
//!
//! A batch entry (one booking for several transfers) becomes one line per
//! transfer, with each transfer's own amount, payer and remittance.

use chrono::NaiveDate;
use duly_core::bank::statement::BankLine;
use duly_core::DomainError;
use rust_decimal::Decimal;

use super::xml::Element;

fn refuse(message: String) -> DomainError {
    DomainError::field("file", message)
}

/// The booked lines of every statement in the document, and how many
/// entries were left out as not booked yet (pending, information only).
pub fn lines(document: &Element) -> Result<(Vec<BankLine>, usize), DomainError> {
    let (message, statement) = [
        ("BkToCstmrStmt", "Stmt"),
        ("BkToCstmrDbtCdtNtfctn", "Ntfctn"),
        ("BkToCstmrAcctRpt", "Rpt"),
    ]
    .into_iter()
    .find_map(|(m, s)| document.child(m).map(|e| (e, s)))
    .ok_or_else(|| {
        let inside = document
            .children
            .first()
            .map_or_else(|| document.name.clone(), |c| c.name.clone());
        refuse(format!(
            "This XML file is not a bank statement (CAMT.053 or CAMT.054): it holds {inside}."
        ))
    })?;
    let mut out = Vec::new();
    let mut number = 0;
    let mut not_booked = 0;
    for statement in message.all(statement) {
        let account_currency = statement.text_at(&["Acct", "Ccy"]);
        for entry in statement.all("Ntry") {
            number += 1;
            if !booked(entry) {
                not_booked += 1;
                continue;
            }
            out.extend(entry_lines(entry, number, account_currency)?);
        }
    }
    Ok((out, not_booked))
}

/// Pending and information-only entries are not money on the account yet.
fn booked(entry: &Element) -> bool {
    let status = match entry.child("Sts") {
        Some(s) if s.child("Cd").is_some() => s.text_at(&["Cd"]),
        Some(s) => s.text.trim(),
        None => "BOOK",
    };
    status.eq_ignore_ascii_case("BOOK")
}

fn amount(element: &Element, entry: usize) -> Result<(Decimal, String), DomainError> {
    let text = element.text.trim();
    let value: Decimal = text.parse().map_err(|_| {
        refuse(format!(
            "Entry {entry} (line {}): the amount \u{201c}{text}\u{201d} is not a number written like 1190.00.",
            element.line
        ))
    })?;
    Ok((
        value,
        element.attribute("Ccy").unwrap_or_default().to_owned(),
    ))
}

fn date(entry: &Element, number: usize) -> Result<NaiveDate, DomainError> {
    for path in [
        ["BookgDt", "Dt"],
        ["BookgDt", "DtTm"],
        ["ValDt", "Dt"],
        ["ValDt", "DtTm"],
    ] {
        let text = entry.text_at(&path);
        if text.is_empty() {
            continue;
        }
        let day = text.get(..10).unwrap_or(text);
        return NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| {
            refuse(format!(
                "Entry {number} (line {}): the booking date \u{201c}{text}\u{201d} is not a date.",
                entry.at(&path).map_or(entry.line, |e| e.line)
            ))
        });
    }
    Err(refuse(format!(
        "Entry {number} (line {}) has no booking date (BookgDt).",
        entry.line
    )))
}

/// A party's name, in the version 2 shape (`Dbtr/Nm`) or the version 8
/// shape (`Dbtr/Pty/Nm`).
fn party(details: &Element, role: &str) -> String {
    let parties = details.child("RltdPties");
    let name = |p: &Element| {
        let own = p.text_at(&[role, "Nm"]);
        if own.is_empty() {
            p.text_at(&[role, "Pty", "Nm"]).to_owned()
        } else {
            own.to_owned()
        }
    };
    parties.map(name).unwrap_or_default()
}

fn entry_lines(
    entry: &Element,
    number: usize,
    account_currency: &str,
) -> Result<Vec<BankLine>, DomainError> {
    let Some(amount_element) = entry.child("Amt") else {
        return Err(refuse(format!(
            "Entry {number} (line {}) has no amount (Amt).",
            entry.line
        )));
    };
    let (total, currency) = amount(amount_element, number)?;
    let credit = match entry.text_at(&["CdtDbtInd"]) {
        "CRDT" => true,
        "DBIT" => false,
        other => {
            return Err(refuse(format!(
                "Entry {number} (line {}): \u{201c}{other}\u{201d} is neither CRDT nor DBIT (CdtDbtInd).",
                entry.line
            )))
        }
    };
    let signed = |a: Decimal| if credit { a } else { -a };
    let booked_on = date(entry, number)?;
    let currency = if currency.is_empty() {
        account_currency.to_owned()
    } else {
        currency
    };
    let reversal = entry.text_at(&["RvslInd"]).eq_ignore_ascii_case("true");
    let entry_id = entry.text_at(&["AcctSvcrRef"]);
    let transfers: Vec<&Element> = entry
        .all("NtryDtls")
        .flat_map(|d| d.all("TxDtls"))
        .collect();
    let role = if credit { "Dbtr" } else { "Cdtr" };
    let base = BankLine {
        source: format!("entry {number}, line {}", entry.line),
        booked_on,
        amount: signed(total),
        currency,
        counterparty: String::new(),
        text: entry.text_at(&["AddtlNtryInf"]).to_owned(),
        reference: String::new(),
        check_number: String::new(),
        bank_id: entry_id.to_owned(),
        returned: if reversal {
            "reversal".into()
        } else {
            String::new()
        },
    };
    if transfers.is_empty() {
        return Ok(vec![base]);
    }
    let several = transfers.len() > 1;
    transfers
        .iter()
        .enumerate()
        .map(|(i, details)| {
            let mut line = base.clone();
            let own_amount = details
                .at(&["AmtDtls", "TxAmt", "Amt"])
                .or_else(|| details.child("Amt"));
            match own_amount {
                Some(a) => line.amount = signed(amount(a, number)?.0),
                None if several => {
                    return Err(refuse(format!(
                    "Entry {number} (line {}): a transfer in this batch has no amount of its own.",
                    details.line
                )))
                }
                None => {}
            }
            let own_id = details.text_at(&["Refs", "AcctSvcrRef"]);
            line.bank_id = match (own_id.is_empty(), several) {
                (false, _) => own_id.to_owned(),
                (true, true) if !entry_id.is_empty() => format!("{entry_id}/{}", i + 1),
                _ => entry_id.to_owned(),
            };
            line.check_number = details.text_at(&["Refs", "ChqNb"]).to_owned();
            line.counterparty = party(details, role);
            if line.counterparty.is_empty() {
                line.counterparty = party(details, if credit { "UltmtDbtr" } else { "UltmtCdtr" });
            }
            if let Some(remittance) = details.child("RmtInf") {
                let free: Vec<&str> = remittance
                    .all("Ustrd")
                    .map(|u| u.text.trim())
                    .filter(|t| !t.is_empty())
                    .collect();
                if !free.is_empty() {
                    line.text = free.join(" ");
                }
                line.reference = remittance
                    .all("Strd")
                    .map(|s| s.text_at(&["CdtrRefInf", "Ref"]))
                    .filter(|r| !r.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            let reason = details.text_at(&["RtrInf", "Rsn", "Cd"]);
            if !reason.is_empty() {
                line.returned = reason.to_owned();
            }
            if several {
                line.source = format!("entry {number}, transfer {}, line {}", i + 1, details.line);
            }
            Ok(line)
        })
        .collect()
}
