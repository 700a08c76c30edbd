//! Our invoice PDF against the usual HTML-to-PDF tools, each as a whole
//! process, on the same 30-line invoice:
//!
//! - **ours**: `duly-render` (release build): starts, opens the book
//!   read-only, finds the invoice by number, reads it, lays it out, writes
//!   the file;
//! - **Chromium** (`--headless --print-to-pdf`) and **wkhtmltopdf**, given
//!   the same invoice as one HTML file ([`html`]) with embedded CSS.
//!
//! It reports each tool's median wall time, the ratios to ours, peak memory
//! (`/usr/bin/time -v`, largest single process) and file sizes, then our
//! in-process render time for 30 and 300 lines.
//!
//! The book is the small demo book (25 customers, ~200 invoices) plus one
//! 30-line and one 300-line invoice added through the app's own commands, so
//! the lookup and reads are those of a real book.
//!
//!     apt-get install -y chromium wkhtmltopdf time poppler-utils
//!     cargo bench -p duly-app --bench pdf_peers
//!
//! `DULY_BENCH_RUNS` sets the number of timed runs per peer (default 10;
//! ours runs 5× as many). A peer that is not installed is reported and
//! skipped. Under `cargo test` only a quick smoke run happens.

mod html;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime};
use duly_app::demo::{self, DemoSize};
use duly_app::documents::{self, InvoiceDocument};
use duly_app::{invoices, settings};
use duly_core::invoice::{DraftForm, IssueForm, LineForm};
use duly_store::Book;

const OURS: &str = env!("CARGO_BIN_EXE_duly-render");

/// (description, unit, unit price): a bookkeeping practice's services,
/// long and short, one on two lines, as on a real invoice.
const SERVICES: &[(&str, &str, &str)] = &[
    (
        "Monthly bookkeeping — reconciliation of bank and card accounts",
        "month",
        "450.00",
    ),
    ("Payroll run (up to 10 employees)", "run", "85.00"),
    ("Catch-up bookkeeping", "h", "65.00"),
    ("Quarterly sales-tax filing", "filing", "175.00"),
    ("Advisory call: cash-flow planning", "h", "120.00"),
    (
        "Accounts-payable processing\nincl. vendor statements and 1099 preparation",
        "h",
        "55.00",
    ),
    ("Receipt scanner", "unit", "189.99"),
];

fn main() {
    let measuring = std::env::args().any(|a| a == "--bench");
    let runs: usize = std::env::var("DULY_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10)
        .max(1);
    let dir = tempfile::tempdir().expect("temporary folder");
    let today = Local::now().date_naive();
    let sample = Sample::make(dir.path(), today);

    let ours = Tool::ours(&sample, dir.path());
    if !measuring {
        let time = ours.run(0);
        println!("pdf_peers: smoke run of duly-render took {time:?}; `cargo bench` measures");
        return;
    }
    let peers = [
        Tool::chromium(&sample, dir.path()),
        Tool::wkhtmltopdf(&sample, dir.path()),
    ];

    println!("Whole process, 30-line invoice ({} cores):", cores());
    let ours_result = ours.measure(runs * 5);
    println!("| tool | median | min–max | runs | ratio to ours | peak RSS | file | pages |");
    println!("|---|---|---|---|---|---|---|---|");
    ours.report(&ours_result, &ours_result);
    for peer in &peers {
        if peer.installed() {
            peer.report(&peer.measure(runs), &ours_result);
        } else {
            println!("| {} | not installed | | | | | | |", peer.name);
        }
    }

    println!();
    floor(&sample, runs * 5);

    println!();
    println!("In process (book read and mapping excluded / included):");
    for (lines, doc, id) in [
        (30, &sample.doc_30, sample.id_30),
        (300, &sample.doc_300, sample.id_300),
    ] {
        let render = median_of(50, || {
            duly_documents::render_invoice(doc).expect("renders");
        });
        let mut book = Book::open(&sample.book).expect("book");
        let command = median_of(50, || {
            documents::invoice_pdf(&mut book, id, sample.now).expect("renders");
        });
        let size = duly_documents::render_invoice(doc).expect("renders").len();
        println!(
            "- {lines} lines: render_invoice {}, invoice_pdf {} ({} KB)",
            ms(render),
            ms(command),
            size / 1024
        );
    }
}

/// Where our whole-process time goes: the same binary stopped earlier.
/// `--help` is start and exit alone; an invoice number the book lacks adds
/// opening the book (SQLite reads its schema) and the indexed lookup; the
/// rest of the full run is reading the invoice and making the PDF.
fn floor(sample: &Sample, runs: usize) {
    let today = sample.now.date().format("%Y-%m-%d").to_string();
    let book = sample.book.as_os_str();
    let run = |args: &[&std::ffi::OsStr]| {
        median_of(runs, || {
            // The missing number makes it exit with an error, as intended.
            let _ = Command::new(OURS)
                .args(args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        })
    };
    let start = run(&["--help".as_ref()]);
    let opened = run(&[
        "--book".as_ref(),
        book,
        "--invoice".as_ref(),
        "NO-SUCH-NUMBER".as_ref(),
        "--today".as_ref(),
        today.as_ref(),
        "--out".as_ref(),
        "/dev/null".as_ref(),
    ]);
    println!("Where duly-render's time goes (medians of {runs}):");
    println!("- start and exit (`--help`): {}", ms(start));
    println!(
        "- and open the book read-only, find a number (one it lacks): {}",
        ms(opened)
    );
}

/// The book with the invoices to print, and their HTML twin.
struct Sample {
    book: PathBuf,
    number_30: String,
    id_30: i64,
    id_300: i64,
    doc_30: InvoiceDocument,
    doc_300: InvoiceDocument,
    html_30: PathBuf,
    now: NaiveDateTime,
}

impl Sample {
    fn make(dir: &Path, today: NaiveDate) -> Sample {
        let now = NaiveDateTime::new(today, NaiveTime::from_hms_opt(12, 0, 0).expect("noon"));
        let path = dir.join("bench.duly");
        let mut book = Book::open(&path).expect("book");
        demo::generate(&mut book, DemoSize::SMALL, today).expect("demo book");
        let (id_30, number_30) = add_invoice(&mut book, 30, now);
        let (id_300, _) = add_invoice(&mut book, 300, now);
        let doc_30 = documents::invoice_document(&mut book, id_30, now).expect("model");
        let doc_300 = documents::invoice_document(&mut book, id_300, now).expect("model");
        let html_30 = dir.join("invoice.html");
        std::fs::write(&html_30, html::invoice(&doc_30)).expect("write HTML");
        Sample {
            book: path,
            number_30,
            id_30,
            id_300,
            doc_30,
            doc_300,
            html_30,
            now,
        }
    }
}

/// Issues an invoice of `count` lines to the first demo customer, some
/// discounted, some taxed, through the same commands the window uses.
fn add_invoice(book: &mut Book, count: usize, now: NaiveDateTime) -> (i64, String) {
    let sales_tax = settings::get(book)
        .expect("settings")
        .tax_rates
        .into_iter()
        .find(|r| !r.percent.is_zero())
        .expect("the demo book has a sales tax")
        .id;
    let lines = (0..count)
        .map(|i| {
            let (description, unit, price) = SERVICES[i % SERVICES.len()];
            LineForm {
                description: description.into(),
                quantity: if unit == "h" {
                    format!("{}.5", 1 + i % 6)
                } else {
                    "1".into()
                },
                unit: unit.into(),
                unit_price: price.into(),
                discount_percent: if i % 7 == 3 {
                    "10".into()
                } else {
                    String::new()
                },
                tax_rate_id: (unit == "unit").then_some(sales_tax),
            }
        })
        .collect();
    let draft = DraftForm {
        customer_id: Some(1),
        lines,
        ..DraftForm::default()
    };
    let id = invoices::save_draft(book, None, &draft, now)
        .expect("draft")
        .row
        .id;
    let issue = IssueForm {
        issue_date: now.date().format("%Y-%m-%d").to_string(),
        ..IssueForm::default()
    };
    let view = invoices::issue(book, id, &issue, now).expect("issued");
    (id, view.row.number.expect("numbered"))
}

/// A program that turns the invoice into `out`, with fresh arguments per run.
struct Tool {
    name: &'static str,
    program: OsString,
    args: Box<dyn Fn(usize) -> Vec<OsString>>,
    out: PathBuf,
}

/// Timings and figures of one tool.
struct Measured {
    times: Vec<Duration>,
    peak_kb: Option<u64>,
    bytes: u64,
    pages: String,
}

impl Tool {
    fn ours(sample: &Sample, dir: &Path) -> Tool {
        let out = dir.join("ours.pdf");
        let (book, number, out_arg) = (sample.book.clone(), sample.number_30.clone(), out.clone());
        let today = sample.now.date().format("%Y-%m-%d").to_string();
        Tool {
            name: "duly-render (ours)",
            program: OURS.into(),
            args: Box::new(move |_| {
                let mut a: Vec<OsString> = vec!["--book".into(), book.clone().into()];
                a.extend(["--invoice", &number, "--today", &today, "--out"].map(OsString::from));
                a.push(out_arg.clone().into());
                a
            }),
            out,
        }
    }

    fn chromium(sample: &Sample, dir: &Path) -> Tool {
        let out = dir.join("chromium.pdf");
        let (html, out_arg, dir) = (sample.html_30.clone(), out.clone(), dir.to_owned());
        Tool {
            name: "Chromium (headless)",
            program: "chromium".into(),
            args: Box::new(move |run| {
                // A fresh profile each run, as `--user-data-dir=$(mktemp -d)` would.
                let profile = dir.join(format!("chromium-profile-{run}"));
                [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-pdf-header-footer",
                ]
                .into_iter()
                .map(OsString::from)
                .chain([
                    flag("--user-data-dir=", &profile),
                    flag("--print-to-pdf=", &out_arg),
                    html.clone().into(),
                ])
                .collect()
            }),
            out,
        }
    }

    fn wkhtmltopdf(sample: &Sample, dir: &Path) -> Tool {
        let out = dir.join("wkhtmltopdf.pdf");
        let (html, out_arg) = (sample.html_30.clone(), out.clone());
        Tool {
            name: "wkhtmltopdf",
            program: "wkhtmltopdf".into(),
            // Its fastest run (no JavaScript wait), on our paper and margins.
            // Debian's build (unpatched Qt) still shrinks the page a little:
            // it ignores `--disable-smart-shrinking`.
            args: Box::new(move |_| {
                [
                    "--quiet",
                    "--javascript-delay",
                    "0",
                    "--page-size",
                    "A4",
                    "--margin-top",
                    "18mm",
                    "--margin-bottom",
                    "22mm",
                    "--margin-left",
                    "18mm",
                    "--margin-right",
                    "18mm",
                ]
                .into_iter()
                .map(OsString::from)
                .chain([html.clone().into(), out_arg.clone().into()])
                .collect()
            }),
            out,
        }
    }

    fn installed(&self) -> bool {
        Command::new("which")
            .arg(&self.program)
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// One run, start to exit; whatever it left behind in its process group
    /// (Chromium's helpers) is killed afterwards, outside the timing.
    fn run(&self, run: usize) -> Duration {
        let _ = std::fs::remove_file(&self.out);
        let mut command = Command::new(&self.program);
        command.args((self.args)(run));
        let (elapsed, status) = timed_in_own_group(command);
        assert!(status, "{} failed", self.name);
        assert!(self.out.exists(), "{} wrote no PDF", self.name);
        elapsed
    }

    /// Peak memory of one run under `/usr/bin/time -v`, if it is installed.
    fn peak_kb(&self, run: usize) -> Option<u64> {
        let mut command = Command::new("/usr/bin/time");
        command.arg("-v").arg(&self.program).args((self.args)(run));
        command.stdout(Stdio::null()).stderr(Stdio::piped());
        let output = run_in_own_group(command)?;
        String::from_utf8_lossy(&output.stderr)
            .lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix("Maximum resident set size (kbytes): ")
            })
            .and_then(|kb| kb.trim().parse().ok())
    }

    fn measure(&self, runs: usize) -> Measured {
        self.run(usize::MAX); // warm the page cache and any font cache
        let mut times: Vec<Duration> = (0..runs).map(|r| self.run(r)).collect();
        times.sort();
        let peak_kb = self.peak_kb(runs);
        Measured {
            times,
            peak_kb,
            bytes: std::fs::metadata(&self.out).map_or(0, |m| m.len()),
            pages: pages(&self.out),
        }
    }

    fn report(&self, m: &Measured, ours: &Measured) {
        let ratio = m.median().as_secs_f64() / ours.median().as_secs_f64();
        println!(
            "| {} | {} | {}–{} | {} | {:.0}× | {} | {:.1} KB | {} |",
            self.name,
            ms(m.median()),
            ms(m.times[0]),
            ms(m.times[m.times.len() - 1]),
            m.times.len(),
            ratio,
            m.peak_kb
                .map_or("n/a".into(), |kb| format!("{:.0} MB", kb as f64 / 1024.0)),
            m.bytes as f64 / 1024.0,
            m.pages
        );
    }
}

impl Measured {
    fn median(&self) -> Duration {
        self.times[self.times.len() / 2]
    }
}

fn flag(name: &str, path: &Path) -> OsString {
    let mut f = OsString::from(name);
    f.push(path);
    f
}

/// Runs `command` as the leader of a new process group, silenced, and returns
/// its wall time and success, then kills what is left of the group.
fn timed_in_own_group(mut command: Command) -> (Duration, bool) {
    use std::os::unix::process::CommandExt;
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0);
    let start = Instant::now();
    let mut child = command.spawn().expect("the tool starts");
    let status = child.wait().expect("the tool ends");
    let elapsed = start.elapsed();
    reap_group(child.id());
    (elapsed, status.success())
}

fn run_in_own_group(mut command: Command) -> Option<std::process::Output> {
    use std::os::unix::process::CommandExt;
    command.stdin(Stdio::null()).process_group(0);
    let child = command.spawn().ok()?;
    let id = child.id();
    let output = child.wait_with_output().ok();
    reap_group(id);
    output
}

/// Kills the processes left in the group `leader` started (Chromium leaves
/// helpers behind); only that group, which holds nothing else.
fn reap_group(leader: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{leader}")])
        .stderr(Stdio::null())
        .status();
}

fn pages(pdf: &Path) -> String {
    Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().to_owned()))
        })
        .unwrap_or_else(|| "?".into())
}

fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
