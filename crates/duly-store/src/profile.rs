//! Queries for the `business_profile` table (a single row) and its logo.

use duly_core::bank::account::{Bic, Iban};
use duly_core::bank::pay_link::PayLink;
use duly_core::country::Country;
use duly_core::profile::BusinessProfile;
use duly_core::Currency;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Result, StoreError};

pub fn get(conn: &Connection) -> Result<BusinessProfile> {
    let row = conn.query_row(
        "SELECT name, owner_name, owner_title, address, email, phone, tax_id, currency,
                default_terms_days, bank_details, check_address, terms_text, late_fee_text,
                dispute_text, why_on_time, country, iban, bic, pay_link
         FROM business_profile WHERE id = 1",
        [],
        |r| {
            Ok((
                [
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ],
                r.get::<_, String>(7)?,
                r.get::<_, u32>(8)?,
                [
                    r.get::<_, String>(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                    r.get(13)?,
                    r.get(14)?,
                ],
                r.get::<_, String>(15)?,
                [r.get::<_, String>(16)?, r.get(17)?, r.get(18)?],
            ))
        },
    )?;
    let (
        [name, owner_name, owner_title, address, email, phone, tax_id],
        code,
        terms,
        texts,
        country,
        [iban, bic, pay_link],
    ) = row;
    let [bank_details, check_address, terms_text, late_fee_text, dispute_text, why_on_time] = texts;
    let currency = Currency::from_code(&code)
        .ok_or_else(|| StoreError::Corrupt("business_profile.currency".into()))?;
    let country = match country.as_str() {
        "" => None,
        code => Some(
            Country::from_code(code)
                .ok_or_else(|| StoreError::Corrupt("business_profile.country".into()))?,
        ),
    };
    // Saved only once checked: one that no longer reads was changed behind Duly's back.
    let iban = stored(&iban, "business_profile.iban", Iban::parse)?;
    let bic = stored(&bic, "business_profile.bic", Bic::parse)?;
    let pay_link = stored(&pay_link, "business_profile.pay_link", PayLink::parse)?;
    Ok(BusinessProfile {
        name,
        owner_name,
        owner_title,
        address,
        country,
        email,
        phone,
        tax_id,
        currency,
        default_terms_days: terms,
        bank_details,
        iban,
        bic,
        pay_link,
        check_address,
        terms_text,
        late_fee_text,
        dispute_text,
        why_on_time,
    })
}

pub fn save(conn: &Connection, p: &BusinessProfile) -> Result<()> {
    conn.execute(
        "UPDATE business_profile SET name = ?1, owner_name = ?2, owner_title = ?3, address = ?4,
                email = ?5, phone = ?6, tax_id = ?7, currency = ?8, default_terms_days = ?9,
                bank_details = ?10, check_address = ?11, terms_text = ?12, late_fee_text = ?13,
                dispute_text = ?14, why_on_time = ?15, country = ?16, iban = ?17, bic = ?18,
                pay_link = ?19
         WHERE id = 1",
        params![
            p.name,
            p.owner_name,
            p.owner_title,
            p.address,
            p.email,
            p.phone,
            p.tax_id,
            p.currency.code(),
            p.default_terms_days,
            p.bank_details,
            p.check_address,
            p.terms_text,
            p.late_fee_text,
            p.dispute_text,
            p.why_on_time,
            p.country.map_or("", Country::code),
            p.iban.as_ref().map_or("", Iban::electronic),
            p.bic.as_ref().map_or("", Bic::as_str),
            p.pay_link.as_ref().map_or("", PayLink::as_str)
        ],
    )?;
    Ok(())
}

/// A stored bank field (`column`, "table.column") read back: empty is `None`.
pub(crate) fn stored<T>(
    text: &str,
    column: &str,
    read: impl FnOnce(&str, &str) -> std::result::Result<T, duly_core::FieldError>,
) -> Result<Option<T>> {
    if text.is_empty() {
        return Ok(None);
    }
    read(column, text)
        .map(Some)
        .map_err(|_| StoreError::Corrupt(column.to_owned()))
}

/// A logo image as stored: its bytes and MIME type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub bytes: Vec<u8>,
    pub mime: String,
}

pub fn logo(conn: &Connection) -> Result<Option<Logo>> {
    let row = conn
        .query_row(
            "SELECT logo, logo_mime FROM business_profile WHERE id = 1 AND logo IS NOT NULL",
            [],
            |r| {
                Ok(Logo {
                    bytes: r.get(0)?,
                    mime: r.get(1)?,
                })
            },
        )
        .optional()?;
    Ok(row)
}

pub fn set_logo(conn: &Connection, logo: Option<&Logo>) -> Result<()> {
    conn.execute(
        "UPDATE business_profile SET logo = ?1, logo_mime = ?2 WHERE id = 1",
        params![logo.map(|l| &l.bytes), logo.map(|l| &l.mime)],
    )?;
    Ok(())
}

/// Whether any invoice exists: the currency is fixed once the first one is written.
pub fn has_invoices(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM invoices)", [], |r| r.get(0))?)
}
