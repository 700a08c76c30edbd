//! The payment panel: the account, reference, amount and link on the left,
//! the EPC QR code on the right, on a tinted panel that is never split
//! across pages (a reference on one page and its QR code on the next would
//! be missed).

use qrcode::{Color, EcLevel, QrCode};

use crate::draw::{colour, style, Block, Style};
use crate::layout::Fonts;
use crate::model::PayPanel;
use crate::page::{mm, Flow, Frame};
use crate::DocumentError;

const PAD: f32 = 4.0;
const CAPTION: Style = Style::new(style::SMALL.weight, 7.5, style::SMALL.colour);
const VALUE: Style = Style::new(style::BODY.weight, 9.0, colour::TEXT);
/// The code's side, quiet zone included: about 0.45 mm a module at the
/// EPC payload's usual size, which phones read from a printed page.
const QR_SIDE: f32 = 32.0;
/// Light modules around the code, as ISO/IEC 18004 asks.
const QUIET: usize = 4;

/// Places the panel, if any, whole, after a gap.
pub(crate) fn place(flow: &mut Flow, panel: Option<&PayPanel>) -> Result<(), DocumentError> {
    let Some(panel) = panel else {
        return Ok(());
    };
    let block = block(flow.fonts(), flow.frame(), panel)?;
    flow.gap(mm(5.0));
    flow.keep_together(block.height);
    flow.place(block);
    Ok(())
}

/// The panel as one block, the width of the page's content.
fn block(fonts: &Fonts, frame: Frame, panel: &PayPanel) -> Result<Block, DocumentError> {
    let pad = mm(PAD);
    let code = panel
        .qr
        .as_deref()
        .map(|text| QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M))
        .transpose()
        .map_err(|e| DocumentError::QrCode(e.to_string()))?;
    let qr_side = if code.is_some() { mm(QR_SIDE) } else { 0.0 };
    let left = frame.left + pad;
    let right = frame.right - pad - if code.is_some() { qr_side + pad } else { 0.0 };
    let label_width = panel
        .rows
        .iter()
        .map(|(label, _)| fonts.width(style::LABEL.weight, style::LABEL.size, label))
        .fold(0.0, f32::max);
    let value_x = left + label_width + mm(4.0);

    let mut text = Block::default();
    let heading = fonts.wrap(
        style::HEADING.weight,
        style::HEADING.size,
        &panel.heading,
        right - left,
    );
    let mut y = pad + text.lines(left, pad, style::HEADING, &heading) + mm(1.5);
    for (label, value) in &panel.rows {
        let lines = fonts.wrap(VALUE.weight, VALUE.size, value, right - value_x);
        // The label sits on the value's first baseline.
        text.text(left, y + VALUE.baseline(), style::LABEL, label);
        y += text.lines(value_x, y, VALUE, &lines) + mm(0.8);
    }
    let mut block = Block::default();
    let mut qr = Block::default();
    if let Some(code) = code {
        let x = frame.right - pad - qr_side;
        draw_code(&mut qr, &code, x, pad, qr_side);
        // The caption may reach into the gap beside the code, centred under it.
        let room = qr_side + pad;
        let caption = fonts.wrap(CAPTION.weight, CAPTION.size, &panel.qr_caption, room);
        let mut caption_top = pad + qr_side + mm(1.0);
        for line in &caption {
            let width = fonts.width(CAPTION.weight, CAPTION.size, line);
            qr.text(
                x + (qr_side - width) / 2.0,
                caption_top + CAPTION.baseline(),
                CAPTION,
                line,
            );
            caption_top += CAPTION.line_height();
        }
        qr.height = caption_top;
    }
    let height = y.max(qr.height) + pad;
    block.fill(
        frame.left,
        0.0,
        frame.content_width(),
        height,
        colour::PANEL,
    );
    let mut block = block.beside(text).beside(qr);
    block.height = height;
    Ok(block)
}

/// The code's dark modules as black bars (a row's neighbouring modules as
/// one rectangle, a few hundred shapes rather than thousands) on a white
/// square that includes the quiet zone.
fn draw_code(block: &mut Block, code: &QrCode, x: f32, y: f32, side: f32) {
    let width = code.width();
    let module = side / (width + 2 * QUIET) as f32;
    block.fill(x, y, side, side, colour::QR_LIGHT);
    let colours = code.to_colors();
    for (row, modules) in colours.chunks(width).enumerate() {
        let top = y + (row + QUIET) as f32 * module;
        let mut column = 0;
        while column < width {
            if modules[column] != Color::Dark {
                column += 1;
                continue;
            }
            let start = column;
            while column < width && modules[column] == Color::Dark {
                column += 1;
            }
            let left = x + (start + QUIET) as f32 * module;
            block.fill(
                left,
                top,
                (column - start) as f32 * module,
                module,
                colour::QR_DARK,
            );
        }
    }
}
