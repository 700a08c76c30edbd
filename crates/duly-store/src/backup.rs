//! Backups of the book, and restoring one.
//!
//! Copies are made with SQLite's online backup API, never a file copy: the
//! book is a WAL database, so the main file alone can miss committed pages
//! still in `book.duly-wal`, and a copy taken during a write can be torn. The
//! backup API reads one consistent snapshot through SQLite itself.
//!
//! Backups live in a `backups` folder next to the book, named
//! `<book>-<YYYY-MM-DD>T<HHMMSS>-<kind>.duly`, so the folder lists them in
//! order and each name says what it is. Each is written to a `.partial` file
//! first and renamed when complete, so a crash never leaves a half backup
//! that looks whole. Only the automatic daily backups are rotated; the
//! others were made for a reason and stay until the owner removes them.

pub mod rotation;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use crate::book::beside;
use crate::error::{Result, StoreError};
use crate::schema::schema_version;

/// The folder beside the book that holds its backups.
const FOLDER: &str = "backups";
const EXTENSION: &str = ".duly";
const STAMP: &str = "%Y-%m-%dT%H%M%S";
/// `2026-11-25T101500`
const STAMP_LEN: usize = 17;

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// On the first start of a day; rotated.
    Daily,
    /// "Back up now".
    Manual,
    /// Just before this version of Duly upgraded the book's schema.
    BeforeMigration,
    /// The book as it was just before a restore replaced it.
    BeforeRestore,
}

impl Kind {
    const ALL: [Kind; 4] = [
        Kind::Daily,
        Kind::Manual,
        Kind::BeforeMigration,
        Kind::BeforeRestore,
    ];

    /// The spelling in file names.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Daily => "daily",
            Kind::Manual => "manual",
            Kind::BeforeMigration => "before-migration",
            Kind::BeforeRestore => "before-restore",
        }
    }
}

/// One backup found in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub at: NaiveDateTime,
    pub kind: Kind,
}

/// Where the book at `book_path` keeps its backups.
pub fn folder_for(book_path: &Path) -> PathBuf {
    book_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(FOLDER)
}

/// The name stem every backup of this book starts with (`book` for `book.duly`).
fn stem_of(book_path: &Path) -> String {
    book_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "book".to_owned())
}

fn file_name(stem: &str, at: NaiveDateTime, kind: Kind) -> String {
    format!("{stem}-{}-{}{EXTENSION}", at.format(STAMP), kind.as_str())
}

/// Reads a backup's name back: (book stem, when, kind).
fn parse_name(name: &str) -> Option<(&str, NaiveDateTime, Kind)> {
    let rest = name.strip_suffix(EXTENSION)?;
    Kind::ALL.into_iter().find_map(|kind| {
        let rest = rest.strip_suffix(kind.as_str())?.strip_suffix('-')?;
        let split = rest.len().checked_sub(STAMP_LEN)?;
        let (stem, stamp) = (rest.get(..split)?, rest.get(split..)?);
        let stem = stem.strip_suffix('-')?;
        let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
        Some((stem, at, kind))
    })
}

/// Copies the whole book, as of one moment, to `dest` (replaced if it
/// exists). The copy is a self-contained file (rollback journal, not WAL), so
/// it can be moved or mailed on its own.
fn copy(source: &Connection, dest: &Path) -> Result<()> {
    let mut partial = dest.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let cannot = |e: &dyn std::fmt::Display| {
        StoreError::File(format!(
            "Could not write the backup {}: {e}",
            dest.display()
        ))
    };
    remove_if_present(&partial).map_err(|e| cannot(&e))?;
    let written = (|| {
        let mut out = Connection::open(&partial)?;
        copy_pages(source, &mut out)?;
        // The copied header says WAL, like the book; a backup is one file.
        out.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        verify(&out, dest)
    })();
    if let Err(error) = written {
        // A copy that did not check out is never left to be restored.
        let _ = remove_if_present(&partial);
        return Err(error);
    }
    std::fs::rename(&partial, dest).map_err(|e| cannot(&e))
}

/// A backup is only kept once SQLite has read all of it back and found it
/// whole (`PRAGMA integrity_check` on the copy), so a restore never meets a
/// backup that was damaged as it was written (a failing disk, a full one).
fn verify(copy: &Connection, dest: &Path) -> Result<()> {
    let said: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if said == "ok" {
        Ok(())
    } else {
        Err(StoreError::File(format!(
            "The backup {} did not check out after it was written (SQLite reports: {said}), so it was not kept; the book itself is unchanged. Check the disk, then back up again.",
            dest.display()
        )))
    }
}

/// Runs the online backup from `from` into `to` to completion, waiting out a
/// writer that holds the book for a moment (up to ten seconds, as the book's
/// own busy timeout does).
fn copy_pages(from: &Connection, to: &mut Connection) -> Result<()> {
    let backup = Backup::new(from, to)?;
    for _ in 0..200 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            // More, Busy or Locked: a writer has the book for a moment.
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    Err(StoreError::File(
        "The book stayed busy; the backup was not made. Try again in a moment.".into(),
    ))
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Makes a backup of the book open on `conn` (at `book_path`) of the given
/// kind, stamped `at`, in the folder beside it, and returns it.
pub(crate) fn make_beside(
    conn: &Connection,
    book_path: &Path,
    kind: Kind,
    at: NaiveDateTime,
) -> Result<BackupFile> {
    let folder = folder_for(book_path);
    std::fs::create_dir_all(&folder).map_err(|e| {
        StoreError::File(format!(
            "Could not create the backup folder {}: {e}",
            folder.display()
        ))
    })?;
    let path = folder.join(file_name(&stem_of(book_path), at, kind));
    copy(conn, &path)?;
    Ok(BackupFile { path, at, kind })
}

/// Called by `Book::open` before it migrates: an existing book about to be
/// upgraded is backed up first, so a failed or unwanted upgrade can be undone.
/// A new file (version 0) has nothing to keep.
///
/// The file name carries the wall-clock time because `Book::open` is given
/// no clock; it is a label on a file, not a fact of the books.
pub(crate) fn before_migration(conn: &Connection, book_path: &Path) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version <= 0 || version >= schema_version() as i64 {
        return Ok(());
    }
    let now = chrono::Local::now().naive_local();
    make_beside(conn, book_path, Kind::BeforeMigration, now).map(|_| ())
}

/// Every backup of the book at `book_path`, newest first. A missing folder
/// means none yet.
pub fn list(book_path: &Path) -> Result<Vec<BackupFile>> {
    let folder = folder_for(book_path);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(StoreError::File(format!(
                "Could not read the backup folder {}: {e}",
                folder.display()
            )))
        }
    };
    let stem = stem_of(book_path);
    let mut found: Vec<BackupFile> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let (of, at, kind) = parse_name(&name)?;
            (of == stem).then(|| BackupFile {
                path: entry.path(),
                at,
                kind,
            })
        })
        .collect();
    found.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.path.cmp(&a.path)));
    Ok(found)
}

/// Deletes the daily backups [`rotation::to_keep`] lets go; returns them.
pub fn rotate(book_path: &Path) -> Result<Vec<PathBuf>> {
    let daily: Vec<BackupFile> = list(book_path)?
        .into_iter()
        .filter(|b| b.kind == Kind::Daily)
        .collect();
    let dates: Vec<_> = daily.iter().map(|b| b.at.date()).collect();
    let keep = rotation::to_keep(&dates);
    let mut kept_days = std::collections::BTreeSet::new();
    let mut removed = Vec::new();
    // Newest first: the first backup of a kept day stays, any other goes.
    for b in daily {
        let day = b.at.date();
        if keep.contains(&day) && kept_days.insert(day) {
            continue;
        }
        std::fs::remove_file(&b.path).map_err(|e| {
            StoreError::File(format!(
                "Could not remove the old backup {}: {e}",
                b.path.display()
            ))
        })?;
        removed.push(b.path);
    }
    Ok(removed)
}

/// What a file offered for restoring holds, once it passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restorable {
    pub schema_version: usize,
    pub customers: i64,
    pub invoices: i64,
}

/// Checks a file before anything is replaced: SQLite says it is intact
/// (`PRAGMA integrity_check` = ok), it is a Duly book, and this version of
/// Duly can read it (its schema is not newer than ours). Opened read-only.
pub fn check(path: &Path) -> Result<Restorable> {
    let not_a_book = || {
        StoreError::File(format!(
            "{} is not a Duly book (or it is damaged); nothing was changed.",
            path.display()
        ))
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|_| not_a_book())?;
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| not_a_book())?;
    if integrity != "ok" {
        return Err(StoreError::File(format!(
            "{} is damaged (SQLite reports: {integrity}); nothing was changed.",
            path.display()
        )));
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|_| not_a_book())?;
    if version > schema_version() as i64 {
        return Err(StoreError::File(format!(
            "{} was written by a newer version of Duly; update Duly to restore it. Nothing was changed.",
            path.display()
        )));
    }
    let tables: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'
             AND name IN ('business_profile', 'number_sequences', 'customers', 'invoices')",
            [],
            |r| r.get(0),
        )
        .map_err(|_| not_a_book())?;
    let schema_version = match usize::try_from(version) {
        Ok(v) if v > 0 && tables == 4 => v,
        _ => return Err(not_a_book()),
    };
    let (customers, invoices) = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM customers),
                    (SELECT COUNT(*) FROM invoices WHERE state <> 'draft')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|_| not_a_book())?;
    Ok(Restorable {
        schema_version,
        customers,
        invoices,
    })
}

/// The newest backup of the book at `book_path` that passes [`check`]
/// (intact, a Duly book, readable by this Duly), with what it holds. Older
/// ones are tried in turn when a newer one fails; `None` when none passes.
pub fn newest_good(book_path: &Path) -> Option<(BackupFile, Restorable)> {
    list(book_path)
        .ok()?
        .into_iter()
        .find_map(|b| check(&b.path).ok().map(|found| (b, found)))
}

/// Moves a book that cannot be opened out of the way, with its `-wal` and
/// `-shm`, to `<book>-set-aside-<when>.duly` beside it, so a backup can take
/// its place while nothing of it is lost. Returns the new name of the book.
pub fn set_aside(book_path: &Path, at: NaiveDateTime) -> Result<PathBuf> {
    let name = format!(
        "{}-set-aside-{}{EXTENSION}",
        stem_of(book_path),
        at.format(STAMP)
    );
    let aside = book_path.with_file_name(name);
    for suffix in ["", "-wal", "-shm"] {
        let (from, to) = (beside(book_path, suffix), beside(&aside, suffix));
        match std::fs::rename(from, to) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(StoreError::File(format!(
                    "Could not move {} aside to make room for the backup: {e}",
                    book_path.display()
                )))
            }
        }
    }
    Ok(aside)
}

/// Writes the content of `source` over the (closed) book at `book_path`,
/// through the backup API: SQLite replaces the pages in one transaction, so
/// a crash midway leaves the old book, never a mix. Call [`check`] first.
pub fn install(source: &Path, book_path: &Path) -> Result<()> {
    let from = Connection::open_with_flags(
        source,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let mut to = Connection::open(book_path)?;
    to.busy_timeout(Duration::from_secs(10))?;
    // A WAL destination must match the source's page size; a rollback
    // journal has no such limit. `Book::open` turns WAL back on.
    to.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    copy_pages(&from, &mut to)
}

#[cfg(test)]
mod tests {
    use super::*;
    // The tests drive backups through the book, as the app does.
    use crate::book::Book;
    use crate::fault::Fault;
    use chrono::NaiveDate;

    fn at(d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .and_then(|x| x.and_hms_opt(h, 5, 9))
            .expect("valid")
    }

    fn book_with_customer(path: &Path, company: &str) -> Book {
        let mut book = Book::open(path).expect("open");
        book.write(|tx| {
            tx.execute(
                "INSERT INTO customers (company, created_at, updated_at) VALUES (?1, '', '')",
                [company],
            )?;
            Ok(())
        })
        .expect("write");
        book
    }

    fn companies(path: &Path) -> Vec<String> {
        let conn = Connection::open(path).expect("open");
        let mut stmt = conn
            .prepare("SELECT company FROM customers ORDER BY id")
            .expect("prepare");
        let rows = stmt.query_map([], |r| r.get(0)).expect("query");
        rows.collect::<rusqlite::Result<_>>().expect("rows")
    }

    #[test]
    fn names_say_book_time_and_kind_and_read_back() {
        for kind in Kind::ALL {
            let name = file_name("my-book", at(25, 10), kind);
            assert_eq!(parse_name(&name), Some(("my-book", at(25, 10), kind)));
        }
        assert_eq!(
            file_name("book", at(25, 10), Kind::Daily),
            "book-2026-11-25T100509-daily.duly"
        );
        for junk in [
            "book.duly",
            "book-daily.duly",
            "book-2026-11-25T100509-daily.duly.partial",
            "book-2026-13-25T100509-daily.duly",
            "-2026-11-25T100509-weekly.duly",
        ] {
            assert_eq!(parse_name(junk), None, "{junk}");
        }
    }

    #[test]
    fn a_backup_is_a_complete_single_file_copy_of_a_wal_book() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("book.duly");
        let book = book_with_customer(&path, "Kept Ltd");
        // The customer may still be only in the WAL: the backup must have it.
        let made = book.back_up(Kind::Manual, at(25, 10)).expect("backup");
        assert_eq!(
            made.path,
            dir.path()
                .join("backups/book-2026-11-25T100509-manual.duly")
        );
        assert_eq!(companies(&made.path), ["Kept Ltd"]);
        let conn = Connection::open(&made.path).expect("open copy");
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "delete");
        assert_eq!(check(&made.path).expect("restorable").customers, 1);
        assert_eq!(list(&path).expect("list"), [made]);
    }

    #[test]
    fn opening_an_older_book_backs_it_up_before_migrating_and_a_new_one_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("book.duly");
        {
            let mut conn = Connection::open(&path).expect("open");
            rusqlite_migration::Migrations::new(vec![rusqlite_migration::M::up(include_str!(
                "../migrations/0001_foundation.sql"
            ))])
            .to_latest(&mut conn)
            .expect("version 1");
            conn.execute(
                "INSERT INTO customers (company, created_at, updated_at) VALUES ('Old', '', '')",
                [],
            )
            .expect("old data");
        }
        drop(Book::open(&path).expect("upgrade"));
        let made = list(&path).expect("list");
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].kind, Kind::BeforeMigration);
        let version: i64 = Connection::open(&made[0].path)
            .and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)))
            .expect("version");
        assert_eq!(version, 1, "the backup is the book before the upgrade");
        assert_eq!(companies(&made[0].path), ["Old"]);
        drop(Book::open(&path).expect("reopen"));
        drop(Book::open(&dir.path().join("new.duly")).expect("new"));
        assert_eq!(list(&path).expect("list").len(), 1, "up to date: no backup");
        assert!(list(&dir.path().join("new.duly")).expect("list").is_empty());
    }

    #[test]
    fn rotation_removes_only_daily_backups_it_does_not_keep() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("book.duly");
        let book = book_with_customer(&path, "A");
        for d in 1..=12 {
            book.back_up(Kind::Daily, at(d, 9)).expect("daily");
        }
        book.back_up(Kind::Daily, at(12, 15))
            .expect("second that day");
        book.back_up(Kind::Manual, at(1, 8)).expect("manual");
        let removed = rotate(&path).expect("rotate");
        let left = list(&path).expect("list");
        let dailies: Vec<u32> = left
            .iter()
            .filter(|b| b.kind == Kind::Daily)
            .map(|b| chrono::Datelike::day(&b.at.date()))
            .collect();
        // 7 days (12 … 6); the newest of ISO weeks 45 (Nov 8) and 44 (Nov 1);
        // Nov 1 is also in the month — and the extra backup of the 12th goes.
        assert_eq!(dailies, [12, 11, 10, 9, 8, 7, 6, 1]);
        assert_eq!(removed.len(), 13 - 8);
        assert!(left.iter().any(|b| b.kind == Kind::Manual));
    }

    #[test]
    fn only_intact_duly_books_that_are_not_newer_pass_the_check() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = dir.path().join("notes.duly");
        std::fs::write(&text, "not a database at all").expect("write");
        let other = dir.path().join("other.sqlite");
        Connection::open(&other)
            .and_then(|c| c.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;"))
            .expect("other db");
        let newer = dir.path().join("newer.duly");
        drop(book_with_customer(&newer, "Future"));
        Connection::open(&newer)
            .and_then(|c| c.pragma_update(None, "user_version", schema_version() as i64 + 1))
            .expect("bump");
        let torn = dir.path().join("torn.duly");
        drop(book_with_customer(&torn, "Torn"));
        let bytes = std::fs::read(&torn).expect("read");
        std::fs::write(&torn, &bytes[..bytes.len() / 2]).expect("truncate");
        for (file, words) in [
            (&text, "not a Duly book"),
            (&other, "not a Duly book"),
            (&newer, "newer version of Duly"),
            (&torn, "damaged"),
            (&dir.path().join("missing.duly"), "not a Duly book"),
        ] {
            let err = check(file).expect_err("refused").to_string();
            assert!(err.contains(words), "{}: {err}", file.display());
        }
    }

    #[test]
    fn restore_keeps_the_replaced_book_and_puts_it_back_on_failure() {
        let dir = tempfile::tempdir().expect("tempdir");
        let source = dir.path().join("old.duly");
        drop(book_with_customer(&source, "From the backup"));
        let path = dir.path().join("book.duly");
        let mut book = book_with_customer(&path, "Current");
        let kept = book.restore_from(&source, at(25, 11)).expect("restore");
        assert_eq!(kept.kind, Kind::BeforeRestore);
        assert_eq!(companies(&kept.path), ["Current"]);
        let read = |book: &mut Book| -> String {
            book.read(|tx| Ok(tx.query_row("SELECT company FROM customers", [], |r| r.get(0))?))
                .expect("read")
        };
        assert_eq!(read(&mut book), "From the backup".to_owned());
        let junk = dir.path().join("junk.duly");
        std::fs::write(&junk, "not a database at all").expect("write");
        book.restore_from(&junk, at(25, 12)).expect_err("junk");
        assert_eq!(read(&mut book), "From the backup".to_owned());
        book.write(|tx| Ok(tx.execute("DELETE FROM customers", [])?))
            .expect("the book is writable again");
    }

    #[test]
    fn install_replaces_the_content_of_a_closed_book() {
        let dir = tempfile::tempdir().expect("tempdir");
        let old = dir.path().join("old.duly");
        drop(book_with_customer(&old, "From the backup"));
        let path = dir.path().join("book.duly");
        drop(book_with_customer(&path, "Current"));
        install(&old, &path).expect("install");
        assert_eq!(companies(&path), ["From the backup"]);
        let mut reopened = Book::open(&path).expect("reopen");
        let mode: String = reopened
            .read(|tx| Ok(tx.query_row("PRAGMA journal_mode", [], |r| r.get(0))?))
            .expect("mode");
        assert_eq!(mode, "wal");
    }

    #[test]
    fn a_copy_that_does_not_check_out_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("copy.duly");
        {
            let conn = Connection::open(&path).expect("open");
            conn.execute_batch(
                "CREATE TABLE t(x TEXT); CREATE INDEX t_x ON t(x);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                 INSERT INTO t SELECT printf('row %08d', i) FROM n;",
            )
            .expect("fill");
            verify(&conn, &path).expect("a whole copy checks out");
        }
        // Damage the pages after the first: what a failing disk might leave.
        let mut bytes = std::fs::read(&path).expect("read");
        for b in bytes.iter_mut().skip(4096 * 2).step_by(7).take(4000) {
            *b ^= 0x5A;
        }
        std::fs::write(&path, &bytes).expect("write");
        let conn = Connection::open(&path).expect("open");
        match verify(&conn, &path) {
            Err(StoreError::File(message)) => {
                assert!(message.contains("did not check out"), "{message}")
            }
            // SQLite may also refuse the damaged pages outright.
            Err(StoreError::Fault(Fault::Damaged { .. })) => {}
            other => panic!("a damaged copy was accepted: {other:?}"),
        }
    }
}
