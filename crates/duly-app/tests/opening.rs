//! Opening a book and the ways out: one Duly per book, a damaged or
//! newer book answered with its newest good backup (the book kept aside),
//! read-only when another Duly has it, and restore from every kind of
//! backup Duly makes.

mod common;

use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDateTime};
use common::{companies, customer_named as customer, now};
use duly_app::opening::{self, Folder, ReadOnly, Trouble, WayOut};
use duly_app::{backups, customers, settings, ErrorKind};
use duly_core::profile::ProfileForm;
use duly_store::backup::{self, Kind};
use duly_store::{Book, Fault};

fn later(hours: u64) -> NaiveDateTime {
    now() + chrono::Duration::hours(hours as i64)
}

fn add(book: &mut Book, company: &str) {
    customers::create(book, &customer(company), now()).expect("customer");
}

/// A new book with a profile, opened as the window opens it.
fn new_book(dir: &Path) -> (PathBuf, opening::Opened) {
    let path = dir.join("book.duly");
    let mut opened = opening::open(&path, Folder::MustExist, now()).expect("open");
    let profile = ProfileForm {
        name: "Harbor & Pine".into(),
        currency: "USD".into(),
        default_terms_days: "30".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(&mut opened.book, &profile).expect("profile");
    (path, opened)
}

fn trouble(result: opening::Opening) -> Trouble {
    match result {
        Err(t) => *t,
        Ok(o) => panic!("expected trouble, the book opened: {:?}", o.book),
    }
}

/// Cuts the book file in half, as a failing disk or an interrupted copy might.
fn cut_short(path: &Path) {
    let bytes = std::fs::read(path).expect("read");
    std::fs::write(path, &bytes[..bytes.len() / 2]).expect("cut");
}

#[test]
fn a_second_duly_finds_the_book_in_use_and_may_only_look() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut first) = new_book(dir.path());
    add(&mut first.book, "Written By The First Ltd");

    let second = trouble(opening::open(&path, Folder::MustExist, later(1)));
    assert!(matches!(
        second.fault,
        Some(Fault::InUse { holder: Some(_) })
    ));
    assert!(
        second.message.contains("open in another Duly"),
        "{}",
        second.message
    );
    assert_eq!(
        second.ways_out,
        [WayOut::ReadOnly, WayOut::TryAgain, WayOut::ChooseAnother]
    );

    let mut looking = opening::open_read_only(&path, second.fault.as_ref()).expect("read-only");
    assert!(looking.lock.is_none());
    match looking.read_only.clone() {
        Some(ReadOnly::InUse { holder: Some(h) }) => assert_eq!(h.process, std::process::id()),
        other => panic!("the banner should say who has it: {other:?}"),
    }
    assert_eq!(companies(&mut looking.book), ["Written By The First Ltd"]);
    let refused = customers::create(&mut looking.book, &customer("Beside It Ltd"), now())
        .expect_err("a read-only book takes no writes");
    assert_eq!(refused.kind, ErrorKind::ReadOnly, "{refused:?}");

    // The first Duly closes: trying again opens it for writing.
    drop(first);
    let mut again = opening::open(&path, Folder::MustExist, later(2)).expect("free now");
    add(&mut again.book, "Second Writer Ltd");
    assert_eq!(
        companies(&mut again.book),
        ["Second Writer Ltd", "Written By The First Ltd"]
    );
}

#[test]
fn a_damaged_book_is_answered_with_its_newest_good_backup_and_kept_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut opened) = new_book(dir.path());
    add(&mut opened.book, "Good On Monday Ltd");
    opened
        .book
        .back_up(Kind::Manual, now())
        .expect("good backup");
    add(&mut opened.book, "Added Tuesday Ltd");
    for n in 0..200 {
        add(&mut opened.book, &format!("Filler Customer {n:03} Ltd"));
    }
    // A newer backup that is itself damaged: it must be passed over.
    let bad = opened.book.back_up(Kind::Manual, later(1)).expect("backup");
    cut_short(&bad.path);
    drop(opened);
    cut_short(&path);
    let damaged_bytes = std::fs::read(&path).expect("read");

    let t = trouble(opening::open(&path, Folder::MustExist, later(2)));
    assert!(matches!(t.fault, Some(Fault::Damaged { .. })), "{t:?}");
    assert_eq!(
        t.ways_out,
        [WayOut::NewestBackup, WayOut::ChooseAnother, WayOut::Demo]
    );
    let offered = t.newest_backup.expect("a good backup is offered");
    assert_eq!(
        (offered.kind, offered.date.as_str()),
        ("manual", "2026-11-25")
    );
    assert_eq!(
        offered.time, "10:00",
        "the damaged 11:00 one is passed over"
    );

    let mut restored = opening::open_newest_backup(&path, later(2)).expect("restored");
    assert_eq!(companies(&mut restored.book), ["Good On Monday Ltd"]);
    let told = restored.restored.clone().expect("the owner is told");
    assert_eq!(
        (
            told.from.kind,
            told.from.date.as_str(),
            told.from.time.as_str()
        ),
        ("manual", "2026-11-25", "10:00")
    );
    assert_eq!(told.kept_as, "book-set-aside-2026-11-25T120000.duly");
    let aside = dir.path().join(&told.kept_as);
    assert_eq!(std::fs::read(&aside).expect("kept"), damaged_bytes);
    // The restored book is the owner's book again: it takes new work.
    add(&mut restored.book, "After The Restore Ltd");
}

#[test]
fn without_a_good_backup_the_way_out_is_another_book() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("book.duly");
    std::fs::write(&path, "not a book at all, a shopping list\n".repeat(20)).expect("w");
    let t = trouble(opening::open(&path, Folder::MustExist, now()));
    assert_eq!(t.fault, Some(Fault::NotABook));
    assert_eq!(t.ways_out, [WayOut::ChooseAnother, WayOut::Demo]);
    assert!(t.newest_backup.is_none());
    let again = trouble(opening::open_newest_backup(&path, now()));
    assert!(again.message.contains("No backup"), "{}", again.message);
    assert!(std::fs::read_to_string(&path)
        .expect("untouched")
        .starts_with("not a book"));
}

#[test]
fn a_book_from_a_newer_duly_opens_its_backup_from_before_that_upgrade() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut opened) = new_book(dir.path());
    add(&mut opened.book, "Before The Upgrade Ltd");
    // What a newer Duly does when it upgrades: back up, then migrate.
    opened
        .book
        .back_up(Kind::BeforeMigration, later(1))
        .expect("backup");
    drop(opened);
    let newer = duly_store::book::schema_version() as i64 + 1;
    rusqlite::Connection::open(&path)
        .and_then(|c| c.pragma_update(None, "user_version", newer))
        .expect("upgraded by a newer Duly");

    let t = trouble(opening::open(&path, Folder::MustExist, later(2)));
    assert!(matches!(t.fault, Some(Fault::Newer { found, .. }) if found == newer));
    assert_eq!(t.ways_out[0], WayOut::NewestBackup);
    let mut restored = opening::open_newest_backup(&path, later(2)).expect("restored");
    assert_eq!(companies(&mut restored.book), ["Before The Upgrade Ltd"]);
}

#[test]
fn a_missing_folder_is_not_created_unless_it_is_dulys_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("Thumb drive/book.duly");
    let t = trouble(opening::open(&path, Folder::MustExist, now()));
    assert!(matches!(t.fault, Some(Fault::FolderMissing { .. })));
    assert_eq!(
        t.ways_out,
        [WayOut::TryAgain, WayOut::ChooseAnother, WayOut::Demo]
    );
    assert!(!dir.path().join("Thumb drive").exists());
    // The drive is back but holds no book: trying again says so, and does
    // not make a new, empty book in its place.
    std::fs::create_dir(dir.path().join("Thumb drive")).expect("mkdir");
    let t = trouble(opening::open(&path, Folder::BookMustExist, now()));
    assert_eq!(t.fault, Some(Fault::BookMissing));
    assert_eq!(
        std::fs::read_dir(dir.path().join("Thumb drive"))
            .expect("ls")
            .count(),
        0
    );
    // Duly's own app-data folder on the first start is made.
    let own = dir.path().join("app-data/duly/book.duly");
    opening::open(&own, Folder::Create, now()).expect("first start");
    assert!(own.exists());
}

/// Each kind of backup Duly makes, made the way Duly makes it, restored
/// both ways: from Settings (`backups::restore`) and as the way out of a
/// damaged book (`opening::open_newest_backup`).
#[test]
fn every_kind_of_backup_restores_both_ways() {
    for kind in ["daily", "manual", "before-restore", "before-migration"] {
        for way in ["settings", "way out"] {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("book.duly");
            let made = make_backup_of_kind(&path, kind);
            assert_eq!(made.kind.as_str(), kind);
            match way {
                "settings" => {
                    let mut opened =
                        opening::open(&path, Folder::MustExist, later(30)).expect("open");
                    // As the window does: today's backup (started by the
                    // open, on its own thread) is made before a restore
                    // replaces the file it reads.
                    assert_eq!(opened.backup.wait(), None, "{kind}: today's backup");
                    backups::restore(&mut opened.book, &made.path, later(30)).expect("restore");
                    assert_eq!(companies(&mut opened.book), ["In The Backup Ltd"], "{kind}");
                    add(&mut opened.book, "Writable Again Ltd");
                }
                _ => {
                    // Only this backup is there, so it is the newest good one.
                    for other in backup::list(&path).expect("list") {
                        if other.path != made.path {
                            std::fs::remove_file(&other.path).expect("rm");
                        }
                    }
                    cut_short_or_garble(&path);
                    let t = trouble(opening::open(&path, Folder::MustExist, later(30)));
                    assert_eq!(t.newest_backup.map(|b| b.kind), Some(kind), "{kind}");
                    let mut opened =
                        opening::open_newest_backup(&path, later(30)).expect("restored");
                    assert_eq!(companies(&mut opened.book), ["In The Backup Ltd"], "{kind}");
                    add(&mut opened.book, "Writable Again Ltd");
                }
            }
        }
    }
}

/// A book whose backup of `kind` holds exactly "In The Backup Ltd", and
/// which itself holds more since.
fn make_backup_of_kind(path: &Path, kind: &str) -> backup::BackupFile {
    let holding_one = |book: &mut Book| add(book, "In The Backup Ltd");
    match kind {
        "before-migration" => {
            // A book from an older Duly: Duly backs it up before upgrading.
            common::old_book(path, "In The Backup Ltd");
            let mut opened = opening::open(path, Folder::MustExist, now()).expect("upgrade");
            add(&mut opened.book, "Since The Upgrade Ltd");
        }
        _ => {
            let mut opened = opening::open(path, Folder::MustExist, now()).expect("open");
            holding_one(&mut opened.book);
            match kind {
                "daily" => {
                    // The first start of the next day makes the daily backup.
                    drop(opened);
                    let next = now().checked_add_days(Days::new(1)).expect("day");
                    let mut reopened = opening::open(path, Folder::MustExist, next).expect("o");
                    // It is made on its own thread: what it holds is the book
                    // as it is when the copy is taken.
                    assert_eq!(reopened.backup.wait(), None, "the daily backup is made");
                    add(&mut reopened.book, "Since The Backup Ltd");
                }
                "manual" => {
                    backups::back_up_now(&mut opened.book, later(1)).expect("manual");
                    add(&mut opened.book, "Since The Backup Ltd");
                }
                _ => {
                    // A restore keeps the book it replaced as before-restore.
                    let other = path.with_file_name("elsewhere.duly");
                    drop(Book::open(&other).expect("another book"));
                    backups::restore(&mut opened.book, &other, later(1)).expect("restore");
                }
            }
        }
    }
    let all = backup::list(path).expect("list");
    let wanted = all
        .iter()
        .filter(|b| b.kind.as_str() == kind)
        .max_by_key(|b| b.at)
        .cloned();
    // The daily kind also exists for every day the book was opened; the
    // newest one of the asked kind is the one holding exactly one customer.
    let made = wanted.unwrap_or_else(|| panic!("no {kind} backup in {all:?}"));
    assert_eq!(
        backup::check(&made.path).expect("good").customers,
        1,
        "{kind}"
    );
    made
}

/// Damages the book so it will not open: cut short when it spans pages,
/// else its header overwritten.
fn cut_short_or_garble(path: &Path) {
    let bytes = std::fs::read(path).expect("read");
    if bytes.len() > 8192 {
        cut_short(path);
    } else {
        std::fs::write(path, b"garbage where a book was").expect("garble");
    }
}

#[test]
fn the_daily_backup_is_made_beside_the_work_and_a_failure_is_told() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut opened) = new_book(dir.path());
    // The window works on the book while the backup is made.
    add(&mut opened.book, "Meanwhile Ltd");
    assert_eq!(opened.backup.wait(), None, "today's backup is made");
    assert!(!opened.backup.is_pending());
    let daily: Vec<_> = backup::list(&path)
        .expect("list")
        .into_iter()
        .filter(|b| b.kind == Kind::Daily)
        .collect();
    assert_eq!(daily.len(), 1, "one daily backup: {daily:?}");
    assert!(backup::check(&daily[0].path).is_ok(), "and it is whole");
    drop(opened);

    // Next day, the backups folder cannot be written: the book opens all the
    // same, and the failure is there to tell once it is known.
    let folder = backup::folder_for(&path);
    std::fs::remove_dir_all(&folder).expect("rm backups");
    std::fs::write(&folder, "not a folder").expect("a file in the way");
    let next = now().checked_add_days(Days::new(1)).expect("day");
    let mut again = opening::open(&path, Folder::MustExist, next).expect("opens anyway");
    add(&mut again.book, "Still Working Ltd");
    let failed = again.backup.wait().expect("the backup failed");
    assert!(!failed.is_empty());
    assert_eq!(
        again.backup.failed(),
        Some(failed),
        "told each time it is asked"
    );
}
