//! Saving files the user asked for. The native "Save as" dialog runs on the
//! Rust side, so the page never handles file paths at all.
//!
//! `DULY_SAVE_DIR` skips the dialog and saves into that folder: for scripted
//! use and the end-to-end tests, which cannot click a native dialog.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::error::{Error, Result};

/// Asks where to save `bytes` (suggesting `name`), writes them, and returns the
/// path; `None` if the user cancelled.
pub fn save(
    app: &AppHandle,
    name: &str,
    kind: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<Option<PathBuf>> {
    let path = match std::env::var_os("DULY_SAVE_DIR") {
        Some(dir) => Some(PathBuf::from(dir).join(name)),
        None => app
            .dialog()
            .file()
            .set_file_name(name)
            .add_filter(kind, &[extension])
            .blocking_save_file()
            .map(|p| p.into_path())
            .transpose()
            .map_err(|e| Error::shell(format!("That location cannot be used: {e}")))?,
    };
    let Some(path) = path else { return Ok(None) };
    std::fs::write(&path, bytes)
        .map_err(|e| Error::shell(format!("Could not save {}: {e}", path.display())))?;
    Ok(Some(path))
}
