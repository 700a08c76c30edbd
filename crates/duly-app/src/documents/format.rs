//! How money, dates and numbers look on paper.
//!
//! The window formats values in the user's locale; a PDF leaves the app and is
//! read by the customer, in any English locale, so it uses forms that cannot
//! be misread there: "25 Nov 2026" (never 11/25 or 25/11) and the currency's
//! own symbol when it is unambiguous ("$" only for US dollars).

use duly_core::Currency;
use rust_decimal::Decimal;

/// The minus sign printed before negative amounts (U+2212, not a hyphen).
const MINUS: char = '\u{2212}';

/// Money for print: "$1,234.50", "€1,234.50", "£1,234.50", "¥1,235"; other
/// currencies by code, "CHF 1,234.50". Rounded by the money rule.
pub fn money(currency: Currency, amount: Decimal) -> String {
    with_currency(currency, currency.round(amount), currency.minor_units())
}

/// A unit price keeps the decimals it was entered with when it has more than
/// the currency ("$0.125" per page), so the printed line still multiplies out.
pub fn unit_price(currency: Currency, amount: Decimal) -> String {
    let decimals = amount.normalize().scale().max(currency.minor_units());
    with_currency(currency, amount, decimals)
}

fn with_currency(currency: Currency, amount: Decimal, decimals: u32) -> String {
    let digits = grouped(amount.abs(), decimals);
    let sign = if amount.is_zero() || amount.is_sign_positive() {
        String::new()
    } else {
        MINUS.to_string()
    };
    match symbol(currency.code()) {
        Some(symbol) => format!("{sign}{symbol}{digits}"),
        None => format!("{} {sign}{digits}", currency.code()),
    }
}

/// Symbols no reader confuses with another currency.
fn symbol(code: &str) -> Option<&'static str> {
    match code {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        _ => None,
    }
}

/// `1234.5` with 2 decimals → "1,234.50".
fn grouped(amount: Decimal, decimals: u32) -> String {
    let mut fixed = amount;
    fixed.rescale(decimals);
    let text = fixed.to_string();
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(text.len() + text.len() / 3);
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A quantity without trailing zeros: "2.5", "10".
pub fn quantity(q: Decimal) -> String {
    q.normalize().to_string()
}

/// "10%", or nothing for zero (an undiscounted line leaves the cell empty).
pub fn percent_or_blank(p: Decimal) -> String {
    if p.is_zero() {
        String::new()
    } else {
        format!("{}%", p.normalize())
    }
}

/// "VAT 20%"; a name that already states its rate ("Sales tax 5.5%") is kept
/// as it is; an untaxed line prints nothing.
pub fn tax(name: &str, percent: Decimal) -> String {
    let rate = percent_or_blank(percent);
    let name = name.trim();
    if rate.is_empty() {
        String::new()
    } else if name.is_empty() {
        rate
    } else if name.contains(&rate) {
        name.to_owned()
    } else {
        format!("{name} {rate}")
    }
}

/// Payment terms as customers read them: "Net 30", or "Due on receipt".
pub fn terms(days: u32) -> String {
    if days == 0 {
        "Due on receipt".to_owned()
    } else {
        format!("Net {days}")
    }
}

/// The non-empty, trimmed lines of a multi-line field (an address).
pub fn lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
}

/// Longest file name kept, in bytes: well under the 255 every file system
/// allows, leaving room for a " (2)" a browser or mail client may add.
const MAX_NAME_BYTES: usize = 120;

/// Names Windows reserves for devices, whatever the extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A PDF file name every OS accepts, from words such as the invoice number and
/// the company ("INV-0001 Blue Heron Dental.pdf"). Characters Windows forbids
/// (`<>:"/\|?*`) and control characters become spaces, runs of spaces
/// collapse, leading and trailing dots go (hidden on Unix, stripped on
/// Windows), device names get an underscore, and letters beyond ASCII stay.
pub fn file_name(words: &[&str]) -> String {
    let joined = words.join(" ");
    let cleaned: String = joined
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"/\\|?*".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut stem = String::new();
    for c in collapsed.chars() {
        if stem.len() + c.len_utf8() > MAX_NAME_BYTES {
            break;
        }
        stem.push(c);
    }
    let mut stem = stem.trim_matches(|c: char| c == '.' || c == ' ').to_owned();
    if stem.is_empty() {
        stem = "Document".to_owned();
    }
    let device = stem.split('.').next().unwrap_or_default().trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(device)) {
        stem.push('_');
    }
    format!("{stem}.pdf")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("test literal")
    }

    fn currency(code: &str) -> Currency {
        Currency::from_code(code).expect("known currency")
    }

    #[test]
    fn money_uses_unambiguous_symbols_and_groups_thousands() {
        assert_eq!(money(currency("USD"), d("1234.5")), "$1,234.50");
        assert_eq!(money(currency("EUR"), d("1234.5")), "€1,234.50");
        assert_eq!(money(currency("GBP"), d("0.5")), "£0.50");
        assert_eq!(money(currency("JPY"), d("1234.5")), "¥1,235");
        assert_eq!(money(currency("CHF"), d("1234567.891")), "CHF 1,234,567.89");
        assert_eq!(money(currency("CAD"), d("12")), "CAD 12.00");
        assert_eq!(money(currency("USD"), d("-5000")), "\u{2212}$5,000.00");
        assert_eq!(money(currency("CHF"), d("-3")), "CHF \u{2212}3.00");
        assert_eq!(money(currency("USD"), d("-0.001")), "$0.00");
        assert_eq!(money(currency("USD"), d("999.995")), "$1,000.00");
    }

    #[test]
    fn unit_prices_keep_their_extra_decimals() {
        assert_eq!(unit_price(currency("USD"), d("0.125")), "$0.125");
        assert_eq!(unit_price(currency("USD"), d("1250")), "$1,250.00");
        assert_eq!(unit_price(currency("JPY"), d("1500")), "¥1,500");
    }

    #[test]
    fn quantities_rates_and_terms() {
        assert_eq!(quantity(d("2.500")), "2.5");
        assert_eq!(quantity(d("10")), "10");
        assert_eq!(percent_or_blank(d("10.000")), "10%");
        assert_eq!(percent_or_blank(Decimal::ZERO), "");
        assert_eq!(tax("VAT", d("20")), "VAT 20%");
        assert_eq!(tax("Sales tax 5.5%", d("5.5")), "Sales tax 5.5%");
        assert_eq!(tax("No tax", Decimal::ZERO), "");
        assert_eq!(tax("", d("7")), "7%");
        assert_eq!(terms(30), "Net 30");
        assert_eq!(terms(0), "Due on receipt");
    }

    #[test]
    fn file_names_are_safe_everywhere() {
        assert_eq!(
            file_name(&["INV-0001", "Blue Heron Dental"]),
            "INV-0001 Blue Heron Dental.pdf"
        );
        assert_eq!(
            file_name(&["INV/7", "A<B>:C\"D|E?F*G\\H\tI"]),
            "INV 7 A B C D E F G H I.pdf"
        );
        assert_eq!(file_name(&["Zoë Ångström & Søn"]), "Zoë Ångström & Søn.pdf");
        assert_eq!(file_name(&["..hidden.."]), "hidden.pdf");
        assert_eq!(file_name(&["con"]), "con_.pdf");
        assert_eq!(file_name(&["", "  "]), "Document.pdf");
        let long = file_name(&[&"é".repeat(300)]);
        assert!(long.len() <= MAX_NAME_BYTES + 4, "{}", long.len());
        assert!(long.ends_with("é.pdf"));
    }
}
