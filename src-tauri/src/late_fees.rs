//! The late-fee commands: forwarded to `duly_app::late_fees` on the blocking
//! pool. No rule lives here.

use duly_app::late_fees::{
    self, Applied, Customers, FeeLine, FinanceCharge, LateFeesView, PolicyView, WaiveForm,
};
use duly_app::page::{Page, Span};
use duly_core::late_fee::LateFeePolicyForm;
use tauri::State;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
pub async fn late_fee_policy(state: State<'_, AppState>) -> Result<PolicyView> {
    state.run(|book, _| late_fees::policy(book)).await
}

#[tauri::command]
pub async fn save_late_fee_policy(
    state: State<'_, AppState>,
    form: LateFeePolicyForm,
) -> Result<PolicyView> {
    state
        .run(move |book, _| late_fees::save_policy(book, &form))
        .await
}

#[tauri::command]
pub async fn late_fees(state: State<'_, AppState>, as_of: String) -> Result<LateFeesView> {
    state
        .run(move |book, _| late_fees::view(book, duly_app::summary::as_of_date(&as_of)?))
        .await
}

/// "Next" under the fee lines.
#[tauri::command]
pub async fn late_fee_lines(
    state: State<'_, AppState>,
    as_of: String,
    span: Span,
) -> Result<Page<FeeLine>> {
    state
        .run(move |book, _| late_fees::lines(book, duly_app::summary::as_of_date(&as_of)?, span))
        .await
}

#[tauri::command]
pub async fn apply_late_fees(
    state: State<'_, AppState>,
    as_of: String,
    customers: Customers,
) -> Result<Vec<Applied>> {
    state
        .run(move |book, now| {
            late_fees::apply(
                book,
                duly_app::summary::as_of_date(&as_of)?,
                &customers,
                now,
            )
        })
        .await
}

#[tauri::command]
pub async fn waive_late_fee(
    state: State<'_, AppState>,
    invoice_id: i64,
    form: WaiveForm,
) -> Result<FinanceCharge> {
    state
        .run(move |book, now| late_fees::waive(book, invoice_id, &form, now))
        .await
}

#[tauri::command]
pub async fn set_late_fee_opt_out(
    state: State<'_, AppState>,
    customer_id: i64,
    opt_out: bool,
) -> Result<()> {
    state
        .run(move |book, _| late_fees::set_customer_opt_out(book, customer_id, opt_out))
        .await
}

#[tauri::command]
pub async fn set_invoice_late_fee_exempt(
    state: State<'_, AppState>,
    invoice_id: i64,
    exempt: bool,
) -> Result<()> {
    state
        .run(move |book, now| late_fees::set_invoice_exempt(book, invoice_id, exempt, now))
        .await
}
