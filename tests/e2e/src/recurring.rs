//! What a user does with recurring invoices: make one from an invoice, see
//! This week's drafts to review, and issue them in one step.

use anyhow::Result;

use crate::story::User;

impl User {
    /// On an invoice's page, "Make recurring…": monthly from `starts_on`
    /// ("YYYY-MM-DD") with `first_line`, as drafts to review. Returns the
    /// dialog's preview of the first line, and lands on the customer's
    /// Recurring tab.
    pub async fn make_recurring(&mut self, starts_on: &str, first_line: &str) -> Result<String> {
        self.step(format!("make the invoice recurring from {starts_on}"));
        self.click("#make-recurring").await?;
        self.find("#modal-root #recurring-first-line").await?;
        self.pick_date("#recurring-start", starts_on).await?;
        self.fill("#recurring-first-line", first_line).await?;
        let preview: String = self
            .settled(
                "the first line's preview",
                "const p = document.getElementById('recurring-preview'); return p && p.textContent ? p.textContent : null;",
                std::time::Duration::from_millis(400),
            )
            .await?;
        self.snap_also("dialog").await?;
        self.mark_screen().await?;
        self.click("#modal-confirm").await?;
        self.wait_for_screen("customers/id").await?;
        self.snap().await?;
        Ok(preview)
    }

    /// The note on This week of recurring drafts waiting, if any (This week
    /// must be open).
    pub async fn read_review_banner(&self) -> Result<Option<String>> {
        self.js(
            "const b = document.getElementById('recurring-review'); return b ? b.querySelector('p').textContent : null;",
            vec![],
        )
        .await
    }

    /// "Issue them" on This week's note, confirmed, and "Not now" to the
    /// emails offered; returns what the offer said was issued.
    pub async fn issue_reviewed(&mut self) -> Result<String> {
        self.step("issue the recurring drafts");
        self.click("#issue-reviewed").await?;
        self.find("#modal-root #modal-confirm").await?;
        self.snap_also("confirm").await?;
        self.click("#modal-confirm").await?;
        self.wait_until(
            "the emails are offered",
            "(() => { const h = document.querySelector('#modal-root .modal h2'); return Boolean(h) && h.textContent.startsWith('Issued '); })()",
            vec![],
        )
        .await?;
        let said: String = self
            .js(
                "return document.querySelector('#modal-root .modal h2').textContent;",
                vec![],
            )
            .await?;
        self.snap_also("offered").await?;
        self.click("#modal-cancel").await?;
        self.wait_until(
            "the offer is closed",
            "!document.querySelector('#modal-root .modal')",
            vec![],
        )
        .await?;
        self.wait_until(
            "This week no longer lists drafts to review",
            "(() => { const page = document.querySelector('#screen > .page');\
               return page && page.dataset.screen === 'week' && document.getElementById('week-total')\
                 && !document.getElementById('recurring-review'); })()",
            vec![],
        )
        .await?;
        self.snap().await?;
        Ok(said)
    }
}
