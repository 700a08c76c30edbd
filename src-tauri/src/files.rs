//! Saving files the user asked for, and choosing files to open. The native
//! "Save as" and "Open" dialogs run on the Rust side, so the page never
//! handles file paths at all.
//!
//! `DULY_SAVE_DIR` skips the save dialog and saves into that folder, and
//! `DULY_OPEN_FILE` skips the open dialog and opens that file: for scripted
//! use and the end-to-end tests, which cannot click a native dialog.

use std::path::{Path, PathBuf};

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

/// Asks which file to open (showing `kind` files with `extensions` first,
/// in `folder` when given); `None` if the user cancelled. Only an ordinary
/// file is returned: a folder, a device or a pipe is refused.
pub fn pick(
    app: &AppHandle,
    kind: &str,
    extensions: &[&str],
    folder: Option<&Path>,
) -> Result<Option<PathBuf>> {
    let path = match std::env::var_os("DULY_OPEN_FILE") {
        Some(file) => Some(PathBuf::from(file)),
        None => {
            let mut dialog = app.dialog().file().add_filter(kind, extensions);
            if let Some(folder) = folder.filter(|f| f.is_dir()) {
                dialog = dialog.set_directory(folder);
            }
            dialog
                .blocking_pick_file()
                .map(|p| p.into_path())
                .transpose()
                .map_err(|e| Error::shell(format!("That file cannot be used: {e}")))?
        }
    };
    let Some(path) = path else { return Ok(None) };
    match std::fs::metadata(&path) {
        Ok(meta) if meta.is_file() => Ok(Some(path)),
        Ok(_) => Err(Error::shell(format!("{} is not a file.", path.display()))),
        Err(e) => Err(Error::shell(format!(
            "Could not open {}: {e}",
            path.display()
        ))),
    }
}

/// Reads a file the owner picked to import: its name and bytes, refused
/// with `too_large` beyond `max` bytes before anything is read.
pub fn read_picked(path: &Path, max: usize, too_large: &str) -> Result<(String, Vec<u8>)> {
    let size = std::fs::metadata(path).map_or(u64::MAX, |m| m.len());
    if size > max as u64 {
        return Err(Error::from(duly_app::AppError::from(
            duly_core::DomainError::field("file", too_large),
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Error::shell(format!("Could not read {}: {e}", path.display())))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, bytes))
}
