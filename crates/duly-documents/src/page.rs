//! The page frame and pagination: margins, running heads, repeated table
//! headers, keep-together groups and the "Page n of m" footer.

use crate::draw::{colour, style, Block, Item};
use crate::layout::{Fonts, Weight};
use crate::model::PageSize;

const MM: f32 = 72.0 / 25.4;

/// Converts millimetres to points.
pub(crate) fn mm(millimetres: f32) -> f32 {
    millimetres * MM
}

/// Page dimensions and the content box, in points, top-down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub(crate) width: f32,
    pub(crate) height: f32,
    pub(crate) left: f32,
    pub(crate) right: f32,
    pub(crate) top: f32,
    /// Lowest y content may reach; the footer sits below it.
    pub(crate) bottom: f32,
}

impl Frame {
    pub(crate) fn new(size: PageSize) -> Self {
        let (width, height) = match size {
            PageSize::A4 => (mm(210.0), mm(297.0)),
            PageSize::UsLetter => (8.5 * 72.0, 11.0 * 72.0),
        };
        Self {
            width,
            height,
            left: mm(18.0),
            right: width - mm(18.0),
            top: mm(16.0),
            bottom: height - mm(22.0),
        }
    }

    pub(crate) fn content_width(&self) -> f32 {
        self.right - self.left
    }
}

/// What the footer and the page-wide marks say.
pub(crate) struct Footer {
    /// Left of the footer, e.g. "Acme Ltd · Invoice INV-0001".
    pub(crate) left: String,
    /// Page counter template with `{page}` and `{pages}`.
    pub(crate) page_of: String,
    /// Whether a one-page document shows its page counter.
    pub(crate) number_single_page: bool,
    /// Large translucent mark across every page, with its colour.
    pub(crate) stamp: Option<(String, crate::draw::Rgb)>,
}

/// Places blocks down the pages, breaking pages as content runs out.
pub(crate) struct Flow<'f> {
    fonts: &'f Fonts,
    frame: Frame,
    pages: Vec<Vec<Item>>,
    y: f32,
    /// Where content starts on the current page (below the heads).
    page_start: f32,
    /// Drawn at the top of every page after the first.
    running_head: Block,
    /// Drawn under the running head while a table is open (its header row).
    repeat: Option<Block>,
}

impl<'f> Flow<'f> {
    pub(crate) fn new(fonts: &'f Fonts, frame: Frame, running_head: Block) -> Self {
        Self {
            fonts,
            frame,
            pages: vec![Vec::new()],
            y: frame.top,
            page_start: frame.top,
            running_head,
            repeat: None,
        }
    }

    pub(crate) fn frame(&self) -> Frame {
        self.frame
    }

    pub(crate) fn fonts(&self) -> &'f Fonts {
        self.fonts
    }

    /// Space left on the current page.
    pub(crate) fn remaining(&self) -> f32 {
        self.frame.bottom - self.y
    }

    /// Space a fresh continuation page offers, below its heads.
    pub(crate) fn fresh_page_space(&self) -> f32 {
        let repeat = self.repeat.as_ref().map_or(0.0, |b| b.height);
        self.frame.bottom - self.frame.top - self.running_head.height - repeat
    }

    /// Whether nothing has been placed on this page below its heads yet.
    pub(crate) fn at_page_start(&self) -> bool {
        self.y <= self.page_start
    }

    /// Starts a new page with the running head (and the open table's header).
    pub(crate) fn break_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.frame.top;
        let head = self.running_head.clone();
        self.draw(head);
        if let Some(repeat) = self.repeat.clone() {
            self.draw(repeat);
        }
        self.page_start = self.y;
    }

    fn draw(&mut self, block: Block) {
        let y = self.y;
        self.y += block.height;
        if let Some(page) = self.pages.last_mut() {
            page.extend(block.into_items_at(y));
        }
    }

    /// Places `block` on this page if it fits, else at the top of the next one.
    ///
    /// A block taller than a whole page is placed anyway; callers split long
    /// content into line-sized blocks so this does not happen.
    pub(crate) fn place(&mut self, block: Block) {
        if block.height > self.remaining() && !self.at_page_start() {
            self.break_page();
        }
        self.draw(block);
    }

    /// Breaks the page now unless `height` of content fits on it, so that the
    /// blocks placed next stay together; does nothing if they would not fit on
    /// a fresh page either (they then flow).
    pub(crate) fn keep_together(&mut self, height: f32) {
        if height > self.remaining() && height <= self.fresh_page_space() && !self.at_page_start() {
            self.break_page();
        }
    }

    /// Vertical space; swallowed at the top of a page and at its bottom.
    pub(crate) fn gap(&mut self, height: f32) {
        if !self.at_page_start() {
            self.y = (self.y + height).min(self.frame.bottom);
        }
    }

    /// Sets the block repeated at the top of each continuation page (a table header), or clears it.
    pub(crate) fn set_repeat(&mut self, repeat: Option<Block>) {
        self.repeat = repeat;
    }

    /// Adds the footer and stamp to every page and returns the pages.
    pub(crate) fn finish(self, footer: &Footer) -> Vec<Vec<Item>> {
        let count = self.pages.len();
        let frame = self.frame;
        let fonts = self.fonts;
        self.pages
            .into_iter()
            .enumerate()
            .map(|(index, mut items)| {
                let rule_y = frame.height - mm(16.0);
                let baseline = frame.height - mm(11.5);
                let mut block = Block::default();
                block.rule(frame.left, frame.right, rule_y, 0.5, colour::RULE);
                block.text(frame.left, baseline, style::FOOTER, &footer.left);
                if count > 1 || footer.number_single_page {
                    let counter = footer
                        .page_of
                        .replace("{page}", &(index + 1).to_string())
                        .replace("{pages}", &count.to_string());
                    block.text_right(fonts, frame.right, baseline, style::FOOTER, &counter);
                }
                items.extend(block.items);
                if let Some((text, colour)) = &footer.stamp {
                    // Large, but a long word still spans at most 70% of the diagonal.
                    let diagonal = frame.width.hypot(frame.height);
                    let unit_width = fonts.width(Weight::Bold, 1.0, text).max(0.01);
                    items.push(Item::Stamp {
                        text: text.clone(),
                        centre: (frame.width / 2.0, frame.height / 2.0),
                        size: (0.7 * diagonal / unit_width).min(140.0),
                        colour: *colour,
                    });
                }
                items
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow() -> Flow<'static> {
        let fonts = Fonts::get().expect("embedded fonts parse");
        Flow::new(fonts, Frame::new(PageSize::A4), Block::with_height(30.0))
    }

    fn texts(page: &[Item]) -> Vec<&str> {
        page.iter()
            .filter_map(|item| match item {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    fn footer() -> Footer {
        Footer {
            left: "Acme".into(),
            page_of: "Page {page} of {pages}".into(),
            number_single_page: true,
            stamp: None,
        }
    }

    #[test]
    fn blocks_that_do_not_fit_move_to_a_new_page_under_the_heads() {
        let mut flow = flow();
        let mut header = Block::with_height(20.0);
        header.text(0.0, 10.0, style::BODY, "header");
        flow.set_repeat(Some(header));
        let body = flow.remaining();
        flow.place(Block::with_height(body - 10.0));
        flow.place(Block::with_height(20.0));
        let pages = flow.finish(&footer());
        assert_eq!(pages.len(), 2);
        assert_eq!(texts(&pages[0]), ["Acme", "Page 1 of 2"]);
        assert_eq!(texts(&pages[1]), ["header", "Acme", "Page 2 of 2"]);
    }

    #[test]
    fn keep_together_breaks_only_when_the_group_fits_a_fresh_page() {
        let mut flow = flow();
        flow.place(Block::with_height(600.0));
        flow.keep_together(flow.fresh_page_space() + 1.0);
        assert!(!flow.at_page_start(), "too tall for any page: flows");
        flow.keep_together(200.0);
        assert!(flow.at_page_start(), "fits a fresh page: breaks");
        assert_eq!(flow.finish(&footer()).len(), 2);
    }

    #[test]
    fn gaps_vanish_at_the_top_of_a_page_and_never_pass_the_bottom() {
        let mut flow = flow();
        flow.gap(50.0);
        assert_eq!(flow.remaining(), flow.frame.bottom - flow.frame.top);
        flow.place(Block::with_height(10.0));
        flow.gap(10_000.0);
        assert_eq!(flow.remaining(), 0.0);
    }

    #[test]
    fn an_oversized_block_on_an_empty_page_adds_no_blank_page() {
        let mut flow = flow();
        flow.place(Block::with_height(5_000.0));
        assert_eq!(flow.finish(&footer()).len(), 1);
    }
}
