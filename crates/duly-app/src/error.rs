//! The one error type every command returns, serialized for the window as
//! `{kind, message, fields}` so the UI can put each message beside its field.

use duly_core::{DomainError, FieldError};
use duly_store::StoreError;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Bad input; `fields` says where.
    Invalid,
    /// The action does not fit the document's state.
    NotAllowed,
    NotFound,
    /// The book could not be read or written.
    Storage,
    /// The book is open read-only (another Duly has it, or it is marked
    /// so): nothing was written.
    ReadOnly,
    /// The printer or the system's printing refused a job.
    Printing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl AppError {
    pub fn storage(message: impl Into<String>) -> Self {
        AppError {
            kind: ErrorKind::Storage,
            message: message.into(),
            fields: Vec::new(),
        }
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        let message = e.to_string();
        match e {
            DomainError::Invalid(fields) => AppError {
                kind: ErrorKind::Invalid,
                message,
                fields,
            },
            DomainError::NotAllowed(_) => AppError {
                kind: ErrorKind::NotAllowed,
                message,
                fields: Vec::new(),
            },
            DomainError::NotFound(_) => AppError {
                kind: ErrorKind::NotFound,
                message,
                fields: Vec::new(),
            },
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Domain(d) => d.into(),
            StoreError::Fault(duly_store::Fault::ReadOnly) => AppError {
                kind: ErrorKind::ReadOnly,
                message: duly_store::Fault::ReadOnly.to_string(),
                fields: Vec::new(),
            },
            other => AppError::storage(other.to_string()),
        }
    }
}

pub type Result<T> = std::result::Result<T, AppError>;
