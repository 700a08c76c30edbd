//! Settings commands: the business profile and its logo, numbering, tax rates.

use base64::Engine;
use duly_core::aging::AgingBoundsForm;
use duly_core::country::Country;
use duly_core::invoice::validate_prefix;
use duly_core::ladder::{LadderPolicy, LadderPolicyForm};
use duly_core::profile::{BusinessProfile, ProfileForm};
use duly_core::promise::{PromisePolicy, PromisePolicyForm};
use duly_core::tax::{TaxRate, TaxRateForm};
use duly_core::{Currency, DomainError};
use duly_store::policies::{PageSize, SummaryPolicy};
use duly_store::profile::Logo;
use duly_store::{numbering, policies, profile, tax_rates, Book};
use serde::{Deserialize, Serialize};

use crate::error::Result;

/// Everything the Settings screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct SettingsView {
    pub profile: BusinessProfile,
    pub invoice_prefix: String,
    pub tax_rates: Vec<TaxRate>,
    /// The logo as a `data:` URL the page can show without any file access.
    pub logo: Option<String>,
    pub currencies: Vec<(&'static str, &'static str)>,
    /// Once an invoice exists the currency is fixed: one currency per book.
    pub currency_locked: bool,
    pub promise_policy: PromisePolicy,
    pub summary_policy: SummaryPolicyView,
    pub ladder_policy: LadderPolicy,
    /// "a4" or "us_letter", for every PDF.
    pub page_size: &'static str,
    /// The countries to choose from, by name, each with the paper it uses.
    pub countries: Vec<CountryChoice>,
}

/// One country in the Settings choice.
#[derive(Debug, Clone, Serialize)]
pub struct CountryChoice {
    pub code: &'static str,
    pub name: &'static str,
    /// "a4" or "us_letter": what choosing this country sets the paper to.
    pub paper: &'static str,
    /// How the book's dates will read once this country is chosen.
    pub dates: duly_core::country::DateStyle,
}

fn paper_for(country: Country) -> PageSize {
    if country.uses_letter_paper() {
        PageSize::UsLetter
    } else {
        PageSize::A4
    }
}

/// The profile card: the profile, and the paper for PDFs, saved together.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct ProfileSettingsForm {
    #[serde(flatten)]
    pub profile: ProfileForm,
    /// "a4" or "us_letter"; empty keeps the paper, or when the country
    /// changes, takes that country's paper.
    pub page_size: String,
}

/// The summary settings as the form shows them.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryPolicyView {
    pub aging: [u32; 3],
    pub suspend_days_past_due: u32,
    pub suspend_broken_promises: u32,
}

pub fn get(book: &mut Book) -> Result<SettingsView> {
    Ok(book.read(|tx| {
        Ok(SettingsView {
            profile: profile::get(tx)?,
            invoice_prefix: numbering::invoice_prefix(tx)?,
            tax_rates: tax_rates::list(tx)?,
            logo: profile::logo(tx)?.map(|l| {
                format!(
                    "data:{};base64,{}",
                    l.mime,
                    base64::engine::general_purpose::STANDARD.encode(&l.bytes)
                )
            }),
            currencies: Currency::all().collect(),
            currency_locked: profile::has_invoices(tx)?,
            promise_policy: policies::promise_policy(tx)?,
            ladder_policy: policies::ladder_policy(tx)?,
            page_size: policies::page_size(tx)?.as_str(),
            countries: Country::all()
                .into_iter()
                .filter_map(|(code, name)| {
                    let country = Country::from_code(code)?;
                    Some(CountryChoice {
                        code,
                        name,
                        paper: paper_for(country).as_str(),
                        dates: country.date_style(),
                    })
                })
                .collect(),
            summary_policy: {
                let p = policies::summary_policy(tx)?;
                SummaryPolicyView {
                    aging: p.aging.0,
                    suspend_days_past_due: p.suspend_days_past_due,
                    suspend_broken_promises: p.suspend_broken_promises,
                }
            },
        })
    })?)
}

/// Saves the profile; a country chosen for the first time (or changed)
/// brings its paper.
pub fn save_profile(book: &mut Book, form: &ProfileForm) -> Result<SettingsView> {
    save_profile_and_paper(
        book,
        &ProfileSettingsForm {
            profile: form.clone(),
            page_size: String::new(),
        },
    )
}

/// Saves the profile card: the profile and the paper, in one write. A
/// country chosen for the first time (or changed) brings its paper unless
/// the form names one.
pub fn save_profile_and_paper(book: &mut Book, form: &ProfileSettingsForm) -> Result<SettingsView> {
    let new = form.profile.validate()?;
    let page_size = match form.page_size.trim() {
        "" => None,
        typed => Some(
            PageSize::parse(typed)
                .ok_or_else(|| DomainError::field("page_size", "Choose A4 or US Letter."))?,
        ),
    };
    book.write(|tx| {
        let old = profile::get(tx)?;
        if old.currency != new.currency && profile::has_invoices(tx)? {
            return Err(DomainError::field(
                "currency",
                format!(
                    "This book already has invoices in {}; its currency cannot change.",
                    old.currency.code()
                ),
            )
            .into());
        }
        let paper = page_size.or_else(|| {
            new.country
                .filter(|_| new.country != old.country)
                .map(paper_for)
        });
        if let Some(paper) = paper {
            policies::set_page_size(tx, paper)?;
        }
        profile::save(tx, &new)
    })?;
    get(book)
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct NumberingForm {
    pub prefix: String,
}

/// Changes the prefix of future invoice numbers; issued numbers stay as printed.
pub fn save_numbering(book: &mut Book, form: &NumberingForm) -> Result<SettingsView> {
    let prefix = validate_prefix(&form.prefix)?;
    book.write(|tx| numbering::set_invoice_prefix(tx, &prefix))?;
    get(book)
}

/// The largest logo accepted: plenty for a crisp letterhead, small enough to
/// keep every PDF light.
const MAX_LOGO_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct LogoForm {
    /// The image file's bytes, base64-encoded by the page's file picker.
    pub data_base64: String,
}

/// Stores a PNG or JPEG logo in the book (so the book is self-contained), or
/// removes it when `data_base64` is empty.
pub fn set_logo(book: &mut Book, form: &LogoForm) -> Result<SettingsView> {
    let logo = if form.data_base64.is_empty() {
        None
    } else {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(form.data_base64.trim())
            .map_err(|_| DomainError::field("logo", "That file could not be read."))?;
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(DomainError::field("logo", "The logo must be smaller than 1 MB.").into());
        }
        let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "image/png"
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            "image/jpeg"
        } else {
            return Err(DomainError::field("logo", "The logo must be a PNG or JPEG image.").into());
        };
        Some(Logo {
            bytes,
            mime: mime.to_owned(),
        })
    };
    book.write(|tx| profile::set_logo(tx, logo.as_ref()))?;
    get(book)
}

/// Adds a rate (`id` = None) or changes one.
pub fn save_tax_rate(book: &mut Book, id: Option<i64>, form: &TaxRateForm) -> Result<SettingsView> {
    let rate = form.validate()?;
    book.write(|tx| match id {
        Some(id) => tax_rates::update(tx, id, &rate),
        None => tax_rates::insert(tx, &rate).map(|_| ()),
    })?;
    get(book)
}

/// Archived rates are no longer offered for new lines; lines keep their copy.
pub fn set_tax_rate_archived(book: &mut Book, id: i64, archived: bool) -> Result<SettingsView> {
    book.write(|tx| tax_rates::set_archived(tx, id, archived))?;
    get(book)
}

/// How long a promise gets after its date, and how long checks take by mail.
pub fn save_promise_policy(book: &mut Book, form: &PromisePolicyForm) -> Result<SettingsView> {
    let policy = form.validate()?;
    book.write(|tx| policies::save_promise_policy(tx, policy))?;
    get(book)
}

/// The summary settings as typed: aging bucket bounds and the suspension
/// policy (0 turns a criterion off).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct SummaryPolicyForm {
    pub aging: AgingBoundsForm,
    pub suspend_days_past_due: String,
    pub suspend_broken_promises: String,
}

pub fn save_summary_policy(book: &mut Book, form: &SummaryPolicyForm) -> Result<SettingsView> {
    let aging = form
        .aging
        .validate()
        .map_err(|e| prefix_fields(e, "aging."))?;
    let days = duly_core::text::days(
        "suspend_days_past_due",
        "Days past due",
        &form.suspend_days_past_due,
        3650,
    )
    .map_err(|e| DomainError::Invalid(vec![e]))?;
    let broken = duly_core::text::count(
        "suspend_broken_promises",
        "Broken promises",
        &form.suspend_broken_promises,
        100,
        2,
    )
    .map_err(|e| DomainError::Invalid(vec![e]))?;
    let policy = SummaryPolicy {
        aging,
        suspend_days_past_due: days,
        suspend_broken_promises: broken,
    };
    book.write(|tx| policies::save_summary_policy(tx, policy))?;
    get(book)
}

fn prefix_fields(e: DomainError, prefix: &str) -> DomainError {
    match e {
        DomainError::Invalid(fields) => DomainError::Invalid(
            fields
                .into_iter()
                .map(|f| duly_core::FieldError::new(format!("{prefix}{}", f.field), f.message))
                .collect(),
        ),
        other => other,
    }
}

/// The ladder's timing: days past due before the first reminder, and the days
/// to wait after each step.
pub fn save_ladder_policy(book: &mut Book, form: &LadderPolicyForm) -> Result<SettingsView> {
    let policy = form.validate()?;
    book.write(|tx| policies::save_ladder_policy(tx, &policy))?;
    get(book)
}
