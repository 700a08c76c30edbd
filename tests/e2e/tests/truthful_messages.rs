//! Scenario 13: every sentence a draft sends is true. A customer owes one
//! invoice 55 days late and one issued today. The suggested follow-up calls
//! only the first past due, states its balance and attaches only its PDF.
//! On a call they say a check went out two weeks ago: the form records it
//! as said, shows when it should have arrived and until when Duly waits,
//! and the recap confirms the check and what was agreed, never the owner's
//! private notes. Until then the customer waits on This week, there is no
//! reminder to send, and the statement email says what is on hold.

use anyhow::{ensure, Result};
use duly_e2e::{play, Call, CheckPromise, Contact, CustomerInput, Profile, User};

const COMPANY: &str = "Kestrel Roofing";
const CHECK_ADDRESS: &str = "PO Box 4417, Portland, OR 97208";
const PRIVATE: &str = "Sounded stressed; blamed their bookkeeper";
const AGREED: &str = "You will email the remittance advice today.";

#[tokio::test]
async fn drafts_state_only_what_is_true_and_keep_private_notes_private() -> Result<()> {
    play("truthful-messages", async |user: &mut User| {
        user.see_welcome().await?;
        user.open_settings().await?;
        user.fill_business_profile(&Profile::harbor_and_pine())
            .await?;
        user.set_check_address(CHECK_ADDRESS).await?;
        user.create_customer(&CustomerInput {
            company: COMPANY.into(),
            billing: Contact {
                name: "Rosa Lind".into(),
                email: "rosa@kestrel.example".into(),
                ..Contact::default()
            },
            escalation: Contact {
                name: "Tom Okafor".into(),
                title: "Owner".into(),
                email: "tom@kestrel.example".into(),
                ..Contact::default()
            },
        })
        .await?;
        // Due 1 Oct 2026 (net 30): 55 days late on 25 Nov 2026.
        user.start_invoice_for(COMPANY).await?;
        user.add_invoice_line("Roof inspection", "1", "", "900.00", "", None)
            .await?;
        let late = user.issue_invoice_dated("2026-09-01").await?;
        // Issued today: not due until 25 Dec.
        user.start_invoice_for(COMPANY).await?;
        user.add_invoice_line("Gutter repair", "1", "", "250.00", "", None)
            .await?;
        let current = user.issue_invoice().await?;

        user.open_customer(COMPANY).await?;
        let draft = user.draft_follow_up().await?;
        let late_lines: Vec<&str> = draft
            .body
            .lines()
            .filter(|l| l.contains("past due") || l.contains("overdue"))
            .collect();
        ensure!(
            late_lines.iter().any(|l| l.contains(&late)),
            "the follow-up does not call {late} past due:\n{}",
            draft.body
        );
        ensure!(
            late_lines.iter().all(|l| !l.contains(&current)),
            "the follow-up calls {current}, issued today, past due:\n{}",
            draft.body
        );
        ensure!(
            draft.body.contains("$900.00") && !draft.body.contains("$1,150.00"),
            "the follow-up should ask for the $900.00 overdue, not the $1,150.00 owed:\n{}",
            draft.body
        );
        ensure!(
            draft.attachments == [format!("Invoice {late} (PDF)")],
            "the follow-up should attach only {late}: {:?}",
            draft.attachments
        );

        user.open_customer(COMPANY).await?;
        let logged = user
            .log_call_with_check(
                &Call {
                    notes: PRIVATE.into(),
                    agreed: AGREED.into(),
                    next_step: "Look for check 2210".into(),
                    follow_up_on: "2026-11-30".into(),
                },
                &CheckPromise {
                    amount: "900.00".into(),
                    mailed_on: Some("2026-11-11".into()),
                    check_number: Some("2210".into()),
                    mailed_to: Some(CHECK_ADDRESS.into()),
                    notes: String::new(),
                },
            )
            .await?;
        ensure!(
            logged.expected
                == "Expected by Nov 16, 2026, 5 days after mailing, a day already past; \
                    counted as broken if nothing has come by Nov 28, 2026.",
            "the form showed {:?}",
            logged.expected
        );
        let promise = format!(
            "Check 2210 for $900.00 toward {late} and {current}, mailed on Nov 11, 2026 \
             (sent to: {CHECK_ADDRESS}); we will watch for it until Nov 28, 2026"
        );
        ensure!(
            logged.confirms == [promise.clone(), AGREED.to_string()],
            "the recap offer confirms {:#?}",
            logged.confirms
        );

        let recap = user.draft_the_recap().await?;
        let text = format!("{}\n{}", recap.subject, recap.body);
        ensure!(
            text.contains(&format!("- {promise}."))
                && text.contains(&format!("- {AGREED}"))
                && text.contains("Next step: Look for check 2210 (by Nov 30, 2026)."),
            "the recap does not confirm the check, what was agreed and the next step:\n{text}"
        );
        ensure!(
            !text.contains("stressed") && !text.contains("bookkeeper"),
            "the recap quotes the private notes:\n{text}"
        );

        let week = user.open_week().await?;
        ensure!(
            week.waiting.iter().any(|c| c == COMPANY)
                && week.follow_ups.iter().all(|r| r.company != COMPANY),
            "with the check pending, {COMPANY} waits: {week:#?}"
        );

        // While the check is awaited there is no reminder to send; the
        // statement email says what is on hold and what is not yet due.
        let page = user.open_customer(COMPANY).await?;
        ensure!(
            page.planned == "Your follow-up: Nov 30, 2026, Look for check 2210",
            "the customer page shows the owner's follow-up as {:?}",
            page.planned
        );
        let why = user.find_no_reminder().await?;
        ensure!(
            why.contains("paused today by a promise pending until Nov 28, 2026")
                && why.contains("no reminder to send"),
            "the page gives no reason: {why:?}"
        );
        let statement = user.draft_the_statement_email().await?;
        for line in [
            format!("Open, not yet due: {current} ($250.00)."),
            format!("On its way, as you told us: {late}."),
            "In all, $1,150.00 is open.".to_string(),
        ] {
            ensure!(
                statement.body.contains(&line),
                "the statement email lacks {line:?}:\n{}",
                statement.body
            );
        }
        ensure!(
            !statement.body.to_lowercase().contains("past due")
                && statement.attachments == ["Statement of account (PDF)"],
            "the statement email calls something past due or attaches {:?}:\n{}",
            statement.attachments,
            statement.body
        );
        Ok(())
    })
    .await
}
