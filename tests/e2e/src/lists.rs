//! What a user does with a long list: search it, and sort a table by one of
//! its columns.

use anyhow::{ensure, Result};
use serde::Deserialize;

use crate::story::User;

/// A table as shown: how it is sorted, its rows and its totals row.
#[derive(Debug, Clone, Deserialize)]
pub struct ShownTable {
    /// The header sorted on and its `aria-sort` ("ascending"/"descending").
    pub sorted: Option<(String, String)>,
    pub rows: Vec<Vec<String>>,
    /// The cells of the totals row, when the table has one.
    pub totals: Vec<String>,
}

const TABLE: &str = "
    const table = document.querySelector(arguments[0]);
    if (!table) return null;
    const th = table.querySelector('thead th[aria-sort=ascending], thead th[aria-sort=descending]');
    const cells = (tr) => [...tr.cells].map((c) => c.textContent);
    return {
        sorted: th ? [th.querySelector('button').textContent, th.getAttribute('aria-sort')] : null,
        rows: [...table.querySelectorAll('tbody tr')].map(cells),
        totals: [...table.querySelectorAll('tfoot tr')].flatMap(cells),
    };";

impl User {
    /// Types `text` into the customer list's search; returns the companies
    /// listed once the list has settled (the list must be open).
    pub async fn search_customers(&mut self, text: &str) -> Result<Vec<String>> {
        self.step(format!("search the customers for {text:?}"));
        self.fill("#screen .search", text).await?;
        let listed: Vec<String> = self
            .settled(
                "the customers found",
                "return [...document.querySelectorAll('#customer-table a.row-link')].map((a) => a.textContent);",
                std::time::Duration::from_millis(400),
            )
            .await?;
        self.snap().await?;
        Ok(listed)
    }

    /// Clicks the sortable header `label` of the table at `css`; returns
    /// the table as then shown.
    pub async fn sort_table(&mut self, css: &str, label: &str) -> Result<ShownTable> {
        self.step(format!("sort {css} by {label}"));
        let clicked: bool = self
            .js(
                "const b = [...document.querySelectorAll(arguments[0] + ' thead button.sort')]\
                     .find((b) => b.textContent === arguments[1]);\
                 if (b) b.click(); return Boolean(b);",
                vec![css.into(), label.into()],
            )
            .await?;
        ensure!(clicked, "{css} has no sortable column {label:?}");
        self.snap().await?;
        self.read_table(css).await
    }

    pub async fn read_table(&self, css: &str) -> Result<ShownTable> {
        self.js(TABLE, vec![css.into()]).await
    }
}
