// The app package's manifest is the root Cargo.toml, beside tauri.conf.json
// (the design card's layout); its sources and capabilities stay in src-tauri/.
fn main() {
    let attributes = tauri_build::Attributes::new()
        .config_path("tauri.conf.json")
        .capabilities_path_pattern("src-tauri/capabilities/**/*");
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {error:#}");
    }
}
