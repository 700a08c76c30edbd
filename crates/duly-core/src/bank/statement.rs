//! One line of a bank statement, whatever file it came from (CAMT.053/054,
//! OFX, a bank's CSV): what matching reads and what the book remembers so
//! the same line is never imported twice.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::payment::PaymentMethod;

/// A booked movement on the business's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BankLine {
    /// Where the line is in its file (a line number, or the entry's place
    /// in a CAMT file), so the owner can find it.
    pub source: String,
    pub booked_on: NaiveDate,
    /// Money in is positive, money out negative.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    /// ISO 4217 code as the bank wrote it.
    pub currency: String,
    /// Who paid (or was paid), as the bank spells it.
    pub counterparty: String,
    /// The free remittance text ("Invoice INV-0141, thanks").
    pub text: String,
    /// A structured creditor reference the payer quoted, if the file has a
    /// field for it (CAMT `Strd/CdtrRefInf`).
    pub reference: String,
    /// The check number of a check deposit.
    pub check_number: String,
    /// The bank's own id for the transaction (CAMT `AcctSvcrRef`, OFX `FITID`).
    pub bank_id: String,
    /// The bank's reason for returning a payment (CAMT `RtrInf/Rsn`, such as
    /// "AC04"), or "reversal" when it only flags the entry as one.
    pub returned: String,
}

impl BankLine {
    /// The key the book keeps for an imported line: the bank's transaction
    /// id when it gives one, otherwise the line's date, amount, payer and
    /// text. `occurrence` tells apart identical lines in one file (two equal
    /// card payments on one day); it is 1 for the first.
    pub fn fingerprint(&self, occurrence: usize) -> String {
        let base = if self.bank_id.trim().is_empty() {
            format!(
                "line:{}|{}|{}|{}|{}",
                self.booked_on.format("%Y-%m-%d"),
                self.amount.normalize(),
                self.currency.to_ascii_uppercase(),
                crate::text::fold(self.counterparty.trim()),
                crate::text::fold(self.text.trim()),
            )
        } else {
            format!("id:{}|{}", self.bank_id.trim(), self.amount.normalize())
        };
        if occurrence > 1 {
            format!("{base}#{occurrence}")
        } else {
            base
        }
    }

    /// The check number of a check deposit: the file's own field, or one
    /// written after "check", "cheque" or "Scheck" in the text. Empty when
    /// the line is no check.
    pub fn check(&self) -> String {
        let own = self.check_number.trim();
        if !own.is_empty() {
            return own.to_owned();
        }
        let text = crate::text::fold(&self.text);
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | ';'))
            .filter(|w| !w.is_empty())
            .collect();
        for (i, word) in words.iter().enumerate() {
            if matches!(*word, "check" | "cheque" | "chq" | "scheck" | "ck") {
                let next = words
                    .iter()
                    .skip(i + 1)
                    .find(|w| !matches!(**w, "no" | "no." | "nr" | "nr." | "number" | "#"));
                if let Some(n) = next.map(|w| w.trim_start_matches('#')) {
                    if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) {
                        return n.to_owned();
                    }
                }
            }
        }
        String::new()
    }

    /// How the money came, as a payment records it: a check deposit is a
    /// check, anything else a bank transfer.
    pub fn method(&self) -> PaymentMethod {
        if self.check().is_empty() {
            PaymentMethod::BankTransfer
        } else {
            PaymentMethod::Check
        }
    }

    /// The reference a payment from this line is recorded with: the check
    /// number, the structured reference, or the transfer text on one line
    /// (at most 120 characters).
    pub fn payment_reference(&self) -> String {
        let check = self.check();
        let chosen = if !check.is_empty() {
            check
        } else if !self.reference.trim().is_empty() {
            self.reference.trim().to_owned()
        } else {
            self.text.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        chosen.chars().take(120).collect()
    }

    /// Whether money came in.
    pub fn is_credit(&self) -> bool {
        self.amount > Decimal::ZERO
    }
}

/// The fingerprint of every line, identical lines numbered in file order.
pub fn fingerprints(lines: &[BankLine]) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    lines
        .iter()
        .map(|line| {
            let n = seen.entry(line.fingerprint(1)).or_insert(0);
            *n += 1;
            line.fingerprint(*n)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, amount: i64) -> BankLine {
        BankLine {
            source: "line 2".into(),
            booked_on: NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid"),
            amount: Decimal::new(amount, 2),
            currency: "EUR".into(),
            counterparty: "Müller & Söhne".into(),
            text: "INV-0003".into(),
            reference: String::new(),
            check_number: String::new(),
            bank_id: id.into(),
            returned: String::new(),
        }
    }

    #[test]
    fn the_banks_id_names_a_line_and_identical_lines_without_one_are_counted() {
        assert_eq!(line("TX-1", 59500).fingerprint(1), "id:TX-1|595");
        assert_eq!(
            line("", 59500).fingerprint(1),
            "line:2026-11-24|595|EUR|muller & sohne|inv-0003"
        );
        let prints = fingerprints(&[line("", 100), line("", 100), line("", 200)]);
        assert_eq!(prints[0], "line:2026-11-24|1|EUR|muller & sohne|inv-0003");
        assert_eq!(prints[1], "line:2026-11-24|1|EUR|muller & sohne|inv-0003#2");
        assert_eq!(prints[2], "line:2026-11-24|2|EUR|muller & sohne|inv-0003");
    }
}
