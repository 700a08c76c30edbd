//! Headed text sections after the totals: how to pay, terms, late fees,
//! disputes, notes. Bodies wrap and flow across pages line by line.

use crate::draw::{style, Block, Style};
use crate::layout::Fonts;
use crate::page::{mm, Flow, Frame};

const BODY: Style = Style::new(style::BODY.weight, 8.5, style::BODY.colour);

/// Space above each section.
const GAP: f32 = 5.0;

/// A section's heading block and its body's lines, wrapped to the page.
fn laid(fonts: &Fonts, frame: Frame, heading: &str, body: &str) -> (Block, Vec<String>) {
    let width = frame.content_width();
    let mut head = Block::default();
    let heading_lines = fonts.wrap(style::HEADING.weight, style::HEADING.size, heading, width);
    head.height = head.lines(frame.left, 0.0, style::HEADING, &heading_lines) + 1.0;
    (head, fonts.wrap(BODY.weight, BODY.size, body, width))
}

/// The height the sections take when placed on one page, gaps included:
/// for keeping short ones ("How to pay") with what comes before them.
pub(crate) fn height(fonts: &Fonts, frame: Frame, sections: &[(String, String)]) -> f32 {
    sections
        .iter()
        .map(|(heading, body)| {
            let (head, lines) = laid(fonts, frame, heading, body);
            mm(GAP) + head.height + lines.len() as f32 * BODY.line_height()
        })
        .sum()
}

/// Places each (heading, body) section, keeping a heading with the first
/// lines of its body.
pub(crate) fn place(flow: &mut Flow, sections: &[(String, String)]) {
    let fonts = flow.fonts();
    let frame = flow.frame();
    for (heading, body) in sections {
        flow.gap(mm(GAP));
        let (head, lines) = laid(fonts, frame, heading, body);
        let first = lines.len().min(2) as f32 * BODY.line_height();
        flow.keep_together(head.height + first);
        flow.place(head);
        for line in &lines {
            if line.is_empty() {
                flow.gap(BODY.line_height());
                continue;
            }
            let mut block = Block::with_height(BODY.line_height());
            block.text(frame.left, BODY.baseline(), BODY, line);
            flow.place(block);
        }
    }
}
