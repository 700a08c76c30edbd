//! Hostile input at every command's input type: numbers like `1e400`, `NaN`,
//! `-0` and `٣`, huge lengths, control characters, right-to-left marks,
//! combining characters, emoji, NUL, SQL (`'); DROP TABLE invoices;--`) and
//! template syntax (`{{ 7*7 }}`) in every text field.
//!
//! For every generated form: no panic; a refusal is an `Invalid` error that
//! names its fields, and leaves the book exactly as it was; an acceptance
//! stores the text exactly as typed (trimmed; `\r\n` as `\n` in multi-line
//! fields), SQL and template text included, literally.
//!
//! `DULY_FUZZ_CASES` cases per input type (256 by default, as in CI).

mod common;

use base64::Engine;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use chrono::NaiveDateTime;
use common::{now, snapshot};
use duly_app::invoices::{self, ListQuery, VoidForm};
use duly_app::settings::{self, LogoForm, NumberingForm, SummaryPolicyForm};
use duly_app::{contacts, customers, payments, promises, summary, AppError, ErrorKind};
use duly_core::aging::AgingBoundsForm;
use duly_core::contact_log::{Channel, ContactForm, Outcome, Person};
use duly_core::customer::{Contact, CustomerForm, ServiceStatus};
use duly_core::invoice::{DraftForm, FeeForm, IssueForm, LineForm};
use duly_core::payment::{AllocationForm, PaymentForm, PaymentMethod, ReversalForm};
use duly_core::profile::ProfileForm;
use duly_core::promise::{PromiseForm, PromiseKind, PromisePolicyForm};
use duly_core::tax::TaxRateForm;
use duly_core::DomainError;
use duly_store::Book;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

fn config() -> ProptestConfig {
    let cases = std::env::var("DULY_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256);
    ProptestConfig::with_cases(cases)
}

/// Text that has broken programs before.
const NASTY: &[&str] = &[
    "",
    " ",
    "\u{0}",
    "a\u{0}b",
    "\u{7}\u{1b}[31mred",
    "\r\n",
    "line\r\nbreak",
    "tab\there",
    "\u{200f}\u{200e}",
    "\u{202e}gnp.exe\u{202c}",
    "e\u{301}\u{301}\u{301}\u{301}",
    "Z\u{0351}\u{0352}a\u{0353}l\u{0354}g\u{0355}o",
    "👩\u{200d}💻🇺🇸🏳️\u{200d}🌈",
    "\u{feff}bom",
    "\u{fffd}\u{fffe}",
    "\u{2028}\u{2029}",
    "\u{3000}ideographic space\u{3000}",
    "'); DROP TABLE invoices;--",
    "\" OR 1=1 --",
    "Robert'); DELETE FROM payments; --",
    "{{ 7*7 }}",
    "{% raw %}{{ x }}{% endraw %}",
    "${jndi:ldap://x}",
    "<script>alert(1)</script>",
    "=HYPERLINK(\"http://x\")",
    "%s%n%x",
    "null",
    "ذ٣ مرحبا",
    "O'Brien & Søn \"Ltd\"",
];

const NUMBERS: &[&str] = &[
    "1e400",
    "1E5",
    "NaN",
    "nan",
    "inf",
    "Infinity",
    "-0",
    "-0.00",
    "+0",
    "٣",
    "１２",
    "0x10",
    "0b1",
    "1_000",
    "1,2,3",
    "1,234.5.6",
    ".5",
    "5.",
    "-1",
    "--1",
    "0.001",
    "0.0001",
    "99999999999999999999999999999",
    "79228162514264337593543950336",
    "4294967296",
    "-2147483649",
    "12.345",
    "12,50",
    "1 000",
    "12.50",
    "1,234.56",
    "30",
    "0",
    "7",
    "365",
    "366",
];

const DATES: &[&str] = &[
    "2026-11-25",
    "2026-11-01",
    "2026-02-29",
    "2024-02-29",
    "2026-13-01",
    "2026-00-10",
    "0000-01-01",
    "9999-12-31",
    "262143-12-31",
    "-262144-01-01",
    "+2026-11-25",
    "2026-11-25T10:00",
    "2026-11-25T10:00:00",
    "2026-11-25T25:61",
    "25/11/2026",
    "1970-01-01",
    "2026-11-30",
];

fn nasty() -> BoxedStrategy<String> {
    select(NASTY).prop_map(str::to_owned).boxed()
}

/// Text of every kind: hostile, ordinary, random Unicode, mixtures and
/// lengths just at and over the limits (200 and 5,000 characters).
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => nasty(),
        3 => "[A-Za-z0-9 ,.'&()-]{1,24}",
        2 => any::<String>(),
        2 => (nasty(), nasty(), "[a-z ]{0,4}").prop_map(|(a, b, c)| format!("{a}{c}{b}")),
        1 => (select(&[199usize, 200, 201, 5_000, 5_001][..]), select(&["x", "é", "👩\u{200d}💻", "a\r\n"][..]))
            .prop_map(|(n, s)| s.repeat(n)),
    ]
    .boxed()
}

fn number() -> BoxedStrategy<String> {
    prop_oneof![
        4 => select(NUMBERS).prop_map(str::to_owned),
        3 => "[0-9]{1,4}(\\.[0-9]{1,2})?",
        1 => text(),
    ]
    .boxed()
}

fn date() -> BoxedStrategy<String> {
    prop_oneof![
        4 => select(DATES).prop_map(str::to_owned),
        2 => "2026-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])",
        1 => text(),
    ]
    .boxed()
}

fn email() -> BoxedStrategy<String> {
    prop_oneof![
        2 => Just(String::new()),
        2 => "[a-z]{1,8}@[a-z]{1,8}\\.(com|example)",
        2 => text(),
        1 => select(&["a@b", "@b.co", "a b@c.co", "a@@b.co", "a@b..co", "é@ü.example"][..]).prop_map(str::to_owned),
    ]
    .boxed()
}

fn contact() -> impl Strategy<Value = Contact> {
    (text(), text(), email(), text()).prop_map(|(name, title, email, phone)| Contact {
        name,
        title,
        email,
        phone,
    })
}

/// What the book keeps of an accepted single-line field.
fn line(typed: &str) -> String {
    typed.trim().to_owned()
}

/// What the book keeps of an accepted multi-line field.
fn paragraph(typed: &str) -> String {
    typed.replace("\r\n", "\n").trim().to_owned()
}

/// A book with something of everything for the commands to work on.
struct Fixture {
    book: Option<Book>,
    file: PathBuf,
    customer: i64,
    draft: i64,
    /// Issued, nothing paid: may be voided.
    unpaid: i64,
    /// Issued, partly paid by `payment`.
    paid: i64,
    payment: i64,
    rate: i64,
}

fn day() -> NaiveDateTime {
    now()
}

/// The ids of what the template book holds.
#[derive(Clone, Copy)]
struct Ids {
    customer: i64,
    draft: i64,
    unpaid: i64,
    paid: i64,
    payment: i64,
    rate: i64,
}

/// The fixture's book, made once and saved as a file: each case works on a
/// copy, which takes far less time than migrating and filling a new book.
struct Template {
    dir: tempfile::TempDir,
    file: PathBuf,
    ids: Ids,
}

fn template() -> &'static Template {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        // In RAM where there is a RAM folder (Linux): a copy opens there in
        // about a millisecond, against ten on a disk that syncs.
        let dir = tempfile::tempdir_in("/dev/shm")
            .or_else(|_| tempfile::tempdir())
            .expect("tempdir");
        let file = dir.path().join("template.duly");
        let (book, ids) = fill(Book::open(&file).expect("book"));
        // Closing the last connection checkpoints the WAL into the file, so
        // the file alone is the whole book.
        drop(book);
        Template { dir, file, ids }
    })
}

fn fill(mut book: Book) -> (Book, Ids) {
    let profile = ProfileForm {
        name: "Harbor & Pine".into(),
        currency: "USD".into(),
        default_terms_days: "30".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(&mut book, &profile).expect("profile");
    let rate = TaxRateForm {
        name: "VAT".into(),
        percent: "20".into(),
    };
    let rate = settings::save_tax_rate(&mut book, None, &rate)
        .expect("rate")
        .tax_rates[0]
        .id;
    let customer = customers::create(
        &mut book,
        &CustomerForm {
            company: "Blue Heron Dental".into(),
            ..CustomerForm::default()
        },
        day(),
    )
    .expect("customer")
    .id;
    let draft_form = DraftForm {
        customer_id: Some(customer),
        lines: vec![LineForm {
            description: "Cleaning".into(),
            quantity: "1".into(),
            unit_price: "300".into(),
            ..LineForm::default()
        }],
        ..DraftForm::default()
    };
    let issue = IssueForm {
        issue_date: "2026-11-01".into(),
        due_date: String::new(),
    };
    let mut issued = || {
        let d = invoices::save_draft(&mut book, None, &draft_form, day()).expect("draft");
        invoices::issue(&mut book, d.row.id, &issue, day())
            .expect("issue")
            .row
            .id
    };
    let paid = issued();
    let unpaid = issued();
    let payment = payments::record(
        &mut book,
        &PaymentForm {
            customer_id: Some(customer),
            received_on: "2026-11-10".into(),
            amount: "100".into(),
            allocations: vec![AllocationForm {
                invoice_id: paid,
                amount: "100".into(),
            }],
            ..PaymentForm::default()
        },
        day(),
    )
    .expect("payment")
    .payment_id
    .expect("id");
    let draft = invoices::save_draft(&mut book, None, &draft_form, day())
        .expect("draft")
        .row
        .id;
    let ids = Ids {
        customer,
        draft,
        unpaid,
        paid,
        payment,
        rate,
    };
    (book, ids)
}

impl Fixture {
    /// A fresh copy of the template book, removed when the case ends.
    fn new() -> Fixture {
        static CASE: AtomicUsize = AtomicUsize::new(0);
        let t = template();
        let file = t.dir.path().join(format!(
            "case-{}.duly",
            CASE.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::copy(&t.file, &file).expect("copy");
        let book = Book::open(&file).expect("open the copy");
        let Ids {
            customer,
            draft,
            unpaid,
            paid,
            payment,
            rate,
        } = t.ids;
        Fixture {
            book: Some(book),
            file,
            customer,
            draft,
            unpaid,
            paid,
            payment,
            rate,
        }
    }

    fn book(&mut self) -> &mut Book {
        self.book.as_mut().expect("open until dropped")
    }

    /// One column of one row, by SQL, to see exactly what was stored.
    fn stored(&mut self, sql: &str, id: i64) -> String {
        self.book()
            .read(|tx| Ok(tx.query_row(sql, [id], |r| r.get::<_, String>(0))?))
            .expect(sql)
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        drop(self.book.take());
        for suffix in ["", "-wal", "-shm"] {
            let mut name = self.file.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(name);
        }
    }
}

/// Runs `command` on a fresh fixture: a refusal must be `Invalid` with
/// named fields and change nothing; an acceptance is checked by `accepted`.
fn attempt<T>(
    command: impl FnOnce(&mut Fixture) -> Result<T, AppError>,
    accepted: impl FnOnce(&mut Fixture, T) -> Result<(), TestCaseError>,
) -> Result<(), TestCaseError> {
    let mut f = Fixture::new();
    let before = snapshot(f.book());
    match command(&mut f) {
        Ok(value) => accepted(&mut f, value),
        Err(e) => {
            prop_assert_eq!(e.kind, ErrorKind::Invalid, "{:?}", e);
            prop_assert!(!e.fields.is_empty(), "a refusal names its fields: {:?}", e);
            for field in &e.fields {
                prop_assert!(
                    !field.field.is_empty() && !field.message.is_empty(),
                    "{:?}",
                    e
                );
            }
            prop_assert_eq!(before, snapshot(f.book()), "a refusal changed the book");
            Ok(())
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn customer_forms(
        company in text(),
        billing in contact(),
        escalation in contact(),
        (address, terms_days, notes) in (text(), number(), text()),
        status in select(&[ServiceStatus::Active, ServiceStatus::OnHold, ServiceStatus::Suspended][..]),
        late_fee_opt_out in any::<bool>(),
    ) {
        let form = CustomerForm { company, billing, escalation, address, terms_days, notes, service_status: status, late_fee_opt_out };
        attempt(|f| customers::create(f.book(), &form, day()), |f, view| {
            let stored = customers::get(f.book(), view.id).expect("customer");
            prop_assert_eq!(&stored.company, &line(&form.company));
            prop_assert_eq!(&stored.billing.name, &line(&form.billing.name));
            prop_assert_eq!(&stored.billing.email, &line(&form.billing.email));
            prop_assert_eq!(&stored.escalation.phone, &line(&form.escalation.phone));
            prop_assert_eq!(&stored.address, &paragraph(&form.address));
            prop_assert_eq!(&stored.notes, &paragraph(&form.notes));
            prop_assert_eq!(stored.service_status, status);
            prop_assert_eq!(stored.late_fee_opt_out, late_fee_opt_out);
            Ok(())
        })?;
    }

    #[test]
    fn profile_forms(
        (name, owner_name, owner_title, address, email_text) in (text(), text(), text(), text(), email()),
        (phone, tax_id, currency, terms) in (text(), text(), prop_oneof![Just("EUR".to_owned()), Just("usd".to_owned()), text()], number()),
        country in prop_oneof![Just(String::new()), Just("us".to_owned()), Just("DE".to_owned()), text()],
        (bank_details, check_address, terms_text, late_fee_text, dispute_text, why_on_time) in (text(), text(), text(), text(), text(), text()),
        (iban, bic, pay_link) in (
            prop_oneof![Just(String::new()), Just("de89 3704 0044 0532 0130 00".to_owned()), text()],
            prop_oneof![Just(String::new()), Just("COBADEFF".to_owned()), text()],
            prop_oneof![Just(String::new()), Just("https://pay.example.com/?a={amount}".to_owned()), text()],
        ),
    ) {
        let form = ProfileForm {
            name, owner_name, owner_title, address, country, email: email_text, phone, tax_id, currency,
            default_terms_days: terms, bank_details, iban, bic, pay_link, check_address, terms_text,
            late_fee_text, dispute_text, why_on_time,
        };
        attempt(|f| settings::save_profile(f.book(), &form), |f, _| {
            let p = settings::get(f.book()).expect("settings").profile;
            prop_assert_eq!(&p.name, &line(&form.name));
            prop_assert_eq!(&p.owner_title, &line(&form.owner_title));
            prop_assert_eq!(&p.tax_id, &line(&form.tax_id));
            prop_assert_eq!(&p.address, &paragraph(&form.address));
            prop_assert_eq!(&p.bank_details, &paragraph(&form.bank_details));
            prop_assert_eq!(&p.why_on_time, &paragraph(&form.why_on_time));
            prop_assert_eq!(p.country.map(|c| c.code().to_owned()), (!form.country.trim().is_empty()).then(|| form.country.trim().to_uppercase()));
            prop_assert_eq!(p.iban.is_some(), !form.iban.trim().is_empty());
            prop_assert_eq!(p.pay_link.is_some(), !form.pay_link.trim().is_empty());
            Ok(())
        })?;
    }

    #[test]
    fn tax_rate_forms(name in text(), percent in number()) {
        let form = TaxRateForm { name, percent };
        attempt(|f| settings::save_tax_rate(f.book(), None, &form), |_, view| {
            prop_assert!(view.tax_rates.iter().any(|r| r.name == line(&form.name)));
            Ok(())
        })?;
    }

    #[test]
    fn draft_forms(
        lines in prop::collection::vec(
            (text(), number(), text(), number(), prop_oneof![Just(String::new()), number()], prop_oneof![Just(None), Just(Some(1)), Just(Some(999))]),
            0..4,
        ),
        fees in prop::collection::vec((text(), number()), 0..3),
        notes in text(),
    ) {
        let mut form = DraftForm {
            customer_id: None,
            lines: lines.into_iter().map(|(description, quantity, unit, unit_price, discount_percent, rate)| LineForm {
                description, quantity, unit, unit_price, discount_percent, tax_rate_id: rate,
            }).collect(),
            fees: fees.into_iter().map(|(name, amount)| FeeForm { name, amount }).collect(),
            notes,
        };
        // The live preview never fails, whatever is typed.
        let mut f = Fixture::new();
        invoices::preview(f.book(), &form).expect("preview");
        form.customer_id = Some(f.customer);
        for line in &mut form.lines {
            if line.tax_rate_id == Some(1) {
                line.tax_rate_id = Some(f.rate);
            }
        }
        attempt(|f| invoices::save_draft(f.book(), None, &form, day()), |_, view| {
            for (stored, typed) in view.lines.iter().zip(&form.lines) {
                prop_assert_eq!(&stored.description, &paragraph(&typed.description));
                prop_assert_eq!(&stored.unit, &line(&typed.unit));
            }
            for (stored, typed) in view.fees.iter().zip(&form.fees) {
                prop_assert_eq!(&stored.name, &line(&typed.name));
            }
            prop_assert_eq!(&view.notes, &paragraph(&form.notes));
            Ok(())
        })?;
    }

    #[test]
    fn issue_forms(issue_date in date(), due_date in prop_oneof![Just(String::new()), date()]) {
        let form = IssueForm { issue_date, due_date };
        attempt(|f| { let id = f.draft; invoices::issue(f.book(), id, &form, day()) }, |_, view| {
            // Dates and numbers are kept as the values they were read as.
            let typed = duly_core::text::date("issue_date", "Issue date", &form.issue_date).ok();
            prop_assert_eq!(view.row.issue_date, typed);
            Ok(())
        })?;
    }

    #[test]
    fn void_forms(reason in text()) {
        let form = VoidForm { reason };
        attempt(|f| { let id = f.unpaid; invoices::void(f.book(), id, &form, day()) }, |_, view| {
            prop_assert_eq!(view.void_reason, Some(paragraph(&form.reason)));
            Ok(())
        })?;
    }

    #[test]
    fn payment_forms(
        (received_on, amount, reference, memo) in (date(), number(), text(), text()),
        method in select(&[PaymentMethod::Check, PaymentMethod::Cash, PaymentMethod::Other][..]),
        shares in prop::collection::vec((0usize..3, prop_oneof![Just(String::new()), number()]), 0..3),
    ) {
        attempt(|f| {
            let ids = [f.paid, f.unpaid, 999];
            let form = PaymentForm {
                customer_id: Some(f.customer),
                received_on: received_on.clone(),
                amount: amount.clone(),
                method,
                reference: reference.clone(),
                memo: memo.clone(),
                allocations: shares.iter().map(|(i, a)| AllocationForm { invoice_id: ids[*i], amount: a.clone() }).collect(),
            };
            payments::record(f.book(), &form, day())
        }, |f, receipt| {
            let id = receipt.payment_id.expect("id");
            prop_assert_eq!(f.stored("SELECT reference FROM payments WHERE id = ?1", id), line(&reference));
            prop_assert_eq!(f.stored("SELECT memo FROM payments WHERE id = ?1", id), paragraph(&memo));
            Ok(())
        })?;
    }

    #[test]
    fn reversal_forms(reversed_on in date(), reason in text()) {
        let form = ReversalForm { reversed_on, reason };
        attempt(|f| { let id = f.payment; payments::reverse(f.book(), id, &form, day()) }, |f, ()| {
            let id = f.payment;
            prop_assert_eq!(f.stored("SELECT reversal_reason FROM payments WHERE id = ?1", id), paragraph(&form.reason));
            Ok(())
        })?;
    }

    #[test]
    fn promise_forms(
        kind in select(&[PromiseKind::CheckInMail, PromiseKind::TransferScheduled, PromiseKind::PayOnDate, PromiseKind::PartialAmount][..]),
        (amount, promised_on, made_on, mailed_on) in (number(), prop_oneof![Just(String::new()), date()], prop_oneof![Just(String::new()), date()], prop_oneof![Just(String::new()), date()]),
        (check_number, mailed_to, notes) in (text(), text(), text()),
        which in prop::collection::vec(0usize..4, 0..3),
    ) {
        attempt(|f| {
            let ids = [f.paid, f.unpaid, f.draft, 999];
            let form = PromiseForm {
                kind, amount: amount.clone(), promised_on: promised_on.clone(), made_on: made_on.clone(),
                check_number: check_number.clone(), mailed_on: mailed_on.clone(), mailed_to: mailed_to.clone(),
                invoice_ids: which.iter().map(|i| ids[*i]).collect(), notes: notes.clone(),
            };
            let customer = f.customer;
            promises::record(f.book(), customer, &form, day())
        }, |f, receipt| {
            let id = receipt.promise_id;
            prop_assert_eq!(f.stored("SELECT check_number FROM promises WHERE id = ?1", id), line(&check_number));
            prop_assert_eq!(f.stored("SELECT mailed_to FROM promises WHERE id = ?1", id), paragraph(&mailed_to));
            prop_assert_eq!(f.stored("SELECT notes FROM promises WHERE id = ?1", id), paragraph(&notes));
            Ok(())
        })?;
    }

    #[test]
    fn contact_forms(
        happened_at in prop_oneof![Just("2026-11-24T15:30".to_owned()), date()],
        channel in select(&[Channel::Call, Channel::Email, Channel::Letter, Channel::Meeting][..]),
        person in select(&[Person::Billing, Person::Escalation, Person::Other][..]),
        (person_name, notes, next_step, follow_up_on) in (text(), text(), text(), prop_oneof![Just(String::new()), date()]),
        promise in prop_oneof![Just(None), (number(), date(), text()).prop_map(Some)],
    ) {
        attempt(|f| {
            let form = ContactForm {
                customer_id: Some(f.customer),
                happened_at: happened_at.clone(),
                channel,
                person,
                person_name: person_name.clone(),
                notes: notes.clone(),
                agreed: notes.clone(),
                outcome: if promise.is_some() { Outcome::PromisedToPay } else { Outcome::Reached },
                next_step: next_step.clone(),
                follow_up_on: follow_up_on.clone(),
                promise: promise.clone().map(|(amount, promised_on, notes)| PromiseForm {
                    kind: PromiseKind::PayOnDate,
                    amount,
                    promised_on,
                    invoice_ids: vec![f.unpaid],
                    notes,
                    ..PromiseForm::default()
                }),
            };
            contacts::log(f.book(), &form, day())
        }, |f, receipt| {
            let id = receipt.contact_id;
            prop_assert_eq!(f.stored("SELECT notes FROM contact_log WHERE id = ?1", id), paragraph(&notes));
            prop_assert_eq!(f.stored("SELECT next_step FROM contact_log WHERE id = ?1", id), line(&next_step));
            if !person_name.trim().is_empty() {
                prop_assert_eq!(f.stored("SELECT person_name FROM contact_log WHERE id = ?1", id), line(&person_name));
            }
            Ok(())
        })?;
    }

    #[test]
    fn policy_and_numbering_forms(
        (grace, mail) in (number(), number()),
        (first, second, third, days, broken) in (number(), number(), number(), number(), number()),
        prefix in text(),
    ) {
        let promise = PromisePolicyForm { grace_days: grace, check_mail_days: mail };
        attempt(|f| settings::save_promise_policy(f.book(), &promise), |_, view| {
            prop_assert_eq!(Ok(view.promise_policy.grace_days), promise.grace_days.trim().parse::<u32>());
            Ok(())
        })?;
        let summary = SummaryPolicyForm {
            aging: AgingBoundsForm { first, second, third },
            suspend_days_past_due: days,
            suspend_broken_promises: broken,
        };
        attempt(|f| settings::save_summary_policy(f.book(), &summary), |_, view| {
            prop_assert_eq!(Ok(view.summary_policy.aging[2]), summary.aging.third.trim().parse::<u32>());
            Ok(())
        })?;
        let numbering = NumberingForm { prefix };
        attempt(|f| settings::save_numbering(f.book(), &numbering), |_, view| {
            prop_assert_eq!(&view.invoice_prefix, &line(&numbering.prefix));
            Ok(())
        })?;
    }

    #[test]
    fn logo_forms(data in prop_oneof![
        text(),
        Just("iVBORw0KGgo=".to_owned()),
        prop::collection::vec(any::<u8>(), 0..64).prop_map(|mut bytes| {
            bytes.splice(0..0, *b"\x89PNG\r\n\x1a\n");
            base64::engine::general_purpose::STANDARD.encode(&bytes)
        }),
    ]) {
        let form = LogoForm { data_base64: data };
        attempt(|f| settings::set_logo(f.book(), &form), |_, view| {
            if form.data_base64.is_empty() {
                prop_assert!(view.logo.is_none());
            } else {
                let shown = view.logo.expect("logo");
                prop_assert!(shown.ends_with(form.data_base64.trim()), "the bytes round-trip");
            }
            Ok(())
        })?;
    }

    #[test]
    fn summary_dates_and_list_searches(as_of in date(), search in text()) {
        let mut f = Fixture::new();
        let before = snapshot(f.book());
        // The weekly summary command parses its date exactly like this.
        match duly_core::text::date("as_of", "As of", &as_of) {
            Ok(day) => { summary::compute(f.book(), day).expect("a summary for any valid date"); }
            Err(e) => {
                let e = AppError::from(DomainError::Invalid(vec![e]));
                prop_assert_eq!(e.fields[0].field.as_str(), "as_of");
            }
        }
        let query = ListQuery { search, ..ListQuery::default() };
        invoices::list(f.book(), &query, day()).expect("a search never fails");
        prop_assert_eq!(before, snapshot(f.book()), "reading changed the book");
    }
}
