//! Scenario 4: names that look like markup or carry accents, ampersands and
//! quotes display as the literal text typed, everywhere they appear, and no
//! script hidden in one ever runs; search finds them whatever the accents.

use anyhow::{ensure, Result};
use duly_e2e::{play, Contact, CustomerInput, User};

const NAMES: [&str; 2] = ["<img src=x onerror=alert(1)>", "Zoë Ångström & Søn \"Ltd\""];

#[tokio::test]
async fn names_display_as_typed_and_never_run() -> Result<()> {
    play("hostile-names", async |user: &mut User| {
        user.see_welcome().await?;
        user.watch_for_injected_scripts().await?;
        for name in NAMES {
            user.create_customer(&customer(name)).await?;
            user.check_no_script_ran().await?;
        }
        let listed = user.open_customer_list().await?;
        ensure!(
            NAMES
                .iter()
                .all(|name| listed.iter().any(|shown| shown == name)),
            "the customer list shows {listed:?}"
        );
        user.check_no_script_ran().await?;

        for name in NAMES {
            let page = user.open_customer(name).await?;
            ensure!(
                page.name == name,
                "the customer page is titled {:?}",
                page.name
            );
            ensure!(
                page.escalation.starts_with(name),
                "the escalation card reads {:?}",
                page.escalation
            );
            user.check_no_script_ran().await?;

            let form = user.edit_customer().await?;
            ensure!(form == customer(name), "the edit form holds {form:?}");
            let heading = user.read_heading().await?;
            ensure!(
                heading == format!("Edit {name}"),
                "the edit form is titled {heading:?}"
            );
            user.check_no_script_ran().await?;

            user.start_invoice_for(name).await?;
            user.add_invoice_line("Consulting", "1", "h", "100.00", "", None)
                .await?;
            let number = user.issue_invoice().await?;
            user.check_no_script_ran().await?;

            let rows = user.open_invoice_list().await?;
            ensure!(
                rows.iter()
                    .any(|r| r.number == number && r.customer == name),
                "the invoice list shows {rows:?}"
            );
            let invoice = user.open_invoice(&number).await?;
            ensure!(
                invoice.customer == name,
                "{number} bills {:?}",
                invoice.customer
            );
            user.check_no_script_ran().await?;
        }
        user.open_customer_list().await?;
        // Search ignores case and accents: typed on any keyboard, it finds
        // the name as written.
        for typed in ["angstrom & son", "ZOË", "zoe ang"] {
            let found = user.search_customers(typed).await?;
            ensure!(found == [NAMES[1]], "searching {typed:?} found {found:?}");
        }
        let none = user.search_customers("müller").await?;
        ensure!(none.is_empty(), "searching \"müller\" found {none:?}");
        // A book whose country is not chosen writes its dates day first, in
        // the window as in its PDFs: "25 Nov 2026", never "11/25".
        user.open_invoice_list().await?;
        let listed = user.read_table(".invoice-table").await?;
        ensure!(
            listed.rows.iter().all(|r| r[2] == "25 Nov 2026"),
            "the invoices issued today read {:?}",
            listed.rows
        );
        Ok(())
    })
    .await
}

fn customer(name: &str) -> CustomerInput {
    CustomerInput {
        company: name.into(),
        billing: Contact {
            name: name.into(),
            ..Contact::default()
        },
        escalation: Contact {
            name: name.into(),
            title: name.into(),
            ..Contact::default()
        },
    }
}
