//! The business profile: who sends the invoices and signs the follow-ups.

use serde::{Deserialize, Serialize};

use crate::bank::account::{Bic, Iban};
use crate::bank::pay_link::PayLink;
use crate::country::{Country, DateStyle};
use crate::error::{DomainError, Problems};
use crate::money::Currency;
use crate::text;

/// The profile form as typed in Settings.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct ProfileForm {
    pub name: String,
    pub owner_name: String,
    pub owner_title: String,
    pub address: String,
    /// ISO 3166 alpha-2 code, or empty while not chosen.
    pub country: String,
    pub email: String,
    pub phone: String,
    pub tax_id: String,
    pub currency: String,
    pub default_terms_days: String,
    pub bank_details: String,
    /// The account customers pay into: printed with each invoice's RF
    /// reference, and in the EPC QR code on euro invoices.
    pub iban: String,
    pub bic: String,
    /// The owner's online payment page, with `{amount}`, `{invoice}`… fill-ins.
    pub pay_link: String,
    pub check_address: String,
    pub terms_text: String,
    pub late_fee_text: String,
    pub dispute_text: String,
    /// "Why on-time payment matters to us", in the owner's words; quoted in
    /// the personal follow-up.
    pub why_on_time: String,
}

/// The validated business profile. A fresh book has an empty name until the
/// owner fills in Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BusinessProfile {
    pub name: String,
    pub owner_name: String,
    pub owner_title: String,
    pub address: String,
    /// Sets the book's date style and its default paper; `None` until chosen.
    pub country: Option<Country>,
    pub email: String,
    pub phone: String,
    pub tax_id: String,
    #[serde(serialize_with = "serialize_currency")]
    pub currency: Currency,
    pub default_terms_days: u32,
    pub bank_details: String,
    pub iban: Option<Iban>,
    pub bic: Option<Bic>,
    pub pay_link: Option<PayLink>,
    pub check_address: String,
    pub terms_text: String,
    pub late_fee_text: String,
    pub dispute_text: String,
    pub why_on_time: String,
}

fn serialize_currency<S: serde::Serializer>(c: &Currency, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.code())
}

impl BusinessProfile {
    /// What a new book starts with: net 30 in US dollars, nothing else filled.
    pub fn blank() -> Self {
        Self {
            name: String::new(),
            owner_name: String::new(),
            owner_title: String::new(),
            address: String::new(),
            country: None,
            email: String::new(),
            phone: String::new(),
            tax_id: String::new(),
            currency: Currency::USD,
            default_terms_days: 30,
            bank_details: String::new(),
            iban: None,
            bic: None,
            pay_link: None,
            check_address: String::new(),
            terms_text: String::new(),
            late_fee_text: String::new(),
            dispute_text: String::new(),
            why_on_time: String::new(),
        }
    }

    /// Has the owner set the business up (enough to put a name on an invoice)?
    pub fn is_set_up(&self) -> bool {
        !self.name.is_empty()
    }

    /// How every date of this book is written: the country's way, or
    /// "25 Nov 2026" (never misread) until the country is chosen.
    pub fn date_style(&self) -> DateStyle {
        self.country.map(Country::date_style).unwrap_or_default()
    }
}

impl ProfileForm {
    pub fn validate(&self) -> Result<BusinessProfile, DomainError> {
        let mut p = Problems::new();
        let currency = match Currency::from_code(&self.currency) {
            Some(c) => c,
            None => {
                p.add("currency", "Choose the currency the business bills in.");
                Currency::USD
            }
        };
        let country = if self.country.trim().is_empty() {
            None
        } else {
            let found = Country::from_code(&self.country);
            if found.is_none() {
                p.add("country", "Choose the country from the list.");
            }
            found
        };
        let profile = BusinessProfile {
            name: p.take(text::line("name", "Business name", &self.name, true)),
            owner_name: p.take(text::line(
                "owner_name",
                "Owner's name",
                &self.owner_name,
                false,
            )),
            owner_title: p.take(text::line(
                "owner_title",
                "Owner's title",
                &self.owner_title,
                false,
            )),
            address: p.take(text::paragraph("address", "Address", &self.address, false)),
            country,
            email: p.take(text::email("email", "Email", &self.email, false)),
            phone: p.take(text::line("phone", "Phone", &self.phone, false)),
            tax_id: p.take(text::line("tax_id", "Tax id", &self.tax_id, false)),
            currency,
            default_terms_days: p.take(text::days(
                "default_terms_days",
                "Default payment terms",
                &self.default_terms_days,
                365,
            )),
            bank_details: p.take(text::paragraph(
                "bank_details",
                "Bank details",
                &self.bank_details,
                false,
            )),
            iban: p.take(optional(&self.iban, |t| Iban::parse("iban", t))),
            bic: p.take(optional(&self.bic, |t| Bic::parse("bic", t))),
            pay_link: p.take(optional(&self.pay_link, |t| PayLink::parse("pay_link", t))),
            check_address: p.take(text::paragraph(
                "check_address",
                "Mailing address for checks",
                &self.check_address,
                false,
            )),
            terms_text: p.take(text::paragraph(
                "terms_text",
                "Terms and conditions",
                &self.terms_text,
                false,
            )),
            late_fee_text: p.take(text::paragraph(
                "late_fee_text",
                "Late-fee terms",
                &self.late_fee_text,
                false,
            )),
            dispute_text: p.take(text::paragraph(
                "dispute_text",
                "Dispute policy",
                &self.dispute_text,
                false,
            )),
            why_on_time: p.take(text::paragraph(
                "why_on_time",
                "Why on-time payment matters",
                &self.why_on_time,
                false,
            )),
        };
        p.finish(profile)
    }
}

/// An optional field: empty is `None`, anything typed must read.
fn optional<T>(
    text: &str,
    read: impl FnOnce(&str) -> Result<T, crate::FieldError>,
) -> Result<Option<T>, crate::FieldError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        read(text).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_needs_a_name_a_known_currency_and_sane_terms() {
        let form = ProfileForm {
            name: String::new(),
            currency: "XYZ".into(),
            default_terms_days: "1000".into(),
            email: "owner@".into(),
            ..ProfileForm::default()
        };
        let Err(DomainError::Invalid(errors)) = form.validate() else {
            panic!("expected invalid");
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["currency", "name", "email", "default_terms_days"]);
    }

    #[test]
    fn a_filled_profile_validates() {
        let form = ProfileForm {
            name: "Müller & Søn Design".into(),
            owner_name: "Lena Müller".into(),
            currency: "eur".into(),
            default_terms_days: "14".into(),
            country: "dk".into(),
            ..ProfileForm::default()
        };
        let profile = form.validate().expect("valid");
        assert_eq!(profile.currency.code(), "EUR");
        assert_eq!(profile.country.map(Country::code), Some("DK"));
        assert_eq!(profile.date_style(), DateStyle::DayFirst);
        assert!(profile.is_set_up());
    }

    #[test]
    fn bank_details_are_checked_and_kept_in_their_electronic_form() {
        let form = ProfileForm {
            name: "Müller & Søn Design".into(),
            currency: "EUR".into(),
            default_terms_days: "14".into(),
            iban: "de89 3704 0044 0532 0130 00".into(),
            bic: " cobadeffxxx".into(),
            pay_link: "https://pay.example.com/mueller?amount={amount}&ref={invoice}".into(),
            ..ProfileForm::default()
        };
        let profile = form.clone().validate().expect("valid");
        assert_eq!(
            profile.iban.as_ref().map(Iban::electronic),
            Some("DE89370400440532013000")
        );
        assert_eq!(profile.bic.as_ref().map(Bic::as_str), Some("COBADEFFXXX"));
        assert!(profile.pay_link.is_some());
        let blank = ProfileForm {
            iban: " ".into(),
            bic: String::new(),
            pay_link: String::new(),
            ..form.clone()
        };
        let profile = blank.validate().expect("valid");
        assert_eq!(
            (profile.iban, profile.bic, profile.pay_link),
            (None, None, None)
        );
        let wrong = ProfileForm {
            iban: "DE89 3704 0044 0532 0130 01".into(),
            bic: "COBA".into(),
            pay_link: "pay.example.com".into(),
            ..form
        };
        let Err(DomainError::Invalid(errors)) = wrong.validate() else {
            panic!("expected invalid");
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["iban", "bic", "pay_link"]);
    }

    #[test]
    fn the_country_sets_the_books_dates_and_an_unknown_one_is_refused() {
        let us = ProfileForm {
            name: "Pine Street Plumbing".into(),
            currency: "USD".into(),
            default_terms_days: "30".into(),
            country: "US".into(),
            ..ProfileForm::default()
        };
        assert_eq!(
            us.validate().expect("valid").date_style(),
            DateStyle::MonthFirst
        );
        let unset = ProfileForm {
            country: String::new(),
            ..us.clone()
        };
        assert_eq!(
            unset.validate().expect("valid").date_style(),
            DateStyle::DayFirst
        );
        let bad = ProfileForm {
            country: "Atlantis".into(),
            ..us
        };
        let Err(DomainError::Invalid(errors)) = bad.validate() else {
            panic!("expected invalid");
        };
        assert_eq!(errors[0].field, "country");
    }
}
