//! Fonts, text measuring and word wrapping.
//!
//! printpdf places text but does not measure or wrap it, so widths come from
//! the glyph advances of the embedded Noto Sans faces. printpdf maps each
//! `char` to one glyph without kerning or ligatures, so summing advances gives
//! exactly the width a viewer draws — which is what right-aligned money needs.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::DocumentError;

const REGULAR_TTF: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");

/// Which of the two embedded faces to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// One parsed face with its advances, ready for measuring.
pub(crate) struct Face {
    pub(crate) parsed: ParsedFont,
    /// Advance of each ASCII character in font units: the common case, without a cmap lookup.
    ascii: [u16; 128],
    units_per_em: f32,
}

impl Face {
    fn parse(bytes: &[u8], name: &'static str) -> Result<Self, DocumentError> {
        let mut warnings = Vec::new();
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or(DocumentError::Font { name })?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let mut face = Self {
            parsed,
            ascii: [0; 128],
            units_per_em,
        };
        face.ascii = std::array::from_fn(|code| face.lookup_advance(char::from(code as u8)));
        Ok(face)
    }

    fn lookup_advance(&self, c: char) -> u16 {
        // A character the font lacks is drawn as .notdef (glyph 0): measure that.
        let glyph = self.parsed.lookup_glyph_index(u32::from(c)).unwrap_or(0);
        self.parsed.get_horizontal_advance(glyph)
    }

    fn advance(&self, c: char) -> u16 {
        match self.ascii.get(c as usize) {
            Some(advance) => *advance,
            None => self.lookup_advance(c),
        }
    }

    /// Width of `text` in points at `size`, as it will be drawn.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .filter_map(drawn_char)
            .map(|c| u32::from(self.advance(c)))
            .sum();
        units as f32 * size / self.units_per_em
    }
}

/// The two embedded faces.
pub(crate) struct Fonts {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
}

impl Fonts {
    /// The faces, parsed once per process: parsing costs more than laying out an invoice.
    pub(crate) fn get() -> Result<&'static Fonts, DocumentError> {
        static FONTS: OnceLock<Result<Fonts, DocumentError>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Ok(Fonts {
                    regular: Face::parse(REGULAR_TTF, "NotoSans-Regular.ttf")?,
                    bold: Face::parse(BOLD_TTF, "NotoSans-Bold.ttf")?,
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    pub(crate) fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Width of `text` in points.
    pub(crate) fn width(&self, weight: Weight, size: f32, text: &str) -> f32 {
        self.face(weight).width(text, size)
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
        let face = self.face(weight);
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
fn break_word(face: &Face, size: f32, word: &str, max_width: f32) -> Vec<String> {
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

/// The character actually drawn for `c`, or `None` for one that draws nothing.
///
/// Control characters and soft hyphens are dropped, tabs become spaces, and the
/// minus sign (some locales format negatives with it; Noto Sans lacks it)
/// becomes a hyphen-minus. Measuring and drawing both go through this, so
/// widths stay exact.
pub(crate) fn drawn_char(c: char) -> Option<char> {
    match c {
        '\t' => Some(' '),
        '\u{ad}' => None,
        '\u{2212}' => Some('-'),
        c if c.is_control() => None,
        c => Some(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::get().expect("embedded fonts parse")
    }

    #[test]
    fn widths_come_from_glyph_advances() {
        let f = fonts();
        // Noto Sans has 1000 units per em: "W" advances 930 units.
        assert!((f.width(Weight::Regular, 10.0, "W") - 9.30).abs() < 1e-3);
        assert!(f.width(Weight::Bold, 10.0, "Müller") > f.width(Weight::Regular, 10.0, "Müller"));
        assert_eq!(f.width(Weight::Regular, 10.0, ""), 0.0);
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
