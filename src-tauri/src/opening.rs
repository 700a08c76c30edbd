//! One Duly per book, and the ways out when a book does not open.
//!
//! A second launch of Duly on a book already open brings the open window to
//! the front (Tauri's single-instance plugin) instead of opening the book
//! twice. On Linux the plugin's D-Bus name is made from the book's path, so
//! Dulys on different books run side by side; on Windows and macOS the
//! plugin is app-wide, and a launch for another book is offered to the
//! owner in the open window. A Duly of another session or user is kept out
//! by the book's lock (`duly_store::lock`) and shown the trouble screen.

use std::path::{Path, PathBuf};

use duly_app::opening::WayOut;
use sha2::{Digest, Sha256};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::error::{Error, Result};
use crate::files;
use crate::state::{AppState, BookInfo};

/// The single-instance plugin for a Duly started on `book` (`None`: the
/// owner's usual book in the app-data folder).
pub fn single_instance<R: Runtime>(book: Option<&Path>) -> tauri::plugin::TauriPlugin<R> {
    let mut builder = tauri_plugin_single_instance::Builder::new().callback(on_second_launch);
    if let Some(book) = book {
        builder = builder.dbus_id(dbus_id(book));
    }
    builder.build()
}

/// `app.duly.desktop.b<hash of the book's full path>`: a D-Bus name may
/// hold only letters, digits and `_`, and its elements may not start with
/// a digit, so the path itself cannot be used.
fn dbus_id(book: &Path) -> String {
    let full = std::path::absolute(book).unwrap_or_else(|_| book.to_owned());
    let hash = Sha256::digest(full.as_os_str().as_encoded_bytes());
    let hex: String = hash.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("app.duly.desktop.b{hex}")
}

/// Runs in the first Duly when another is launched: the window comes to
/// the front, and a book that launch named (if not the one open) is kept
/// for the window to offer when it next looks (on gaining focus).
fn on_second_launch<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        // Each can fail only on a window that is closing; nothing to do then.
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let asked = crate::parse_args(argv.into_iter().skip(1))
        .ok()
        .and_then(|a| a.book);
    if let (Some(book), Some(state)) = (asked, app.try_state::<AppState>()) {
        let book = if book.is_relative() {
            PathBuf::from(cwd).join(book)
        } else {
            book
        };
        state.request(book);
    }
}

/// One of the ways out of the trouble screen. "Choose another book…" asks
/// for the file here, so the page never sends a path.
#[tauri::command]
pub async fn book_way_out(
    app: AppHandle,
    state: State<'_, AppState>,
    way: WayOut,
) -> Result<BookInfo> {
    let chosen = match way {
        WayOut::ChooseAnother => tauri::async_runtime::spawn_blocking(move || {
            files::pick(&app, "Duly book", &["duly"], None)
        })
        .await
        .map_err(|e| Error::shell(format!("The command stopped unexpectedly: {e}")))??,
        _ => None,
    };
    state.way_out(way, chosen).await
}

/// The owner's answer to "Open the book another launch asked for?".
#[tauri::command]
pub async fn answer_book_request(state: State<'_, AppState>, open: bool) -> Result<BookInfo> {
    state.answer_request(open).await
}
