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
    /// the table as then shown. A long list is sorted in Rust and its page
    /// drawn when it arrives, so this waits for the header to say the new
    /// order (it is drawn with the rows).
    pub async fn sort_table(&mut self, css: &str, label: &str) -> Result<ShownTable> {
        self.step(format!("sort {css} by {label}"));
        const HEADER: &str =
            "const b = [...document.querySelectorAll(arguments[0] + ' thead button.sort')]\
                                  .find((b) => b.textContent === arguments[1]);";
        let before: Option<String> = self
            .js(
                &format!("{HEADER} if (!b) return null; b.closest('th').dataset.e2eOld = '1'; b.click(); return b.closest('th').getAttribute('aria-sort');"),
                vec![css.into(), label.into()],
            )
            .await?;
        ensure!(before.is_some(), "{css} has no sortable column {label:?}");
        self.wait_until(
            "the table is sorted",
            &format!("(() => {{ {HEADER} return b && b.closest('th').getAttribute('aria-sort') !== arguments[2] && !b.closest('th').dataset.e2eOld; }})()"),
            vec![css.into(), label.into(), before.into()],
        )
        .await?;
        self.snap().await?;
        self.read_table(css).await
    }

    /// Presses Next under the long list at `css` (a `.paged` box); returns
    /// what the pager then says ("51–100 of 207 invoices") and the rows shown.
    pub async fn next_page(&mut self, css: &str) -> Result<(String, Vec<Vec<String>>)> {
        self.step(format!("show the next page of {css}"));
        let pressed: bool = self
            .js(
                "const box = document.querySelector(arguments[0]);\
                 const next = box && box.querySelector('button[data-page=next]');\
                 if (!next || next.disabled) return false;\
                 box.querySelector('table').dataset.e2eOld = '1'; next.click(); return true;",
                vec![css.into()],
            )
            .await?;
        ensure!(pressed, "{css} has no Next page to show");
        self.wait_until(
            "the next page is drawn",
            "(() => { const t = document.querySelector(arguments[0] + ' table'); return t && !t.dataset.e2eOld; })()",
            vec![css.into()],
        )
        .await?;
        self.snap().await?;
        let range: String = self
            .js(
                "return document.querySelector(arguments[0] + ' .pager-range').textContent;",
                vec![css.into()],
            )
            .await?;
        let table = self.read_table(&format!("{css} table")).await?;
        Ok((range, table.rows))
    }

    pub async fn read_table(&self, css: &str) -> Result<ShownTable> {
        self.js(TABLE, vec![css.into()]).await
    }
}
