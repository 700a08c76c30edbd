//! Store errors: a domain refusal, or something wrong with the book file.

use duly_core::DomainError;

use crate::fault::Fault;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The domain refused the change; nothing was written.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The storage under the book failed (full, read-only, damaged, in
    /// use): told in the owner's words; nothing was written.
    #[error("{0}")]
    Fault(Fault),
    /// SQLite failed otherwise (a constraint the domain should have caught).
    #[error("the book could not be read or written: {0}")]
    Sqlite(rusqlite::Error),
    #[error("the book could not be brought up to date: {0}")]
    Migration(rusqlite_migration::Error),
    /// A read-only reader met a book of another schema version: it may not
    /// migrate, so it refuses rather than misread.
    #[error("the book is at schema version {found}, this program reads version {expected}; open it in Duly first")]
    OtherVersion { found: i64, expected: usize },
    /// A value in the book is not what this version of Duly wrote.
    #[error("the book holds an unreadable value in {0}")]
    Corrupt(String),
    /// A file beside the book (a backup, a file to restore from) could not be
    /// made or used; the message says which and why.
    #[error("{0}")]
    File(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A SQLite error that is a storage fault becomes [`StoreError::Fault`], so
/// every caller reports a full disk the same way.
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match Fault::of(&e) {
            Some(fault) => StoreError::Fault(fault),
            None => StoreError::Sqlite(e),
        }
    }
}

impl From<rusqlite_migration::Error> for StoreError {
    fn from(e: rusqlite_migration::Error) -> Self {
        match &e {
            rusqlite_migration::Error::RusqliteError { err, .. } => match Fault::of(err) {
                Some(fault) => StoreError::Fault(fault),
                None => StoreError::Migration(e),
            },
            _ => StoreError::Migration(e),
        }
    }
}

impl StoreError {
    /// The storage fault behind this error, if it is one.
    pub fn fault(&self) -> Option<&Fault> {
        match self {
            StoreError::Fault(fault) => Some(fault),
            _ => None,
        }
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        StoreError::Domain(DomainError::NotFound(what.into()))
    }
}
