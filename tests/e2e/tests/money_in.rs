//! Scenario: money in from the bank. On the demo book, Lighthouse
//! Landscaping promised check 2207 was in the mail and Bayside Printing owes
//! INV-0090. The owner downloads the bank's CAMT.053 statement, in which
//! the check was deposited, Bayside paid quoting its invoice, and a card
//! payment went out; Duly proposes both payments with their reasons and
//! leaves the card payment out; once recorded, the promise is kept, This
//! week counts the money received and no longer awaits the check, and the
//! same statement imported again offers nothing twice. Then another bank's
//! CSV export goes through the column mapping to the same review.

use anyhow::{ensure, Result};
use duly_e2e::{camt053, play_from, Entry, Start, User};

fn statement() -> String {
    let entry =
        |booked_on: &str, amount: &str, party: &str, text: &str, check: &str, id: &str| Entry {
            booked_on: booked_on.into(),
            amount: amount.into(),
            party: party.into(),
            text: text.into(),
            check_number: check.into(),
            id: id.into(),
        };
    camt053(
        "USD",
        &[
            entry(
                "2026-11-24",
                "1680.00",
                "LIGHTHOUSE LANDSCAPING LLC",
                "Check deposit",
                "2207",
                "E2E-1",
            ),
            entry(
                "2026-11-24",
                "1020.00",
                "Bayside Printing Inc.",
                "Invoice INV-0090, thank you",
                "",
                "E2E-2",
            ),
            entry(
                "2026-11-25",
                "-89.99",
                "Staples Store 0231",
                "Card purchase",
                "",
                "E2E-3",
            ),
        ],
    )
}

#[tokio::test]
async fn a_bank_statement_keeps_the_check_promise_and_moves_this_week_on() -> Result<()> {
    play_from("money-in", Start::demo_book(), async |user: &mut User| {
        let before = user.open_week().await?;
        ensure!(
            before
                .promises_due
                .iter()
                .any(|p| p.contains("Lighthouse Landscaping") && p.contains("check 2207")),
            "This week should await Lighthouse Landscaping's check 2207: {:#?}",
            before.promises_due
        );
        ensure!(
            before.received == "$6,915.08",
            "received before: {}",
            before.received
        );

        user.download(&statement())?;
        let rows = user.import_bank_statement().await?;
        ensure!(rows.len() == 3, "the review shows {rows:#?}");
        let check = &rows[0];
        ensure!(
            check.kind == "payment"
                && check.proposes.contains("Lighthouse Landscaping")
                && check.proposes.contains("Sure")
                && check
                    .proposes
                    .contains("Check 2207, the one they promised was in the mail.")
                && check.decision == "Record payment",
            "the check deposit should be proposed as Lighthouse's promised check: {check:#?}"
        );
        let transfer = &rows[1];
        ensure!(
            transfer.kind == "payment"
                && transfer.proposes.contains("Bayside Printing")
                && transfer.proposes.contains("INV-0090 $1,020.00")
                && transfer
                    .proposes
                    .contains("The transfer text names invoice INV-0090."),
            "the transfer should be proposed for INV-0090: {transfer:#?}"
        );
        let card = &rows[2];
        ensure!(
            card.kind == "left_out"
                && card.amount == "-$89.99"
                && card.proposes == "Money going out, not a customer paying."
                && card.decision.is_empty(),
            "the card payment should be left out: {card:#?}"
        );

        let said = user.record_statement().await?;
        ensure!(
            said == "2 payments of $2,700.00 recorded",
            "recording said {said:?}"
        );
        let after = user.read_week().await?;
        ensure!(
            after.received == "$9,615.08",
            "This week should count the $2,700.00 received: {}",
            after.received
        );
        ensure!(
            !after.promises_due.iter().any(|p| p.contains("check 2207")),
            "This week still awaits check 2207: {:#?}",
            after.promises_due
        );
        user.open_customer("Lighthouse Landscaping").await?;
        let promises = user.open_promises_tab().await?;
        ensure!(
            promises
                .iter()
                .any(|p| p.badge == "Kept" && p.text.contains("check 2207")),
            "the Promises tab should show check 2207's promise as Kept: {promises:#?}"
        );

        // Next week's statement overlaps this one: nothing is offered twice.
        let again = user.import_bank_statement().await?;
        let kinds: Vec<&str> = again.iter().map(|r| r.kind.as_str()).collect();
        ensure!(
            kinds == ["imported", "imported", "left_out"],
            "the same statement again shows {again:#?}"
        );

        // Another bank's CSV export: its columns mapped as suggested, Falcon
        // Law Office's transfer without a reference is matched by its name
        // and exact amount, and recorded.
        user.download(
            "Date,Payee,Payment reference,Amount\n2026-11-25,FALCON LAW OFFICE,November,175.00\n",
        )?;
        let rows = user.import_bank_csv().await?;
        ensure!(
            rows.len() == 1
                && rows[0].kind == "payment"
                && rows[0].proposes.contains("Falcon Law Office")
                && rows[0].proposes.contains("Likely")
                && rows[0]
                    .proposes
                    .contains("paid exactly what invoice INV-0131 owes"),
            "the CSV line should be proposed for Falcon's INV-0131: {rows:#?}"
        );
        let said = user.record_statement().await?;
        ensure!(
            said == "1 payment of $175.00 recorded",
            "recording said {said:?}"
        );
        Ok(())
    })
    .await
}
