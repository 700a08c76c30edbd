//! The book: one SQLite file holding everything a business has billed.
//!
//! Opened in WAL mode with `synchronous=FULL` and foreign keys on; migrated
//! to the current schema on open; every change runs in one `BEGIN IMMEDIATE`
//! transaction so two writers (two windows, a test's threads) queue up
//! instead of interleaving.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::backup::{self, BackupFile, Kind};
use crate::error::{Result, StoreError};
use crate::fault;
use crate::memo::{Memo, State};
use crate::schema::migrations;
pub use crate::schema::schema_version;

/// How long a connection waits for another writer before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Book {
    pub(crate) conn: Connection,
    memo: Memo,
}

/// How hard a commit is pushed to disk. Duly always runs [`Durability::Full`];
/// `Normal` is there for the power-cut test, to show what it would lose, and
/// for the benchmark of what `Full` costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// `synchronous=FULL`: the WAL is synced at every commit.
    Full,
    /// `synchronous=NORMAL`: synced only at checkpoints.
    Normal,
}

/// The file SQLite or Duly keeps beside the book at `book`: `suffix` is
/// `-wal`, `-shm` or `-lock` (`""`: the book itself).
pub fn beside(book: &Path, suffix: &str) -> PathBuf {
    let mut name = book.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A book shows as its file, for test failures and logs.
impl std::fmt::Debug for Book {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Book").field("file", &self.file()).finish()
    }
}

impl Book {
    /// Opens (creating if needed) the book at `path` and migrates it. An
    /// existing book that needs migrating is backed up first.
    ///
    /// Before anything is written, the file is checked: a missing folder, a
    /// file that is not a Duly book, a damaged or cut-short file, a book from
    /// a newer Duly, or a read-only file is refused as a [`Fault`], with the
    /// file left exactly as it was.
    ///
    /// [`Fault`]: crate::Fault
    pub fn open(path: &Path) -> Result<Book> {
        let verify = fault::check_file(path).map_err(StoreError::Fault)?;
        let conn = Connection::open(path)?;
        fault::check_contents(&conn, schema_version())?;
        if verify {
            fault::check_whole(&conn)?;
        }
        backup::before_migration(&conn, path)?;
        Self::prepare(conn, true)
    }

    /// [`Book::open`] through the SQLite VFS named `vfs`, registered by the
    /// caller: the power-cut test opens books on a VFS that loses every
    /// write not yet synced when its process is killed.
    pub fn open_on_vfs(path: &Path, vfs: &str) -> Result<Book> {
        let verify = fault::check_file(path).map_err(StoreError::Fault)?;
        let conn = Connection::open_with_flags_and_vfs(path, OpenFlags::default(), vfs)?;
        fault::check_contents(&conn, schema_version())?;
        if verify {
            fault::check_whole(&conn)?;
        }
        backup::before_migration(&conn, path)?;
        Self::prepare(conn, true)
    }

    /// Opens the book at `path` for reading only: no migration, no
    /// pre-migration backup, no WAL set-up, and SQLite refuses any write.
    ///
    /// For readers that run beside the app and must start fast (the
    /// `duly-render` CLI). A book at another schema version is refused,
    /// since only [`Book::open`] may migrate it.
    pub fn open_read_only(path: &Path) -> Result<Book> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found != schema_version() as i64 {
            return Err(StoreError::OtherVersion {
                found,
                expected: schema_version(),
            });
        }
        Ok(Book::on(conn))
    }

    /// A private book in memory, for tests.
    pub fn open_in_memory() -> Result<Book> {
        Self::prepare(Connection::open_in_memory()?, false)
    }

    fn prepare(mut conn: Connection, wal: bool) -> Result<Book> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if wal {
            // journal_mode answers with the mode it set; the answer is not needed.
            conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        // FULL syncs the WAL at every commit, so a commit that returned
        // survives a power cut: an invoice number already emailed is never
        // given to another invoice. NORMAL syncs only at checkpoints, and
        // after a power cut the last commits could be gone. The cost is one
        // sync per write (README, "Durable commits").
        conn.pragma_update(None, "synchronous", "FULL")?;
        migrations().to_latest(&mut conn)?;
        Ok(Book::on(conn))
    }

    /// Sets how commits are synced from now on (see [`Durability`]).
    pub fn set_durability(&mut self, durability: Durability) -> Result<()> {
        let mode = match durability {
            Durability::Full => "FULL",
            Durability::Normal => "NORMAL",
        };
        self.conn.pragma_update(None, "synchronous", mode)?;
        Ok(())
    }

    fn on(conn: Connection) -> Book {
        Book {
            conn,
            memo: Memo::default(),
        }
    }

    /// Runs `f` in one write transaction: all of it lands, or none of it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `f` in one read transaction, so it sees one consistent book.
    pub fn read<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// The answer to `question` that `work` gives on the book as it is now:
    /// worked out in one read transaction, or the answer kept from an
    /// earlier call with the same question if nothing was written since
    /// (`memo.rs` says why and when a kept answer is dropped). One answer
    /// is kept per type `V`.
    pub fn remember<K, V, E>(
        &mut self,
        question: K,
        work: impl FnOnce(&Transaction) -> std::result::Result<V, E>,
    ) -> std::result::Result<Arc<V>, E>
    where
        K: PartialEq + Send + 'static,
        V: Send + Sync + 'static,
        E: From<StoreError>,
    {
        let tx = self.conn.transaction().map_err(StoreError::from)?;
        let data_version: i64 = tx
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(StoreError::from)?;
        // Rows this connection changed (a write that changed nothing, such
        // as a recurring run with nothing due, keeps what is kept), and
        // commits by any other connection.
        let state = State {
            changes: tx.total_changes(),
            data_version,
        };
        if let Some(kept) = self.memo.get(state, &question) {
            return Ok(kept);
        }
        let answer = Arc::new(work(&tx)?);
        tx.commit().map_err(StoreError::from)?;
        self.memo.keep(state, question, Arc::clone(&answer));
        Ok(answer)
    }

    /// The file this book lives in; `None` for a book in memory.
    pub fn file(&self) -> Option<PathBuf> {
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    }

    /// Makes a backup of the book of the given kind, stamped `at`, in the
    /// folder beside it (see [`crate::backup`]), and returns it.
    pub fn back_up(&self, kind: Kind, at: NaiveDateTime) -> Result<BackupFile> {
        let path = self.file().ok_or_else(|| {
            StoreError::File("This book is not a file; it has no backups.".into())
        })?;
        backup::make_beside(&self.conn, &path, kind, at)
    }

    /// Replaces the open book with the content of `source` (which passed
    /// [`backup::check`]): the book as it is now is kept first as a
    /// `before-restore` backup (returned), then closed, overwritten by
    /// [`backup::install`] and opened again, which migrates an older backup.
    /// If anything fails once the book is closed, the kept copy is put back
    /// and opened, and the error returned.
    pub fn restore_from(&mut self, source: &Path, at: NaiveDateTime) -> Result<BackupFile> {
        let path = self.file().ok_or_else(|| {
            StoreError::File("This book is not a file; it cannot be restored.".into())
        })?;
        let kept = self.back_up(Kind::BeforeRestore, at)?;
        // Until the book is open again, any use of it fails instead of writing
        // to a book that would vanish.
        let closed = Connection::open_in_memory()?;
        closed.pragma_update(None, "query_only", true)?;
        drop(std::mem::replace(self, Book::on(closed)));
        match backup::install(source, &path).and_then(|()| Book::open(&path)) {
            Ok(restored) => {
                *self = restored;
                Ok(kept)
            }
            Err(error) => {
                backup::install(&kept.path, &path)?;
                *self = Book::open(&path)?;
                Err(error)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upgrades_from_every_previous_version_keep_data() {
        for from in 0..schema_version() {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("old.duly");
            {
                let mut conn = Connection::open(&path).expect("open");
                migrations()
                    .to_version(&mut conn, from)
                    .expect("old schema");
                if from >= 1 {
                    conn.execute(
                        "INSERT INTO customers (company, created_at, updated_at)
                         VALUES ('Kept Ltd', '2026-01-01T00:00:00', '2026-01-01T00:00:00')",
                        [],
                    )
                    .expect("old data");
                }
            }
            let mut book = Book::open(&path).expect("upgrade");
            let (version, kept): (i64, i64) = book
                .read(|tx| {
                    Ok((
                        tx.query_row("PRAGMA user_version", [], |r| r.get(0))?,
                        tx.query_row(
                            "SELECT COUNT(*) FROM customers WHERE company = 'Kept Ltd'",
                            [],
                            |r| r.get(0),
                        )?,
                    ))
                })
                .expect("read");
            assert_eq!(version as usize, schema_version(), "from version {from}");
            assert_eq!(kept, i64::from(from >= 1), "data kept from version {from}");
        }
    }

    /// Version 14 rebuilds `promises`. With foreign keys on, as a book is
    /// opened, the promises, the invoices they cover and their calls survive,
    /// the rebuild logs nothing, the audit triggers come back, and a check
    /// mailed before the promise was recorded is accepted.
    #[test]
    fn the_promises_rebuild_keeps_every_promise_and_its_links() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v13.duly");
        {
            let mut conn = Connection::open(&path).expect("open");
            conn.pragma_update(None, "foreign_keys", true).expect("fk");
            migrations().to_version(&mut conn, 13).expect("v13");
            conn.execute_batch(
                "INSERT INTO customers (id, company, created_at, updated_at)
                     VALUES (1, 'Kept Ltd', '2026-01-01T00:00:00', '2026-01-01T00:00:00');
                 INSERT INTO invoices (id, customer_id, state, currency, created_at, updated_at)
                     VALUES (7, 1, 'draft', 'USD', '2026-01-01T00:00:00', '2026-01-01T00:00:00');
                 INSERT INTO contact_log (id, customer_id, happened_at, channel, person, notes,
                                          outcome, created_at)
                     VALUES (3, 1, '2026-03-03T10:00:00', 'call', 'billing', 'sounded stressed',
                             'promised_to_pay', '2026-03-03T10:05:00');
                 INSERT INTO promises (id, customer_id, kind, amount_minor, made_on, promised_on,
                                       check_number, mailed_on, contact_id, created_at)
                     VALUES (5, 1, 'check_in_mail', 50000, '2026-03-03', '2026-03-10', '1042',
                             '2026-03-02', 3, '2026-03-03T10:05:00');
                 INSERT INTO promise_invoices (promise_id, invoice_id) VALUES (5, 7);",
            )
            .expect("v13 data");
        }
        let audit_rows = |book: &mut Book| -> i64 {
            book.read(|tx| {
                Ok(tx.query_row(
                    "SELECT COUNT(*) FROM audit_log WHERE table_name = 'promises'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .expect("audit")
        };
        let mut book = Book::open(&path).expect("upgrade");
        assert_eq!(audit_rows(&mut book), 1, "the rebuild logged nothing new");
        let kept: (String, i64, i64, String) = book
            .read(|tx| {
                Ok(tx.query_row(
                    "SELECT p.check_number, p.contact_id, pi.invoice_id, c.agreed
                     FROM promises p JOIN promise_invoices pi ON pi.promise_id = p.id
                     JOIN contact_log c ON c.id = p.contact_id WHERE p.id = 5",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )?)
            })
            .expect("promise kept");
        assert_eq!(kept, ("1042".into(), 3, 7, String::new()));
        book.write(|tx| {
            // Told on 1 Dec of a check mailed on 17 Nov, expected by 22 Nov.
            tx.execute(
                "INSERT INTO promises (customer_id, kind, amount_minor, made_on, promised_on,
                                       mailed_on, created_at)
                 VALUES (1, 'check_in_mail', 100, '2026-12-01', '2026-11-22', '2026-11-17',
                         '2026-12-01T09:00:00')",
                [],
            )?;
            Ok(())
        })
        .expect("a check mailed in the past is accepted");
        assert_eq!(audit_rows(&mut book), 2, "the audit trigger is back");
        let refused = book.write(|tx| {
            tx.execute(
                "INSERT INTO promises (customer_id, kind, amount_minor, made_on, promised_on,
                                       mailed_on, created_at)
                 VALUES (1, 'check_in_mail', 100, '2026-12-01', '2026-11-16', '2026-11-17',
                         '2026-12-01T09:00:00')",
                [],
            )?;
            Ok(())
        });
        assert!(
            refused.is_err(),
            "a check cannot arrive before it was mailed"
        );
    }

    /// Version 16 adds the business's country: a v15 book keeps its profile
    /// with no country, and choosing one is audited like every setting.
    #[test]
    fn a_v15_book_gains_a_country_and_its_change_is_audited() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v15.duly");
        {
            let mut conn = Connection::open(&path).expect("open");
            migrations().to_version(&mut conn, 15).expect("v15");
            conn.execute(
                "UPDATE business_profile SET name = 'Pine Street Plumbing' WHERE id = 1",
                [],
            )
            .expect("v15 data");
        }
        let mut book = Book::open(&path).expect("upgrade");
        let mut profile = book.read(|tx| crate::profile::get(tx)).expect("profile");
        assert_eq!(profile.name, "Pine Street Plumbing");
        assert_eq!(profile.country, None);
        profile.country = duly_core::country::Country::from_code("US");
        book.write(|tx| crate::profile::save(tx, &profile))
            .expect("saved");
        let after: String = book
            .read(|tx| {
                Ok(tx.query_row(
                    "SELECT json_extract(after, '$.country') FROM audit_log
                     WHERE table_name = 'business_profile' ORDER BY id DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )?)
            })
            .expect("audited");
        assert_eq!(after, "US");
        let lower = book.write(|tx| {
            tx.execute("UPDATE business_profile SET country = 'us'", [])?;
            Ok(())
        });
        assert!(lower.is_err(), "only an upper-case alpha-2 code is stored");
    }

    /// Version 20 adds the bank account and the payment link: a v19 book's
    /// issued invoice keeps printing nothing of them, saving an IBAN is
    /// audited, and one stored behind Duly's back that does not read is
    /// reported, never printed.
    #[test]
    fn a_v19_book_gains_pay_details_and_its_issued_invoices_keep_none() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v19.duly");
        {
            let mut conn = Connection::open(&path).expect("open");
            migrations().to_version(&mut conn, 19).expect("v19");
            conn.execute_batch(
                "UPDATE business_profile SET name = 'Müller & Søn', currency = 'EUR' WHERE id = 1;
                 INSERT INTO customers (id, company, created_at, updated_at)
                     VALUES (1, 'Kept Ltd', '2026-01-01T00:00:00', '2026-01-01T00:00:00');
                 INSERT INTO invoices (id, customer_id, state, number, sequence, issue_date,
                                       due_date, currency, payment_text, created_at, updated_at)
                     VALUES (7, 1, 'issued', 'INV-0007', 7, '2026-01-02', '2026-02-01', 'EUR',
                             'Bank: Sparkasse', '2026-01-02T00:00:00', '2026-01-02T00:00:00');",
            )
            .expect("v19 data");
        }
        let mut book = Book::open(&path).expect("upgrade");
        let invoice = book
            .read(|tx| crate::invoices::get(tx, 7))
            .expect("invoice");
        assert_eq!(invoice.footer.payment_text, "Bank: Sparkasse");
        assert_eq!(
            (
                invoice.footer.iban,
                invoice.footer.bic,
                invoice.footer.pay_link
            ),
            (None, None, None)
        );
        let mut profile = book.read(|tx| crate::profile::get(tx)).expect("profile");
        assert_eq!(profile.iban, None);
        profile.iban = Some(
            duly_core::bank::account::Iban::parse("iban", "DE89 3704 0044 0532 0130 00")
                .expect("valid"),
        );
        book.write(|tx| crate::profile::save(tx, &profile))
            .expect("saved");
        let after: String = book
            .read(|tx| {
                Ok(tx.query_row(
                    "SELECT json_extract(after, '$.iban') FROM audit_log
                     WHERE table_name = 'business_profile' ORDER BY id DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )?)
            })
            .expect("audited");
        assert_eq!(after, "DE89370400440532013000");
        book.write(|tx| {
            tx.execute("UPDATE business_profile SET iban = 'DE00 nonsense'", [])?;
            Ok(())
        })
        .expect("written behind Duly's back");
        let read = book.read(|tx| crate::profile::get(tx));
        assert!(
            matches!(&read, Err(StoreError::Corrupt(column)) if column == "business_profile.iban"),
            "got {read:?}"
        );
    }

    /// Version 21 keeps the statement lines imported and the payer names
    /// confirmed: a v20 book with payments gains both tables empty, and a
    /// line's fingerprint is taken once.
    #[test]
    fn a_v20_book_gains_bank_lines_and_a_line_is_imported_once() {
        use crate::bank_lines::{self, ImportedLine, Outcome};
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v20.duly");
        {
            let mut conn = Connection::open(&path).expect("open");
            migrations().to_version(&mut conn, 20).expect("v20");
            conn.execute_batch(
                "INSERT INTO customers (id, company, created_at, updated_at)
                     VALUES (1, 'Kept Ltd', '2026-01-01T00:00:00', '2026-01-01T00:00:00');
                 INSERT INTO payments (id, customer_id, received_on, amount_minor, method, created_at)
                     VALUES (3, 1, '2026-11-24', 59500, 'check', '2026-11-24T09:00:00');",
            )
            .expect("v20 data");
        }
        let mut book = Book::open(&path).expect("upgrade");
        let fingerprints = vec!["id:TX-1|595".to_owned(), "id:TX-2|54.9".to_owned()];
        let none = book
            .read(|tx| bank_lines::earlier(tx, &fingerprints))
            .expect("read");
        assert!(none.is_empty());
        let line = ImportedLine {
            fingerprint: &fingerprints[0],
            booked_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid"),
            amount_minor: 59500,
            counterparty: "KEPT LTD",
            text: "Check 1042",
            outcome: Outcome::Paid,
            payment_id: Some(3),
            file_name: "camt053.xml",
        };
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("valid");
        book.write(|tx| {
            bank_lines::insert(tx, &line, now)?;
            crate::payer_names::remember(tx, "kept", 1, "KEPT LTD")
        })
        .expect("imported");
        let found = book
            .read(|tx| bank_lines::earlier(tx, &fingerprints))
            .expect("read");
        assert_eq!(found.len(), 1);
        assert_eq!(found[&fingerprints[0]].outcome, Outcome::Paid);
        assert_eq!(found[&fingerprints[0]].imported_at, now);
        let again = book.write(|tx| bank_lines::insert(tx, &line, now));
        assert!(matches!(again, Err(StoreError::Domain(_))), "got {again:?}");
        let names = book.read(|tx| crate::payer_names::all(tx)).expect("names");
        assert_eq!(names, [(1, "KEPT LTD".to_owned())]);
    }

    #[test]
    fn a_read_only_book_reads_and_refuses_writes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("b.duly");
        drop(Book::open(&path).expect("create"));
        let mut book = Book::open_read_only(&path).expect("open read-only");
        let version: i64 = book
            .read(|tx| Ok(tx.query_row("PRAGMA user_version", [], |r| r.get(0))?))
            .expect("read");
        assert_eq!(version as usize, schema_version());
        let write = book.write(|tx| {
            tx.execute(
                "INSERT INTO tax_rates (name, percent) VALUES ('x', '1')",
                [],
            )?;
            Ok(())
        });
        assert!(
            matches!(write, Err(StoreError::Fault(crate::Fault::ReadOnly))),
            "a read-only book must refuse writes, got {write:?}"
        );
    }

    #[test]
    fn a_read_only_open_refuses_a_book_it_would_have_to_migrate() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("old.duly");
        let mut conn = Connection::open(&path).expect("open");
        migrations().to_version(&mut conn, 3).expect("old schema");
        drop(conn);
        match Book::open_read_only(&path) {
            Err(StoreError::OtherVersion { found: 3, expected }) => {
                assert_eq!(expected, schema_version())
            }
            Err(other) => panic!("expected OtherVersion, got {other}"),
            Ok(_) => panic!("an old book opened read-only"),
        }
        let version: i64 = Connection::open(&path)
            .expect("reopen")
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, 3, "a read-only open changed nothing");
    }

    #[test]
    fn a_book_is_wal_synced_at_every_commit_with_foreign_keys() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut book = Book::open(&dir.path().join("b.duly")).expect("open");
        let (mode, fk, synchronous): (String, bool, i64) = book
            .read(|tx| {
                Ok((
                    tx.query_row("PRAGMA journal_mode", [], |r| r.get(0))?,
                    tx.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?,
                    tx.query_row("PRAGMA synchronous", [], |r| r.get(0))?,
                ))
            })
            .expect("pragmas");
        assert_eq!(mode, "wal");
        assert!(fk);
        assert_eq!(synchronous, 2, "FULL");
    }

    #[test]
    fn migrations_are_valid_and_counted() {
        assert!(migrations().validate().is_ok());
        let mut conn = Connection::open_in_memory().expect("memory");
        migrations().to_latest(&mut conn).expect("migrate");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version as usize, schema_version());
    }
}
