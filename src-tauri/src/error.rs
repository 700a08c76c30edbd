//! Errors as the window receives them: `{kind, message, fields}`.

use duly_app::{AppError, ErrorKind};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Error(AppError);

impl From<AppError> for Error {
    fn from(e: AppError) -> Self {
        Error(e)
    }
}

impl Error {
    /// A failure of the shell itself (a worker thread that died, a file that
    /// could not be removed), reported like a storage failure.
    pub fn shell(message: impl Into<String>) -> Self {
        Error(AppError {
            kind: ErrorKind::Storage,
            message: message.into(),
            fields: Vec::new(),
        })
    }
}

pub type Result<T> = std::result::Result<T, Error>;
