//! One page of a long list: the window asks for the rows it shows, and Rust
//! sorts, searches and counts the whole list.
//!
//! A book of 5,000 customers and 52,000 invoices cannot be sent to the
//! window whole and sorted there: the IPC payload alone takes a second, and
//! a table of thousands of rows takes WebKit longer still. So every long list
//! is worked out here once (kept in the book's memo until the book changes),
//! and each request sends one page of it.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// Rows a page holds unless the window asks otherwise: a screenful and more.
pub const ROWS: usize = 50;
/// The most rows one request may ask for, so no request sends the book.
pub const MOST_ROWS: usize = 500;

/// Which rows the window asks for, in which order.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(default)]
pub struct PageQuery<S> {
    /// The first row asked for, counted from 0 in the list's order.
    pub offset: usize,
    /// How many rows, at most [`MOST_ROWS`].
    pub limit: usize,
    /// The column to sort by; `None` keeps the list's own order.
    pub sort: Option<S>,
    pub descending: bool,
}

impl<S> Default for PageQuery<S> {
    fn default() -> Self {
        PageQuery {
            offset: 0,
            limit: ROWS,
            sort: None,
            descending: false,
        }
    }
}

/// Which rows the window asks for of a list kept in its own order (a
/// customer's timeline, an audit trail: newest first, nothing to sort by).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(default)]
pub struct Span {
    pub offset: usize,
    /// How many rows, at most [`MOST_ROWS`].
    pub limit: usize,
}

impl Default for Span {
    fn default() -> Self {
        Span {
            offset: 0,
            limit: ROWS,
        }
    }
}

impl Span {
    /// The rows asked for, never none and never more than [`MOST_ROWS`].
    pub fn limit(&self) -> usize {
        self.limit.clamp(1, MOST_ROWS)
    }

    /// The page of `rows` (the whole list, in its order) this span asks for.
    pub fn take<T>(&self, rows: Vec<T>) -> Page<T> {
        let total = rows.len();
        let offset = self.offset.min(total);
        Page {
            offset,
            total,
            rows: rows.into_iter().skip(offset).take(self.limit()).collect(),
        }
    }
}

/// Rows `offset..offset + rows.len()` of a list of `total`.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub offset: usize,
    pub total: usize,
    pub rows: Vec<T>,
}

impl<T> Page<T> {
    /// The same page with each row drawn by `view` (a row is made only for
    /// what is shown).
    pub fn map<R>(self, view: impl FnMut(T) -> R) -> Page<R> {
        Page {
            offset: self.offset,
            total: self.total,
            rows: self.rows.into_iter().map(view).collect(),
        }
    }
}

impl<S: Copy> PageQuery<S> {
    /// The page of `rows` (already searched) this query asks for: sorted by
    /// `order` when a column is chosen (ties keep the list's own order, so
    /// paging never shows a row twice), then cut.
    pub fn cut<'a, T, R>(
        &self,
        mut rows: Vec<&'a T>,
        order: impl Fn(S, &T, &T) -> Ordering,
        view: impl Fn(&'a T) -> R,
    ) -> Page<R> {
        if let Some(sort) = self.sort {
            rows.sort_by(|a, b| {
                let o = order(sort, a, b);
                if self.descending {
                    o.reverse()
                } else {
                    o
                }
            });
        }
        let span = Span {
            offset: self.offset,
            limit: self.limit,
        };
        span.take(rows).map(view)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy)]
    struct ByValue;

    fn query(offset: usize, limit: usize, descending: bool) -> PageQuery<ByValue> {
        PageQuery {
            offset,
            limit,
            sort: Some(ByValue),
            descending,
        }
    }

    #[test]
    fn pages_cover_the_sorted_list_once_each() {
        let list: Vec<(u32, u32)> = (0..23).map(|i| (i % 5, i)).collect();
        let by_value = |_: ByValue, a: &(u32, u32), b: &(u32, u32)| a.0.cmp(&b.0);
        let mut seen = Vec::new();
        for descending in [false, true] {
            seen.clear();
            let mut offset = 0;
            loop {
                let page =
                    query(offset, 10, descending).cut(list.iter().collect(), by_value, |r| *r);
                assert_eq!(page.total, 23);
                assert_eq!(page.offset, offset);
                seen.extend(page.rows.iter().copied());
                offset += 10;
                if offset >= page.total {
                    break;
                }
            }
            let mut ids: Vec<u32> = seen.iter().map(|r| r.1).collect();
            ids.sort_unstable();
            assert_eq!(ids, (0..23).collect::<Vec<_>>(), "every row once");
            let values: Vec<u32> = seen.iter().map(|r| r.0).collect();
            let mut expected = values.clone();
            expected.sort_unstable();
            if descending {
                expected.reverse();
            }
            assert_eq!(values, expected);
        }
    }

    #[test]
    fn a_page_past_the_end_is_empty_and_a_huge_limit_is_capped() {
        let list: Vec<u32> = (0..2_000).collect();
        let cut = |q: PageQuery<ByValue>| q.cut(list.iter().collect(), |_, a, b| a.cmp(b), |r| *r);
        let past = cut(query(5_000, 10, false));
        assert_eq!(
            (past.offset, past.total, past.rows.len()),
            (2_000, 2_000, 0)
        );
        assert_eq!(cut(query(0, 1_000_000, false)).rows.len(), MOST_ROWS);
        assert_eq!(cut(query(0, 0, false)).rows.len(), 1, "at least one row");
        let unsorted = PageQuery::<ByValue> {
            offset: 3,
            limit: 2,
            ..PageQuery::default()
        };
        assert_eq!(cut(unsorted).rows, vec![3, 4], "the list's own order");
    }
}
