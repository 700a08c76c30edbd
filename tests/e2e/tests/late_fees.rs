//! Scenario 10: an invoice 45 days past due under a policy of 1.5 % a month
//! after 15 grace days owes $14.79 (the core's worked example); charged
//! once after a plain confirmation, it is not charged again for the same day.
//! Ticking "Never charge this customer late fees" on the customer's form
//! takes them off the Late fees screen.

use anyhow::{ensure, Result};
use duly_e2e::{play, Contact, CustomerInput, Profile, User};

const COMPANY: &str = "Stonebridge Brewing Co.";

#[tokio::test]
async fn a_late_fee_is_charged_once() -> Result<()> {
    play("late-fees", async |user: &mut User| {
        user.see_welcome().await?;
        user.open_settings().await?;
        user.fill_business_profile(&Profile::harbor_and_pine())
            .await?;
        let policy = user.set_late_fee_policy("1.5", "15").await?;
        ensure!(policy.contains("1.5"), "the policy reads {policy:?}");
        user.create_customer(&CustomerInput {
            company: COMPANY.into(),
            billing: Contact {
                name: "Sam Okafor".into(),
                ..Contact::default()
            },
            ..CustomerInput::default()
        })
        .await?;
        user.start_invoice_for(COMPANY).await?;
        user.add_invoice_line("Quarterly close", "10", "h", "100.00", "", None)
            .await?;
        // Due 11 Oct 2026 (net 30): 45 days late on 25 Nov 2026.
        let number = user.issue_invoice_dated("2026-09-11").await?;

        let fees = user.open_late_fees().await?;
        let line = fees.lines.iter().find(|l| l.invoice == number);
        ensure!(
            line.is_some_and(|l| l.late == "45 days"
                && l.balance == "$1,000.00"
                && l.fee_owed == "$14.79"
                && l.already_charged == "$0.00"
                && l.to_charge_now == "$14.79"),
            "{number} should owe a $14.79 fee, 45 days late: {:#?}",
            fees.lines
        );
        ensure!(
            fees.can_charge && fees.charges.is_empty(),
            "before charging, the screen reads {fees:#?}"
        );

        // "Don't charge" asks which: this invoice, or all of the customer's.
        let (choices, waived) = user.dont_charge_invoice(&number).await?;
        ensure!(
            choices.len() == 2
                && choices[0].starts_with(&format!("Only {number}"))
                && choices[1].starts_with(&format!("Every invoice of {COMPANY}")),
            "the dialog offers {choices:?}"
        );
        ensure!(
            waived.lines.iter().all(|l| l.invoice != number)
                && waived.exempt_invoices == [number.clone()],
            "waived, {number} should be listed apart: {waived:#?}"
        );
        let back = user.charge_invoice_again(&number).await?;
        ensure!(
            back.exempt_invoices.is_empty()
                && back
                    .lines
                    .iter()
                    .any(|l| l.invoice == number && l.to_charge_now == "$14.79"),
            "charged again, {number} should owe its fee: {back:#?}"
        );

        let (asked, said, after) = user.charge_late_fees().await?;
        ensure!(
            asked.contains("$14.79"),
            "the confirmation does not say the amount: {asked:?}"
        );
        ensure!(said.starts_with("Issued "), "charging said {said:?}");
        ensure!(
            after.charges.len() == 1 && after.charges[0].total == "$14.79",
            "one finance charge of $14.79 should be listed: {:#?}",
            after.charges
        );

        // The same day again: nothing more to charge.
        let again = user.open_late_fees().await?;
        let line = again.lines.iter().find(|l| l.invoice == number);
        ensure!(
            line.is_some_and(|l| l.already_charged == "$14.79" && l.to_charge_now == "$0.00"),
            "after charging, {number} should have nothing left to charge: {:#?}",
            again.lines
        );
        ensure!(
            !again.can_charge && again.charges.len() == 1,
            "charging again for the same day should add nothing: {again:#?}"
        );

        user.open_customer(COMPANY).await?;
        let sub = user.stop_late_fees_for_customer().await?;
        ensure!(
            sub.contains("no late fees"),
            "the customer page should say no late fees: {sub:?}"
        );
        let opted_out = user.open_late_fees().await?;
        ensure!(
            opted_out.lines.iter().all(|l| l.invoice != number),
            "{number} should be off the Late fees screen: {:#?}",
            opted_out.lines
        );
        Ok(())
    })
    .await
}
