//! The open book and the clock, shared by every command.
//!
//! Commands run on Tauri's blocking pool (`spawn_blocking`), never on the UI
//! thread; the book is one SQLite connection behind a mutex, which is all a
//! single-user desktop app needs.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{Local, NaiveDate, NaiveDateTime};
use duly_app::demo::{self, DemoSize};
use duly_store::Book;
use serde::Serialize;

use crate::error::{Error, Result};

/// The book currently shown in the window.
struct OpenBook {
    book: Book,
    path: PathBuf,
    demo: bool,
}

pub struct AppState {
    open: Arc<Mutex<OpenBook>>,
    own_book: PathBuf,
    demo_book: PathBuf,
    /// `--today`: a fixed date for demos and end-to-end tests.
    today: Option<NaiveDate>,
}

/// Which book is open, for the window's title bar and the demo banner.
#[derive(Debug, Clone, Serialize)]
pub struct BookInfo {
    pub path: String,
    pub demo: bool,
    pub today: String,
    /// The app's clock to the minute (`YYYY-MM-DDTHH:MM`), for forms that
    /// default to "now": the window never joins its own clock to `today`.
    pub now: String,
}

impl AppState {
    pub fn new(
        own_book: PathBuf,
        demo_book: PathBuf,
        start_demo: bool,
        today: Option<NaiveDate>,
    ) -> std::result::Result<Self, String> {
        let now = clock(today);
        let open = if start_demo {
            open_demo(&demo_book, now.date())?
        } else {
            OpenBook {
                book: open_own(&own_book, now)?,
                path: own_book.clone(),
                demo: false,
            }
        };
        Ok(AppState {
            open: Arc::new(Mutex::new(open)),
            own_book,
            demo_book,
            today,
        })
    }

    /// Runs a command against the open book off the UI thread, with the time
    /// it is now (or the fixed `--today`).
    pub async fn run<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Book, NaiveDateTime) -> duly_app::Result<T> + Send + 'static,
    {
        let open = Arc::clone(&self.open);
        let now = clock(self.today);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = open.lock().map_err(|_| {
                Error::shell("The book is unavailable after an earlier failure; restart Duly.")
            })?;
            f(&mut guard.book, now).map_err(Error::from)
        })
        .await
        .map_err(|e| Error::shell(format!("The command stopped unexpectedly: {e}")))?
    }

    /// The time the commands see (with `--today` applied).
    pub fn now(&self) -> NaiveDateTime {
        clock(self.today)
    }

    pub async fn info(&self) -> Result<BookInfo> {
        let now = clock(self.today);
        self.with_open(move |open| Ok(info(open, now))).await
    }

    /// Replaces the demo book with a fresh one as of today and switches to it.
    pub async fn switch_to_demo(&self) -> Result<BookInfo> {
        let path = self.demo_book.clone();
        let now = clock(self.today);
        self.with_open(move |open| {
            *open = open_demo(&path, now.date()).map_err(Error::shell)?;
            Ok(info(open, now))
        })
        .await
    }

    /// Goes back to the owner's own book.
    pub async fn switch_to_own(&self) -> Result<BookInfo> {
        let path = self.own_book.clone();
        let now = clock(self.today);
        self.with_open(move |open| {
            *open = OpenBook {
                book: open_own(&path, now).map_err(Error::shell)?,
                path: path.clone(),
                demo: false,
            };
            Ok(info(open, now))
        })
        .await
    }

    async fn with_open<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut OpenBook) -> Result<T> + Send + 'static,
    {
        let open = Arc::clone(&self.open);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = open.lock().map_err(|_| {
                Error::shell("The book is unavailable after an earlier failure; restart Duly.")
            })?;
            f(&mut guard)
        })
        .await
        .map_err(|e| Error::shell(format!("The command stopped unexpectedly: {e}")))?
    }
}

/// The one place the app reads the clock; the domain only ever receives it.
fn clock(today: Option<NaiveDate>) -> NaiveDateTime {
    let now = Local::now().naive_local();
    match today {
        Some(day) => NaiveDateTime::new(day, now.time()),
        None => now,
    }
}

fn info(open: &OpenBook, now: NaiveDateTime) -> BookInfo {
    BookInfo {
        path: open.path.display().to_string(),
        demo: open.demo,
        today: now.format("%Y-%m-%d").to_string(),
        now: now.format("%Y-%m-%dT%H:%M").to_string(),
    }
}

fn open_book(path: &Path) -> std::result::Result<Book, String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("Cannot create the folder {}: {e}", dir.display()))?;
    }
    Book::open(path).map_err(|e| format!("Cannot open the book {}: {e}", path.display()))
}

/// The owner's own book, backed up on the first start of each day. A failed
/// backup does not keep the owner from working: it is reported here, and the
/// Settings card shows when the last backup was made.
fn open_own(path: &Path, now: NaiveDateTime) -> std::result::Result<Book, String> {
    let mut book = open_book(path)?;
    if let Err(e) = duly_app::backups::daily(&mut book, now) {
        eprintln!("duly: the daily backup was not made: {e}");
    }
    Ok(book)
}

/// The demo is made fresh each time, dated around today, so it never ages.
fn open_demo(path: &Path, today: NaiveDate) -> std::result::Result<OpenBook, String> {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(format!(
                    "Cannot replace the demo book {}: {e}",
                    path.display()
                ))
            }
        }
    }
    let mut book = open_book(path)?;
    demo::generate(&mut book, DemoSize::SMALL, today)
        .map_err(|e| format!("Cannot build the demo book: {e}"))?;
    Ok(OpenBook {
        book,
        path: path.to_owned(),
        demo: true,
    })
}
