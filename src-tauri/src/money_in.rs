//! Money in: the bank statement commands. The file is chosen and read on
//! the Rust side, and the statement is kept here between the review and
//! the owner's confirmation, so what is confirmed is exactly what the bank
//! wrote: the page sends back only its decisions.

use std::sync::Mutex;

use duly_app::bank_import::{self, Decision, Opened, Receipt, Review, Statement};
use duly_app::imports::{Mapping, Table, TableView};
use duly_core::DomainError;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::data::{blocking, refused};
use crate::error::{Error, Result};
use crate::files;
use crate::state::AppState;

/// The statement being reviewed, or the CSV export being mapped.
#[derive(Default)]
pub struct Pending {
    statement: Mutex<Option<Statement>>,
    table: Mutex<Option<(String, Table)>>,
}

fn hold<T>(slot: &Mutex<T>) -> Result<std::sync::MutexGuard<'_, T>> {
    slot.lock()
        .map_err(|_| Error::shell("An earlier failure left this unusable; restart Duly."))
}

/// What choosing a file led to.
#[derive(Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Chosen {
    /// A CSV export: say what its columns hold first.
    Map {
        view: TableView,
    },
    Review {
        review: Review,
    },
}

async fn review(state: &AppState, pending: &Pending, statement: Statement) -> Result<Review> {
    let kept = statement.clone();
    let review = state
        .run(move |book, now| bank_import::review(book, &statement, now.date()))
        .await?;
    *hold(&pending.statement)? = Some(kept);
    Ok(review)
}

/// Step 1: choose a statement file and read it. `None` if cancelled.
#[tauri::command]
pub async fn choose_bank_statement(
    app: AppHandle,
    state: State<'_, AppState>,
    pending: State<'_, Pending>,
) -> Result<Option<Chosen>> {
    let opened = blocking(move || {
        let extensions = ["xml", "camt", "053", "054", "ofx", "qfx", "csv", "txt"];
        let Some(path) = files::pick(&app, "Bank statement", &extensions, None)? else {
            return Ok(None);
        };
        let (name, bytes) = files::read_picked(
            &path,
            bank_import::MAX_BYTES,
            "That file is larger than 10 MB; is it really a bank statement?",
        )?;
        Ok(Some((
            name.clone(),
            bank_import::open(&name, &bytes).map_err(refused)?,
        )))
    })
    .await?;
    *hold(&pending.statement)? = None;
    *hold(&pending.table)? = None;
    match opened {
        None => Ok(None),
        Some((name, Opened::Table(table))) => {
            let view = bank_import::describe(&name, &table);
            *hold(&pending.table)? = Some((name, table));
            Ok(Some(Chosen::Map { view }))
        }
        Some((_, Opened::Statement(statement))) => Ok(Some(Chosen::Review {
            review: review(&state, &pending, statement).await?,
        })),
    }
}

/// Step 1b, for a CSV export: read its rows with the owner's column choices.
#[tauri::command]
pub async fn map_bank_statement(
    state: State<'_, AppState>,
    pending: State<'_, Pending>,
    mapping: Mapping,
) -> Result<Review> {
    let Some((name, table)) = hold(&pending.table)?.clone() else {
        return Err(refused(DomainError::field(
            "file",
            "Choose the statement file first.",
        )));
    };
    let statement = state
        .run(move |book, _| bank_import::from_table(book, &name, &table, &mapping))
        .await?;
    review(&state, &pending, statement).await
}

/// Step 2: record what the owner confirmed, changed or skipped, all or nothing.
#[tauri::command]
pub async fn confirm_bank_statement(
    state: State<'_, AppState>,
    pending: State<'_, Pending>,
    decisions: Vec<Decision>,
) -> Result<Receipt> {
    let Some(statement) = hold(&pending.statement)?.clone() else {
        return Err(refused(DomainError::field(
            "file",
            "Choose the statement file first.",
        )));
    };
    let receipt = state
        .run(move |book, now| bank_import::confirm(book, &statement, &decisions, now))
        .await?;
    *hold(&pending.statement)? = None;
    *hold(&pending.table)? = None;
    Ok(receipt)
}
