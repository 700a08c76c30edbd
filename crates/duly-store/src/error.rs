//! Store errors: a domain refusal, or something wrong with the book file.

use duly_core::DomainError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The domain refused the change; nothing was written.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// SQLite failed (disk full, locked too long, a constraint the domain
    /// should have caught).
    #[error("the book could not be read or written: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the book could not be brought up to date: {0}")]
    Migration(#[from] rusqlite_migration::Error),
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

impl StoreError {
    pub fn not_found(what: impl Into<String>) -> Self {
        StoreError::Domain(DomainError::NotFound(what.into()))
    }
}
