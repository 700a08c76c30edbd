//! The main window: fitted to a small screen, and its web view set for
//! Duly's own pages only ([`view_documents_only`]).
//!
//! On a small screen the configured 1240 × 800 is larger
//! than a 1024 × 768 laptop, and the window would open with its right edge
//! (Export, Back to my book) off the screen. It is shrunk to the monitor,
//! never below the configured minimum, and centred.

use tauri::{LogicalPosition, LogicalSize, Manager, Runtime};

/// Room left for the desktop's panels and the window's own frame.
const MARGIN: f64 = 48.0;
/// The configured minimum (tauri.conf.json): the layout is built for it.
const MIN: (f64, f64) = (960.0, 620.0);

pub fn fit_to_screen<R: Runtime>(app: &tauri::App<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    // Without a monitor reported (some headless setups), the configured
    // size stands. The window is not realised yet during setup, so its
    // size is read from the configuration, not from the window.
    let Ok(Some(monitor)) = window.current_monitor() else {
        return;
    };
    let Some(configured) = app.config().app.windows.iter().find(|w| w.label == "main") else {
        return;
    };
    let scale = monitor.scale_factor();
    let screen = monitor.size().to_logical::<f64>(scale);
    let current = LogicalSize::new(configured.width, configured.height);
    if current.width <= screen.width && current.height <= screen.height {
        return;
    }
    let fitted = LogicalSize::new(
        current.width.min(screen.width - MARGIN).max(MIN.0),
        current.height.min(screen.height - MARGIN).max(MIN.1),
    );
    // Neither can fail in a way the owner could act on; the window is only
    // larger than it should be.
    let _ = window.set_size(fitted);
    // Centred by hand: the window's own centring reads its size, which is
    // not known before it is shown.
    let _ = window.set_position(LogicalPosition::new(
        ((screen.width - fitted.width) / 2.0).max(0.0),
        ((screen.height - fitted.height) / 2.0).max(0.0),
    ));
}

/// Duly's window shows only its own pages, never the web, so WebKit's
/// document-viewer cache model is the one that fits: it keeps no memory
/// cache of pages and resources for going back or for other sites, which a
/// browser keeps (WebKitGTK suggests it for a viewer of local documents).
/// Other systems' web views size their caches themselves.
pub fn view_documents_only<R: Runtime>(app: &tauri::App<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    // Failing leaves the default cache: more memory, nothing broken.
    #[cfg(target_os = "linux")]
    let _ = window.with_webview(|webview| {
        use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
        if let Some(context) = webview.inner().context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    });
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
