//! The HTML peer's input: the same invoice model our renderer prints, laid
//! out roughly as our PDF is (letterhead and title, bill-to beside the facts,
//! the line table with its header repeated on every page, totals, sections),
//! one self-contained file with embedded CSS and nothing fetched.
//!
//! Tables rather than flexbox lay the page out, because wkhtmltopdf's
//! QtWebKit predates flexbox; both peers then print the same page.

use duly_app::documents::InvoiceDocument;

const CSS: &str = r#"
@page { size: A4; margin: 18mm 18mm 22mm 18mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 9pt;
       color: #292e33; }
table { border-collapse: collapse; width: 100%; }
td, th { vertical-align: top; padding: 0; }
.head td { padding-bottom: 6mm; border-bottom: 1px solid #d6dbe0; }
.name { font-size: 13pt; font-weight: bold; }
.small { font-size: 8pt; color: #6b737d; }
h1 { margin: 0; font-size: 22pt; color: #0f5461; text-align: right; }
.number { text-align: right; font-weight: bold; font-size: 10.5pt; }
.parties { margin: 6mm 0 8mm 0; }
.label { font-size: 7.5pt; font-weight: bold; color: #6b737d; }
.facts td { padding: 1pt 0 1pt 12pt; }
.lines th { font-size: 7.5pt; color: #6b737d; text-align: left; padding: 5pt 6pt 5pt 0;
            border-bottom: 1px solid #292e33; }
.lines td { padding: 5pt 6pt 5pt 0; border-bottom: 1px solid #d6dbe0; }
.lines thead { display: table-header-group; }
.lines tr { page-break-inside: avoid; }
.num { text-align: right !important; white-space: nowrap; }
.totals { width: 45%; margin: 3mm 0 0 auto; page-break-inside: avoid; }
.totals td { padding: 4pt 0; }
.totals .strong td { font-weight: bold; font-size: 10.5pt; color: #0f5461;
                     border-top: 1px solid #292e33; }
h2 { font-size: 9.5pt; margin: 5mm 0 1mm 0; }
p { margin: 0 0 2mm 0; }
"#;

/// Escapes text for HTML; every value is text, never markup.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// One HTML page with the invoice.
pub fn invoice(doc: &InvoiceDocument) -> String {
    let mut h = String::new();
    let title = format!("{} {}", doc.title, doc.number);
    h.push_str(&format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{CSS}</style></head><body>",
        text(&title)
    ));
    let letterhead: String = doc
        .letterhead
        .lines
        .iter()
        .map(|l| format!("<div class=\"small\">{}</div>", text(l)))
        .collect();
    h.push_str(&format!(
        "<table class=\"head\"><tr><td><div class=\"name\">{}</div>{letterhead}</td>\
         <td><h1>{}</h1><div class=\"number\">{}</div></td></tr></table>",
        text(&doc.letterhead.name),
        text(&doc.title),
        text(&doc.number)
    ));
    let bill_to: String = doc
        .bill_to
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("<div><b>{}</b></div>", text(l))
            } else {
                format!("<div>{}</div>", text(l))
            }
        })
        .collect();
    let facts: String = doc
        .facts
        .iter()
        .map(|(k, v)| {
            format!(
                "<tr><td class=\"small\">{}</td><td class=\"num\">{}</td></tr>",
                text(k),
                text(v)
            )
        })
        .collect();
    h.push_str(&format!(
        "<table class=\"parties\"><tr><td><div class=\"label\">{}</div>{bill_to}</td>\
         <td style=\"width:40%\"><table class=\"facts\">{facts}</table></td></tr></table>",
        text(&doc.bill_to_label)
    ));

    let c = &doc.columns;
    h.push_str(&format!(
        "<table class=\"lines\"><thead><tr><th>{}</th><th class=\"num\">{}</th><th>{}</th>\
         <th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>\
         <th class=\"num\">{}</th></tr></thead><tbody>",
        text(&c.description),
        text(&c.quantity),
        text(&c.unit),
        text(&c.unit_price),
        text(&c.discount),
        text(&c.tax),
        text(&c.amount)
    ));
    for l in &doc.lines {
        h.push_str(&format!(
            "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            text(&l.description),
            text(&l.quantity),
            text(&l.unit),
            text(&l.unit_price),
            text(&l.discount),
            text(&l.tax),
            text(&l.amount)
        ));
    }
    h.push_str("</tbody></table><table class=\"totals\">");
    for row in &doc.totals {
        h.push_str(&format!(
            "<tr{}><td>{}</td><td class=\"num\">{}</td></tr>",
            if row.strong { " class=\"strong\"" } else { "" },
            text(&row.label),
            text(&row.amount)
        ));
    }
    h.push_str("</table>");
    for (heading, body) in &doc.sections {
        h.push_str(&format!("<h2>{}</h2>", text(heading)));
        for paragraph in body.split("\n\n") {
            h.push_str(&format!("<p>{}</p>", text(paragraph)));
        }
    }
    h.push_str("</body></html>");
    h
}
