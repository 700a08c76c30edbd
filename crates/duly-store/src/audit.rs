//! Queries for `audit_log`, the append-only trail the book's triggers write
//! (migration 0005). Nothing here writes: the triggers do, whichever code made
//! the change, and the schema refuses any edit or delete of the trail.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, Row};

use crate::codec;
use crate::error::Result;

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    /// When the write happened, by the computer's clock.
    pub at: NaiveDateTime,
    /// The table changed: `invoices`, `payments`, `allocations`, `promises`,
    /// `promise_invoices`, `customers`, `business_profile`, `policies`,
    /// `number_sequences`, `tax_rates`.
    pub table: String,
    pub row_id: i64,
    pub customer_id: Option<i64>,
    pub invoice_id: Option<i64>,
    /// `create`, `update`, `delete`, `issue`, `void`, `record`, `allocate`,
    /// `reverse` or `cover`.
    pub action: String,
    /// The row before the change, as a JSON object (none for a creation).
    pub before: Option<String>,
    /// The row after the change, as a JSON object (none for a deletion).
    pub after: Option<String>,
}

const COLUMNS: &str =
    "id, at, table_name, row_id, customer_id, invoice_id, action, before, after FROM audit_log";

type Raw = (Entry, String);

fn raw(r: &Row) -> rusqlite::Result<Raw> {
    Ok((
        Entry {
            id: r.get(0)?,
            at: NaiveDateTime::MIN,
            table: r.get(2)?,
            row_id: r.get(3)?,
            customer_id: r.get(4)?,
            invoice_id: r.get(5)?,
            action: r.get(6)?,
            before: r.get(7)?,
            after: r.get(8)?,
        },
        r.get(1)?,
    ))
}

fn entry((mut e, at): Raw) -> Result<Entry> {
    e.at = codec::timestamp("audit_log.at", &at)?;
    Ok(e)
}

/// Entries `offset..offset + limit` of a trail, newest first, and how many
/// the trail holds: a long-lived customer's trail is read a page at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    pub entries: Vec<Entry>,
    pub total: u64,
}

/// Everything recorded about a customer, newest first.
pub fn for_customer(conn: &Connection, customer_id: i64, offset: u32, limit: u32) -> Result<Slice> {
    slice(conn, "customer_id = ?1", customer_id, offset, limit)
}

/// Everything recorded about an invoice, newest first: its issue and void,
/// the shares of payments given to it and the promises covering it, and the
/// payments and promises themselves (a payment's reversal makes the invoice
/// owe again).
pub fn for_invoice(conn: &Connection, invoice_id: i64, offset: u32, limit: u32) -> Result<Slice> {
    slice(
        conn,
        "invoice_id = ?1
            OR (table_name = 'payments'
                AND row_id IN (SELECT payment_id FROM allocations WHERE invoice_id = ?1))
            OR (table_name = 'promises'
                AND row_id IN (SELECT promise_id FROM promise_invoices WHERE invoice_id = ?1))",
        invoice_id,
        offset,
        limit,
    )
}

fn slice(conn: &Connection, filter: &str, id: i64, offset: u32, limit: u32) -> Result<Slice> {
    let total: i64 = conn
        .prepare_cached(&format!("SELECT COUNT(*) FROM audit_log WHERE {filter}"))?
        .query_row([id], |r| r.get(0))?;
    let total = u64::try_from(total).unwrap_or_default();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} WHERE {filter} ORDER BY id DESC LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = stmt.query_map(params![id, limit, offset], raw)?;
    let entries = rows.map(|r| entry(r?)).collect::<Result<_>>()?;
    Ok(Slice { entries, total })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Book;

    fn book() -> Book {
        let mut book = Book::open_in_memory().expect("book");
        book.write(|tx| {
            tx.execute_batch(
                "INSERT INTO customers (id, company, created_at, updated_at)
                     VALUES (1, 'Acme', '', '');
                 INSERT INTO invoices (id, customer_id, state, currency, total_minor,
                     created_at, updated_at) VALUES (10, 1, 'draft', 'USD', 0, '', '');
                 UPDATE invoices SET state = 'issued', sequence = 1, number = 'INV-0001',
                     issue_date = '2026-11-01', due_date = '2026-12-01' WHERE id = 10;
                 INSERT INTO payments (id, customer_id, received_on, amount_minor, method, created_at)
                     VALUES (5, 1, '2026-11-02', 100, 'check', '');",
            )?;
            Ok(())
        })
        .expect("rows");
        book
    }

    #[test]
    fn the_trail_is_written_by_the_book_and_cannot_be_rewritten() {
        let mut book = book();
        let slice = book.read(|tx| for_customer(tx, 1, 0, 100)).expect("trail");
        assert_eq!(slice.total, 3);
        let trail = slice.entries;
        let actions: Vec<(&str, &str)> = trail
            .iter()
            .map(|e| (e.table.as_str(), e.action.as_str()))
            .collect();
        assert_eq!(
            actions,
            [
                ("payments", "record"),
                ("invoices", "issue"),
                ("customers", "create")
            ]
        );
        assert!(trail[1]
            .after
            .as_deref()
            .is_some_and(|a| a.contains("\"number\":\"INV-0001\"")));
        for sql in ["UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"] {
            let err = book
                .write(|tx| Ok(tx.execute(sql, [])?))
                .expect_err("append-only");
            assert!(err.to_string().contains("append-only"), "{err}");
        }
    }

    #[test]
    fn an_invoice_trail_follows_its_payments() {
        let mut book = book();
        book.write(|tx| {
            tx.execute_batch(
                "INSERT INTO allocations (payment_id, invoice_id, amount_minor, allocated_on)
                     VALUES (5, 10, 100, '2026-11-02');
                 UPDATE payments SET reversed_on = '2026-11-03', reversal_reason = 'Bounced'
                     WHERE id = 5;",
            )?;
            Ok(())
        })
        .expect("write");
        let trail = book.read(|tx| for_invoice(tx, 10, 0, 100)).expect("trail");
        let actions: Vec<&str> = trail.entries.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["reverse", "allocate", "record", "issue"]);
        assert_eq!(trail.total, 4);
        assert_eq!(trail.entries[0].customer_id, Some(1));
        let none = book.read(|tx| for_invoice(tx, 99, 0, 10)).expect("none");
        assert!(none.entries.is_empty() && none.total == 0);
    }

    #[test]
    fn a_trail_is_read_a_page_at_a_time_newest_first() {
        let mut book = book();
        let all = book.read(|tx| for_customer(tx, 1, 0, 100)).expect("all");
        let pages: Vec<Slice> = [0, 2, 4]
            .into_iter()
            .map(|offset| {
                book.read(|tx| for_customer(tx, 1, offset, 2))
                    .expect("page")
            })
            .collect();
        assert!(pages.iter().all(|p| p.total == 3));
        assert_eq!(pages[0].entries, all.entries[..2]);
        assert_eq!(pages[1].entries, all.entries[2..]);
        assert!(pages[2].entries.is_empty(), "past the end");
    }
}
