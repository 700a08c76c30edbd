//! Exact money: `rust_decimal`, one currency per book, explicit rounding.
//!
//! Amounts cross the IPC boundary and the CSV/PDF boundaries as decimal strings
//! and are stored as integer minor units (cents), so SQL sums stay exact too.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// The currencies a book can be kept in, with their minor unit.
/// One currency per book: it is chosen in the business profile.
const CURRENCIES: &[(&str, u32, &str)] = &[
    ("USD", 2, "US dollar"),
    ("EUR", 2, "Euro"),
    ("GBP", 2, "Pound sterling"),
    ("CAD", 2, "Canadian dollar"),
    ("AUD", 2, "Australian dollar"),
    ("NZD", 2, "New Zealand dollar"),
    ("CHF", 2, "Swiss franc"),
    ("SEK", 2, "Swedish krona"),
    ("NOK", 2, "Norwegian krone"),
    ("DKK", 2, "Danish krone"),
    ("PLN", 2, "Polish złoty"),
    ("CZK", 2, "Czech koruna"),
    ("ZAR", 2, "South African rand"),
    ("INR", 2, "Indian rupee"),
    ("SGD", 2, "Singapore dollar"),
    ("HKD", 2, "Hong Kong dollar"),
    ("MXN", 2, "Mexican peso"),
    ("BRL", 2, "Brazilian real"),
    ("JPY", 0, "Japanese yen"),
];

/// A book's currency: its ISO 4217 code and how many decimals its minor unit has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    code: &'static str,
    minor_units: u32,
}

impl Currency {
    pub const USD: Currency = Currency {
        code: "USD",
        minor_units: 2,
    };

    /// Looks a currency up by its ISO code (`"EUR"`, case-insensitive).
    pub fn from_code(code: &str) -> Option<Currency> {
        let code = code.trim();
        CURRENCIES
            .iter()
            .find(|(c, _, _)| c.eq_ignore_ascii_case(code))
            .map(|&(code, minor_units, _)| Currency { code, minor_units })
    }

    /// Every supported currency as (code, name), for the Settings picker.
    pub fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
        CURRENCIES.iter().map(|&(code, _, name)| (code, name))
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn minor_units(&self) -> u32 {
        self.minor_units
    }

    /// THE rounding rule for money: half-up (away from zero at the midpoint) to
    /// the currency's minor unit. 2.345 → 2.35, 2.344 → 2.34.
    pub fn round(&self, amount: Decimal) -> Decimal {
        amount.round_dp_with_strategy(self.minor_units, RoundingStrategy::MidpointAwayFromZero)
    }

    /// Integer minor units for storage (`12.34` → `1234`). `None` if the amount
    /// has more decimals than the currency or does not fit in 64 bits.
    pub fn to_minor(&self, amount: Decimal) -> Option<i64> {
        if amount.normalize().scale() > self.minor_units {
            return None;
        }
        let scaled = amount.checked_mul(Decimal::from(10i64.pow(self.minor_units)))?;
        i64::try_from(scaled.trunc()).ok()
    }

    /// The amount a stored minor-unit integer stands for (`1234` → `12.34`).
    pub fn from_minor(&self, minor: i64) -> Decimal {
        Decimal::new(minor, self.minor_units)
    }

    /// For messages outside the window (notifications, file names):
    /// "USD 4,950.00", digits grouped by thousands.
    pub fn display(&self, amount: Decimal) -> String {
        let text = self.format(amount);
        let (sign, digits) = text
            .strip_prefix('-')
            .map_or(("", text.as_str()), |d| ("-", d));
        let (int, frac) = digits
            .split_once('.')
            .map_or((digits, None), |(i, f)| (i, Some(f)));
        let mut grouped = String::new();
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        match frac {
            Some(f) => format!("{} {sign}{grouped}.{f}", self.code),
            None => format!("{} {sign}{grouped}", self.code),
        }
    }

    /// Canonical text with exactly the currency's decimals (`12.5` → `"12.50"`):
    /// what crosses IPC and goes into documents.
    pub fn format(&self, amount: Decimal) -> String {
        self.money(amount).to_string()
    }

    /// The amount rounded to the currency's minor unit, carrying its exact
    /// decimals: a view holds this, so Rust reads the number and the window
    /// reads the canonical string, and nothing is parsed back from text.
    pub fn money(&self, amount: Decimal) -> Money {
        let mut rounded = self.round(amount);
        rounded.rescale(self.minor_units);
        Money(rounded)
    }
}

/// An amount already rounded to its currency's decimals (see
/// [`Currency::money`]). Serializes as the canonical decimal string
/// (`"1234.50"`), never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Money(Decimal);

impl Money {
    pub fn amount(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// Lets tests and callers compare with the canonical text (`"12.50"`).
impl PartialEq<&str> for Money {
    fn eq(&self, other: &&str) -> bool {
        self.0.to_string() == *other
    }
}

impl PartialEq<str> for Money {
    fn eq(&self, other: &str) -> bool {
        self.0.to_string() == other
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Currency::from_code(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown currency {code}")))
    }
}

/// How a decimal input is allowed to look and which range it must be in.
#[derive(Debug, Clone, Copy)]
pub struct DecimalRule {
    /// The words used in messages: "Quantity", "Unit price".
    pub label: &'static str,
    pub min: Decimal,
    pub min_inclusive: bool,
    pub max: Decimal,
    pub max_decimals: u32,
    /// For an amount of money: its limits are stated with the currency in
    /// messages ("cannot be more than USD 175.00", never a bare "175").
    pub currency: Option<Currency>,
}

/// Parses what a person typed into a number field, strictly.
///
/// Accepted: `12`, `12.5`, `-3`, `1,234.50` (commas only as thousands
/// separators). For a rate of at most 100 (a percentage), where a thousands
/// separator cannot occur, one comma and no point is a decimal comma:
/// `7,5` is 7.5, as most of Europe writes it. Refused with a message naming
/// the field: empty text, `12,3.4`, exponents (`1e400`), `NaN`, more
/// decimals than allowed, out-of-range values.
pub fn parse_decimal(field: &str, text: &str, rule: &DecimalRule) -> Result<Decimal, FieldError> {
    let label = rule.label;
    let typed = text.trim();
    let comma_decimal;
    let t = if is_rate(rule) && typed.matches(',').count() == 1 && !typed.contains('.') {
        comma_decimal = typed.replace(',', ".");
        comma_decimal.as_str()
    } else {
        typed
    };
    let not_a_number = |field: &str, label: &str, _: &str| not_a_number(field, label, typed, rule);
    if t.is_empty() {
        return Err(FieldError::new(field, format!("{label} is required.")));
    }
    let (negative, unsigned) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (int_part, frac_part) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let digits_ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let int_digits = if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first = groups.next().unwrap_or_default();
        let grouped = (1..=3).contains(&first.len())
            && digits_ok(first)
            && groups.all(|g| g.len() == 3 && digits_ok(g));
        if !grouped {
            return Err(not_a_number(field, label, t));
        }
        int_part.replace(',', "")
    } else {
        int_part.to_owned()
    };
    let int_ok = digits_ok(&int_digits) || (int_digits.is_empty() && frac_part.is_some());
    if !int_ok || frac_part.is_some_and(|f| !digits_ok(f)) {
        return Err(not_a_number(field, label, t));
    }
    if int_digits.trim_start_matches('0').len() > 15 {
        return Err(FieldError::new(field, format!("{label} is far too large.")));
    }
    let decimals = frac_part.map_or(0, str::len);
    if decimals > rule.max_decimals as usize {
        let msg = match rule.max_decimals {
            0 => format!("{label} must be a whole number."),
            1 => format!("{label} can have at most 1 decimal."),
            n => format!("{label} can have at most {n} decimals."),
        };
        return Err(FieldError::new(field, msg));
    }
    let canonical = format!(
        "{}{}.{}",
        if negative { "-" } else { "" },
        if int_digits.is_empty() {
            "0"
        } else {
            &int_digits
        },
        frac_part.unwrap_or("0")
    );
    let value: Decimal = canonical
        .parse()
        .map_err(|_| not_a_number(field, label, t))?;
    let below = if rule.min_inclusive {
        value < rule.min
    } else {
        value <= rule.min
    };
    let shown = |limit: Decimal| {
        rule.currency
            .map_or(limit.to_string(), |c| c.display(limit))
    };
    if below {
        let msg = match (rule.min.is_zero(), rule.min_inclusive) {
            (true, false) => format!("{label} must be more than 0."),
            (true, true) => format!("{label} cannot be negative."),
            (false, true) => format!("{label} must be at least {}.", shown(rule.min)),
            (false, false) => format!("{label} must be more than {}.", shown(rule.min)),
        };
        return Err(FieldError::new(field, msg));
    }
    if value > rule.max {
        return Err(FieldError::new(
            field,
            format!("{label} cannot be more than {}.", shown(rule.max)),
        ));
    }
    Ok(value.normalize())
}

/// A rate (at most 100, never money): written "20" or "7.5".
fn is_rate(rule: &DecimalRule) -> bool {
    rule.currency.is_none() && rule.max <= Decimal::ONE_HUNDRED
}

fn not_a_number(field: &str, label: &str, typed: &str, rule: &DecimalRule) -> FieldError {
    let shown: String = typed.chars().take(20).collect();
    let like = if is_rate(rule) {
        "20 or 7.5"
    } else {
        "1250 or 1,250.50"
    };
    FieldError::new(
        field,
        format!("{label} \u{201c}{shown}\u{201d} is not a number. Write it like {like}."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::prelude::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    const PRICE: DecimalRule = DecimalRule {
        label: "Unit price",
        min: Decimal::ZERO,
        min_inclusive: true,
        max: Decimal::from_parts(1_000_000_000, 0, 0, false, 0),
        max_decimals: 4,
        currency: None,
    };

    #[test]
    fn rounds_half_up_to_minor_unit() {
        let usd = Currency::USD;
        assert_eq!(usd.round(d("2.345")), d("2.35"));
        assert_eq!(usd.round(d("2.344")), d("2.34"));
        assert_eq!(usd.round(d("-2.345")), d("-2.35"));
        let jpy = Currency::from_code("jpy").expect("known");
        assert_eq!(jpy.round(d("100.5")), d("101"));
    }

    #[test]
    fn minor_units_round_trip_and_refuse_excess_decimals() {
        let usd = Currency::USD;
        assert_eq!(usd.to_minor(d("12.34")), Some(1234));
        assert_eq!(usd.to_minor(d("12.340")), Some(1234));
        assert_eq!(usd.to_minor(d("12.345")), None);
        assert_eq!(usd.from_minor(1234), d("12.34"));
        assert_eq!(usd.format(d("12.5")), "12.50");
        assert_eq!(usd.format(d("-0.005")), "-0.01");
        assert_eq!(usd.display(d("4950")), "USD 4,950.00");
        assert_eq!(usd.display(d("-1234567.891")), "USD -1,234,567.89");
        assert_eq!(usd.display(d("12")), "USD 12.00");
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse_decimal("p", "12", &PRICE), Ok(d("12")));
        assert_eq!(parse_decimal("p", " 1,234.50 ", &PRICE), Ok(d("1234.5")));
        assert_eq!(parse_decimal("p", ".5", &PRICE), Ok(d("0.5")));
        assert_eq!(parse_decimal("p", "+3", &PRICE), Ok(d("3")));
    }

    #[test]
    fn refuses_malformed_numbers_with_the_field_named() {
        for bad in [
            "12,3.4", "1e400", "NaN", "abc", "1.2.3", "12.", ",5", "1,23", "--1", "1 000",
        ] {
            let err = parse_decimal("lines[0].unit_price", bad, &PRICE).expect_err(bad);
            assert_eq!(err.field, "lines[0].unit_price");
            assert!(
                err.message.contains("is not a number"),
                "{bad}: {}",
                err.message
            );
        }
        let empty = parse_decimal("p", "  ", &PRICE).expect_err("empty");
        assert_eq!(empty.message, "Unit price is required.");
        let negative = parse_decimal("p", "-2", &PRICE).expect_err("negative");
        assert_eq!(negative.message, "Unit price cannot be negative.");
        let precise = parse_decimal("p", "1.23456", &PRICE).expect_err("decimals");
        assert_eq!(precise.message, "Unit price can have at most 4 decimals.");
        let huge = parse_decimal("p", "2000000000", &PRICE).expect_err("max");
        assert_eq!(huge.message, "Unit price cannot be more than 1000000000.");
        let enormous = parse_decimal("p", &"9".repeat(400), &PRICE).expect_err("huge");
        assert_eq!(enormous.message, "Unit price is far too large.");
    }

    #[test]
    fn currency_codes_are_known_or_refused() {
        assert_eq!(Currency::from_code("eur").map(|c| c.code()), Some("EUR"));
        assert_eq!(Currency::from_code("XXX"), None);
    }
}
