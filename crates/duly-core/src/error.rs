//! What can go wrong in the domain, in words a business owner understands.
//!
//! Every refusal names the field (or action) it concerns so the window can show
//! the message right beside it; nothing is ever half-applied.

use serde::Serialize;

/// One problem with one input field. `field` is a stable path the UI maps to an
/// input (`company`, `billing.email`, `lines[2].quantity`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// A domain refusal. `Invalid` carries every field problem found at once, so
/// the owner can fix a whole form in one go instead of one error per save.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("{}", summarize(.0))]
    Invalid(Vec<FieldError>),
    /// The action is not allowed in the document's current state
    /// (editing an issued invoice, voiding twice, …).
    #[error("{0}")]
    NotAllowed(String),
    #[error("{0}")]
    NotFound(String),
}

fn summarize(errors: &[FieldError]) -> String {
    match errors {
        [] => "The form has a problem.".to_owned(),
        [one] => one.message.clone(),
        [first, rest @ ..] => format!("{} (and {} more)", first.message, rest.len()),
    }
}

impl DomainError {
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, message)])
    }
}

/// Collects field errors while validating a whole form.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// Records the error of a parse step. On error it returns a placeholder
    /// (`T::default()`) so validation can go on and report every field; the
    /// placeholder never escapes because [`Problems::finish`] then refuses.
    pub fn take<T: Default>(&mut self, result: Result<T, FieldError>) -> T {
        match result {
            Ok(value) => value,
            Err(error) => {
                self.0.push(error);
                T::default()
            }
        }
    }

    /// `Ok(value)` when nothing was recorded, otherwise every problem at once.
    pub fn finish<T>(self, value: T) -> Result<T, DomainError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(DomainError::Invalid(self.0))
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `field` already has a problem (so a second check on the same
    /// field does not pile on a confusing extra message).
    pub fn has_problem(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }
}
