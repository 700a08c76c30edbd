//! An empty Tauri 2 window, built and started exactly as Duly is: the
//! baseline of `cargo bench -p duly-e2e --bench screens` (README,
//! "Large books"). It opens one window on a page with a heading and does
//! nothing else.

fn main() {
    if let Err(error) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("the empty window could not start: {error}");
        std::process::exit(1);
    }
}
