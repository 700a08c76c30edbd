//! Chooses the OS keychain that `keyring-core` stores secrets in (today: the
//! SMTP password). Without one (a headless Linux session with no Secret
//! Service) Duly still runs; saving a password then says the keychain is not
//! available, and nothing is written anywhere else.

pub fn init() {
    match platform_store() {
        Ok(store) => keyring_core::set_default_store(store),
        Err(e) => eprintln!("duly: no system keychain ({e}); SMTP passwords cannot be saved"),
    }
}

#[cfg(target_os = "linux")]
fn platform_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(dbus_secret_service_keyring_store::Store::new()?)
}

#[cfg(target_os = "macos")]
fn platform_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(target_os = "windows")]
fn platform_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new()?)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn platform_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Err(keyring_core::Error::NotSupportedByStore(
        "this system".into(),
    ))
}
