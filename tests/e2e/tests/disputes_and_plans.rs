//! Scenario 9: on a fresh book, the customer disputes one line of an
//! invoice; it is acknowledged (a resolution date is promised) and resolved
//! with a partial credit note, which lowers the invoice and This week's
//! total. The invoice's PDF opens; a 3-month plan is offered and is active,
//! and 40 days later, its first installment missed, it is broken. The
//! customer's Timeline shows the dispute, its resolution and the credit note.

use anyhow::{ensure, Result};
use duly_e2e::saved_files::{is_pdf, pdf_text};
use duly_e2e::{play, Contact, CustomerInput, DisputeInput, PlanInput, Profile, User, TODAY};

const COMPANY: &str = "Blue Heron Café";
/// 40 days after TODAY.
const FORTY_DAYS_LATER: &str = "2027-01-04";

#[tokio::test]
async fn a_disputed_line_is_credited_and_a_missed_plan_breaks() -> Result<()> {
    play("disputes-and-plans", async |user: &mut User| {
        user.see_welcome().await?;
        user.open_settings().await?;
        user.fill_business_profile(&Profile::harbor_and_pine())
            .await?;
        user.create_customer(&CustomerInput {
            company: COMPANY.into(),
            billing: Contact {
                name: "Ines Moreau".into(),
                email: "ines@blueheron.example".into(),
                ..Contact::default()
            },
            ..CustomerInput::default()
        })
        .await?;
        user.start_invoice_for(COMPANY).await?;
        user.add_invoice_line("Monthly bookkeeping", "4", "h", "150.00", "", None)
            .await?;
        user.add_invoice_line("Payroll setup", "1", "", "250.00", "", None)
            .await?;
        let number = user.issue_invoice().await?;
        let week = user.open_week().await?;
        ensure!(
            week.total == "$850.00",
            "This week shows {} owed, not $850.00",
            week.total
        );

        user.open_invoice(&number).await?;
        let dispute = user
            .open_dispute_on_line(
                2,
                &DisputeInput {
                    cause: "price".into(),
                    // Choosing the $250.00 line proposes its amount.
                    amount: String::new(),
                    customer_words: "We agreed on $200 for the payroll setup.".into(),
                },
            )
            .await?;
        ensure!(
            dispute.status == "Open"
                && dispute.title.contains("price, $250.00 in question")
                && dispute.resolution == "Not acknowledged yet.",
            "the new dispute reads {dispute:?}"
        );
        let heading = user.acknowledge_dispute().await?;
        ensure!(
            heading.to_lowercase().contains("dispute"),
            "acknowledging opened the draft {heading:?}"
        );
        user.open_invoice(&number).await?;
        let dispute = user.read_dispute().await?;
        ensure!(
            dispute.as_ref().is_some_and(|d| d.status == "Acknowledged"
                && d.resolution.starts_with("Resolution promised by ")
                && d.resolution.ends_with(", 2026")),
            "the acknowledged dispute reads {dispute:?}"
        );

        let said = user
            .resolve_with_credit_note("50.00", "You are right: the setup was quoted at $200.")
            .await?;
        ensure!(
            said == "Resolved with credit note CN-0001",
            "resolving said {said:?}, not the credit note's number"
        );
        user.open_invoice(&number).await?;
        let balance = user.read_invoice_balance().await?;
        ensure!(
            balance == "$800.00",
            "after a $50.00 credit, {number} owes {balance}"
        );
        let dispute = user.read_dispute().await?;
        ensure!(
            dispute.is_none(),
            "the resolved dispute is still shown: {dispute:?}"
        );
        let week = user.open_week().await?;
        ensure!(
            week.total == "$800.00",
            "after the credit, This week shows {} owed",
            week.total
        );

        user.open_invoice(&number).await?;
        let pdf = user.open_invoice_pdf().await?;
        ensure!(is_pdf(&pdf)?, "{} is not a PDF", pdf.display());
        let credit = user.open_credit_note_pdf().await?;
        let text = pdf_text(&credit)?;
        ensure!(
            text.contains("CN-0001") && text.contains("$50.00"),
            "the credit note's PDF reads:\n{text}"
        );

        let said = user
            .offer_plan(&PlanInput {
                installments: "3".into(),
                every: "monthly".into(),
                first_on: TODAY.into(),
            })
            .await?;
        ensure!(
            said == "Plan set up: 3 installments",
            "setting up the plan said {said:?}"
        );
        user.open_customer(COMPANY).await?;
        let plans = user.open_plans_tab().await?;
        ensure!(
            plans.len() == 1
                && plans[0].badge == "active"
                && plans[0]
                    .title
                    .contains(&format!("3 installments for {number}")),
            "the Plans tab should show one active plan: {plans:#?}"
        );
        let timeline = user.open_timeline().await?;
        for (label, words) in [
            ("Dispute", format!("{number} questioned")),
            ("Dispute", format!("Dispute on {number} resolved")),
            (
                "Credit note",
                format!("Credit note CN-0001 for $50.00 on {number}"),
            ),
        ] {
            ensure!(
                timeline
                    .iter()
                    .any(|e| e.label == label && e.text.contains(&words)),
                "the Timeline has no {label} entry reading {words:?}: {timeline:#?}"
            );
        }

        user.restart_app_on(FORTY_DAYS_LATER).await?;
        user.open_customer(COMPANY).await?;
        let plans = user.open_plans_tab().await?;
        ensure!(
            plans.len() == 1 && plans[0].badge == "broken",
            "40 days on, with the first installment missed, the plan should be broken: {plans:#?}"
        );
        Ok(())
    })
    .await
}
