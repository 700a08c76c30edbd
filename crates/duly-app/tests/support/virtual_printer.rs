//! The virtual printer `.ci/printer` sets up: a CUPS queue named `Duly-PDF`
//! (cups-pdf) that writes every job it prints as a PDF into
//! `/var/spool/cups-pdf/<user>/`, its name ending in `-job_<n>.pdf`. Tests
//! print on it through the app and read back what came out of the printer.
#![allow(dead_code)] // each test crate uses a different subset

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The queue's name.
pub const PRINTER: &str = "Duly-PDF";

/// Whether the queue is there, or how to set it up.
pub fn check() -> Result<(), String> {
    let out = std::process::Command::new("lpstat")
        .arg("-e")
        .output()
        .map_err(|e| format!("lpstat could not run ({e}): run `bash .ci/printer` first"))?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == PRINTER)
    {
        Ok(())
    } else {
        Err(format!(
            "no printer {PRINTER}: run `bash .ci/printer` to set up the virtual PDF printer"
        ))
    }
}

/// Where the printer puts what it prints for this user.
fn out_dir() -> Result<PathBuf, String> {
    let user = std::process::Command::new("id")
        .arg("-un")
        .output()
        .map_err(|e| format!("id -un: {e}"))?;
    Ok(PathBuf::from("/var/spool/cups-pdf").join(String::from_utf8_lossy(&user.stdout).trim()))
}

/// The files printed so far, to tell the next one apart.
pub fn printed_so_far() -> Vec<OsString> {
    out_dir()
        .ok()
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name())
        .collect()
}

/// Waits for job `job` ("Duly-PDF-7") to come out of the printer and returns
/// the printed file's bytes.
pub fn printed(job: &str) -> Result<Vec<u8>, String> {
    let n = job
        .rsplit('-')
        .next()
        .filter(|n| n.parse::<u32>().is_ok())
        .ok_or_else(|| format!("{job:?} is not a CUPS job id"))?;
    let suffix = format!("-job_{n}.pdf");
    wait_for(&format!("job {job}"), |name| {
        name.to_string_lossy().ends_with(&suffix)
    })
}

/// Waits for a file that was not among `before` and returns its bytes.
pub fn printed_since(before: &[OsString]) -> Result<Vec<u8>, String> {
    wait_for("a new job", |name| !before.iter().any(|b| b == name))
}

fn wait_for(what: &str, wanted: impl Fn(&OsString) -> bool) -> Result<Vec<u8>, String> {
    let dir = out_dir()?;
    let started = Instant::now();
    loop {
        let found = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .find(|e| wanted(&e.file_name()));
        if let Some(entry) = found {
            // cups-pdf writes the file in place: wait for a whole PDF.
            let bytes = std::fs::read(entry.path()).map_err(|e| e.to_string())?;
            let tail = &bytes[bytes.len().saturating_sub(64)..];
            if bytes.starts_with(b"%PDF") && tail.windows(5).any(|w| w == b"%%EOF") {
                return Ok(bytes);
            }
        }
        if started.elapsed() > Duration::from_secs(60) {
            return Err(format!(
                "{what} never came out of {PRINTER} into {} (see /var/log/cups/error_log)",
                dir.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}
