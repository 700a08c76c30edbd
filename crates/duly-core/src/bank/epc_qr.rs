//! The payload of the EPC payment QR code (EPC069-12 version 002, the
//! "GiroCode"): a SEPA credit transfer a banking app fills in from one scan,
//! so the customer types neither the IBAN nor the amount nor the reference.
//!
//! Only euro transfers exist in this format; the caller offers the code on
//! EUR invoices and reminders only.

use rust_decimal::Decimal;

use super::account::{Bic, Iban};
use super::reference::CreditorReference;

/// What the transfer quotes so the payment finds its invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remittance {
    /// An RF reference: carried by every bank unchanged (one invoice).
    Structured(CreditorReference),
    /// Free text, e.g. several invoice numbers; cut at 140 characters.
    Text(String),
}

/// One transfer to the business.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer<'a> {
    /// The account holder's name (the business); cut at 70 characters.
    pub name: &'a str,
    pub iban: &'a Iban,
    pub bic: Option<&'a Bic>,
    /// In euros; `None` lets the payer type the amount.
    pub amount: Option<Decimal>,
    pub remittance: Remittance,
}

impl Transfer<'_> {
    /// The text to encode (UTF-8, lines joined by LF), or `None` when the
    /// transfer cannot be put in an EPC code: an amount under one cent, over
    /// 999,999,999.99 or with fractions of a cent, or no name.
    pub fn payload(&self) -> Option<String> {
        let name = cut(self.name.trim(), 70);
        if name.is_empty() {
            return None;
        }
        let amount = match self.amount {
            None => String::new(),
            Some(a)
                if a >= Decimal::new(1, 2)
                    && a <= Decimal::new(99_999_999_999, 2)
                    && a.normalize().scale() <= 2 =>
            {
                let mut a = a;
                a.rescale(2);
                format!("EUR{a}")
            }
            Some(_) => return None,
        };
        let (structured, text) = match &self.remittance {
            Remittance::Structured(r) => (r.electronic().to_owned(), String::new()),
            Remittance::Text(t) => (String::new(), cut(t.trim(), 140)),
        };
        let lines = [
            "BCD",
            "002",
            "1", // UTF-8
            "SCT",
            self.bic.map_or("", Bic::as_str),
            &name,
            self.iban.electronic(),
            &amount,
            "", // purpose
            &structured,
            &text,
        ];
        // The last filled line ends the payload, without a line feed.
        let used = lines.iter().rposition(|l| !l.is_empty()).unwrap_or(0);
        Some(lines[..=used].join("\n"))
    }
}

/// At most `max` characters of `text`, on a character boundary, with any
/// line break turned into a space (a break would end the field).
fn cut(text: &str, max: usize) -> String {
    text.chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .take(max)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iban() -> Iban {
        Iban::parse("iban", "BE68 5390 0754 7034").expect("valid")
    }

    #[test]
    fn a_transfer_with_an_rf_reference_follows_epc069_12() {
        let iban = iban();
        let bic = Bic::parse("bic", "GEBABEBB").expect("valid");
        let reference = CreditorReference::for_invoice("INV-0141").expect("ref");
        let transfer = Transfer {
            name: "Harbor & Pine Bookkeeping",
            iban: &iban,
            bic: Some(&bic),
            amount: Some(Decimal::new(6275, 1)),
            remittance: Remittance::Structured(reference.clone()),
        };
        assert_eq!(
            transfer.payload().expect("payload"),
            format!(
                "BCD\n002\n1\nSCT\nGEBABEBB\nHarbor & Pine Bookkeeping\nBE68539007547034\nEUR627.50\n\n{}",
                reference.electronic()
            )
        );
    }

    #[test]
    fn free_text_without_a_bic_and_long_fields_cut() {
        let iban = iban();
        let long_name = "Ä".repeat(80);
        let transfer = Transfer {
            name: &long_name,
            iban: &iban,
            bic: None,
            amount: None,
            remittance: Remittance::Text(format!("INV-0141,\nINV-0167 {}", "x".repeat(200))),
        };
        let payload = transfer.payload().expect("payload");
        let lines: Vec<&str> = payload.split('\n').collect();
        assert_eq!(lines.len(), 11);
        assert_eq!(lines[4], "", "no BIC");
        assert_eq!(lines[5].chars().count(), 70);
        assert_eq!(lines[7], "", "the payer types the amount");
        assert_eq!(lines[9], "", "no structured reference");
        assert!(lines[10].starts_with("INV-0141, INV-0167 "));
        assert_eq!(lines[10].chars().count(), 140);
        assert!(payload.len() <= 331, "the format's byte limit");
    }

    #[test]
    fn amounts_the_format_cannot_carry_give_no_code() {
        let iban = iban();
        let with = |amount: Decimal| Transfer {
            name: "Harbor & Pine",
            iban: &iban,
            bic: None,
            amount: Some(amount),
            remittance: Remittance::Text("INV-1".into()),
        };
        assert!(with(Decimal::ZERO).payload().is_none());
        assert!(with(Decimal::new(-5, 0)).payload().is_none());
        assert!(with(Decimal::new(1, 3)).payload().is_none());
        assert!(with(Decimal::new(1_000_000_000, 0)).payload().is_none());
        let top = with(Decimal::new(99_999_999_999, 2))
            .payload()
            .expect("the top");
        assert!(top.contains("\nEUR999999999.99\n"));
        let blank_name = Transfer {
            name: "  ",
            ..with(Decimal::ONE)
        };
        assert!(blank_name.payload().is_none());
    }
}
