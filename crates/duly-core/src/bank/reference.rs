//! The ISO 11649 structured creditor reference ("RF" reference) of an invoice.
//!
//! Banks carry it from the payer to the payee untouched, unlike free
//! remittance text, so a transfer that quotes it names its invoice for
//! certain. It is derived from the invoice number alone (never stored), so
//! it is the same on the invoice, on every reminder and in matching, and an
//! issued invoice's reference can never change.

use std::fmt;

use serde::Serialize;

/// An RF reference with valid check digits, in electronic form
/// ("RF18539007547034").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CreditorReference(String);

/// At most 21 letters and digits follow "RF" and the two check digits.
const MAX_BODY: usize = 21;

impl CreditorReference {
    /// The reference of the invoice numbered `number`: its letters and digits,
    /// upper-cased, after "RF" and the check digits ("INV-0141" →
    /// "RF69INV0141"). `None` when the number has none of them or more than
    /// 21, or any letter outside A–Z: such an invoice is paid quoting its
    /// number.
    pub fn for_invoice(number: &str) -> Option<CreditorReference> {
        let body: String = number
            .chars()
            .filter(|c| !matches!(c, '-' | '/' | ' ' | '.' | '_' | '#'))
            .collect::<String>()
            .to_ascii_uppercase();
        if body.is_empty()
            || body.len() > MAX_BODY
            || !body.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return None;
        }
        let rest = super::mod97(&format!("{body}RF00"))?;
        Some(CreditorReference(format!("RF{:02}{body}", 98 - rest)))
    }

    /// Reads a reference from a bank's remittance field or as typed:
    /// spaces and case do not matter; the check digits must hold.
    pub fn parse(text: &str) -> Option<CreditorReference> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let (head, body) = (compact.get(..4)?, compact.get(4..)?);
        let shaped = head.starts_with("RF")
            && head[2..].chars().all(|c| c.is_ascii_digit())
            && !body.is_empty()
            && body.len() <= MAX_BODY
            && body.chars().all(|c| c.is_ascii_alphanumeric());
        (shaped && super::mod97(&format!("{body}{head}")) == Some(1))
            .then_some(CreditorReference(compact))
    }

    /// Upper case without spaces: what a QR code and a bank file carry.
    pub fn electronic(&self) -> &str {
        &self.0
    }
}

/// Printed in blocks of four, as the standard recommends for paper.
impl fmt::Display for CreditorReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::in_fours(&self.0))
    }
}

impl Serialize for CreditorReference {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_standards_example_and_an_invoice_number() {
        // ISO 11649's own example.
        let example = CreditorReference::parse("RF18 5390 0754 7034").expect("valid");
        assert_eq!(example.electronic(), "RF18539007547034");
        assert_eq!(
            CreditorReference::for_invoice("539007547034"),
            Some(example)
        );
        let inv = CreditorReference::for_invoice("INV-0141").expect("a reference");
        assert!(inv.electronic().starts_with("RF") && inv.electronic().ends_with("INV0141"));
        assert_eq!(
            CreditorReference::parse(&inv.to_string()),
            Some(inv.clone())
        );
        assert_eq!(CreditorReference::for_invoice("inv 0141"), Some(inv));
    }

    #[test]
    fn numbers_that_cannot_be_a_reference_have_none() {
        assert_eq!(CreditorReference::for_invoice(""), None);
        assert_eq!(CreditorReference::for_invoice("--"), None);
        assert_eq!(CreditorReference::for_invoice("RÉF-12"), None);
        assert_eq!(CreditorReference::for_invoice(&"1".repeat(22)), None);
        assert!(CreditorReference::for_invoice(&"1".repeat(21)).is_some());
    }

    #[test]
    fn a_mistyped_reference_is_not_read() {
        assert_eq!(CreditorReference::parse("RF18 5390 0754 7035"), None);
        assert_eq!(CreditorReference::parse("RF19 5390 0754 7034"), None);
        assert_eq!(CreditorReference::parse("RF18"), None);
        assert_eq!(CreditorReference::parse("XX18539007547034"), None);
    }

    proptest! {
        /// Every reference made for a number reads back, and a mistyped
        /// character (a digit for a digit, a letter for a letter: what MOD
        /// 97-10 guarantees to catch) is caught.
        #[test]
        fn made_references_read_back_and_a_mistyped_character_is_caught(
            number in "[A-Z0-9]{1,21}",
            at in 0usize..25,
            digit in 0u32..10,
            letter in 10u32..36,
        ) {
            let made = CreditorReference::for_invoice(&number).expect("a reference");
            prop_assert_eq!(CreditorReference::parse(made.electronic()), Some(made.clone()));
            let mut chars: Vec<char> = made.electronic().chars().collect();
            let at = 2 + at % (chars.len() - 2);
            let kind = if chars[at].is_ascii_digit() { digit } else { letter };
            let to = char::from_digit(kind, 36).expect("base 36").to_ascii_uppercase();
            prop_assume!(chars[at] != to);
            chars[at] = to;
            let changed: String = chars.into_iter().collect();
            prop_assert_eq!(CreditorReference::parse(&changed), None);
        }
    }
}
