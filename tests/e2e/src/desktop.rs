//! Everything a scenario runs on: the built app, a private book file, a
//! display, and tauri-driver to open the app's window.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use fantoccini::Client;
use tempfile::TempDir;

use crate::display::VirtualDisplay;
use crate::driver::Driver;
use crate::lock::RunLock;
use crate::process::{end_leftovers, live_members};
use crate::workspace::build_app;

/// The app's "today" in every scenario (`--today`), so due dates and
/// "days late" never depend on the day the tests run.
pub const TODAY: &str = "2026-11-25";

/// How a scenario starts the app: on an empty book (the default) or on the
/// demo book, and on which day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    /// `--demo`: a demo book made anew at each start (so a restart does not
    /// keep what the story changed in it).
    pub demo: bool,
    /// `--today`, "YYYY-MM-DD".
    pub today: String,
}

impl Start {
    /// A fresh, empty book on [`TODAY`].
    pub fn empty_book() -> Self {
        Self {
            demo: false,
            today: TODAY.to_string(),
        }
    }

    /// The demo book, dated around [`TODAY`] (the same book at every run).
    pub fn demo_book() -> Self {
        Self {
            demo: true,
            today: TODAY.to_string(),
        }
    }
}

impl Default for Start {
    fn default() -> Self {
        Self::empty_book()
    }
}

/// Fields drop in order: the driver group (with the app) first, then the
/// display it draws on, the book and temporary folder, and last the lock
/// that lets the next scenario start.
pub struct Desktop {
    driver: Driver,
    display: Option<VirtualDisplay>,
    book_dir: TempDir,
    /// The app's temporary folder (its `TMPDIR`): "Open PDF" writes there.
    temp_dir: TempDir,
    /// Where every "Save as…" writes (`DULY_SAVE_DIR`), kept beside the
    /// screenshots.
    save_dir: PathBuf,
    /// The file every open dialog opens (`DULY_OPEN_FILE`), which a story
    /// writes first, as if downloaded.
    open_file: PathBuf,
    app: PathBuf,
    pub(crate) start: Start,
    _lock: RunLock,
}

impl Desktop {
    /// Waits for its turn, builds the app, and starts a display (unless
    /// DISPLAY is set) and the driver, which logs into `log_dir`; files the
    /// app saves go to `log_dir/saved`.
    pub async fn start(target_dir: &Path, log_dir: &Path, start: Start) -> Result<Self> {
        let lock = RunLock::acquire(target_dir).await?;
        let running = target_dir.join("e2e-running");
        end_leftovers(&running)?;
        let built = Instant::now();
        let app = build_app()?;
        println!(
            "cargo build -p duly: {:.1} s",
            built.elapsed().as_secs_f32()
        );
        let display = match std::env::var_os("DISPLAY") {
            Some(_) => None,
            None => Some(VirtualDisplay::start(&running).await?),
        };
        let name = display.as_ref().map(|d| d.name.as_str());
        let save_dir = log_dir.join("saved");
        std::fs::create_dir_all(&save_dir)
            .with_context(|| format!("could not create {}", save_dir.display()))?;
        let temp_dir = tempfile::tempdir().context("could not create a temporary folder")?;
        let open_file = log_dir.join("downloaded").join("bank-statement");
        if let Some(folder) = open_file.parent() {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("could not create {}", folder.display()))?;
        }
        let env = [
            ("DULY_SAVE_DIR", save_dir.as_path()),
            ("DULY_OPEN_FILE", open_file.as_path()),
            ("TMPDIR", temp_dir.path()),
        ];
        let driver = Driver::start(name, &env, &log_dir.join("driver.log"), &running).await?;
        let book_dir = tempfile::tempdir().context("could not create a folder for the book")?;
        Ok(Self {
            driver,
            display,
            book_dir,
            temp_dir,
            save_dir,
            open_file,
            app,
            start,
            _lock: lock,
        })
    }

    /// The folder "Save as…" writes into.
    pub fn save_dir(&self) -> &Path {
        &self.save_dir
    }

    /// The file the app's open dialogs open.
    pub fn open_file(&self) -> PathBuf {
        self.open_file.clone()
    }

    /// The app's temporary folder.
    pub fn temp_dir(&self) -> &Path {
        self.temp_dir.path()
    }

    /// This scenario's book file.
    pub fn book_path(&self) -> PathBuf {
        self.book_dir.path().join("book.duly")
    }

    /// Opens the app on this scenario's book (the same file every time), as
    /// `start` says.
    pub async fn open_window(&self) -> Result<Client> {
        let book = self.book_path();
        let mut args = vec![
            "--book".to_string(),
            book.display().to_string(),
            "--today".to_string(),
            self.start.today.clone(),
        ];
        if self.start.demo {
            args.push("--demo".to_string());
        }
        self.driver.open_window(&self.app, &args).await
    }

    /// Waits until the app's process has exited, so that the next window
    /// does not open the book while the old one still holds it.
    pub async fn wait_until_app_closed(&self) -> Result<()> {
        // /proc truncates process names to 15 bytes.
        let name: String = self
            .app
            .file_name()
            .map(|n| n.to_string_lossy().chars().take(15).collect())
            .unwrap_or_default();
        let deadline = Instant::now() + Duration::from_secs(10);
        while live_members(self.driver.pgid())
            .iter()
            .any(|(_, n)| *n == name)
        {
            if Instant::now() > deadline {
                bail!("the app was still running 10 s after its window was closed");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(())
    }

    /// Ends the driver, the app and the display, and checks none is left.
    pub fn stop(self) -> Result<()> {
        let driver = self.driver.stop();
        let display = self.display.map_or(Ok(()), VirtualDisplay::stop);
        driver.and(display)
    }
}
