//! Duly's book: a single SQLite file, migrated on open, written only in
//! whole transactions. One module per table (or group of tables that live and
//! die together, like an invoice with its lines and fees).

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod bank_lines;
pub mod book;
mod codec;
pub mod contact_log;
pub mod credit_notes;
pub mod customers;
pub mod disputes;
pub mod error;
pub mod fault;
pub mod invoices;
pub mod late_fees;
pub mod lock;
pub mod mail_settings;
mod memo;
pub mod numbering;
pub mod payer_names;
pub mod payments;
pub mod plans;
pub mod policies;
pub mod profile;
pub mod promises;
pub mod schedules;
pub mod schema;
pub mod tax_rates;
pub mod templates;

pub use book::{Book, Durability};
pub use error::{Result, StoreError};
pub use fault::Fault;
pub use lock::{BookLock, Holder};
pub use rusqlite::Transaction;
