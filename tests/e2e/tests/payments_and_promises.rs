//! Scenario 6: on a fresh book, a customer pays part of an invoice by check,
//! says the rest is "in the mail" (the three questions are asked until they
//! are answered), and a call is logged; the Timeline shows all three, and
//! when the promised check arrives the promise is kept.

use anyhow::{ensure, Result};
use duly_e2e::{play, Call, CheckPromise, Contact, CustomerInput, Payment, Profile, User, Warning};

const COMPANY: &str = "Northwind Traders";
const CHECK_ADDRESS: &str = "PO Box 4417, Portland, OR 97208";

/// Which questions `warnings` asks, in order, failing on a question asked twice.
fn asked(warnings: &[Warning]) -> Result<Vec<&str>> {
    let fields: Vec<&str> = warnings.iter().map(|w| w.field.as_str()).collect();
    for (i, field) in fields.iter().enumerate() {
        ensure!(
            !fields[..i].contains(field),
            "the {field} question is asked twice: {warnings:?}"
        );
    }
    Ok(fields)
}

#[tokio::test]
async fn a_partial_check_a_promise_a_call_and_the_promise_kept() -> Result<()> {
    play("payments-and-promises", async |user: &mut User| {
        user.see_welcome().await?;
        user.open_settings().await?;
        user.fill_business_profile(&Profile::harbor_and_pine())
            .await?;
        user.set_check_address(CHECK_ADDRESS).await?;
        user.create_customer(&CustomerInput {
            company: COMPANY.into(),
            billing: Contact {
                name: "Ana Trujillo".into(),
                email: "ap@northwind.example".into(),
                ..Contact::default()
            },
            ..CustomerInput::default()
        })
        .await?;
        user.start_invoice_for(COMPANY).await?;
        user.add_invoice_line("Quarterly close", "10", "h", "100.00", "", None)
            .await?;
        let number = user.issue_invoice().await?;

        // A partial payment by check, mistyped first as 4000.00: Duly asks
        // before keeping the rest as credit; the owner says yes, sees the
        // mistake, takes it back as entered in error and enters it again.
        user.open_customer(COMPANY).await?;
        let (question, _) = user
            .record_overpayment(&Payment::check("4000.00", "1041"))
            .await?;
        ensure!(
            question.starts_with("$4,000.00 is more than the $1,000.00"),
            "the overpayment question reads {question:?}"
        );
        let again = user.mark_entered_in_error("1041").await?;
        ensure!(again == "4000.00", "the form opens again with {again:?}");
        let said = user.enter_payment_again("400.00", false).await?;
        ensure!(
            said == format!("Payment recorded: {number} $400.00"),
            "recording the payment said {said:?}"
        );
        let balance = user.read_customer_balance().await?;
        ensure!(
            balance == "$600.00",
            "after $400.00 of $1,000.00 the balance is {balance}"
        );

        // "The check is in the mail": asked until every answer is in.
        let warnings = user.start_check_promise("600.00").await?;
        ensure!(
            asked(&warnings)? == ["mailed_on", "check_number", "mailed_to"],
            "with no answers yet, the form should ask all three questions: {warnings:?}"
        );
        ensure!(
            user.check_addresses_offered()
                .await?
                .contains(&CHECK_ADDRESS.to_string()),
            "the form does not offer the check address {CHECK_ADDRESS:?}"
        );
        let mut answers = CheckPromise {
            mailed_on: Some("2026-11-24".into()),
            ..CheckPromise::default()
        };
        let warnings = user.answer_check_questions(&answers).await?;
        ensure!(
            asked(&warnings)? == ["check_number", "mailed_to"],
            "with the mailing date given, the form still asks {warnings:?}"
        );
        answers = CheckPromise {
            check_number: Some("1042".into()),
            ..CheckPromise::default()
        };
        let warnings = user.answer_check_questions(&answers).await?;
        ensure!(
            asked(&warnings)? == ["mailed_to"],
            "with the check number given, the form still asks {warnings:?}"
        );
        answers = CheckPromise {
            mailed_to: Some(CHECK_ADDRESS.into()),
            notes: "Ana: mailed yesterday with the November checks.".into(),
            ..CheckPromise::default()
        };
        let warnings = user.answer_check_questions(&answers).await?;
        ensure!(
            warnings.is_empty(),
            "with every answer given, the form still warns: {warnings:?}"
        );
        let said = user.save_promise().await?;
        ensure!(
            said == "Promise recorded",
            "recording the promise said {said:?}"
        );

        user.log_call(&Call {
            notes: "Ana confirmed check 1042 went out yesterday.".into(),
            next_step: "Look for check 1042 in Monday's mail".into(),
            follow_up_on: "2026-12-02".into(),
            ..Call::default()
        })
        .await?;

        let timeline = user.open_timeline().await?;
        let has = |event: &str, words: &[&str]| {
            timeline
                .iter()
                .any(|e| e.event == event && words.iter().all(|w| e.text.contains(w)))
        };
        ensure!(
            has(
                "payment_received",
                &["$400.00 received by check (1041)", &number]
            ),
            "the Timeline shows no $400.00 check 1041: {timeline:#?}"
        );
        ensure!(
            has(
                "payment_received",
                &[
                    "$4,000.00 by check (1041)",
                    "entered in error",
                    "it never counted"
                ]
            ) && !timeline.iter().any(|e| e.event == "payment_reversed"),
            "the mistyped payment should read as entered in error, not a reversal: {timeline:#?}"
        );
        ensure!(
            has(
                "promise",
                &[
                    "$600.00",
                    "check 1042",
                    "mailed Nov 24, 2026",
                    CHECK_ADDRESS,
                    "Pending"
                ]
            ),
            "the Timeline shows no pending promise of check 1042: {timeline:#?}"
        );
        ensure!(
            has(
                "contact",
                &[
                    "Call with Ana Trujillo",
                    "Ana confirmed check 1042",
                    "follow up Dec 2, 2026"
                ]
            ),
            "the Timeline shows no call with its notes and follow-up date: {timeline:#?}"
        );

        // The promised check arrives, and a thank-you is drafted for it.
        let said = user
            .record_payment_and_thank(&Payment::check("600.00", "1042"))
            .await?;
        ensure!(
            said == format!("Payment recorded: {number} $600.00"),
            "recording the promised check said {said:?}"
        );
        let thanks = user.read_draft().await?;
        ensure!(
            thanks.subject == "Thank you for your payment"
                && thanks
                    .body
                    .contains("we received your payment of $600.00 on Nov 25, 2026, applied to ")
                && thanks.body.contains("Your account is now fully settled."),
            "the thank-you drafted reads {thanks:#?}"
        );
        user.open_customer(COMPANY).await?;
        let promises = user.open_promises_tab().await?;
        ensure!(
            promises.len() == 1
                && promises[0].badge == "Kept"
                && promises[0].text.contains("check 1042"),
            "the Promises tab should show check 1042's promise as Kept: {promises:#?}"
        );
        Ok(())
    })
    .await
}
