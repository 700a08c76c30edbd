//! Commands for disputes, credit notes, payment plans and extensions; each
//! forwards to `duly_app` on the blocking pool.

use duly_app::disputes::{self, CauseRow, CreditNoteForm, DisputeView, NoteForm, Outcome};
use duly_app::plans::{self, PlanView};
use duly_core::dispute::{DisputeForm, ResolveForm};
use duly_core::plan::{ExtensionForm, PlanForm};
use tauri::State;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
pub async fn open_dispute(state: State<'_, AppState>, form: DisputeForm) -> Result<DisputeView> {
    state
        .run(move |book, now| disputes::open(book, &form, now))
        .await
}

#[tauri::command]
pub async fn acknowledge_dispute(state: State<'_, AppState>, id: i64) -> Result<DisputeView> {
    state
        .run(move |book, now| disputes::acknowledge(book, id, now))
        .await
}

#[tauri::command]
pub async fn update_dispute(
    state: State<'_, AppState>,
    id: i64,
    form: NoteForm,
) -> Result<DisputeView> {
    state
        .run(move |book, now| disputes::update(book, id, &form, now))
        .await
}

#[tauri::command]
pub async fn resolve_dispute(
    state: State<'_, AppState>,
    id: i64,
    form: ResolveForm,
) -> Result<Outcome> {
    state
        .run(move |book, now| disputes::resolve(book, id, &form, now))
        .await
}

#[tauri::command]
pub async fn list_disputes(
    state: State<'_, AppState>,
    customer_id: Option<i64>,
) -> Result<Vec<DisputeView>> {
    state
        .run(move |book, now| disputes::list(book, customer_id, now))
        .await
}

#[tauri::command]
pub async fn dispute_report(state: State<'_, AppState>) -> Result<Vec<CauseRow>> {
    state.run(|book, _| disputes::report(book)).await
}

#[tauri::command]
pub async fn issue_credit_note(
    state: State<'_, AppState>,
    invoice_id: i64,
    form: CreditNoteForm,
) -> Result<String> {
    state
        .run(move |book, now| disputes::credit_note(book, invoice_id, &form, now))
        .await
}

#[tauri::command]
pub async fn create_plan(
    state: State<'_, AppState>,
    customer_id: i64,
    form: PlanForm,
) -> Result<PlanView> {
    state
        .run(move |book, now| plans::create(book, customer_id, &form, now))
        .await
}

#[tauri::command]
pub async fn cancel_plan(state: State<'_, AppState>, id: i64) -> Result<()> {
    state
        .run(move |book, now| plans::cancel(book, id, now))
        .await
}

#[tauri::command]
pub async fn list_plans(
    state: State<'_, AppState>,
    customer_id: Option<i64>,
) -> Result<Vec<PlanView>> {
    state
        .run(move |book, now| plans::list(book, customer_id, now))
        .await
}

#[tauri::command]
pub async fn extend_invoice(
    state: State<'_, AppState>,
    invoice_id: i64,
    form: ExtensionForm,
) -> Result<()> {
    state
        .run(move |book, now| plans::extend(book, invoice_id, &form, now))
        .await
}

#[tauri::command]
pub async fn list_credit_notes(
    state: State<'_, AppState>,
    customer_id: i64,
) -> Result<Vec<disputes::CreditNoteView>> {
    state
        .run(move |book, _| disputes::credit_notes(book, customer_id))
        .await
}
