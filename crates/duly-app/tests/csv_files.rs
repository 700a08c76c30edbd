//! CSV export and import: the documented columns, exports that import back
//! exactly (formula-looking text included), and imports of files shaped like
//! other programs' exports (tests/data): a dry run that lists every row it
//! would reject, and nothing written unless the whole file is acceptable.

mod common;

use common::{now, snapshot};
use duly_app::exports::{self, Export};
use duly_app::imports::{self, table, DateFormat, ImportKind, Mapping, Table};
use duly_app::{customers, demo, invoices, settings, ErrorKind};
use duly_core::customer::{Contact, CustomerForm};
use duly_core::profile::ProfileForm;
use duly_store::Book;

fn book() -> Book {
    let mut book = Book::open_in_memory().expect("book");
    let profile = ProfileForm {
        name: "Harbor & Pine".into(),
        currency: "USD".into(),
        default_terms_days: "30".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(&mut book, &profile).expect("profile");
    book
}

fn add_customer(book: &mut Book, company: &str) -> i64 {
    let form = CustomerForm {
        company: company.into(),
        ..CustomerForm::default()
    };
    customers::create(book, &form, now()).expect("customer").id
}

/// A file's rows as text cells, the header first (the BOM dropped).
fn rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("utf-8");
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("row").iter().map(str::to_owned).collect())
        .collect()
}

fn read(bytes: &[u8]) -> Table {
    table::read(bytes).expect("a readable file")
}

#[test]
fn every_export_has_its_documented_columns_and_one_row_per_item() {
    let mut book = Book::open_in_memory().expect("book");
    demo::generate(&mut book, demo::DemoSize::SMALL, now().date()).expect("demo");
    let count = |book: &mut Book, sql: &str| -> usize {
        book.read(|tx| Ok(tx.query_row(sql, [], |r| r.get::<_, i64>(0))?))
            .expect("count") as usize
    };
    let expected = [
        (Export::Customers, "SELECT COUNT(*) FROM customers"),
        (
            Export::Invoices,
            "SELECT (SELECT COUNT(*) FROM invoice_lines) + (SELECT COUNT(*) FROM invoice_fees)
               + (SELECT COUNT(*) FROM invoices i WHERE NOT EXISTS
                   (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id)
                 AND NOT EXISTS (SELECT 1 FROM invoice_fees f WHERE f.invoice_id = i.id))",
        ),
        (Export::Payments, "SELECT COUNT(*) FROM payments"),
        (Export::Promises, "SELECT COUNT(*) FROM promises"),
        (Export::Contacts, "SELECT COUNT(*) FROM contact_log"),
    ];
    for (what, sql) in expected {
        let file = rows(&exports::csv(&mut book, what, now()).expect("export"));
        assert_eq!(file[0], what.columns(), "{what:?} header");
        assert_eq!(file.len() - 1, count(&mut book, sql), "{what:?} rows");
        assert!(file.iter().all(|r| r.len() == what.columns().len()));
        assert!(what.file_name(now().date()).ends_with("-2026-11-25.csv"));
    }
    // Invoice lines repeat their invoice's columns and add up to its total.
    let file = rows(&exports::csv(&mut book, Export::Invoices, now()).expect("export"));
    let col = |name: &str| {
        Export::Invoices
            .columns()
            .iter()
            .position(|c| *c == name)
            .expect("column")
    };
    let first = &file[1];
    let items: Vec<&Vec<String>> = file[1..]
        .iter()
        .filter(|r| r[col("invoice_id")] == first[col("invoice_id")])
        .collect();
    let sum: rust_decimal::Decimal = items
        .iter()
        .map(|r| {
            r[col("amount")]
                .parse::<rust_decimal::Decimal>()
                .expect("amount")
        })
        .sum();
    let subtotal_and_fees: rust_decimal::Decimal = first[col("subtotal")]
        .parse::<rust_decimal::Decimal>()
        .expect("subtotal")
        + first[col("fees")]
            .parse::<rust_decimal::Decimal>()
            .expect("fees");
    assert_eq!(
        sum,
        subtotal_and_fees,
        "lines and fees of {}",
        first[col("number")]
    );
    assert_eq!(first[col("number")], "INV-0001");
}

#[test]
fn exported_customers_import_back_exactly_even_hostile_text() {
    let mut source = book();
    let hostile = [
        "=HYPERLINK(\"http://evil.example\",\"Click\")",
        "-2+3 Holdings",
        "'; DROP TABLE invoices;--",
        "@SUM(1+1)",
        "'=already quoted",
        "Zoë \u{202e}evil\u{202c} 👩\u{200d}💻 e\u{301}",
        "{{ 7*7 }} {% raw %}",
    ];
    for (i, company) in hostile.iter().enumerate() {
        let form = CustomerForm {
            company: (*company).into(),
            billing: Contact {
                name: format!("+Contact {i}"),
                email: format!("ap{i}@example.com"),
                ..Contact::default()
            },
            address: "1 Main St\n\"Quoted\", Town\n=Country".into(),
            notes: "Line one\r\nLine two\twith a tab".into(),
            terms_days: "14".into(),
            ..CustomerForm::default()
        };
        customers::create(&mut source, &form, now()).expect("hostile customer");
    }
    let bytes = exports::csv(&mut source, Export::Customers, now()).expect("export");
    let file = rows(&bytes);
    let company = file
        .iter()
        .find(|r| r[1].contains("HYPERLINK"))
        .expect("row");
    assert!(
        company[1].starts_with("'="),
        "defused for spreadsheets: {}",
        company[1]
    );

    let mut target = book();
    let table = read(&bytes);
    let view = imports::describe(ImportKind::Customers, "customers.csv", &table);
    let preview = imports::preview(&mut target, ImportKind::Customers, &table, &view.suggested)
        .expect("preview");
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    let report = imports::run(
        &mut target,
        ImportKind::Customers,
        &table,
        &view.suggested,
        now(),
    )
    .expect("import");
    assert_eq!(report.imported, hostile.len());
    let details = |book: &mut Book| {
        let mut all: Vec<_> = customers::list(book, true, now())
            .expect("list")
            .into_iter()
            .map(|c| customers::get(book, c.id).expect("customer"))
            .map(|c| {
                format!(
                    "{:?}",
                    (
                        c.company,
                        c.billing,
                        c.escalation,
                        c.address,
                        c.terms_days,
                        c.notes,
                        c.service_status
                    )
                )
            })
            .collect();
        all.sort();
        all
    };
    assert_eq!(details(&mut source), details(&mut target));
}

#[test]
fn an_invoice_ninja_client_list_imports_with_the_suggested_mapping() {
    let mut book = book();
    let table = read(include_bytes!("data/invoice-ninja-clients.csv"));
    let view = imports::describe(ImportKind::Customers, "clients.csv", &table);
    let mapped: Vec<(&str, &str)> = view
        .headers
        .iter()
        .zip(&view.suggested.columns)
        .filter(|(_, field)| !field.is_empty())
        .map(|(h, f)| (h.as_str(), f.as_str()))
        .collect();
    assert_eq!(
        mapped,
        [
            ("Name", "company"),
            ("Phone", "billing.phone"),
            ("Address 1", "address"),
            ("Address 2", "address"),
            ("City", "address"),
            ("State", "address"),
            ("Postal Code", "address"),
            ("Country", "address"),
            ("Contact First Name", "billing.name"),
            ("Contact Last Name", "billing.name"),
            ("Contact Email", "billing.email"),
            ("Private Notes", "notes"),
            ("Public Notes", "notes"),
            ("Payment Terms", "terms_days"),
        ]
    );
    let report = imports::run(
        &mut book,
        ImportKind::Customers,
        &table,
        &view.suggested,
        now(),
    )
    .expect("import");
    assert_eq!((report.imported, report.skipped), (5, 0));
    let rows = customers::list(&mut book, false, now()).expect("list");
    let heron = rows
        .iter()
        .find(|c| c.company == "Blue Heron Dental")
        .expect("heron");
    let heron = customers::get(&mut book, heron.id).expect("heron");
    assert_eq!(heron.billing.name, "Ada Lindqvist");
    assert_eq!(
        heron.address,
        "12 Harbor Way\nSuite 4\nPortland\nOR\n97201\nUnited States"
    );
    assert_eq!(heron.terms_days, "30");
    let formula = rows
        .iter()
        .find(|c| c.company.starts_with('='))
        .expect("stored as text");
    assert_eq!(formula.company, "=cmd|' /C calc'!A0");
    let cafe = rows
        .iter()
        .find(|c| c.company.starts_with("Orchard"))
        .expect("cafe");
    assert_eq!(
        customers::get(&mut book, cafe.id).expect("cafe").terms_days,
        "0"
    );
}

#[test]
fn a_file_with_problems_lists_every_row_and_imports_nothing() {
    let mut book = book();
    add_customer(&mut book, "Blue Heron Dental");
    let table = read(include_bytes!("data/clients-with-problems.csv"));
    assert_eq!(table.separator, ';');
    assert_eq!(
        table.rows[0].cells[3], "1 Pier St\nSeattle WA",
        "a quoted line break"
    );
    let view = imports::describe(ImportKind::Customers, "clients.csv", &table);
    let preview = imports::preview(&mut book, ImportKind::Customers, &table, &view.suggested)
        .expect("preview");
    assert_eq!((preview.rows, preview.ready), (7, 2));
    assert_eq!(preview.ready_sample, ["Harbor & Pine", "Fine Folks"]);
    let rejected: Vec<(u64, String)> = preview
        .rejected
        .iter()
        .map(|r| (r.line, r.reasons.join(" | ")))
        .collect();
    assert_eq!(rejected.len(), 4, "{rejected:#?}");
    let reason = |line: u64| {
        rejected
            .iter()
            .find(|(l, _)| *l == line)
            .map(|(_, r)| r.as_str())
            .unwrap_or_else(|| panic!("line {line} not rejected: {rejected:#?}"))
    };
    assert!(
        reason(4).starts_with("Email: Billing contact's email"),
        "{}",
        reason(4)
    );
    assert_eq!(reason(5), "Company: Company name is required.");
    assert!(reason(6).contains("also on line 2"), "{}", reason(6));
    assert!(
        reason(7).starts_with("Terms: Payment terms"),
        "{}",
        reason(7)
    );
    assert_eq!(preview.skipped.len(), 1);
    assert_eq!(preview.skipped[0].line, 8);

    let before = snapshot(&mut book);
    let error = imports::run(
        &mut book,
        ImportKind::Customers,
        &table,
        &view.suggested,
        now(),
    )
    .expect_err("refused");
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert_eq!(error.fields[0].field, "rows");
    assert_eq!(
        error.message,
        "4 rows need fixing first; nothing was imported."
    );
    assert_eq!(before, snapshot(&mut book), "nothing written");
}

#[test]
fn a_quickbooks_invoice_list_imports_open_invoices_numbered_by_date() {
    let mut book = book();
    let clients = read(include_bytes!("data/invoice-ninja-clients.csv"));
    let view = imports::describe(ImportKind::Customers, "clients.csv", &clients);
    imports::run(
        &mut book,
        ImportKind::Customers,
        &clients,
        &view.suggested,
        now(),
    )
    .expect("clients");

    let table = read(include_bytes!("data/quickbooks-invoice-list.csv"));
    let view = imports::describe(ImportKind::Invoices, "invoices.csv", &table);
    assert_eq!(view.suggested.date_format, DateFormat::MonthDayYear);
    assert_eq!(
        view.suggested.columns,
        [
            "",
            "issue_date",
            "number",
            "customer",
            "due_date",
            "notes",
            "total",
            "balance"
        ]
    );
    let preview = imports::preview(&mut book, ImportKind::Invoices, &table, &view.suggested)
        .expect("preview");
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    assert_eq!(preview.ready, 4);
    assert_eq!(preview.skipped.len(), 1, "the paid one");
    assert!(preview.skipped[0].reasons[0].contains("1029"));
    assert_eq!(
        preview.skipped[0].line, 4,
        "lines counted right in a CRLF file"
    );

    let report = imports::run(
        &mut book,
        ImportKind::Invoices,
        &table,
        &view.suggested,
        now(),
    )
    .expect("import");
    assert_eq!((report.imported, report.skipped), (4, 1));
    let list = invoices::list(&mut book, &invoices::ListQuery::default(), now()).expect("list");
    let mut imported: Vec<(String, String, String)> = list
        .iter()
        .map(|r| {
            (
                r.number.clone().unwrap_or_default(),
                r.issue_date.map(|d| d.to_string()).unwrap_or_default(),
                r.balance.clone(),
            )
        })
        .collect();
    imported.sort();
    assert_eq!(
        imported,
        [
            (
                "INV-0001".to_owned(),
                "2026-09-15".to_owned(),
                "310.50".to_owned()
            ),
            ("INV-0002".into(), "2026-10-02".into(), "1200.00".into()),
            ("INV-0003".into(), "2026-10-20".into(), "750.25".into()),
            ("INV-0004".into(), "2026-11-12".into(), "499.00".into()),
        ]
    );
    let third = list
        .iter()
        .find(|r| r.number.as_deref() == Some("INV-0003"))
        .expect("third");
    let third = invoices::get(&mut book, third.id, now()).expect("invoice");
    assert_eq!(
        third.notes,
        "Originally invoice 1044. Total 2000.00, of which 1249.75 was paid before it was imported.\n\nFreight audit"
    );
    assert_eq!(
        third.row.due_date.map(|d| d.to_string()).as_deref(),
        Some("2026-12-04")
    );

    // The same file again adds nothing.
    let before = snapshot(&mut book);
    let again = imports::run(
        &mut book,
        ImportKind::Invoices,
        &table,
        &view.suggested,
        now(),
    )
    .expect("again");
    assert_eq!((again.imported, again.skipped), (0, 5));
    assert_eq!(before, snapshot(&mut book));
}

#[test]
fn a_european_file_with_a_bom_semicolons_and_decimal_commas() {
    let mut book = book();
    add_customer(&mut book, "Blue Heron Dental");
    add_customer(&mut book, "Zoë Ångström & Søn, ApS");
    let table = read(include_bytes!("data/semicolon-bom-invoices.csv"));
    assert_eq!(table.headers[0], "Kunde", "the BOM is not part of the name");
    let view = imports::describe(ImportKind::Invoices, "rechnungen.csv", &table);
    assert!(view.suggested.decimal_comma);
    let mapping = Mapping {
        columns: [
            "customer",
            "number",
            "issue_date",
            "due_date",
            "total",
            "balance",
            "description",
        ]
        .map(String::from)
        .to_vec(),
        date_format: DateFormat::DayMonthYearDots,
        decimal_comma: true,
    };
    let report =
        imports::run(&mut book, ImportKind::Invoices, &table, &mapping, now()).expect("import");
    assert_eq!(report.imported, 2);
    let list = invoices::list(&mut book, &invoices::ListQuery::default(), now()).expect("list");
    let first = list
        .iter()
        .find(|r| r.number.as_deref() == Some("INV-0001"))
        .expect("first");
    let first = invoices::get(&mut book, first.id, now()).expect("first");
    assert_eq!(first.row.balance, "1234.50");
    assert_eq!(first.lines[0].description, "Beratung\nOktober");
    let second = list
        .iter()
        .find(|r| r.number.as_deref() == Some("INV-0002"))
        .expect("second");
    assert_eq!(second.balance, "49.50");
    assert_eq!(
        second.due_date.map(|d| d.to_string()).as_deref(),
        Some("2026-11-14"),
        "issue date + 30 days"
    );
}

#[test]
fn mapping_mistakes_are_refused_by_field_and_bad_cells_by_row() {
    let mut book = book();
    add_customer(&mut book, "Blue Heron Dental");
    let table = read(include_bytes!("data/quickbooks-invoice-list.csv"));
    let columns = |c: [&str; 8]| Mapping {
        columns: c.map(String::from).to_vec(),
        date_format: DateFormat::MonthDayYear,
        decimal_comma: false,
    };
    let mut fields = |m: &Mapping| -> Vec<String> {
        imports::preview(&mut book, ImportKind::Invoices, &table, m)
            .expect_err("refused")
            .fields
            .into_iter()
            .map(|f| f.field)
            .collect()
    };
    assert_eq!(
        fields(&columns(["", "", "", "", "", "", "", ""])),
        ["mapping.customer", "mapping.number", "mapping.issue_date"]
    );
    assert_eq!(
        fields(&columns([
            "",
            "issue_date",
            "number",
            "customer",
            "due_date",
            "nonsense",
            "total",
            "total"
        ])),
        ["mapping[5]", "mapping[7]"]
    );
    assert_eq!(
        fields(&columns([
            "",
            "issue_date",
            "number",
            "customer",
            "due_date",
            "",
            "",
            ""
        ])),
        ["mapping.balance"]
    );
    // Day and month swapped: 10/20/2026 is no day/month date.
    let mut swapped = columns([
        "",
        "issue_date",
        "number",
        "customer",
        "due_date",
        "notes",
        "total",
        "balance",
    ]);
    swapped.date_format = DateFormat::DayMonthYear;
    let preview =
        imports::preview(&mut book, ImportKind::Invoices, &table, &swapped).expect("preview");
    let reasons: Vec<String> = preview
        .rejected
        .iter()
        .flat_map(|r| r.reasons.clone())
        .collect();
    assert!(
        reasons.iter().any(|r| r == "Date: \u{201c}10/20/2026\u{201d} is not a date written like 25/11/2026."),
        "{reasons:#?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("no customer named \u{201c}Kestrel Logistics\u{201d}")),
        "{reasons:#?}"
    );
}
