//! Reading rendered PDFs back with poppler-utils and qpdf, as a customer's
//! viewer would. A missing tool fails the test, naming the Debian package.
#![allow(dead_code)] // each test file uses a different subset

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A rendered PDF written to a temporary file for the command-line tools.
pub struct Pdf {
    path: PathBuf,
}

impl Drop for Pdf {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn run(tool: &str, package: &str, args: &[&str]) -> Output {
    Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "could not run `{tool}` ({e}): these tests read the PDFs back with it; \
             install the Debian package `{package}` (apt-get install {package})"
        )
    })
}

fn stdout(tool: &str, package: &str, args: &[&str]) -> String {
    let out = run(tool, package, args);
    assert!(
        out.status.success(),
        "`{tool} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tool output is UTF-8")
}

impl Pdf {
    pub fn new(bytes: &[u8]) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "duly-documents-test-{}-{}.pdf",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, bytes).expect("write temporary PDF");
        Self { path }
    }

    fn path(&self) -> &str {
        self.path.to_str().expect("temporary path is UTF-8")
    }

    /// The text of one page (1-based), laid out as on the page.
    pub fn page_text(&self, page: usize) -> String {
        let n = page.to_string();
        stdout(
            "pdftotext",
            "poppler-utils",
            &["-layout", "-f", &n, "-l", &n, self.path(), "-"],
        )
    }

    /// The text of every page.
    pub fn text(&self) -> String {
        stdout("pdftotext", "poppler-utils", &["-layout", self.path(), "-"])
    }

    pub fn page_count(&self) -> usize {
        stdout("qpdf", "qpdf", &["--show-npages", self.path()])
            .trim()
            .parse()
            .expect("qpdf prints the page count")
    }

    /// The QR codes one page (1-based) shows, decoded from the page drawn
    /// at 200 dpi in grey (`pdftoppm`), as a phone camera would read them.
    pub fn page_qr_codes(&self, page: usize) -> Vec<String> {
        let n = page.to_string();
        let out = run(
            "pdftoppm",
            "poppler-utils",
            &["-gray", "-r", "200", "-f", &n, "-l", &n, self.path()],
        );
        assert!(out.status.success(), "pdftoppm failed");
        let (width, height, pixels) = pgm(&out.stdout);
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
            pixels[y * width + x]
        });
        image
            .detect_grids()
            .into_iter()
            .map(|grid| grid.decode().expect("the QR code decodes").1)
            .collect()
    }

    /// `pdfinfo` output ("Page size: 595.276 x 841.89 pts (A4)", …).
    pub fn info(&self) -> String {
        stdout("pdfinfo", "poppler-utils", &[self.path()])
    }

    /// `pdffonts` output: one row per embedded font.
    pub fn fonts(&self) -> String {
        stdout("pdffonts", "poppler-utils", &[self.path()])
    }

    /// Runs `qpdf --check`; returns its output if it found a problem.
    pub fn qpdf_check(&self) -> Result<(), String> {
        let out = run("qpdf", "qpdf", &["--check", self.path()]);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if out.status.success() && text.contains("No syntax or stream encoding errors") {
            Ok(())
        } else {
            Err(text)
        }
    }

    /// Every word with its page (1-based) and box in points, top-down.
    pub fn words(&self) -> Vec<Word> {
        let html = stdout("pdftotext", "poppler-utils", &["-bbox", self.path(), "-"]);
        let mut words = Vec::new();
        let mut page = 0;
        for line in html.lines().map(str::trim) {
            if line.starts_with("<page ") {
                page += 1;
            } else if let Some(rest) = line.strip_prefix("<word ") {
                let attr = |name: &str| -> f32 {
                    let start =
                        rest.find(&format!("{name}=\"")).expect("bbox attribute") + name.len() + 2;
                    let end = start + rest[start..].find('"').expect("closing quote");
                    rest[start..end].parse().expect("numeric attribute")
                };
                let text_start = rest.find('>').expect("word text") + 1;
                let text_end = rest.rfind("</word>").expect("word end");
                words.push(Word {
                    page,
                    text: unescape(&rest[text_start..text_end]),
                    x_min: attr("xMin"),
                    y_min: attr("yMin"),
                    x_max: attr("xMax"),
                    y_max: attr("yMax"),
                });
            }
        }
        words
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub text: String,
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub y_max: f32,
}

/// The first line of `text` holding all `parts` in this order.
pub fn line_with<'t>(text: &'t str, parts: &[&str]) -> Option<&'t str> {
    text.lines().find(|line| {
        let mut rest = *line;
        parts.iter().all(|part| match rest.find(part) {
            Some(at) => {
                rest = &rest[at + part.len()..];
                true
            }
            None => false,
        })
    })
}

/// Asserts `text` has a line with all `parts` in order.
#[track_caller]
pub fn assert_line(text: &str, parts: &[&str]) {
    assert!(
        line_with(text, parts).is_some(),
        "no line with {parts:?} in:\n{text}"
    );
}

/// A binary PGM (P5, 8-bit) image: width, height and one byte a pixel.
fn pgm(bytes: &[u8]) -> (usize, usize, &[u8]) {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..at]).expect("PGM header"));
    }
    assert_eq!((fields[0], fields[3]), ("P5", "255"), "an 8-bit binary PGM");
    let width: usize = fields[1].parse().expect("width");
    let height: usize = fields[2].parse().expect("height");
    let pixels = &bytes[at + 1..];
    assert_eq!(pixels.len(), width * height, "one byte a pixel");
    (width, height, pixels)
}
