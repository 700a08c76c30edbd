//! Fonts, text measuring and word wrapping.
//!
//! printpdf places text but does not measure or wrap it, so widths come from
//! the glyph advances of the embedded Noto Sans faces. printpdf maps each
//! `char` to one glyph without kerning or ligatures, so summing advances gives
//! exactly the width a viewer draws — which is what right-aligned money needs.

use std::sync::{Arc, OnceLock};

use printpdf::{AzulParsedFont, ParsedFont};
use rust_fontconfig::FontBytes;

use crate::DocumentError;

/// The two cuts of one weight of Noto Sans (`fonts/make-fonts.sh` makes them).
struct Cuts {
    common: &'static [u8],
    full: &'static [u8],
    name: &'static str,
}

const REGULAR: Cuts = Cuts {
    common: include_bytes!("../fonts/NotoSans-Regular-Common.ttf"),
    full: include_bytes!("../fonts/NotoSans-Regular.ttf"),
    name: "NotoSans-Regular",
};
const BOLD: Cuts = Cuts {
    common: include_bytes!("../fonts/NotoSans-Bold-Common.ttf"),
    full: include_bytes!("../fonts/NotoSans-Bold.ttf"),
    name: "NotoSans-Bold",
};

/// Which of the two embedded weights to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// One parsed font file, ready for measuring and embedding.
pub(crate) struct Face {
    pub(crate) parsed: ParsedFont,
    /// Advance of each ASCII character in font units: the common case, without a cmap lookup.
    ascii: [u16; 128],
    units_per_em: f32,
}

impl Face {
    fn parse(bytes: &[u8], name: &'static str) -> Result<Self, DocumentError> {
        let mut warnings = Vec::new();
        // Outlines (loca/glyf) are read only if something asks for one; the
        // PDF needs only the cmap and advances here, and subsets from the
        // bytes. Loading every outline up front was a fifth of the parse.
        let bytes = Arc::new(FontBytes::Owned(Arc::from(bytes)));
        let parsed = AzulParsedFont::from_bytes_shared(bytes, 0, &mut warnings)
            .map(ParsedFont::from_azul)
            .ok_or(DocumentError::Font { name })?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let mut face = Self {
            parsed,
            ascii: [0; 128],
            units_per_em,
        };
        face.ascii = std::array::from_fn(|code| {
            let glyph = face.glyph(char::from(code as u8)).unwrap_or(0);
            face.parsed.get_horizontal_advance(glyph)
        });
        Ok(face)
    }

    fn glyph(&self, c: char) -> Option<u16> {
        self.parsed.lookup_glyph_index(u32::from(c))
    }

    fn covers(&self, c: char) -> bool {
        c.is_ascii() || self.glyph(c).is_some()
    }
}

/// One weight of Noto Sans in its two cuts: the common one (Latin,
/// punctuation, currency and symbols; a third of the glyphs), parsed with
/// the fonts, and the full one, parsed only when a document has a character
/// the common cut lacks. Both cuts share outlines and advances, so text
/// measures the same whichever is embedded.
pub(crate) struct Typeface {
    common: Face,
    full: OnceLock<Result<Face, DocumentError>>,
    cuts: &'static Cuts,
}

impl Typeface {
    fn new(cuts: &'static Cuts) -> Result<Self, DocumentError> {
        Ok(Self {
            common: Face::parse(cuts.common, cuts.name)?,
            full: OnceLock::new(),
            cuts,
        })
    }

    fn full(&self) -> Result<&Face, DocumentError> {
        self.full
            .get_or_init(|| Face::parse(self.cuts.full, self.cuts.name))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Advance of `c` in font units. A character Noto Sans lacks is drawn as
    /// .notdef (glyph 0), so that is what it measures. (Should the full cut
    /// fail to parse, the document fails in [`Typeface::cut_for`], so the
    /// fallback width here is never drawn.)
    fn advance(&self, c: char) -> u16 {
        if let Some(advance) = self.common.ascii.get(c as usize) {
            return *advance;
        }
        if let Some(glyph) = self.common.glyph(c) {
            return self.common.parsed.get_horizontal_advance(glyph);
        }
        match self.full() {
            Ok(full) => full
                .parsed
                .get_horizontal_advance(full.glyph(c).unwrap_or(0)),
            Err(_) => self.common.parsed.get_horizontal_advance(0),
        }
    }

    /// Width of `text` in points at `size`, as it will be drawn.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .filter_map(drawn_char)
            .map(|c| u32::from(self.advance(c)))
            .sum();
        units as f32 * size / self.common.units_per_em
    }

    /// The cut to embed in a document that draws `chars` in this weight: the
    /// common one when it has them all.
    pub(crate) fn cut_for(
        &self,
        mut chars: impl Iterator<Item = char>,
    ) -> Result<&Face, DocumentError> {
        if chars.all(|c| self.common.covers(c)) {
            Ok(&self.common)
        } else {
            self.full()
        }
    }
}

/// The two embedded weights.
pub(crate) struct Fonts {
    pub(crate) regular: Typeface,
    pub(crate) bold: Typeface,
}

impl Fonts {
    /// The common cuts, parsed once per process: parsing costs more than
    /// laying out an invoice.
    pub(crate) fn get() -> Result<&'static Fonts, DocumentError> {
        static FONTS: OnceLock<Result<Fonts, DocumentError>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Ok(Fonts {
                    regular: Typeface::new(&REGULAR)?,
                    bold: Typeface::new(&BOLD)?,
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    pub(crate) fn typeface(&self, weight: Weight) -> &Typeface {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Width of `text` in points.
    pub(crate) fn width(&self, weight: Weight, size: f32, text: &str) -> f32 {
        self.typeface(weight).width(text, size)
    }

    /// Wraps `text` to lines no wider than `max_width` points.
    ///
    /// Breaks at spaces (never at no-break spaces, which locales put inside
    /// amounts), keeps the caller's line breaks and blank lines, and breaks a
    /// word that is wider than a whole line between characters.
    pub(crate) fn wrap(
        &self,
        weight: Weight,
        size: f32,
        text: &str,
        max_width: f32,
    ) -> Vec<String> {
        let face = self.typeface(weight);
        // Tolerate float noise, so text measured to fit a column still fits it.
        let max_width = max_width + 0.01;
        let space = face.width(" ", size);
        let mut lines = Vec::new();
        for paragraph in text.trim_end().split('\n') {
            let mut line = String::new();
            let mut line_width = 0.0;
            for word in paragraph.split(is_break_space).filter(|w| !w.is_empty()) {
                let word_width = face.width(word, size);
                if !line.is_empty() && line_width + space + word_width <= max_width {
                    line.push(' ');
                    line.push_str(word);
                    line_width += space + word_width;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if word_width <= max_width {
                    line.push_str(word);
                    line_width = word_width;
                } else {
                    let mut pieces = break_word(face, size, word, max_width);
                    let last = pieces.pop().unwrap_or_default();
                    line_width = face.width(&last, size);
                    lines.extend(pieces);
                    line = last;
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// Splits a word too wide for a line into pieces that fit (at least one character each).
fn break_word(face: &Typeface, size: f32, word: &str, max_width: f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut width = 0.0;
    for c in word.chars() {
        let w = face.width(c.encode_utf8(&mut [0; 4]), size);
        if !piece.is_empty() && width + w > max_width {
            pieces.push(std::mem::take(&mut piece));
            width = 0.0;
        }
        piece.push(c);
        width += w;
    }
    pieces.push(piece);
    pieces
}

/// Spaces a line may break at: any whitespace except the no-break kinds.
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2060}')
}

/// What stands for a character Noto Sans cannot draw (an emoji in a
/// customer's name): the replacement character, which the full cut has,
/// so the reader sees that something was there instead of an empty box.
pub(crate) const REPLACEMENT: char = '\u{fffd}';

/// The character actually drawn for `c`, or `None` for one that draws nothing.
///
/// Control characters and soft hyphens are dropped, tabs become spaces, and the
/// minus sign (some locales format negatives with it; Noto Sans lacks it)
/// becomes a hyphen-minus. A character neither cut has is drawn as
/// [`REPLACEMENT`], and the joiners and modifiers that build one emoji out
/// of several (variation selectors, zero-width joiner, skin tones, keycap)
/// draw nothing, so "👩🏽‍💻" prints one replacement, not four. Measuring and
/// drawing both go through this, so widths stay exact.
pub(crate) fn drawn_char(c: char) -> Option<char> {
    match c {
        '\t' => Some(' '),
        '\u{ad}' => None,
        '\u{2212}' => Some('-'),
        '\u{200d}' | '\u{fe00}'..='\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}' | '\u{20e3}' => None,
        c if c.is_control() => None,
        c if !drawable(c) => Some(REPLACEMENT),
        c => Some(c),
    }
}

/// Whether Noto Sans has a glyph for `c` (both weights cover the same
/// characters). The full cut is parsed only for a character the common cut
/// lacks, as when it is embedded.
fn drawable(c: char) -> bool {
    if c.is_ascii() {
        return true;
    }
    match Fonts::get() {
        Ok(fonts) => {
            fonts.regular.common.covers(c)
                || fonts
                    .regular
                    .full()
                    .is_ok_and(|full| full.glyph(c).is_some())
        }
        // Without fonts no document is drawn at all.
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::get().expect("embedded fonts parse")
    }

    #[test]
    fn a_character_no_face_has_is_drawn_as_a_visible_replacement() {
        let drawn = |text: &str| text.chars().filter_map(drawn_char).collect::<String>();
        assert_eq!(drawn("Café Olé 🌮 Tacos"), "Café Olé \u{fffd} Tacos");
        assert_eq!(
            drawn("Dev 👩🏽\u{200d}💻 Studio"),
            "Dev \u{fffd}\u{fffd} Studio"
        );
        assert_eq!(drawn("I ❤\u{fe0f} NY"), "I \u{fffd} NY");
        assert_eq!(
            drawn("Łódź · Zoë"),
            "Łódź · Zoë",
            "letters Noto Sans has stay"
        );
        let full = fonts().regular.full().expect("the full cut parses");
        assert!(
            full.glyph(REPLACEMENT).is_some(),
            "the replacement is drawn, never a box"
        );
    }

    #[test]
    fn widths_come_from_glyph_advances() {
        let f = fonts();
        // Noto Sans has 1000 units per em: "W" advances 930 units.
        assert!((f.width(Weight::Regular, 10.0, "W") - 9.30).abs() < 1e-3);
        assert!(f.width(Weight::Bold, 10.0, "Müller") > f.width(Weight::Regular, 10.0, "Müller"));
        assert_eq!(f.width(Weight::Regular, 10.0, ""), 0.0);
    }

    /// Layout measures with the common cut and may embed the full one, so
    /// the two must agree on every advance (make-fonts.sh keeps hmtx).
    #[test]
    fn the_common_cut_measures_exactly_like_the_full_one() {
        for typeface in [&fonts().regular, &fonts().bold] {
            let full = typeface.full().expect("the full cut parses");
            let mut compared = 0;
            for c in (0..=0x22ff_u32).filter_map(char::from_u32) {
                if let Some(glyph) = typeface.common.glyph(c) {
                    let full_glyph = full.glyph(c).expect("the full cut has it too");
                    assert_eq!(
                        typeface.common.parsed.get_horizontal_advance(glyph),
                        full.parsed.get_horizontal_advance(full_glyph),
                        "advance of {c:?}"
                    );
                    compared += 1;
                }
            }
            assert!(
                compared > 800,
                "only {compared} characters in the common cut"
            );
        }
    }

    #[test]
    fn documents_embed_the_common_cut_unless_a_character_needs_the_full_one() {
        let regular = &fonts().regular;
        let common: *const Face = &regular.common;
        let cut = |text: &str| regular.cut_for(text.chars()).expect("cut") as *const Face;
        assert_eq!(
            cut("Zoë Ångström, Łódź — Müller & Søn: €1 234,50, ½ day"),
            common
        );
        assert_ne!(cut("Ελένη"), common, "Greek is outside the common cut");
        assert_ne!(cut("Иван"), common, "Cyrillic is outside the common cut");
        // Both measure alike, so text needing the full cut still lays out.
        assert!(regular.width("Иван", 10.0) > regular.width("I", 10.0) * 3.0);
    }

    #[test]
    fn wraps_on_words_and_keeps_line_breaks() {
        let f = fonts();
        let lines = f.wrap(Weight::Regular, 10.0, "one two three\n\nfour", 45.0);
        assert_eq!(lines, ["one two", "three", "", "four"]);
        for line in &lines {
            assert!(f.width(Weight::Regular, 10.0, line) <= 45.0);
        }
    }

    #[test]
    fn breaks_words_longer_than_a_line() {
        let f = fonts();
        let word = "x".repeat(200);
        let lines = f.wrap(Weight::Regular, 10.0, &format!("a {word} b"), 50.0);
        assert!(lines.len() > 3);
        assert_eq!(lines.concat().replace(' ', ""), format!("a{word}b"));
        for line in &lines {
            assert!(f.width(Weight::Regular, 10.0, line) <= 50.0, "{line}");
        }
    }

    #[test]
    fn never_breaks_at_no_break_spaces() {
        let f = fonts();
        let amount = "1\u{a0}234,56\u{202f}€";
        let width = f.width(Weight::Regular, 10.0, amount) + 1.0;
        let lines = f.wrap(Weight::Regular, 10.0, &format!("Total {amount}"), width);
        assert_eq!(lines, ["Total", amount]);
    }
}
