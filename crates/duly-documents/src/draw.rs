//! What a page is made of, before it becomes PDF operations.
//!
//! Layout code works top-down in points (y grows down the page) with a small
//! vocabulary of [`Item`]s grouped into [`Block`]s that pagination can move
//! as a whole. Only `pdf.rs` knows printpdf's bottom-up coordinates.

use crate::layout::{Fonts, Weight};

/// An RGB colour, each channel 0.0–1.0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub(crate) f32, pub(crate) f32, pub(crate) f32);

/// The palette: dark grey text, a muted grey for labels, hairline rules and
/// one deep-teal accent.
pub(crate) mod colour {
    use super::Rgb;

    pub(crate) const TEXT: Rgb = Rgb(0.16, 0.18, 0.20);
    pub(crate) const MUTED: Rgb = Rgb(0.42, 0.45, 0.49);
    pub(crate) const RULE: Rgb = Rgb(0.84, 0.86, 0.88);
    pub(crate) const ACCENT: Rgb = Rgb(0.06, 0.33, 0.38);
    pub(crate) const PANEL: Rgb = Rgb(0.955, 0.965, 0.97);
    pub(crate) const VOID: Rgb = Rgb(0.78, 0.10, 0.10);
    /// A QR code is black on white: the contrast every scanner reads.
    pub(crate) const QR_DARK: Rgb = Rgb(0.0, 0.0, 0.0);
    pub(crate) const QR_LIGHT: Rgb = Rgb(1.0, 1.0, 1.0);
}

/// Font, size and colour of a run of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub(crate) weight: Weight,
    pub(crate) size: f32,
    pub(crate) colour: Rgb,
}

impl Style {
    pub(crate) const fn new(weight: Weight, size: f32, colour: Rgb) -> Self {
        Self {
            weight,
            size,
            colour,
        }
    }

    pub(crate) const fn bold(self) -> Self {
        Self::new(Weight::Bold, self.size, self.colour)
    }

    /// Distance between baselines of consecutive lines.
    pub(crate) fn line_height(self) -> f32 {
        self.size * 1.4
    }

    /// Offset of the baseline below the top of a line box, centring capitals in it.
    pub(crate) fn baseline(self) -> f32 {
        self.line_height() / 2.0 + self.size * 0.357
    }
}

/// The text styles every document shares.
pub(crate) mod style {
    use super::{colour, Style};
    use crate::layout::Weight::{Bold, Regular};

    pub(crate) const BODY: Style = Style::new(Regular, 9.0, colour::TEXT);
    pub(crate) const SMALL: Style = Style::new(Regular, 8.0, colour::MUTED);
    pub(crate) const LABEL: Style = Style::new(Bold, 7.5, colour::MUTED);
    pub(crate) const NAME: Style = Style::new(Bold, 13.0, colour::TEXT);
    pub(crate) const TITLE: Style = Style::new(Bold, 22.0, colour::ACCENT);
    pub(crate) const HEADING: Style = Style::new(Bold, 9.5, colour::TEXT);
    pub(crate) const FOOTER: Style = Style::new(Regular, 7.5, colour::MUTED);
}

/// Something drawn on a page, positioned top-down in points.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Text {
        x: f32,
        baseline: f32,
        style: Style,
        text: String,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        thickness: f32,
        colour: Rgb,
    },
    Fill {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        colour: Rgb,
    },
    Logo {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
    /// Large translucent text rotated across the page ("VOID", "DRAFT").
    Stamp {
        text: String,
        centre: (f32, f32),
        size: f32,
        colour: Rgb,
    },
}

impl Item {
    fn shifted(mut self, dy: f32) -> Self {
        match &mut self {
            Item::Text { baseline, .. } => *baseline += dy,
            Item::Rule { y, .. } | Item::Fill { y, .. } | Item::Logo { y, .. } => *y += dy,
            Item::Stamp { centre, .. } => centre.1 += dy,
        }
        self
    }
}

/// Items laid out relative to their own top, with the height they take.
///
/// Pagination places a block whole, so anything inside one never splits
/// across pages.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Block {
    pub(crate) items: Vec<Item>,
    pub(crate) height: f32,
}

impl Block {
    pub(crate) fn with_height(height: f32) -> Self {
        Self {
            items: Vec::new(),
            height,
        }
    }

    /// Text starting at `x`.
    pub(crate) fn text(&mut self, x: f32, baseline: f32, style: Style, text: &str) {
        if text.is_empty() {
            return;
        }
        self.items.push(Item::Text {
            x,
            baseline,
            style,
            text: text.to_owned(),
        });
    }

    /// Text ending at `right`.
    pub(crate) fn text_right(
        &mut self,
        fonts: &Fonts,
        right: f32,
        baseline: f32,
        style: Style,
        text: &str,
    ) {
        let x = right - fonts.width(style.weight, style.size, text);
        self.text(x, baseline, style, text);
    }

    /// Lines of text from `top`, one line height apart; returns the height used.
    pub(crate) fn lines<S: AsRef<str>>(
        &mut self,
        x: f32,
        top: f32,
        style: Style,
        lines: &[S],
    ) -> f32 {
        let line_height = style.line_height();
        for (i, line) in lines.iter().enumerate() {
            let baseline = top + i as f32 * line_height + style.baseline();
            self.text(x, baseline, style, line.as_ref());
        }
        lines.len() as f32 * line_height
    }

    pub(crate) fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, colour: Rgb) {
        self.items.push(Item::Rule {
            x1,
            x2,
            y,
            thickness,
            colour,
        });
    }

    pub(crate) fn fill(&mut self, x: f32, y: f32, width: f32, height: f32, colour: Rgb) {
        self.items.push(Item::Fill {
            x,
            y,
            width,
            height,
            colour,
        });
    }

    /// Merges `other`, laid out side by side with this block from the same top.
    pub(crate) fn beside(mut self, other: Block) -> Block {
        self.items.extend(other.items);
        self.height = self.height.max(other.height);
        self
    }

    /// Appends `other` below this block's current height.
    pub(crate) fn append(&mut self, other: Block) {
        let dy = self.height;
        self.items
            .extend(other.items.into_iter().map(|item| item.shifted(dy)));
        self.height += other.height;
    }

    /// The items moved down by `dy`, for placing the block on a page.
    pub(crate) fn into_items_at(self, dy: f32) -> impl Iterator<Item = Item> {
        self.items.into_iter().map(move |item| item.shifted(dy))
    }
}
