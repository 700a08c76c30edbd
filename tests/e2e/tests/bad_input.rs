//! Scenario 3: a draft with a negative quantity and a garbled price is not
//! saved; a clear message appears right after each of the two fields.
//! Leaving the editor with that unsaved work asks first: staying keeps it.

use anyhow::{ensure, Result};
use duly_e2e::{play, Contact, CustomerInput, User};

#[tokio::test]
async fn bad_numbers_are_explained_and_nothing_is_saved() -> Result<()> {
    play("bad-input", async |user: &mut User| {
        let customer = CustomerInput {
            company: "Blue Heron Café".into(),
            billing: Contact {
                name: "Ines Moreau".into(),
                ..Contact::default()
            },
            ..CustomerInput::default()
        };
        user.see_welcome().await?;
        user.create_customer(&customer).await?;
        user.open_invoice_list().await?;
        let drafts_before = user.filter_invoices("draft").await?.len();

        user.start_invoice_for(&customer.company).await?;
        user.add_invoice_line("Espresso machine service", "-2", "", "12,3.4", "", None)
            .await?;
        let errors = user.save_draft_expecting_errors().await?;
        // A clear message says which field it is about, right after it.
        for (field, named) in [("lines[0].quantity", "quantity"), ("lines[0].unit_price", "price")] {
            let error = errors.iter().find(|e| e.field == field);
            ensure!(
                error.is_some_and(|e| e.after_its_input && e.message.to_lowercase().contains(named)),
                "expected a message about the {named} right after {field}; the editor shows {errors:?}"
            );
        }
        ensure!(errors.len() == 2, "only the two bad fields should be flagged: {errors:?}");

        // What was typed is not thrown away without a word.
        let asked = user.try_to_leave_for("invoices").await?;
        ensure!(asked == "Leave without saving?", "leaving asked {asked:?}");
        let stayed = user.answer_leave(false).await?;
        let kept = user.read_line_description(0).await?;
        ensure!(
            stayed == "invoices/new" && kept == "Espresso machine service",
            "staying should keep the editor and its line: {stayed}, {kept:?}"
        );
        user.try_to_leave_for("invoices").await?;
        let left = user.answer_leave(true).await?;
        ensure!(left == "invoices", "leaving went to {left}");

        user.open_invoice_list().await?;
        let drafts_after = user.filter_invoices("draft").await?.len();
        ensure!(
            drafts_after == drafts_before,
            "the refused draft was saved: {drafts_before} drafts before, {drafts_after} after"
        );
        Ok(())
    })
    .await
}
