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
    /// growing one takes the rest. If that leaves it too narrow, the fixed
    /// text columns shrink and wrap at words first: numbers and money keep
    /// their width, since a wrapped amount is unreadable. Only if numbers
    /// alone outgrow the room do they shrink too.
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
        let sum = |align: Align| -> f32 {
            columns
                .iter()
                .zip(&natural)
                .filter(|(c, _)| c.align == align)
                .map(|(_, w)| w)
                .sum()
        };
        let (numbers, text) = (sum(Align::Right), sum(Align::Left));
        let budget = width - gutters - width * MIN_GROW_SHARE;
        let (number_scale, text_scale) = if numbers + text <= budget {
            (1.0, 1.0)
        } else if numbers < budget {
            (1.0, (budget - numbers) / text)
        } else {
            let all = budget / (numbers + text);
            (all, all)
        };
        let scaled = |align: Align| match align {
            Align::Right => number_scale,
            Align::Left => text_scale,
        };
        let fixed: f32 = numbers * number_scale + text * text_scale;
        let growers = columns.iter().filter(|c| c.grows).count().max(1) as f32;
        let spare = (width - gutters - fixed) / growers;
        let mut x = frame.left;
        let slots = columns
            .iter()
            .zip(natural)
            .map(|(column, natural)| {
                let width = if column.grows {
                    spare
                } else {
                    natural * scaled(column.align)
                };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PageSize;

    fn column(header: &str, align: Align, grows: bool) -> Column<'_> {
        Column {
            header,
            align,
            grows,
        }
    }

    /// A statement-like table whose fixed columns outgrow the page: the
    /// long reference wraps, every amount stays on one line at full width.
    #[test]
    fn text_columns_give_way_before_amounts_wrap() {
        let fonts = Fonts::get().expect("embedded fonts parse");
        let columns = [
            column("Date", Align::Left, false),
            column("Reference", Align::Left, false),
            column("Description", Align::Left, true),
            column("Days past due", Align::Right, false),
            column("Charge", Align::Right, false),
            column("Payment", Align::Right, false),
            column("Balance", Align::Right, false),
        ];
        let reference = "Bank transfer 2026-11-14 ref. 00418-77213-HARBOR-PINE-Q4";
        let amounts = ["€1.234.567,89", "€1.234.567,89", "€12.345.678,90"];
        let cells = [
            "14 Nov 2026",
            reference,
            "Payment",
            "123",
            amounts[0],
            amounts[1],
            amounts[2],
        ];
        let table = Table::new(fonts, Frame::new(PageSize::A4), &columns, &[cells.to_vec()]);
        let row = table.row(&cells);
        for (i, amount) in amounts.iter().enumerate() {
            assert_eq!(row.cells[4 + i], [amount.to_string()], "an amount wrapped");
        }
        assert!(
            row.cells[1].len() > 1,
            "the reference should wrap: {:?}",
            row.cells[1]
        );
        let description = table.slots[2].width;
        let content = Frame::new(PageSize::A4).content_width();
        assert!(
            description >= content * MIN_GROW_SHARE - 0.01,
            "{description}"
        );
    }
}
