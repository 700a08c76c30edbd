//! The invoice: letterhead, title and number, bill-to and facts, the line
//! table, totals kept with the table's end, then the sections.

use crate::draw::{colour, Style};
use crate::header;
use crate::layout::{Fonts, Weight};
use crate::logo::Logo;
use crate::model::{InvoiceDocument, InvoiceLine};
use crate::page::{mm, Footer, Frame};
use crate::pay;
use crate::pdf;
use crate::sections;
use crate::table::{Align, Column, Table};
use crate::totals;
use crate::DocumentError;

/// Renders an invoice to PDF bytes.
///
/// Unit, discount, tax, quantity and unit-price columns are printed only if
/// some line has a value for them. An empty `number` marks a draft.
pub fn render_invoice(doc: &InvoiceDocument) -> Result<Vec<u8>, DocumentError> {
    let fonts = Fonts::get()?;
    let logo = Logo::of(&doc.letterhead)?;
    let frame = Frame::new(doc.page_size);
    let labels = &doc.labels;
    let draft = doc.number.trim().is_empty();
    // Names the document in the running head and footer of every page; a
    // void invoice says so there too, in text any search finds.
    let mut reference = if draft {
        format!("{} {}", doc.title, labels.draft)
    } else {
        format!("{} {}", doc.title, doc.number)
    };
    if doc.void_mark {
        reference = format!("{reference} · {}", labels.void);
    }

    let mut under: Vec<(&str, Style)> = vec![if draft {
        (
            &labels.draft,
            Style::new(Weight::Bold, 12.0, colour::ACCENT),
        )
    } else {
        (&doc.number, Style::new(Weight::Bold, 10.5, colour::TEXT))
    }];
    if doc.void_mark {
        under.push((&labels.void, Style::new(Weight::Bold, 12.0, colour::VOID)));
    }
    let mut flow = header::open(
        fonts,
        frame,
        &doc.letterhead,
        logo.as_ref(),
        |width| header::title(fonts, frame, &doc.title, &under, width),
        &format!("{reference} · {}", labels.continued),
    );
    flow.place(header::parties(
        fonts,
        frame,
        &doc.bill_to_label,
        &doc.bill_to,
        &doc.facts,
    ));
    flow.gap(mm(8.0));

    let (columns, cells) = line_table(doc);
    let table = Table::new(fonts, frame, &columns, &cells);
    let rows: Vec<_> = cells.iter().map(|cells| table.row(cells)).collect();
    let totals = totals::blocks(fonts, frame, &doc.totals);
    let totals_gap = mm(3.0);
    table.place(&mut flow, &rows, totals_gap + totals::height(&totals));
    flow.gap(totals_gap);
    flow.keep_together(totals::height(&totals));
    for block in totals {
        flow.place(block);
    }
    flow.gap(mm(4.0));
    pay::place(&mut flow, doc.pay.as_ref())?;
    sections::place(&mut flow, &doc.sections);

    let stamp = if doc.void_mark {
        Some((labels.void.clone(), colour::VOID))
    } else if draft {
        Some((labels.draft.clone(), colour::MUTED))
    } else {
        None
    };
    let footer = Footer {
        left: format!("{} · {reference}", doc.letterhead.name),
        page_of: labels.page_of.clone(),
        number_single_page: true,
        stamp,
    };
    let pages = flow.finish(&footer);
    pdf::write(&reference, frame, pages, fonts, logo.as_ref())
}

/// The printed columns and each line's cells for them, leaving out optional
/// columns no line uses.
fn line_table(doc: &InvoiceDocument) -> (Vec<Column<'_>>, Vec<Vec<&str>>) {
    type Field = fn(&InvoiceLine) -> &str;
    let labels = &doc.columns;
    let all: [(&str, Align, bool, Field); 7] = [
        (&labels.description, Align::Left, true, |l| &l.description),
        (&labels.quantity, Align::Right, false, |l| &l.quantity),
        (&labels.unit, Align::Left, false, |l| &l.unit),
        (&labels.unit_price, Align::Right, false, |l| &l.unit_price),
        (&labels.discount, Align::Right, false, |l| &l.discount),
        (&labels.tax, Align::Right, false, |l| &l.tax),
        (&labels.amount, Align::Right, false, |l| &l.amount),
    ];
    let last = all.len() - 1;
    let shown: Vec<_> = all
        .into_iter()
        .enumerate()
        .filter(|(i, (_, _, _, field))| {
            *i == 0 || *i == last || doc.lines.iter().any(|l| !field(l).trim().is_empty())
        })
        .map(|(_, column)| column)
        .collect();
    let columns = shown
        .iter()
        .map(|(header, align, grows, _)| Column {
            header,
            align: *align,
            grows: *grows,
        })
        .collect();
    let cells = doc
        .lines
        .iter()
        .map(|line| shown.iter().map(|(_, _, _, field)| field(line)).collect())
        .collect();
    (columns, cells)
}
