//! Shared by the command tests: a fresh book, a fixed clock, and a snapshot of
//! every row so a test can prove a refused command changed nothing.

#![allow(dead_code)] // each test file uses a different part of it

use chrono::{NaiveDate, NaiveDateTime};
use duly_app::AppError;
use duly_store::Book;

pub fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid time")
}

/// Every row of every table, as text, in a stable order.
pub fn snapshot(book: &mut Book) -> String {
    book.read(|tx| {
        let mut out = String::new();
        let tables: Vec<String> = tx
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for table in tables {
            // The audit trail's `at` is the wall clock (when the write
            // happened): two books built alike differ only there.
            let select = if table == "audit_log" {
                "id, table_name, row_id, customer_id, invoice_id, action, before, after"
            } else {
                "*"
            };
            let mut stmt =
                tx.prepare(&format!("SELECT {select} FROM \"{table}\" ORDER BY 1, 2"))?;
            let columns = stmt.column_count();
            let rows = stmt.query_map([], |r| {
                (0..columns)
                    .map(|i| {
                        r.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })?;
            for row in rows {
                out.push_str(&format!("{table}: {}\n", row?.join(" | ")));
            }
        }
        Ok(out)
    })
    .expect("snapshot")
}

/// Asserts a command was refused on `field` with `message`, changing nothing.
pub fn assert_refused<T: std::fmt::Debug>(
    book: &mut Book,
    field: &str,
    message: &str,
    command: impl FnOnce(&mut Book) -> Result<T, AppError>,
) {
    let before = snapshot(book);
    let error = command(book).expect_err("the command should be refused");
    let found = error
        .fields
        .iter()
        .find(|f| f.field == field)
        .unwrap_or_else(|| panic!("no error on {field}: {error:?}"));
    assert!(
        found.message.contains(message),
        "on {field}: expected {message:?}, got {:?}",
        found.message
    );
    assert_eq!(before, snapshot(book), "a refused command changed the book");
}

/// Asserts a command was refused as not allowed, changing nothing.
pub fn assert_not_allowed<T: std::fmt::Debug>(
    book: &mut Book,
    message: &str,
    command: impl FnOnce(&mut Book) -> Result<T, AppError>,
) {
    let before = snapshot(book);
    let error = command(book).expect_err("the command should be refused");
    assert_eq!(error.kind, duly_app::ErrorKind::NotAllowed, "{error:?}");
    assert!(
        error.message.contains(message),
        "expected {message:?}, got {:?}",
        error.message
    );
    assert_eq!(before, snapshot(book), "a refused command changed the book");
}

/// A book as Duly wrote it at schema version 2 (an older Duly), holding one
/// customer, `company`: for upgrades and before-migration backups.
pub fn old_book(path: &std::path::Path, company: &str) {
    let conn = rusqlite::Connection::open(path).expect("old");
    for sql in [
        include_str!("../../../duly-store/migrations/0001_foundation.sql"),
        include_str!("../../../duly-store/migrations/0002_payments_promises_contacts.sql"),
    ] {
        conn.execute_batch(sql).expect("old schema");
    }
    conn.execute(
        "INSERT INTO customers (company, created_at, updated_at)
         VALUES (?1, '2026-01-01T00:00:00', '2026-01-01T00:00:00')",
        [company],
    )
    .expect("old data");
    conn.pragma_update(None, "user_version", 2)
        .expect("version 2");
}

/// A customer form with a billing contact, for tests that need a customer.
pub fn customer_named(company: &str) -> duly_core::customer::CustomerForm {
    use duly_core::customer::{Contact, CustomerForm};
    CustomerForm {
        company: company.into(),
        billing: Contact {
            name: "Ada".into(),
            email: "ap@example.com".into(),
            ..Contact::default()
        },
        ..CustomerForm::default()
    }
}

/// The companies of every customer, archived too, as the list sorts them.
pub fn companies(book: &mut Book) -> Vec<String> {
    duly_app::customers::list(book, true, now())
        .expect("list")
        .into_iter()
        .map(|c| c.company)
        .collect()
}
