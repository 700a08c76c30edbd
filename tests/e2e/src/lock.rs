//! One scenario at a time, machine-wide.
//!
//! Each scenario starts a display, a driver, the app and WebKit: two at once
//! would fight over the 2 cores and make timings flaky. An flock(2) on a file
//! in the target folder serialises tests in the same binary (each open file
//! has its own lock), across test binaries, and across runners that start one
//! process per test (cargo-nextest).

use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::Path;

use anyhow::{Context, Result};

/// Held for a whole scenario; the lock is released when the file is closed.
pub struct RunLock {
    _file: File,
}

impl RunLock {
    /// Waits (off the async runtime's thread) until no other scenario runs.
    pub async fn acquire(target_dir: &Path) -> Result<Self> {
        let path = target_dir.join("e2e.lock");
        let file =
            File::create(&path).with_context(|| format!("could not open {}", path.display()))?;
        tokio::task::spawn_blocking(move || {
            // SAFETY: flock(2) on a descriptor we own; it stays open in `file`.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } == 0 {
                Ok(RunLock { _file: file })
            } else {
                Err(std::io::Error::last_os_error()).context("could not lock e2e.lock")
            }
        })
        .await
        .context("the lock task failed")?
    }
}
