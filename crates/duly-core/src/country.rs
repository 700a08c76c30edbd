//! The business's country, and what follows from it: how every date in the
//! book is written (in the window, the messages and the PDFs alike) and the
//! paper its documents are laid out for.

use chrono::{Datelike, NaiveDate};
use isocountry::CountryCode;
use serde::{Serialize, Serializer};

/// A country by its ISO 3166 alpha-2 code ("US", "DE").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country(CountryCode);

/// Countries that write the month first ("Nov 25, 2026") and print on US
/// Letter. Canada is mixed in practice; its paper is Letter and its business
/// correspondence in English mostly writes the month first.
const MONTH_FIRST: &[&str] = &[
    "US", "CA", "PH", "FM", "MH", "PW", "BZ", "PR", "GU", "AS", "VI", "MP", "UM",
];
const LETTER_PAPER: &[&str] = &[
    "US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "PR", "SV", "NI", "HN", "BZ",
    "GU", "AS", "VI", "MP", "UM", "FM", "MH", "PW",
];

impl Country {
    /// The country for a code, in any case; `None` for a code ISO does not list.
    pub fn from_code(code: &str) -> Option<Self> {
        CountryCode::for_alpha2_caseless(code.trim()).ok().map(Self)
    }

    pub fn code(self) -> &'static str {
        self.0.alpha2()
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// Every country, as (code, name) sorted by name, for the Settings choice.
    pub fn all() -> Vec<(&'static str, &'static str)> {
        let mut all: Vec<_> = CountryCode::iter()
            .map(|c| (c.alpha2(), c.name()))
            .collect();
        all.sort_by_key(|(_, name)| *name);
        all
    }

    /// How this country writes a date.
    pub fn date_style(self) -> DateStyle {
        if MONTH_FIRST.contains(&self.code()) {
            DateStyle::MonthFirst
        } else {
            DateStyle::DayFirst
        }
    }

    /// True where US Letter, not A4, is the paper in the printer.
    pub fn uses_letter_paper(self) -> bool {
        LETTER_PAPER.contains(&self.code())
    }
}

impl Serialize for Country {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// How a book writes its dates. The month is always a word, so neither style
/// can be misread as the other ("03/04" could).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateStyle {
    /// "Nov 25, 2026": the United States and its neighbours.
    MonthFirst,
    /// "25 Nov 2026": most of the world, and the choice for a book whose
    /// country is not set yet.
    #[default]
    DayFirst,
}

impl DateStyle {
    /// A full date: "Nov 25, 2026" or "25 Nov 2026".
    pub fn day(self, d: NaiveDate) -> String {
        match self {
            DateStyle::MonthFirst => d.format("%b %-d, %Y").to_string(),
            DateStyle::DayFirst => d.format("%-d %b %Y").to_string(),
        }
    }

    /// A day of a year the reader knows from context: "Nov 25" or "25 Nov".
    pub fn day_of_year(self, d: NaiveDate) -> String {
        match self {
            DateStyle::MonthFirst => d.format("%b %-d").to_string(),
            DateStyle::DayFirst => d.format("%-d %b").to_string(),
        }
    }

    /// A span of days, the year written once when both ends share it:
    /// "Oct 27 – Nov 25, 2026" or "27 Oct – 25 Nov 2026"; one day reads as a day.
    pub fn span(self, from: NaiveDate, through: NaiveDate) -> String {
        if from == through {
            self.day(through)
        } else if from.year() == through.year() {
            format!("{} \u{2013} {}", self.day_of_year(from), self.day(through))
        } else {
            format!("{} \u{2013} {}", self.day(from), self.day(through))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a real day")
    }

    #[test]
    fn the_country_sets_the_date_style_and_the_paper() {
        let us = Country::from_code("us").expect("listed");
        assert_eq!(us.code(), "US");
        assert_eq!(us.date_style(), DateStyle::MonthFirst);
        assert!(us.uses_letter_paper());
        let de = Country::from_code("DE").expect("listed");
        assert_eq!(de.date_style(), DateStyle::DayFirst);
        assert!(!de.uses_letter_paper());
        let mx = Country::from_code("MX").expect("listed");
        assert_eq!(
            (mx.date_style(), mx.uses_letter_paper()),
            (DateStyle::DayFirst, true)
        );
        assert_eq!(Country::from_code("XX"), None);
        assert_eq!(Country::from_code(""), None);
    }

    #[test]
    fn every_country_is_offered_once_by_name() {
        let all = Country::all();
        assert!(all.len() > 240, "{}", all.len());
        assert!(all.windows(2).all(|w| w[0].1 <= w[1].1), "sorted by name");
        assert!(all.iter().any(|(code, _)| *code == "GB"));
    }

    #[test]
    fn dates_in_each_style() {
        let (oct, nov, jan) = (d(2026, 10, 27), d(2026, 11, 25), d(2027, 1, 5));
        let us = DateStyle::MonthFirst;
        assert_eq!(us.day(nov), "Nov 25, 2026");
        assert_eq!(us.span(oct, nov), "Oct 27 \u{2013} Nov 25, 2026");
        assert_eq!(us.span(nov, jan), "Nov 25, 2026 \u{2013} Jan 5, 2027");
        assert_eq!(us.span(nov, nov), "Nov 25, 2026");
        let world = DateStyle::DayFirst;
        assert_eq!(world.day(jan), "5 Jan 2027");
        assert_eq!(world.span(oct, nov), "27 Oct \u{2013} 25 Nov 2026");
        assert_eq!(world.span(nov, jan), "25 Nov 2026 \u{2013} 5 Jan 2027");
    }
}
