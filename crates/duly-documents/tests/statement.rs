//! The statement of account read back with pdftotext and qpdf.

mod support;

use duly_documents::{render_statement, PageSize};
use support::pdf_tools::{assert_line, Pdf};
use support::{assert_inside_frame, samples};

#[test]
fn page_one_shows_rows_running_balance_aging_and_totals() {
    let doc = samples::statement(10);
    let pdf = Pdf::new(&render_statement(&doc).expect("renders"));
    let text = pdf.page_text(1);
    assert_line(&text, &["Statement of account"]);
    assert_line(&text, &["Statement for"]);
    assert_line(
        &text,
        &["Ångström Analytics AB", "Statement date", "25 Nov 2026"],
    );
    assert_line(&text, &["Attn: Zoë Ångström", "Customer", "C-0117"]);
    assert_line(&text, &["Storgatan 12", "Period", "1 Jul – 25 Nov 2026"]);
    assert_line(
        &text,
        &[
            "Date",
            "Reference",
            "Description",
            "Charge",
            "Payment",
            "Balance",
        ],
    );
    for row in &doc.rows {
        let mut parts = vec![row.date.as_str(), &row.reference, &row.description];
        parts.extend(
            [&row.days_past_due, &row.charge, &row.payment, &row.balance]
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(String::as_str),
        );
        assert_line(&text, &parts);
    }
    let labels: Vec<&str> = doc.aging.iter().map(|(label, _)| label.as_str()).collect();
    let amounts: Vec<&str> = doc
        .aging
        .iter()
        .map(|(_, amount)| amount.as_str())
        .collect();
    assert_line(&text, &labels);
    assert_line(&text, &amounts);
    for row in &doc.totals {
        assert_line(&text, &[&row.label, &row.amount]);
    }
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    };
    assert!(at("INV-0010") < at("Total charges"));
    assert!(at("Balance due") < at("Over 90 days"));
    assert_inside_frame(&pdf, PageSize::A4);
}

#[test]
fn long_statements_repeat_the_header_and_keep_aging_with_the_last_row() {
    let doc = samples::statement(150);
    let pdf = Pdf::new(&render_statement(&doc).expect("renders"));
    let pages = pdf.page_count();
    assert!(pages > 3);
    let texts: Vec<String> = (1..=pages).map(|n| pdf.page_text(n)).collect();
    for (i, text) in texts.iter().enumerate() {
        assert_line(text, &["Date", "Reference", "Description", "Balance"]);
        assert_line(text, &[&format!("Page {} of {pages}", i + 1)]);
    }
    let last_row = texts
        .iter()
        .position(|t| t.contains("PAY-0150"))
        .expect("last row printed");
    let end = &texts[last_row];
    assert!(end.find("PAY-0150") < end.find("Total charges"));
    assert!(end.contains("Over 90 days"));
    let all = texts.concat();
    for i in 1..=150_usize {
        let reference = if i.is_multiple_of(3) {
            format!("PAY-{i:04}")
        } else {
            format!("INV-{i:04}")
        };
        assert_eq!(all.matches(&reference).count(), 1, "{reference}");
    }
    assert_inside_frame(&pdf, PageSize::A4);
    pdf.qpdf_check().expect("qpdf --check");
}

/// Whatever the number of rows, "How to pay" is never alone on a page: the
/// totals (and the table's last rows) move over with it.
#[test]
fn how_to_pay_never_stands_alone_on_the_last_page() {
    let mut two_pages = 0;
    for rows in 10..=40 {
        let doc = samples::statement(rows);
        let pdf = Pdf::new(&render_statement(&doc).expect("renders"));
        let pages = pdf.page_count();
        two_pages += usize::from(pages > 1);
        let last = pdf.page_text(pages);
        assert!(last.contains("How to pay"), "{rows} rows: {last}");
        assert!(
            last.contains("Balance due") && last.contains("Over 90 days"),
            "{rows} rows: the last page holds \"How to pay\" without the totals:\n{last}"
        );
    }
    assert!(
        two_pages > 0,
        "some of these statements run to a second page"
    );
}

#[test]
fn qpdf_finds_no_errors() {
    let pdf = Pdf::new(&render_statement(&samples::statement(12)).expect("renders"));
    pdf.qpdf_check().expect("qpdf --check");
}
