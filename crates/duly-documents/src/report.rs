//! Reports for the owner (the weekly past-due summary): the same letterhead,
//! tables, pagination and footer as the customer documents, with any number
//! of headed tables.

use crate::draw::{style, Block};
use crate::header;
use crate::layout::Fonts;
use crate::logo::Logo;
use crate::model::ReportDocument;
use crate::page::{mm, Footer, Frame};
use crate::pdf;
use crate::sections;
use crate::statement::aging_panel;
use crate::table::{Align, Column, Table};
use crate::DocumentError;

/// Renders a report to PDF bytes.
pub fn render_report(doc: &ReportDocument) -> Result<Vec<u8>, DocumentError> {
    let fonts = Fonts::get()?;
    let logo = Logo::of(&doc.letterhead)?;
    let frame = Frame::new(doc.page_size);
    let labels = &doc.labels;
    let facts: Vec<String> = doc.facts.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    let under: Vec<(&str, crate::draw::Style)> =
        facts.iter().map(|f| (f.as_str(), style::SMALL)).collect();
    let mut flow = header::open(
        fonts,
        frame,
        &doc.letterhead,
        logo.as_ref(),
        |width| header::title(fonts, frame, &doc.title, &under, width),
        &format!("{} · {}", doc.title, labels.continued),
    );
    if let Some(panel) = aging_panel(fonts, frame, &doc.aging) {
        flow.gap(mm(6.0));
        flow.place(panel);
    }
    let width = frame.content_width();
    for t in &doc.tables {
        flow.gap(mm(6.0));
        let mut head = Block::default();
        let heading = fonts.wrap(
            style::HEADING.weight,
            style::HEADING.size,
            &t.heading,
            width,
        );
        head.height = head.lines(frame.left, 0.0, style::HEADING, &heading) + 3.0;
        if t.rows.is_empty() {
            let empty = fonts.wrap(style::BODY.weight, style::BODY.size, &t.empty, width);
            head.height += head.lines(frame.left, head.height, style::BODY, &empty);
            flow.keep_together(head.height);
            flow.place(head);
            continue;
        }
        let columns: Vec<Column> = t
            .columns
            .iter()
            .enumerate()
            .map(|(i, header)| Column {
                header,
                align: if t.numeric.get(i).copied().unwrap_or(false) {
                    Align::Right
                } else {
                    Align::Left
                },
                // Text columns share the width; numbers keep theirs, so an
                // amount never wraps.
                grows: !t.numeric.get(i).copied().unwrap_or(false),
            })
            .collect();
        let cells: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let table = Table::new(fonts, frame, &columns, &cells);
        let rows: Vec<_> = cells.iter().map(|c| table.row(c)).collect();
        flow.keep_together(head.height + mm(12.0));
        flow.place(head);
        table.place(&mut flow, &rows, 0.0);
    }
    flow.gap(mm(2.0));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Letterhead, ReportTable};

    #[test]
    fn a_report_with_tables_renders_and_extracts() {
        let doc = ReportDocument {
            letterhead: Letterhead {
                name: "Harbor & Pine".into(),
                lines: vec![],
                logo: None,
            },
            title: "Weekly past-due summary".into(),
            facts: vec![("As of".into(), "25 Nov 2026".into())],
            aging: vec![
                ("Current".into(), "$100.00".into()),
                ("1–30".into(), "$50.00".into()),
            ],
            tables: vec![
                ReportTable {
                    heading: "This week's follow-ups".into(),
                    columns: vec!["Customer".into(), "Overdue".into()],
                    numeric: vec![false, true],
                    rows: (0..80)
                        .map(|i| vec![format!("Zoë Ångström & Søn {i}"), "$1,234.50".into()])
                        .collect(),
                    empty: String::new(),
                },
                ReportTable {
                    heading: "Open disputes".into(),
                    empty: "No open disputes.".into(),
                    ..ReportTable::default()
                },
            ],
            ..ReportDocument::default()
        };
        let bytes = render_report(&doc).expect("renders");
        assert!(bytes.starts_with(b"%PDF"));
        assert!(bytes.len() < 80_000, "{} bytes", bytes.len());
    }
}
