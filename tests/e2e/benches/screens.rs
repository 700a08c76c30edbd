//! Benchmark (not a test): Duly's screens on a large book, in the real
//! window, beside an empty Tauri 2 window built and measured the same way in
//! the same run.
//!
//! `cargo bench -p duly-e2e --bench screens` builds both release binaries
//! (`custom-protocol` on, as `cargo tauri build` does), generates the summary
//! bench's book once under `target/bench/` (5,000 customers, 52,250
//! invoices), and under Xvfb through tauri-driver reports:
//! - start: from asking for the window to its first screen painted, for
//!   Duly on the large, demo and empty books and for the empty window
//!   (median of `STARTS`);
//! - per screen, on the demo and on the large book: time from navigation to
//!   the screen painted (first visit, then median of `VISITS` more), and the
//!   table rows then in the DOM;
//! - memory: PSS and RSS summed over the window's processes (the app, its
//!   WebKit web and network processes) after the start (empty window, empty
//!   book) or after that tour of the screens (demo and large book), read
//!   `SETTLE` after and again `IDLE` later;
//! - on the large book, the first visit of each list after a write.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use duly_app::demo;
use duly_e2e::bench::{build_release, Memory, Rig, Window};

const TODAY: &str = "2026-11-25";
const STARTS: usize = 3;
const VISITS: usize = 5;
/// How long the processes settle before their memory is read.
const SETTLE: Duration = Duration::from_secs(2);
/// How much longer they sit idle before it is read again: WebKit collects
/// garbage and returns free pages on timers, so this is what a window left
/// open holds.
const IDLE: Duration = Duration::from_secs(30);

/// The first screen of Duly, whichever it is (This week, Welcome…).
const FIRST_SCREEN: &str = "#screen > .page";
const EMPTY_PAGE: &str = "#empty";

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The summary bench's book (`cargo bench -p duly-app --bench summary`
/// reads the same one), generated here if missing.
fn large_book(target: &Path) -> Result<PathBuf> {
    let path = target.join("bench/summary-large.duly");
    let started = Instant::now();
    let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d")?;
    if demo::large_book_once(&path, today)? {
        println!(
            "generated {} in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(path)
}

/// The `--book` arguments of one start, its book in `folder` (fresh for
/// each start, so none sees another's backups or writes).
fn book_args(folder: &Path, opens: &Opens) -> Result<Vec<String>> {
    let book = folder.join("book.duly");
    match opens {
        Opens::Nothing => return Ok(Vec::new()),
        Opens::NewBook => {}
        Opens::CopyOf(from) => {
            std::fs::copy(from, &book)
                .with_context(|| format!("could not copy {}", from.display()))?;
        }
    }
    Ok(vec!["--book".into(), book.display().to_string()])
}

/// The book a start opens.
enum Opens {
    /// No book: the empty window.
    Nothing,
    /// A new, empty book (with `--demo`, the demo book).
    NewBook,
    /// A copy of this book.
    CopyOf(PathBuf),
}

struct Start {
    label: &'static str,
    binary: PathBuf,
    args: Vec<String>,
    opens: Opens,
    ready: &'static str,
}

struct Started {
    ms: Vec<f64>,
    memory: Memory,
    /// Read again after `IDLE` more.
    idle: Memory,
}

/// Starts `start` STARTS times; times each start; `then` runs in the last
/// window before its memory is read.
async fn measure<F>(rig: &Rig, start: &Start, then: F) -> Result<Started>
where
    F: AsyncFnOnce(&Window) -> Result<()>,
{
    let mut ms = Vec::new();
    let mut last = None;
    for _ in 0..STARTS {
        if let Some((window, _folder)) = last.take() {
            Window::close(window).await?;
        }
        let folder = tempfile::tempdir()?;
        let mut args = book_args(folder.path(), &start.opens)?;
        args.extend(start.args.iter().cloned());
        let env = [("TMPDIR", folder.path())];
        let window = rig.open(&start.binary, &args, &env).await?;
        ms.push(window.started_in(start.ready).await?);
        last = Some((window, folder));
    }
    let (window, _folder) = last.context("no start")?;
    then(&window).await?;
    let memory = window.memory(SETTLE).await?;
    let idle = window.memory(IDLE).await?;
    window.close().await?;
    Ok(Started { ms, memory, idle })
}

/// The screens an owner moves between, as (label, hash, data-screen).
fn screens(customer: &str) -> Vec<(&'static str, String, &'static str)> {
    vec![
        ("Customers", "#/customers".into(), "customers"),
        ("Invoices", "#/invoices".into(), "invoices"),
        (
            "a customer page",
            format!("#/customers/{customer}"),
            "customers/id",
        ),
        ("Late fees", "#/late-fees".into(), "late-fees"),
        ("New invoice", "#/invoices/new".into(), "invoices/new"),
        ("This week", "#/week".into(), "week"),
    ]
}

/// Visits every screen of `screens` once, then `VISITS` times more, and
/// prints each one's time to paint; the window's memory is read after it.
async fn tour(window: &Window, book: &str) -> Result<()> {
    // Duly opens a book with issued invoices on This week.
    let customer: String = window
        .js("return new URL(document.querySelector('#week-actions a.row-link').href).hash.split('/').pop();")
        .await?;
    let mut first = Vec::new();
    let mut again: Vec<Vec<f64>> = Vec::new();
    for round in 0..=VISITS {
        for (i, (_, hash, screen)) in screens(&customer).iter().enumerate() {
            let painted = window.visit(hash, screen).await?;
            if round == 0 {
                first.push(painted);
                again.push(Vec::new());
            } else if let Some(times) = again.get_mut(i) {
                times.push(painted.ms);
            }
        }
    }
    println!("\nscreens on {book} (ms from navigation to painted; rows in the DOM)");
    println!("| screen | first visit | median of {VISITS} more | rows in the DOM |");
    println!("|---|---|---|---|");
    for (((label, _, _), painted), times) in screens(&customer).iter().zip(&first).zip(again) {
        println!(
            "| {label} | {:.0} | {:.0} | {} |",
            painted.ms,
            median(times),
            painted.rows
        );
    }
    Ok(())
}

/// A write (a new customer, through the window's own command) throws away
/// everything the book kept; the first visit of each list after it works
/// its answer out again. Printed as the first visit after a write.
async fn after_a_write(window: &Window) -> Result<()> {
    let _: serde_json::Value = window
        .js("return window.__TAURI__.core.invoke('create_customer', { form: { company: 'Benchmark Write Co' } });")
        .await?;
    println!("\nfirst visit after a write (a new customer), large book");
    println!("| screen | ms to paint |");
    println!("|---|---|");
    for (label, hash, screen) in [
        ("Customers", "#/customers", "customers"),
        ("Invoices", "#/invoices", "invoices"),
        ("This week", "#/week", "week"),
    ] {
        let painted = window.visit(hash, screen).await?;
        println!("| {label} | {:.0} |", painted.ms);
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let built = Instant::now();
    let bins = build_release()?;
    println!(
        "release builds ready in {:.1} s",
        built.elapsed().as_secs_f64()
    );
    let target = duly_e2e::bench::target()?;
    let large = large_book(&target)?;
    let rig = Rig::start().await?;

    let duly = |label, args: &[&str], opens| Start {
        label,
        binary: bins.app.clone(),
        args: ["--today", TODAY]
            .iter()
            .chain(args)
            .map(|s| s.to_string())
            .collect(),
        opens,
        ready: FIRST_SCREEN,
    };
    let empty_window = Start {
        label: "empty Tauri 2 window",
        binary: bins.empty_window.clone(),
        args: Vec::new(),
        opens: Opens::Nothing,
        ready: EMPTY_PAGE,
    };
    let mut rows = Vec::new();
    let baseline = measure(&rig, &empty_window, async |_| Ok(())).await?;
    let empty_book = measure(
        &rig,
        &duly("Duly, empty book", &[], Opens::NewBook),
        async |_| Ok(()),
    )
    .await?;
    let demo_book = measure(
        &rig,
        &duly(
            "Duly, demo book, after the tour",
            &["--demo"],
            Opens::NewBook,
        ),
        async |window: &Window| tour(window, "the demo book").await,
    )
    .await?;
    let large_start = duly(
        "Duly, large book, after the tour",
        &[],
        Opens::CopyOf(large.clone()),
    );
    let large_book = measure(&rig, &large_start, async |window: &Window| {
        tour(window, "the large book").await?;
        after_a_write(window).await
    })
    .await?;
    rig.stop()?;

    let base = baseline.memory.clone();
    rows.push((empty_window.label, &baseline));
    rows.push(("Duly, empty book", &empty_book));
    rows.push(("Duly, demo book, after the tour", &demo_book));
    rows.push((large_start.label, &large_book));
    let base_start = median(baseline.ms.clone());
    println!("\nstart and memory, one run (start: median of {STARTS}, ms from asking for the window to its first screen painted)");
    println!("| window | start | start − empty window | PSS MiB | RSS MiB | PSS − empty window | PSS by process (MiB) | PSS after {}s idle | − empty window idle |", IDLE.as_secs());
    println!("|---|---|---|---|---|---|---|---|---|");
    for (label, s) in rows {
        let start = median(s.ms.clone());
        println!(
            "| {label} | {start:.0} | {:+.0} | {:.0} | {:.0} | {:+.0} | {} | {:.0} ({}) | {:+.0} |",
            start - base_start,
            s.memory.pss_mib(),
            s.memory.rss_mib(),
            s.memory.pss_mib() - base.pss_mib(),
            s.memory.by_process(),
            s.idle.pss_mib(),
            s.idle.by_process(),
            s.idle.pss_mib() - baseline.idle.pss_mib(),
        );
    }
    Ok(())
}
