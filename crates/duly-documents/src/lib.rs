//! Duly's customer-facing PDFs: invoice, statement of account and letter.
//!
//! The input is a presentation model of strings the caller has already
//! formatted in the user's locale; this crate only lays them out
//! and writes the PDF with embedded, subset Noto Sans fonts, so the text is
//! selectable and searchable. It knows nothing of Tauri, databases or the
//! rest of Duly.
//!
//! ```
//! use duly_documents::{render_invoice, InvoiceDocument, InvoiceLine, TotalRow};
//!
//! let invoice = InvoiceDocument {
//!     title: "Invoice".into(),
//!     number: "INV-0001".into(),
//!     lines: vec![InvoiceLine {
//!         description: "Bookkeeping, November".into(),
//!         quantity: "1".into(),
//!         unit_price: "€450.00".into(),
//!         amount: "€450.00".into(),
//!         ..Default::default()
//!     }],
//!     totals: vec![TotalRow::strong("Balance due", "€450.00")],
//!     ..Default::default()
//! };
//! let pdf: Vec<u8> = render_invoice(&invoice)?;
//! assert!(pdf.starts_with(b"%PDF"));
//! # Ok::<(), duly_documents::DocumentError>(())
//! ```
//!
//! Layout rules every document follows: A4 or US Letter with 18 mm side
//! margins; tables repeat their header row on every page and never split a
//! row unless it is taller than a page; totals stay on the page of the
//! table's last row; every page has a footer with "Page n of m" (a
//! one-page letter leaves the counter out).

mod draw;
mod error;
mod header;
mod invoice;
mod layout;
mod letter;
mod logo;
mod model;
mod page;
mod pay;
mod pdf;
mod report;
mod sections;
mod statement;
mod table;
mod totals;

pub use error::DocumentError;
pub use invoice::render_invoice;
pub use letter::render_letter;
pub use model::*;
pub use report::render_report;
pub use statement::render_statement;
