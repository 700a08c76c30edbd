//! Headed text sections after the totals: how to pay, terms, late fees,
//! disputes, notes. Bodies wrap and flow across pages line by line.

use crate::draw::{style, Block, Style};
use crate::page::{mm, Flow};

const BODY: Style = Style::new(style::BODY.weight, 8.5, style::BODY.colour);

/// Places each (heading, body) section, keeping a heading with the first
/// lines of its body.
pub(crate) fn place(flow: &mut Flow, sections: &[(String, String)]) {
    let fonts = flow.fonts();
    let frame = flow.frame();
    let width = frame.content_width();
    for (heading, body) in sections {
        flow.gap(mm(5.0));
        let mut head = Block::default();
        let heading_lines = fonts.wrap(style::HEADING.weight, style::HEADING.size, heading, width);
        head.height = head.lines(frame.left, 0.0, style::HEADING, &heading_lines) + 1.0;
        let lines = fonts.wrap(BODY.weight, BODY.size, body, width);
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
