//! Tables of rows (invoice lines, statement entries): column widths from the
//! content, wrapped cells, and pagination with the header row repeated on
//! every page.

use std::ops::Range;

use crate::draw::{colour, style, Block, Style};
use crate::layout::Fonts;
use crate::page::{Flow, Frame};

const CELL: Style = style::BODY;
const HEAD: Style = style::LABEL;
const PAD_Y: f32 = 5.0;
const GUTTER: f32 = 12.0;
/// The growing (description) column keeps at least this share of the width.
const MIN_GROW_SHARE: f32 = 0.3;

/// How a column's text sits in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    /// Numbers and money, so digits line up.
    Right,
}

/// A column: its header label, alignment, and whether it takes the spare width.
pub(crate) struct Column<'a> {
    pub(crate) header: &'a str,
    pub(crate) align: Align,
    pub(crate) grows: bool,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    x: f32,
    width: f32,
    align: Align,
}

/// Column positions, computed once from the header labels and all cells,
/// and the header row drawn at the top of the table on every page.
pub(crate) struct Table<'f> {
    fonts: &'f Fonts,
    slots: Vec<Slot>,
    left: f32,
    right: f32,
    header: Block,
}

/// One row with every cell already wrapped to its column.
pub(crate) struct Row {
    cells: Vec<Vec<String>>,
    lines: usize,
}

impl Row {
    fn height(&self) -> f32 {
        height_of(self.lines)
    }
}

fn height_of(lines: usize) -> f32 {
    lines as f32 * CELL.line_height() + 2.0 * PAD_Y
}

impl<'f> Table<'f> {
    /// Sizes columns so fixed ones fit their widest cell or label and the
    /// growing one takes the rest; if that leaves it too narrow, fixed
    /// columns shrink proportionally and their cells wrap.
    pub(crate) fn new(
        fonts: &'f Fonts,
        frame: Frame,
        columns: &[Column],
        rows: &[Vec<&str>],
    ) -> Self {
        let natural: Vec<f32> = columns
            .iter()
            .enumerate()
            .map(|(i, column)| {
                if column.grows {
                    return 0.0;
                }
                let header = fonts.width(HEAD.weight, HEAD.size, column.header);
                rows.iter()
                    .filter_map(|row| row.get(i))
                    .flat_map(|cell| cell.split('\n'))
                    .map(|line| fonts.width(CELL.weight, CELL.size, line))
                    .fold(header, f32::max)
            })
            .collect();
        let width = frame.content_width();
        let gutters = GUTTER * columns.len().saturating_sub(1) as f32;
        let fixed: f32 = natural.iter().sum();
        let budget = width - gutters - width * MIN_GROW_SHARE;
        let scale = if fixed > budget && fixed > 0.0 {
            budget / fixed
        } else {
            1.0
        };
        let growers = columns.iter().filter(|c| c.grows).count().max(1) as f32;
        let spare = (width - gutters - fixed * scale) / growers;
        let mut x = frame.left;
        let slots = columns
            .iter()
            .zip(natural)
            .map(|(column, natural)| {
                let width = if column.grows { spare } else { natural * scale };
                let slot = Slot {
                    x,
                    width,
                    align: column.align,
                };
                x += width + GUTTER;
                slot
            })
            .collect();
        let mut table = Self {
            fonts,
            slots,
            left: frame.left,
            right: frame.right,
            header: Block::default(),
        };
        table.header = table.header_row(columns);
        table
    }

    /// The header row: labels over a firm rule.
    fn header_row(&self, columns: &[Column]) -> Block {
        let labels: Vec<Vec<String>> = columns
            .iter()
            .zip(&self.slots)
            .map(|(column, slot)| {
                self.fonts
                    .wrap(HEAD.weight, HEAD.size, column.header, slot.width)
            })
            .collect();
        let lines = labels.iter().map(Vec::len).max().unwrap_or(1);
        let mut block = Block::with_height(lines as f32 * HEAD.line_height() + 2.0 * PAD_Y);
        for (label, slot) in labels.iter().zip(&self.slots) {
            self.cell(&mut block, slot, HEAD, label);
        }
        block.rule(self.left, self.right, block.height, 0.8, colour::TEXT);
        block
    }

    /// Wraps each cell to its column.
    pub(crate) fn row(&self, cells: &[&str]) -> Row {
        let cells: Vec<Vec<String>> = cells
            .iter()
            .zip(&self.slots)
            .map(|(cell, slot)| self.fonts.wrap(CELL.weight, CELL.size, cell, slot.width))
            .collect();
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        Row { cells, lines }
    }

    /// The block for `lines` of a row: the whole row, or one page's share of a
    /// row taller than a page. The hairline under it closes the row.
    fn row_block(&self, row: &Row, lines: Range<usize>) -> Block {
        let closes_row = lines.end >= row.lines;
        let mut block = Block::with_height(height_of(lines.len()));
        for (cell, slot) in row.cells.iter().zip(&self.slots) {
            let end = lines.end.min(cell.len());
            let shown = &cell[lines.start.min(end)..end];
            self.cell(&mut block, slot, CELL, shown);
        }
        if closes_row {
            block.rule(self.left, self.right, block.height, 0.5, colour::RULE);
        }
        block
    }

    fn cell(&self, block: &mut Block, slot: &Slot, style: Style, lines: &[String]) {
        for (i, line) in lines.iter().enumerate() {
            let baseline = PAD_Y + i as f32 * style.line_height() + style.baseline();
            match slot.align {
                Align::Left => block.text(slot.x, baseline, style, line),
                Align::Right => {
                    block.text_right(self.fonts, slot.x + slot.width, baseline, style, line)
                }
            }
        }
    }

    /// Places the header and rows, repeating the header on every page.
    ///
    /// `keep_with_end` is the height of what must follow the table on the same
    /// page (totals): the last row moves to the next page with it if needed,
    /// so the totals never stand alone. Rows never split across pages unless a
    /// single row is taller than a page.
    pub(crate) fn place(&self, flow: &mut Flow, rows: &[Row], keep_with_end: f32) {
        let first = rows
            .first()
            .map_or(0.0, |row| row.height().min(height_of(3)));
        flow.keep_together(self.header.height + first);
        flow.place(self.header.clone());
        flow.set_repeat(Some(self.header.clone()));
        for (i, row) in rows.iter().enumerate() {
            let height = row.height();
            if i + 1 == rows.len() {
                flow.keep_together(height + keep_with_end);
            }
            if height <= flow.remaining() || height <= flow.fresh_page_space() {
                flow.place(self.row_block(row, 0..row.lines));
                continue;
            }
            let mut start = 0;
            while start < row.lines {
                let room = ((flow.remaining() - 2.0 * PAD_Y) / CELL.line_height()).floor();
                let fit = if room >= 1.0 {
                    room as usize
                } else if flow.at_page_start() {
                    1
                } else {
                    flow.break_page();
                    continue;
                };
                let end = (start + fit).min(row.lines);
                flow.place(self.row_block(row, start..end));
                start = end;
            }
        }
        flow.set_repeat(None);
    }
}
