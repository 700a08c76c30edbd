//! The business's bank account as customers are told it: an IBAN and,
//! optionally, the bank's BIC.
//!
//! Both are checked when typed, so a mistyped digit is caught in Settings
//! rather than by a customer whose transfer bounces.

use std::fmt;

use iban::{Iban as Checked, IbanLike, ParseBaseIbanError, ParseIbanError};
use serde::Serialize;

use crate::FieldError;

/// A valid IBAN (checksum, the country's length and format), kept in its
/// electronic form: upper case, no spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iban(String);

impl Iban {
    /// Reads an IBAN as typed or pasted: spaces and case do not matter.
    /// The error says which part is wrong, for the Settings field `field`.
    pub fn parse(field: &str, text: &str) -> Result<Iban, FieldError> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let refuse = |message: &str| Err(FieldError::new(field, message));
        if compact.len() < 5 || !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
            return refuse(
                "An IBAN is the country's two letters, two check digits and the account number, e.g. DE89 3704 0044 0532 0130 00.",
            );
        }
        match compact.parse::<Checked>() {
            Ok(iban) => Ok(Iban(iban.electronic_str().to_owned())),
            Err(ParseIbanError::UnknownCountry(_)) => {
                refuse("That IBAN starts with a country code that has no IBANs. Check the first two letters.")
            }
            Err(ParseIbanError::InvalidBban(_)) => refuse(
                "That IBAN has the wrong length or layout for its country. Check it against a bank statement.",
            ),
            Err(ParseIbanError::InvalidBaseIban {
                source: ParseBaseIbanError::InvalidChecksum,
            }) => refuse(
                "That IBAN's check digits do not match: a character is mistyped. Check it against a bank statement.",
            ),
            Err(ParseIbanError::InvalidBaseIban { .. }) => refuse(
                "That IBAN has the wrong length or layout for its country. Check it against a bank statement.",
            ),
        }
    }

    /// Upper case without spaces: what a QR code and a bank file carry.
    pub fn electronic(&self) -> &str {
        &self.0
    }

    /// The two-letter country the account is held in.
    pub fn country(&self) -> &str {
        &self.0[..2]
    }
}

/// Printed in blocks of four, as bank statements print it.
impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::in_fours(&self.0))
    }
}

impl Serialize for Iban {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A BIC (ISO 9362): bank, country, location and an optional branch,
/// 8 or 11 characters. Optional for transfers within the SEPA area, and
/// asked for by some banks from abroad.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bic(String);

impl Bic {
    /// Reads a BIC as typed: spaces and case do not matter.
    pub fn parse(field: &str, text: &str) -> Result<Bic, FieldError> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let bytes = compact.as_bytes();
        let shaped = matches!(bytes.len(), 8 | 11)
            && bytes[..6].iter().all(u8::is_ascii_uppercase)
            && bytes[6..].iter().all(u8::is_ascii_alphanumeric);
        if !shaped {
            return Err(FieldError::new(
                field,
                "A BIC is 8 or 11 letters and digits: the bank's four letters, the country's two, then the place, e.g. COBADEFFXXX.",
            ));
        }
        Ok(Bic(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_iban_is_read_as_typed_and_printed_in_fours() {
        let iban = Iban::parse("iban", "de89 3704 0044 0532 0130 00").expect("valid");
        assert_eq!(iban.electronic(), "DE89370400440532013000");
        assert_eq!(iban.to_string(), "DE89 3704 0044 0532 0130 00");
        assert_eq!(iban.country(), "DE");
        let belgian = Iban::parse("iban", "BE68539007547034").expect("valid");
        assert_eq!(belgian.to_string(), "BE68 5390 0754 7034");
    }

    #[test]
    fn a_mistyped_iban_says_what_is_wrong() {
        let message = |text: &str| Iban::parse("iban", text).expect_err(text).message;
        // One digit changed: the checksum catches it.
        assert!(message("DE89 3704 0044 0532 0130 01").contains("check digits"));
        // A digit left out changes the checksum, so the length check is seen
        // on one whose check digits were worked out for the short number.
        assert!(message("DE89 3704 0044 0532 0130").contains("check digits"));
        assert!(message("DE51 3704 0044 0532 0130 0").contains("length"));
        assert!(message("QQ33 3704 0044 0532 0130 00").contains("country"));
        assert!(message("DE89-3704").contains("two letters"));
        assert_eq!(Iban::parse("iban", "").expect_err("empty").field, "iban");
    }

    #[test]
    fn a_bic_has_eight_or_eleven_characters() {
        assert_eq!(
            Bic::parse("bic", "cobadeff xxx").expect("valid").as_str(),
            "COBADEFFXXX"
        );
        assert_eq!(
            Bic::parse("bic", "GEBABEBB").expect("valid").as_str(),
            "GEBABEBB"
        );
        for bad in ["GEBABEB", "1EBABEBB", "GEBABEBB12", "GEBA-EBB"] {
            assert!(Bic::parse("bic", bad).is_err(), "{bad}");
        }
    }
}
