//! One account standing behind every screen: for every customer and any day
//! in the book's range, This week, the customer page, Draft follow-up, the
//! invoice list, Late fees and the statement say the same thing, on the demo
//! book and on generated books. And the plan case from the issue: a customer
//! in a plan in good standing is neither chased nor charged until an
//! installment is missed, and then both happen the same day.

use chrono::{Days, NaiveDate, NaiveDateTime};
use duly_app::drafts::{Attachment, DraftSubject};
use duly_app::invoices::{ListQuery, StatusFilter};
use duly_app::templates::TemplateKind;
use duly_app::views::InvoiceRow;
use duly_app::{
    contacts, customers, demo, disputes, documents, drafts, history, invoices, late_fees, payments,
    plans, promises, settings, summary,
};
use duly_core::contact_log::{ContactForm, Outcome};
use duly_core::customer::CustomerForm;
use duly_core::dispute::{DisputeCause, DisputeForm};
use duly_core::invoice::{DraftForm, InvoiceStatus, IssueForm, LineForm};
use duly_core::late_fee::{LateFeeKind, LateFeePolicyForm};
use duly_core::payment::{AllocationForm, PaymentForm};
use duly_core::plan::{ExtensionForm, Frequency, PlanForm};
use duly_core::profile::ProfileForm;
use duly_core::promise::{PromiseForm, PromiseKind};
use duly_core::standing::PauseReason;
use duly_store::Book;
use proptest::prelude::*;

fn at(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(12, 0, 0).expect("valid")
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn plus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).expect("date")
}

fn minus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).expect("date")
}

/// "$1,234.56" → "1234.56": a printed amount as the plain decimal the window gets.
fn plain(printed: &str) -> String {
    printed
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect()
}

fn charge_percent(book: &mut Book) {
    let policy = LateFeePolicyForm {
        kind: LateFeeKind::PercentPerMonth,
        percent_per_month: "1.5".into(),
        grace_days: "0".into(),
        ..LateFeePolicyForm::default()
    };
    late_fees::save_policy(book, &policy).expect("late-fee policy");
}

/// Every screen's answer for every customer on `d`, checked against the
/// others. Returns how many customers had a step suggested (so callers can
/// tell the check was not vacuous).
fn agree(book: &mut Book, d: NaiveDate) -> usize {
    let now = at(d);
    let week = summary::compute(book, d).expect("summary");
    let fees = late_fees::view(book, d).expect("late fees");
    let mut suggested = 0;
    for customer in customers::list(book, true, now).expect("customers") {
        let id = customer.id;
        let page = history::account(book, id, now).expect("customer page");
        match drafts::follow_up(book, id, None, now) {
            Ok(draft) => assert_eq!(
                page.suggestion, draft.suggestion,
                "customer {id} on {d}: page vs draft"
            ),
            // Draft follow-up offers no reminder exactly when nothing is overdue.
            Err(e) => {
                assert!(e.message.contains("no reminder to send"), "{e:?}");
                assert_eq!(page.chaseable, "0.00", "customer {id} on {d}: refused");
            }
        }
        suggested += usize::from(page.suggestion.is_some());

        let action = week.actions.iter().find(|a| a.customer_id == id);
        let waiting = week.waiting.iter().find(|a| a.customer_id == id);
        let step = page.suggestion.as_ref().map(|s| s.step);
        match (action, waiting) {
            (Some(a), None) => {
                assert_eq!(a.step, step, "customer {id} on {d}: week vs page");
                assert!(!page.suggestion.as_ref().is_some_and(|s| s.waiting));
                assert_eq!(a.oldest_days, page.oldest_days_late);
            }
            (None, Some(a)) => {
                assert_eq!(a.step, step, "customer {id} on {d}: week (waiting) vs page");
                assert!(page.suggestion.as_ref().is_some_and(|s| s.waiting));
            }
            (None, None) => assert_eq!(
                page.oldest_days_late, 0,
                "customer {id} on {d}: past due but not on This week"
            ),
            (Some(_), Some(_)) => panic!("customer {id} on {d} is both due and waiting"),
        }

        // Late fees charge exactly the overdue invoices nothing pauses.
        let query = ListQuery {
            customer_id: Some(id),
            ..ListQuery::default()
        };
        let rows = invoices::list(book, &query, now).expect("invoice list");
        let mine: Vec<&late_fees::FeeLine> = fees
            .lines
            .rows
            .iter()
            .filter(|l| l.customer_id == id)
            .collect();
        for line in &mine {
            let row = rows
                .iter()
                .find(|r| r.id == line.invoice_id)
                .expect("fee row invoice");
            assert_eq!(row.status, InvoiceStatus::Overdue, "{line:?}");
            assert_eq!(
                row.pause, None,
                "a paused invoice is never charged: {line:?}"
            );
            assert_eq!(row.days_past_due, line.days_late);
            assert_eq!(row.balance, line.balance);
        }
        for row in rows.iter().filter(|r| r.pause.is_some()) {
            assert!(
                mine.iter().all(|l| l.invoice_id != row.id),
                "{row:?} is paused"
            );
        }

        // The statement prints the same days late and the same balance.
        let statement =
            documents::statement_document(book, id, minus(d, 400), now).expect("statement");
        for printed in statement.rows.iter().filter(|r| !r.reference.is_empty()) {
            let row = rows
                .iter()
                .find(|r| r.number.as_deref() == Some(printed.reference.as_str()))
                .expect("statement invoice");
            let late = if row.status == InvoiceStatus::Overdue {
                row.days_past_due.to_string()
            } else {
                String::new()
            };
            assert_eq!(printed.days_past_due, late, "{} on {d}", printed.reference);
        }
        let closing = statement.totals.last().expect("closing line");
        let owed: rust_decimal::Decimal = page.balance.parse().expect("balance");
        let credit: rust_decimal::Decimal = page.credit.parse().expect("credit");
        let due = owed - credit;
        let expected = if due < rust_decimal::Decimal::ZERO {
            -due
        } else {
            due
        };
        assert_eq!(
            plain(&closing.amount),
            expected.to_string(),
            "customer {id} on {d}"
        );
        let aging: Vec<String> = statement.aging.iter().map(|(_, a)| plain(a)).collect();
        match week.customers.iter().find(|c| c.customer_id == id) {
            Some(row) => {
                let week: Vec<String> = row.amounts.iter().map(|a| a.to_string()).collect();
                assert_eq!(aging, week, "customer {id} aging on {d}");
            }
            None => assert_eq!(page.balance, "0.00"),
        }
    }
    suggested
}

/// "$1,234.56" for 1234.56: amounts as the messages print them (USD books).
fn printed(amount: &str) -> String {
    let (int, frac) = amount.split_once('.').unwrap_or((amount, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("${grouped}.{frac}")
}

/// The amounts a line of text states, as printed ("$1,234.56").
fn amounts_in(line: &str) -> Vec<String> {
    line.split('$')
        .skip(1)
        .map(|rest| {
            let figure: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                .collect();
            format!("${}", figure.trim_end_matches(['.', ',']))
        })
        .collect()
}

/// Every ladder step drafted for every customer on `d`, read against the
/// invoice list: a reminder names only invoices that exist, calls overdue
/// only what is overdue and not paused (never one not yet due or paused in a
/// past-due line), attaches exactly those, and states their sum; a customer
/// with nothing overdue gets no reminder. No private call note ever appears
/// in any message. Returns how many drafts were checked.
fn fact_check(book: &mut Book, d: NaiveDate, notes: &[String]) -> usize {
    let now = at(d);
    let mut checked = 0;
    for customer in customers::list(book, true, now).expect("customers") {
        let id = customer.id;
        let query = ListQuery {
            customer_id: Some(id),
            ..ListQuery::default()
        };
        let rows = invoices::list(book, &query, now).expect("invoice list");
        let overdue: Vec<&InvoiceRow> = rows
            .iter()
            .filter(|r| r.status == InvoiceStatus::Overdue && r.pause.is_none())
            .collect();
        let not_chased: Vec<&str> = rows
            .iter()
            .filter(|r| {
                matches!(r.status, InvoiceStatus::Open | InvoiceStatus::Overdue)
                    && !overdue.iter().any(|o| o.id == r.id)
            })
            .filter_map(|r| r.number.as_deref())
            .collect();
        let known: Vec<&str> = rows.iter().filter_map(|r| r.number.as_deref()).collect();
        for kind in TemplateKind::ALL {
            let draft = match duly_app::drafts::draft(book, id, kind, DraftSubject::default(), now)
            {
                Ok(draft) => draft,
                Err(e) => {
                    if kind.step().is_some() {
                        assert!(e.message.contains("no reminder to send"), "{kind:?}: {e:?}");
                        assert!(
                            overdue.is_empty(),
                            "{kind:?} refused with {overdue:?} overdue"
                        );
                    }
                    continue;
                }
            };
            checked += 1;
            let text = format!("{}\n{}", draft.subject, draft.body);
            for note in notes.iter().filter(|n| n.len() > 8) {
                assert!(
                    !text.contains(note.as_str()),
                    "{kind:?} for {id} quotes a note: {note}"
                );
            }
            // Every invoice number named is one of the customer's.
            for word in text.split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
            {
                let word = word.trim_end_matches(['.', ':', ';', '?']);
                if word.starts_with("INV-") {
                    assert!(known.contains(&word), "{kind:?} for {id} names {word}");
                }
            }
            // In any message, a past-due line or sentence never names what is
            // not chased, and every amount in it is an overdue invoice's
            // balance or total, or their sum.
            let sum: rust_decimal::Decimal = overdue
                .iter()
                .map(|r| r.balance.parse::<rust_decimal::Decimal>().expect("balance"))
                .sum();
            let figures: Vec<String> = overdue
                .iter()
                .flat_map(|r| [printed(&r.balance), printed(&r.total)])
                .chain([printed(&sum.to_string())])
                .collect();
            for line in text.lines().filter(|l| {
                let l = l.to_lowercase();
                l.contains("past due") || l.contains("overdue")
            }) {
                for number in &not_chased {
                    assert!(
                        !line.contains(number),
                        "{kind:?} for {id} calls {number} late: {line}"
                    );
                }
                for amount in amounts_in(line) {
                    assert!(
                        figures.contains(&amount),
                        "{kind:?} for {id} states {amount} as past due, not one of {figures:?}: {line}"
                    );
                }
            }
            if kind.step().is_none() {
                continue;
            }
            assert!(!overdue.is_empty(), "{kind:?} drafted with nothing overdue");
            // It attaches what it asks to be paid (the formal reminder: the statement).
            let attached: Vec<i64> = draft
                .attachments
                .iter()
                .filter_map(|a| match a {
                    Attachment::Invoice { invoice_id, .. } => Some(*invoice_id),
                    Attachment::Statement => None,
                })
                .collect();
            if kind.step() < Some(duly_core::ladder::LadderStep::FormalReminder) {
                let mut expected: Vec<i64> = overdue.iter().map(|r| r.id).collect();
                expected.sort_unstable();
                let mut got = attached.clone();
                got.sort_unstable();
                assert_eq!(got, expected, "{kind:?} for {id} attachments");
            }
            // The sum it states is the sum of what is overdue.
            assert!(
                text.contains(&printed(&sum.to_string())),
                "{kind:?} for {id} does not state {sum}:\n{text}"
            );
        }
    }
    checked
}

/// The owner's private notes on every logged contact, as the timeline shows
/// them to the owner: no draft may contain one.
fn private_notes(book: &mut Book, d: NaiveDate) -> Vec<String> {
    customers::list(book, true, at(d))
        .expect("customers")
        .iter()
        .flat_map(|c| {
            history::account(book, c.id, at(d))
                .expect("page")
                .timeline
                .rows
                .into_iter()
                .filter_map(|e| match e {
                    duly_app::views::TimelineEntry::Contact { notes, .. } => Some(notes),
                    _ => None,
                })
        })
        .filter(|n| !n.is_empty())
        .collect()
}

#[test]
fn every_reminder_states_only_what_is_true_on_the_demo_book() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    let mut book = Book::open_in_memory().expect("book");
    demo::generate(&mut book, demo::DemoSize::SMALL, today).expect("demo");
    let notes = private_notes(&mut book, today);
    assert!(!notes.is_empty(), "the demo has calls with notes");
    let mut checked = 0;
    for back in [120, 30, 0] {
        checked += fact_check(&mut book, minus(today, back), &notes);
    }
    assert!(checked > 100, "{checked} drafts checked");
}

#[test]
fn the_demo_book_says_one_thing_on_every_screen_on_any_day() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    let mut book = Book::open_in_memory().expect("book");
    demo::generate(&mut book, demo::DemoSize::SMALL, today).expect("demo");
    charge_percent(&mut book);

    // Add what the demo does not have: a plan in good standing and a dispute.
    let week = summary::compute(&mut book, today).expect("summary");
    let planned = week.actions[0].customer_id;
    let disputed = week.actions[1].customer_id;
    let overdue = |book: &mut Book, customer| -> Vec<i64> {
        let query = ListQuery {
            customer_id: Some(customer),
            status: StatusFilter::Overdue,
            ..ListQuery::default()
        };
        invoices::list(book, &query, at(today))
            .expect("list")
            .iter()
            .map(|r| r.id)
            .collect()
    };
    let plan = PlanForm {
        invoice_ids: overdue(&mut book, planned),
        count: "3".into(),
        frequency: Frequency::Monthly,
        first_on: iso(plus(today, 7)),
    };
    plans::create(&mut book, planned, &plan, at(today)).expect("plan");
    let target = overdue(&mut book, disputed)[0];
    let dispute = DisputeForm {
        invoice_id: target,
        line: None,
        cause: Some(DisputeCause::Quality),
        customer_words: "The last visit did not fix it.".into(),
        amount: "50".into(),
    };
    disputes::open(&mut book, &dispute, at(minus(today, 3))).expect("dispute");

    let mut suggested = 0;
    for back in [210, 150, 90, 45, 21, 7, 3, 0] {
        suggested += agree(&mut book, minus(today, back));
    }
    for ahead in [6, 10, 11, 40] {
        suggested += agree(&mut book, plus(today, ahead));
    }
    assert!(
        suggested > 20,
        "the demo has customers to chase ({suggested})"
    );

    // The plan holds its invoices until its first installment (+3 days
    // grace), then not: off Late fees and paused, then back on both.
    let held = |book: &mut Book, d| {
        let fees = late_fees::view(book, d).expect("late fees");
        plan.invoice_ids
            .iter()
            .map(|id| {
                let row = invoices::get(book, *id, at(d)).expect("invoice").row;
                (
                    row.pause.is_some(),
                    fees.lines.rows.iter().any(|l| l.invoice_id == *id),
                )
            })
            .collect::<Vec<_>>()
    };
    assert!(held(&mut book, plus(today, 10))
        .iter()
        .all(|h| *h == (true, false)));
    assert!(held(&mut book, plus(today, 11))
        .iter()
        .all(|h| *h == (false, true)));
}

/// A customer 55 days late on one invoice agrees a 3-installment plan whose
/// first installment is next week.
#[test]
fn a_plan_in_good_standing_is_neither_chased_nor_charged_until_an_installment_is_missed() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
    let mut book = business();
    let c = customer(&mut book, "Cedar Point Auto", minus(today, 100));
    let issued = minus(today, 85); // due 30 days later: 55 days late today
    let invoice = issue(&mut book, c, "900", issued);
    let s = summary::compute(&mut book, today).expect("summary");
    assert_eq!(s.actions.first().map(|a| a.oldest_days), Some(55));
    assert_eq!(
        late_fees::view(&mut book, today).expect("fees").lines.total,
        1
    );

    let plan = PlanForm {
        invoice_ids: vec![invoice],
        count: "3".into(),
        frequency: Frequency::Monthly,
        first_on: iso(plus(today, 7)),
    };
    plans::create(&mut book, c, &plan, at(today)).expect("plan");
    let chased = |book: &mut Book, d: NaiveDate| {
        let s = summary::compute(book, d).expect("summary");
        let fees = late_fees::view(book, d).expect("fees");
        let page = history::account(book, c, at(d)).expect("page");
        let row = invoices::get(book, invoice, at(d)).expect("invoice").row;
        (
            s.actions.iter().any(|a| a.customer_id == c),
            fees.lines.rows.iter().any(|l| l.invoice_id == invoice),
            page.suggestion.is_some_and(|s| !s.waiting),
            row.pause.map(|p| p.reason),
        )
    };
    assert_eq!(
        chased(&mut book, today),
        (false, false, false, Some(PauseReason::Plan))
    );
    let applied =
        late_fees::apply(&mut book, today, &late_fees::Customers::All, at(today)).expect("apply");
    assert!(applied.is_empty(), "nothing to charge inside the plan");

    // The first installment is paid on time: still held until the second.
    let pay = PaymentForm {
        customer_id: Some(c),
        received_on: iso(plus(today, 7)),
        amount: "300".into(),
        allocations: vec![AllocationForm {
            invoice_id: invoice,
            amount: "300".into(),
        }],
        ..PaymentForm::default()
    };
    payments::record(&mut book, &pay, at(plus(today, 7))).expect("pay");
    let second = plus(today, 7)
        .checked_add_months(chrono::Months::new(1))
        .expect("date");
    assert_eq!(
        chased(&mut book, plus(second, 3)),
        (false, false, false, Some(PauseReason::Plan))
    );
    // The second is missed: the day after its grace, chased and chargeable.
    let broken = plus(second, 4);
    assert_eq!(chased(&mut book, broken), (true, true, true, None));
    agree(&mut book, broken);
    agree(&mut book, today);
}

/// A new book of a USD business on net 30, charging 1.5 % a month late.
fn business() -> Book {
    let mut book = Book::open_in_memory().expect("book");
    let profile = ProfileForm {
        name: "Harbor & Pine".into(),
        owner_name: "Maya Lindqvist".into(),
        currency: "USD".into(),
        default_terms_days: "30".into(),
        ..ProfileForm::default()
    };
    settings::save_profile(&mut book, &profile).expect("profile");
    charge_percent(&mut book);
    book
}

fn customer(book: &mut Book, company: &str, on: NaiveDate) -> i64 {
    let form = CustomerForm {
        company: company.into(),
        ..CustomerForm::default()
    };
    customers::create(book, &form, at(on)).expect("customer").id
}

/// Issues a one-line invoice for `amount` on `on` (due 30 days later).
fn issue(book: &mut Book, customer: i64, amount: &str, on: NaiveDate) -> i64 {
    let draft = DraftForm {
        customer_id: Some(customer),
        lines: vec![LineForm {
            description: "Monthly bookkeeping".into(),
            quantity: "1".into(),
            unit_price: amount.into(),
            ..LineForm::default()
        }],
        ..DraftForm::default()
    };
    let saved = invoices::save_draft(book, None, &draft, at(on)).expect("draft");
    let form = IssueForm {
        issue_date: iso(on),
        due_date: String::new(),
    };
    invoices::issue(book, saved.row.id, &form, at(on))
        .expect("issue")
        .row
        .id
}

/// Something that happens to a generated book, on a day (days after 1 Jan).
#[derive(Debug, Clone)]
enum Event {
    Invoice {
        customer: usize,
        amount: u32,
    },
    Pay {
        invoice: usize,
        amount: u32,
    },
    Promise {
        invoice: usize,
        wait: u64,
    },
    Plan {
        invoice: usize,
        first_in: u64,
    },
    Dispute {
        invoice: usize,
    },
    Extend {
        invoice: usize,
        by: u64,
    },
    Bounce {
        payment: usize,
    },
    /// A call on which they said a check was mailed `mailed_ago` days ago.
    Call {
        invoice: usize,
        mailed_ago: u64,
    },
}

fn event() -> impl Strategy<Value = (u64, Event)> {
    let day = 0u64..200;
    prop_oneof![
        3 => (day.clone(), 0usize..3, 50u32..2000).prop_map(|(d, customer, amount)| (d, Event::Invoice { customer, amount })),
        3 => (day.clone(), 0usize..12, 10u32..1500).prop_map(|(d, invoice, amount)| (d, Event::Pay { invoice, amount })),
        1 => (day.clone(), 0usize..12, 0u64..20).prop_map(|(d, invoice, wait)| (d, Event::Promise { invoice, wait })),
        1 => (day.clone(), 0usize..12, 1u64..30).prop_map(|(d, invoice, first_in)| (d, Event::Plan { invoice, first_in })),
        1 => (day.clone(), 0usize..12).prop_map(|(d, invoice)| (d, Event::Dispute { invoice })),
        1 => (day.clone(), 0usize..12, 1u64..40).prop_map(|(d, invoice, by)| (d, Event::Extend { invoice, by })),
        1 => (day.clone(), 0usize..6).prop_map(|(d, payment)| (d, Event::Bounce { payment })),
        1 => (day, 0usize..12, 0u64..20).prop_map(|(d, invoice, mailed_ago)| (d, Event::Call { invoice, mailed_ago })),
    ]
}

/// Plays the events through the commands in date order. The commands refuse
/// what cannot happen (paying a void invoice, a plan on a paid one…): those
/// events are skipped, as an owner's mistaken click would change nothing.
fn play(events: &mut [(u64, Event)]) -> (Book, NaiveDate) {
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let mut book = business();
    let customers: Vec<i64> = ["Alder Co", "Birch Ltd", "Cedar Inc"]
        .iter()
        .map(|name| customer(&mut book, name, start))
        .collect();
    events.sort_by_key(|(d, _)| *d);
    let mut invoices_made: Vec<(i64, i64)> = Vec::new();
    let mut payments_made: Vec<i64> = Vec::new();
    let mut last = start;
    for (offset, event) in events.iter() {
        let on = plus(start, *offset);
        last = on;
        let pick = |k: usize| invoices_made.get(k % invoices_made.len().max(1)).copied();
        match event {
            Event::Invoice { customer, amount } => {
                let c = customers[*customer];
                invoices_made.push((c, issue(&mut book, c, &amount.to_string(), on)));
            }
            Event::Pay { invoice, amount } => {
                let Some((c, id)) = pick(*invoice) else {
                    continue;
                };
                let form = PaymentForm {
                    customer_id: Some(c),
                    received_on: iso(on),
                    amount: amount.to_string(),
                    allocations: vec![AllocationForm {
                        invoice_id: id,
                        amount: amount.to_string(),
                    }],
                    ..PaymentForm::default()
                };
                if let Ok(receipt) = payments::record(&mut book, &form, at(on)) {
                    payments_made.extend(receipt.payment_id);
                }
            }
            Event::Promise { invoice, wait } => {
                let Some((c, id)) = pick(*invoice) else {
                    continue;
                };
                let form = PromiseForm {
                    kind: PromiseKind::PayOnDate,
                    amount: "100".into(),
                    promised_on: iso(plus(on, *wait)),
                    invoice_ids: vec![id],
                    ..PromiseForm::default()
                };
                promises::record(&mut book, c, &form, at(on)).ok();
            }
            Event::Plan { invoice, first_in } => {
                let Some((c, id)) = pick(*invoice) else {
                    continue;
                };
                let form = PlanForm {
                    invoice_ids: vec![id],
                    count: "2".into(),
                    frequency: Frequency::Biweekly,
                    first_on: iso(plus(on, *first_in)),
                };
                plans::create(&mut book, c, &form, at(on)).ok();
            }
            Event::Dispute { invoice } => {
                let Some((_, id)) = pick(*invoice) else {
                    continue;
                };
                let form = DisputeForm {
                    invoice_id: id,
                    line: None,
                    cause: Some(DisputeCause::Price),
                    customer_words: "We agreed a lower rate.".into(),
                    amount: "10".into(),
                };
                disputes::open(&mut book, &form, at(on)).ok();
            }
            Event::Extend { invoice, by } => {
                let Some((_, id)) = pick(*invoice) else {
                    continue;
                };
                let due = invoices::get(&mut book, id, at(on))
                    .expect("invoice")
                    .row
                    .due_date;
                let Some(due) = due else {
                    continue;
                };
                let form = ExtensionForm {
                    new_due_date: iso(plus(due.max(on), *by)),
                    reason: "Waiting on their client".into(),
                };
                plans::extend(&mut book, id, &form, at(on)).ok();
            }
            Event::Call {
                invoice,
                mailed_ago,
            } => {
                let Some((c, id)) = pick(*invoice) else {
                    continue;
                };
                let form = ContactForm {
                    customer_id: Some(c),
                    happened_at: format!("{}T10:00", iso(on)),
                    notes: format!("Private: sounded stressed on day {offset}"),
                    agreed: "You will send the remittance advice with the check.".into(),
                    outcome: Outcome::PromisedToPay,
                    promise: Some(PromiseForm {
                        kind: PromiseKind::CheckInMail,
                        amount: "100".into(),
                        mailed_on: iso(minus(on, *mailed_ago)),
                        check_number: "5150".into(),
                        invoice_ids: vec![id],
                        ..PromiseForm::default()
                    }),
                    ..ContactForm::default()
                };
                contacts::log(&mut book, &form, at(on)).ok();
            }
            Event::Bounce { payment } => {
                let Some(id) = payments_made.get(*payment).copied() else {
                    continue;
                };
                let form = duly_core::payment::ReversalForm {
                    reversed_on: iso(on),
                    reason: "Returned by the bank".into(),
                };
                payments::reverse(&mut book, id, &form, at(on)).ok();
            }
        }
    }
    (book, last)
}

proptest! {
    // 12 books in CI; PROPTEST_CASES=2000 by hand.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(12),
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_books_say_one_thing_on_every_screen(
        mut events in prop::collection::vec(event(), 4..30),
        days in prop::collection::vec(0u64..260, 3),
    ) {
        let (mut book, _) = play(&mut events);
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        for d in days {
            let d = plus(start, d);
            agree(&mut book, d);
            let notes = private_notes(&mut book, d);
            fact_check(&mut book, d, &notes);
        }
    }
}
