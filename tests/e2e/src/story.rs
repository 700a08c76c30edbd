//! A scenario as a story of numbered steps, told by a [`User`] at the window.
//!
//! Every step is logged (`first-invoice: step 14 at 8.22 s: issue the
//! invoice`) and its screen is saved as `target/e2e-screens/<scenario>/<NN>-<step>.png`. When a
//! step fails, the report names the scenario, step number and step, and the
//! screen at that moment is kept as `<NN>-<step>-FAILED.png`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, ensure, Context, Result};
use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::desktop::{Desktop, Start};
use crate::workspace::target_dir;

/// Collects what is wrong on the screen into `problems`: field and form
/// messages, the app's "Something went wrong" and "This page could not be
/// shown", and stray text such as "null" (a value that slipped through
/// as text). Waits fail at once on them instead of timing out.
const PROBLEMS: &str = "
    const problems = [...document.querySelectorAll(
        '#screen .field-error, #screen .form-error, #screen [role=alert], #modal-root .form-error, #modal-root .field-error'
    )].map((el) => el.textContent.trim());
    for (const title of document.querySelectorAll('#screen .empty h2')) {
        if (title.textContent === 'This page could not be shown') problems.push(title.parentElement.textContent);
    }
    const texts = document.createTreeWalker(document.getElementById('screen'), NodeFilter.SHOW_TEXT);
    while (texts.nextNode()) {
        const text = texts.currentNode.nodeValue.trim();
        if (/^(null|undefined|NaN|\\[object Object\\])$/.test(text)) problems.push(`stray text \"${text}\" on the screen`);
    }
";

/// How long the window may take to reach an expected state.
const PATIENCE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

/// The person using the app in a scenario: the page helpers in `user.rs`
/// are what they do; this part keeps the story's steps and screenshots.
pub struct User {
    scenario: String,
    shots: PathBuf,
    step: usize,
    doing: String,
    /// When the window opened: the log tells how long each step took.
    opened: Instant,
    pub(crate) window: Client,
    pub(crate) desktop: Desktop,
}

/// Runs `story` on a fresh book in the real window, then closes everything
/// and checks no process is left, whether the story passed or not.
///
/// ```no_run
/// # use duly_e2e::{play, User};
/// # async fn scenario() -> anyhow::Result<()> {
/// play("first-invoice", async |user: &mut User| {
///     user.see_welcome().await?;
///     user.open_settings().await
/// })
/// .await
/// # }
/// ```
pub async fn play(scenario: &str, story: impl AsyncFnOnce(&mut User) -> Result<()>) -> Result<()> {
    play_from(scenario, Start::empty_book(), story).await
}

/// Like [`play`], with the app started as `start` says (the demo book,
/// another "today").
pub async fn play_from(
    scenario: &str,
    start: Start,
    story: impl AsyncFnOnce(&mut User) -> Result<()>,
) -> Result<()> {
    let target = target_dir()?;
    let shots = target.join("e2e-screens").join(scenario);
    if shots.exists() {
        std::fs::remove_dir_all(&shots)
            .with_context(|| format!("could not empty {}", shots.display()))?;
    }
    std::fs::create_dir_all(&shots)
        .with_context(|| format!("could not create {}", shots.display()))?;
    let desktop = Desktop::start(&target, &shots, start).await?;
    let window = match desktop.open_window().await {
        Ok(window) => window,
        Err(error) => {
            if let Err(stop) = desktop.stop() {
                eprintln!("{scenario}: {stop:#}");
            }
            return Err(error);
        }
    };
    let mut user = User {
        scenario: scenario.to_string(),
        shots,
        step: 0,
        doing: "open the app".to_string(),
        opened: Instant::now(),
        window,
        desktop,
    };
    let outcome = match story(&mut user).await {
        Ok(()) => Ok(()),
        Err(error) => Err(user.failed(error).await),
    };
    let User {
        window, desktop, ..
    } = user;
    // A failed story may have left the window unable to answer: its error
    // is the one worth reporting.
    let closed = window.close().await.context("could not close the window");
    outcome.and(closed).and(desktop.stop())
}

impl User {
    /// Begins the next step: logs it; failures from here on are reported as it.
    pub(crate) fn step(&mut self, doing: impl Into<String>) {
        self.step += 1;
        self.doing = doing.into();
        let at = self.opened.elapsed().as_secs_f32();
        println!(
            "{}: step {} at {at:.2} s: {}",
            self.scenario, self.step, self.doing
        );
    }

    /// Saves the screen the step reached as `<NN>-<step>.png`.
    pub(crate) async fn snap(&self) -> Result<()> {
        self.save_screen(&format!("{:02}-{}.png", self.step, slug(&self.doing)))
            .await
    }

    /// Saves a screen passed on the way as `<NN>-<step>-<label>.png`.
    pub(crate) async fn snap_also(&self, label: &str) -> Result<()> {
        self.save_screen(&format!(
            "{:02}-{}-{}.png",
            self.step,
            slug(&self.doing),
            slug(label)
        ))
        .await
    }

    /// Reports the failure of the current step and keeps its screen.
    async fn failed(&self, error: anyhow::Error) -> anyhow::Error {
        let file = format!("{:02}-{}-FAILED.png", self.step, slug(&self.doing));
        if let Err(shot) = self.save_screen(&file).await {
            eprintln!("{}: no screenshot of the failure: {shot:#}", self.scenario);
        }
        let place = format!(
            "{}: step {} ({}) failed",
            self.scenario, self.step, self.doing
        );
        eprintln!(
            "{place}: {error:#}\n  screen: {}",
            self.shots.join(file).display()
        );
        error.context(place)
    }

    async fn save_screen(&self, file: &str) -> Result<()> {
        // A screenshot taken right after a DOM change may show the previous
        // frame: let the webview paint twice first.
        self.window
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                vec![],
            )
            .await
            .context("the window did not paint")?;
        let png = self
            .window
            .screenshot()
            .await
            .context("could not take a screenshot")?;
        let path = self.shots.join(file);
        std::fs::write(&path, png).with_context(|| format!("could not write {}", path.display()))
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and reads
    /// its return value.
    pub(crate) async fn js<T: DeserializeOwned>(
        &self,
        script: &str,
        args: Vec<Value>,
    ) -> Result<T> {
        let value = self
            .window
            .execute(script, args)
            .await
            .with_context(|| format!("script failed: {script}"))?;
        serde_json::from_value(value.clone())
            .with_context(|| format!("unexpected result {value} of: {script}"))
    }

    /// The element at `css`, once it is in the page.
    pub(crate) async fn find(&self, css: &str) -> Result<Element> {
        self.window
            .wait()
            .at_most(PATIENCE)
            .every(POLL)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("no {css} on the screen within {PATIENCE:?}"))
    }

    pub(crate) async fn click(&self, css: &str) -> Result<()> {
        self.find(css)
            .await?
            .click()
            .await
            .with_context(|| format!("could not click {css}"))
    }

    /// Replaces the text of the input at `css` by typing `text`.
    pub(crate) async fn fill(&self, css: &str, text: &str) -> Result<()> {
        type_into(&self.find(css).await?, text)
            .await
            .with_context(|| format!("could not type {text:?} into {css}"))
    }

    /// Waits until the JavaScript expression `condition` (over `arguments`)
    /// is true; fails at once if the window shows an error message.
    pub(crate) async fn wait_until(
        &self,
        what: &str,
        condition: &str,
        args: Vec<Value>,
    ) -> Result<()> {
        let script = format!(
            "{PROBLEMS} if (problems.length) return 'error: ' + problems.join(' | ');\
             return ({condition}) ? 'yes' : 'no';"
        );
        let deadline = Instant::now() + PATIENCE;
        loop {
            let state: String = self.js(&script, args.clone()).await?;
            match state.as_str() {
                "yes" => return Ok(()),
                "no" if Instant::now() <= deadline => tokio::time::sleep(POLL).await,
                "no" => bail!("waited {PATIENCE:?} in vain until {what}"),
                problem => bail!("waiting until {what}, the window says {problem}"),
            }
        }
    }

    /// Polls `script` until it returns the same non-null value for `calm`:
    /// for what the app updates after a debounce (live totals, messages).
    pub(crate) async fn settled<T: DeserializeOwned>(
        &self,
        what: &str,
        script: &str,
        calm: Duration,
    ) -> Result<T> {
        let deadline = Instant::now() + PATIENCE;
        let mut last = Value::Null;
        let mut since = Instant::now();
        loop {
            let now: Value = self.js(script, vec![]).await?;
            if now != last {
                last = now;
                since = Instant::now();
            } else if !last.is_null() && since.elapsed() >= calm {
                return serde_json::from_value(last)
                    .with_context(|| format!("unexpected value of {what}"));
            }
            if Instant::now() > deadline {
                return Err(anyhow!(
                    "{what} did not settle within {PATIENCE:?} (last: {last})"
                ));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Marks the screen shown now, so [`User::wait_for_screen`] can tell
    /// the next one from it, even when both are the same kind of screen.
    pub(crate) async fn mark_screen(&self) -> Result<()> {
        self.js::<Value>(
            "const page = document.querySelector('#screen > .page'); if (page) page.__e2eSeen = true; return null;",
            vec![],
        )
        .await
        .map(drop)
    }

    /// Waits for a new screen of kind `screen` (its `data-screen`, e.g.
    /// "customers/id"); fails at once if the window shows an error message.
    pub(crate) async fn wait_for_screen(&self, screen: &str) -> Result<()> {
        let condition = "(() => { const page = document.querySelector('#screen > .page');\
            return page && !page.__e2eSeen && page.dataset.screen === arguments[0]; })()";
        self.wait_until(
            &format!("the {screen} screen appears"),
            condition,
            vec![screen.into()],
        )
        .await
    }
}

impl User {
    /// Chooses the option `value` of the menu at `css`.
    pub(crate) async fn choose(&self, css: &str, value: &str) -> Result<()> {
        self.find(css)
            .await?
            .select_by_value(value)
            .await
            .with_context(|| format!("could not choose {value:?} in {css}"))
    }

    /// Picks the day `iso` ("2026-11-24") in the date input at `css`.
    /// WebKit's date fields take no typed text through WebDriver, so the
    /// value is set as the date picker would, with its input and change
    /// events.
    pub(crate) async fn pick_date(&self, css: &str, iso: &str) -> Result<()> {
        self.find(css).await?;
        let held: String = self
            .js(
                "const input = document.querySelector(arguments[0]);\
                 input.focus();\
                 input.value = arguments[1];\
                 input.dispatchEvent(new Event('input', { bubbles: true }));\
                 input.dispatchEvent(new Event('change', { bubbles: true }));\
                 return input.value;",
                vec![css.into(), iso.into()],
            )
            .await?;
        ensure!(held == iso, "picked {iso} in {css}, but it holds {held:?}");
        Ok(())
    }

    /// Marks the message shown in the corner now, so that
    /// [`User::wait_for_toast`] waits for the next one.
    pub(crate) async fn forget_toast(&self) -> Result<()> {
        self.js::<Value>(
            "const shown = document.getElementById('toast').firstChild;\
             if (shown) shown.__e2eSeen = true; return null;",
            vec![],
        )
        .await
        .map(drop)
    }

    /// The next message shown in the corner (after [`User::forget_toast`]).
    pub(crate) async fn wait_for_toast(&self) -> Result<String> {
        self.wait_until(
            "a message appears in the corner",
            "(() => { const shown = document.getElementById('toast').firstChild;\
                return shown && !shown.__e2eSeen; })()",
            vec![],
        )
        .await?;
        self.js(
            "return document.getElementById('toast').textContent;",
            vec![],
        )
        .await
    }

    /// The folder where "Save as…" writes (`DULY_SAVE_DIR`).
    pub fn save_dir(&self) -> &std::path::Path {
        self.desktop.save_dir()
    }

    /// The app's temporary folder (its `TMPDIR`).
    pub fn temp_dir(&self) -> &std::path::Path {
        self.desktop.temp_dir()
    }

    /// Where this scenario's screenshots go.
    pub fn screens_dir(&self) -> &std::path::Path {
        &self.shots
    }
}

/// Clears an input and types `text`, as a person would (input events fire),
/// then checks the input holds it: keys go wherever the focus is, and an
/// app that moves the focus while one types would scatter them.
pub(crate) async fn type_into(input: &Element, text: &str) -> Result<()> {
    input.clear().await.context("could not clear the field")?;
    if !text.is_empty() {
        input.send_keys(text).await.context("could not type")?;
    }
    let holds = input
        .prop("value")
        .await
        .context("could not read the field")?;
    ensure!(
        holds.as_deref() == Some(text),
        "typed {text:?}, but the field holds {holds:?}"
    );
    Ok(())
}

/// "Create customer Zoë & Co" → "create-customer-zoë-co" (for file names).
fn slug(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.join("-").chars().take(60).collect()
}
