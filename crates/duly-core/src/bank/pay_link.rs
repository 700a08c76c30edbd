//! The owner's online payment page ("Pay online"), with the amount and the
//! invoice filled in, so paying by card takes the customer one click.
//!
//! The owner gives the page's address once, in Settings, with fill-ins where
//! their payment provider reads the values:
//! `https://pay.example.com/harbor?amount={amount}&ref={invoice}`.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rust_decimal::Decimal;
use serde::Serialize;

use super::reference::CreditorReference;
use crate::money::Currency;
use crate::FieldError;

/// A checked payment-page address with its fill-ins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PayLink(String);

/// The fill-ins a link may hold, and what each becomes.
const FILL_INS: [&str; 4] = ["{amount}", "{currency}", "{invoice}", "{reference}"];

/// What stays as typed in a filled-in value: RFC 3986's unreserved characters.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

impl PayLink {
    /// Reads the address typed in Settings: a web address (https, or http),
    /// without spaces, whose only `{…}` are the known fill-ins.
    pub fn parse(field: &str, text: &str) -> Result<PayLink, FieldError> {
        let link = text.trim();
        let refuse = |message: String| Err(FieldError::new(field, message));
        let lower = link.to_ascii_lowercase();
        let host = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"));
        let Some(host) = host else {
            return refuse(
                "A payment link is a web address starting with https://, as your payment provider gives it."
                    .into(),
            );
        };
        if host.is_empty() || host.starts_with('/') || link.chars().any(char::is_whitespace) {
            return refuse("That payment link has no site name or has spaces in it.".into());
        }
        if link.len() > 500 {
            return refuse("That payment link is longer than 500 characters.".into());
        }
        let mut rest = link;
        while let Some(open) = rest.find('{') {
            let after = &rest[open..];
            let Some(fill) = FILL_INS.iter().find(|f| after.starts_with(**f)) else {
                let shown: String = after
                    .chars()
                    .take_while(|c| *c != '}')
                    .chain(['}'])
                    .collect();
                return refuse(format!(
                    "{shown} is not a fill-in Duly knows: use {{amount}}, {{currency}}, {{invoice}} or {{reference}}."
                ));
            };
            rest = &after[fill.len()..];
        }
        Ok(PayLink(link.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The link for paying `amount` of invoice `number`: the amount in plain
    /// digits with the currency's decimals ("627.50"), the currency's code,
    /// the number and its RF reference (empty without one), each encoded for
    /// a URL.
    pub fn for_invoice(
        &self,
        number: &str,
        amount: Decimal,
        currency: Currency,
        reference: Option<&CreditorReference>,
    ) -> String {
        let encode = |v: &str| utf8_percent_encode(v, VALUE).to_string();
        self.0
            .replace("{amount}", &currency.format(amount))
            .replace("{currency}", currency.code())
            .replace("{invoice}", &encode(number))
            .replace(
                "{reference}",
                reference.map_or("", CreditorReference::electronic),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_filled_in_for_an_invoice() {
        let link = PayLink::parse(
            "pay_link",
            " https://pay.example.com/harbor?amount={amount}&cur={currency}&ref={invoice}&rf={reference} ",
        )
        .expect("valid");
        let eur = Currency::from_code("EUR").expect("EUR");
        let reference = CreditorReference::for_invoice("INV 0141/A").expect("ref");
        assert_eq!(
            link.for_invoice("INV 0141/A", Decimal::new(6275, 1), eur, Some(&reference)),
            format!(
                "https://pay.example.com/harbor?amount=627.50&cur=EUR&ref=INV%200141%2FA&rf={}",
                reference.electronic()
            )
        );
        let fixed = PayLink::parse("pay_link", "http://pay.example.com/harbor").expect("valid");
        assert_eq!(
            fixed.for_invoice("INV-1", Decimal::ONE, eur, None),
            "http://pay.example.com/harbor"
        );
    }

    #[test]
    fn a_link_that_is_not_a_web_address_or_has_an_unknown_fill_in_is_refused() {
        let message = |text: &str| PayLink::parse("pay_link", text).expect_err(text).message;
        assert!(message("pay.example.com").contains("https://"));
        assert!(message("javascript:alert(1)").contains("https://"));
        assert!(message("https://").contains("site name"));
        assert!(message("https://pay.example.com/a b").contains("spaces"));
        assert_eq!(
            message("https://pay.example.com/?a={total}"),
            "{total} is not a fill-in Duly knows: use {amount}, {currency}, {invoice} or {reference}."
        );
        assert!(message(&format!("https://example.com/{}", "a".repeat(500))).contains("500"));
    }
}
