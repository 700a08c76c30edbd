//! The invoice as a customer sees it, read back with pdftotext, pdffonts and qpdf.

mod support;

use duly_documents::{render_invoice, DocumentError, PageSize};
use support::pdf_tools::{assert_line, Pdf};
use support::{assert_inside_frame, samples};

#[test]
fn page_one_shows_every_field_where_expected() {
    let doc = samples::invoice(6);
    let pdf = Pdf::new(&render_invoice(&doc).expect("renders"));
    let text = pdf.page_text(1);

    // Letterhead and title block share the top lines.
    assert_line(&text, &["Invoice"]);
    assert_line(&text, &["Müller & Søn Design Studio", "INV-0042"]);
    assert_line(&text, &["ul. Piotrkowska 104, 90-001 Łódź, Poland"]);
    assert_line(&text, &["hello@mullerson.example · +48 42 123 45 67"]);
    assert_line(&text, &["VAT PL7251234567"]);
    // Customer block with the facts beside it.
    assert_line(&text, &["Bill to"]);
    assert_line(
        &text,
        &["Ångström Analytics AB", "Issue date", "25 Nov 2026"],
    );
    assert_line(&text, &["Attn: Zoë Ångström", "Due date", "25 Dec 2026"]);
    assert_line(&text, &["Storgatan 12", "Terms", "Net 30"]);
    assert_line(&text, &["114 51 Stockholm, Sweden", "PO number", "PO-7731"]);
    // Table header, then each line with its figures on its first text line.
    assert_line(
        &text,
        &[
            "Description",
            "Qty",
            "Unit",
            "Unit price",
            "Discount",
            "Tax",
            "Amount",
        ],
    );
    for (i, line) in doc.lines.iter().enumerate() {
        let first = line.description.split('\n').next().unwrap_or_default();
        let lead: String = first.chars().take(20).collect();
        let mut parts = vec![lead.as_str(), &line.quantity, &line.unit, &line.unit_price];
        if !line.discount.is_empty() {
            parts.push(&line.discount);
        }
        parts.extend([line.tax.as_str(), &line.amount]);
        assert_line(&text, &parts);
        assert!(text.contains(&format!("Item {:03}", i + 1)));
    }
    assert!(text.contains("Two rounds of revisions included"));
    assert!(text.contains("½ day on site"));
    // Totals, each amount beside its label (the minus sign prints as a hyphen).
    for row in &doc.totals {
        let amount = row.amount.replace('\u{2212}', "-");
        assert_line(&text, &[&row.label, &amount]);
    }
    // The payment panel fits on page 1, with the footer.
    assert_line(&text, &["Pay by bank transfer"]);
    assert_line(&text, &["IBAN", "PL61 1090 1014 0000 0712 1981 2874"]);
    assert_line(
        &text,
        &["Müller & Søn Design Studio · Invoice INV-0042", "Page 1 of"],
    );

    // Reading order: customer, table, totals, sections.
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    };
    assert!(at("Bill to") < at("Unit price"));
    assert!(at("Item 006") < at("Subtotal"));
    assert!(at("Balance due") < at("Pay by bank transfer"));
    assert!(!text.contains("VOID") && !text.contains("DRAFT"));

    // The sections follow on page 2.
    let all = pdf.text();
    for (heading, _) in &doc.sections {
        assert!(all.contains(heading.as_str()), "{heading} missing");
    }
    assert_inside_frame(&pdf, PageSize::A4);
}

#[test]
fn three_hundred_lines_paginate_with_header_and_page_numbers_on_every_page() {
    let doc = samples::invoice(300);
    let pdf = Pdf::new(&render_invoice(&doc).expect("renders"));
    let pages = pdf.page_count();
    assert!(pages > 5, "300 lines on {pages} pages");

    let texts: Vec<String> = (1..=pages).map(|n| pdf.page_text(n)).collect();
    for (i, text) in texts.iter().enumerate() {
        let n = i + 1;
        // Every page with lines repeats the table's header.
        if text.contains("Item ") {
            assert_line(text, &["Description", "Qty", "Unit price", "Amount"]);
        }
        assert_line(text, &[&format!("Page {n} of {pages}")]);
        assert_eq!(
            text.matches("Page ").count(),
            1,
            "one page counter on page {n}"
        );
    }
    assert!(!texts[0].contains("continued"), "no running head on page 1");
    assert!(texts[1..]
        .iter()
        .all(|t| t.contains("Invoice INV-0042 · continued")));

    // Totals come only after the last line, on the last page(s).
    let last_line_page = texts
        .iter()
        .position(|t| t.contains("Item 300"))
        .expect("line 300 printed");
    for (i, text) in texts.iter().enumerate() {
        if text.contains("Subtotal") || text.contains("Balance due") {
            assert!(
                i >= last_line_page,
                "totals on page {} before the last line",
                i + 1
            );
        }
    }
    let end = &texts[last_line_page];
    let subtotal = end
        .find("Subtotal")
        .expect("totals on the page of the last line");
    assert!(end.find("Item 300").is_some_and(|at| at < subtotal));
    assert!(end.contains("Balance due"));

    // Every line exactly once: none lost or repeated at page breaks.
    let all = texts.concat();
    for i in 1..=300 {
        let needle = format!("Item {i:03} —");
        assert_eq!(all.matches(&needle).count(), 1, "{needle}");
    }
    assert_inside_frame(&pdf, PageSize::A4);
}

#[test]
fn a_very_long_description_wraps_inside_the_page() {
    let mut doc = samples::invoice(3);
    // ~3,000 characters of distinct words, plus one word longer than the column.
    let words: Vec<String> = (0..500).map(|i| format!("w{i:04}")).collect();
    let long_word = "Ж".repeat(120);
    doc.lines[1].description = format!("{} {long_word}", words.join(" "));
    assert!(doc.lines[1].description.len() >= 3000);
    let pdf = Pdf::new(&render_invoice(&doc).expect("renders"));

    assert_inside_frame(&pdf, PageSize::A4);
    let all = pdf.text();
    for word in &words {
        assert_eq!(all.matches(word.as_str()).count(), 1, "{word}");
    }
    let broken_word_chars: usize = all.matches('Ж').count();
    assert_eq!(
        broken_word_chars, 120,
        "the over-long word is broken, not lost"
    );
    // Its figures still sit on its first line.
    assert_line(
        &pdf.page_text(1),
        &["w0000", "3", "€1,250.00", "20%", "€1,002.50"],
    );
}

#[test]
fn a_row_taller_than_a_page_continues_on_the_next_page() {
    let mut doc = samples::invoice(2);
    let words: Vec<String> = (0..2000).map(|i| format!("z{i:04}")).collect();
    doc.lines[0].description = words.join(" ");
    let pdf = Pdf::new(&render_invoice(&doc).expect("renders"));
    assert!(pdf.page_count() >= 3);
    assert_inside_frame(&pdf, PageSize::A4);
    let all = pdf.text();
    for word in &words {
        assert_eq!(all.matches(word.as_str()).count(), 1, "{word}");
    }
}

#[test]
fn unicode_names_and_symbols_are_extractable() {
    let mut doc = samples::invoice(1);
    doc.bill_to[0] = "Zoë Ångström".into();
    doc.lines[0].description = "Łódź — Müller & Søn, ½ day".into();
    doc.lines[0].amount = "€1 234,50".into();
    let pdf = Pdf::new(&render_invoice(&doc).expect("renders"));
    let text = pdf.page_text(1);
    for needle in [
        "Zoë Ångström",
        "Łódź — Müller & Søn, ½ day",
        "€1 234,50",
        "Müller & Søn Design Studio",
    ] {
        assert!(text.contains(needle), "{needle} not extractable:\n{text}");
    }
}

/// Greek, Cyrillic and Vietnamese are outside the common cut of the font:
/// the document falls back to the full face, in either weight, and the
/// right-aligned amount still lines up with its column.
#[test]
fn names_beyond_latin_use_the_full_font_and_stay_extractable() {
    let mut doc = samples::invoice(3);
    doc.bill_to[0] = "Ελένη Παπαδοπούλου".into();
    doc.lines[0].description = "Иван Петров — Nguyễn Thị Minh Khai".into();
    doc.title = "Счёт".into();
    let pdf = Pdf::new(&render_invoice(&doc).expect("renders"));
    let text = pdf.page_text(1);
    for needle in [
        "Ελένη Παπαδοπούλου",
        "Иван Петров — Nguyễn Thị Minh Khai",
        "Счёт",
    ] {
        assert!(text.contains(needle), "{needle} not extractable:\n{text}");
    }
    pdf.qpdf_check().expect("qpdf --check");
}

#[test]
fn fonts_are_embedded_as_subsets_with_unicode_maps_and_files_stay_small() {
    let bytes = render_invoice(&samples::invoice(30)).expect("renders");
    assert!(
        bytes.len() < 50 * 1024,
        "30-line invoice is {} bytes",
        bytes.len()
    );
    let pdf = Pdf::new(&bytes);
    let fonts = pdf.fonts();
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "regular and bold:\n{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name, type (2 words), encoding, emb, sub, uni, object id (2)
        assert!(cols[0].contains("+NotoSans-"), "{row}");
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            ["yes", "yes", "yes"],
            "emb sub uni: {row}"
        );
    }
}

#[test]
fn qpdf_finds_no_errors() {
    for doc in [samples::invoice(6), samples::invoice(120)] {
        let pdf = Pdf::new(&render_invoice(&doc).expect("renders"));
        pdf.qpdf_check().expect("qpdf --check");
    }
    let mut void = samples::invoice(2);
    void.void_mark = true;
    void.letterhead.logo = None;
    Pdf::new(&render_invoice(&void).expect("renders"))
        .qpdf_check()
        .expect("qpdf --check");
}

#[test]
fn void_invoices_are_marked_on_every_page() {
    let mut doc = samples::invoice(120);
    doc.void_mark = true;
    let pdf = Pdf::new(&render_invoice(&doc).expect("renders"));
    let pages = pdf.page_count();
    assert!(pages > 1);
    for n in 1..=pages {
        let text = pdf.page_text(n);
        assert!(
            text.contains("Invoice INV-0042 · VOID"),
            "no VOID on page {n}:\n{text}"
        );
    }
    assert_line(&pdf.page_text(1), &["VOID"]);
    let plain = Pdf::new(&render_invoice(&samples::invoice(120)).expect("renders"));
    assert!(!plain.text().contains("VOID"));
}

#[test]
fn drafts_say_so_instead_of_a_number() {
    let mut doc = samples::invoice(2);
    doc.number.clear();
    let pdf = Pdf::new(&render_invoice(&doc).expect("renders"));
    let text = pdf.page_text(1);
    assert!(text.contains("DRAFT"));
    assert!(text.contains("Invoice DRAFT"), "footer names the draft");
}

#[test]
fn page_sizes_are_a4_and_us_letter() {
    let mut doc = samples::invoice(40);
    let a4 = Pdf::new(&render_invoice(&doc).expect("renders"));
    assert!(
        a4.info().contains("595.276 x 841.89 pts (A4)"),
        "{}",
        a4.info()
    );
    doc.page_size = PageSize::UsLetter;
    let letter = Pdf::new(&render_invoice(&doc).expect("renders"));
    assert!(
        letter.info().contains("612 x 792 pts (letter)"),
        "{}",
        letter.info()
    );
    assert_inside_frame(&letter, PageSize::UsLetter);
}

#[test]
fn optional_columns_are_left_out_when_no_line_uses_them() {
    let mut doc = samples::invoice(3);
    for line in &mut doc.lines {
        line.discount.clear();
        line.unit.clear();
    }
    let text = Pdf::new(&render_invoice(&doc).expect("renders")).page_text(1);
    assert_line(
        &text,
        &["Description", "Qty", "Unit price", "Tax", "Amount"],
    );
    assert!(!text.contains("Discount"));
}

#[test]
fn logos_that_are_not_png_or_jpeg_are_errors_not_panics() {
    let mut doc = samples::invoice(1);
    doc.letterhead.logo = Some(b"definitely not an image".to_vec());
    assert_eq!(render_invoice(&doc), Err(DocumentError::LogoFormat));

    let mut truncated = samples::LOGO_PNG[..40].to_vec();
    truncated.extend_from_slice(&[0xde, 0xad, 0xbe, 0xef]);
    doc.letterhead.logo = Some(truncated);
    assert!(matches!(
        render_invoice(&doc),
        Err(DocumentError::LogoDecode(_))
    ));

    doc.letterhead.logo = Some(b"\xff\xd8\xff\xe0garbage".to_vec());
    assert!(matches!(
        render_invoice(&doc),
        Err(DocumentError::LogoDecode(_))
    ));
}

#[test]
fn an_empty_invoice_still_renders_one_page() {
    let doc = duly_documents::InvoiceDocument::default();
    let pdf = Pdf::new(&render_invoice(&doc).expect("renders"));
    assert_eq!(pdf.page_count(), 1);
    pdf.qpdf_check().expect("qpdf --check");
}

#[test]
fn totals_always_share_a_page_with_the_last_line() {
    // Line counts around the first page break put the last line at every
    // height of page 1 and 2, including right above the footer.
    for lines in 8..=40 {
        let doc = samples::invoice(lines);
        let pdf = Pdf::new(&render_invoice(&doc).expect("renders"));
        let last = format!("Item {lines:03}");
        let page = (1..=pdf.page_count())
            .map(|n| pdf.page_text(n))
            .find(|text| text.contains(&last))
            .expect("last line printed");
        let (row, totals) = (page.find(&last), page.find("Subtotal"));
        assert!(
            row.is_some() && totals.is_some() && row < totals && page.contains("Balance due"),
            "{lines} lines: totals not kept with the last line:\n{page}"
        );
        assert_inside_frame(&pdf, PageSize::A4);
    }
}

/// The payment panel prints each row beside its label, and its QR code,
/// drawn at print size, decodes back to exactly the payload given.
#[test]
fn the_pay_panel_prints_the_account_and_its_qr_code_reads_back() {
    let doc = samples::invoice(6);
    let pdf = Pdf::new(&render_invoice(&doc).expect("renders"));
    let text = pdf.text();
    assert_line(&text, &["Pay by bank transfer"]);
    assert_line(&text, &["IBAN", "PL61 1090 1014 0000 0712 1981 2874"]);
    assert_line(&text, &["Reference", "RF97 INV0 042 (INV-0042)"]);
    assert!(text.contains("Scan with your banking app"));
    let codes = |pdf: &Pdf| -> Vec<String> {
        (1..=pdf.page_count())
            .flat_map(|page| pdf.page_qr_codes(page))
            .collect()
    };
    assert_eq!(codes(&pdf), [samples::EPC_PAYLOAD]);

    // Without a payload, no code is drawn; without a panel, none is printed.
    let mut no_code = samples::invoice(6);
    if let Some(pay) = no_code.pay.as_mut() {
        pay.qr = None;
    }
    let pdf = Pdf::new(&render_invoice(&no_code).expect("renders"));
    assert!(codes(&pdf).is_empty());
    assert!(!pdf.text().contains("Scan with your banking app"));
    let mut no_panel = samples::invoice(6);
    no_panel.pay = None;
    let text = Pdf::new(&render_invoice(&no_panel).expect("renders")).text();
    assert!(!text.contains("Pay by bank transfer"));
}
