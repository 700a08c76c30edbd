//! Print… through the system's printing (CUPS here), as the dialog does it:
//! a demo invoice (on the book's paper), the weekly summary and a letter
//! printed on the virtual PDF printer that `.ci/printer` sets up and read
//! back from what came out of it; a printer that does not exist refused in
//! the system's words, nothing printed; and a computer whose print service
//! cannot be reached offers no printer and says why (the dialog offers Save
//! PDF instead).
//!
//! One test: the last step points CUPS elsewhere for the whole process.

mod common;

#[path = "../../duly-documents/tests/support/pdf_tools.rs"]
mod pdf_tools;
#[path = "support/virtual_printer.rs"]
mod virtual_printer;

use common::now;
use duly_app::demo::{self, DemoSize};
use duly_app::documents::{self, Printable};
use duly_app::invoices::{self, ListQuery, StatusFilter};
use duly_app::printers::{self, PrintForm};
use duly_app::ErrorKind;
use duly_store::Book;
use pdf_tools::Pdf;

#[test]
fn prints_on_the_chosen_printer_and_says_when_there_is_none() {
    virtual_printer::check().unwrap_or_else(|e| panic!("{e}"));
    let mut book = Book::open_in_memory().expect("book");
    demo::generate(&mut book, DemoSize::SMALL, now().date()).expect("demo book");
    let listed = printers::list();
    assert!(
        listed
            .printers
            .iter()
            .any(|p| p.name == virtual_printer::PRINTER),
        "the dialog offers {:?}",
        listed.printers
    );
    assert_eq!(listed.none_because, None);

    let query = ListQuery {
        status: StatusFilter::Open,
        ..ListQuery::default()
    };
    let rows = invoices::list(&mut book, &query, now()).expect("invoices");
    let invoice = rows.first().expect("an open demo invoice");
    let number = invoice
        .number
        .clone()
        .expect("an issued invoice has a number");
    let document = Printable::Invoice { id: invoice.id };
    let rendered = document.render(&mut book, now()).expect("render");
    let paper = documents::paper(&mut book).expect("paper");
    let form = PrintForm {
        printer: virtual_printer::PRINTER.into(),
        copies: "1".into(),
    };
    let printed = printers::print(&rendered, paper, &form).expect("printed");
    assert_eq!(printed.printer, virtual_printer::PRINTER);
    assert_eq!(printed.copies, 1);
    let came_out = virtual_printer::printed(&printed.job).unwrap_or_else(|e| panic!("{e}"));
    let printed_pdf = Pdf::new(&came_out);
    // The demo book is on US Letter, and the printer was asked for it.
    assert!(
        printed_pdf.info().contains("612 x 792"),
        "printed on {}",
        printed_pdf.info()
    );
    let text = printed_pdf.text();
    assert!(text.contains(&number), "printed: {text}");
    assert!(text.contains(&invoice.customer_company), "printed: {text}");
    assert!(text.contains("Balance due"), "printed: {text}");

    let summary = Printable::WeeklySummary {
        as_of: now().date().format("%Y-%m-%d").to_string(),
    }
    .render(&mut book, now())
    .expect("summary");
    let printed = printers::print(&summary, paper, &form).expect("summary printed");
    let came_out = virtual_printer::printed(&printed.job).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        Pdf::new(&came_out).text().contains("past due"),
        "the summary printed as it renders"
    );

    // The statement and a drafted letter print as they open and save.
    let customer_id = invoice.customer_id;
    let statement = Printable::Statement {
        customer_id,
        since_date: String::new(),
    }
    .render(&mut book, now())
    .expect("statement");
    assert!(
        statement.file_name.starts_with("Statement "),
        "{}",
        statement.file_name
    );
    let letter = Printable::Letter {
        customer_id,
        subject: "Invoice reminder".into(),
        body: "Dear Ana,\n\nA reminder about the invoice.\n\nMaya".into(),
        cc: Vec::new(),
        invoice_ids: Vec::new(),
    }
    .render(&mut book, now())
    .expect("letter");
    let printed = printers::print(&letter, paper, &form).expect("letter printed");
    let came_out = virtual_printer::printed(&printed.job).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        Pdf::new(&came_out)
            .text()
            .contains("A reminder about the invoice."),
        "the letter printed as typed"
    );
    let bad_day = Printable::Statement {
        customer_id,
        since_date: "someday".into(),
    }
    .render(&mut book, now())
    .expect_err("not a date");
    assert_eq!(bad_day.kind, ErrorKind::Invalid);

    let missing = PrintForm {
        printer: "Front-Desk".into(),
        copies: String::new(),
    };
    let refused = printers::print(&rendered, paper, &missing).expect_err("no such printer");
    assert_eq!(refused.kind, ErrorKind::Printing);
    assert_eq!(
        refused.message,
        "Front-Desk did not take the job: The printer or class does not exist."
    );

    // A computer whose print service is not there (no CUPS scheduler).
    std::env::set_var("CUPS_SERVER", "/nonexistent/cups.sock");
    let none = printers::list();
    assert!(none.printers.is_empty(), "{:?}", none.printers);
    assert!(
        none.none_because
            .as_deref()
            .is_some_and(|why| why.starts_with("The printing service (CUPS) is not running")),
        "{:?}",
        none.none_because
    );
}
