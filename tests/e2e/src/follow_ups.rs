//! The weekly past-due summary ("This week") and the follow-up drafts a
//! user works from it: read the figures, change the as-of date, export the
//! CSV, open a customer's draft, edit it, and save it as an .eml file.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use fantoccini::Locator;
use serde::Deserialize;
use serde_json::Value;

use crate::saved_files::new_file;
use crate::story::User;

/// The "This week" screen, as shown.
#[derive(Debug, Clone, Deserialize)]
pub struct Week {
    /// The as-of date in the picker, "YYYY-MM-DD".
    pub as_of: String,
    /// "Owed to you", e.g. "$52,176.85".
    pub total: String,
    pub overdue: String,
    pub received: String,
    pub follow_ups: Vec<FollowUpRow>,
    /// Companies under "Waiting on a promise or a plan".
    pub waiting: Vec<String>,
    /// Rows of "Promises awaited this week", as text.
    pub promises_due: Vec<String>,
    pub promises_broken: Vec<String>,
    /// (week, amount) rows of "Cash expected from promises".
    pub cash_expected: Vec<(String, String)>,
}

/// A row of "This week's follow-ups".
#[derive(Debug, Clone, Deserialize)]
pub struct FollowUpRow {
    pub company: String,
    pub overdue: String,
    /// e.g. "1 broken (Nov 7, 2026)".
    pub promises: String,
    /// e.g. "Extend the circle".
    pub next_step: String,
    /// Why that step, e.g. "…; promise of Nov 7, 2026 broken; …".
    pub why: String,
}

/// A follow-up draft, as shown.
#[derive(Debug, Clone, Deserialize)]
pub struct Draft {
    /// The message's title, e.g. "Extend the circle".
    pub heading: String,
    /// e.g. "Suggested: step 3, Extend the circle."; empty without one.
    pub suggestion: String,
    /// e.g. "Why: oldest invoice 46 days past due; …".
    pub why: String,
    pub to: String,
    pub cc: String,
    pub subject: String,
    pub body: String,
    /// e.g. ["Invoice INV-0141 (PDF)"].
    pub attachments: Vec<String>,
    pub tone: Tone,
}

/// The tone panel beside the draft.
#[derive(Debug, Clone, Deserialize)]
pub struct Tone {
    /// It says the draft is courteous, specific and says how to pay.
    pub passes: bool,
    /// The rules flagged, with their messages.
    pub flagged: Vec<FlaggedRule>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FlaggedRule {
    /// The rule's name (the item's `tone-<rule>` class).
    pub rule: String,
    pub message: String,
}

const WEEK: &str = "
    const text = (id) => document.getElementById(id).textContent;
    const rows = (id) => [...document.querySelectorAll(`#${id} tbody tr`)];
    return {
        as_of: document.getElementById('as-of').value,
        total: text('week-total'),
        overdue: text('week-overdue'),
        received: text('week-received'),
        follow_ups: rows('week-actions').map((tr) => ({
            company: tr.querySelector('a.row-link').textContent,
            overdue: tr.cells[1].textContent,
            promises: tr.cells[3].textContent,
            next_step: (tr.cells[5].querySelector('.event-title') || { textContent: '' }).textContent,
            why: tr.cells[5].querySelector('.muted.small').textContent,
        })),
        waiting: rows('week-waiting').map((tr) => tr.querySelector('a.row-link').textContent),
        promises_due: rows('week-promises-due').map((tr) => tr.textContent),
        promises_broken: rows('week-promises-broken').map((tr) => tr.textContent),
        cash_expected: rows('week-cash').map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent]),
    };";

const DRAFT: &str = "
    const text = (css) => { const el = document.querySelector(css); return el ? el.textContent : ''; };
    const value = (id) => document.getElementById(id).value;
    return {
        heading: text('#screen h1'),
        suggestion: text('#ladder-suggestion .event-title'),
        why: text('#ladder-why'),
        to: value('draft-to'),
        cc: value('draft-cc'),
        subject: value('draft-subject'),
        body: value('draft-body'),
        attachments: [...document.querySelectorAll('#draft-form .attachment')].map((a) => a.textContent.trim()),
        tone: {
            passes: Boolean(document.querySelector('#tone-panel .good-news')),
            flagged: [...document.querySelectorAll('#tone-panel .tone-list li')].map((li) => ({
                rule: li.className.replace(/^tone-/, ''),
                message: li.textContent,
            })),
        },
    };";

impl User {
    /// Opens "This week" from the rail (as of today) and reads it.
    pub async fn open_week(&mut self) -> Result<Week> {
        self.step("open This week");
        self.go_by_rail("week").await?;
        self.find("#week-total").await?;
        self.snap().await?;
        self.read_week().await
    }

    /// Changes the as-of date of "This week" to `day` ("YYYY-MM-DD"); returns
    /// the screen redrawn as of that day.
    pub async fn set_as_of(&mut self, day: &str) -> Result<Week> {
        self.step(format!("show This week as of {day}"));
        self.mark_screen().await?;
        self.pick_date("#as-of", day).await?;
        self.wait_for_screen("week").await?;
        self.snap().await?;
        let week = self.read_week().await?;
        ensure!(
            week.as_of == day,
            "the summary is as of {}, not {day}",
            week.as_of
        );
        Ok(week)
    }

    pub async fn read_week(&self) -> Result<Week> {
        self.js(WEEK, vec![]).await
    }

    /// Exports "This week" as CSV; returns the file saved.
    pub async fn export_csv(&mut self) -> Result<PathBuf> {
        self.step("export This week as CSV");
        let before = crate::saved_files::listing(self.save_dir())?;
        self.forget_toast().await?;
        self.click("#export-csv").await?;
        let said = self.wait_for_toast().await?;
        ensure!(
            said.starts_with("Saved "),
            "exporting the CSV said {said:?}"
        );
        self.snap().await?;
        new_file(self.save_dir(), &before, "csv")
    }

    /// Exports This week as PDF (into the save folder) and returns its path.
    pub async fn export_pdf(&mut self) -> Result<PathBuf> {
        self.step("export This week as PDF");
        let before = crate::saved_files::listing(self.save_dir())?;
        self.forget_toast().await?;
        self.click("#export-pdf").await?;
        let said = self.wait_for_toast().await?;
        ensure!(
            said.starts_with("Saved "),
            "exporting the PDF said {said:?}"
        );
        self.snap().await?;
        new_file(self.save_dir(), &before, "pdf")
    }

    /// From "This week", opens the draft follow-up of `company`'s row.
    pub async fn draft_follow_up_from_week(&mut self, company: &str) -> Result<Draft> {
        self.step(format!("draft the follow-up to {company}"));
        ensure!(
            !company.contains('\''),
            "company names with quotes cannot be looked up"
        );
        let link = self
            .window
            .find(Locator::XPath(&format!(
                "//section[@id='week-actions']//tr[.//a[@class='row-link' and text()='{company}']]//a[text()='Draft']"
            )))
            .await
            .with_context(|| format!("This week has no follow-up row for {company}"))?;
        self.mark_screen().await?;
        link.click().await.context("could not click Draft")?;
        self.wait_for_screen("customers/id/draft").await?;
        self.find("#tone-panel h3").await?;
        self.snap().await?;
        self.read_draft().await
    }

    /// From the customer's page, opens the follow-up the ladder suggests.
    pub async fn draft_follow_up(&mut self) -> Result<Draft> {
        self.step("draft a follow-up");
        self.mark_screen().await?;
        self.click("#draft-follow-up").await?;
        self.wait_for_screen("customers/id/draft").await?;
        self.find("#tone-panel h3").await?;
        self.snap().await?;
        self.read_draft().await
    }

    /// From the customer's page, asks for a follow-up when there is no
    /// reminder to send; returns the reason the page gives.
    pub async fn find_no_reminder(&mut self) -> Result<String> {
        self.step("ask for a follow-up with nothing to chase");
        self.mark_screen().await?;
        self.click("#draft-follow-up").await?;
        self.wait_for_screen("customers/id/draft").await?;
        self.find("#draft-statement").await?;
        self.snap().await?;
        self.js(
            "return document.querySelector('#screen .empty p').textContent;",
            vec![],
        )
        .await
    }

    /// On the "No reminder to draft" page, opens the statement email.
    pub async fn draft_the_statement_email(&mut self) -> Result<Draft> {
        self.step("draft the statement email");
        self.mark_screen().await?;
        self.click("#draft-statement").await?;
        self.wait_for_screen("customers/id/draft").await?;
        self.find("#tone-panel h3").await?;
        self.snap().await?;
        self.read_draft().await
    }

    pub async fn read_draft(&self) -> Result<Draft> {
        self.js(DRAFT, vec![]).await
    }

    /// In the draft's body, selects the sentence `old` and types `new` over
    /// it, as a person would; returns the draft once the tone check has
    /// looked at the new text.
    pub async fn edit_draft_sentence(&mut self, old: &str, new: &str) -> Result<Draft> {
        self.step(format!("edit the draft: {new}"));
        let body = self.find("#draft-body").await?;
        let before: String = self
            .js(
                "return document.getElementById('draft-body').value;",
                vec![],
            )
            .await?;
        let at = before
            .find(old)
            .with_context(|| format!("the draft's body has no {old:?}"))?;
        // The selection is in UTF-16 units, as the textarea counts them.
        let start = before[..at].encode_utf16().count();
        let end = start + old.encode_utf16().count();
        self.js::<Value>(
            "const body = document.getElementById('draft-body');\
             body.focus(); body.setSelectionRange(arguments[0], arguments[1]);\
             const seen = document.querySelector('#tone-panel h3'); if (seen) seen.__e2eSeen = true;\
             return null;",
            vec![start.into(), end.into()],
        )
        .await?;
        body.send_keys(new)
            .await
            .context("could not type into the draft")?;
        let expected = before.replacen(old, new, 1);
        let after: String = self
            .js(
                "return document.getElementById('draft-body').value;",
                vec![],
            )
            .await?;
        ensure!(
            after == expected,
            "typing over {old:?} left the body as:\n{after}"
        );
        // The tone panel is drawn anew once the check (250 ms after the
        // last key) has answered.
        self.wait_until(
            "the tone check looks at the new text",
            "(() => { const h = document.querySelector('#tone-panel h3'); return h && !h.__e2eSeen; })()",
            vec![],
        )
        .await?;
        let draft: Draft = self
            .settled("the tone check", DRAFT, Duration::from_millis(400))
            .await?;
        self.snap().await?;
        Ok(draft)
    }

    /// Saves the draft as an .eml file ("Save .eml…"); returns the file.
    pub async fn save_eml(&mut self) -> Result<PathBuf> {
        self.step("save the draft as an .eml file");
        let before = crate::saved_files::listing(self.save_dir())?;
        self.forget_toast().await?;
        self.click("#save-eml").await?;
        let said = self.wait_for_toast().await?;
        ensure!(
            said == "Saved as an email file",
            "saving the .eml said {said:?}"
        );
        self.find("#mark-sent").await?;
        self.snap().await?;
        new_file(self.save_dir(), &before, "eml")
    }

    /// After saving or opening a draft in the mail app: "I sent it".
    pub async fn mark_sent(&mut self) -> Result<()> {
        self.step("mark the saved email as sent");
        self.forget_toast().await?;
        self.click("#mark-sent").await?;
        let said = self.wait_for_toast().await?;
        ensure!(
            said == "Marked as sent, and logged",
            "marking it sent said {said:?}"
        );
        self.snap().await
    }
}
