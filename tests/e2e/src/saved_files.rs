//! The files the app wrote for the user (.eml, CSV, PDF), read back as the
//! program that opens them would: the email decoded part by part, the CSV
//! row by row.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, ensure, Context, Result};
use mailparse::{DispositionType, MailHeaderMap, ParsedMail};

/// An .eml file, decoded.
#[derive(Debug, Clone)]
pub struct SavedEmail {
    pub to: String,
    pub cc: String,
    pub subject: String,
    /// The plain-text body, decoded (quoted-printable, base64…).
    pub text: String,
    pub attachments: Vec<SavedAttachment>,
}

#[derive(Debug, Clone)]
pub struct SavedAttachment {
    pub file_name: String,
    /// e.g. "application/pdf".
    pub mime_type: String,
    /// The decoded content starts as a PDF does ("%PDF-").
    pub is_pdf: bool,
}

/// Reads the email at `path`.
pub fn read_email(path: &Path) -> Result<SavedEmail> {
    let raw = std::fs::read(path).with_context(|| format!("could not read {}", path.display()))?;
    let mail = mailparse::parse_mail(&raw)
        .with_context(|| format!("{} is not an email message", path.display()))?;
    let header = |name: &str| mail.headers.get_first_value(name).unwrap_or_default();
    let mut email = SavedEmail {
        to: header("To"),
        cc: header("Cc"),
        subject: header("Subject"),
        text: String::new(),
        attachments: Vec::new(),
    };
    collect_parts(&mail, &mut email)?;
    Ok(email)
}

fn collect_parts(part: &ParsedMail, email: &mut SavedEmail) -> Result<()> {
    if !part.subparts.is_empty() {
        for sub in &part.subparts {
            collect_parts(sub, email)?;
        }
        return Ok(());
    }
    let disposition = part.get_content_disposition();
    if disposition.disposition == DispositionType::Attachment {
        let body = part
            .get_body_raw()
            .context("could not decode an attachment")?;
        email.attachments.push(SavedAttachment {
            file_name: disposition
                .params
                .get("filename")
                .cloned()
                .unwrap_or_default(),
            mime_type: part.ctype.mimetype.clone(),
            is_pdf: body.starts_with(b"%PDF-"),
        });
    } else if part.ctype.mimetype == "text/plain" {
        email
            .text
            .push_str(&part.get_body().context("could not decode the text")?);
    }
    Ok(())
}

/// Reads the CSV file at `path` as rows of cells.
pub fn read_csv(path: &Path) -> Result<Vec<Vec<String>>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("could not open {}", path.display()))?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("{} is not valid CSV", path.display()))?;
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

/// Whether the file at `path` is a PDF (by its first bytes).
pub fn is_pdf(path: &Path) -> Result<bool> {
    let bytes =
        std::fs::read(path).with_context(|| format!("could not read {}", path.display()))?;
    Ok(bytes.starts_with(b"%PDF-"))
}

/// The names of the files in `dir` (none if it does not exist).
pub(crate) fn listing(dir: &Path) -> Result<BTreeSet<String>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(BTreeSet::new());
    };
    let mut names = BTreeSet::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("could not list {}", dir.display()))?;
        names.insert(entry.file_name().to_string_lossy().into_owned());
    }
    Ok(names)
}

/// The one file ending in `.extension` that appeared in `dir` since
/// `before` was listed.
pub(crate) fn new_file(dir: &Path, before: &BTreeSet<String>, extension: &str) -> Result<PathBuf> {
    let suffix = format!(".{extension}");
    let now = listing(dir)?;
    let fresh: Vec<&String> = now
        .difference(before)
        .filter(|name| name.ends_with(&suffix))
        .collect();
    match fresh.as_slice() {
        [one] => {
            let path = dir.join(one);
            let size = std::fs::metadata(&path)
                .with_context(|| format!("could not read {}", path.display()))?
                .len();
            ensure!(size > 0, "{} is empty", path.display());
            Ok(path)
        }
        [] => bail!(
            "no new {suffix} file in {} (it holds {now:?})",
            dir.display()
        ),
        many => bail!("several new {suffix} files in {}: {many:?}", dir.display()),
    }
}

/// The text of a saved PDF, as `pdftotext -layout` extracts it (poppler-utils).
pub fn pdf_text(path: &Path) -> Result<String> {
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .context("pdftotext is needed to read the PDF (Debian package poppler-utils)")?;
    ensure!(
        out.status.success(),
        "pdftotext could not read {}",
        path.display()
    );
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
