//! "Your data": the book's backups (automatic each day, on demand) and
//! restoring one. The files and SQLite work are in `duly_store::backup`;
//! this is what the Settings card shows and what its buttons do.

use std::path::Path;

use chrono::NaiveDateTime;
use duly_core::FieldError;
use duly_store::backup::{self, BackupFile, Kind};
use duly_store::Book;
use serde::Serialize;

use crate::error::{AppError, ErrorKind, Result};

/// Backups and restores are of the owner's own book, never the demo (which
/// is made anew each time): refused with a way out when the demo is open.
pub fn ensure_own_book(demo: bool) -> Result<()> {
    if demo {
        return Err(duly_core::DomainError::NotAllowed(
            "This is the demo book; leave the demo to back up or restore your own book.".into(),
        )
        .into());
    }
    Ok(())
}

/// How many backups the card lists; the folder holds them all.
const LISTED: usize = 10;

/// One backup, for the card.
#[derive(Debug, Clone, Serialize)]
pub struct BackupView {
    pub file: String,
    /// `YYYY-MM-DD` and `HH:MM`, for the page to show in the owner's locale.
    pub date: String,
    pub time: String,
    /// `daily`, `manual`, `before-migration` or `before-restore`.
    pub kind: &'static str,
}

impl From<&BackupFile> for BackupView {
    fn from(b: &BackupFile) -> Self {
        BackupView {
            file: b
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            date: b.at.format("%Y-%m-%d").to_string(),
            time: b.at.format("%H:%M").to_string(),
            kind: b.kind.as_str(),
        }
    }
}

/// The "Your data" card.
#[derive(Debug, Clone, Serialize)]
pub struct BackupStatus {
    /// The book file itself.
    pub book: String,
    pub folder: String,
    pub count: usize,
    /// The newest first, at most ten.
    pub recent: Vec<BackupView>,
}

fn book_file(book: &Book) -> Result<std::path::PathBuf> {
    book.file().ok_or_else(|| {
        AppError::storage("This book is kept in memory only; it has no file to back up.")
    })
}

pub fn status(book: &mut Book) -> Result<BackupStatus> {
    let path = book_file(book)?;
    let all = backup::list(&path)?;
    Ok(BackupStatus {
        book: path.display().to_string(),
        folder: backup::folder_for(&path).display().to_string(),
        count: all.len(),
        recent: all.iter().take(LISTED).map(BackupView::from).collect(),
    })
}

/// "Back up now": a manual backup, kept until the owner removes it.
pub fn back_up_now(book: &mut Book, now: NaiveDateTime) -> Result<BackupStatus> {
    book.back_up(Kind::Manual, now)?;
    status(book)
}

/// The backup on the first start of each day: made unless one was already
/// made today, then the daily backups are rotated (7 days, 4 weeks, 12
/// months). Returns the new backup, if one was made.
pub fn daily(book: &mut Book, now: NaiveDateTime) -> Result<Option<BackupView>> {
    let path = book_file(book)?;
    let today = now.date();
    let done_today = backup::list(&path)?
        .iter()
        .any(|b| b.kind == Kind::Daily && b.at.date() == today);
    if done_today {
        return Ok(None);
    }
    let made = book.back_up(Kind::Daily, now)?;
    backup::rotate(&path)?;
    Ok(Some(BackupView::from(&made)))
}

/// A file chosen for restoring, checked, for the owner to confirm.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub file: String,
    pub customers: i64,
    pub invoices: i64,
    /// Older than this Duly: it will be upgraded once restored.
    pub older: bool,
}

/// Checks a file offered for restoring without changing anything: intact,
/// a Duly book, not from a newer Duly. A refusal is on the `file` field.
pub fn inspect(source: &Path) -> Result<Candidate> {
    let found = backup::check(source).map_err(|e| refused(&e.to_string()))?;
    Ok(Candidate {
        file: source.display().to_string(),
        customers: found.customers,
        invoices: found.invoices,
        older: found.schema_version < duly_store::book::schema_version(),
    })
}

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
pub struct RestoreReport {
    pub restored_from: String,
    /// The book as it was before, kept as a backup.
    pub kept_as: BackupView,
    pub customers: i64,
    pub invoices: i64,
    pub status: BackupStatus,
}

/// Replaces the open book with the backup at `source`, once the file passed
/// every check (intact, a Duly book, not from a newer Duly). The replaced
/// book is kept as a `before-restore` backup. A refused file changes nothing
/// and is reported on the `file` field.
pub fn restore(book: &mut Book, source: &Path, now: NaiveDateTime) -> Result<RestoreReport> {
    let path = book_file(book)?;
    if same_file(source, &path) {
        return Err(refused(
            "That is the book already open; choose a backup to restore from.",
        ));
    }
    let found = backup::check(source).map_err(|e| refused(&e.to_string()))?;
    let kept = book.restore_from(source, now)?;
    Ok(RestoreReport {
        restored_from: source.display().to_string(),
        kept_as: BackupView::from(&kept),
        customers: found.customers,
        invoices: found.invoices,
        status: status(book)?,
    })
}

/// Whether two paths name the same file (both must exist).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn refused(message: &str) -> AppError {
    AppError {
        kind: ErrorKind::Invalid,
        message: message.to_owned(),
        fields: vec![FieldError::new("file", message)],
    }
}
