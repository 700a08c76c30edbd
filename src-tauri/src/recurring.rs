//! Recurring-invoice commands. The window asks for a run when it starts and
//! when the day changes; each run bills only what is due and not yet billed.

use duly_app::recurring::{
    self, Change, FutureForm, Issued, RunReport, ScheduleForm, ScheduleView,
};
use duly_app::views::InvoiceRow;
use tauri::State;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
pub async fn run_recurring(state: State<'_, AppState>) -> Result<RunReport> {
    state.run(recurring::run_due).await
}

#[tauri::command]
pub async fn make_recurring(
    state: State<'_, AppState>,
    invoice_id: i64,
    form: ScheduleForm,
) -> Result<ScheduleView> {
    state
        .run(move |book, now| recurring::from_invoice(book, invoice_id, &form, now))
        .await
}

#[tauri::command]
pub async fn preview_recurring(
    state: State<'_, AppState>,
    invoice_id: i64,
    form: ScheduleForm,
) -> Result<Option<String>> {
    state
        .run(move |book, _| recurring::preview(book, invoice_id, &form))
        .await
}

#[tauri::command]
pub async fn list_schedules(
    state: State<'_, AppState>,
    customer_id: i64,
) -> Result<Vec<ScheduleView>> {
    state
        .run(move |book, _| recurring::for_customer(book, customer_id))
        .await
}

#[tauri::command]
pub async fn change_schedule(
    state: State<'_, AppState>,
    id: i64,
    change: Change,
) -> Result<ScheduleView> {
    state
        .run(move |book, now| recurring::change(book, id, change, now))
        .await
}

#[tauri::command]
pub async fn recurring_to_review(state: State<'_, AppState>) -> Result<Vec<InvoiceRow>> {
    state.run(recurring::to_review).await
}

#[tauri::command]
pub async fn issue_reviewed(state: State<'_, AppState>) -> Result<Vec<Issued>> {
    state.run(recurring::issue_reviewed).await
}

#[tauri::command]
pub async fn change_schedule_future(
    state: State<'_, AppState>,
    id: i64,
    form: FutureForm,
) -> Result<ScheduleView> {
    state
        .run(move |book, _| recurring::change_future(book, id, &form))
        .await
}
