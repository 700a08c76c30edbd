//! One Duly writes a book at a time.
//!
//! SQLite keeps two writers from interleaving, but not two Dulys from each
//! believing they own the book: both would number invoices, run recurring
//! schedules and make the daily backup. So the Duly that opens a book takes
//! an exclusive OS lock on a file beside it, `<book>-lock`, and writes who it
//! is there. The OS drops the lock when that process ends, however it ends,
//! so a crash never leaves a book locked. The file itself is left in place:
//! deleting a lock file races with the next Duly opening it.
//!
//! The lock is `std::fs::File::try_lock` (flock on Unix, LockFileEx on
//! Windows), which works across sessions and users of one computer and on
//! network shares that support locks.

use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::fault::Fault;

/// Who holds a book: shown to a second Duly that finds it in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holder {
    /// Empty when the session does not say.
    pub user: String,
    pub computer: String,
    pub process: u32,
    /// When that Duly opened the book, `YYYY-MM-DD HH:MM`.
    pub since: String,
}

impl Holder {
    /// This process, opening a book at `now`.
    pub fn this_process(now: NaiveDateTime) -> Holder {
        let env = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()))
        };
        let computer = env(&["HOSTNAME", "COMPUTERNAME"])
            .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "this computer".into());
        Holder {
            user: env(&["USER", "USERNAME", "LOGNAME"]).unwrap_or_default(),
            computer,
            process: std::process::id(),
            since: now.format("%Y-%m-%d %H:%M").to_string(),
        }
    }

    fn to_text(&self) -> String {
        format!(
            "{}\n{}\n{}\n{}\n",
            self.user, self.computer, self.process, self.since
        )
    }

    fn from_text(text: &str) -> Option<Holder> {
        let mut lines = text.lines();
        Some(Holder {
            user: lines.next()?.to_owned(),
            computer: lines.next()?.to_owned(),
            process: lines.next()?.parse().ok()?,
            since: lines.next()?.to_owned(),
        })
    }
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.user.is_empty() {
            write!(f, "{} ", self.user)?;
        }
        write!(
            f,
            "on {}, since {}, process {}",
            self.computer, self.since, self.process
        )
    }
}

/// The lock on one book, held until dropped.
#[derive(Debug)]
pub struct BookLock {
    // Held for its OS lock; closing the file releases it.
    _file: File,
    path: PathBuf,
}

impl BookLock {
    /// Takes the lock on the book at `book`, or says who has it
    /// ([`Fault::InUse`]). Creates the lock file if needed.
    pub fn take(book: &Path, me: &Holder) -> Result<BookLock> {
        let path = path_for(book);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| lock_file_error(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Fault(Fault::InUse {
                    holder: read_holder(&mut file),
                }))
            }
            Err(TryLockError::Error(e)) => return Err(lock_file_error(&path, e)),
        }
        let written = file
            .set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(me.to_text().as_bytes()))
            .and_then(|()| file.flush());
        written.map_err(|e| lock_file_error(&path, e))?;
        Ok(BookLock { _file: file, path })
    }

    /// The lock file beside the book.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// `<book>-lock`, beside SQLite's own `-wal` and `-shm`.
pub fn path_for(book: &Path) -> PathBuf {
    crate::book::beside(book, "-lock")
}

/// On Windows the holder's lock also keeps others from reading the file;
/// then who holds it is unknown, and the message says only that it is held.
fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.read_to_string(&mut text).ok()?;
    Holder::from_text(&text)
}

fn lock_file_error(path: &Path, e: std::io::Error) -> StoreError {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            StoreError::Fault(Fault::ReadOnly)
        }
        std::io::ErrorKind::StorageFull => StoreError::Fault(Fault::Full),
        std::io::ErrorKind::NotFound => StoreError::Fault(Fault::FolderMissing {
            folder: path.parent().map(Path::to_owned).unwrap_or_default(),
        }),
        _ => StoreError::File(format!(
            "Could not use the lock file {}: {e}",
            path.display()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(h, 30, 0))
            .expect("valid")
    }

    #[test]
    fn a_second_taker_is_told_who_holds_the_book_until_it_is_released() {
        let dir = tempfile::tempdir().expect("tempdir");
        let book = dir.path().join("book.duly");
        let first = Holder {
            user: "maria".into(),
            computer: "front-desk".into(),
            process: 4242,
            since: "2026-12-01 09:30".into(),
        };
        let held = BookLock::take(&book, &first).expect("first takes it");
        assert_eq!(held.path(), dir.path().join("book.duly-lock"));

        let second = BookLock::take(&book, &Holder::this_process(at(10)));
        match second {
            Err(StoreError::Fault(Fault::InUse { holder })) => {
                assert_eq!(holder, Some(first.clone()));
                let told = Fault::InUse { holder }.to_string();
                assert!(
                    told.contains("maria on front-desk, since 2026-12-01 09:30, process 4242"),
                    "{told}"
                );
            }
            other => panic!("expected InUse, got {other:?}"),
        }

        drop(held);
        let me = Holder::this_process(at(11));
        let _again = BookLock::take(&book, &me).expect("free once released");
        let text = std::fs::read_to_string(dir.path().join("book.duly-lock")).expect("read");
        assert_eq!(Holder::from_text(&text), Some(me));
    }

    #[test]
    fn a_lock_in_a_missing_folder_says_so() {
        let dir = tempfile::tempdir().expect("tempdir");
        let book = dir.path().join("gone/book.duly");
        match BookLock::take(&book, &Holder::this_process(at(9))) {
            Err(StoreError::Fault(Fault::FolderMissing { folder })) => {
                assert_eq!(folder, dir.path().join("gone"))
            }
            other => panic!("expected FolderMissing, got {other:?}"),
        }
        assert!(!dir.path().join("gone").exists());
    }
}
