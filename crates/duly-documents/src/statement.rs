//! The statement of account: open invoices and payments with the running
//! balance, then totals, the aging summary and a short "How to pay" kept
//! with the table's end.

use crate::draw::{colour, style, Block};
use crate::header;
use crate::layout::Fonts;
use crate::logo::Logo;
use crate::model::StatementDocument;
use crate::page::{mm, Footer, Frame};
use crate::pay;
use crate::pdf;
use crate::sections;
use crate::table::{Align, Column, Table};
use crate::totals;
use crate::DocumentError;

/// Renders a statement of account to PDF bytes.
pub fn render_statement(doc: &StatementDocument) -> Result<Vec<u8>, DocumentError> {
    let fonts = Fonts::get()?;
    let logo = Logo::of(&doc.letterhead)?;
    let frame = Frame::new(doc.page_size);
    let labels = &doc.labels;
    let mut flow = header::open(
        fonts,
        frame,
        &doc.letterhead,
        logo.as_ref(),
        |width| header::title(fonts, frame, &doc.title, &[], width),
        &format!("{} · {}", doc.title, labels.continued),
    );
    flow.place(header::parties(
        fonts,
        frame,
        &doc.to_label,
        &doc.to,
        &doc.facts,
    ));
    flow.gap(mm(8.0));

    let c = &doc.columns;
    let columns = [
        Column {
            header: &c.date,
            align: Align::Left,
            grows: false,
        },
        Column {
            header: &c.reference,
            align: Align::Left,
            grows: false,
        },
        Column {
            header: &c.description,
            align: Align::Left,
            grows: true,
        },
        Column {
            header: &c.days_past_due,
            align: Align::Right,
            grows: false,
        },
        Column {
            header: &c.charge,
            align: Align::Right,
            grows: false,
        },
        Column {
            header: &c.payment,
            align: Align::Right,
            grows: false,
        },
        Column {
            header: &c.balance,
            align: Align::Right,
            grows: false,
        },
    ];
    let cells: Vec<Vec<&str>> = doc
        .rows
        .iter()
        .map(|r| {
            vec![
                r.date.as_str(),
                &r.reference,
                &r.description,
                &r.days_past_due,
                &r.charge,
                &r.payment,
                &r.balance,
            ]
        })
        .collect();
    let table = Table::new(fonts, frame, &columns, &cells);
    let rows: Vec<_> = cells.iter().map(|cells| table.row(cells)).collect();
    let totals = totals::blocks(fonts, frame, &doc.totals);
    let aging = aging_panel(fonts, frame, &doc.aging);
    let gap = mm(3.0);
    let summary = gap + totals::height(&totals) + aging.as_ref().map_or(0.0, |a| gap + a.height);
    // Short sections ("How to pay") stay with the totals, so the last page
    // never holds them alone; the table's last rows move over with them.
    let tail = mm(4.0) + sections::height(fonts, frame, &doc.sections);
    let end_height = if tail < (frame.bottom - frame.top) / 3.0 {
        summary + tail
    } else {
        summary
    };
    table.place(&mut flow, &rows, end_height);
    flow.gap(gap);
    flow.keep_together(end_height - gap);
    for block in totals {
        flow.place(block);
    }
    if let Some(aging) = aging {
        flow.gap(gap);
        flow.place(aging);
    }
    flow.gap(mm(4.0));
    pay::place(&mut flow, doc.pay.as_ref())?;
    sections::place(&mut flow, &doc.sections);

    let footer = Footer {
        left: format!("{} · {}", doc.letterhead.name, doc.title),
        page_of: labels.page_of.clone(),
        number_single_page: true,
        stamp: None,
    };
    let pages = flow.finish(&footer);
    pdf::write(&doc.title, frame, pages, fonts, logo.as_ref())
}

/// The aging buckets side by side on a light panel: label over amount.
pub(crate) fn aging_panel(
    fonts: &Fonts,
    frame: Frame,
    buckets: &[(String, String)],
) -> Option<Block> {
    if buckets.is_empty() {
        return None;
    }
    const PAD: f32 = 7.0;
    let cell = frame.content_width() / buckets.len() as f32;
    let inner = cell - 2.0 * PAD;
    let amount_style = style::BODY.bold();
    let laid: Vec<(Vec<String>, Vec<String>)> = buckets
        .iter()
        .map(|(label, amount)| {
            (
                fonts.wrap(style::LABEL.weight, style::LABEL.size, label, inner),
                fonts.wrap(amount_style.weight, amount_style.size, amount, inner),
            )
        })
        .collect();
    let label_lines = laid.iter().map(|(l, _)| l.len()).max().unwrap_or(1);
    let amount_lines = laid.iter().map(|(_, a)| a.len()).max().unwrap_or(1);
    let amounts_top = PAD + label_lines as f32 * style::LABEL.line_height() + 1.0;
    let height = amounts_top + amount_lines as f32 * amount_style.line_height() + PAD;
    let mut block = Block::with_height(height);
    block.fill(
        frame.left,
        0.0,
        frame.content_width(),
        height,
        colour::PANEL,
    );
    for (i, (label, amount)) in laid.iter().enumerate() {
        let x = frame.left + i as f32 * cell + PAD;
        block.lines(x, PAD, style::LABEL, label);
        block.lines(x, amounts_top, amount_style, amount);
    }
    Some(block)
}
