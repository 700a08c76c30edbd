//! How a customer pays the business by bank, printed on every invoice and
//! reminder so the money arrives already labelled:
//!
//! - [`account`]: the business's IBAN and BIC, checked when typed in Settings;
//! - [`reference`]: the ISO 11649 "RF" creditor reference of each invoice,
//!   which a bank passes back unchanged and matching reads first;
//! - [`epc_qr`]: the payload of the EPC payment QR code ("GiroCode") a
//!   banking app scans instead of the customer typing IBAN and amount;
//! - [`pay_link`]: the owner's online payment page, with the amount and the
//!   invoice filled in.

pub mod account;
pub mod epc_qr;
pub mod matching;
pub mod pay_link;
pub mod reference;
pub mod statement;

/// `text` in blocks of four characters, as IBANs and RF references are
/// printed for people to read and type ("RF18 5390 0754 7034").
pub fn in_fours(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for (i, ch) in text.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(ch);
    }
    out
}

/// ISO 7064 MOD 97-10 over letters and digits (A = 10 … Z = 35), the check
/// shared by IBANs and RF references. `None` for any other character.
pub(crate) fn mod97(text: &str) -> Option<u32> {
    let mut rest = 0u32;
    for ch in text.chars() {
        let value = ch.to_digit(36)?;
        rest = if value < 10 {
            (rest * 10 + value) % 97
        } else {
            (rest * 100 + value) % 97
        };
    }
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_four_and_the_mod_97_check() {
        assert_eq!(in_fours("RF18539007547034"), "RF18 5390 0754 7034");
        assert_eq!(in_fours("RF45G"), "RF45 G");
        assert_eq!(in_fours(""), "");
        // The IBAN check: the rearranged IBAN leaves 1.
        assert_eq!(mod97("500105175407324931DE44"), Some(1));
        assert_eq!(mod97("12-3"), None);
    }
}
