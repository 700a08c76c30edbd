//! Scenario 15: an owner checks what they installed: Settings → About shows
//! Duly's version and licence, the fonts it ships, and the licences of the
//! open-source crates built into it. `.ci/package` plays this scenario on
//! the binary the `.deb` installed (`DULY_E2E_APP=/usr/bin/duly`), so it
//! also proves the installed app starts and shows its welcome screen.

use anyhow::{ensure, Result};
use duly_e2e::{play, User};

#[tokio::test]
async fn about_shows_the_version_and_every_licence() -> Result<()> {
    play("about-duly", async |user: &mut User| {
        user.see_welcome().await?;
        user.open_settings().await?;
        let about = user.open_about().await?;
        let version = format!("Version {}", env!("CARGO_PKG_VERSION"));
        ensure!(about.version == version, "About says {:?}", about.version);
        ensure!(
            about.card.contains("MIT License") && about.card.contains("open-source libraries"),
            "the Settings card reads {:?}",
            about.card
        );
        for font in ["Inter", "Noto Sans", "SIL Open Font License 1.1"] {
            ensure!(
                about.fonts.contains(font),
                "the fonts section lacks {font}: {:?}",
                about.fonts
            );
        }
        for kind in ["MIT License", "Apache License 2.0"] {
            ensure!(
                about
                    .licences
                    .iter()
                    .any(|l| l.starts_with(&format!("{kind} · "))),
                "no {kind} among {:?}",
                about.licences
            );
        }
        Ok(())
    })
    .await
}
