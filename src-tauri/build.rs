// tauri.conf.json lives at the repository root (the design card's layout);
// paths inside it are relative to it.
fn main() {
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json"))
    {
        panic!("tauri build step failed: {error:#}");
    }
}
