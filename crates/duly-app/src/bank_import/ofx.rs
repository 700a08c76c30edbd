//! OFX bank statements (Quicken's QFX, Money's OFX): version 1 is SGML,
//! whose values are not closed (`<TRNAMT>1190.00` and a line break),
//! version 2 is XML. Both are read the same way here, as a run of tags
//! where a value is the text between a tag and the next: enough for the
//! `STMTTRN` records, which is all a statement import needs, and tolerant
//! of the liberties banks take with the SGML.

use chrono::NaiveDate;
use duly_core::bank::statement::BankLine;
use duly_core::DomainError;
use rust_decimal::Decimal;

fn refuse(message: String) -> DomainError {
    DomainError::field("file", message)
}

/// Whether the text looks like an OFX file at all.
pub fn is_ofx(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2000)
        .collect::<String>()
        .to_ascii_uppercase();
    head.contains("OFXHEADER") || head.contains("<OFX>")
}

/// One `STMTTRN` as read: its values by tag, and where it starts.
#[derive(Default)]
struct Record {
    line: u64,
    values: Vec<(String, String, u64)>,
}

impl Record {
    fn get(&self, tag: &str) -> Option<(&str, u64)> {
        self.values
            .iter()
            .find(|(t, _, _)| t == tag)
            .map(|(_, v, line)| (v.as_str(), *line))
    }

    fn text(&self, tag: &str) -> String {
        self.get(tag)
            .map_or_else(String::new, |(v, _)| v.to_owned())
    }
}

fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let entity = tail.find(';').map(|end| (&tail[1..end], end));
        let resolved = entity.and_then(|(name, end)| {
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                n if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, end))
        });
        match resolved {
            Some((c, end)) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The transactions of every statement in the file.
pub fn lines(text: &str) -> Result<Vec<BankLine>, DomainError> {
    let Some(start) = text.to_ascii_uppercase().find("<OFX>") else {
        return Err(refuse(
            "This file has an OFX header but no <OFX> statement in it.".into(),
        ));
    };
    let mut line = 1 + text[..start].matches('\n').count() as u64;
    let mut currency = String::new();
    let mut current: Option<Record> = None;
    let mut records: Vec<(Record, String)> = Vec::new();
    let mut rest = &text[start..];
    while let Some(open) = rest.find('<') {
        line += rest[..open].matches('\n').count() as u64;
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else { break };
        let tag = after[..close].trim().to_ascii_uppercase();
        let body = &after[close + 1..];
        let value_end = body.find('<').unwrap_or(body.len());
        let value = unescape(body[..value_end].trim());
        if let Some(name) = tag.strip_prefix('/') {
            if name == "STMTTRN" {
                if let Some(done) = current.take() {
                    records.push((done, currency.clone()));
                }
            }
        } else if tag == "STMTTRN" {
            if let Some(unclosed) = current.take() {
                records.push((unclosed, currency.clone()));
            }
            current = Some(Record {
                line,
                values: Vec::new(),
            });
        } else if !value.is_empty() {
            if tag == "CURDEF" {
                currency = value.clone();
            }
            if let Some(record) = current.as_mut() {
                record.values.push((tag, value, line));
            }
        }
        line += after[..close].matches('\n').count() as u64;
        rest = body;
    }
    if let Some(unclosed) = current.take() {
        records.push((unclosed, currency.clone()));
    }
    records
        .into_iter()
        .map(|(record, currency)| transaction(&record, currency))
        .collect()
}

fn transaction(record: &Record, statement_currency: String) -> Result<BankLine, DomainError> {
    let (amount_text, amount_line) = record.get("TRNAMT").ok_or_else(|| {
        refuse(format!(
            "The transaction at line {} has no amount (TRNAMT).",
            record.line
        ))
    })?;
    // The standard's decimal point is a dot; some European banks write a comma.
    let normal = if amount_text.contains('.') {
        amount_text.to_owned()
    } else {
        amount_text.replace(',', ".")
    };
    let amount: Decimal = normal.trim_start_matches('+').parse().map_err(|_| {
        refuse(format!(
            "Line {amount_line}: the amount \u{201c}{amount_text}\u{201d} is not a number."
        ))
    })?;
    let (posted, posted_line) = record.get("DTPOSTED").ok_or_else(|| {
        refuse(format!(
            "The transaction at line {} has no date (DTPOSTED).",
            record.line
        ))
    })?;
    let booked_on = posted
        .get(..8)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
        .ok_or_else(|| {
            refuse(format!(
                "Line {posted_line}: the date \u{201c}{posted}\u{201d} is not a date written like 20261124."
            ))
        })?;
    let own_currency = record.text("CURSYM");
    Ok(BankLine {
        source: format!("line {}", record.line),
        booked_on,
        amount,
        currency: if own_currency.is_empty() {
            statement_currency
        } else {
            own_currency
        },
        counterparty: record.text("NAME"),
        text: record.text("MEMO"),
        reference: String::new(),
        check_number: record.text("CHECKNUM"),
        bank_id: record.text("FITID"),
        returned: String::new(),
    })
}
