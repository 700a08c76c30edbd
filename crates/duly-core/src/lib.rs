//! Duly's domain core: money, the business profile, customers, tax rates,
//! invoices, payments, promises to pay and the contact log, with the rules
//! that govern them.
//!
//! Pure by design: no database, no clock, no UI. "Today" is always a
//! parameter, so every rule can be tested for any date.

pub mod aging;
pub mod bank;
pub mod contact_log;
pub mod country;
pub mod customer;
pub mod dispute;
pub mod error;
pub mod invoice;
pub mod ladder;
pub mod late_fee;
pub mod money;
pub mod payment;
pub mod plan;
pub mod profile;
pub mod promise;
pub mod schedule;
pub mod standing;
pub mod tax;
pub mod text;
pub mod tone;
pub mod totals;

pub use error::{DomainError, FieldError};
pub use money::Currency;
