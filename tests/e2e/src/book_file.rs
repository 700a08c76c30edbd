//! What an owner meets when the book file is not well: the trouble screen
//! with its ways out, the read-only banner, and the notice after a backup
//! was opened in the book's place.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use duly_store::{BookLock, Holder};
use serde::Deserialize;

use crate::story::User;

/// The trouble screen as shown.
#[derive(Debug, Clone, Deserialize)]
pub struct TroubleScreen {
    pub heading: String,
    pub message: String,
    /// Each way out: its `data-way` and its label, in order.
    pub ways: Vec<(String, String)>,
}

impl User {
    /// This scenario's book file.
    pub fn book_path(&self) -> PathBuf {
        self.desktop.book_path()
    }

    /// Settings → Your data → Back up now; returns the message shown.
    pub async fn back_up_now(&mut self) -> Result<String> {
        self.step("back up the book now");
        self.go_by_rail("settings").await?;
        self.forget_toast().await?;
        self.click("#back-up-now").await?;
        let said = self.wait_for_toast().await?;
        self.snap().await?;
        Ok(said)
    }

    /// Quits Duly, lets `change` do something to the book file while it is
    /// closed (`what` says what, for the log), and starts Duly again.
    pub async fn quit_and_then(
        &mut self,
        what: &str,
        change: impl FnOnce(&Path) -> Result<()>,
    ) -> Result<()> {
        self.step(format!("quit Duly, {what}, and start it again"));
        self.reopen_after(|book| change(book).with_context(|| what.to_owned()))
            .await
    }

    /// Waits until the quit app's last threads have ended and let go of the
    /// book's lock: its main thread can be gone (a zombie) a moment before.
    pub(crate) async fn wait_until_book_released(&self) -> Result<()> {
        let book = self.desktop.book_path();
        let me = Holder::this_process(chrono::NaiveDateTime::default());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            match BookLock::take(&book, &me) {
                Ok(_released_at_once) => return Ok(()),
                Err(_) if std::time::Instant::now() < deadline => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await
                }
                Err(e) => bail!("the quit app still holds the book 10 s later: {e}"),
            }
        }
    }

    /// The trouble screen, once it is shown.
    pub async fn read_trouble(&mut self) -> Result<TroubleScreen> {
        self.step("read what is wrong with the book");
        self.wait_for_screen("trouble").await?;
        self.snap().await?;
        self.js(
            "const s = document.querySelector('#screen .trouble');\
             return { heading: s.querySelector('h1').textContent,\
                      message: document.getElementById('trouble-message').textContent,\
                      ways: [...s.querySelectorAll('button[data-way]')].map((b) => [b.dataset.way, b.textContent]) };",
            vec![],
        )
        .await
    }

    /// Clicks the way out `way` (its `data-way`) and waits for a book's
    /// first screen.
    pub async fn take_way_out(&mut self, way: &str) -> Result<()> {
        self.step(format!("take the way out {way}"));
        self.mark_screen().await?;
        self.click(&format!("#screen button[data-way='{way}']"))
            .await?;
        self.wait_until(
            "a book's screen replaces the trouble screen",
            "(() => { const page = document.querySelector('#screen > .page');\
                return page && !page.__e2eSeen && page.dataset.screen !== 'trouble'; })()",
            vec![],
        )
        .await?;
        self.snap().await
    }

    /// The read-only banner's text, when it is shown.
    pub async fn read_only_banner(&self) -> Result<Option<String>> {
        self.js(
            "const b = document.getElementById('read-only-banner');\
             return b.hidden ? null : document.getElementById('read-only-text').textContent;",
            vec![],
        )
        .await
    }

    /// The notice banner's text, when it is shown.
    pub async fn notice(&self) -> Result<Option<String>> {
        self.js(
            "const b = document.getElementById('notice-banner');\
             return b.hidden ? null : document.getElementById('notice-text').textContent;",
            vec![],
        )
        .await
    }

    /// The read-only banner's "Open for writing".
    pub async fn open_for_writing(&mut self) -> Result<()> {
        self.step("open the book for writing");
        self.mark_screen().await?;
        self.click("#open-for-writing").await?;
        // The refused save's message stays on the old screen until the new
        // one replaces it: wait for the new screen before looking for errors.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let replaced: bool = self
                .js(
                    "const page = document.querySelector('#screen > .page');\
                     return Boolean(page && !page.__e2eSeen);",
                    vec![],
                )
                .await?;
            if replaced {
                break;
            }
            if std::time::Instant::now() > deadline {
                bail!("the screen was not replaced after Open for writing");
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        self.wait_until("the book's screen is shown", "true", vec![])
            .await?;
        self.snap().await
    }
}

impl User {
    /// Fills the new-customer form and saves it, expecting a refusal;
    /// returns the message the form shows.
    pub async fn try_to_create_customer(&mut self, company: &str) -> Result<String> {
        self.step(format!("try to create the customer {company}"));
        self.go_by_rail("customers").await?;
        self.mark_screen().await?;
        self.click("#new-customer").await?;
        self.wait_for_screen("customers/new").await?;
        self.fill("#customer-form [name='company']", company)
            .await?;
        self.click("#save-customer").await?;
        let shown: String = self
            .settled(
                "the form's message",
                "const e = document.querySelector('#screen .form-error');\
                 return e ? e.textContent : null;",
                std::time::Duration::from_millis(300),
            )
            .await?;
        self.snap().await?;
        Ok(shown)
    }
}
