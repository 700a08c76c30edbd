//! Named tax rates ("VAT 20%", "None"). Invoice lines copy the rate's name and
//! percent when they are written, so changing a rate never alters an invoice.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Problems};
use crate::money::{parse_decimal, DecimalRule};
use crate::text;

/// A tax rate as kept in the book's small rates table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaxRate {
    pub id: i64,
    pub name: String,
    /// Percent, 0 to 100 (`20` means 20 %), serialized as a decimal string.
    #[serde(with = "rust_decimal::serde::str")]
    pub percent: Decimal,
    pub archived: bool,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct TaxRateForm {
    pub name: String,
    pub percent: String,
}

/// A validated rate, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxRateDetails {
    pub name: String,
    pub percent: Decimal,
}

/// 0 % to 100 %, up to three decimals (e.g. 8.875 % sales tax).
pub const PERCENT: DecimalRule = DecimalRule {
    label: "Tax rate",
    min: Decimal::ZERO,
    min_inclusive: true,
    max: Decimal::ONE_HUNDRED,
    max_decimals: 3,
    currency: None,
};

impl TaxRateForm {
    pub fn validate(&self) -> Result<TaxRateDetails, DomainError> {
        let mut p = Problems::new();
        let name = p.take(text::line("name", "Tax rate name", &self.name, true));
        let percent = p.take(parse_decimal("percent", &self.percent, &PERCENT));
        p.finish(TaxRateDetails { name, percent })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_takes_a_decimal_comma_and_says_how_to_write_it() {
        let rate = |percent: &str| {
            TaxRateForm {
                name: "MwSt".into(),
                percent: percent.into(),
            }
            .validate()
        };
        assert_eq!(rate("7,5").map(|r| r.percent.to_string()), Ok("7.5".into()));
        assert_eq!(rate("19").map(|r| r.percent.to_string()), Ok("19".into()));
        let Err(DomainError::Invalid(errors)) = rate("7,5,1") else {
            panic!("expected invalid");
        };
        assert!(
            errors[0].message.ends_with("Write it like 20 or 7.5."),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn a_rate_above_100_percent_is_refused() {
        let form = TaxRateForm {
            name: "Oops".into(),
            percent: "120".into(),
        };
        let Err(DomainError::Invalid(errors)) = form.validate() else {
            panic!("expected invalid");
        };
        assert_eq!(errors[0].field, "percent");
        assert_eq!(errors[0].message, "Tax rate cannot be more than 100.");
    }

    #[test]
    fn sales_tax_with_three_decimals_is_fine() {
        let form = TaxRateForm {
            name: "NYC sales tax".into(),
            percent: "8.875".into(),
        };
        assert_eq!(
            form.validate().map(|r| r.percent.to_string()),
            Ok("8.875".into())
        );
    }
}
