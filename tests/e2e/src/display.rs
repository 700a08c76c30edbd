//! A virtual X display, for runs without one (CI, ssh): the app needs a real
//! GTK window, and Xvfb gives it one that screenshots can read.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::process::ProcessGroup;

/// The first display number tried; low numbers belong to real sessions.
const FIRST: u32 = 90;
const STARTUP: Duration = Duration::from_secs(10);

pub struct VirtualDisplay {
    /// ":90", for the DISPLAY of the processes that draw on it.
    pub name: String,
    server: ProcessGroup,
}

impl VirtualDisplay {
    /// Starts Xvfb on a free display and waits until it accepts clients;
    /// the server is listed in the folder `running` meanwhile.
    pub async fn start(running: &Path) -> Result<Self> {
        let number = (FIRST..FIRST + 100)
            .find(|n| !socket(*n).exists() && !Path::new(&format!("/tmp/.X{n}-lock")).exists())
            .context("no free X display number between :90 and :189")?;
        let name = format!(":{number}");
        let mut command = Command::new("Xvfb");
        command
            .args([&name, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            // Xvfb warns about missing fonts and keymaps on every start.
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut server = ProcessGroup::spawn("Xvfb", command, running)?;
        let deadline = Instant::now() + STARTUP;
        while !socket(number).exists() {
            server.ensure_running()?;
            if Instant::now() > deadline {
                bail!("Xvfb {name} did not open its socket within {STARTUP:?}");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Ok(Self { name, server })
    }

    /// Ends Xvfb and checks it is gone.
    pub fn stop(self) -> Result<()> {
        self.server.stop()
    }
}

fn socket(number: u32) -> std::path::PathBuf {
    Path::new("/tmp/.X11-unix").join(format!("X{number}"))
}
