//! What can be wrong with the storage under a book, in the owner's words.
//!
//! SQLite reports a full disk, a read-only file or a damaged page as a
//! result code; the owner needs to know what happened, that nothing was
//! lost, and what to do. Each [`Fault`] is one such case. The checks made
//! before a book is opened ([`crate::Book::open`]) and the SQLite codes met
//! while it is in use both end here, so the window shows one message per
//! case wherever it arises.

use std::fmt;
use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;
use serde::Serialize;

use crate::lock::Holder;

/// One thing wrong with a book's file or the disk under it. Nothing was
/// written when one is returned: a failed write leaves the book as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// The book's folder is not there (a drive not connected, a folder
    /// moved). Duly does not create it: the book is somewhere else.
    FolderMissing { folder: PathBuf },
    /// The folder is there but the book is not (the wrong drive, a book
    /// moved): Duly does not make a new, empty one in its place.
    BookMissing,
    /// The file is not a Duly book (another program's file, or not SQLite).
    NotABook,
    /// SQLite cannot read the book whole: truncated or damaged pages.
    Damaged { detail: String },
    /// A newer Duly changed the book's format; this one cannot read it.
    Newer { found: i64, reads: usize },
    /// The file or its folder may not be written.
    ReadOnly,
    /// Another Duly has the book open (another window, session or user).
    InUse { holder: Option<Holder> },
    /// The disk is full.
    Full,
    /// Another program held the book locked for longer than Duly waits.
    Busy,
    /// The disk failed to read or write.
    Io { detail: String },
}

impl Fault {
    /// The fault a SQLite error stands for, if it is one of the storage
    /// cases above (not a constraint or a query mistake).
    pub fn of(error: &rusqlite::Error) -> Option<Fault> {
        let rusqlite::Error::SqliteFailure(failure, message) = error else {
            return None;
        };
        let detail = || message.clone().unwrap_or_else(|| failure.to_string());
        Some(match failure.code {
            ErrorCode::DiskFull => Fault::Full,
            ErrorCode::ReadOnly => Fault::ReadOnly,
            ErrorCode::NotADatabase => Fault::NotABook,
            ErrorCode::DatabaseCorrupt => Fault::Damaged { detail: detail() },
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Fault::Busy,
            ErrorCode::SystemIoFailure | ErrorCode::CannotOpen => Fault::Io { detail: detail() },
            _ => return None,
        })
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::FolderMissing { folder } => write!(
                f,
                "The folder {} is not there: a drive that is not connected, or a folder that was moved or renamed. Duly created nothing.",
                folder.display()
            ),
            Fault::BookMissing => write!(
                f,
                "The folder is there, but the book is not in it. Duly created nothing: if the book is on another drive, connect it and try again."
            ),
            Fault::NotABook => write!(f, "This file is not a Duly book. Duly left it as it was."),
            Fault::Damaged { detail } => write!(
                f,
                "Duly cannot read all of this book: {detail}. Duly changed nothing in it."
            ),
            Fault::Newer { found, reads } => write!(
                f,
                "This book was saved by a newer version of Duly (its format {found}; this one reads up to {reads}). Install the newest Duly, then open the book again; nothing in it was changed."
            ),
            Fault::ReadOnly => write!(
                f,
                "Duly may not write to this book: its file or folder is marked read-only. Nothing was changed."
            ),
            Fault::InUse { holder: Some(holder) } => write!(
                f,
                "This book is open in another Duly ({holder}). Two Dulys writing one book could give one invoice number twice, so this one will not write to it."
            ),
            Fault::InUse { holder: None } => write!(
                f,
                "This book is open in another Duly. Two Dulys writing one book could give one invoice number twice, so this one will not write to it."
            ),
            Fault::Full => write!(
                f,
                "The disk holding the book is full: nothing was saved, and the book is as it was. Free some space, then try again."
            ),
            Fault::Busy => write!(
                f,
                "Another program kept the book locked for more than 10 seconds: nothing was saved. Try again."
            ),
            Fault::Io { detail } => write!(
                f,
                "The disk could not read or write the book ({detail}): nothing was saved."
            ),
        }
    }
}

/// SQLite's file header begins with these 16 bytes.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What can be told from the file before SQLite opens it: the folder is
/// there, the file (if any, and not empty) is SQLite's and as long as its
/// header says, and neither it nor its folder is marked read-only. The mode
/// bits are read rather than trusting a failed write, so a book marked
/// read-only stays so even for an administrator, whom the OS would let write.
///
/// Returns whether SQLite must also read the book through once open
/// ([`check_whole`]): when the file is shorter than its header says but a
/// WAL is beside it, the WAL may complete it (a checkpoint cut by a crash)
/// or not (a file cut short while Duly was closed uncleanly).
pub(crate) fn check_file(path: &Path) -> Result<bool, Fault> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    match std::fs::metadata(&folder) {
        Ok(m) if m.is_dir() => {
            if m.permissions().readonly() {
                return Err(Fault::ReadOnly);
            }
        }
        _ => return Err(Fault::FolderMissing { folder }),
    }
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => {
            return Err(Fault::Io {
                detail: e.to_string(),
            })
        }
    };
    if !meta.is_file() {
        return Err(Fault::NotABook);
    }
    if meta.permissions().readonly() {
        return Err(Fault::ReadOnly);
    }
    if meta.len() == 0 {
        // SQLite makes an empty file into a new book.
        return Ok(false);
    }
    let mut start = Vec::with_capacity(100);
    std::fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, 100), &mut start))
        .map_err(|e| Fault::Io {
            detail: e.to_string(),
        })?;
    let read = start.len();
    let mut header = [0u8; 100];
    header[..read].copy_from_slice(&start);
    if read < MAGIC.len() || &header[..MAGIC.len()] != MAGIC {
        return Err(Fault::NotABook);
    }
    if read < header.len() {
        return Err(Fault::Damaged {
            detail: format!("it stops after {read} bytes, inside its header"),
        });
    }
    match size_in_header(&header) {
        Some(expected) if meta.len() < expected && has_wal(path) => Ok(true),
        Some(expected) if meta.len() < expected => Err(Fault::Damaged {
            detail: format!(
                "it was cut short ({} of its {expected} bytes are there)",
                meta.len()
            ),
        }),
        _ => Ok(false),
    }
}

/// Has SQLite read the whole book (`PRAGMA quick_check`), for a book
/// [`check_file`] could not vouch for. Reads only.
pub(crate) fn check_whole(conn: &rusqlite::Connection) -> crate::Result<()> {
    let found: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
    if found != "ok" {
        return Err(crate::StoreError::Fault(Fault::Damaged {
            detail: format!("it was cut short or overwritten (SQLite reports: {found})"),
        }));
    }
    Ok(())
}

fn has_wal(path: &Path) -> bool {
    std::fs::metadata(crate::book::beside(path, "-wal")).is_ok_and(|m| m.len() > 0)
}

/// The database size the header records (page size × page count), when the
/// header says that count is current: it is only if the "version valid
/// for" number matches the change counter (SQLite file format, §1.3.7).
fn size_in_header(header: &[u8; 100]) -> Option<u64> {
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(be32(28));
    (be32(24) == be32(92) && pages > 0).then_some(page_size * pages)
}

/// What can be told once SQLite has the file: it is a Duly book (or a new,
/// empty file), and not from a newer Duly. Reads only.
pub(crate) fn check_contents(conn: &rusqlite::Connection, reads: usize) -> crate::Result<()> {
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        return Err(crate::StoreError::Fault(Fault::ReadOnly));
    }
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > reads as i64 {
        return Err(crate::StoreError::Fault(Fault::Newer { found, reads }));
    }
    if found == 0 {
        // A book at format 0 is new and empty; tables mean another program's file.
        let tables: i64 = conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))?;
        if tables > 0 {
            return Err(crate::StoreError::Fault(Fault::NotABook));
        }
    }
    Ok(())
}
