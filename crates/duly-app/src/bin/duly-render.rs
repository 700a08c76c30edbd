//! Renders one invoice of a Duly book to a PDF file, exactly as the app's
//! "Download PDF" does (same command, same renderer), without a window.
//!
//! It exists to measure the renderer as a whole process (start, open the
//! book read-only, read, lay out, write the file) against HTML-to-PDF tools;
//! see `crates/duly-app/benches/pdf_peers`. It is also handy for looking at
//! a book's invoices from a terminal, even while the app has the book open.
//!
//! Usage:
//!   duly-render --book PATH --invoice NUMBER --out FILE.pdf [--today YYYY-MM-DD]
//!   duly-render --demo-book PATH --invoice NUMBER --out FILE.pdf [--today YYYY-MM-DD]
//!   duly-render --help
//!
//! `--demo-book` first makes the small demo book at PATH (dated around
//! `--today`) if no file is there. `--today` (default: the local date) is the
//! day a partly paid invoice's balance is printed as of.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime};
use duly_app::demo::{self, DemoSize};
use duly_app::documents;
use duly_store::Book;

const USAGE: &str = "usage: duly-render (--book PATH | --demo-book PATH) --invoice NUMBER --out FILE.pdf [--today YYYY-MM-DD]";

/// What the command line asked for.
struct Args {
    book: PathBuf,
    /// Make the demo book at `book` first if it is missing.
    demo: bool,
    invoice: String,
    out: PathBuf,
    now: NaiveDateTime,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut book, mut demo, mut invoice, mut out, mut today) = (None, false, None, None, None);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value; {USAGE}"));
        match arg.as_str() {
            "--book" | "--demo-book" => {
                if book.is_some() {
                    return Err(format!("give one book; {USAGE}"));
                }
                book = Some(PathBuf::from(value()?));
                demo = arg == "--demo-book";
            }
            "--invoice" => invoice = Some(value()?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--today" => {
                let text = value()?;
                let day = NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                    .map_err(|_| format!("--today {text}: not a date (YYYY-MM-DD)"))?;
                today = Some(day);
            }
            other => return Err(format!("unknown argument {other}; {USAGE}")),
        }
    }
    let missing = |what: &str| format!("{what} is required; {USAGE}");
    let now = match today {
        Some(day) => NaiveDateTime::new(day, NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()),
        None => Local::now().naive_local(),
    };
    Ok(Args {
        book: book.ok_or_else(|| missing("--book or --demo-book"))?,
        demo,
        invoice: invoice.ok_or_else(|| missing("--invoice"))?,
        out: out.ok_or_else(|| missing("--out"))?,
        now,
    })
}

fn run(args: &Args) -> Result<(), String> {
    let cannot_open = |e| format!("cannot open the book {}: {e}", args.book.display());
    if args.demo && !args.book.exists() {
        let mut book = Book::open(&args.book).map_err(cannot_open)?;
        demo::generate(&mut book, DemoSize::SMALL, args.now.date())
            .map_err(|e| format!("cannot make the demo book: {e}"))?;
    }
    // Read-only: rendering never writes, and it skips the migration check
    // and WAL set-up that a whole-process run would otherwise pay for.
    let mut book = Book::open_read_only(&args.book).map_err(cannot_open)?;
    let id = invoice_id(&mut book, &args.invoice)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no invoice numbered {} in this book", args.invoice))?;
    let pdf = documents::invoice_pdf(&mut book, id, args.now).map_err(|e| e.to_string())?;
    std::fs::write(&args.out, &pdf.bytes)
        .map_err(|e| format!("cannot write {}: {e}", args.out.display()))
}

/// The invoice with this number. One indexed lookup (numbers are unique):
/// listing the book's invoices instead would cost a real book milliseconds.
fn invoice_id(book: &mut Book, number: &str) -> duly_store::Result<Option<i64>> {
    book.read(|tx| {
        let mut stmt = tx.prepare("SELECT id FROM invoices WHERE number = ?1")?;
        let ids = stmt.query_map([number], |r| r.get(0))?;
        Ok(ids.collect::<Result<Vec<i64>, _>>()?.first().copied())
    })
}

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("duly-render: {message}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("duly-render: {message}");
            ExitCode::FAILURE
        }
    }
}
