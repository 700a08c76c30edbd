//! Scenario 5: from the welcome screen, "Try with a demo book" opens a demo
//! full of invoices, under a banner that says it is the demo.

use anyhow::{ensure, Result};

/// "$1,250.00" → 125000 cents, to compare what the screen shows.
fn money(shown: &str) -> i64 {
    shown
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0)
}
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
            rows.len() == 50,
            "the demo's invoice list shows a page of 50 rows, not {}",
            rows.len()
        );
        // Sorting works over every invoice, not only the rows drawn.
        let by_due = user.sort_table(".invoice-table", "Due").await?;
        let due: Vec<&str> = by_due.rows.iter().map(|r| r[3].as_str()).collect();
        ensure!(
            by_due.sorted == Some(("Due".into(), "ascending".into()))
                && due.first().is_some_and(|d| d.ends_with("2026"))
                && by_due.rows.len() == rows.len(),
            "sorted by due date, the invoices read {:?} {due:?}",
            by_due.sorted
        );
        let by_balance = user.sort_table(".invoice-table", "Balance").await?;
        let largest = &by_balance.rows[0][6];
        ensure!(
            by_balance.sorted == Some(("Balance".into(), "descending".into()))
                && by_balance
                    .rows
                    .iter()
                    .all(|r| r[6].is_empty() || money(&r[6]) <= money(largest)),
            "sorted by balance, the first row owes {largest}"
        );
        // The next page goes on in the same order, from row 51.
        let (range, next) = user.next_page("#invoice-results").await?;
        ensure!(
            range.starts_with("51–100 of ")
                && next.len() == 50
                && next
                    .iter()
                    .all(|r| r[6].is_empty() || money(&r[6]) <= money(&by_balance.rows[49][6])),
            "the second page by balance reads {range:?}: {next:?}"
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
