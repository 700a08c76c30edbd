//! Printing a rendered PDF on one of the computer's printers: Print… on an
//! invoice, a statement, a credit note, a letter or the weekly summary.
//!
//! Linux and macOS print through CUPS with its standard command-line tools:
//! `lpstat` lists the queues and `lp` takes the PDF on its standard input.
//! They ship with CUPS on every such system, talk to whichever CUPS server
//! the system is set up for (a `CUPS_SERVER` included), and let CUPS convert
//! the PDF for the printer. That spares Duly a C binding to libcups (the
//! `printers` and `cups-sys` crates need its development headers to build)
//! for two calls whose output has been stable for decades. Windows hands
//! the file to the shell's "printto" verb, which prints it with the PDF
//! application the owner uses, on the printer they chose.
//!
//! Nothing here reads the book: the caller renders first (outside the book's
//! transaction) and passes the bytes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use duly_core::DomainError;
use serde::{Deserialize, Serialize};

use duly_store::policies::PageSize;

use crate::documents::Rendered;
use crate::error::{AppError, Result};

/// A printer the owner can choose in the Print dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Printer {
    /// The queue's name, as the system knows it ("Office-LaserJet").
    pub name: String,
    /// The system's default printer is chosen first in the dialog.
    pub is_default: bool,
}

/// What the Print dialog offers. With no printer, `none_because` says why in
/// the owner's words, and the dialog offers Save PDF instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintersView {
    pub printers: Vec<Printer>,
    pub none_because: Option<String>,
}

/// The Print dialog as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PrintForm {
    pub printer: String,
    /// 1 to [`MAX_COPIES`]; empty means one.
    pub copies: String,
}

/// More copies than this is a typo, not an order.
pub const MAX_COPIES: u32 = 99;

/// A job the printing system accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Printed {
    pub printer: String,
    /// The system's id for the job ("Office-LaserJet-42"), to find it in the
    /// system's print queue; empty where the system gives none.
    pub job: String,
    pub copies: u32,
}

/// The printers of this computer, the default first.
pub fn list() -> PrintersView {
    match platform::printers() {
        Ok(mut printers) if !printers.is_empty() => {
            printers.sort_by_key(|p| !p.is_default);
            PrintersView {
                printers,
                none_because: None,
            }
        }
        Ok(_) => PrintersView {
            printers: Vec::new(),
            none_because: Some(
                "No printer is set up on this computer. Add one in the system's printer settings, or save the PDF and print it later."
                    .into(),
            ),
        },
        Err(why) => PrintersView {
            printers: Vec::new(),
            none_because: Some(why),
        },
    }
}

/// Sends `document`, laid out on `paper`, to the chosen printer, asking for
/// that paper (so a Letter invoice is not shrunk onto the printer's A4). A
/// bad form changes nothing; a printer that refuses the job is reported
/// with the system's own words.
pub fn print(document: &Rendered, paper: PageSize, form: &PrintForm) -> Result<Printed> {
    let printer = form.printer.trim();
    if printer.is_empty() {
        return Err(DomainError::field("printer", "Choose a printer.").into());
    }
    let copies = copies(&form.copies)?;
    let title = document
        .file_name
        .strip_suffix(".pdf")
        .unwrap_or(&document.file_name);
    let job = platform::submit(printer, copies, title, paper, document)
        .map_err(|why| refused(printer, &why))?;
    Ok(Printed {
        printer: printer.to_string(),
        job,
        copies,
    })
}

fn copies(text: &str) -> Result<u32> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(1);
    }
    match text.parse::<u32>() {
        Ok(n) if (1..=MAX_COPIES).contains(&n) => Ok(n),
        _ => Err(DomainError::field(
            "copies",
            format!("Copies must be a whole number from 1 to {MAX_COPIES}."),
        )
        .into()),
    }
}

fn refused(printer: &str, why: &str) -> AppError {
    AppError {
        kind: crate::error::ErrorKind::Printing,
        message: format!("{printer} did not take the job: {why}"),
        fields: Vec::new(),
    }
}

/// Runs `command` with `input` on its standard input; the error is what the
/// tool said (its last line of stderr), or why it could not run.
fn run(mut command: Command, input: Option<&[u8]>) -> std::result::Result<Output, String> {
    // The tools' messages are parsed and shown: ask for them untranslated.
    command.env("LC_ALL", "C").env("LANG", "C");
    command
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let program = command.get_program().to_string_lossy().into_owned();
    let mut child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!(
            "Printing isn't set up on this computer ({program} is missing). Save the PDF and print it from another program."
        ),
        _ => format!("Could not start {program}: {e}"),
    })?;
    if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
        // Dropping stdin at the end of this block ends the input.
        stdin
            .write_all(bytes)
            .map_err(|e| format!("{program} stopped reading the document: {e}"))?;
    }
    let output = child
        .wait_with_output()
        .map_err(|e| format!("{program} did not finish: {e}"))?;
    if output.status.success() {
        Ok(output)
    } else {
        Err(said(&output.stderr)
            .unwrap_or_else(|| format!("{program} failed ({}).", output.status)))
    }
}

/// The last thing a tool wrote on stderr, without its "lp: Error - " prefix.
fn said(stderr: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(stderr);
    let line = text.lines().map(str::trim).rfind(|l| !l.is_empty())?;
    let line = line.split_once(": ").map_or(line, |(_, rest)| rest);
    let line = line.strip_prefix("Error - ").unwrap_or(line);
    Some(line.to_string())
}

#[cfg(unix)]
mod platform {
    //! CUPS: `lpstat -e` names every queue, `lpstat -d` the default one, and
    //! `lp` reads the PDF from stdin (so no temporary file is left behind).

    use super::{run, PageSize, Printer, Rendered};
    use std::process::Command;

    pub fn printers() -> Result<Vec<Printer>, String> {
        let mut names = Command::new("lpstat");
        names.arg("-e");
        let names = run(names, None)?;
        if names.stdout.iter().all(u8::is_ascii_whitespace) {
            // No queue, or no scheduler to ask: say which.
            let mut scheduler = Command::new("lpstat");
            scheduler.arg("-r");
            if let Ok(out) = run(scheduler, None) {
                if String::from_utf8_lossy(&out.stdout).contains("not running") {
                    return Err("The printing service (CUPS) is not running on this computer, so Duly cannot reach your printers. Start it from the system's printer settings, or save the PDF and print it later.".into());
                }
            }
        }
        let mut default = Command::new("lpstat");
        default.arg("-d");
        // A system with no default printer still lists its printers.
        let default = run(default, None)
            .ok()
            .and_then(|out| default_printer(&String::from_utf8_lossy(&out.stdout)));
        Ok(queues(
            &String::from_utf8_lossy(&names.stdout),
            default.as_deref(),
        ))
    }

    pub fn submit(
        printer: &str,
        copies: u32,
        title: &str,
        paper: PageSize,
        document: &Rendered,
    ) -> Result<String, String> {
        let media = match paper {
            PageSize::A4 => "A4",
            PageSize::UsLetter => "Letter",
        };
        let mut lp = Command::new("lp");
        lp.arg("-d")
            .arg(printer)
            .arg("-n")
            .arg(copies.to_string())
            .arg("-t")
            .arg(title)
            .arg("-o")
            .arg(format!("media={media}"));
        let out = run(lp, Some(&document.bytes))?;
        Ok(job_id(&String::from_utf8_lossy(&out.stdout)).unwrap_or_default())
    }

    /// `lpstat -e`: one queue name per line.
    pub(super) fn queues(listing: &str, default: Option<&str>) -> Vec<Printer> {
        listing
            .lines()
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(|name| Printer {
                name: name.to_string(),
                is_default: Some(name) == default,
            })
            .collect()
    }

    /// `lpstat -d`: "system default destination: Office" or "no system
    /// default destination".
    pub(super) fn default_printer(said: &str) -> Option<String> {
        said.lines()
            .find_map(|l| l.trim().strip_prefix("system default destination:"))
            .map(|name| name.trim().to_string())
            .filter(|name| !name.is_empty())
    }

    /// `lp`: "request id is Office-42 (1 file(s))".
    pub(super) fn job_id(said: &str) -> Option<String> {
        said.lines()
            .find_map(|l| l.trim().strip_prefix("request id is "))
            .and_then(|rest| rest.split_whitespace().next())
            .map(str::to_string)
    }
}

#[cfg(windows)]
mod platform {
    //! Windows: PowerShell's `Get-Printer` lists the printers; the file is
    //! written to the temporary folder and printed with the "PrintTo" verb,
    //! which asks the owner's PDF application to print it on that printer.

    use super::{run, PageSize, Printer, Rendered};
    use std::process::Command;

    fn powershell(script: &str) -> Command {
        let mut command = Command::new("powershell");
        command.args(["-NoProfile", "-NonInteractive", "-Command", script]);
        command
    }

    pub fn printers() -> Result<Vec<Printer>, String> {
        let out = run(
            powershell(
                "Get-CimInstance Win32_Printer | ForEach-Object { \"$($_.Default)`t$($_.Name)\" }",
            ),
            None,
        )?;
        Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|line| line.trim().split_once('\t'))
            .map(|(default, name)| Printer {
                name: name.to_string(),
                is_default: default.eq_ignore_ascii_case("true"),
            })
            .collect())
    }

    /// The PDF application prints on the paper its own settings choose.
    pub fn submit(
        printer: &str,
        copies: u32,
        _title: &str,
        _paper: PageSize,
        document: &Rendered,
    ) -> Result<String, String> {
        let dir = std::env::temp_dir().join("duly");
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let path = dir.join(&document.file_name);
        std::fs::write(&path, &document.bytes).map_err(|e| e.to_string())?;
        let quoted = |s: &str| format!("'{}'", s.replace('\'', "''"));
        for _ in 0..copies {
            run(
                powershell(&format!(
                    "Start-Process -FilePath {} -Verb PrintTo -ArgumentList {} -WindowStyle Hidden",
                    quoted(&path.display().to_string()),
                    quoted(&format!("\"{printer}\"")),
                )),
                None,
            )?;
        }
        Ok(String::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_one_to_ninety_nine_and_empty_is_one() {
        assert_eq!(copies("").ok(), Some(1));
        assert_eq!(copies(" 3 ").ok(), Some(3));
        assert_eq!(copies("99").ok(), Some(99));
        for bad in ["0", "100", "2.5", "-1", "two"] {
            let e = copies(bad).expect_err(bad);
            assert_eq!(e.fields[0].field, "copies", "{bad}");
            assert!(e.message.contains("1 to 99"), "{bad}: {}", e.message);
        }
    }

    #[test]
    fn a_tool_is_quoted_without_its_name_and_error_prefix() {
        assert_eq!(
            said(b"lp: Error - The printer or class does not exist.\n").as_deref(),
            Some("The printer or class does not exist.")
        );
        assert_eq!(said(b"\n\n"), None);
    }

    #[cfg(unix)]
    #[test]
    fn cups_listings_are_read_as_printers_and_jobs() {
        use platform::{default_printer, job_id, queues};
        let default = default_printer("system default destination: Office\n");
        assert_eq!(default.as_deref(), Some("Office"));
        assert_eq!(default_printer("no system default destination\n"), None);
        assert_eq!(
            queues("Front-Desk\nOffice\n\n", default.as_deref()),
            vec![
                Printer {
                    name: "Front-Desk".into(),
                    is_default: false
                },
                Printer {
                    name: "Office".into(),
                    is_default: true
                },
            ]
        );
        assert_eq!(
            job_id("request id is Office-42 (1 file(s))\n").as_deref(),
            Some("Office-42")
        );
    }

    #[test]
    fn a_form_without_a_printer_is_refused_before_anything_runs() {
        let doc = Rendered {
            bytes: b"%PDF-1.7".to_vec(),
            file_name: "INV-0001 Blue Heron Dental.pdf".into(),
        };
        let e = print(&doc, PageSize::A4, &PrintForm::default()).expect_err("no printer");
        assert_eq!(e.fields[0].field, "printer");
    }
}
