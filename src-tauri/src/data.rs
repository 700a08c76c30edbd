//! "Your data" commands: backups and restore, CSV export and import, and
//! the audit trail. Each forwards to `duly_app`; what is here is only what a
//! window needs: the native file dialogs (on the Rust side, so the page never
//! sends a path) and the file chosen between two steps of a flow (the backup
//! to restore, the CSV being mapped), kept here rather than sent back and
//! forth through the page.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use duly_app::audit::{self, AuditEntry, Subject};
use duly_app::backups::{self, BackupStatus, Candidate, RestoreReport};
use duly_app::exports::{self, Export};
use duly_app::imports::{
    self, table, ImportKind, ImportReport, Mapping, Preview, Table, TableView,
};
use duly_app::page::{Page, Span};
use duly_app::AppError;
use duly_core::DomainError;
use tauri::{AppHandle, State};

use crate::error::{Error, Result};
use crate::files;
use crate::state::AppState;

/// Files chosen in the first step of a two-step flow.
#[derive(Default)]
pub struct Chosen {
    restore: Mutex<Option<PathBuf>>,
    import: Mutex<Option<(ImportKind, Table)>>,
}

fn hold<T>(slot: &Mutex<T>) -> Result<std::sync::MutexGuard<'_, T>> {
    slot.lock()
        .map_err(|_| Error::shell("An earlier failure left this unusable; restart Duly."))
}

/// Runs a blocking step (a native dialog, reading a file) off the UI thread.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| Error::shell(format!("The command stopped unexpectedly: {e}")))?
}

/// A refusal, as the window receives it.
pub(crate) fn refused(e: DomainError) -> Error {
    Error::from(AppError::from(e))
}

/// The rule is duly-app's (`backups::ensure_own_book`); the shell knows
/// which book is open.
async fn own_book_only(state: &AppState) -> Result<()> {
    let (demo, read_only) = state.kind().await?;
    backups::ensure_own_book(demo)?;
    match read_only {
        // Backing up or restoring is for the Duly that has the book open.
        Some(_) => Err(refused(DomainError::NotAllowed(
            "This book is open read-only here: back it up or restore it in the Duly that can write to it."
                .into(),
        ))),
        None => Ok(()),
    }
}

#[tauri::command]
pub async fn backup_status(state: State<'_, AppState>) -> Result<BackupStatus> {
    state.run(|book, _| backups::status(book)).await
}

#[tauri::command]
pub async fn back_up_now(state: State<'_, AppState>) -> Result<BackupStatus> {
    own_book_only(&state).await?;
    state.run(backups::back_up_now).await
}

/// Step 1 of a restore: choose a file (the dialog opens in the backup
/// folder) and check it; nothing is replaced yet. `None` if cancelled.
#[tauri::command]
pub async fn choose_backup(
    app: AppHandle,
    state: State<'_, AppState>,
    chosen: State<'_, Chosen>,
) -> Result<Option<Candidate>> {
    own_book_only(&state).await?;
    let folder = state.run(|book, _| backups::status(book)).await?.folder;
    let picked =
        blocking(move || files::pick(&app, "Duly book", &["duly"], Some(Path::new(&folder))))
            .await?;
    let Some(path) = picked else { return Ok(None) };
    let found = {
        let path = path.clone();
        blocking(move || backups::inspect(&path).map_err(Error::from)).await?
    };
    *hold(&chosen.restore)? = Some(path);
    Ok(Some(found))
}

/// Step 2: replace the book with the chosen backup (checked again), keeping
/// the replaced book as a backup.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    chosen: State<'_, Chosen>,
) -> Result<RestoreReport> {
    own_book_only(&state).await?;
    let source = hold(&chosen.restore)?.take().ok_or_else(|| {
        refused(DomainError::NotAllowed(
            "Choose the backup to restore first.".into(),
        ))
    })?;
    state
        .run_after_backup(move |book, now| backups::restore(book, &source, now))
        .await
}

/// Saves one of the CSV exports where the owner chooses; the path, or
/// `None` if cancelled.
#[tauri::command]
pub async fn export_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    what: Export,
) -> Result<Option<String>> {
    let (bytes, name) = state
        .run(move |book, now| Ok((exports::csv(book, what, now)?, what.file_name(now.date()))))
        .await?;
    blocking(move || files::save(&app, &name, "CSV", "csv", &bytes))
        .await
        .map(|p| p.map(|p| p.display().to_string()))
}

/// Import step 1: choose a CSV file, read it, and suggest what each column
/// is. `None` if cancelled.
#[tauri::command]
pub async fn choose_import_file(
    app: AppHandle,
    chosen: State<'_, Chosen>,
    kind: ImportKind,
) -> Result<Option<TableView>> {
    let picked = blocking(move || {
        let Some(path) = files::pick(&app, "CSV", &["csv", "txt", "tsv"], None)? else {
            return Ok(None);
        };
        let (name, bytes) = files::read_picked(
            &path,
            table::MAX_BYTES,
            "That file is larger than 10 MB; is it really a CSV file?",
        )?;
        Ok(Some((name, table::read(&bytes).map_err(refused)?)))
    })
    .await?;
    let Some((name, table)) = picked else {
        return Ok(None);
    };
    let view = imports::describe(kind, &name, &table);
    *hold(&chosen.import)? = Some((kind, table));
    Ok(Some(view))
}

/// The chosen file, if it was chosen for this kind of import.
fn chosen_table(chosen: &Chosen, kind: ImportKind) -> Result<Table> {
    match hold(&chosen.import)?.as_ref() {
        Some((k, table)) if *k == kind => Ok(table.clone()),
        _ => Err(refused(DomainError::field(
            "file",
            "Choose the file to import first.",
        ))),
    }
}

/// Import step 2: the dry run with the owner's column choices.
#[tauri::command]
pub async fn preview_import(
    state: State<'_, AppState>,
    chosen: State<'_, Chosen>,
    kind: ImportKind,
    mapping: Mapping,
) -> Result<Preview> {
    let table = chosen_table(&chosen, kind)?;
    state
        .run(move |book, _| imports::preview(book, kind, &table, &mapping))
        .await
}

/// Import step 3: everything or nothing, in one transaction.
#[tauri::command]
pub async fn run_import(
    state: State<'_, AppState>,
    chosen: State<'_, Chosen>,
    kind: ImportKind,
    mapping: Mapping,
) -> Result<ImportReport> {
    let table = chosen_table(&chosen, kind)?;
    let report = state
        .run(move |book, now| imports::run(book, kind, &table, &mapping, now))
        .await?;
    *hold(&chosen.import)? = None;
    Ok(report)
}

#[tauri::command]
pub async fn audit_trail(
    state: State<'_, AppState>,
    subject: Subject,
    id: i64,
    span: Span,
) -> Result<Page<AuditEntry>> {
    state
        .run(move |book, _| audit::trail(book, subject, id, span))
        .await
}
