//! A book that cannot be opened safely is refused with the fault named, and
//! the file is left byte for byte as it was: no migration, no WAL, no folder
//! created.

use std::path::{Path, PathBuf};

use duly_store::{Book, Fault, StoreError};
use rusqlite::Connection;

/// A book with a few pages of customers, closed (checkpointed into one file).
fn real_book(dir: &Path) -> PathBuf {
    let path = dir.join("book.duly");
    let mut book = Book::open(&path).expect("create");
    book.write(|tx| {
        for i in 0..400 {
            tx.execute(
                "INSERT INTO customers (company, created_at, updated_at) VALUES (?1, '', '')",
                [format!(
                    "Customer {i:04} with a name long enough to fill pages"
                )],
            )?;
        }
        Ok(())
    })
    .expect("fill");
    drop(book);
    path
}

/// What is in the folder: every file's name and bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| {
            let e = e.expect("entry");
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}

/// Opens `path`, expects the fault `want` to match, and the folder unchanged.
fn refused(path: &Path, want: impl Fn(&Fault) -> bool) -> Fault {
    let dir = path.parent().expect("folder");
    let before = snapshot(dir);
    let fault = match Book::open(path) {
        Err(StoreError::Fault(fault)) => fault,
        Err(other) => panic!("{}: expected a fault, got {other:?}", path.display()),
        Ok(_) => panic!("{} opened", path.display()),
    };
    assert!(want(&fault), "{}: unexpected {fault:?}", path.display());
    assert_eq!(
        snapshot(dir),
        before,
        "{}: the folder changed",
        path.display()
    );
    fault
}

#[test]
fn a_book_cut_short_is_damaged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = real_book(dir.path());
    let bytes = std::fs::read(&path).expect("read");
    assert!(bytes.len() > 8192, "the book should span pages");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("truncate");
    let fault = refused(&path, |f| matches!(f, Fault::Damaged { .. }));
    assert!(fault.to_string().contains("cut short"), "{fault}");

    std::fs::write(&path, &bytes[..60]).expect("truncate into the header");
    refused(&path, |f| matches!(f, Fault::Damaged { .. }));
}

#[test]
fn files_that_are_not_duly_books_are_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = dir.path().join("notes.duly");
    std::fs::write(
        &text,
        "Dear Duly, this is a letter, not a book.\n".repeat(50),
    )
    .expect("w");
    let fault = refused(&text, |f| *f == Fault::NotABook);
    assert_eq!(
        fault.to_string(),
        "This file is not a Duly book. Duly left it as it was."
    );

    // Another program's SQLite database: migrating it would add Duly's
    // tables to someone else's file.
    let other = dir.path().join("photos.duly");
    {
        let conn = Connection::open(&other).expect("open");
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);")
            .expect("create");
    }
    refused(&other, |f| *f == Fault::NotABook);

    let folder = dir.path().join("a-folder.duly");
    std::fs::create_dir(&folder).expect("mkdir");
    refused(&folder, |f| *f == Fault::NotABook);
}

#[test]
fn a_book_from_a_newer_duly_is_not_touched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = real_book(dir.path());
    let reads = duly_store::book::schema_version();
    Connection::open(&path)
        .and_then(|c| c.pragma_update(None, "user_version", reads as i64 + 3))
        .expect("set a newer version");
    let fault = refused(&path, |f| matches!(f, Fault::Newer { .. }));
    assert_eq!(
        fault,
        Fault::Newer {
            found: reads as i64 + 3,
            reads
        }
    );
    assert!(
        fault.to_string().contains("Install the newest Duly"),
        "{fault}"
    );
    // Nor was it backed up "before migration": nothing was migrated.
    assert!(!dir.path().join("backups").exists());
}

#[cfg(unix)]
#[test]
fn a_read_only_book_or_folder_is_refused_even_to_an_administrator() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = real_book(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    refused(&path, |f| *f == Fault::ReadOnly);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");

    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).expect("mkdir");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let inside = folder.join("book.duly");
    refused(&inside, |f| *f == Fault::ReadOnly);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert!(!inside.exists());
}

#[test]
fn a_missing_folder_is_reported_not_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("USB-STICK/Books/book.duly");
    match Book::open(&path) {
        Err(StoreError::Fault(Fault::FolderMissing { folder })) => {
            assert_eq!(folder, dir.path().join("USB-STICK/Books"))
        }
        other => panic!("expected FolderMissing, got {:?}", other.err()),
    }
    assert!(!dir.path().join("USB-STICK").exists());
}

#[test]
fn an_empty_file_or_no_file_becomes_a_new_book() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.duly");
    std::fs::write(&empty, b"").expect("touch");
    Book::open(&empty).expect("an empty file is a new book");
    Book::open(&dir.path().join("new.duly")).expect("no file is a new book");
}

#[test]
fn a_book_cut_short_beside_its_wal_is_read_through_before_it_is_trusted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = real_book(dir.path());
    // Duly quit without closing the book (as when its process ends): the
    // last writes are still in the WAL beside it.
    let mut book = Book::open(&path).expect("open");
    book.write(|tx| {
        tx.execute(
            "INSERT INTO customers (company, created_at, updated_at) VALUES ('In the WAL', '', '')",
            [],
        )?;
        Ok(())
    })
    .expect("write");
    let copy = tempfile::tempdir().expect("tempdir");
    let bytes = std::fs::read(&path).expect("read");
    let cut = copy.path().join("book.duly");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("cut");
    std::fs::copy(
        dir.path().join("book.duly-wal"),
        copy.path().join("book.duly-wal"),
    )
    .expect("wal");
    let whole = tempfile::tempdir().expect("tempdir");
    std::fs::write(whole.path().join("book.duly"), &bytes).expect("copy");
    std::fs::copy(
        dir.path().join("book.duly-wal"),
        whole.path().join("book.duly-wal"),
    )
    .expect("wal");
    drop(book);
    let fault = match Book::open(&cut) {
        Err(StoreError::Fault(fault)) => fault,
        other => panic!("a cut book beside its WAL opened: {:?}", other.err()),
    };
    assert!(matches!(fault, Fault::Damaged { .. }), "{fault:?}");

    // Whole, the same book and WAL open: the WAL is SQLite's to replay.
    let mut whole = Book::open(&whole.path().join("book.duly")).expect("a whole book opens");
    let found: i64 = whole
        .read(|tx| {
            Ok(tx.query_row(
                "SELECT COUNT(*) FROM customers WHERE company = 'In the WAL'",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("read");
    assert_eq!(found, 1, "the write in the WAL is there");
}
