//! End-to-end scenarios for Duly, in the real window.
//!
//! Each scenario in `tests/` builds the app if needed (`cargo build -p
//! duly`), starts a virtual display when there is none, starts tauri-driver
//! (over WebKitWebDriver) and opens the app on a fresh temporary book (or
//! the demo book, see [`Start`]); a [`User`] then does what a person would,
//! step by step, with a screenshot of every screen in
//! `target/e2e-screens/<scenario>/`. Files the app saves ("Save as…",
//! `DULY_SAVE_DIR`) land in its `saved/` folder, and "Open PDF" writes into
//! a private temporary folder (the app's `TMPDIR`). Run them with
//! `cargo test -p duly-e2e` (they are not default members: they need WebKit,
//! Xvfb, webkit2gtk-driver and tauri-driver).
//!
//! Why fantoccini as the WebDriver client: it is async (tokio, like the rest
//! of the test code), small, and maintained; it runs inside plain `cargo
//! test`, so the end-to-end tests need no Node or Python toolchain (no
//! WebdriverIO, no Selenium) beside the Rust one. With its TLS features off
//! it needs no OpenSSL either: the driver listens on plain HTTP on localhost.

pub mod bench;
mod book_file;
mod customer_account;
mod desktop;
mod display;
mod driver;
mod follow_ups;
mod invoice_actions;
mod lists;
mod money_in;
// The harness manages the processes it starts (a subreaper, process groups,
// flock on a shared lock file) through libc: the only unsafe code in the
// workspace, and only in the test harness.
#[allow(unsafe_code)]
mod lock;
#[allow(unsafe_code)]
mod process;
mod recurring;
pub mod saved_files;
mod story;
mod user;
#[path = "../../../crates/duly-app/tests/support/virtual_printer.rs"]
pub mod virtual_printer;
mod workspace;

pub use book_file::TroubleScreen;
pub use customer_account::{
    Call, CheckPromise, Payment, PromisedCall, TabEntry, TimelineEntry, Warning,
};
pub use desktop::{Start, TODAY};
pub use follow_ups::{Draft, FlaggedRule, FollowUpRow, Tone, Week};
pub use invoice_actions::{
    DisputeCard, DisputeInput, FinanceCharge, LateFeeLine, LateFees, PlanInput, Printout,
};
pub use lists::ShownTable;
pub use money_in::{camt053, Entry, ReviewRow};
pub use story::{play, play_from, User};
pub use user::{
    About, Contact, CustomerInput, CustomerPage, FieldError, InvoiceLine, InvoicePage, InvoiceRow,
    Profile, SetupAnswers,
};
