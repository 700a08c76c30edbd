//! The totals block under a table: labels and right-aligned amounts, strong
//! rows ruled and bold, the final strong row (the amount due) in the accent.

use crate::draw::{colour, style, Block, Style};
use crate::layout::Fonts;
use crate::model::TotalRow;
use crate::page::Frame;

const PAD_Y: f32 = 3.0;
const GAP: f32 = 16.0;

/// One block per row, right-aligned under the table's amount column; place
/// them together so the totals never split.
pub(crate) fn blocks(fonts: &Fonts, frame: Frame, rows: &[TotalRow]) -> Vec<Block> {
    let last_strong = rows.iter().rposition(|row| row.strong);
    let styles: Vec<Style> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| match (row.strong, Some(i) == last_strong) {
            (true, true) => Style::new(style::BODY.weight, 11.0, colour::ACCENT).bold(),
            (true, false) => style::BODY.bold(),
            _ => style::BODY,
        })
        .collect();
    let measure = |text: &str, s: Style| fonts.width(s.weight, s.size, text);
    let label_width = rows
        .iter()
        .zip(&styles)
        .map(|(row, s)| measure(&row.label, *s))
        .fold(0.0, f32::max);
    let amount_width = rows
        .iter()
        .zip(&styles)
        .map(|(row, s)| measure(&row.amount, *s))
        .fold(0.0, f32::max);
    let content = frame.content_width();
    let width = (label_width + GAP + amount_width).clamp(content * 0.45, content);
    let x = frame.right - width;
    let label_column = width - GAP - amount_width.min(width * 0.5);
    rows.iter()
        .zip(styles)
        .map(|(row, s)| {
            let labels = fonts.wrap(s.weight, s.size, &row.label, label_column);
            let mut block = Block::default();
            if row.strong {
                block.rule(x, frame.right, 0.0, 0.8, colour::TEXT);
                block.height += 2.0;
            }
            let top = block.height + PAD_Y;
            block.lines(x, top, s, &labels);
            block.text_right(fonts, frame.right, top + s.baseline(), s, &row.amount);
            block.height = top + labels.len().max(1) as f32 * s.line_height() + PAD_Y;
            block
        })
        .collect()
}

/// Total height of `blocks`.
pub(crate) fn height(blocks: &[Block]) -> f32 {
    blocks.iter().map(|b| b.height).sum()
}
