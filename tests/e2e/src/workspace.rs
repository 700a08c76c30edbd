//! The workspace around the scenarios: the app binary they launch (built by
//! cargo first, so `cargo test -p duly-e2e` alone is enough) and the target
//! folder that holds the screenshots.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use anyhow::{bail, Context, Result};
use serde_json::Value;

/// The workspace root: this crate lives in `tests/e2e`.
fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The cargo that runs the tests (it sets `CARGO`), else the one on PATH.
pub(crate) fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root());
    command
}

/// Runs `cargo build -p duly` (a no-op when up to date) once per test
/// binary, so all its scenarios test the same app, and returns the path of
/// the binary cargo reports, so custom target folders work too.
/// `DULY_E2E_APP` names another binary instead (the one the `.deb`
/// installed, for `.ci/package`), and nothing is built.
pub fn build_app() -> Result<PathBuf> {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    if let Some(app) = BUILT.get() {
        return Ok(app.clone());
    }
    if let Some(app) = std::env::var_os("DULY_E2E_APP") {
        let app = PathBuf::from(app);
        if !app.is_file() {
            bail!("DULY_E2E_APP names {}, which is not a file", app.display());
        }
        return Ok(BUILT.get_or_init(|| app).clone());
    }
    let app = build()?;
    Ok(BUILT.get_or_init(|| app).clone())
}

fn build() -> Result<PathBuf> {
    let output = cargo()
        .args(["build", "-p", "duly", "--bin", "duly"])
        .arg("--message-format=json-render-diagnostics")
        .stderr(Stdio::inherit())
        .output()
        .context("could not run cargo build -p duly")?;
    if !output.status.success() {
        bail!("cargo build -p duly failed ({})", output.status);
    }
    executable(&output.stdout, "duly")
}

/// The executable `name` that cargo's `--message-format=json` output
/// (`stdout`) reports it built.
pub(crate) fn executable(stdout: &[u8], name: &str) -> Result<PathBuf> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        .filter(|message| message["target"]["name"] == name)
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .with_context(|| format!("cargo build reported no `{name}` executable"))
}

/// The workspace's target folder, as cargo resolves it (CARGO_TARGET_DIR,
/// config files).
pub fn target_dir() -> Result<PathBuf> {
    let output = cargo()
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .stderr(Stdio::inherit())
        .output()
        .context("could not run cargo metadata")?;
    if !output.status.success() {
        bail!("cargo metadata failed ({})", output.status);
    }
    let metadata: Value =
        serde_json::from_slice(&output.stdout).context("cargo metadata printed no JSON")?;
    metadata["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .context("cargo metadata has no target_directory")
}
