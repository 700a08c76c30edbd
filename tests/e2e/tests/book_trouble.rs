//! Scenario 17: the book file goes wrong and the owner gets out without
//! losing anything. The book is replaced by a copy cut off halfway while
//! Duly is closed: Duly says
//! it is damaged and opens the newest good backup in its place, keeping the
//! damaged file beside it. Then another Duly holds the book: this one says
//! who has it, opens it read-only (a change is refused in words), and opens
//! it for writing once the other has let go.

use anyhow::{ensure, Result};
use duly_e2e::{play, CustomerInput, User};
use duly_store::{BookLock, Holder};

fn customer(company: &str) -> CustomerInput {
    CustomerInput {
        company: company.into(),
        ..CustomerInput::default()
    }
}

#[tokio::test]
async fn a_damaged_or_busy_book_has_a_way_out_and_nothing_is_lost() -> Result<()> {
    play("book-trouble", async |user: &mut User| {
        user.see_welcome().await?;
        user.create_customer(&customer("Backed Up Before Ltd"))
            .await?;
        let said = user.back_up_now().await?;
        ensure!(said == "Backup made", "Back up now said {said:?}");
        user.create_customer(&customer("Added After The Backup Ltd"))
            .await?;

        // A copy of the book cut off halfway (a full stick, a dropped
        // connection), put in the book's place: the book file alone, cut.
        user.quit_and_then("replace the book by a copy cut off halfway", |book| {
            let bytes = std::fs::read(book)?;
            for beside in ["-wal", "-shm"] {
                let mut name = book.as_os_str().to_owned();
                name.push(beside);
                if std::fs::metadata(&name).is_ok() {
                    std::fs::remove_file(&name)?;
                }
            }
            std::fs::write(book, &bytes[..bytes.len() / 2])?;
            Ok(())
        })
        .await?;
        let damaged = user.read_trouble().await?;
        ensure!(
            damaged.heading == "Your book is damaged" && damaged.message.contains("cut short"),
            "the trouble screen says {damaged:?}"
        );
        let first = damaged.ways.first().cloned().unwrap_or_default();
        ensure!(
            first.0 == "newest_backup" && first.1.starts_with("Open the backup of "),
            "the first way out should be the backup: {:?}",
            damaged.ways
        );
        user.take_way_out("newest_backup").await?;
        let notice = user.notice().await?.unwrap_or_default();
        ensure!(
            notice.starts_with("Duly opened your backup of ") && notice.contains("book-set-aside-"),
            "the notice says {notice:?}"
        );
        let listed = user.open_customer_list().await?;
        ensure!(
            listed == ["Backed Up Before Ltd"],
            "the backup holds {listed:?}"
        );
        let folder = user.book_path().parent().map(|p| p.to_owned());
        let kept = folder
            .and_then(|f| std::fs::read_dir(f).ok())
            .map(|entries| {
                entries.filter_map(|e| e.ok()).any(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with("book-set-aside-")
                })
            })
            .unwrap_or(false);
        ensure!(kept, "the damaged book was not kept beside the new one");

        let mut other_duly = None;
        user.quit_and_then("another Duly opens the book", |book| {
            let holder = Holder {
                user: "maria".into(),
                computer: "front-desk".into(),
                process: 4242,
                since: "2026-11-25 09:30".into(),
            };
            other_duly = Some(BookLock::take(book, &holder)?);
            Ok(())
        })
        .await?;
        let busy = user.read_trouble().await?;
        ensure!(
            busy.heading == "Your book is in use"
                && busy
                    .message
                    .starts_with("maria on front-desk has had this book open in Duly since "),
            "the trouble screen says {busy:?}"
        );
        user.take_way_out("read_only").await?;
        let banner = user.read_only_banner().await?.unwrap_or_default();
        ensure!(
            banner.starts_with("Read-only: maria on front-desk has this book open in Duly, since "),
            "the banner says {banner:?}"
        );
        let refused = user.try_to_create_customer("Beside The Other Ltd").await?;
        ensure!(
            refused.starts_with("Nothing was saved: this book is open in another Duly"),
            "saving in a read-only book said {refused:?}"
        );

        drop(other_duly.take());
        user.open_for_writing().await?;
        ensure!(
            user.read_only_banner().await?.is_none(),
            "still read-only after the other Duly let go"
        );
        user.create_customer(&customer("Written Again Ltd")).await?;
        let listed = user.open_customer_list().await?;
        ensure!(
            listed == ["Backed Up Before Ltd", "Written Again Ltd"],
            "the book holds {listed:?}"
        );
        Ok(())
    })
    .await
}
