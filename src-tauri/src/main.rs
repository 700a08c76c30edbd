//! Duly's desktop entry point: reads the command line, opens the book, and
//! hands the window its commands.
//!
//! Usage: `duly [--book PATH | PATH] [--demo] [--today YYYY-MM-DD]`
//! - `--book PATH` (or `DULY_BOOK`): the book file; default `book.duly` in the
//!   OS app-data folder. A bare `PATH` is the same: it is how the desktop
//!   opens a `.duly` file with Duly (the file association's `%f`).
//! - `--demo`: start on a freshly generated demo book.
//! - `--today`: fix the app's "today" (demos and end-to-end tests).

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod data;
mod disputes;
mod error;
mod files;
mod keychain;
mod late_fees;
mod memory;
mod money_in;
mod opening;
mod outgoing;
mod printers;
mod recurring;
mod state;
mod weekly;
mod window;

use std::path::PathBuf;

use chrono::NaiveDate;
use duly_app::opening::Folder;
use tauri::Manager;

/// What the command line asked for.
#[derive(Debug, Default)]
struct Args {
    book: Option<PathBuf>,
    /// The book came as a bare `PATH`: the desktop opening the owner's file.
    from_desktop: bool,
    demo: bool,
    today: Option<NaiveDate>,
}

/// Reads the command line (without the program name).
pub(crate) fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        book: std::env::var_os("DULY_BOOK").map(PathBuf::from),
        ..Args::default()
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--book" => {
                let path = args.next().ok_or("--book needs a file path")?;
                parsed.book = Some(PathBuf::from(path));
                parsed.from_desktop = false;
            }
            "--demo" => parsed.demo = true,
            "--today" => {
                let text = args.next().ok_or("--today needs a date (YYYY-MM-DD)")?;
                let day = NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                    .map_err(|_| format!("--today {text}: not a date (YYYY-MM-DD)"))?;
                parsed.today = Some(day);
            }
            path if !path.starts_with('-') => {
                parsed.book = Some(PathBuf::from(path));
                parsed.from_desktop = true;
            }
            other => {
                return Err(format!(
                "unknown argument {other}; usage: duly [--book PATH | PATH] [--demo] [--today YYYY-MM-DD]"
            ))
            }
        }
    }
    Ok(parsed)
}

fn main() {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("duly: {message}");
            std::process::exit(2);
        }
    };
    keychain::init();
    let result = tauri::Builder::default()
        // First, so a second launch hands over before anything else starts.
        .plugin(opening::single_instance(args.book.as_deref()))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .setup(move |app| {
            let data = app.path().app_data_dir()?;
            let own_book = args.book.clone().unwrap_or_else(|| data.join("book.duly"));
            let demo_book = match &args.book {
                // A test's private book (`--book`) gets a private demo beside
                // it; a file the desktop opened keeps its folder to itself.
                Some(path) if !args.from_desktop => path.with_extension("demo.duly"),
                _ => data.join("demo.duly"),
            };
            // Only Duly's own app-data folder is made on the first start; a
            // book the owner named is where they said, or not there.
            let folder = match args.book {
                Some(_) => Folder::MustExist,
                None => Folder::Create,
            };
            let state = state::AppState::new(own_book, folder, demo_book, args.demo, args.today);
            app.manage(state);
            app.manage(data::Chosen::default());
            app.manage(money_in::Pending::default());
            weekly::start(app.handle().clone());
            window::fit_to_screen(app);
            window::view_documents_only(app);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::about,
            commands::book_info,
            commands::open_demo_book,
            commands::open_own_book,
            opening::book_way_out,
            opening::answer_book_request,
            commands::get_overview,
            commands::get_settings,
            commands::save_profile,
            commands::save_numbering,
            commands::set_logo,
            commands::save_tax_rate,
            commands::set_tax_rate_archived,
            commands::get_customer,
            commands::create_customer,
            commands::update_customer,
            commands::set_customer_archived,
            commands::decide_service,
            commands::preview_invoice,
            commands::save_draft,
            commands::delete_draft,
            commands::issue_invoice,
            commands::void_invoice,
            commands::duplicate_invoice,
            commands::get_invoice,
            commands::list_invoices,
            commands::customer_account,
            commands::customer_timeline,
            commands::record_payment,
            commands::reverse_payment,
            commands::payment_entered_in_error,
            commands::correct_payment_reference,
            commands::apply_credit,
            commands::record_promise,
            commands::preview_promise,
            commands::log_contact,
            commands::save_promise_policy,
            commands::weekly_summary,
            commands::summary_page,
            commands::prepare_lists,
            commands::page_customers,
            commands::page_invoices,
            commands::export_summary_csv,
            commands::save_summary_policy,
            commands::save_ladder_policy,
            disputes::open_dispute,
            disputes::acknowledge_dispute,
            disputes::update_dispute,
            disputes::resolve_dispute,
            disputes::list_disputes,
            disputes::dispute_report,
            disputes::issue_credit_note,
            disputes::create_plan,
            disputes::cancel_plan,
            disputes::list_plans,
            disputes::extend_invoice,
            disputes::list_credit_notes,
            printers::list_printers,
            printers::print_document,
            outgoing::save_document,
            outgoing::open_document,
            outgoing::draft_follow_up,
            outgoing::draft_message,
            outgoing::check_tone,
            outgoing::save_eml,
            outgoing::open_eml,
            outgoing::ready_to_send,
            outgoing::mark_sent,
            outgoing::send_email,
            outgoing::mail_settings,
            outgoing::save_mail_settings,
            outgoing::test_mail_connection,
            outgoing::list_templates,
            outgoing::save_template,
            outgoing::reset_template,
            outgoing::preview_template,
            late_fees::late_fee_policy,
            late_fees::save_late_fee_policy,
            late_fees::late_fees,
            late_fees::late_fee_lines,
            late_fees::apply_late_fees,
            late_fees::waive_late_fee,
            late_fees::set_late_fee_opt_out,
            late_fees::set_invoice_late_fee_exempt,
            recurring::run_recurring,
            recurring::make_recurring,
            recurring::preview_recurring,
            recurring::list_schedules,
            recurring::change_schedule,
            recurring::change_schedule_future,
            recurring::recurring_to_review,
            recurring::issue_reviewed,
            data::backup_status,
            data::back_up_now,
            data::choose_backup,
            data::restore_backup,
            data::export_csv,
            data::choose_import_file,
            data::preview_import,
            data::run_import,
            money_in::choose_bank_statement,
            money_in::map_bank_statement,
            money_in::confirm_bank_statement,
            data::audit_trail,
        ])
        .build(tauri::generate_context!("tauri.conf.json"));
    match result {
        Ok(app) => app.run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                if let Some(state) = app.try_state::<state::AppState>() {
                    state.close_on_exit();
                }
            }
        }),
        Err(error) => {
            eprintln!("duly: {error}");
            std::process::exit(1);
        }
    }
}
