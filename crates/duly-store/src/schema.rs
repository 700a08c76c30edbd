//! The book's schema: the numbered SQL migrations and the version they
//! reach. Both opening a book (which migrates it) and checking a backup
//! (which must not be newer than this build) read it.

use rusqlite_migration::{Migrations, M};

/// Every schema change, in order, one SQL file each. Never edit a released
/// migration; add the next file.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_foundation.sql"),
    include_str!("../migrations/0002_payments_promises_contacts.sql"),
    include_str!("../migrations/0003_summary_policies.sql"),
    include_str!("../migrations/0004_page_size.sql"),
    include_str!("../migrations/0005_audit_trail.sql"),
    include_str!("../migrations/0006_follow_ups.sql"),
    include_str!("../migrations/0007_disputes_credits_plans.sql"),
    include_str!("../migrations/0008_late_fees.sql"),
    include_str!("../migrations/0009_balance_index.sql"),
    include_str!("../migrations/0010_audit_more.sql"),
    include_str!("../migrations/0011_service_decisions.sql"),
    include_str!("../migrations/0012_payment_dates.sql"),
    include_str!("../migrations/0013_ladder_first_steps.sql"),
    include_str!("../migrations/0014_past_checks_and_agreements.sql"),
    include_str!("../migrations/0015_statement_email.sql"),
    include_str!("../migrations/0016_country.sql"),
    include_str!("../migrations/0017_invoice_fee_exemptions.sql"),
    include_str!("../migrations/0018_payments_entered_in_error.sql"),
    include_str!("../migrations/0019_recurring_invoices.sql"),
    include_str!("../migrations/0020_pay_details.sql"),
    include_str!("../migrations/0021_bank_lines.sql"),
];

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version this build of Duly writes (`PRAGMA user_version`).
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}
