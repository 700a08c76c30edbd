//! Scenario 14: a monthly retainer made recurring from its invoice; Duly is
//! closed and started again two months later: both periods are billed once,
//! each naming its month, issued in one step with gapless numbers, and a
//! second start that day bills nothing more.

use anyhow::{ensure, Result};
use duly_e2e::{play, Contact, CustomerInput, Profile, User};

const COMPANY: &str = "Blue Heron Dental";

#[tokio::test]
async fn a_recurring_invoice_bills_each_missed_month_once() -> Result<()> {
    play("recurring-invoices", async |user: &mut User| {
        user.see_welcome().await?;
        user.open_settings().await?;
        user.fill_business_profile(&Profile::harbor_and_pine())
            .await?;
        user.create_customer(&CustomerInput {
            company: COMPANY.into(),
            billing: Contact {
                name: "Ana Chen".into(),
                ..Contact::default()
            },
            ..CustomerInput::default()
        })
        .await?;
        user.start_invoice_for(COMPANY).await?;
        user.add_invoice_line("Monthly bookkeeping", "1", "", "450.00", "", None)
            .await?;
        let first = user.issue_invoice().await?;
        ensure!(first == "INV-0001", "the retainer was numbered {first}");

        user.open_invoice(&first).await?;
        let preview = user
            .make_recurring("2026-12-01", "Monthly bookkeeping, {{ period }}")
            .await?;
        ensure!(
            preview == "The first will read: “Monthly bookkeeping, December 2026”",
            "the dialog previews {preview:?}"
        );

        // Two months later: December and January are due.
        user.restart_app_on("2027-01-25").await?;
        user.open_week().await?;
        let waiting = user.read_review_banner().await?.unwrap_or_default();
        ensure!(
            waiting.starts_with("2 recurring invoices ready to review"),
            "This week says {waiting:?}"
        );
        let said = user.issue_reviewed().await?;
        ensure!(said == "Issued INV-0002, INV-0003", "issuing said {said:?}");

        // Started again the same day: nothing more is billed.
        user.restart_app_on("2027-01-25").await?;
        user.open_week().await?;
        ensure!(
            user.read_review_banner().await?.is_none(),
            "a second start billed again"
        );
        let rows = user.open_invoice_list().await?;
        let numbers: Vec<&str> = rows.iter().map(|r| r.number.as_str()).collect();
        ensure!(
            numbers == ["INV-0003", "INV-0002", "INV-0001"],
            "the invoices are {numbers:?}"
        );
        for (number, month) in [("INV-0002", "December 2026"), ("INV-0003", "January 2027")] {
            let page = user.open_invoice(number).await?;
            ensure!(
                page.lines.first().map(|l| l.description.as_str())
                    == Some(&format!("Monthly bookkeeping, {month}")[..]),
                "{number} reads {:?}",
                page.lines
            );
        }
        Ok(())
    })
    .await
}
