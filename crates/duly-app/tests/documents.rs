//! The PDFs a customer receives, made from a real book (the demo book and a
//! few hand-made ones) and read back with pdftotext and qpdf, as the
//! customer's viewer would: every field and amount on the page, beside its
//! label, and every file valid.

mod common;

#[path = "../../duly-documents/tests/support/pdf_tools.rs"]
mod pdf_tools;

use std::process::Command;

use base64::Engine;
use chrono::{Days, NaiveDate};
use common::{assert_refused, now};
use duly_app::demo::{self, DemoSize};
use duly_app::documents::{self, Rendered};
use duly_app::invoices::{self, ListQuery, StatusFilter};
use duly_app::views::InvoiceRow;
use duly_app::{customers, settings, ErrorKind};
use duly_core::customer::{Contact, CustomerForm};
use duly_core::invoice::{DraftForm, InvoiceState, IssueForm, LineForm};
use duly_core::payment::{PaymentForm, PaymentMethod};
use duly_core::profile::ProfileForm;
use duly_core::tax::TaxRateForm;
use duly_core::{totals, Currency};
use duly_store::invoices::Invoice;
use duly_store::{customers as stored_customers, invoices as stored, payments, Book};
use pdf_tools::{assert_line, line_with, Pdf};
use rust_decimal::Decimal;

fn today() -> NaiveDate {
    now().date()
}

fn demo_book() -> Book {
    let mut book = Book::open_in_memory().expect("book");
    demo::generate(&mut book, DemoSize::SMALL, today()).expect("demo book");
    book
}

/// The PDF, checked by qpdf, ready to read.
fn pdf(rendered: &Rendered) -> Pdf {
    assert!(rendered.bytes.starts_with(b"%PDF"), "not a PDF");
    let pdf = Pdf::new(&rendered.bytes);
    if let Err(problems) = pdf.qpdf_check() {
        panic!(
            "qpdf --check failed for {}:\n{problems}",
            rendered.file_name
        );
    }
    pdf
}

/// Money as pdftotext reads it back: "$1,234.50", "-$5.00" (U+2212 comes back as a hyphen).
fn print(c: Currency, amount: Decimal) -> String {
    let symbol = match c.code() {
        "USD" => "$",
        "EUR" => "€",
        other => panic!("no symbol for {other} in this test"),
    };
    let fixed = c.format(amount.abs());
    let (int, frac) = fixed.split_once('.').expect("two decimals");
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if amount.is_sign_negative() && !c.round(amount).is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{symbol}{grouped}.{frac}")
}

fn usd(minor: i64) -> String {
    print(Currency::USD, Currency::USD.from_minor(minor))
}

fn rows(book: &mut Book, status: StatusFilter) -> Vec<InvoiceRow> {
    let query = ListQuery {
        status,
        ..ListQuery::default()
    };
    invoices::list(book, &query, now()).expect("list")
}

fn invoice(book: &mut Book, id: i64) -> Invoice {
    book.read(|tx| stored::get(tx, id)).expect("invoice")
}

/// Asserts the page shows the invoice's lines, each with its figures on one
/// line, and each tax with its base, by the core's own totals.
fn assert_lines_and_taxes(text: &str, inv: &Invoice) {
    let c = inv.header.currency;
    let sums = totals::compute(c, &inv.lines, &inv.fees);
    for (line, amount) in inv.lines.iter().zip(&sums.line_amounts) {
        let lead: String = line.description.chars().take(24).collect();
        let quantity = line.quantity.normalize().to_string();
        let price = print(c, line.unit_price);
        let amount = print(c, *amount);
        assert_line(text, &[&lead, &quantity, &line.unit, &price, &amount]);
        if !line.discount_percent.is_zero() {
            let discount = format!("{}%", line.discount_percent.normalize());
            assert_line(text, &[&lead, &discount, &amount]);
        }
    }
    for tax in &sums.taxes {
        let base = print(c, tax.base);
        assert_line(text, &[&tax.name, "on", &base, &print(c, tax.amount)]);
    }
    for fee in &inv.fees {
        assert_line(text, &[&fee.name, &print(c, fee.amount)]);
    }
    assert_line(text, &["Subtotal", &print(c, sums.subtotal)]);
    assert_line(text, &["Total", &print(c, sums.total)]);
}

#[test]
fn an_issued_invoice_shows_every_field_where_it_belongs() {
    let mut book = demo_book();
    // An unpaid invoice with a taxed line, so the tax row is printed.
    let (row, inv) = rows(&mut book, StatusFilter::Open)
        .into_iter()
        .map(|r| {
            let inv = invoice(&mut book, r.id);
            (r, inv)
        })
        .find(|(_, inv)| {
            inv.header.balance_minor == inv.header.total_minor
                && inv.lines.iter().any(|l| !l.tax.percent.is_zero())
        })
        .expect("an unpaid taxed invoice in the demo book");
    let customer = book
        .read(|tx| stored_customers::get(tx, inv.header.customer_id))
        .expect("customer");
    let rendered = documents::invoice_pdf(&mut book, row.id, now()).expect("renders");
    let number = row.number.clone().expect("issued");
    assert_eq!(
        rendered.file_name,
        format!("{number} {}.pdf", customer.details.company)
    );
    let pdf = pdf(&rendered);
    assert_eq!(pdf.page_count(), 1);
    let text = pdf.text();

    // Letterhead beside the title and number.
    assert_line(&text, &["Harbor & Pine Bookkeeping"]);
    assert_line(&text, &["12 Wharf Street, Suite 3"]);
    assert_line(&text, &["Portland, ME 04101"]);
    assert_line(&text, &["Invoice"]);
    assert_line(&text, &[&number]);
    assert_line(&text, &["maya@harborandpine.example · (207) 555-0142"]);
    assert_line(&text, &["EIN 84-1234567"]);
    // Bill-to beside the facts.
    let issued = inv.header.issue_date.expect("issue date");
    let due = inv.header.due_date.expect("due date");
    let terms = format!("Net {}", inv.header.terms_days.expect("terms"));
    let address: Vec<&str> = customer.details.address.lines().collect();
    assert_line(&text, &["Bill to"]);
    assert_line(
        &text,
        &[
            &customer.details.company,
            "Issue date",
            &issued.format("%b %-d, %Y").to_string(),
        ],
    );
    assert_line(
        &text,
        &[
            &customer.details.billing.name,
            "Due date",
            &due.format("%b %-d, %Y").to_string(),
        ],
    );
    assert_line(&text, &[address[0], "Terms", &terms]);
    assert_line(&text, &[address[1]]);
    assert_line(
        &text,
        &["Description", "Qty", "Unit", "Unit price", "Amount"],
    );
    assert_lines_and_taxes(&text, &inv);
    assert_line(&text, &["Amount paid", "$0.00"]);
    assert_line(&text, &["Balance due", &usd(inv.header.balance_minor)]);
    assert!(
        !text.contains("Balance as of"),
        "nothing paid: no date needed"
    );
    // The texts frozen at issue, each under its heading.
    for (heading, body) in [
        (
            "How to pay",
            "Bank transfer: Casco Bay Credit Union, routing 211274450",
        ),
        (
            "How to pay",
            "Checks payable to Harbor & Pine Bookkeeping LLC",
        ),
        (
            "Terms and conditions",
            "Payment is due within the terms shown above.",
        ),
        (
            "Questions about this invoice?",
            "Contact Maya at maya@harborandpine.example",
        ),
    ] {
        let at_heading = text
            .find(&format!("\n{heading}\n"))
            .unwrap_or_else(|| panic!("no heading {heading:?} in:\n{text}"));
        assert!(
            text[at_heading..].contains(body),
            "{body:?} is not under {heading:?}"
        );
    }
    assert!(
        !text.contains("\nLate fees\n"),
        "the demo charges no late fees, so its invoices print no late-fee terms"
    );
    assert!(!text.contains("VOID") && !text.contains("DRAFT"));
    assert_line(
        &text,
        &[
            "Harbor & Pine Bookkeeping · Invoice",
            &number,
            "Page 1 of 1",
        ],
    );
}

#[test]
fn a_partly_paid_invoice_shows_what_was_paid_and_what_is_due() {
    let mut book = demo_book();
    let row = rows(&mut book, StatusFilter::Open)
        .into_iter()
        .find(|r| r.paid != "0.00")
        .expect("a partly paid invoice in the demo book");
    let inv = invoice(&mut book, row.id);
    let pdf = pdf(&documents::invoice_pdf(&mut book, row.id, now()).expect("renders"));
    let text = pdf.text();
    let paid = inv.header.total_minor - inv.header.balance_minor;
    assert!(paid > 0 && inv.header.balance_minor > 0);
    assert_lines_and_taxes(&text, &inv);
    assert_line(&text, &["Amount paid", &usd(-paid)]);
    assert_line(&text, &["Balance due", &usd(inv.header.balance_minor)]);
    assert_line(&text, &["Balance as of", "Nov 25, 2026"]);
    // The rows come in order: total, paid, balance due.
    let at = |label: &str| text.find(label).expect("label");
    assert!(at("Total") < at("Amount paid") && at("Amount paid") < at("Balance due"));
}

#[test]
fn a_void_invoice_is_stamped_and_says_why() {
    let mut book = demo_book();
    let row = rows(&mut book, StatusFilter::Void)
        .into_iter()
        .next()
        .expect("a void invoice in the demo book");
    let inv = invoice(&mut book, row.id);
    assert_eq!(inv.header.state, InvoiceState::Void);
    let pdf = pdf(&documents::invoice_pdf(&mut book, row.id, now()).expect("renders"));
    let text = text_by_lines(&pdf);
    let number = row.number.expect("numbered");
    assert_line(&text, &[&number]);
    assert_line(&text, &["VOID"]);
    let voided = inv.header.voided_at.expect("voided at").date();
    // The diagonal VOID stamp may share a text line with the heading.
    let at_heading = text
        .find("\nVoid")
        .unwrap_or_else(|| panic!("a Void section: {text}"));
    assert!(text[at_heading..].contains(&format!(
        "Voided on {}: Billed to the wrong customer; reissued.",
        voided.format("%b %-d, %Y")
    )));
    assert_lines_and_taxes(&text, &inv);
    // A void invoice asks for nothing.
    assert!(!text.contains("Balance due") && !text.contains("Amount paid"));
    for page in 1..=pdf.page_count() {
        assert!(
            pdf.page_text(page).contains("VOID"),
            "page {page} is not stamped"
        );
    }
}

/// The text line by line from word positions: the diagonal VOID stamp
/// upsets `pdftotext -layout`, which then scatters a line's words.
fn text_by_lines(pdf: &Pdf) -> String {
    let mut words = pdf.words();
    words.sort_by(|a, b| {
        (a.page, a.y_max)
            .partial_cmp(&(b.page, b.y_max))
            .expect("numbers")
    });
    let mut lines: Vec<Vec<pdf_tools::Word>> = Vec::new();
    for word in words {
        match lines.last_mut() {
            Some(line) if line[0].page == word.page && (line[0].y_max - word.y_max).abs() < 2.0 => {
                line.push(word)
            }
            _ => lines.push(vec![word]),
        }
    }
    lines
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.x_min.partial_cmp(&b.x_min).expect("numbers"));
            let words: Vec<String> = line.into_iter().map(|w| w.text).collect();
            words.join(" ") + "\n"
        })
        .collect()
}

#[test]
fn a_draft_prints_draft_instead_of_a_number_and_previews_the_profile_texts() {
    let mut book = demo_book();
    let row = rows(&mut book, StatusFilter::Draft)
        .into_iter()
        .next()
        .expect("a draft in the demo book");
    let rendered = documents::invoice_pdf(&mut book, row.id, now()).expect("renders");
    assert_eq!(
        rendered.file_name,
        format!("Draft {}.pdf", row.customer_company)
    );
    let text = pdf(&rendered).text();
    assert_line(&text, &["DRAFT"]);
    assert!(!text.contains("INV-"), "a draft has no number yet");
    assert!(!text.contains("Issue date") && !text.contains("Balance due"));
    assert_line(&text, &["Terms", "Net"]);
    assert!(text.contains("Casco Bay Credit Union"));
}

#[test]
fn a_statement_lists_open_invoices_payments_a_reversal_and_the_aging() {
    let mut book = demo_book();
    // The demo customer whose check bounced.
    let (customer_id, bounced) = book
        .read(|tx| {
            let customers = stored_customers::list(tx, false)?;
            for summary in customers {
                let id = summary.customer.id;
                if let Some(p) = payments::for_customer(tx, id)?
                    .into_iter()
                    .find(|p| p.reversed_on.is_some())
                {
                    return Ok((id, p));
                }
            }
            panic!("the demo book bounces one check")
        })
        .expect("read");
    let since = today().checked_sub_days(Days::new(60)).expect("date");
    let rendered = documents::statement_pdf(&mut book, customer_id, since, now()).expect("renders");
    let customer = book
        .read(|tx| stored_customers::get(tx, customer_id))
        .expect("customer");
    assert_eq!(
        rendered.file_name,
        format!("Statement {} 2026-11-25.pdf", customer.details.company)
    );
    let pdf = pdf(&rendered);
    let text = pdf.text();

    assert_line(&text, &["Statement of account"]);
    assert_line(&text, &["Statement for"]);
    assert_line(
        &text,
        &[&customer.details.company, "Statement date", "Nov 25, 2026"],
    );
    assert_line(
        &text,
        &[
            &customer.details.billing.name,
            "Shows",
            "Open invoices and payments",
        ],
    );
    assert_line(
        &text,
        &["Payments since", &since.format("%b %-d, %Y").to_string()],
    );
    assert_line(
        &text,
        &[
            "Date",
            "Reference",
            "Description",
            "Days late",
            "Charge",
            "Payment",
            "Balance",
        ],
    );

    // Every open invoice, with its days past due; untouched by the payments
    // listed, it is charged exactly its balance.
    let headers = book
        .read(|tx| stored::list(tx, Some(customer_id)))
        .expect("invoices");
    let open: Vec<_> = headers
        .iter()
        .filter(|h| h.state == InvoiceState::Issued && h.balance_minor > 0)
        .collect();
    assert!(
        open.len() >= 3,
        "the demo customer owes on several invoices"
    );
    let listed_payments = book
        .read(|tx| payments::for_customer(tx, customer_id))
        .expect("payments")
        .into_iter()
        .filter(|p| p.received_on >= since || p.reversed_on.is_some_and(|r| r >= since))
        .collect::<Vec<_>>();
    let allocations = book
        .read(|tx| payments::allocations_for_customer(tx, customer_id))
        .expect("allocations");
    for h in &open {
        let number = h.number.as_deref().expect("number");
        let issued = h
            .issue_date
            .expect("issued")
            .format("%b %-d, %Y")
            .to_string();
        let touched = allocations.iter().any(|a| {
            a.invoice_id == h.id
                && listed_payments
                    .iter()
                    .any(|p| p.id == a.payment_id && p.reversed_on.is_none())
        });
        let late = (today() - h.due_date.expect("due")).num_days();
        let mut parts = vec![issued.as_str(), number, "Invoice"];
        let late_text = late.to_string();
        if late > 0 {
            parts.push(&late_text);
        }
        let balance = usd(h.balance_minor);
        if !touched {
            parts.push(&balance);
        }
        assert_line(&text, &parts);
    }
    // Each payment since the start, with its reference, and the reversal.
    for p in &listed_payments {
        let day = p.received_on.format("%b %-d, %Y").to_string();
        let paid = usd(p.amount_minor);
        assert_line(&text, &[&day, "Payment by", &p.reference, &paid]);
    }
    let back = bounced.reversed_on.expect("reversed");
    assert_line(
        &text,
        &[
            &back.format("%b %-d, %Y").to_string(),
            &format!("Payment {} reversed: Returned by", bounced.reference),
            &usd(bounced.amount_minor),
        ],
    );

    // The totals add up to what the book says is owed, and the last row's
    // running balance says the same.
    let owed: i64 = open.iter().map(|h| h.balance_minor).sum();
    let credit: i64 = book
        .read(|tx| payments::credits(tx, customer_id))
        .expect("credits")
        .iter()
        .map(|(_, c)| c)
        .sum();
    let due = usd(owed - credit);
    assert_line(&text, &["Balance due", &due]);
    let charges = amount_on(&text, "Total charges");
    let paid = amount_on(&text, "Total payments and credits");
    assert_eq!(charges - paid, Currency::USD.from_minor(owed - credit));
    // Rows begin with their date, the month first in this US book.
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let last_row = text
        .lines()
        .rfind(|l| {
            let l = l.trim_start();
            MONTHS.iter().any(|m| {
                l.strip_prefix(m).is_some_and(|rest| {
                    rest.starts_with(' ') && rest[1..].starts_with(|c: char| c.is_ascii_digit())
                })
            })
        })
        .expect("table rows");
    assert!(last_row.trim_end().ends_with(&due), "last row: {last_row}");

    // The aging line: each bucket's amount, adding up to what is owed.
    let aging_labels = [
        "Current",
        "1–30 days",
        "31–60 days",
        "61–90 days",
        "Over 90 days",
    ];
    assert_line(&text, &aging_labels);
    let amounts_line = text
        .lines()
        .skip_while(|l| !l.contains("Over 90 days"))
        .nth(1)
        .expect("aging amounts under the labels");
    let aged: Decimal = amounts_line.split_whitespace().map(parse_usd).sum();
    assert_eq!(aged, Currency::USD.from_minor(owed));

    let how = text.find("\nHow to pay\n").expect("How to pay");
    assert!(text[how..].contains("Casco Bay Credit Union"));
}

fn parse_usd(text: &str) -> Decimal {
    let negative = text.starts_with('-');
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let value: Decimal = digits
        .parse()
        .unwrap_or_else(|_| panic!("not an amount: {text}"));
    if negative {
        -value
    } else {
        value
    }
}

/// The amount at the end of the line labelled `label`.
fn amount_on(text: &str, label: &str) -> Decimal {
    let line = line_with(text, &[label]).unwrap_or_else(|| panic!("no {label:?}"));
    parse_usd(line.split_whitespace().last().expect("an amount"))
}

#[test]
fn a_statement_cannot_start_after_today() {
    let mut book = demo_book();
    let tomorrow = today().checked_add_days(Days::new(1)).expect("date");
    assert_refused(&mut book, "since", "after today", |b| {
        documents::statement_pdf(b, 1, tomorrow, now())
    });
}

#[test]
fn a_letter_is_addressed_to_the_billing_contact_and_signed_by_the_owner() {
    let mut book = demo_book();
    let customer = book
        .read(|tx| stored_customers::get(tx, 3))
        .expect("customer");
    let body = "Dear customer,\n\nOn 3 November you let us know check 2207 was on its way. \
                It has not reached us yet; could you tell us when it was sent?\n\n\
                If it is easier, a bank transfer works just as well.";
    let rendered = documents::letter_pdf(
        &mut book,
        3,
        "Invoices INV-0042 and INV-0057: a formal reminder",
        body,
        now(),
    )
    .expect("renders");
    assert_eq!(
        rendered.file_name,
        format!("Letter {} 2026-11-25.pdf", customer.details.company)
    );
    let pdf = pdf(&rendered);
    assert_eq!(pdf.page_count(), 1);
    let text = pdf.text();
    let d = &customer.details;
    assert_line(&text, &["Harbor & Pine Bookkeeping"]);
    assert_line(&text, &[&d.billing.name, "Nov 25, 2026"]);
    assert_line(&text, &[&d.company]);
    for line in d.address.lines() {
        assert_line(&text, &[line]);
    }
    assert_line(
        &text,
        &["Invoices INV-0042 and INV-0057: a formal reminder"],
    );
    assert_line(
        &text,
        &["On 3 November you let us know check 2207 was on its way."],
    );
    assert_line(
        &text,
        &["If it is easier, a bank transfer works just as well."],
    );
    let close = text.find("Kind regards,").expect("closing");
    let name = text.find("Maya Lindqvist").expect("owner's name");
    let title = text[name..].find("Owner").map(|i| i + name);
    assert!(
        close < name && title.is_some(),
        "signed by the owner:\n{text}"
    );

    let refused = documents::letter_pdf(&mut book, 3, "Reminder", "  ", now())
        .expect_err("an empty letter is refused");
    assert_eq!(refused.fields[0].field, "body");
}

/// A small book in `currency` with one customer; the profile is saved before
/// any invoice, while the currency may still change.
fn fresh_book(currency: &str, company: &str, address: &str) -> (Book, i64) {
    let mut book = Book::open_in_memory().expect("book");
    let profile = ProfileForm {
        name: "Müller & Søn Design Studio".into(),
        owner_name: "Zofia Müller".into(),
        owner_title: "Owner".into(),
        address: "ul. Piotrkowska 104\n90-001 Łódź, Poland".into(),
        email: "hello@mullerson.example".into(),
        currency: currency.into(),
        default_terms_days: "14".into(),
        bank_details: "IBAN PL61 1090 1014 0000 0712 1981 2874".into(),
        dispute_text: "Reply within 14 days if anything looks wrong.".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(&mut book, &profile).expect("profile");
    settings::save_tax_rate(
        &mut book,
        None,
        &TaxRateForm {
            name: "VAT".into(),
            percent: "20".into(),
        },
    )
    .expect("tax rate");
    let form = CustomerForm {
        company: company.into(),
        billing: Contact {
            name: "Zoë Ångström".into(),
            ..Contact::default()
        },
        address: address.into(),
        ..CustomerForm::default()
    };
    let id = customers::create(&mut book, &form, now())
        .expect("customer")
        .id;
    (book, id)
}

/// Issues an invoice on `day` with these lines (description, quantity, unit
/// price, taxed at VAT 20%) and returns its id.
fn issue(book: &mut Book, customer_id: i64, day: &str, lines: &[(String, &str, &str)]) -> i64 {
    let vat = settings::get(book).expect("settings").tax_rates[0].id;
    let draft = DraftForm {
        customer_id: Some(customer_id),
        lines: lines
            .iter()
            .map(|(description, quantity, price)| LineForm {
                description: description.clone(),
                quantity: (*quantity).into(),
                unit: "day".into(),
                unit_price: (*price).into(),
                tax_rate_id: Some(vat),
                ..LineForm::default()
            })
            .collect(),
        ..DraftForm::default()
    };
    let id = invoices::save_draft(book, None, &draft, now())
        .expect("draft")
        .row
        .id;
    let form = IssueForm {
        issue_date: day.into(),
        ..IssueForm::default()
    };
    invoices::issue(book, id, &form, now()).expect("issue");
    id
}

#[test]
fn unicode_names_and_euros_round_trip() {
    let (mut book, customer) = fresh_book("EUR", "Zoë Ångström & Søn", "Rynek 1\n90-001 Łódź");
    let lines = [("½ day — design".into(), "1", "1250.00")];
    let id = issue(&mut book, customer, "2026-11-25", &lines);
    let rendered = documents::invoice_pdf(&mut book, id, now()).expect("renders");
    assert_eq!(rendered.file_name, "INV-0001 Zoë Ångström & Søn.pdf");
    let text = pdf(&rendered).text();
    assert_line(&text, &["Müller & Søn Design Studio"]);
    assert_line(&text, &["90-001 Łódź, Poland"]);
    assert_line(&text, &["Zoë Ångström & Søn", "Issue date", "25 Nov 2026"]);
    assert_line(&text, &["Zoë Ångström", "Due date", "9 Dec 2026"]);
    assert_line(&text, &["90-001 Łódź"]);
    assert_line(
        &text,
        &[
            "½ day — design",
            "1",
            "day",
            "€1,250.00",
            "VAT 20%",
            "€1,250.00",
        ],
    );
    assert_line(&text, &["VAT 20% on €1,250.00", "€250.00"]);
    assert_line(&text, &["Total", "€1,500.00"]);
    assert_line(&text, &["Balance due", "€1,500.00"]);
    assert_line(&text, &["Terms", "Net 14"]);

    let letter =
        documents::letter_pdf(&mut book, customer, "Łódź — ½ day", "Dziękuję, Zoë!", now())
            .expect("letter");
    let text = pdf(&letter).text();
    assert_line(&text, &["Łódź — ½ day"]);
    assert_line(&text, &["Dziękuję, Zoë!"]);
    assert_line(&text, &["Zofia Müller"]);
}

#[test]
fn a_statement_nets_unapplied_credit_and_counts_nothing_twice() {
    let (mut book, customer) = fresh_book("EUR", "Ångström Analytics AB", "Storgatan 12");
    let work = [("Design sprint".to_owned(), "1", "1250.00")];
    issue(&mut book, customer, "2026-08-01", &work);
    // An overpayment: €1,500.00 pays INV-0001, €500.00 stays as credit.
    let payment = PaymentForm {
        customer_id: Some(customer),
        received_on: "2026-08-10".into(),
        amount: "2000.00".into(),
        method: PaymentMethod::BankTransfer,
        reference: "SEPA 77".into(),
        ..PaymentForm::default()
    };
    duly_app::payments::record(&mut book, &payment, now()).expect("payment");
    issue(&mut book, customer, "2026-11-20", &work);

    // Since November: the open invoice, and the old credit on its own row.
    let since = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let rendered = documents::statement_pdf(&mut book, customer, since, now()).expect("renders");
    let text = pdf(&rendered).text();
    assert_line(
        &text,
        &[
            "10 Aug 2026",
            "Credit left from the payment SEPA 77 of",
            "€500.00",
            "-€500.00",
        ],
    );
    assert_line(
        &text,
        &[
            "20 Nov 2026",
            "INV-0002",
            "Invoice",
            "€1,500.00",
            "€1,000.00",
        ],
    );
    assert!(!text.contains("INV-0001"), "paid before the period");
    assert_line(&text, &["Balance due", "€1,000.00"]);
    assert_line(&text, &["Current", "1–30 days"]);
    assert_line(&text, &["€1,500.00", "€0.00", "€0.00", "€0.00", "€0.00"]);

    // Since August: the paid invoice and the whole payment, the same balance.
    let since = NaiveDate::from_ymd_opt(2026, 8, 1).expect("date");
    let rendered = documents::statement_pdf(&mut book, customer, since, now()).expect("renders");
    let text = pdf(&rendered).text();
    assert_line(
        &text,
        &[
            "1 Aug 2026",
            "INV-0001",
            "Invoice, paid",
            "€1,500.00",
            "€1,500.00",
        ],
    );
    assert_line(
        &text,
        &[
            "10 Aug 2026",
            "Payment by bank transfer SEPA 77, for",
            "€2,000.00",
            "-€500.00",
        ],
    );
    assert_line(&text, &["INV-0001; €500.00 kept as credit"]);
    assert_line(&text, &["Total charges", "€3,000.00"]);
    assert_line(&text, &["Total payments and credits", "€2,000.00"]);
    assert_line(&text, &["Balance due", "€1,000.00"]);
}

#[test]
fn a_300_line_invoice_repeats_the_table_header_and_ends_with_the_totals() {
    let (mut book, customer) = fresh_book("EUR", "Ångström Analytics AB", "Storgatan 12");
    let lines: Vec<(String, &str, &str)> = (1..=300)
        .map(|i| (format!("Line {i:03} — design work"), "1", "10.00"))
        .collect();
    let id = issue(&mut book, customer, "2026-11-25", &lines);
    let pdf = pdf(&documents::invoice_pdf(&mut book, id, now()).expect("renders"));
    let pages = pdf.page_count();
    assert!(pages >= 5, "300 lines fill several pages, got {pages}");
    let mut seen = 0;
    for page in 1..=pages {
        let text = pdf.page_text(page);
        assert!(
            line_with(
                &text,
                &["Description", "Qty", "Unit", "Unit price", "Tax", "Amount"]
            )
            .is_some(),
            "no table header on page {page}:\n{text}"
        );
        assert_line(&text, &[&format!("Page {page} of {pages}")]);
        let last = page == pages;
        for label in ["Subtotal", "VAT 20% on €3,000.00", "Balance due"] {
            assert_eq!(
                text.contains(label),
                last,
                "{label:?} on page {page} of {pages}"
            );
        }
        seen += (1..=300)
            .filter(|i| text.contains(&format!("Line {i:03} — design work")))
            .count();
    }
    assert_eq!(seen, 300, "every line printed exactly once");
    let text = pdf.page_text(pages);
    assert_line(&text, &["Total", "€3,600.00"]);
}

#[test]
fn the_country_sets_the_paper_and_the_owners_choice_reaches_every_document() {
    let mut book = demo_book();
    let us = ProfileForm {
        name: "Harbor & Pine Bookkeeping".into(),
        currency: "USD".into(),
        default_terms_days: "30".into(),
        country: "US".into(),
        ..ProfileForm::default()
    };
    let card = |page_size: &str| settings::ProfileSettingsForm {
        profile: us.clone(),
        page_size: page_size.into(),
    };
    let letter = pdf(&documents::invoice_pdf(&mut book, 1, now()).expect("renders"));
    assert!(
        letter.info().contains("(letter)"),
        "a US demo prints on Letter: {}",
        letter.info()
    );
    settings::save_profile_and_paper(&mut book, &card("a4")).expect("saved");
    let a4 = pdf(&documents::invoice_pdf(&mut book, 1, now()).expect("renders"));
    assert!(a4.info().contains("(A4)"), "{}", a4.info());

    settings::save_profile_and_paper(&mut book, &card("us_letter")).expect("saved");
    let invoice = pdf(&documents::invoice_pdf(&mut book, 1, now()).expect("renders"));
    let statement = pdf(&documents::statement_pdf(&mut book, 1, today(), now()).expect("renders"));
    let letter =
        pdf(&documents::letter_pdf(&mut book, 1, "Hello", "Hello.", now()).expect("renders"));
    for doc in [invoice, statement, letter] {
        assert!(
            doc.info().contains("612 x 792 pts (letter)"),
            "{}",
            doc.info()
        );
    }

    assert_refused(&mut book, "page_size", "A4 or US Letter", |b| {
        settings::save_profile_and_paper(b, &card("a3"))
    });

    // A new book takes its country's paper when the country is first chosen.
    for (country, paper) in [("DE", "a4"), ("CA", "us_letter"), ("GB", "a4")] {
        let mut fresh = Book::open_in_memory().expect("book");
        let form = ProfileForm {
            country: country.into(),
            ..us.clone()
        };
        let view = settings::save_profile(&mut fresh, &form).expect("saved");
        assert_eq!(view.page_size, paper, "{country}");
    }
}

const LOGO_PNG: &[u8] = include_bytes!("../../duly-documents/tests/support/logo.png");

#[test]
fn the_profile_logo_is_drawn_and_a_broken_one_is_reported() {
    let mut book = demo_book();
    let logo = settings::LogoForm {
        data_base64: base64::engine::general_purpose::STANDARD.encode(LOGO_PNG),
    };
    settings::set_logo(&mut book, &logo).expect("logo");
    let rendered = documents::invoice_pdf(&mut book, 1, now()).expect("renders");
    pdf(&rendered);
    let path = std::env::temp_dir().join(format!("duly-app-logo-{}.pdf", std::process::id()));
    std::fs::write(&path, &rendered.bytes).expect("write");
    let images = Command::new("pdfimages")
        .arg("-list")
        .arg(&path)
        .output()
        .expect("pdfimages (Debian package poppler-utils) runs");
    std::fs::remove_file(&path).expect("remove");
    let listing = String::from_utf8_lossy(&images.stdout);
    let images = listing
        .lines()
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .count();
    assert_eq!(images, 1, "one image:\n{listing}");

    // Accepted by its signature, but not a readable PNG.
    let mut broken = b"\x89PNG\r\n\x1a\n".to_vec();
    broken.extend_from_slice(&[0; 64]);
    let logo = settings::LogoForm {
        data_base64: base64::engine::general_purpose::STANDARD.encode(broken),
    };
    settings::set_logo(&mut book, &logo).expect("logo");
    let error = documents::invoice_pdf(&mut book, 1, now()).expect_err("reported");
    assert_eq!(error.kind, ErrorKind::Storage);
    assert!(
        error.message.contains("logo") && error.message.contains("Settings"),
        "{}",
        error.message
    );
}

#[test]
fn unknown_invoices_and_customers_are_not_found() {
    let mut book = demo_book();
    let error = documents::invoice_pdf(&mut book, 99_999, now()).expect_err("missing");
    assert_eq!(error.kind, ErrorKind::NotFound);
    let error = documents::statement_pdf(&mut book, 99_999, today(), now()).expect_err("missing");
    assert_eq!(error.kind, ErrorKind::NotFound);
    let error =
        documents::letter_pdf(&mut book, 99_999, "Hello", "Hello.", now()).expect_err("missing");
    assert_eq!(error.kind, ErrorKind::NotFound);
}

/// Regenerates the README's pictures of the demo book's documents:
/// `cargo test -p duly-app --test documents -- --ignored readme_pictures`
/// (needs `pdftoppm`, Debian package poppler-utils).
#[test]
#[ignore = "writes docs/*.png; run by hand when the documents change"]
fn readme_pictures() {
    let mut book = demo_book();
    // A partly paid invoice with a discount and a taxed line shows the most.
    let id = rows(&mut book, StatusFilter::Open)
        .into_iter()
        .map(|r| invoice(&mut book, r.id))
        .find(|inv| {
            inv.header.balance_minor < inv.header.total_minor
                && inv.lines.len() >= 3
                && inv.lines.iter().any(|l| !l.tax.percent.is_zero())
        })
        .expect("a rich invoice")
        .header
        .id;
    // Five weeks: the bounced check and its reversal, and the totals on page 1.
    let since = today().checked_sub_days(Days::new(35)).expect("date");
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs");
    std::fs::create_dir_all(&docs).expect("docs/");
    let pictures = [
        ("invoice", documents::invoice_pdf(&mut book, id, now())),
        (
            "statement",
            documents::statement_pdf(&mut book, 4, since, now()),
        ),
    ];
    for (name, rendered) in pictures {
        let rendered = rendered.expect("renders");
        let pdf_file = std::env::temp_dir().join(format!("duly-readme-{name}.pdf"));
        std::fs::write(&pdf_file, &rendered.bytes).expect("write");
        let status = Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&pdf_file)
            .arg(docs.join(name))
            .status()
            .expect("pdftoppm (Debian package poppler-utils) runs");
        assert!(status.success());
        let size = std::fs::metadata(docs.join(format!("{name}.png")))
            .expect("picture")
            .len();
        assert!(size < 150_000, "{name}.png is {size} bytes");
    }
}

/// A euro book with an IBAN: the issued invoice prints the account, its RF
/// reference and the balance, and its QR code, read back from the page,
/// is the EPC transfer of that balance to that account quoting that
/// reference. The IBAN is frozen at issue: a later change does not reach
/// the reprint. A mistyped IBAN in Settings is refused and changes nothing.
#[test]
fn a_euro_invoice_carries_its_rf_reference_and_an_epc_qr_code() {
    let (mut book, customer) = fresh_book("EUR", "Ångström Analytics AB", "Storgatan 12");
    let mut profile = ProfileForm {
        name: "Müller & Søn Design Studio".into(),
        currency: "EUR".into(),
        default_terms_days: "14".into(),
        iban: "pl61 1090 1014 0000 0712 1981 2874".into(),
        bic: "WBKPPLPP".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(&mut book, &profile).expect("profile");
    let id = issue(
        &mut book,
        customer,
        "2026-11-20",
        &[("Logo refinement".into(), "2", "100")],
    );
    let number = invoice(&mut book, id).header.number.expect("a number");
    let reference =
        duly_core::bank::reference::CreditorReference::for_invoice(&number).expect("a reference");
    let rendered = documents::invoice_pdf(&mut book, id, now()).expect("renders");
    let pdf = pdf(&rendered);
    let text = pdf.text();
    assert_line(&text, &["IBAN", "PL61 1090 1014 0000 0712 1981 2874"]);
    assert_line(&text, &["Amount", "€240.00"]);
    assert_line(&text, &["Reference", &format!("{reference} ({number})")]);
    let expected = format!(
        "BCD\n002\n1\nSCT\nWBKPPLPP\nMüller & Søn Design Studio\nPL61109010140000071219812874\nEUR240.00\n\n{}",
        reference.electronic()
    );
    let codes: Vec<String> = (1..=pdf.page_count())
        .flat_map(|page| pdf.page_qr_codes(page))
        .collect();
    assert_eq!(codes, std::slice::from_ref(&expected));

    // A new account is for invoices issued from now on.
    profile.iban = "DE89 3704 0044 0532 0130 00".into();
    settings::save_profile(&mut book, &profile).expect("profile");
    let reprint = documents::invoice_document(&mut book, id, now()).expect("model");
    assert_eq!(reprint.pay.and_then(|p| p.qr), Some(expected));

    profile.iban = "DE89 3704 0044 0532 0130 01".into();
    assert_refused(&mut book, "iban", "check digits", |book| {
        settings::save_profile(book, &profile)
    });
    let kept = settings::get(&mut book).expect("settings").profile;
    assert_eq!(
        kept.iban.map(|i| i.electronic().to_owned()).as_deref(),
        Some("DE89370400440532013000")
    );
}

/// A reminder printed as a letter asks for what the draft asks for (its
/// attached invoices) at their balances today, with the account, the RF
/// reference and the EPC QR code under the signature; a letter that asks
/// for nothing, or for an invoice since paid, has no payment panel.
#[test]
fn a_reminder_letter_carries_the_qr_code_of_what_it_asks_for() {
    let (mut book, customer) = fresh_book("EUR", "Ångström Analytics AB", "Storgatan 12");
    let profile = ProfileForm {
        name: "Müller & Søn Design Studio".into(),
        currency: "EUR".into(),
        default_terms_days: "14".into(),
        iban: "DE89 3704 0044 0532 0130 00".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(&mut book, &profile).expect("profile");
    // €300.00 and VAT 20%.
    let late = issue(
        &mut book,
        customer,
        "2026-10-01",
        &[("Brand audit".into(), "1", "300")],
    );
    let number = invoice(&mut book, late).header.number.expect("a number");
    let reference =
        duly_core::bank::reference::CreditorReference::for_invoice(&number).expect("a reference");
    let body = "Dear Zoë,\n\nInvoice is now past due.\n\nZofia";
    let letter =
        documents::draft_letter_pdf(&mut book, customer, "A reminder", body, &[], &[late], now())
            .expect("letter");
    let read = pdf(&letter);
    let text = read.text();
    assert_line(&text, &["Pay by bank transfer"]);
    assert_line(&text, &["IBAN", "DE89 3704 0044 0532 0130 00"]);
    assert_line(&text, &["Amount", "€360.00"]);
    let codes: Vec<String> = (1..=read.page_count())
        .flat_map(|page| read.page_qr_codes(page))
        .collect();
    assert_eq!(
        codes,
        [format!(
            "BCD\n002\n1\nSCT\n\nMüller & Søn Design Studio\nDE89370400440532013000\nEUR360.00\n\n{}",
            reference.electronic()
        )]
    );

    let plain = documents::draft_letter_pdf(&mut book, customer, "Thanks", body, &[], &[], now())
        .expect("letter");
    assert!(!pdf(&plain).text().contains("Pay by bank transfer"));
    let payment = PaymentForm {
        customer_id: Some(customer),
        received_on: "2026-11-24".into(),
        amount: "360".into(),
        ..PaymentForm::default()
    };
    duly_app::payments::record(&mut book, &payment, now()).expect("paid");
    let settled =
        documents::draft_letter_pdf(&mut book, customer, "A reminder", body, &[], &[late], now())
            .expect("letter");
    assert!(!pdf(&settled).text().contains("Pay by bank transfer"));
}
