//! tauri-driver: the WebDriver server that launches the app and forwards the
//! commands to WebKitWebDriver, which drives the app's webview.

use std::fs::File;
use std::net::{Ipv4Addr, SocketAddrV4, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use crate::process::ProcessGroup;

const NATIVE_DRIVER: &str = "/usr/bin/WebKitWebDriver";
const STARTUP: Duration = Duration::from_secs(15);

pub struct Driver {
    url: String,
    server: ProcessGroup,
}

impl Driver {
    /// Starts tauri-driver on free ports, on `display` if given, and waits
    /// until it answers. Its output (and WebKit's) goes to `log`; the driver
    /// is listed in the folder `running` meanwhile. The app it launches
    /// inherits its environment, `env` included.
    pub async fn start(
        display: Option<&str>,
        env: &[(&str, &Path)],
        log: &Path,
        running: &Path,
    ) -> Result<Self> {
        let port = free_port()?;
        let native_port = free_port()?;
        let log =
            File::create(log).with_context(|| format!("could not create {}", log.display()))?;
        let mut command = Command::new(tauri_driver()?);
        command
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .args(["--native-driver", NATIVE_DRIVER])
            // The app formats money and dates with the webview's locale, which
            // WebKitGTK takes from these variables: pin it to English (US).
            .env("LANG", "en_US.UTF-8")
            .env_remove("LANGUAGE")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdout(log.try_clone().context("could not share the driver log")?)
            .stderr(log);
        if let Some(display) = display {
            command.env("DISPLAY", display);
        }
        for (name, value) in env {
            command.env(name, value);
        }
        let mut server = ProcessGroup::spawn("tauri-driver", command, running)?;
        let address = SocketAddrV4::new(Ipv4Addr::LOCALHOST, port);
        // tauri-driver answers before the WebKitWebDriver it starts does.
        let native = SocketAddrV4::new(Ipv4Addr::LOCALHOST, native_port);
        let deadline = Instant::now() + STARTUP;
        while TcpStream::connect(address).is_err() || TcpStream::connect(native).is_err() {
            server.ensure_running()?;
            if Instant::now() > deadline {
                bail!("tauri-driver (port {port}, native {native_port}) did not answer within {STARTUP:?}");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Ok(Self {
            url: format!("http://{address}"),
            server,
        })
    }

    /// Starts the app `application` with `args` in a new WebDriver session.
    pub async fn open_window(&self, application: &Path, args: &[String]) -> Result<Client> {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("wry"));
        capabilities.insert(
            "tauri:options".into(),
            json!({ "application": application, "args": args }),
        );
        ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .with_context(|| {
                format!(
                    "could not start {} through tauri-driver",
                    application.display()
                )
            })
    }

    /// The process group of the driver, which also holds the app.
    pub fn pgid(&self) -> i32 {
        self.server.pgid()
    }

    /// Ends the driver, WebKitWebDriver and the app, and checks they are gone.
    pub fn stop(self) -> Result<()> {
        self.server.stop()
    }
}

/// A port nobody listens on right now (the OS picks it).
fn free_port() -> Result<u16> {
    let listener =
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("could not find a free port")?;
    Ok(listener
        .local_addr()
        .context("could not read the free port")?
        .port())
}

/// tauri-driver from cargo's bin folder or PATH; installed with cargo if
/// missing (about 25 s), as the README's setup does.
fn tauri_driver() -> Result<PathBuf> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")));
    let bin = cargo_home.map(|home| home.join("bin").join("tauri-driver"));
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .map(|dir| dir.join("tauri-driver"));
    if let Some(found) = bin.iter().cloned().chain(on_path).find(|p| p.is_file()) {
        return Ok(found);
    }
    let bin = bin.context("neither CARGO_HOME nor HOME is set: cannot install tauri-driver")?;
    eprintln!("tauri-driver not found: cargo install tauri-driver --locked");
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["install", "tauri-driver", "--locked"])
        .status()
        .context("could not run cargo install tauri-driver")?;
    if !status.success() || !bin.is_file() {
        bail!("cargo install tauri-driver --locked failed ({status})");
    }
    Ok(bin)
}
