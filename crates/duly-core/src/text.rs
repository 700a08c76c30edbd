//! Validation of the free text people type: names, addresses, notes, emails.
//!
//! Limits are generous for real use and small enough that a pasted megabyte is
//! refused with a message instead of bloating the book and every PDF.

use chrono::{Datelike, NaiveDate};

use crate::error::FieldError;

/// Longest single-line field (names, phone, email, units).
pub const SHORT: usize = 200;
/// Longest multi-line field (addresses, line descriptions, policies, notes).
pub const LONG: usize = 5_000;

/// A single line of text: trimmed; control characters refused.
pub fn line(field: &str, label: &str, text: &str, required: bool) -> Result<String, FieldError> {
    let t = text.trim();
    if required && t.is_empty() {
        return Err(FieldError::new(field, format!("{label} is required.")));
    }
    if t.chars().count() > SHORT {
        return Err(too_long(field, label, SHORT));
    }
    if t.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            format!("{label} must be on one line, without special characters."),
        ));
    }
    Ok(t.to_owned())
}

/// Multi-line text: line breaks and tabs kept (as `\n`), other control
/// characters refused, surrounding blank space trimmed.
pub fn paragraph(
    field: &str,
    label: &str,
    text: &str,
    required: bool,
) -> Result<String, FieldError> {
    let t = text.replace("\r\n", "\n");
    let t = t.trim();
    if required && t.is_empty() {
        return Err(FieldError::new(field, format!("{label} is required.")));
    }
    if t.chars().count() > LONG {
        return Err(too_long(field, label, LONG));
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(FieldError::new(
            field,
            format!("{label} contains characters that cannot be printed."),
        ));
    }
    Ok(t.to_owned())
}

/// An email address, optional unless `required`. The check is deliberately
/// plain (one `@`, a dotted domain, no spaces): it catches typos without
/// refusing unusual but valid addresses.
pub fn email(field: &str, label: &str, text: &str, required: bool) -> Result<String, FieldError> {
    let t = line(field, label, text, required)?;
    if t.is_empty() {
        return Ok(t);
    }
    let valid = match t.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && !t.contains(char::is_whitespace)
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
        }
        None => false,
    };
    if valid {
        Ok(t)
    } else {
        Err(FieldError::new(
            field,
            format!("{label} \u{201c}{}\u{201d} does not look like an email address (name@example.com).", shorten(&t)),
        ))
    }
}

/// What the window sends for a date input holding a day that does not
/// exist (the browser gives such an input no value, which would read as
/// "required").
pub const IMPOSSIBLE_DATE: &str = "?";

/// A calendar date as sent by a date input (`2026-11-25`).
pub fn date(field: &str, label: &str, text: &str) -> Result<NaiveDate, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(FieldError::new(field, format!("{label} is required.")));
    }
    if t == IMPOSSIBLE_DATE {
        return Err(FieldError::new(
            field,
            format!("{label} is not a day on the calendar; check the day and the month."),
        ));
    }
    let day = NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
        FieldError::new(
            field,
            format!("{label} \u{201c}{}\u{201d} is not a date.", shorten(t)),
        )
    })?;
    if !storable(day) {
        return Err(FieldError::new(
            field,
            format!("{label} is out of range (years 1 to 9999)."),
        ));
    }
    Ok(day)
}

/// Whether the book can keep `day`: dates are stored as `YYYY-MM-DD` text
/// and compared as text, which orders them right for four-digit years only.
pub fn storable(day: NaiveDate) -> bool {
    (1..=9999).contains(&day.year())
}

/// A whole number of days (payment terms), within `0..=max`.
pub fn days(field: &str, label: &str, text: &str, max: u32) -> Result<u32, FieldError> {
    whole(field, label, text, max, " days", 30)
}

/// A whole number that is not days (installments, a port, a count of
/// broken promises), within `0..=max`; `example` shows the owner its kind.
pub fn count(
    field: &str,
    label: &str,
    text: &str,
    max: u32,
    example: u32,
) -> Result<u32, FieldError> {
    whole(field, label, text, max, "", example)
}

fn whole(
    field: &str,
    label: &str,
    text: &str,
    max: u32,
    unit: &str,
    example: u32,
) -> Result<u32, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(FieldError::new(field, format!("{label} is required.")));
    }
    match t.parse::<u32>() {
        Ok(n) if n <= max => Ok(n),
        Ok(_) => Err(FieldError::new(
            field,
            format!("{label} cannot be more than {max}{unit}."),
        )),
        Err(_) => {
            let noun = if unit.is_empty() { "" } else { " of days" };
            Err(FieldError::new(
                field,
                format!("{label} must be a whole number{noun}, like {example}."),
            ))
        }
    }
}

fn too_long(field: &str, label: &str, max: usize) -> FieldError {
    FieldError::new(
        field,
        format!("{label} is too long (at most {max} characters)."),
    )
}

fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        s.push('…');
    }
    s
}

/// Text folded for search: lower case, accents dropped, and the letters
/// that are not a base letter with a mark spelled out ("Müller & Søn" →
/// "muller & son", "Straße" → "strasse"), so a search typed on any keyboard
/// finds the name as the customer writes it.
pub fn fold(text: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    // Plain ASCII (invoice numbers, most names) has no marks to drop: the
    // lists fold tens of thousands of these at once.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ø' | 'Ø' => out.push('o'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ß' => out.push_str("ss"),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'þ' | 'Þ' => out.push_str("th"),
            'ı' => out.push('i'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_and_single_line() {
        assert_eq!(
            line("f", "Name", "  Zoë Ångström  ", true),
            Ok("Zoë Ångström".into())
        );
        assert_eq!(
            line("f", "Name", " ", true).map_err(|e| e.message),
            Err("Name is required.".into())
        );
        assert!(line("f", "Name", "a\u{0}b", true).is_err());
        assert!(line("f", "Name", "a\nb", true).is_err());
    }

    #[test]
    fn paragraphs_keep_line_breaks_and_refuse_a_megabyte() {
        assert_eq!(
            paragraph("f", "Notes", "a\r\nb\n", false),
            Ok("a\nb".into())
        );
        let huge = "x".repeat(1_000_000);
        let err = paragraph("f", "Description", &huge, true).expect_err("too long");
        assert_eq!(
            err.message,
            "Description is too long (at most 5000 characters)."
        );
    }

    #[test]
    fn emails_catch_typos() {
        assert_eq!(
            email("f", "Email", "ap@acme.co.uk", true),
            Ok("ap@acme.co.uk".into())
        );
        assert_eq!(email("f", "Email", "", false), Ok(String::new()));
        for bad in [
            "ap.acme.com",
            "ap@acme",
            "a p@acme.com",
            "ap@@acme.com",
            "@acme.com",
            "ap@acme..com",
        ] {
            assert!(email("f", "Email", bad, false).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_beyond_four_digit_years_are_refused() {
        for far in ["10000-01-01", "0000-12-31", "-0001-01-01"] {
            assert!(date("d", "Issue date", far).is_err(), "{far}");
        }
        assert!(date("d", "Issue date", "9999-12-31").is_ok());
    }

    #[test]
    fn search_ignores_case_and_accents() {
        assert_eq!(fold("Müller & Søn"), "muller & son");
        assert_eq!(fold("ZOË ÅNGSTRÖM"), "zoe angstrom");
        assert_eq!(fold("Straße Łódź Æble"), "strasse lodz aeble");
        assert!(fold("Café Olé 🌮 Tacos").contains("cafe ole"));
        assert_eq!(fold("inv-0042"), "inv-0042");
        assert_eq!(fold("INV-0042 Harbor & Pine"), "inv-0042 harbor & pine");
        // The ASCII shortcut answers as the whole fold does.
        let every_ascii: String = (0u8..128).map(char::from).collect();
        let slow: String = every_ascii.chars().flat_map(char::to_lowercase).collect();
        assert_eq!(fold(&every_ascii), slow);
    }

    #[test]
    fn dates_and_days() {
        assert_eq!(
            date("d", "Issue date", "2026-02-28"),
            Ok(NaiveDate::from_ymd_opt(2026, 2, 28).expect("valid"))
        );
        assert!(date("d", "Issue date", "2026-02-30").is_err());
        assert_eq!(
            date("d", "Date received", IMPOSSIBLE_DATE).map_err(|e| e.message),
            Err("Date received is not a day on the calendar; check the day and the month.".into())
        );
        assert_eq!(days("t", "Terms", "30", 365), Ok(30));
        assert!(days("t", "Terms", "-1", 365).is_err());
        assert!(days("t", "Terms", "400", 365).is_err());
    }

    /// A count is not days: "Number of installments must be a whole number
    /// of days" misled the owner.
    #[test]
    fn counts_and_days_say_which_they_are() {
        let message = |r: Result<u32, FieldError>| r.map_err(|e| e.message).err();
        assert_eq!(
            message(count("n", "Number of installments", "2.5", 60, 3)).as_deref(),
            Some("Number of installments must be a whole number, like 3.")
        );
        assert_eq!(
            message(count("port", "Port", "70000", 65535, 587)).as_deref(),
            Some("Port cannot be more than 65535.")
        );
        assert_eq!(
            message(days("t", "Terms", "x", 365)).as_deref(),
            Some("Terms must be a whole number of days, like 30.")
        );
        assert_eq!(
            message(days("t", "Terms", "400", 365)).as_deref(),
            Some("Terms cannot be more than 365 days.")
        );
    }
}
