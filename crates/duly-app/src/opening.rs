//! Opening a book, and the ways out when it cannot be opened.
//!
//! The window opens a book at start, when the owner chooses another, and
//! when they leave the demo. Each time the same steps: take the book's lock
//! (one Duly writes a book), let `Book::open` check the file before writing
//! anything, and make the day's backup. When a step fails the owner gets a
//! [`Trouble`]: what is wrong, in words, and the ways out that fit it (open
//! the newest good backup, open it read-only, try again, choose another
//! book, try the demo). No way out overwrites or deletes the book.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use duly_store::backup;
use duly_store::{Book, BookLock, Fault, Holder, StoreError};
use serde::{Deserialize, Serialize};

use crate::backups::{self, BackupView};
use crate::demo::{self, DemoSize};

/// A book open in the window.
#[derive(Debug)]
pub struct Opened {
    pub book: Book,
    /// Held while the book is open for writing; `None` when read-only.
    pub lock: Option<BookLock>,
    /// Why the book is open read-only, for the banner; `None` when writable.
    pub read_only: Option<ReadOnly>,
    /// Today's backup, made beside the window's work (see [`DailyBackup`]).
    pub backup: DailyBackup,
    /// Told once when the window shows the book: a backup was opened in
    /// the place of a book that could not be.
    pub restored: Option<Restored>,
}

/// The backup on the first start of each day, made on a thread of its own
/// through a read-only connection: on a large book the copy and its
/// integrity check take seconds, and the window should not wait for them
/// (SQLite's WAL lets the window read and write meanwhile). A failure does
/// not keep the owner from working: the window says why, once it is known.
#[derive(Debug, Default)]
pub struct DailyBackup {
    pending: Option<mpsc::Receiver<Option<String>>>,
    failed: Option<String>,
}

impl DailyBackup {
    /// Starts today's backup of the book at `path` (nothing is made if one
    /// was made today already).
    fn start(path: &Path, now: NaiveDateTime) -> Self {
        let (sent, pending) = mpsc::channel();
        let path = path.to_owned();
        let started = std::thread::Builder::new()
            .name("daily backup".into())
            .spawn(move || {
                let failed = Book::open_read_only(&path)
                    .map_err(crate::AppError::from)
                    .and_then(|mut book| backups::daily(&mut book, now))
                    .err()
                    .map(|e| e.message);
                // The window may have closed the book meanwhile: nobody to tell.
                let _ = sent.send(failed);
            });
        match started {
            Ok(_) => DailyBackup {
                pending: Some(pending),
                failed: None,
            },
            Err(e) => DailyBackup {
                pending: None,
                failed: Some(format!("Duly could not start the backup: {e}")),
            },
        }
    }

    /// Whether the backup is still being made.
    pub fn is_pending(&mut self) -> bool {
        self.settle(false);
        self.pending.is_some()
    }

    /// Why today's backup was not made, once that is known.
    pub fn failed(&mut self) -> Option<String> {
        self.settle(false);
        self.failed.clone()
    }

    /// Waits until the backup is made (or has failed); says why it failed.
    pub fn wait(&mut self) -> Option<String> {
        self.settle(true);
        self.failed.clone()
    }

    fn settle(&mut self, block: bool) {
        let Some(pending) = &self.pending else {
            return;
        };
        let answer = if block {
            pending.recv().map_err(|_| mpsc::TryRecvError::Disconnected)
        } else {
            pending.try_recv()
        };
        match answer {
            Ok(failed) => self.failed = failed,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.failed = Some("the backup stopped before it was made.".into())
            }
        }
        self.pending = None;
    }
}

/// Why a book is open to look at only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum ReadOnly {
    /// Another Duly has it open (who, when the lock says).
    InUse { holder: Option<Holder> },
    /// Its file or folder is marked read-only.
    Marked,
}

impl ReadOnly {
    /// What a change refused in this book is told: why, and what to do.
    pub fn refusal(&self) -> String {
        match self {
            ReadOnly::InUse { .. } => "Nothing was saved: this book is open in another Duly, so this one only shows it. Close that Duly, then press Open for writing.".into(),
            ReadOnly::Marked => "Nothing was saved: the book's file or folder is marked read-only. Allow changes to it, then press Open for writing.".into(),
        }
    }
}

/// A backup opened in the place of a book that could not be opened; the
/// window says so once, with the date in the owner's style.
#[derive(Debug, Clone, Serialize)]
pub struct Restored {
    pub from: BackupView,
    /// The file name the book that did not open was kept under, beside it.
    pub kept_as: String,
}

/// One thing the owner can do about a book that did not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WayOut {
    /// Put the newest good backup in the book's place (the book is kept aside).
    NewestBackup,
    /// Look at the book without writing to it.
    ReadOnly,
    /// After plugging in the drive, freeing space, or closing the other Duly.
    TryAgain,
    ChooseAnother,
    Demo,
}

/// A book opened, or why not (boxed: a trouble is large, and rare).
pub type Opening = Result<Opened, Box<Trouble>>;

/// A book that did not open: what is wrong and what can be done.
#[derive(Debug, Clone, Serialize)]
pub struct Trouble {
    pub book: String,
    /// The storage fault, when it is one (`None`: another failure, in `message`).
    pub fault: Option<Fault>,
    pub message: String,
    /// The most useful first.
    pub ways_out: Vec<WayOut>,
    /// The backup [`WayOut::NewestBackup`] would open.
    pub newest_backup: Option<BackupView>,
}

impl Trouble {
    fn new(path: &Path, error: StoreError) -> Box<Trouble> {
        let message = error.to_string();
        let fault = match error {
            StoreError::Fault(fault) => Some(fault),
            _ => None,
        };
        let newest = match fault {
            // The file is fine where it is; a backup would not help.
            Some(
                Fault::FolderMissing { .. }
                | Fault::BookMissing
                | Fault::ReadOnly
                | Fault::InUse { .. }
                | Fault::Full,
            ) => None,
            _ => backup::newest_good(path).map(|(b, _)| b),
        };
        Box::new(Trouble {
            book: path.display().to_string(),
            ways_out: ways_out(fault.as_ref(), newest.is_some()),
            message,
            fault,
            newest_backup: newest.as_ref().map(BackupView::from),
        })
    }
}

/// The ways out of each fault, the most useful first.
fn ways_out(fault: Option<&Fault>, has_backup: bool) -> Vec<WayOut> {
    use WayOut::*;
    let mut ways = match fault {
        Some(Fault::FolderMissing { .. } | Fault::BookMissing | Fault::Full | Fault::Busy) => {
            vec![TryAgain, ChooseAnother, Demo]
        }
        Some(Fault::ReadOnly | Fault::InUse { .. }) => vec![ReadOnly, TryAgain, ChooseAnother],
        Some(Fault::NotABook | Fault::Damaged { .. } | Fault::Newer { .. }) => {
            vec![NewestBackup, ChooseAnother, Demo]
        }
        Some(Fault::Io { .. }) | None => vec![TryAgain, NewestBackup, ChooseAnother, Demo],
    };
    if !has_backup {
        ways.retain(|w| *w != NewestBackup);
    }
    ways
}

/// Whether a missing folder is made: yes for Duly's own app-data folder on
/// the first start; no for a book the owner named, whose folder is
/// somewhere that is not there now (a drive not connected).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    Create,
    MustExist,
    /// The book itself must be there too: trying again after its folder was
    /// missing finds the book or says so, never makes a new, empty one.
    BookMustExist,
}

/// Opens the owner's book at `path` for writing: locked, checked, migrated,
/// and backed up on the first start of the day (on its own thread, see
/// [`DailyBackup`]). A failed daily backup does
/// not keep the owner from working; Settings shows when the last was made.
pub fn open(path: &Path, folder: Folder, now: NaiveDateTime) -> Opening {
    let trouble = |e| Trouble::new(path, e);
    match folder {
        Folder::Create => make_folder(path).map_err(trouble)?,
        Folder::BookMustExist if !path.exists() => {
            let fault = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
                Some(dir) if !dir.is_dir() => Fault::FolderMissing {
                    folder: dir.to_owned(),
                },
                _ => Fault::BookMissing,
            };
            return Err(trouble(StoreError::Fault(fault)));
        }
        _ => {}
    }
    let lock = take_lock(path, now).map_err(trouble)?;
    open_locked(path, lock, now)
}

/// Makes the folder the book at `path` goes in, if it is not there.
fn make_folder(path: &Path) -> duly_store::Result<()> {
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => std::fs::create_dir_all(dir).map_err(|e| {
            StoreError::File(format!(
                "Duly could not create the folder {}: {e}",
                dir.display()
            ))
        }),
        None => Ok(()),
    }
}

/// How long a Duly started just after another quit waits for it to let go.
const QUITTING: Duration = Duration::from_secs(2);

/// Takes the book's lock, waiting [`QUITTING`] for a Duly that is still
/// ending (its window closed, its last threads not yet done) to release it.
fn take_lock(path: &Path, now: NaiveDateTime) -> duly_store::Result<BookLock> {
    let me = Holder::this_process(now);
    let mut waited = Duration::ZERO;
    loop {
        match BookLock::take(path, &me) {
            Err(StoreError::Fault(Fault::InUse { .. })) if waited < QUITTING => {
                let step = Duration::from_millis(100);
                std::thread::sleep(step);
                waited += step;
            }
            taken => return taken,
        }
    }
}

fn open_locked(path: &Path, lock: BookLock, now: NaiveDateTime) -> Opening {
    let book = Book::open(path).map_err(|e| Trouble::new(path, e))?;
    Ok(Opened {
        book,
        lock: Some(lock),
        read_only: None,
        backup: DailyBackup::start(path, now),
        restored: None,
    })
}

/// Opens the book at `path` to look at only, after `why` kept it from
/// opening for writing (another Duly has it, or it is read-only). SQLite
/// refuses every write, so nothing can change it from here.
pub fn open_read_only(path: &Path, why: Option<&Fault>) -> Opening {
    let book = Book::open_read_only(path).map_err(|e| Trouble::new(path, e))?;
    let read_only = match why {
        Some(Fault::InUse { holder }) => ReadOnly::InUse {
            holder: holder.clone(),
        },
        _ => ReadOnly::Marked,
    };
    Ok(Opened {
        book,
        lock: None,
        read_only: Some(read_only),
        backup: DailyBackup::default(),
        restored: None,
    })
}

/// Puts the newest good backup in the place of the book at `path`, which is
/// kept beside it as `<book>-set-aside-<when>.duly`, then opens it.
pub fn open_newest_backup(path: &Path, now: NaiveDateTime) -> Opening {
    let trouble = |e| Trouble::new(path, e);
    let Some((chosen, _)) = backup::newest_good(path) else {
        return Err(trouble(StoreError::File(
            "No backup of this book could be read, so none was opened; nothing was changed.".into(),
        )));
    };
    // Held through the swap, so no other Duly opens the book meanwhile.
    let lock = take_lock(path, now).map_err(trouble)?;
    let aside = backup::set_aside(path, now).map_err(trouble)?;
    backup::install(&chosen.path, path).map_err(trouble)?;
    let mut opened = open_locked(path, lock, now)?;
    opened.restored = Some(Restored {
        from: BackupView::from(&chosen),
        kept_as: aside
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    });
    Ok(opened)
}

/// Makes the demo book anew at `path`, dated around `today`, so it never
/// ages. Locked like any book: two Dulys on one demo would replace each
/// other's files.
pub fn open_demo(path: &Path, today: NaiveDate, now: NaiveDateTime) -> Opening {
    let trouble = |e| Trouble::new(path, e);
    make_folder(path).map_err(trouble)?;
    let lock = take_lock(path, now).map_err(trouble)?;
    for suffix in ["", "-wal", "-shm"] {
        match std::fs::remove_file(duly_store::book::beside(path, suffix)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(trouble(StoreError::File(format!(
                    "Duly could not replace the demo book {}: {e}",
                    path.display()
                ))))
            }
        }
    }
    let mut book = Book::open(path).map_err(trouble)?;
    demo::generate(&mut book, DemoSize::SMALL, today).map_err(|e| {
        Box::new(Trouble {
            book: path.display().to_string(),
            fault: None,
            message: format!("Duly could not build the demo book: {e}"),
            ways_out: vec![WayOut::TryAgain, WayOut::ChooseAnother],
            newest_backup: None,
        })
    })?;
    Ok(Opened {
        book,
        lock: Some(lock),
        read_only: None,
        backup: DailyBackup::default(),
        restored: None,
    })
}
