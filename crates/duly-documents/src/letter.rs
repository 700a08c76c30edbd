//! The letter: letterhead, recipient and date, bold subject, wrapped body
//! paragraphs, closing and signature; flows onto further pages as needed.

use crate::draw::{style, Block, Style};
use crate::header;
use crate::layout::{Fonts, Weight};
use crate::logo::Logo;
use crate::model::LetterDocument;
use crate::page::{mm, Footer, Frame};
use crate::pay;
use crate::pdf;
use crate::DocumentError;

const BODY: Style = Style::new(Weight::Regular, 10.0, style::BODY.colour);

/// Renders a letter to PDF bytes. Page numbers appear only if it runs past one page.
pub fn render_letter(doc: &LetterDocument) -> Result<Vec<u8>, DocumentError> {
    let fonts = Fonts::get()?;
    let logo = Logo::of(&doc.letterhead)?;
    let frame = Frame::new(doc.page_size);
    let width = frame.content_width();
    let reference = match doc.recipient.first() {
        Some(to) => format!("{to} · {}", doc.date),
        None => doc.date.clone(),
    };
    let mut flow = header::open(
        fonts,
        frame,
        &doc.letterhead,
        logo.as_ref(),
        |_| Block::default(),
        &format!("{reference} · {}", doc.labels.continued),
    );

    // Recipient on the left, date on the right, from the same line.
    let mut addressee = Block::default();
    for line in &doc.recipient {
        let wrapped = fonts.wrap(BODY.weight, BODY.size, line, width * 0.55);
        addressee.height += addressee.lines(frame.left, addressee.height, BODY, &wrapped);
    }
    addressee.text_right(fonts, frame.right, BODY.baseline(), BODY, &doc.date);
    addressee.height = addressee.height.max(BODY.line_height());
    flow.gap(mm(4.0));
    flow.place(addressee);
    flow.gap(mm(10.0));

    let subject_style = Style::new(Weight::Bold, 10.5, style::BODY.colour);
    let subject = fonts.wrap(
        subject_style.weight,
        subject_style.size,
        &doc.subject,
        width,
    );
    let mut block = Block::default();
    block.height = block.lines(frame.left, 0.0, subject_style, &subject);
    flow.keep_together(block.height + mm(5.0) + 2.0 * BODY.line_height());
    flow.place(block);
    flow.gap(mm(5.0));

    for line in fonts.wrap(BODY.weight, BODY.size, &doc.body, width) {
        if line.is_empty() {
            flow.gap(BODY.line_height() * 0.7);
            continue;
        }
        let mut block = Block::with_height(BODY.line_height());
        block.text(frame.left, BODY.baseline(), BODY, &line);
        flow.place(block);
    }

    // A body that signs itself (a drafted follow-up) leaves both empty.
    let signed_in_body = doc.closing.is_empty() && doc.signature_name.is_empty();
    let mut signature = Block::with_height(mm(6.0));
    let closing = fonts.wrap(BODY.weight, BODY.size, &doc.closing, width);
    signature.height += signature.lines(frame.left, signature.height, BODY, &closing);
    signature.height += mm(12.0);
    let name = fonts.wrap(Weight::Bold, BODY.size, &doc.signature_name, width);
    signature.height += signature.lines(frame.left, signature.height, BODY.bold(), &name);
    let title = fonts.wrap(style::SMALL.weight, 9.0, &doc.signature_title, width);
    let title_style = Style::new(style::SMALL.weight, 9.0, style::SMALL.colour);
    signature.height += signature.lines(frame.left, signature.height, title_style, &title);
    if !signed_in_body {
        flow.place(signature);
    }
    pay::place(&mut flow, doc.pay.as_ref())?;

    let footer = Footer {
        left: doc.letterhead.name.clone(),
        page_of: doc.labels.page_of.clone(),
        number_single_page: false,
        stamp: None,
    };
    let pages = flow.finish(&footer);
    let title = if doc.subject.is_empty() {
        &doc.letterhead.name
    } else {
        &doc.subject
    };
    pdf::write(title, frame, pages, fonts, logo.as_ref())
}
