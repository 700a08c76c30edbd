//! The IPC surface: each command forwards to `duly_app` on a blocking thread.
//! No rule lives here; see `crates/duly-app` for what each one does.

use duly_app::contacts::ContactReceipt;
use duly_app::customers::{CustomerPage, CustomerQuery};
use duly_app::history::{self, AccountView};
use duly_app::invoices::{DuplicateForm, ListQuery, Preview, VoidForm};
use duly_app::overview::Overview;
use duly_app::page::{Page, PageQuery, Span};
use duly_app::payments::{self, PaymentReceipt};
use duly_app::promises::{self, PromiseReceipt};
use duly_app::settings::SummaryPolicyForm;
use duly_app::settings::{LogoForm, NumberingForm, ProfileSettingsForm, SettingsView};
use duly_app::summary::{self, AgingSort, Summary, SummaryHead, SummaryList, SummaryRow};
use duly_app::views::{CustomerView, InvoiceRow, InvoiceView, TimelineEntry};
use duly_app::{contacts, customers, invoices, overview, settings};
use duly_core::contact_log::ContactForm;
use duly_core::customer::CustomerForm;
use duly_core::invoice::{DraftForm, IssueForm};
use duly_core::ladder::LadderPolicyForm;
use duly_core::payment::{PaymentForm, ReferenceForm, ReversalForm};
use duly_core::promise::{PromiseForm, PromisePolicyForm, PromisePreview};
use duly_core::tax::TaxRateForm;
use std::sync::Arc;

use tauri::{AppHandle, State};

use crate::error::Result;
use crate::files;
use crate::state::{AppState, BookInfo};

/// Settings → About: version and licences (built into the binary).
#[tauri::command]
pub fn about() -> duly_app::about::AboutView {
    duly_app::about::view()
}

#[tauri::command]
pub async fn book_info(state: State<'_, AppState>) -> Result<BookInfo> {
    state.info().await
}

#[tauri::command]
pub async fn open_demo_book(state: State<'_, AppState>) -> Result<BookInfo> {
    state.switch_to_demo().await
}

#[tauri::command]
pub async fn open_own_book(state: State<'_, AppState>) -> Result<BookInfo> {
    state.switch_to_own().await
}

#[tauri::command]
pub async fn get_overview(state: State<'_, AppState>) -> Result<Overview> {
    state.run(|book, _| overview::get(book)).await
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<SettingsView> {
    state.run(|book, _| settings::get(book)).await
}

#[tauri::command]
pub async fn save_profile(
    state: State<'_, AppState>,
    form: ProfileSettingsForm,
) -> Result<SettingsView> {
    state
        .run(move |book, _| settings::save_profile_and_paper(book, &form))
        .await
}

#[tauri::command]
pub async fn save_numbering(
    state: State<'_, AppState>,
    form: NumberingForm,
) -> Result<SettingsView> {
    state
        .run(move |book, _| settings::save_numbering(book, &form))
        .await
}

#[tauri::command]
pub async fn set_logo(state: State<'_, AppState>, form: LogoForm) -> Result<SettingsView> {
    state
        .run(move |book, _| settings::set_logo(book, &form))
        .await
}

#[tauri::command]
pub async fn save_tax_rate(
    state: State<'_, AppState>,
    id: Option<i64>,
    form: TaxRateForm,
) -> Result<SettingsView> {
    state
        .run(move |book, _| settings::save_tax_rate(book, id, &form))
        .await
}

#[tauri::command]
pub async fn set_tax_rate_archived(
    state: State<'_, AppState>,
    id: i64,
    archived: bool,
) -> Result<SettingsView> {
    state
        .run(move |book, _| settings::set_tax_rate_archived(book, id, archived))
        .await
}

#[tauri::command]
pub async fn get_customer(state: State<'_, AppState>, id: i64) -> Result<CustomerView> {
    state.run(move |book, _| customers::get(book, id)).await
}

#[tauri::command]
pub async fn create_customer(
    state: State<'_, AppState>,
    form: CustomerForm,
) -> Result<CustomerView> {
    state
        .run(move |book, now| customers::create(book, &form, now))
        .await
}

#[tauri::command]
pub async fn update_customer(
    state: State<'_, AppState>,
    id: i64,
    form: CustomerForm,
) -> Result<CustomerView> {
    state
        .run(move |book, now| customers::update(book, id, &form, now))
        .await
}

#[tauri::command]
pub async fn set_customer_archived(
    state: State<'_, AppState>,
    id: i64,
    archived: bool,
) -> Result<CustomerView> {
    state
        .run(move |book, now| customers::set_archived(book, id, archived, now))
        .await
}

#[tauri::command]
pub async fn preview_invoice(state: State<'_, AppState>, form: DraftForm) -> Result<Preview> {
    state
        .run(move |book, _| invoices::preview(book, &form))
        .await
}

#[tauri::command]
pub async fn save_draft(
    state: State<'_, AppState>,
    id: Option<i64>,
    form: DraftForm,
) -> Result<InvoiceView> {
    state
        .run(move |book, now| invoices::save_draft(book, id, &form, now))
        .await
}

#[tauri::command]
pub async fn delete_draft(state: State<'_, AppState>, id: i64) -> Result<()> {
    state
        .run(move |book, _| invoices::delete_draft(book, id))
        .await
}

#[tauri::command]
pub async fn issue_invoice(
    state: State<'_, AppState>,
    id: i64,
    form: IssueForm,
) -> Result<InvoiceView> {
    state
        .run(move |book, now| invoices::issue(book, id, &form, now))
        .await
}

#[tauri::command]
pub async fn void_invoice(
    state: State<'_, AppState>,
    id: i64,
    form: VoidForm,
) -> Result<InvoiceView> {
    state
        .run(move |book, now| invoices::void(book, id, &form, now))
        .await
}

#[tauri::command]
pub async fn duplicate_invoice(
    state: State<'_, AppState>,
    id: i64,
    form: DuplicateForm,
) -> Result<InvoiceView> {
    state
        .run(move |book, now| invoices::duplicate(book, id, &form, now))
        .await
}

#[tauri::command]
pub async fn get_invoice(state: State<'_, AppState>, id: i64) -> Result<InvoiceView> {
    state
        .run(move |book, now| invoices::get(book, id, now))
        .await
}

/// Works the customer and invoice lists out while the owner reads the
/// first screen, so their first visit is answered from the book's memo.
#[tauri::command]
pub async fn prepare_lists(state: State<'_, AppState>) -> Result<()> {
    state
        .run(|book, now| {
            customers::prepare(book, now)?;
            invoices::prepare(book, now)
        })
        .await
}

/// One page of the customer list, searched and sorted over every customer.
#[tauri::command]
pub async fn page_customers(
    state: State<'_, AppState>,
    query: CustomerQuery,
) -> Result<CustomerPage> {
    state
        .run(move |book, now| customers::page(book, &query, now))
        .await
}

/// One page of the invoice list, filtered, searched and sorted over the book.
#[tauri::command]
pub async fn page_invoices(
    state: State<'_, AppState>,
    query: ListQuery,
) -> Result<Page<InvoiceRow>> {
    state
        .run(move |book, now| invoices::page(book, &query, now))
        .await
}

#[tauri::command]
pub async fn list_invoices(
    state: State<'_, AppState>,
    query: ListQuery,
) -> Result<Vec<InvoiceRow>> {
    state
        .run(move |book, now| invoices::list(book, &query, now))
        .await
}

#[tauri::command]
pub async fn customer_account(state: State<'_, AppState>, id: i64) -> Result<AccountView> {
    state
        .run(move |book, now| history::account(book, id, now))
        .await
}

/// "Show older" on a customer's timeline.
#[tauri::command]
pub async fn customer_timeline(
    state: State<'_, AppState>,
    id: i64,
    span: Span,
) -> Result<Page<TimelineEntry>> {
    state
        .run(move |book, now| history::timeline(book, id, span, now))
        .await
}

#[tauri::command]
pub async fn record_payment(
    state: State<'_, AppState>,
    form: PaymentForm,
) -> Result<PaymentReceipt> {
    state
        .run(move |book, now| payments::record(book, &form, now))
        .await
}

#[tauri::command]
pub async fn reverse_payment(
    state: State<'_, AppState>,
    id: i64,
    form: ReversalForm,
) -> Result<()> {
    state
        .run(move |book, now| payments::reverse(book, id, &form, now))
        .await
}

#[tauri::command]
pub async fn payment_entered_in_error(
    state: State<'_, AppState>,
    id: i64,
) -> Result<payments::Reentry> {
    state
        .run(move |book, _| payments::mark_entered_in_error(book, id))
        .await
}

#[tauri::command]
pub async fn correct_payment_reference(
    state: State<'_, AppState>,
    id: i64,
    form: ReferenceForm,
) -> Result<()> {
    state
        .run(move |book, _| payments::correct_reference(book, id, &form))
        .await
}

#[tauri::command]
pub async fn apply_credit(state: State<'_, AppState>, customer_id: i64) -> Result<PaymentReceipt> {
    state
        .run(move |book, now| payments::apply_credit(book, customer_id, now))
        .await
}

#[tauri::command]
pub async fn record_promise(
    state: State<'_, AppState>,
    customer_id: i64,
    form: PromiseForm,
) -> Result<PromiseReceipt> {
    state
        .run(move |book, now| promises::record(book, customer_id, &form, now))
        .await
}

#[tauri::command]
pub async fn preview_promise(
    state: State<'_, AppState>,
    form: PromiseForm,
) -> Result<PromisePreview> {
    state
        .run(move |book, now| promises::preview(book, &form, now))
        .await
}

#[tauri::command]
pub async fn log_contact(state: State<'_, AppState>, form: ContactForm) -> Result<ContactReceipt> {
    state
        .run(move |book, now| contacts::log(book, &form, now))
        .await
}

#[tauri::command]
pub async fn save_promise_policy(
    state: State<'_, AppState>,
    form: PromisePolicyForm,
) -> Result<SettingsView> {
    state
        .run(move |book, _| settings::save_promise_policy(book, &form))
        .await
}

/// This week as of a date: every figure, and the first page of each list.
#[tauri::command]
pub async fn weekly_summary(state: State<'_, AppState>, as_of: String) -> Result<SummaryHead> {
    state
        .run(move |book, _| summary::head(book, summary::as_of_date(&as_of)?))
        .await
}

/// A further page of one of This week's lists.
#[tauri::command]
pub async fn summary_page(
    state: State<'_, AppState>,
    as_of: String,
    list: SummaryList,
    query: PageQuery<AgingSort>,
) -> Result<Page<SummaryRow>> {
    state
        .run(move |book, _| summary::page(book, summary::as_of_date(&as_of)?, list, &query))
        .await
}

async fn whole_summary(state: State<'_, AppState>, as_of: String) -> Result<Arc<Summary>> {
    state
        .run(move |book, _| summary::compute(book, summary::as_of_date(&as_of)?))
        .await
}

/// Saves the aging by customer as CSV where the owner chooses.
#[tauri::command]
pub async fn export_summary_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    as_of: String,
) -> Result<Option<String>> {
    let s = whole_summary(state, as_of).await?;
    let bytes = summary::aging_csv(&s)
        .map_err(|e| crate::error::Error::shell(format!("Could not write the CSV: {e}")))?;
    let name = format!("aging-{}.csv", s.as_of);
    tauri::async_runtime::spawn_blocking(move || files::save(&app, &name, "CSV", "csv", &bytes))
        .await
        .map_err(|e| crate::error::Error::shell(e.to_string()))?
        .map(|p| p.map(|p| p.display().to_string()))
}

#[tauri::command]
pub async fn save_summary_policy(
    state: State<'_, AppState>,
    form: SummaryPolicyForm,
) -> Result<SettingsView> {
    state
        .run(move |book, _| settings::save_summary_policy(book, &form))
        .await
}

#[tauri::command]
pub async fn save_ladder_policy(
    state: State<'_, AppState>,
    form: LadderPolicyForm,
) -> Result<SettingsView> {
    state
        .run(move |book, _| settings::save_ladder_policy(book, &form))
        .await
}

#[tauri::command]
pub async fn decide_service(
    state: State<'_, AppState>,
    id: i64,
    form: customers::ServiceDecisionForm,
) -> Result<CustomerView> {
    state
        .run(move |book, now| customers::decide_service(book, id, &form, now))
        .await
}
