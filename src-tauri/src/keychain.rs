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

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// The real Secret Service, not a mock: run by `.ci/secret-service` inside
    /// a private D-Bus session with an unlocked gnome-keyring (ignored in a
    /// plain `cargo test`, which has no session bus).
    #[test]
    #[ignore = "needs a D-Bus session with a Secret Service; see .ci/secret-service"]
    fn the_smtp_password_round_trips_through_the_secret_service() {
        let store = super::platform_store().expect("a Secret Service on the session bus");
        keyring_core::set_default_store(store);
        let entry = keyring_core::Entry::new("Duly SMTP", "ci@127.0.0.1").expect("entry");
        entry.set_password("s3cret-from-ci").expect("stored");
        assert_eq!(entry.get_password().expect("read back"), "s3cret-from-ci");
        entry.delete_credential().expect("removed");
        assert!(matches!(
            entry.get_password(),
            Err(keyring_core::Error::NoEntry)
        ));
    }
}
