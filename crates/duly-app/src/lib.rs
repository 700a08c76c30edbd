//! Duly's commands, without a window.
//!
//! Each public function is what one button does: it validates the typed form
//! with `duly_core`, runs one transaction on the book with `duly_store`, and
//! returns a view for the window. `src-tauri` only forwards IPC calls here, so
//! every command is tested in this crate without Tauri or WebKit.
//! The current time is always an argument (`now`), never read here.

pub mod about;
pub mod audit;
pub mod backups;
pub mod bank_import;
pub mod contacts;
pub mod customers;
pub mod demo;
pub mod disputes;
pub mod documents;
pub mod drafts;
pub mod error;
pub mod exports;
pub mod history;
pub mod imports;
pub mod invoices;
pub mod late_fees;
pub mod mail;
pub mod opening;
pub mod overview;
pub mod page;
mod pay_details;
pub mod payments;
pub mod plans;
pub mod printers;
pub mod promises;
pub mod recurring;
pub mod settings;
mod spreadsheet;
pub mod standing;
pub mod summary;
pub mod templates;
pub mod views;

pub use error::{AppError, ErrorKind, Result};
