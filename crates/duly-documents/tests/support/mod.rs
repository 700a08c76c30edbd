//! Shared by the integration tests.
#![allow(dead_code)] // each test file uses a different subset

pub mod pdf_tools;
pub mod samples;

use duly_documents::PageSize;
use pdf_tools::Pdf;

const MM: f32 = 72.0 / 25.4;

/// Asserts every word lies inside the side margins, and that nothing but the
/// footer line reaches below the content area (no text over the footer).
#[track_caller]
pub fn assert_inside_frame(pdf: &Pdf, size: PageSize) {
    let (width, height) = match size {
        PageSize::A4 => (210.0 * MM, 297.0 * MM),
        PageSize::UsLetter => (612.0, 792.0),
    };
    let (left, right) = (18.0 * MM, width - 18.0 * MM);
    let content_bottom = height - 22.0 * MM;
    let footer_top = height - 16.0 * MM;
    let words = pdf.words();
    assert!(!words.is_empty(), "no text extracted");
    for w in words {
        assert!(
            w.x_min >= left - 1.0 && w.x_max <= right + 1.0,
            "word outside the side margins: {w:?}"
        );
        assert!(
            w.y_max <= content_bottom + 1.0 || w.y_min >= footer_top,
            "word in the footer gap or over the footer: {w:?}"
        );
    }
}
