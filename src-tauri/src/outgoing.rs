//! Commands for what leaves the business: PDFs (open in the system viewer, or
//! save), follow-up drafts, templates, and email (.eml or SMTP).

use duly_app::documents::{Printable, Rendered};
use duly_app::drafts::{self, DraftSubject, DraftView, TemplatePreview, ToneForm};
use duly_app::mail::{self, MailSettingsForm, MailSettingsView, OutgoingForm};
use duly_app::templates::{self, Template, TemplateKind, TemplateView, TemplatesView};
use duly_core::ladder::LadderStep;
use duly_core::tone::ToneIssue;
use tauri::{AppHandle, State};

use crate::error::{Error, Result};
use crate::files;
use crate::state::AppState;

/// Writes a rendered file to the temporary folder and opens it with the
/// system's viewer (from which the owner prints).
fn open_temp(rendered: Rendered) -> Result<()> {
    let dir = std::env::temp_dir().join("duly");
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::shell(format!("Could not prepare {}: {e}", dir.display())))?;
    let path = dir.join(&rendered.file_name);
    std::fs::write(&path, &rendered.bytes)
        .map_err(|e| Error::shell(format!("Could not write {}: {e}", path.display())))?;
    if std::env::var_os("DULY_SAVE_DIR").is_some() {
        // Scripted runs (end-to-end tests) keep the file and open nothing.
        return Ok(());
    }
    tauri_plugin_opener::open_path(&path, None::<&str>)
        .map_err(|e| Error::shell(format!("No application could open {}: {e}", path.display())))
}

/// [`open_temp`] off the UI thread.
async fn open_rendered(rendered: Rendered) -> Result<()> {
    tauri::async_runtime::spawn_blocking(move || open_temp(rendered))
        .await
        .map_err(|e| Error::shell(e.to_string()))?
}

async fn save_rendered(
    app: AppHandle,
    rendered: Rendered,
    kind: &'static str,
    ext: &'static str,
) -> Result<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || {
        files::save(&app, &rendered.file_name, kind, ext, &rendered.bytes)
    })
    .await
    .map_err(|e| Error::shell(e.to_string()))?
    .map(|p| p.map(|p| p.display().to_string()))
}

/// Saves any printable document where the owner chooses (Save PDF…, Export
/// PDF, Letter PDF…, and what the Print dialog offers when there is no
/// printer). Saving is not sending: nothing is logged.
#[tauri::command]
pub async fn save_document(
    app: AppHandle,
    state: State<'_, AppState>,
    document: Printable,
) -> Result<Option<String>> {
    let rendered = state
        .run(move |book, now| document.render(book, now))
        .await?;
    save_rendered(app, rendered, "PDF", "pdf").await
}

/// Opens any printable document with the system's viewer.
#[tauri::command]
pub async fn open_document(state: State<'_, AppState>, document: Printable) -> Result<()> {
    let rendered = state
        .run(move |book, now| document.render(book, now))
        .await?;
    open_rendered(rendered).await
}

#[tauri::command]
pub async fn draft_follow_up(
    state: State<'_, AppState>,
    customer_id: i64,
    step: Option<LadderStep>,
) -> Result<DraftView> {
    state
        .run(move |book, now| drafts::follow_up(book, customer_id, step, now))
        .await
}

#[tauri::command]
pub async fn draft_message(
    state: State<'_, AppState>,
    customer_id: i64,
    kind: TemplateKind,
    about: DraftSubject,
) -> Result<DraftView> {
    state
        .run(move |book, now| drafts::draft(book, customer_id, kind, about, now))
        .await
}

#[tauri::command]
pub async fn check_tone(state: State<'_, AppState>, form: ToneForm) -> Result<Vec<ToneIssue>> {
    state
        .run(move |book, now| drafts::check_tone(book, &form, now))
        .await
}

/// Saves the draft as a `.eml` file the mail client opens as a ready message.
#[tauri::command]
pub async fn save_eml(
    app: AppHandle,
    state: State<'_, AppState>,
    form: OutgoingForm,
) -> Result<Option<String>> {
    let draft = form.clone();
    let built = state
        .run(move |book, now| mail::build(book, &draft, now))
        .await?;
    let rendered = Rendered {
        bytes: built.eml,
        file_name: built.file_name,
    };
    let saved = save_rendered(app, rendered, "Email message", "eml").await?;
    // Logged once the file is written: a cancelled dialog leaves no trace.
    if saved.is_some() {
        state
            .run(move |book, now| mail::log_prepared(book, &form, now))
            .await?;
    }
    Ok(saved)
}

/// Opens the draft in the mail client, as a `.eml` file.
#[tauri::command]
pub async fn open_eml(state: State<'_, AppState>, form: OutgoingForm) -> Result<()> {
    let built = state
        .run(move |book, now| mail::export_eml(book, &form, now))
        .await?;
    let rendered = Rendered {
        bytes: built.eml,
        file_name: built.file_name,
    };
    open_rendered(rendered).await
}

/// Whether the draft can be sent now; asked before the confirm dialog.
#[tauri::command]
pub async fn ready_to_send(state: State<'_, AppState>, form: OutgoingForm) -> Result<()> {
    state
        .run(move |book, now| mail::ready_to_send(book, &form, now))
        .await
}

/// The owner sent a prepared draft from their mail app.
#[tauri::command]
pub async fn mark_sent(state: State<'_, AppState>, form: OutgoingForm) -> Result<i64> {
    state
        .run(move |book, now| mail::mark_sent(book, &form, now))
        .await
}

#[tauri::command]
pub async fn send_email(state: State<'_, AppState>, form: OutgoingForm) -> Result<()> {
    state
        .run(move |book, now| mail::send(book, &form, now))
        .await
}

#[tauri::command]
pub async fn mail_settings(state: State<'_, AppState>) -> Result<MailSettingsView> {
    state.run(|book, _| mail::settings(book)).await
}

#[tauri::command]
pub async fn save_mail_settings(
    state: State<'_, AppState>,
    form: MailSettingsForm,
) -> Result<MailSettingsView> {
    state
        .run(move |book, _| mail::save_settings(book, &form))
        .await
}

#[tauri::command]
pub async fn test_mail_connection(state: State<'_, AppState>) -> Result<()> {
    state.run(|book, _| mail::test_connection(book)).await
}

#[tauri::command]
pub async fn list_templates(state: State<'_, AppState>) -> Result<TemplatesView> {
    state.run(|book, _| templates::screen(book)).await
}

#[tauri::command]
pub async fn save_template(
    state: State<'_, AppState>,
    kind: TemplateKind,
    form: Template,
) -> Result<Vec<TemplateView>> {
    state
        .run(move |book, now| templates::save(book, kind, &form, now))
        .await
}

#[tauri::command]
pub async fn reset_template(
    state: State<'_, AppState>,
    kind: TemplateKind,
) -> Result<Vec<TemplateView>> {
    state.run(move |book, _| templates::reset(book, kind)).await
}

#[tauri::command]
pub async fn preview_template(
    state: State<'_, AppState>,
    customer_id: i64,
    kind: TemplateKind,
    form: Template,
) -> Result<TemplatePreview> {
    state
        .run(move |book, now| drafts::preview_template(book, customer_id, kind, &form, now))
        .await
}
