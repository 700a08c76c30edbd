//! Long lists a page at a time: on a demo book of 300 customers and 3,000
//! invoices, walking every page of a list (in any order it sorts by) gives
//! each row of the whole list exactly once, in that order; search narrows the
//! whole list, not a page; and the standings and summary the screens share
//! are worked out again after a write, never served stale.

use chrono::{NaiveDate, NaiveDateTime};
use duly_app::audit::Subject;
use duly_app::customers::{self, CustomerQuery, CustomerSort};
use duly_app::demo::{self, DemoSize};
use duly_app::invoices::{self, InvoiceSort, ListQuery, StatusFilter};
use duly_app::page::{Page, PageQuery, Span, MOST_ROWS, ROWS};
use duly_app::summary::{self, AgingColumn, AgingSort, SummaryList, SummaryRow};
use duly_app::views::InvoiceRow;
use duly_core::invoice::{InvoiceState, InvoiceStatus};
use duly_store::Book;
use rust_decimal::Decimal;

const BOOK: DemoSize = DemoSize {
    customers: 300,
    invoices: 3_000,
    payment_parts: 1,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(9, 0, 0).expect("time")
}

fn book() -> Book {
    let mut book = Book::open_in_memory().expect("book");
    demo::generate(&mut book, BOOK, today()).expect("demo");
    book
}

/// Every row of a list, fetched a page of `limit` at a time by `fetch`.
fn walk<T>(limit: usize, mut fetch: impl FnMut(usize, usize) -> Page<T>) -> Vec<T> {
    let mut rows = Vec::new();
    loop {
        let page = fetch(rows.len(), limit);
        assert_eq!(page.offset, rows.len(), "a page starts where it was asked");
        let total = page.total;
        assert!(page.rows.len() <= limit);
        rows.extend(page.rows);
        if rows.len() >= total {
            assert_eq!(rows.len(), total, "the pages add up to the list");
            return rows;
        }
    }
}

fn money(text: &str) -> Decimal {
    text.parse().expect("a decimal string")
}

#[test]
fn customer_pages_cover_every_customer_once_in_each_order() {
    let mut book = book();
    let all = customers::list(&mut book, false, now()).expect("list");
    assert!(all.len() >= 300);
    for sort in [
        None,
        Some(CustomerSort::Company),
        Some(CustomerSort::BillingName),
        Some(CustomerSort::OpenInvoices),
        Some(CustomerSort::DaysPastDue),
        Some(CustomerSort::Balance),
    ] {
        for descending in [false, true] {
            let rows = walk(ROWS, |offset, limit| {
                let query = CustomerQuery {
                    page: PageQuery {
                        offset,
                        limit,
                        sort,
                        descending,
                    },
                    ..CustomerQuery::default()
                };
                customers::page(&mut book, &query, now())
                    .expect("page")
                    .page
            });
            let mut ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            ids.sort_unstable();
            let mut expected: Vec<i64> = all.iter().map(|r| r.id).collect();
            expected.sort_unstable();
            assert_eq!(ids, expected, "{sort:?}: every customer once");
            // Text sorts as the search matches: case and accents folded.
            let text = |t: &str| duly_core::text::fold(t);
            for pair in rows.windows(2) {
                let [a, b] = pair else { continue };
                let order = match sort {
                    None | Some(CustomerSort::Company) => text(&a.company).cmp(&text(&b.company)),
                    Some(CustomerSort::BillingName) => {
                        text(&a.billing_name).cmp(&text(&b.billing_name))
                    }
                    Some(CustomerSort::Balance) => money(&a.balance).cmp(&money(&b.balance)),
                    Some(CustomerSort::DaysPastDue) => a.days_past_due.cmp(&b.days_past_due),
                    Some(CustomerSort::OpenInvoices) => a.open_invoices.cmp(&b.open_invoices),
                };
                let wrong = if descending && sort.is_some() {
                    std::cmp::Ordering::Less
                } else {
                    std::cmp::Ordering::Greater
                };
                assert_ne!(
                    order, wrong,
                    "{sort:?} descending={descending}: {a:?} then {b:?}"
                );
            }
        }
    }
}

#[test]
fn a_customer_search_narrows_the_whole_list_and_counts_it() {
    let mut book = book();
    let all = customers::list(&mut book, false, now()).expect("list");
    let needle = "kettle";
    let expected: Vec<i64> = all
        .iter()
        .filter(|r| r.company.to_lowercase().contains(needle))
        .map(|r| r.id)
        .collect();
    const FEW: usize = 4;
    assert!(
        expected.len() > FEW,
        "the search finds more than a page of {FEW}"
    );
    let query = CustomerQuery {
        search: "KETTLE".into(),
        ..CustomerQuery::default()
    };
    let first = customers::page(&mut book, &query, now()).expect("page");
    assert_eq!(
        first.all,
        all.len(),
        "all customers are counted beside the found"
    );
    assert_eq!(first.page.total, expected.len());
    let found = walk(FEW, |offset, limit| {
        let query = CustomerQuery {
            page: PageQuery {
                offset,
                limit,
                ..PageQuery::default()
            },
            ..query.clone()
        };
        customers::page(&mut book, &query, now())
            .expect("page")
            .page
    });
    assert_eq!(found.iter().map(|r| r.id).collect::<Vec<_>>(), expected);
}

fn invoice_pages(book: &mut Book, query: &ListQuery) -> Vec<InvoiceRow> {
    walk(MOST_ROWS, |offset, limit| {
        let query = ListQuery {
            page: PageQuery {
                offset,
                limit,
                ..query.page
            },
            ..query.clone()
        };
        invoices::page(book, &query, now()).expect("page")
    })
}

#[test]
fn invoice_pages_match_the_whole_list_for_every_filter_and_order() {
    let mut book = book();
    for status in [
        StatusFilter::All,
        StatusFilter::Open,
        StatusFilter::Overdue,
        StatusFilter::Paid,
        StatusFilter::Draft,
    ] {
        let query = ListQuery {
            status,
            ..ListQuery::default()
        };
        let whole = invoices::list(&mut book, &query, now()).expect("list");
        let paged = invoice_pages(&mut book, &query);
        assert_eq!(
            paged.iter().map(|r| r.id).collect::<Vec<_>>(),
            whole.iter().map(|r| r.id).collect::<Vec<_>>(),
            "{status:?}, in the book's order"
        );
    }
    let all = ListQuery::default();
    let whole = invoices::list(&mut book, &all, now()).expect("list");
    assert!(whole.len() > 3_000);
    let sorted = |sort, descending| ListQuery {
        page: PageQuery {
            sort: Some(sort),
            descending,
            ..PageQuery::default()
        },
        ..ListQuery::default()
    };
    let by_total = invoice_pages(&mut book, &sorted(InvoiceSort::Total, true));
    assert_eq!(by_total.len(), whole.len());
    assert!(by_total
        .windows(2)
        .all(|w| money(&w[0].total) >= money(&w[1].total)));
    let by_due = invoice_pages(&mut book, &sorted(InvoiceSort::Due, false));
    let dues: Vec<_> = by_due.iter().map(|r| r.due_date).collect();
    let dated = dues.iter().take_while(|d| d.is_some()).count();
    assert!(
        dues[dated..].iter().all(Option::is_none),
        "undated drafts go last"
    );
    assert!(dues[..dated].windows(2).all(|w| w[0] <= w[1]));
    let mut ids: Vec<i64> = by_due.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), whole.len(), "no invoice twice across pages");
}

#[test]
fn an_invoice_search_by_amount_or_customer_spans_every_page() {
    let mut book = book();
    let whole = invoices::list(&mut book, &ListQuery::default(), now()).expect("list");
    let company = whole[whole.len() / 2].customer_company.clone();
    let query = ListQuery {
        search: company.to_uppercase(),
        ..ListQuery::default()
    };
    let found = invoice_pages(&mut book, &query);
    assert!(!found.is_empty());
    assert!(found.iter().all(|r| r
        .customer_company
        .to_lowercase()
        .contains(&company.to_lowercase())));
    let expected = whole
        .iter()
        .filter(|r| {
            r.customer_company
                .to_lowercase()
                .contains(&company.to_lowercase())
        })
        .count();
    assert_eq!(found.len(), expected);
}

#[test]
fn this_week_opens_with_first_pages_and_the_rest_follows_in_order() {
    let mut book = book();
    let whole = summary::compute(&mut book, today()).expect("summary");
    let head = summary::head(&mut book, today()).expect("head");
    assert_eq!(head.lengths.customers, whole.customers.len());
    assert!(
        whole.customers.len() > ROWS,
        "aging by customer spans pages"
    );
    assert_eq!(head.summary.customers.len(), summary::SHOWN);
    assert_eq!(head.lengths.actions, whole.actions.len());
    assert!(head.summary.actions.len() <= summary::SHOWN);
    assert_eq!(
        head.summary.aging.total, whole.aging.total,
        "figures are whole"
    );

    let customer_ids = |rows: Vec<SummaryRow>| -> Vec<i64> {
        rows.into_iter()
            .map(|r| match r {
                SummaryRow::Customer(c) => c.customer_id,
                SummaryRow::Action(a) => a.customer_id,
                other => panic!("not a customer row: {other:?}"),
            })
            .collect()
    };
    let mut page = |list, sort| {
        walk(ROWS, |offset, limit| {
            let query = PageQuery {
                offset,
                limit,
                sort,
                descending: true,
            };
            summary::page(&mut book, today(), list, &query).expect("page")
        })
    };
    let actions = customer_ids(page(SummaryList::Actions, None));
    assert_eq!(
        actions,
        whole
            .actions
            .iter()
            .map(|a| a.customer_id)
            .collect::<Vec<_>>(),
        "follow-ups keep the summary's order (who matters most first)"
    );
    let by_total = page(
        SummaryList::Customers,
        Some(AgingSort::Column(AgingColumn::Total)),
    );
    let totals: Vec<Decimal> = by_total
        .iter()
        .map(|r| match r {
            SummaryRow::Customer(c) => c.total.amount(),
            other => panic!("not aging: {other:?}"),
        })
        .collect();
    assert_eq!(totals.len(), whole.customers.len());
    assert!(
        totals.windows(2).all(|w| w[0] >= w[1]),
        "largest owed first"
    );
    let oldest = page(SummaryList::Customers, Some(AgingSort::Bucket(4)));
    let buckets: Vec<Decimal> = oldest
        .iter()
        .map(|r| match r {
            SummaryRow::Customer(c) => c.amounts[4].amount(),
            other => panic!("not aging: {other:?}"),
        })
        .collect();
    assert!(
        buckets.windows(2).all(|w| w[0] >= w[1]),
        "by the oldest bucket"
    );
}

#[test]
fn what_the_screens_share_is_worked_out_again_after_a_write() {
    let mut book = book();
    // The window prepares the lists while the first screen is read.
    customers::prepare(&mut book, now()).expect("customers prepared");
    invoices::prepare(&mut book, now()).expect("invoices prepared");
    let before = summary::compute(&mut book, today()).expect("summary");
    let again = summary::compute(&mut book, today()).expect("summary");
    assert!(
        std::sync::Arc::ptr_eq(&before, &again),
        "the same book state shares one summary"
    );
    let action = before
        .actions
        .first()
        .expect("someone to follow up")
        .clone();
    let open = invoices::list(
        &mut book,
        &ListQuery {
            status: StatusFilter::Overdue,
            customer_id: Some(action.customer_id),
            ..ListQuery::default()
        },
        now(),
    )
    .expect("overdue invoices");
    let overdue = open.first().expect("an overdue invoice");
    let owing = |book: &mut Book| {
        let query = CustomerQuery {
            search: action.company.clone(),
            ..CustomerQuery::default()
        };
        let page = customers::page(book, &query, now()).expect("customers");
        let row = page.page.rows.iter().find(|r| r.id == action.customer_id);
        money(&row.expect("the customer").balance)
    };
    let owed_before = owing(&mut book);
    let form = duly_core::payment::PaymentForm {
        customer_id: Some(action.customer_id),
        received_on: today().to_string(),
        amount: overdue.balance.clone(),
        method: duly_core::payment::PaymentMethod::Check,
        allocations: vec![duly_core::payment::AllocationForm {
            invoice_id: overdue.id,
            amount: overdue.balance.clone(),
        }],
        ..duly_core::payment::PaymentForm::default()
    };
    duly_app::payments::record(&mut book, &form, now()).expect("payment");
    let after = summary::compute(&mut book, today()).expect("summary");
    assert!(!std::sync::Arc::ptr_eq(&before, &after));
    assert_eq!(
        after.payments_total.amount(),
        before.payments_total.amount() + money(&overdue.balance),
        "the payment is in this week's figures at once"
    );
    let row = invoices::page(
        &mut book,
        &ListQuery {
            search: overdue.number.clone().unwrap_or_default(),
            ..ListQuery::default()
        },
        now(),
    )
    .expect("page");
    let paid = row
        .rows
        .iter()
        .find(|r| r.id == overdue.id)
        .expect("the invoice");
    assert_eq!(paid.balance, "0.00", "the invoice list sees it too");
    assert_eq!(
        owing(&mut book),
        owed_before - money(&overdue.balance),
        "and the customer list"
    );
}

#[test]
fn the_whole_book_header_query_agrees_with_each_customers() {
    // The whole book's headers are summed in one pass (EVERY_HEADER); one
    // customer's come from the per-invoice views. On a book with partial
    // and reversed payments, credit notes and extensions, both give the
    // same balance, due date in force and credits for every invoice.
    let mut book = book();
    // Two credit notes and two extensions on a few issued invoices: the
    // latest extension is the due date in force.
    book.write(|tx| {
        tx.execute_batch(
            "INSERT INTO credit_notes (sequence, number, invoice_id, issued_on, amount_minor, reason, created_at)
                 SELECT 1000 + id, 'CN-T' || id, id, issue_date, 100, 'Goodwill', ''
                 FROM invoices WHERE state = 'issued' AND total_minor > 1000 ORDER BY id LIMIT 2;
             INSERT INTO credit_notes (sequence, number, invoice_id, issued_on, amount_minor, reason, created_at)
                 SELECT 2000 + id, 'CN-U' || id, id, issue_date, 50, 'Goodwill', ''
                 FROM invoices WHERE state = 'issued' AND total_minor > 1000 ORDER BY id LIMIT 1;
             INSERT INTO invoice_extensions (invoice_id, new_due_date, reason, created_at)
                 SELECT id, '2027-01-15', 'Asked', '' FROM invoices
                 WHERE state = 'issued' ORDER BY id DESC LIMIT 3;
             INSERT INTO invoice_extensions (invoice_id, new_due_date, reason, created_at)
                 SELECT id, '2027-01-02', 'Asked again', '' FROM invoices
                 WHERE state = 'issued' ORDER BY id DESC LIMIT 1;",
        )?;
        Ok(())
    })
    .expect("credits and extensions");
    book.read(|tx| {
        let count = |sql: &str| -> i64 { tx.query_row(sql, [], |r| r.get(0)).expect("count") };
        assert!(count("SELECT COUNT(*) FROM payments WHERE reversed_on IS NOT NULL") > 0);
        assert!(count("SELECT COUNT(*) FROM credit_notes") > 0);
        assert!(count("SELECT COUNT(*) FROM invoice_extensions") > 0);
        let mut whole = duly_store::invoices::list(tx, None)?;
        let mut each = Vec::new();
        for (id, _, _) in duly_store::customers::names(tx)? {
            each.extend(duly_store::invoices::list(tx, Some(id))?);
        }
        whole.sort_by_key(|h| h.id);
        each.sort_by_key(|h| h.id);
        assert!(whole.len() >= 3_000, "{} invoices", whole.len());
        assert_eq!(whole, each);
        Ok(())
    })
    .expect("read");
}

#[test]
fn the_lists_entries_and_a_pages_headers_agree_with_the_whole_headers() {
    // Invoices sorts and searches the whole book by its entries (no sums of
    // payments or credits) and reads whole headers only for the rows of a
    // page: both must name the same invoices, in the same order, with the
    // same columns as the whole book's headers.
    let mut book = book();
    book.read(|tx| {
        let headers = duly_store::invoices::list(tx, None)?;
        let entries = duly_store::invoices::entries(tx, None)?;
        assert!(headers.len() >= 3_000);
        assert_eq!(entries.len(), headers.len());
        for (e, h) in entries.iter().zip(&headers) {
            assert_eq!(
                (e.id, e.customer_id, e.customer_company.as_str(), e.state),
                (h.id, h.customer_id, h.customer_company.as_str(), h.state)
            );
            assert_eq!(
                (&e.number, e.issue_date, e.due_date),
                (&h.number, h.issue_date, h.original_due_date)
            );
            assert_eq!((e.currency, e.total_minor), (h.currency, h.total_minor));
        }
        // A page's worth, in an order of its own, and an id the book never had.
        let mut picked: Vec<i64> = headers.iter().rev().step_by(97).map(|h| h.id).collect();
        picked.push(-1);
        let read = duly_store::invoices::headers_of(tx, &picked)?;
        let expected: Vec<_> = headers.iter().rev().step_by(97).cloned().collect();
        assert_eq!(
            read, expected,
            "in the order asked, the missing id left out"
        );
        assert!(duly_store::invoices::headers_of(tx, &[])?.is_empty());
        Ok(())
    })
    .expect("read");
}

#[test]
fn an_invoice_dated_after_the_day_asked_lists_as_open_owing_its_balance() {
    // Asked about a day before the book's newest invoices were issued, they
    // have no standing yet: the list shows them as their header does (open,
    // or void), and sorts them by that balance.
    let mut book = book();
    let early = NaiveDate::from_ymd_opt(2026, 10, 1)
        .expect("date")
        .and_hms_opt(9, 0, 0)
        .expect("time");
    let rows = invoices::list(&mut book, &ListQuery::default(), early).expect("list");
    let later: Vec<&InvoiceRow> = rows
        .iter()
        .filter(|r| r.issue_date.is_some_and(|d| d > early.date()))
        .collect();
    assert!(later.len() > 100, "{} invoices issued after", later.len());
    let headers = book
        .read(|tx| duly_store::invoices::list(tx, None))
        .expect("headers");
    for row in later {
        let h = headers.iter().find(|h| h.id == row.id).expect("its header");
        let status = match h.state {
            InvoiceState::Void => InvoiceStatus::Void,
            _ => InvoiceStatus::Open,
        };
        assert_eq!(row.status, status, "{}", h.label());
        assert_eq!(money(&row.balance), h.currency.from_minor(h.balance_minor));
        assert_eq!(row.due_date, h.due_date);
    }
    let by_balance = walk(MOST_ROWS, |offset, limit| {
        let query = ListQuery {
            page: PageQuery {
                offset,
                limit,
                sort: Some(InvoiceSort::Balance),
                descending: true,
            },
            ..ListQuery::default()
        };
        invoices::page(&mut book, &query, early).expect("page")
    });
    assert_eq!(by_balance.len(), rows.len());
    assert!(by_balance
        .windows(2)
        .all(|w| money(&w[0].balance) >= money(&w[1].balance)));
}

#[test]
fn a_long_timeline_and_audit_trail_come_a_page_at_a_time() {
    let mut book = book();
    let busiest = customers::list(&mut book, false, now())
        .expect("customers")
        .into_iter()
        .max_by_key(|c| c.open_invoices)
        .expect("a customer");
    let account = duly_app::history::account(&mut book, busiest.id, now()).expect("account");
    let whole = duly_app::history::timeline(
        &mut book,
        busiest.id,
        Span {
            offset: 0,
            limit: MOST_ROWS,
        },
        now(),
    )
    .expect("timeline");
    assert!(whole.total > 7, "{} entries", whole.total);
    let json = |rows: &[duly_app::views::TimelineEntry]| serde_json::to_value(rows).expect("json");
    let first = account.timeline;
    assert_eq!(first.total, whole.total);
    assert_eq!(json(&first.rows), json(&whole.rows[..first.rows.len()]));
    let paged = walk(7, |offset, limit| {
        duly_app::history::timeline(&mut book, busiest.id, Span { offset, limit }, now())
            .expect("page")
    });
    assert_eq!(
        json(&paged),
        json(&whole.rows),
        "newest first, each entry once"
    );

    let trail = |book: &mut Book, offset, limit| {
        duly_app::audit::trail(book, Subject::Customer, busiest.id, Span { offset, limit })
            .expect("trail")
    };
    let all = trail(&mut book, 0, MOST_ROWS);
    let paged = walk(3, |offset, limit| trail(&mut book, offset, limit));
    assert_eq!(paged, all.rows);
}
