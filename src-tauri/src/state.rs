//! The open book and the clock, shared by every command.
//!
//! Commands run on Tauri's blocking pool (`spawn_blocking`), never on the UI
//! thread; the book is one SQLite connection behind a mutex, which is all a
//! single-user desktop app needs. Opening a book can fail (damaged, in use,
//! a drive not there): then no book is open, the window shows the trouble
//! and its ways out (`duly_app::opening`), and every other command says that
//! no book is open.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::{Local, NaiveDate, NaiveDateTime};
use duly_app::backups;
use duly_app::opening::{self, Folder, Opened, Opening, ReadOnly, Restored, Trouble, WayOut};
use duly_store::{Book, Fault};
use serde::Serialize;

use duly_app::ErrorKind;

use crate::error::{Error, Result};
use crate::memory;

/// The book currently shown in the window.
struct OpenBook {
    opened: Opened,
    path: PathBuf,
    demo: bool,
}

/// What the window has: a book open, or the trouble that kept it from
/// opening; the owner's own book (which may change when they choose
/// another); and a book a second launch of Duly asked for.
struct Shelf {
    open: Option<OpenBook>,
    troubled: Option<Troubled>,
    own: PathBuf,
    /// Only Duly's own app-data folder is made when missing.
    own_folder: Folder,
    requested: Option<PathBuf>,
}

/// A book that did not open: which, whether it was the demo, and why.
struct Troubled {
    path: PathBuf,
    demo: bool,
    trouble: Box<Trouble>,
}

pub struct AppState {
    shelf: Arc<Mutex<Shelf>>,
    demo_book: PathBuf,
    /// `--today`: a fixed date for demos and end-to-end tests.
    today: Option<NaiveDate>,
}

/// Which book is open, for the window's title bar and the banners.
#[derive(Debug, Clone, Serialize)]
pub struct BookInfo {
    /// The open book, or the one that did not open.
    pub path: String,
    pub demo: bool,
    pub today: String,
    /// The app's clock to the minute (`YYYY-MM-DDTHH:MM`), for forms that
    /// default to "now": the window never joins its own clock to `today`.
    pub now: String,
    /// Why no book is open, and the ways out; the window shows only this.
    pub trouble: Option<Trouble>,
    /// Why the open book takes no changes (the banner), if it does not.
    pub read_only: Option<ReadOnly>,
    /// Why today's backup was not made, if it was not.
    pub backup_failed: Option<String>,
    /// Today's backup is still being made: the window asks again shortly,
    /// to say if it fails.
    pub backup_pending: bool,
    /// A backup opened in the book's place, said once: the first time the
    /// window asks after that open.
    pub restored: Option<Restored>,
    /// A book another launch of Duly asked to open, for the owner to accept.
    pub requested: Option<String>,
}

impl AppState {
    pub fn new(
        own_book: PathBuf,
        own_folder: Folder,
        demo_book: PathBuf,
        start_demo: bool,
        today: Option<NaiveDate>,
    ) -> Self {
        let now = clock(today);
        let mut shelf = Shelf {
            open: None,
            troubled: None,
            own: own_book.clone(),
            own_folder,
            requested: None,
        };
        if start_demo {
            shelf.put(
                &demo_book,
                true,
                opening::open_demo(&demo_book, now.date(), now),
            );
        } else {
            shelf.put(&own_book, false, opening::open(&own_book, own_folder, now));
        }
        AppState {
            shelf: Arc::new(Mutex::new(shelf)),
            demo_book,
            today,
        }
    }

    /// Runs a command against the open book off the UI thread, with the time
    /// it is now (or the fixed `--today`).
    pub async fn run<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Book, NaiveDateTime) -> duly_app::Result<T> + Send + 'static,
    {
        self.run_on(false, f).await
    }

    /// Like [`AppState::run`], once today's backup is made: a restore
    /// replaces the book file that backup is still reading, and would wait
    /// on its lock (for seconds, on a large book or a busy machine).
    pub async fn run_after_backup<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Book, NaiveDateTime) -> duly_app::Result<T> + Send + 'static,
    {
        self.run_on(true, f).await
    }

    async fn run_on<T, F>(&self, after_backup: bool, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Book, NaiveDateTime) -> duly_app::Result<T> + Send + 'static,
    {
        let now = clock(self.today);
        self.with_shelf(move |shelf| match shelf.open.as_mut() {
            Some(open) => {
                if after_backup {
                    // Its failure, if any, is told in the window already.
                    let _ = open.opened.backup.wait();
                }
                f(&mut open.opened.book, now)
            }
            .map_err(|mut e| {
                // SQLite only knows the book is read-only; the window says why.
                if let (ErrorKind::ReadOnly, Some(why)) = (e.kind, &open.opened.read_only) {
                    e.message = why.refusal();
                }
                Error::from(e)
            }),
            None => Err(Error::shell(
                "No book is open: choose one of the ways out on the screen.",
            )),
        })
        .await
    }

    /// Closes the book as Duly exits: SQLite folds the WAL back into the
    /// book file, so a book copied after Duly quit is whole on its own, and
    /// the lock is released at once.
    pub fn close_on_exit(&self) {
        if let Ok(mut shelf) = self.shelf.lock() {
            shelf.close();
        }
    }

    /// The time the commands see (with `--today` applied).
    pub fn now(&self) -> NaiveDateTime {
        clock(self.today)
    }

    /// Whether the open book is the demo, and why it is read-only if it
    /// is: for commands that only the owner's writable book may run.
    pub async fn kind(&self) -> Result<(bool, Option<ReadOnly>)> {
        self.with_shelf(|shelf| {
            Ok(shelf
                .open
                .as_ref()
                .map_or((false, None), |o| (o.demo, o.opened.read_only.clone())))
        })
        .await
    }

    pub async fn info(&self) -> Result<BookInfo> {
        let now = clock(self.today);
        self.with_shelf(move |shelf| Ok(shelf.info(now))).await
    }

    /// Replaces the demo book with a fresh one as of today and switches to it.
    pub async fn switch_to_demo(&self) -> Result<BookInfo> {
        let path = self.demo_book.clone();
        let now = clock(self.today);
        self.with_shelf(move |shelf| {
            shelf.close();
            shelf.put(&path, true, opening::open_demo(&path, now.date(), now));
            Ok(shelf.info(now))
        })
        .await
    }

    /// Goes back to the owner's own book.
    pub async fn switch_to_own(&self) -> Result<BookInfo> {
        let now = clock(self.today);
        self.with_shelf(move |shelf| {
            shelf.close();
            let own = shelf.own.clone();
            let folder = shelf.own_folder;
            shelf.put(&own, false, opening::open(&own, folder, now));
            Ok(shelf.info(now))
        })
        .await
    }

    /// Takes one of the ways out of the trouble on show. `ChooseAnother`
    /// comes with the file the owner chose (`None`: cancelled, nothing
    /// changes); the demo is [`AppState::switch_to_demo`].
    pub async fn way_out(&self, way: WayOut, chosen: Option<PathBuf>) -> Result<BookInfo> {
        let now = clock(self.today);
        let demo_book = self.demo_book.clone();
        self.with_shelf(move |shelf| {
            let Some(t) = shelf.troubled.as_ref() else {
                return Ok(shelf.info(now));
            };
            let (path, demo, fault) = (t.path.clone(), t.demo, t.trouble.fault.clone());
            match way {
                WayOut::NewestBackup => {
                    shelf.put(&path, demo, opening::open_newest_backup(&path, now))
                }
                WayOut::ReadOnly => {
                    shelf.put(&path, demo, opening::open_read_only(&path, fault.as_ref()))
                }
                WayOut::TryAgain if demo => {
                    shelf.put(&path, true, opening::open_demo(&path, now.date(), now))
                }
                WayOut::TryAgain => {
                    // After a missing folder, only the book itself will do.
                    let folder = match fault {
                        Some(Fault::FolderMissing { .. } | Fault::BookMissing) => {
                            Folder::BookMustExist
                        }
                        _ => shelf.folder_for(&path),
                    };
                    shelf.put(&path, false, opening::open(&path, folder, now))
                }
                WayOut::ChooseAnother => {
                    if let Some(file) = chosen {
                        shelf.own = file.clone();
                        shelf.own_folder = Folder::MustExist;
                        shelf.put(&file, false, opening::open(&file, Folder::MustExist, now));
                    }
                }
                WayOut::Demo => shelf.put(
                    &demo_book,
                    true,
                    opening::open_demo(&demo_book, now.date(), now),
                ),
            }
            Ok(shelf.info(now))
        })
        .await
    }

    /// A second launch of Duly asked for the book at `path` (on systems
    /// where every launch comes to this window): kept for the owner to
    /// accept or not, unless it is the book already open.
    pub fn request(&self, path: PathBuf) {
        if let Ok(mut shelf) = self.shelf.lock() {
            let already = shelf
                .open
                .as_ref()
                .is_some_and(|o| backups::same_file(&o.path, &path));
            shelf.requested = (!already).then_some(path);
        }
    }

    /// Opens the requested book as the owner's book (`accept`), or forgets
    /// the request.
    pub async fn answer_request(&self, accept: bool) -> Result<BookInfo> {
        let now = clock(self.today);
        self.with_shelf(move |shelf| {
            if let Some(path) = shelf.requested.take().filter(|_| accept) {
                shelf.close();
                shelf.own = path.clone();
                shelf.own_folder = Folder::MustExist;
                shelf.put(&path, false, opening::open(&path, Folder::MustExist, now));
            }
            Ok(shelf.info(now))
        })
        .await
    }

    async fn with_shelf<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Shelf) -> Result<T> + Send + 'static,
    {
        let shelf = Arc::clone(&self.shelf);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = shelf.lock().map_err(|_| {
                Error::shell("The book is unavailable after an earlier failure; restart Duly.")
            })?;
            let started = Instant::now();
            let result = f(&mut guard);
            drop(guard);
            if started.elapsed() >= memory::COLD {
                memory::give_back();
            }
            result
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

impl Shelf {
    /// Shows what opening `path` gave: the book, or its trouble (and then
    /// no book at all, so nothing is written where it should not be).
    fn put(&mut self, path: &Path, demo: bool, opening: Opening) {
        match opening {
            Ok(opened) => {
                self.open = Some(OpenBook {
                    opened,
                    path: path.to_owned(),
                    demo,
                });
                self.troubled = None;
            }
            Err(trouble) => {
                self.open = None;
                self.troubled = Some(Troubled {
                    path: path.to_owned(),
                    demo,
                    trouble,
                });
            }
        }
    }

    /// Closes the open book first, releasing its lock, so that reopening
    /// the same book does not find it held by this very window.
    fn close(&mut self) {
        self.open = None;
    }

    fn folder_for(&self, path: &Path) -> Folder {
        if path == self.own {
            self.own_folder
        } else {
            Folder::MustExist
        }
    }

    fn info(&mut self, now: NaiveDateTime) -> BookInfo {
        let (path, demo) = match (&self.open, &self.troubled) {
            (Some(open), _) => (open.path.clone(), open.demo),
            (None, Some(t)) => (t.path.clone(), t.demo),
            (None, None) => (self.own.clone(), false),
        };
        BookInfo {
            path: path.display().to_string(),
            demo,
            today: now.format("%Y-%m-%d").to_string(),
            now: now.format("%Y-%m-%dT%H:%M").to_string(),
            trouble: self.troubled.as_ref().map(|t| (*t.trouble).clone()),
            read_only: self.open.as_ref().and_then(|o| o.opened.read_only.clone()),
            backup_failed: self.open.as_mut().and_then(|o| o.opened.backup.failed()),
            backup_pending: self
                .open
                .as_mut()
                .is_some_and(|o| o.opened.backup.is_pending()),
            restored: self.open.as_mut().and_then(|o| o.opened.restored.take()),
            requested: self.requested.as_ref().map(|p| p.display().to_string()),
        }
    }
}
