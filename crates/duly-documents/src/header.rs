//! The top of a first page: letterhead, document title and number, the
//! customer block with the document's facts beside it, and the slim running
//! head of continuation pages.

use crate::draw::{colour, style, Block, Style};
use crate::layout::Fonts;
use crate::logo::Logo;
use crate::model::Letterhead;
use crate::page::{mm, Flow, Frame};

/// Starts a document: a flow whose continuation pages carry a running head
/// (business name, `reference`), with the masthead — letterhead left,
/// `right` block (title, date) right — placed on the first page.
pub(crate) fn open<'f>(
    fonts: &'f Fonts,
    frame: Frame,
    letterhead_model: &Letterhead,
    logo: Option<&Logo>,
    right: impl FnOnce(f32) -> Block,
    reference: &str,
) -> Flow<'f> {
    let running = running_head(fonts, frame, &letterhead_model.name, reference);
    let mut flow = Flow::new(fonts, frame, running);
    let half = frame.content_width() / 2.0 - mm(4.0);
    let left = letterhead(fonts, frame, letterhead_model, logo, half);
    flow.place(masthead(frame, left, right(half)));
    flow
}

/// Logo, business name and contact lines, from the left margin, at most `width` wide.
fn letterhead(
    fonts: &Fonts,
    frame: Frame,
    letterhead: &Letterhead,
    logo: Option<&Logo>,
    width: f32,
) -> Block {
    let mut block = Block::default();
    if let Some(logo) = logo {
        let (logo_width, logo_height) = logo.size();
        block.items.push(crate::draw::Item::Logo {
            x: frame.left,
            y: 0.0,
            width: logo_width,
            height: logo_height,
        });
        block.height = logo_height + mm(4.0);
    }
    let name = fonts.wrap(
        style::NAME.weight,
        style::NAME.size,
        &letterhead.name,
        width,
    );
    block.height += block.lines(frame.left, block.height, style::NAME, &name);
    block.height += 2.0;
    for line in &letterhead.lines {
        let wrapped = fonts.wrap(style::SMALL.weight, style::SMALL.size, line, width);
        block.height += block.lines(frame.left, block.height, style::SMALL, &wrapped);
    }
    block
}

/// The document title in the accent colour, right-aligned, with lines such
/// as the number or a draft mark under it; long titles shrink, then wrap.
pub(crate) fn title(
    fonts: &Fonts,
    frame: Frame,
    title: &str,
    under: &[(&str, Style)],
    width: f32,
) -> Block {
    let natural = fonts.width(style::TITLE.weight, style::TITLE.size, title);
    let size = if natural > width {
        (style::TITLE.size * width / natural).max(16.0)
    } else {
        style::TITLE.size
    };
    let title_style = Style {
        size,
        ..style::TITLE
    };
    let mut block = Block::default();
    for line in fonts.wrap(title_style.weight, size, title, width) {
        let baseline = block.height + title_style.baseline();
        block.text_right(fonts, frame.right, baseline, title_style, &line);
        block.height += title_style.line_height();
    }
    for (text, line_style) in under {
        for line in fonts.wrap(line_style.weight, line_style.size, text, width) {
            let baseline = block.height + line_style.baseline();
            block.text_right(fonts, frame.right, baseline, *line_style, &line);
            block.height += line_style.line_height();
        }
    }
    block
}

/// Letterhead on the left, title block on the right, then a hairline.
fn masthead(frame: Frame, letterhead_block: Block, title_block: Block) -> Block {
    let mut block = letterhead_block.beside(title_block);
    block.height += mm(7.0);
    block.rule(frame.left, frame.right, block.height, 0.5, colour::RULE);
    block.height += mm(6.0);
    block
}

/// The customer block (label over lines, the first in bold) on the left and
/// the label/value facts on the right.
pub(crate) fn parties(
    fonts: &Fonts,
    frame: Frame,
    label: &str,
    lines: &[String],
    facts: &[(String, String)],
) -> Block {
    let content = frame.content_width();
    let mut left = Block::default();
    let left_width = content * 0.5;
    if !label.is_empty() {
        let wrapped = fonts.wrap(style::LABEL.weight, style::LABEL.size, label, left_width);
        left.height += left.lines(frame.left, 0.0, style::LABEL, &wrapped) + 2.0;
    }
    let label_height = left.height;
    for (i, line) in lines.iter().enumerate() {
        let line_style = if i == 0 {
            style::BODY.bold()
        } else {
            style::BODY
        };
        let wrapped = fonts.wrap(line_style.weight, line_style.size, line, left_width);
        left.height += left.lines(frame.left, left.height, line_style, &wrapped);
    }
    // The facts start level with the first customer line, under the label.
    let mut right = Block::with_height(left.height.min(label_height));
    right.append(facts_block(fonts, frame, facts));
    left.beside(right)
}

/// Label/value pairs at the right margin: labels left in their column,
/// values right-aligned.
fn facts_block(fonts: &Fonts, frame: Frame, facts: &[(String, String)]) -> Block {
    const GAP: f32 = 16.0;
    let label_style = style::SMALL;
    let value_style = style::BODY;
    let max_width = frame.content_width() * 0.45;
    let label_width = facts
        .iter()
        .map(|(label, _)| fonts.width(label_style.weight, label_style.size, label))
        .fold(0.0, f32::max);
    let value_width = facts
        .iter()
        .map(|(_, value)| fonts.width(value_style.weight, value_style.size, value))
        .fold(0.0, f32::max);
    let width = (label_width + GAP + value_width).min(max_width);
    let label_column = label_width.min(width * 0.5);
    let value_column = width - label_column - GAP;
    let x = frame.right - width;
    let mut block = Block::default();
    for (label, value) in facts {
        let labels = fonts.wrap(label_style.weight, label_style.size, label, label_column);
        let values = fonts.wrap(value_style.weight, value_style.size, value, value_column);
        let line_height = value_style.line_height();
        for (i, line) in labels.iter().enumerate() {
            let baseline = block.height + i as f32 * line_height + value_style.baseline();
            block.text(x, baseline, label_style, line);
        }
        for (i, line) in values.iter().enumerate() {
            let baseline = block.height + i as f32 * line_height + value_style.baseline();
            block.text_right(fonts, frame.right, baseline, value_style, line);
        }
        block.height += labels.len().max(values.len()) as f32 * line_height;
    }
    block
}

/// The head of continuation pages: business name left, document reference right.
fn running_head(fonts: &Fonts, frame: Frame, name: &str, reference: &str) -> Block {
    let mut block = Block::default();
    let name_style = style::BODY.bold();
    block.text(frame.left, name_style.baseline(), name_style, name);
    block.text_right(
        fonts,
        frame.right,
        name_style.baseline(),
        style::SMALL,
        reference,
    );
    block.height = name_style.line_height() + mm(2.0);
    block.rule(frame.left, frame.right, block.height, 0.5, colour::RULE);
    block.height += mm(5.0);
    block
}
