//! Scenario 5: from the welcome screen, "Try with a demo book" opens a demo
//! full of invoices, under a banner that says it is the demo.

use anyhow::{ensure, Result};
use duly_e2e::{play, User};

#[tokio::test]
async fn the_demo_book_opens_from_the_welcome_screen() -> Result<()> {
    play("demo-book", async |user: &mut User| {
        user.see_welcome().await?;
        user.open_demo_book().await?;
        ensure!(
            user.sees_demo_banner().await?,
            "the demo banner is not shown"
        );

        let rows = user.open_invoice_list().await?;
        ensure!(
            rows.len() >= 100,
            "the demo's invoice list shows only {} rows",
            rows.len()
        );
        let found = user.search_invoices("INV-0001").await?;
        ensure!(
            found.iter().any(|r| r.number == "INV-0001"),
            "searching INV-0001 finds {found:?}"
        );
        Ok(())
    })
    .await
}
