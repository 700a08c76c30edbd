//! What the screens benchmark (`benches/screens.rs`) needs from the harness:
//! release builds of the app and of an empty Tauri window, a display, one
//! window at a time through tauri-driver, the time to paint a screen, and
//! the memory of the processes behind a window.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context, Result};
use fantoccini::Client;
use serde::Deserialize;

use crate::display::VirtualDisplay;
use crate::driver::Driver;
use crate::lock::RunLock;
use crate::process::{end_leftovers, live_members};
use crate::workspace::{cargo, executable, target_dir};

/// The workspace's target folder (where the benchmark keeps its book).
pub fn target() -> Result<PathBuf> {
    target_dir()
}

/// The release binaries measured: Duly and the empty window, built as
/// `cargo tauri build` builds them (the `custom-protocol` feature on).
pub struct Binaries {
    pub app: PathBuf,
    pub empty_window: PathBuf,
}

/// Builds both in one `cargo build --release` (a no-op when up to date).
pub fn build_release() -> Result<Binaries> {
    let output = cargo()
        .args([
            "build",
            "--release",
            "-p",
            "duly",
            "-p",
            "duly-empty-window",
        ])
        .args([
            "--features",
            "duly/custom-protocol,duly-empty-window/custom-protocol",
        ])
        .arg("--message-format=json-render-diagnostics")
        .stderr(Stdio::inherit())
        .output()
        .context("could not run cargo build --release")?;
    if !output.status.success() {
        bail!("cargo build --release failed ({})", output.status);
    }
    Ok(Binaries {
        app: executable(&output.stdout, "duly")?,
        empty_window: executable(&output.stdout, "duly-empty-window")?,
    })
}

/// Memory summed over a window's processes: the app and its WebKit web and
/// network processes (not the drivers).
#[derive(Debug, Clone, Default)]
pub struct Memory {
    pub pss_kib: u64,
    pub rss_kib: u64,
    /// Each process's name and PSS in KiB, to see where the memory is.
    pub processes: Vec<(String, u64)>,
}

impl Memory {
    pub fn pss_mib(&self) -> f64 {
        self.pss_kib as f64 / 1024.0
    }

    pub fn rss_mib(&self) -> f64 {
        self.rss_kib as f64 / 1024.0
    }

    /// "duly 92, WebKitWebProces 182, …": each process's PSS in MiB.
    pub fn by_process(&self) -> String {
        self.processes
            .iter()
            .map(|(name, kib)| format!("{name} {:.0}", *kib as f64 / 1024.0))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One screen painted: how long from the navigation, and the table rows
/// then in the page.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Painted {
    pub ms: f64,
    pub rows: u64,
}

/// A display (Xvfb unless DISPLAY is set) with the run lock held, so no
/// scenario runs beside the benchmark.
pub struct Rig {
    display: Option<VirtualDisplay>,
    running: PathBuf,
    logs: PathBuf,
    _lock: RunLock,
}

/// One window, opened by its own tauri-driver.
pub struct Window {
    pub client: Client,
    driver: Driver,
    /// When the session was asked for, as the page's `Date.now()` counts.
    pub asked_at_ms: f64,
}

impl Rig {
    pub async fn start() -> Result<Self> {
        let target = target_dir()?;
        let lock = RunLock::acquire(&target).await?;
        let running = target.join("e2e-running");
        end_leftovers(&running)?;
        let display = match std::env::var_os("DISPLAY") {
            Some(_) => None,
            None => Some(VirtualDisplay::start(&running).await?),
        };
        let logs = target.join("bench");
        std::fs::create_dir_all(&logs)
            .with_context(|| format!("could not create {}", logs.display()))?;
        Ok(Self {
            display,
            running,
            logs,
            _lock: lock,
        })
    }

    /// Starts `binary` with `args` in a new window; returns once the driver
    /// has its session (the page may still be loading).
    pub async fn open(
        &self,
        binary: &Path,
        args: &[String],
        env: &[(&str, &Path)],
    ) -> Result<Window> {
        let display = self.display.as_ref().map(|d| d.name.as_str());
        let driver =
            Driver::start(display, env, &self.logs.join("driver.log"), &self.running).await?;
        let asked_at_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .context("the clock is before 1970")?
            .as_secs_f64()
            * 1000.0;
        let client = driver.open_window(binary, args).await?;
        Ok(Window {
            client,
            driver,
            asked_at_ms,
        })
    }

    pub fn stop(self) -> Result<()> {
        self.display.map_or(Ok(()), VirtualDisplay::stop)
    }
}

/// Waits in the page for an element at the CSS selector given, then for
/// the frame after it to be painted; answers `Date.now()` then.
const PAINTED_AT: &str = "
    const [css] = arguments; const done = arguments[arguments.length - 1];
    const check = () => {
        if (document.querySelector(css)) requestAnimationFrame(() => requestAnimationFrame(() => done(Date.now())));
        else requestAnimationFrame(check);
    };
    check();";

/// Goes to `hash`, waits for the screen `screen` (its `data-screen`) and
/// the frame after it to be painted.
const NAVIGATE: &str = "
    const [hash, screen] = arguments; const done = arguments[arguments.length - 1];
    const old = document.querySelector('#screen > .page'); if (old) old.__benchOld = true;
    const started = performance.now();
    location.hash = hash;
    const check = () => {
        const page = document.querySelector('#screen > .page');
        if (page && !page.__benchOld && page.dataset.screen === screen)
            requestAnimationFrame(() => requestAnimationFrame(() =>
                done({ ms: performance.now() - started, rows: document.querySelectorAll('#screen tr').length })));
        else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);";

impl Window {
    /// Milliseconds from asking for the window to the first paint with an
    /// element at `css` in its page.
    pub async fn started_in(&self, css: &str) -> Result<f64> {
        let at: f64 = serde_json::from_value(
            self.client
                .execute_async(PAINTED_AT, vec![css.into()])
                .await
                .context("the window never met its start condition")?,
        )?;
        Ok(at - self.asked_at_ms)
    }

    /// Navigates to `hash` and times the paint of the screen `screen`.
    pub async fn visit(&self, hash: &str, screen: &str) -> Result<Painted> {
        let value = self
            .client
            .execute_async(NAVIGATE, vec![hash.into(), screen.into()])
            .await
            .with_context(|| format!("{hash} did not show the {screen} screen"))?;
        Ok(serde_json::from_value(value)?)
    }

    /// Runs `script` in the page.
    pub async fn js<T: serde::de::DeserializeOwned>(&self, script: &str) -> Result<T> {
        Ok(serde_json::from_value(
            self.client.execute(script, vec![]).await?,
        )?)
    }

    /// PSS and RSS summed over the window's processes, once they have
    /// settled for `settle`.
    pub async fn memory(&self, settle: Duration) -> Result<Memory> {
        tokio::time::sleep(settle).await;
        let mut memory = Memory::default();
        for (pid, name) in live_members(self.driver.pgid()) {
            if name == "tauri-driver" || name == "WebKitWebDriver" {
                continue;
            }
            let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
                .with_context(|| format!("could not read the memory of {name} ({pid})"))?;
            let field = |key: &str| {
                rollup
                    .lines()
                    .find_map(|l| l.strip_prefix(key))
                    .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
                    .unwrap_or(0)
            };
            memory.pss_kib += field("Pss:");
            memory.rss_kib += field("Rss:");
            memory.processes.push((name, field("Pss:")));
        }
        // /proc cuts names to 15 bytes.
        if !memory
            .processes
            .iter()
            .any(|(name, _)| name == "WebKitWebProces")
        {
            bail!(
                "the window's web process was not found (it may have crashed): {:?}",
                memory.processes
            );
        }
        Ok(memory)
    }

    /// Ends the window, its processes and its driver.
    pub async fn close(self) -> Result<()> {
        // The driver's group holds the app: stopping it ends everything.
        let _ = self.client.close().await;
        self.driver.stop()
    }
}
