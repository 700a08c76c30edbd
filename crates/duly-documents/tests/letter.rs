//! The letter read back with pdftotext and qpdf.

mod support;

use duly_documents::{render_letter, PageSize};
use support::pdf_tools::{assert_line, Pdf};
use support::{assert_inside_frame, samples};

#[test]
fn a_short_letter_is_one_page_with_every_part() {
    let doc = samples::letter(3);
    let pdf = Pdf::new(&render_letter(&doc).expect("renders"));
    assert_eq!(pdf.page_count(), 1);
    let text = pdf.page_text(1);
    assert_line(&text, &["Müller & Søn Design Studio"]);
    assert_line(&text, &["ul. Piotrkowska 104, 90-001 Łódź, Poland"]);
    assert_line(&text, &["Zoë Ångström", "25 January 2027"]);
    for line in &doc.recipient[1..] {
        assert_line(&text, &[line]);
    }
    assert_line(&text, &["Invoice INV-0042 — a friendly check-in"]);
    assert_line(&text, &["Dear Zoë,"]);
    assert!(text.contains("I hope this finds you well."));
    assert!(text.contains("call this week would be perfect."));
    assert_line(&text, &["Kind regards,"]);
    assert_line(&text, &["Zofia Müller"]);
    assert_line(&text, &["Owner, Müller & Søn Design Studio"]);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    };
    assert!(at("Storgatan") < at("friendly check-in"));
    assert!(at("Dear Zoë") < at("Kind regards"));
    assert!(at("Kind regards") < at("Zofia Müller"));
    assert!(
        !text.contains("Page 1"),
        "a one-page letter needs no page number"
    );
    assert_inside_frame(&pdf, PageSize::A4);
}

#[test]
fn a_long_letter_flows_onto_numbered_pages() {
    let doc = samples::letter(12);
    let pdf = Pdf::new(&render_letter(&doc).expect("renders"));
    let pages = pdf.page_count();
    assert!(pages >= 2);
    for n in 1..=pages {
        assert_line(&pdf.page_text(n), &[&format!("Page {n} of {pages}")]);
    }
    let last = pdf.page_text(pages);
    assert!(last.contains("Zoë Ångström · 25 January 2027 · continued"));
    assert!(last.contains("Zofia Müller"));
    // Every paragraph is there once: 12 paragraphs cycling through 3 texts.
    assert_eq!(pdf.text().matches("I hope this finds you well.").count(), 4);
    assert_inside_frame(&pdf, PageSize::A4);
    pdf.qpdf_check().expect("qpdf --check");
}

#[test]
fn us_letter_and_no_logo() {
    let mut doc = samples::letter(2);
    doc.page_size = PageSize::UsLetter;
    doc.letterhead.logo = None;
    let pdf = Pdf::new(&render_letter(&doc).expect("renders"));
    assert!(pdf.info().contains("612 x 792 pts (letter)"));
    assert_inside_frame(&pdf, PageSize::UsLetter);
    pdf.qpdf_check().expect("qpdf --check");
}

/// A reminder letter's payment panel comes under the signature, kept whole,
/// and its QR code reads back as the payload given; a letter without one
/// prints none.
#[test]
fn the_pay_panel_follows_the_signature_and_its_qr_code_reads_back() {
    let doc = samples::letter(3);
    let pdf = Pdf::new(&render_letter(&doc).expect("renders"));
    let text = pdf.text();
    let signed = text.find("Zofia Müller").expect("signed");
    let panel = text.find("Pay by bank transfer").expect("a panel");
    assert!(signed < panel, "the panel comes after the signature");
    assert_line(&text, &["Reference", "RF97 INV0 042 (INV-0042)"]);
    let codes: Vec<String> = (1..=pdf.page_count())
        .flat_map(|page| pdf.page_qr_codes(page))
        .collect();
    assert_eq!(codes, [samples::EPC_PAYLOAD]);

    let plain = samples::letter(3);
    let plain = duly_documents::LetterDocument { pay: None, ..plain };
    let pdf = Pdf::new(&render_letter(&plain).expect("renders"));
    assert!(!pdf.text().contains("Pay by bank transfer"));
    assert!(pdf.page_qr_codes(1).is_empty());
}
