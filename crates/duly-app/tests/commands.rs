//! Every command the window calls, exercised without a window: the happy path
//! a new owner follows, and each kind of bad input refused with a specific
//! message and no change to the book.

mod common;

use common::{assert_not_allowed, assert_refused, now, snapshot};
use duly_app::invoices::{self, DuplicateForm, ListQuery, StatusFilter, VoidForm};
use duly_app::{customers, demo, overview, settings};
use duly_core::customer::{Contact, CustomerForm};
use duly_core::invoice::{DraftForm, FeeForm, InvoiceState, IssueForm, LineForm};
use duly_core::profile::ProfileForm;
use duly_core::tax::TaxRateForm;
use duly_store::Book;

fn profile_form() -> ProfileForm {
    ProfileForm {
        name: "Harbor & Pine Bookkeeping".into(),
        owner_name: "Maya Lindqvist".into(),
        owner_title: "Owner".into(),
        currency: "USD".into(),
        default_terms_days: "30".into(),
        bank_details: "Casco Bay CU 0042".into(),
        check_address: "12 Wharf St, Portland ME".into(),
        dispute_text: "Questions? Call within 10 days.".into(),
        ..ProfileForm::default()
    }
}

fn customer_form(company: &str) -> CustomerForm {
    CustomerForm {
        company: company.into(),
        billing: Contact {
            name: "Ada Becker".into(),
            email: "ap@acme.example".into(),
            ..Contact::default()
        },
        escalation: Contact {
            name: "Björn Ito".into(),
            title: "Finance director".into(),
            email: "bjorn@acme.example".into(),
            phone: "+1 207 555 0100".into(),
        },
        ..CustomerForm::default()
    }
}

fn line(desc: &str, qty: &str, price: &str, discount: &str, rate: Option<i64>) -> LineForm {
    LineForm {
        description: desc.into(),
        quantity: qty.into(),
        unit: "h".into(),
        unit_price: price.into(),
        discount_percent: discount.into(),
        tax_rate_id: rate,
    }
}

/// A set-up book: profile, two rates, one customer. Returns (customer, vat, reduced).
fn set_up(book: &mut Book) -> (i64, i64, i64) {
    settings::save_profile(book, &profile_form()).expect("profile");
    let rate = |book: &mut Book, name: &str, pct: &str| {
        let form = TaxRateForm {
            name: name.into(),
            percent: pct.into(),
        };
        let view = settings::save_tax_rate(book, None, &form).expect("rate");
        view.tax_rates
            .iter()
            .find(|r| r.name == name)
            .map(|r| r.id)
            .expect("rate id")
    };
    let vat = rate(book, "VAT 20%", "20");
    let reduced = rate(book, "Reduced 5%", "5");
    let customer = customers::create(book, &customer_form("Acme & Søn"), now()).expect("customer");
    (customer.id, vat, reduced)
}

fn three_line_draft(customer: i64, vat: i64, reduced: i64) -> DraftForm {
    DraftForm {
        customer_id: Some(customer),
        lines: vec![
            line("Bookkeeping, March", "3", "120.00", "", Some(vat)),
            line("Payroll\nand filings", "2.5", "80", "10", Some(vat)),
            line("Receipt scanner", "1", "45.50", "", Some(reduced)),
        ],
        fees: vec![FeeForm {
            name: "Shipping".into(),
            amount: "15.00".into(),
        }],
        notes: "Thank you!".into(),
    }
}

fn issue_today() -> IssueForm {
    IssueForm {
        issue_date: "2026-11-25".into(),
        due_date: String::new(),
    }
}

#[test]
fn a_new_owner_issues_a_three_line_invoice_that_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("book.duly");
    let id = {
        let mut book = Book::open(&path).expect("book");
        assert!(!overview::get(&mut book).expect("overview").set_up);
        let (customer, vat, reduced) = set_up(&mut book);
        let form = three_line_draft(customer, vat, reduced);
        let preview = invoices::preview(&mut book, &form).expect("preview");
        let totals = preview.totals.expect("valid draft adds up");
        // 360.00 + 180.00 + 45.50; VAT 20 % on 540.00 = 108.00; 5 % on 45.50 = 2.28
        assert_eq!(totals.line_amounts, ["360.00", "180.00", "45.50"]);
        assert_eq!(totals.subtotal, "585.50");
        assert_eq!(totals.tax_total, "110.28");
        assert_eq!(totals.total, "710.78");
        let draft = invoices::save_draft(&mut book, None, &form, now()).expect("draft");
        assert_eq!(draft.row.number, None);
        let issued =
            invoices::issue(&mut book, draft.row.id, &issue_today(), now()).expect("issue");
        assert_eq!(issued.row.number.as_deref(), Some("INV-0001"));
        assert_eq!(
            issued.row.due_date.map(|d| d.to_string()).as_deref(),
            Some("2026-12-25"),
            "due = issue + 30 days"
        );
        assert_eq!(issued.row.balance, "710.78");
        issued.row.id
    };
    let mut book = Book::open(&path).expect("reopen");
    let again = invoices::get(&mut book, id, now()).expect("still there");
    assert_eq!(again.row.number.as_deref(), Some("INV-0001"));
    assert_eq!(again.totals.total, "710.78");
    assert_eq!(again.lines.len(), 3);
    assert_eq!(again.lines[1].description, "Payroll\nand filings");
    let customer = customers::get(&mut book, again.row.customer_id).expect("customer");
    assert_eq!(customer.escalation.title, "Finance director");
    let listed = invoices::list(&mut book, &ListQuery::default(), now()).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].total, "710.78");
}

#[test]
fn bad_customer_input_is_refused_with_a_specific_message() {
    let mut book = Book::open_in_memory().expect("book");
    set_up(&mut book);
    assert_refused(&mut book, "company", "Company name is required.", |b| {
        customers::create(b, &customer_form("   "), now())
    });
    let mut bad_email = customer_form("Acme");
    bad_email.billing.email = "ap.acme.example".into();
    assert_refused(
        &mut book,
        "billing.email",
        "does not look like an email",
        |b| customers::create(b, &bad_email, now()),
    );
}

#[test]
fn bad_invoice_input_is_refused_field_by_field_and_saves_nothing() {
    let mut book = Book::open_in_memory().expect("book");
    let (customer, vat, _) = set_up(&mut book);
    let with_line = |l: LineForm| DraftForm {
        customer_id: Some(customer),
        lines: vec![l],
        ..DraftForm::default()
    };
    let cases = [
        (
            line("x", "-2", "10", "", Some(vat)),
            "lines[0].quantity",
            "Quantity must be more than 0.",
        ),
        (
            line("x", "1", "12,3.4", "", Some(vat)),
            "lines[0].unit_price",
            "is not a number",
        ),
        (
            line("x", "1e400", "10", "", Some(vat)),
            "lines[0].quantity",
            "is not a number",
        ),
        (
            line("x", "", "10", "", Some(vat)),
            "lines[0].quantity",
            "Quantity is required.",
        ),
        (
            line("x", "1", "10", "150", Some(vat)),
            "lines[0].discount_percent",
            "cannot be more than 100",
        ),
        (
            line(&"y".repeat(1_000_000), "1", "10", "", Some(vat)),
            "lines[0].description",
            "too long",
        ),
        (
            line("x", "1", "10", "", Some(9999)),
            "lines[0].tax_rate_id",
            "no longer exists",
        ),
    ];
    for (l, field, message) in cases {
        assert_refused(&mut book, field, message, |b| {
            invoices::save_draft(b, None, &with_line(l), now())
        });
    }
    let too_high = TaxRateForm {
        name: "Oops".into(),
        percent: "120".into(),
    };
    assert_refused(&mut book, "percent", "cannot be more than 100", |b| {
        settings::save_tax_rate(b, None, &too_high)
    });
}

#[test]
fn issuing_and_voiding_follow_the_lifecycle() {
    let mut book = Book::open_in_memory().expect("book");
    let (customer, vat, reduced) = set_up(&mut book);
    let empty = DraftForm {
        customer_id: Some(customer),
        ..DraftForm::default()
    };
    let blank =
        invoices::save_draft(&mut book, None, &empty, now()).expect("an empty draft may be saved");
    assert_refused(&mut book, "lines", "Add at least one line", |b| {
        invoices::issue(b, blank.row.id, &issue_today(), now())
    });

    let form = three_line_draft(customer, vat, reduced);
    let draft = invoices::save_draft(&mut book, None, &form, now()).expect("draft");
    let early_due = IssueForm {
        issue_date: "2026-11-25".into(),
        due_date: "2026-11-20".into(),
    };
    assert_refused(
        &mut book,
        "due_date",
        "cannot be before the issue date",
        |b| invoices::issue(b, draft.row.id, &early_due, now()),
    );
    let issued = invoices::issue(&mut book, draft.row.id, &issue_today(), now()).expect("issue");
    assert_eq!(
        issued.row.number.as_deref(),
        Some("INV-0001"),
        "the refused issue used no number"
    );

    assert_not_allowed(&mut book, "can no longer be edited", |b| {
        invoices::save_draft(b, Some(issued.row.id), &form, now())
    });
    assert_not_allowed(&mut book, "has already been issued", |b| {
        invoices::issue(b, issued.row.id, &issue_today(), now())
    });
    assert_not_allowed(&mut book, "void it instead", |b| {
        invoices::delete_draft(b, issued.row.id)
    });
    let no_reason = VoidForm { reason: " ".into() };
    assert_refused(&mut book, "reason", "Reason is required.", |b| {
        invoices::void(b, issued.row.id, &no_reason, now())
    });
    let reason = VoidForm {
        reason: "Billed to the wrong customer".into(),
    };
    let void = invoices::void(&mut book, issued.row.id, &reason, now()).expect("void");
    assert_eq!(
        void.void_reason.as_deref(),
        Some("Billed to the wrong customer")
    );
    assert_not_allowed(&mut book, "already void", |b| {
        invoices::void(b, issued.row.id, &reason, now())
    });

    // Billed the wrong client: the void invoice, duplicated to the right one,
    // is a new draft with the same lines and totals; the original stays void.
    let right = customers::create(&mut book, &customer_form("Right Client Ltd"), now())
        .expect("customer")
        .id;
    let copy = invoices::duplicate(
        &mut book,
        issued.row.id,
        &DuplicateForm {
            customer_id: Some(right),
        },
        now(),
    )
    .expect("duplicate");
    assert_eq!(copy.row.state, InvoiceState::Draft);
    assert_eq!(
        (copy.row.customer_id, copy.row.number.as_deref()),
        (right, None)
    );
    assert_eq!(copy.totals.total, void.totals.total);
    assert_eq!(
        copy.lines
            .iter()
            .map(|l| (&l.description, &l.tax_name))
            .collect::<Vec<_>>(),
        void.lines
            .iter()
            .map(|l| (&l.description, &l.tax_name))
            .collect::<Vec<_>>()
    );
    let again = invoices::get(&mut book, issued.row.id, now()).expect("original");
    assert_eq!(
        again.row.state,
        InvoiceState::Void,
        "the original is untouched"
    );
    let same = invoices::duplicate(&mut book, issued.row.id, &DuplicateForm::default(), now())
        .expect("duplicate for the same customer");
    assert_eq!(same.row.customer_id, customer);
    assert_eq!(
        invoices::duplicate(
            &mut book,
            issued.row.id,
            &DuplicateForm {
                customer_id: Some(9999)
            },
            now()
        )
        .expect_err("no such customer")
        .kind,
        duly_app::ErrorKind::NotFound
    );
    invoices::delete_draft(&mut book, copy.row.id).expect("a duplicate is a draft");
    invoices::delete_draft(&mut book, same.row.id).expect("a duplicate is a draft");

    invoices::delete_draft(&mut book, blank.row.id).expect("drafts can be deleted");
    let next = invoices::save_draft(&mut book, None, &form, now()).expect("draft");
    let second = invoices::issue(&mut book, next.row.id, &issue_today(), now()).expect("issue");
    assert_eq!(
        second.row.number.as_deref(),
        Some("INV-0002"),
        "void numbers are never reused"
    );
}

#[test]
fn the_currency_is_fixed_once_invoices_exist() {
    let mut book = Book::open_in_memory().expect("book");
    let (customer, vat, reduced) = set_up(&mut book);
    invoices::save_draft(
        &mut book,
        None,
        &three_line_draft(customer, vat, reduced),
        now(),
    )
    .expect("draft");
    let mut euro = profile_form();
    euro.currency = "EUR".into();
    assert_refused(&mut book, "currency", "cannot change", |b| {
        settings::save_profile(b, &euro)
    });
}

#[test]
fn logos_must_be_small_png_or_jpeg() {
    let mut book = Book::open_in_memory().expect("book");
    let png = duly_app::settings::LogoForm {
        data_base64: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==".into(),
    };
    let view = settings::set_logo(&mut book, &png).expect("png logo");
    assert!(view
        .logo
        .is_some_and(|url| url.starts_with("data:image/png;base64,")));
    let text = duly_app::settings::LogoForm {
        data_base64: "aGVsbG8gd29ybGQ=".into(),
    };
    assert_refused(&mut book, "logo", "PNG or JPEG", |b| {
        settings::set_logo(b, &text)
    });
}

#[test]
fn the_invoice_list_filters_by_status_and_searches() {
    let mut book = Book::open_in_memory().expect("book");
    let (customer, vat, reduced) = set_up(&mut book);
    let form = three_line_draft(customer, vat, reduced);
    let old = invoices::save_draft(&mut book, None, &form, now()).expect("draft");
    let long_ago = IssueForm {
        issue_date: "2026-09-01".into(),
        due_date: String::new(),
    };
    invoices::issue(&mut book, old.row.id, &long_ago, now()).expect("issue");
    let fresh = invoices::save_draft(&mut book, None, &form, now()).expect("draft");
    invoices::issue(&mut book, fresh.row.id, &issue_today(), now()).expect("issue");
    invoices::save_draft(&mut book, None, &form, now()).expect("draft");

    let count = |book: &mut Book, status: StatusFilter, search: &str| {
        let query = ListQuery {
            status,
            search: search.into(),
            ..ListQuery::default()
        };
        invoices::list(book, &query, now()).expect("list").len()
    };
    assert_eq!(count(&mut book, StatusFilter::All, ""), 3);
    assert_eq!(count(&mut book, StatusFilter::Draft, ""), 1);
    assert_eq!(count(&mut book, StatusFilter::Open, ""), 2);
    assert_eq!(
        count(&mut book, StatusFilter::Overdue, ""),
        1,
        "due 1 Oct, today 25 Nov"
    );
    assert_eq!(count(&mut book, StatusFilter::All, "inv-0002"), 1);
    assert_eq!(count(&mut book, StatusFilter::All, "acme"), 3);
    assert_eq!(count(&mut book, StatusFilter::All, "710.78"), 3);
    assert_eq!(count(&mut book, StatusFilter::All, "nobody"), 0);

    let rows = customers::list(&mut book, false, now()).expect("customers");
    assert_eq!(rows[0].balance, "1421.56", "two issued invoices of 710.78");
    assert_eq!(rows[0].open_invoices, 2);
    assert_eq!(rows[0].days_past_due, 55, "due 2026-10-01");
}

#[test]
fn search_ignores_case_and_accents_in_customers_and_invoices() {
    let mut book = Book::open_in_memory().expect("book");
    let (_, vat, reduced) = set_up(&mut book);
    let muller = customers::create(&mut book, &customer_form("Müller & Søn"), now())
        .expect("customer")
        .id;
    let draft = invoices::save_draft(
        &mut book,
        None,
        &three_line_draft(muller, vat, reduced),
        now(),
    )
    .expect("draft");
    invoices::issue(&mut book, draft.row.id, &issue_today(), now()).expect("issue");
    let found = |book: &mut Book, search: &str| -> Vec<String> {
        let query = customers::CustomerQuery {
            search: search.to_owned(),
            ..Default::default()
        };
        customers::page(book, &query, now())
            .expect("customers")
            .page
            .rows
            .into_iter()
            .map(|r| r.company)
            .collect()
    };
    for typed in ["muller", "MÜLLER", "  muller & son "] {
        assert_eq!(found(&mut book, typed), ["Müller & Søn"], "{typed:?}");
    }
    assert_eq!(found(&mut book, "& SON").len(), 2, "Acme & Søn too");
    assert_eq!(
        found(&mut book, "").len(),
        2,
        "an empty search lists everyone"
    );
    assert!(
        found(&mut book, "mueller").is_empty(),
        "no guessing beyond accents"
    );
    let query = ListQuery {
        status: StatusFilter::All,
        search: "MULLER".into(),
        ..ListQuery::default()
    };
    let rows = invoices::list(&mut book, &query, now()).expect("list");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].customer_company, "Müller & Søn");
}

#[test]
fn the_demo_book_is_realistic_and_deterministic() {
    let today = now().date();
    let mut first = Book::open_in_memory().expect("book");
    demo::generate(&mut first, demo::DemoSize::SMALL, today).expect("demo");
    let mut second = Book::open_in_memory().expect("book");
    demo::generate(&mut second, demo::DemoSize::SMALL, today).expect("demo");
    assert_eq!(
        snapshot(&mut first),
        snapshot(&mut second),
        "same seed, same book"
    );

    let o = overview::get(&mut first).expect("overview");
    assert!(o.set_up);
    assert_eq!(o.customers, 25);
    let all = invoices::list(&mut first, &ListQuery::default(), now()).expect("list");
    let count = |s: duly_core::invoice::InvoiceStatus| all.iter().filter(|r| r.status == s).count();
    use duly_core::invoice::InvoiceStatus as S;
    assert_eq!(
        count(S::Open) + count(S::Overdue) + count(S::Paid) + count(S::Void),
        204
    );
    assert_eq!(count(S::Void), 4);
    assert_eq!(count(S::Draft), 5);
    // Most invoices are paid, some are late, some are not yet due.
    assert!(count(S::Paid) > 100, "paid: {}", count(S::Paid));
    assert!(count(S::Overdue) > 10 && count(S::Open) > 10);
    let (bounced, promises, calls): (i64, i64, i64) = first
        .read(|tx| {
            Ok(tx.query_row(
                "SELECT (SELECT COUNT(*) FROM payments WHERE reversed_on IS NOT NULL),
                        (SELECT COUNT(*) FROM promises), (SELECT COUNT(*) FROM contact_log)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })
        .expect("counts");
    assert_eq!((bounced, promises, calls), (1, 3, 5));
    let mut statuses = Vec::new();
    for row in customers::list(&mut first, false, now()).expect("customers") {
        let acct = duly_app::history::account(&mut first, row.id, now()).expect("account");
        statuses.extend(acct.promises.iter().map(|p| p.outcome.status));
    }
    statuses.sort_by_key(|s| format!("{s:?}"));
    use duly_core::promise::PromiseStatus as P;
    assert_eq!(statuses, [P::Broken, P::Kept, P::Pending]);
    let first_issue = all
        .iter()
        .filter_map(|r| r.issue_date)
        .min()
        .expect("dates");
    assert_eq!(
        first_issue.to_string(),
        "2026-03-30",
        "8 months back from today"
    );
    // stored totals agree with the rule recomputed from the lines
    for row in all.iter().take(20) {
        let full = invoices::get(&mut first, row.id, now()).expect("invoice");
        assert_eq!(full.totals.total, row.total);
    }
}

#[test]
fn the_owner_decides_on_service_and_the_reason_is_kept_in_the_history() {
    let mut book = Book::open_in_memory().expect("book");
    let (customer, _, _) = set_up(&mut book);
    let empty = customers::ServiceDecisionForm {
        status: duly_core::customer::ServiceStatus::Suspended,
        reason: " ".into(),
    };
    assert_refused(&mut book, "reason", "Reason is required.", |b| {
        customers::decide_service(b, customer, &empty, now())
    });
    let form = customers::ServiceDecisionForm {
        reason: "Three broken promises; work paused until the account is settled.".into(),
        ..empty
    };
    let view = customers::decide_service(&mut book, customer, &form, now()).expect("decided");
    assert_eq!(
        view.service_status,
        duly_core::customer::ServiceStatus::Suspended
    );
    let timeline = duly_app::history::account(&mut book, customer, now())
        .expect("account")
        .timeline
        .rows;
    let json = serde_json::to_value(&timeline).expect("json");
    assert_eq!(json[0]["event"], "service_decision");
    assert_eq!(json[0]["reason"], form.reason.as_str());
}
