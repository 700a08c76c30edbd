//! Print…: the printers the dialog offers, and a document sent to one.

use duly_app::documents::{self, Printable};
use duly_app::printers::{self, PrintForm, Printed, PrintersView};
use tauri::State;

use crate::error::{Error, Result};
use crate::state::AppState;

/// Asking the system takes a moment (it runs `lpstat`): off the UI thread.
#[tauri::command]
pub async fn list_printers() -> Result<PrintersView> {
    tauri::async_runtime::spawn_blocking(printers::list)
        .await
        .map_err(|e| Error::shell(e.to_string()))
}

/// Renders on the book's thread, then hands the PDF to the printer off it,
/// so a slow print service never holds the book.
#[tauri::command]
pub async fn print_document(
    state: State<'_, AppState>,
    document: Printable,
    form: PrintForm,
) -> Result<Printed> {
    let (rendered, paper) = state
        .run(move |book, now| Ok((document.render(book, now)?, documents::paper(book)?)))
        .await?;
    tauri::async_runtime::spawn_blocking(move || printers::print(&rendered, paper, &form))
        .await
        .map_err(|e| Error::shell(e.to_string()))?
        .map_err(Error::from)
}
