//! Scenario 12: a customer 55 days late agrees a 3-installment plan whose
//! first installment is next week. From then on This week lists them as
//! waiting, not among the follow-ups, and Late fees offers nothing to charge
//! on the invoice; the day after the first installment's grace ends, unpaid,
//! both screens bring them back the same day. One account standing behind
//! every screen, seen in the window.

use anyhow::{ensure, Result};
use duly_e2e::{play, Contact, CustomerInput, PlanInput, Profile, User};

const COMPANY: &str = "Fernwood Landscaping";
/// The first installment, a week after TODAY (2026-11-25).
const FIRST_INSTALLMENT: &str = "2026-12-02";
/// Its last day of grace (3 days).
const LAST_DAY_HELD: &str = "2026-12-05";
const FIRST_DAY_MISSED: &str = "2026-12-06";

#[tokio::test]
async fn a_plan_in_good_standing_pauses_reminders_and_fees() -> Result<()> {
    play("plan-pauses", async |user: &mut User| {
        user.see_welcome().await?;
        user.open_settings().await?;
        user.fill_business_profile(&Profile::harbor_and_pine())
            .await?;
        user.set_late_fee_policy("1.5", "0").await?;
        user.create_customer(&CustomerInput {
            company: COMPANY.into(),
            billing: Contact {
                name: "Rosa Lind".into(),
                email: "rosa@fernwood.example".into(),
                ..Contact::default()
            },
            ..CustomerInput::default()
        })
        .await?;
        user.start_invoice_for(COMPANY).await?;
        user.add_invoice_line("Quarterly bookkeeping", "1", "", "900.00", "", None)
            .await?;
        // Due 1 Oct 2026 (net 30): 55 days late on 25 Nov 2026.
        let number = user.issue_invoice_dated("2026-09-01").await?;

        let week = user.open_week().await?;
        ensure!(
            week.follow_ups.iter().any(|r| r.company == COMPANY),
            "before the plan, {COMPANY} is a follow-up: {week:#?}"
        );
        let fees = user.open_late_fees().await?;
        ensure!(
            fees.lines.iter().any(|l| l.invoice == number),
            "before the plan, {number} earns a late fee: {fees:#?}"
        );

        user.open_invoice(&number).await?;
        let said = user
            .offer_plan(&PlanInput {
                installments: "3".into(),
                every: "monthly".into(),
                first_on: FIRST_INSTALLMENT.into(),
            })
            .await?;
        ensure!(
            said == "Plan set up: 3 installments",
            "the plan said {said:?}"
        );

        let week = user.open_week().await?;
        ensure!(
            week.follow_ups.iter().all(|r| r.company != COMPANY)
                && week.waiting.iter().any(|c| c == COMPANY),
            "in a plan in good standing, {COMPANY} waits: {week:#?}"
        );
        let held = user.set_as_of(LAST_DAY_HELD).await?;
        ensure!(
            held.waiting.iter().any(|c| c == COMPANY)
                && held.follow_ups.iter().all(|r| r.company != COMPANY),
            "on {LAST_DAY_HELD}, still in grace: {held:#?}"
        );
        let fees = user.open_late_fees().await?;
        ensure!(
            fees.lines.iter().all(|l| l.invoice != number),
            "nothing to charge on {number} inside the plan: {fees:#?}"
        );

        // The first installment is missed: the day after its grace, both
        // screens bring the customer back.
        user.restart_app_on(FIRST_DAY_MISSED).await?;
        let week = user.open_week().await?;
        ensure!(
            week.follow_ups.iter().any(|r| r.company == COMPANY)
                && week.waiting.iter().all(|c| c != COMPANY),
            "on {FIRST_DAY_MISSED}, the missed installment brings {COMPANY} back: {week:#?}"
        );
        let fees = user.open_late_fees().await?;
        ensure!(
            fees.lines.iter().any(|l| l.invoice == number),
            "on {FIRST_DAY_MISSED}, {number} earns a late fee again: {fees:#?}"
        );
        Ok(())
    })
    .await
}
