//! Running `duly-crash-writer` and reading what it reported before it was
//! killed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// How many rounds a test runs: the environment variable `var`, else 25
/// (the count CI runs; more by hand).
pub fn rounds(var: &str) -> u32 {
    std::env::var(var)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(25)
}

/// What the writer said it committed.
#[derive(Default)]
pub struct Reported {
    pub issued: Vec<(String, String)>,
    pub paid: Vec<(i64, String)>,
    pub reversed: Vec<i64>,
    pub recurred: Vec<String>,
}

impl Reported {
    /// Only whole lines count: a line cut by the kill was never reported.
    pub fn read(lines: &[String]) -> Reported {
        let mut r = Reported::default();
        for line in lines {
            let words: Vec<&str> = line.split(' ').collect();
            match words.as_slice() {
                ["issued", number, "total", total] => {
                    r.issued.push(((*number).to_owned(), (*total).to_owned()))
                }
                ["paid", id, "amount", amount] => {
                    r.paid.push((id.parse().expect("id"), (*amount).to_owned()))
                }
                ["reversed", id] => r.reversed.push(id.parse().expect("id")),
                ["recurred", on] => r.recurred.push((*on).to_owned()),
                _ => panic!("unexpected line from the writer: {line:?}"),
            }
        }
        r
    }
}

/// Runs `writer` (with `options`) on `book` and kills it with SIGKILL after
/// `after`; returns the lines it printed in full.
pub fn run_and_kill(
    writer: &Path,
    options: &[&str],
    book: &Path,
    seed: u64,
    after: Duration,
) -> Vec<String> {
    let mut child = Command::new(writer)
        .args(options)
        .arg(book)
        .arg(seed.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the writer");
    let stdout = child.stdout.take().expect("stdout");
    // Read while it runs, so a full pipe never holds the writer up.
    let reader = std::thread::spawn(move || {
        let mut lines = Vec::new();
        let mut out = BufReader::new(stdout);
        let mut line = String::new();
        while out.read_line(&mut line).unwrap_or(0) > 0 {
            if let Some(whole) = line.strip_suffix('\n') {
                lines.push(whole.to_owned());
            }
            line.clear();
        }
        lines
    });
    std::thread::sleep(after);
    if let Some(status) = child.try_wait().expect("wait") {
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
            .expect("stderr");
        panic!("the writer stopped by itself ({status}): {err}");
    }
    child.kill().expect("SIGKILL"); // std sends SIGKILL on Unix
    child.wait().expect("reap");
    reader.join().expect("reader")
}
