//! Answers worked out from the whole book, kept until the book changes.
//!
//! Every account's standing on a 52,000-invoice book takes half a second to
//! read and derive; This week, Customers and Invoices all need it, and an
//! owner moves between them many times before anything is written. A
//! [`Memo`] keeps one answer per kind (its Rust type), with the question it
//! answered (a date, a filter) and the state of the book it was worked out
//! on. It is thrown away the moment the book moves on: a row changed through
//! this [`Book`](crate::Book) (SQLite's `total_changes`, which counts rows
//! changed by triggers too, and those of a transaction rolled back) or a
//! commit by another connection (`data_version`), so a kept answer is never
//! older than the book.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::Arc;

/// Where the book stands: rows changed through this connection, and
/// SQLite's count of commits made by any other connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct State {
    pub(crate) changes: u64,
    pub(crate) data_version: i64,
}

struct Kept {
    state: State,
    /// `(question, answer)` as `(K, Arc<V>)` for the `V` this slot is keyed by.
    entry: Box<dyn Any + Send>,
}

/// One kept answer per answer type.
#[derive(Default)]
pub(crate) struct Memo {
    kept: HashMap<TypeId, Kept>,
}

impl Memo {
    /// The answer kept for `question` while the book is at `state`, if any.
    pub(crate) fn get<K, V>(&self, state: State, question: &K) -> Option<Arc<V>>
    where
        K: PartialEq + Send + 'static,
        V: Send + Sync + 'static,
    {
        let kept = self.kept.get(&TypeId::of::<V>())?;
        if kept.state != state {
            return None;
        }
        let (asked, answer) = kept.entry.downcast_ref::<(K, Arc<V>)>()?;
        (asked == question).then(|| Arc::clone(answer))
    }

    /// Keeps `answer` to `question` (replacing the last answer of its type).
    pub(crate) fn keep<K, V>(&mut self, state: State, question: K, answer: Arc<V>)
    where
        K: PartialEq + Send + 'static,
        V: Send + Sync + 'static,
    {
        let entry = Box::new((question, answer));
        self.kept.insert(TypeId::of::<V>(), Kept { state, entry });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Book;

    const AT: State = State {
        changes: 3,
        data_version: 1,
    };

    #[test]
    fn an_answer_is_kept_for_its_question_and_book_state_only() {
        let mut memo = Memo::default();
        memo.keep(AT, "2026-12-01", Arc::new(vec![1, 2, 3]));
        let hit: Option<Arc<Vec<i32>>> = memo.get(AT, &"2026-12-01");
        assert_eq!(hit.as_deref(), Some(&vec![1, 2, 3]));
        let other_day: Option<Arc<Vec<i32>>> = memo.get(AT, &"2026-12-02");
        assert!(other_day.is_none());
        let after_write = State { changes: 4, ..AT };
        let stale: Option<Arc<Vec<i32>>> = memo.get(after_write, &"2026-12-01");
        assert!(stale.is_none());
        let other_writer = State {
            data_version: 2,
            ..AT
        };
        let stale: Option<Arc<Vec<i32>>> = memo.get(other_writer, &"2026-12-01");
        assert!(stale.is_none());
    }

    #[test]
    fn answers_of_different_types_are_kept_side_by_side() {
        let mut memo = Memo::default();
        memo.keep(AT, 7_i64, Arc::new(String::from("standings")));
        memo.keep(AT, 7_i64, Arc::new(42_u32));
        let text: Option<Arc<String>> = memo.get(AT, &7_i64);
        let number: Option<Arc<u32>> = memo.get(AT, &7_i64);
        assert_eq!(text.as_deref().map(String::as_str), Some("standings"));
        assert_eq!(number.as_deref(), Some(&42));
        // A question of another type for the same answer type is a miss, not a panic.
        let wrong_key: Option<Arc<u32>> = memo.get(AT, &"7");
        assert!(wrong_key.is_none());
    }

    #[test]
    fn a_book_works_an_answer_out_again_only_after_a_write() {
        let mut book = Book::open_in_memory().expect("book");
        let mut worked = 0;
        let count = |book: &mut Book, worked: &mut i32| {
            book.remember("customers", |tx| {
                *worked += 1;
                tx.query_row("SELECT COUNT(*) FROM customers", [], |r| r.get::<_, i64>(0))
                    .map_err(crate::StoreError::from)
            })
            .expect("count")
        };
        assert_eq!(*count(&mut book, &mut worked), 0);
        assert_eq!(*count(&mut book, &mut worked), 0);
        assert_eq!(worked, 1, "the second ask is answered from the memo");
        book.write(|tx| {
            tx.execute(
                "INSERT INTO customers (company, created_at, updated_at) VALUES ('Acme', '2026-12-01 09:00:00', '2026-12-01 09:00:00')",
                [],
            )?;
            Ok(())
        })
        .expect("write");
        assert_eq!(*count(&mut book, &mut worked), 1);
        assert_eq!(worked, 2);
        book.write(|tx| {
            tx.execute("UPDATE customers SET notes = notes WHERE id = -1", [])?;
            Ok(())
        })
        .expect("a write that changes nothing");
        assert_eq!(*count(&mut book, &mut worked), 1);
        assert_eq!(worked, 2, "a write that changed no row keeps the answer");
    }

    #[test]
    fn a_commit_by_another_connection_drops_the_answer() {
        let folder = tempfile::tempdir().expect("folder");
        let path = folder.path().join("book.duly");
        let mut book = Book::open(&path).expect("book");
        let mut other = Book::open(&path).expect("a second connection");
        let count = |book: &mut Book| {
            *book
                .remember((), |tx| {
                    tx.query_row("SELECT COUNT(*) FROM customers", [], |r| r.get::<_, i64>(0))
                        .map_err(crate::StoreError::from)
                })
                .expect("count")
        };
        assert_eq!(count(&mut book), 0);
        other
            .write(|tx| {
                tx.execute(
                    "INSERT INTO customers (company, created_at, updated_at) VALUES ('Acme', '2026-12-01 09:00:00', '2026-12-01 09:00:00')",
                    [],
                )?;
                Ok(())
            })
            .expect("write");
        assert_eq!(count(&mut book), 1, "the other connection's commit is seen");
    }
}
