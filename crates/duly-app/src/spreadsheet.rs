//! Text cells that spreadsheets would run as formulas.
//!
//! Excel, LibreOffice and Google Sheets treat a cell starting with `=`, `+`,
//! `-`, `@`, a tab or a carriage return as a formula, so a customer named
//! `=HYPERLINK(…)` in an export could act when the owner opens the file
//! ("CSV injection"). Exports prefix such text cells with `'`, which every
//! spreadsheet shows as plain text; imports take that one `'` off again, so
//! an exported book imports back exactly. Number and date columns are
//! written as numbers and never escaped.

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn needs_escape(text: &str) -> bool {
    match text.chars().next() {
        Some(c) if FORMULA_STARTS.contains(&c) => true,
        // `'=x` must become `''=x`, or importing it would give `=x`.
        Some('\'') => needs_escape(&text[1..]),
        _ => false,
    }
}

/// A text cell as exported.
pub fn escape(text: &str) -> String {
    if needs_escape(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// A text cell as imported: the inverse of [`escape`].
pub fn unescape(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_escape(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_are_defused_and_plain_text_is_left_alone() {
        assert_eq!(
            escape("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(escape("-5 Corp"), "'-5 Corp");
        assert_eq!(escape("'=x"), "''=x");
        assert_eq!(escape("O'Brien & Co"), "O'Brien & Co");
        assert_eq!(escape("'quoted'"), "'quoted'");
        assert_eq!(unescape("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unescape("'quoted'"), "'quoted'");
    }

    proptest! {
        #[test]
        fn what_is_exported_imports_back_exactly(text in "['=+@\\-\\ta-z ]{0,6}") {
            let cell = escape(&text);
            prop_assert!(!cell.starts_with(FORMULA_STARTS));
            prop_assert_eq!(unescape(&cell), text.as_str());
        }
    }
}
