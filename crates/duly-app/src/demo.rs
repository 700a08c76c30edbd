//! The demo book: a deterministic, realistic small service business, so a
//! newcomer sees something real and tests and benchmarks share one data set.
//!
//! Same seed, size and "today" → the same book, byte for byte in content.
//! Customers pay as real ones do: most on time, some late, some in parts, a
//! few hardly at all; one check bounces; some calls end in promises (kept,
//! broken, and a check still "in the mail").
//! The default size is a small bookkeeping practice (25 customers, about 200
//! issued invoices over the last 8 months, a few drafts and voids); the
//! benchmarks ask for 5,000 customers and 50,000 invoices.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use duly_core::contact_log::{Channel, NewContact, Outcome, Person};
use duly_core::customer::{Contact, CustomerDetails, ServiceStatus};
use duly_core::invoice::{Draft, Fee, Line, LineTax, Schedule};
use duly_core::ladder::LadderStep;
use duly_core::payment::{Allocation, NewPayment, PaymentMethod};
use duly_core::plan::split;
use duly_core::profile::BusinessProfile;
use duly_core::promise::{NewPromise, PromiseKind};
use duly_core::tax::{TaxRate, TaxRateDetails};
use duly_core::{totals, Currency};
use duly_store::invoices::Footer;
use duly_store::{contact_log, customers, invoices, payments, profile, promises, tax_rates, Book};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

use crate::Result;

/// How big a demo book to make, and as of which day.
#[derive(Debug, Clone, Copy)]
pub struct DemoSize {
    pub customers: usize,
    /// Issued invoices; drafts and voids come on top (about 3 % and 2 %).
    pub invoices: usize,
    /// Each payment a customer makes arrives in this many parts on
    /// consecutive days (1 for the demo; more to load benchmarks).
    pub payment_parts: u32,
}

impl DemoSize {
    /// The book a newcomer opens.
    pub const SMALL: DemoSize = DemoSize {
        customers: 25,
        invoices: 200,
        payment_parts: 1,
    };

    /// The benchmarks' book: 5,000 customers, 50,000 invoices and well over
    /// 100,000 payments.
    pub const LARGE: DemoSize = DemoSize {
        customers: 5_000,
        invoices: 50_000,
        payment_parts: 3,
    };
}

const SEED: u64 = 0x0D17_2026;

const FIRST: &[&str] = &[
    "Blue Heron",
    "Copper Kettle",
    "Northwind",
    "Maple Street",
    "Riverside",
    "Summit",
    "Greenleaf",
    "Harborview",
    "Oak & Iron",
    "Lighthouse",
    "Redwood",
    "Silver Birch",
    "Cedar Point",
    "Brightside",
    "Falcon",
    "Juniper",
    "Willow Creek",
    "Granite",
    "Evergreen",
    "Bayside",
    "Sunrise",
    "Müller & Søn",
    "Pinecrest",
    "Stonebridge",
    "Clearwater",
];
const TRADE: &[&str] = &[
    "Dental",
    "Bakery",
    "Architects",
    "Landscaping",
    "Veterinary Clinic",
    "Yoga Studio",
    "Plumbing",
    "Coffee Roasters",
    "Law Office",
    "Auto Repair",
    "Florist",
    "Brewing Co.",
    "Fitness",
    "Printing",
    "Joinery",
];
const GIVEN: &[&str] = &[
    "Ana", "Ben", "Chloé", "Dmitri", "Elena", "Farah", "George", "Hana", "Ivan", "Jonas", "Keiko",
    "Liam", "Maya", "Nikolai", "Olivia", "Priya", "Quentin", "Rosa", "Sven", "Tomás", "Uma",
    "Victor", "Wen", "Yusuf", "Zoë",
];
const FAMILY: &[&str] = &[
    "Alvarez",
    "Becker",
    "Chen",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Novak",
    "O'Brien",
    "Patel",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Underwood",
    "Vasquez",
    "Walsh",
    "Yilmaz",
    "Ångström",
];
const BOSS_TITLES: &[&str] = &[
    "Owner",
    "Managing director",
    "Office manager",
    "Finance director",
];
const STREETS: &[&str] = &[
    "Main St",
    "Harbor Rd",
    "Elm Ave",
    "Market St",
    "Mill Lane",
    "Bay Blvd",
];
const CITIES: &[&str] = &[
    "Portland, ME 04101",
    "Salem, MA 01970",
    "Burlington, VT 05401",
    "Concord, NH 03301",
];

/// (description, unit, unit price, taxed?)
const SERVICES: &[(&str, &str, &str, bool)] = &[
    (
        "Monthly bookkeeping — reconciliation of bank and card accounts",
        "month",
        "450.00",
        false,
    ),
    ("Payroll run (up to 10 employees)", "run", "85.00", false),
    ("Catch-up bookkeeping", "h", "65.00", false),
    ("Quarterly sales-tax filing", "filing", "175.00", false),
    (
        "Year-end close and accountant package",
        "job",
        "900.00",
        false,
    ),
    ("Advisory call: cash-flow planning", "h", "120.00", false),
    (
        "Accounting software subscription (resold), 12 months",
        "licence",
        "240.00",
        true,
    ),
    ("Receipt scanner", "unit", "189.99", true),
    (
        "Accounts-payable processing\nincl. vendor statements and 1099 preparation",
        "h",
        "55.00",
        false,
    ),
];

fn contact(rng: &mut ChaCha8Rng, domain: &str, title: &str) -> Contact {
    let given = GIVEN.choose(rng).copied().unwrap_or("Ana");
    let family = FAMILY.choose(rng).copied().unwrap_or("Chen");
    let local: String = given
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_lowercase();
    Contact {
        name: format!("{given} {family}"),
        title: title.to_owned(),
        email: format!("{local}@{domain}"),
        phone: format!("(207) 555-{:04}", rng.gen_range(100..9999)),
    }
}

fn company_name(i: usize) -> String {
    let first = FIRST[i % FIRST.len()];
    let trade = TRADE[(i * 7 + i / FIRST.len()) % TRADE.len()];
    let round = i / (FIRST.len() * TRADE.len());
    if round == 0 {
        format!("{first} {trade}")
    } else {
        format!("{first} {trade} {}", round + 1)
    }
}

fn domain_of(company: &str) -> String {
    let slug: String = company
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("{slug}.example")
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap_or_default()
}

/// The benchmarks' large book at `path`: made (in about 40 s) unless it is
/// there already, so every benchmark reads the same one. Says whether it
/// was made.
pub fn large_book_once(path: &std::path::Path, today: NaiveDate) -> Result<bool> {
    if path.exists() {
        return Ok(false);
    }
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|e| {
            duly_store::StoreError::File(format!("could not create {}: {e}", folder.display()))
        })?;
    }
    let mut book = Book::open(path)?;
    generate(&mut book, DemoSize::LARGE, today)?;
    Ok(true)
}

/// Fills an empty book with the demo business, as of `today`.
pub fn generate(book: &mut Book, size: DemoSize, today: NaiveDate) -> Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default();
    let stamp = |day: NaiveDate| NaiveDateTime::new(day, noon);
    book.write(|tx| {
        let business = demo_profile();
        // The demo charges no late fees, so its invoices print no late-fee terms.
        let late_fees = duly_core::late_fee::LateFeePolicy::default();
        profile::save(tx, &business)?;
        // A US practice prints on US Letter.
        duly_store::policies::set_page_size(tx, duly_store::policies::PageSize::UsLetter)?;
        let none = insert_rate(tx, "No tax", "0")?;
        let sales = insert_rate(tx, "Sales tax 5.5%", "5.5")?;
        let currency = business.currency;
        let start = today.checked_sub_days(Days::new(240)).unwrap_or(today);

        let mut ids = Vec::with_capacity(size.customers);
        for i in 0..size.customers {
            let company = company_name(i);
            let domain = domain_of(&company);
            let boss = BOSS_TITLES.choose(&mut rng).copied().unwrap_or("Owner");
            let details = CustomerDetails {
                billing: contact(&mut rng, &domain, ""),
                escalation: contact(&mut rng, &domain, boss),
                address: format!(
                    "{} {}\n{}",
                    rng.gen_range(1..400),
                    STREETS.choose(&mut rng).copied().unwrap_or("Main St"),
                    CITIES
                        .choose(&mut rng)
                        .copied()
                        .unwrap_or("Portland, ME 04101")
                ),
                terms_days: [None, None, None, Some(15), Some(45)]
                    .choose(&mut rng)
                    .copied()
                    .flatten(),
                notes: String::new(),
                service_status: ServiceStatus::Active,
                late_fee_opt_out: false,
                company,
            };
            ids.push((
                customers::insert(tx, &details, stamp(start))?,
                details.terms_days,
            ));
        }
        if ids.is_empty() {
            return Ok(());
        }

        // Issue dates rise steadily over the 8 months, so numbers follow dates.
        let mut issued = Vec::new();
        let total = size.invoices + size.invoices / 50;
        for n in 0..total {
            let offset = (n as u64 * 240) / total.max(1) as u64;
            let day = start.checked_add_days(Days::new(offset)).unwrap_or(today);
            let &(customer_id, terms) = ids.choose(&mut rng).unwrap_or(&ids[0]);
            let draft = demo_draft(&mut rng, customer_id, &none, &sales);
            let sums = totals::compute(currency, &draft.lines, &draft.fees);
            let id = invoices::insert_draft(tx, &draft, currency, &sums, stamp(day))?;
            let terms_days = terms.unwrap_or(business.default_terms_days);
            let schedule = Schedule {
                issue_date: day,
                due_date: day
                    .checked_add_days(Days::new(terms_days.into()))
                    .unwrap_or(day),
                terms_days,
            };
            invoices::issue(
                tx,
                id,
                &schedule,
                &Footer::from_profile(&business, &late_fees),
                stamp(day),
            )?;
            if n % 50 == 49 {
                invoices::void(
                    tx,
                    id,
                    "Billed to the wrong customer; reissued.",
                    stamp(day),
                )?;
            } else {
                issued.push((customer_id, id, day, sums.total));
            }
        }
        let customer_ids: Vec<i64> = ids.iter().map(|(id, _)| *id).collect();
        pay_invoices(
            tx,
            &mut rng,
            &customer_ids,
            &issued,
            currency,
            today,
            size.payment_parts,
        )?;
        follow_ups(tx, &customer_ids, currency, today)?;
        for _ in 0..(size.invoices / 40).max(1) {
            let &(customer_id, _) = ids.choose(&mut rng).unwrap_or(&ids[0]);
            let draft = demo_draft(&mut rng, customer_id, &none, &sales);
            let sums = totals::compute(currency, &draft.lines, &draft.fees);
            invoices::insert_draft(tx, &draft, currency, &sums, stamp(today))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// How each customer pays, by their place in the list: most pay on time,
/// some late, some in parts, a few hardly at all, as in any real practice.
#[derive(Clone, Copy)]
enum Payer {
    Prompt,
    Slow,
    InParts,
    Troubled,
}

fn payer(customer_index: usize) -> Payer {
    match customer_index % 5 {
        0 | 1 => Payer::Prompt,
        2 => Payer::Slow,
        3 => Payer::InParts,
        _ => Payer::Troubled,
    }
}

/// Records the payments each invoice received by `today`, by check (with a
/// number) or transfer, and bounces one check.
fn pay_invoices(
    tx: &duly_store::Transaction,
    rng: &mut ChaCha8Rng,
    customer_ids: &[i64],
    issued: &[(i64, i64, NaiveDate, Decimal)],
    currency: Currency,
    today: NaiveDate,
    parts: u32,
) -> duly_store::Result<()> {
    let mut planned: Vec<(NaiveDate, i64, i64, Decimal)> = Vec::new();
    for &(customer_id, invoice_id, day, total) in issued {
        let index = customer_ids
            .iter()
            .position(|c| *c == customer_id)
            .unwrap_or(0);
        let after = |lo: u64, hi: u64, rng: &mut ChaCha8Rng| {
            day.checked_add_days(Days::new(rng.gen_range(lo..=hi)))
                .unwrap_or(day)
        };
        match payer(index) {
            Payer::Prompt => planned.push((after(5, 28, rng), customer_id, invoice_id, total)),
            Payer::Slow => planned.push((after(35, 80, rng), customer_id, invoice_id, total)),
            Payer::InParts => {
                let half = currency.round(total / Decimal::TWO);
                planned.push((after(20, 40, rng), customer_id, invoice_id, half));
                planned.push((after(60, 110, rng), customer_id, invoice_id, total - half));
            }
            Payer::Troubled => planned.push((after(100, 160, rng), customer_id, invoice_id, total)),
        }
    }
    if parts > 1 {
        planned = planned
            .into_iter()
            .flat_map(|(on, c, inv, amount)| {
                split(currency, amount, parts)
                    .into_iter()
                    .enumerate()
                    .map(move |(k, part)| {
                        (
                            on.checked_add_days(Days::new(k as u64)).unwrap_or(on),
                            c,
                            inv,
                            part,
                        )
                    })
            })
            .collect();
    }
    planned.retain(|p| p.0 < today && !p.3.is_zero());
    planned.sort_by_key(|p| (p.0, p.2));
    let mut check_number = 1040;
    let mut bounced = false;
    for (on, customer_id, invoice_id, amount) in planned {
        let by_check = rng.gen_bool(0.5);
        let reference = if by_check {
            check_number += 1;
            check_number.to_string()
        } else {
            format!("ACH {}", rng.gen_range(100_000..999_999))
        };
        let payment = NewPayment {
            customer_id,
            received_on: on,
            amount,
            method: if by_check {
                PaymentMethod::Check
            } else {
                PaymentMethod::BankTransfer
            },
            reference,
            memo: String::new(),
            manual: None,
        };
        let id = payments::insert(
            tx,
            &payment,
            currency,
            NaiveDateTime::new(on, NaiveTime::MIN),
        )?;
        payments::allocate(tx, id, &[Allocation { invoice_id, amount }], currency, on)?;
        let days_ago = (today - on).num_days();
        if by_check && !bounced && (20..40).contains(&days_ago) {
            let back = on.checked_add_days(Days::new(4)).unwrap_or(on);
            payments::reverse(tx, id, back, "Returned by the bank: insufficient funds.")?;
            bounced = true;
        }
    }
    Ok(())
}

/// Calls and promises with the customers who are behind: a promise kept, one
/// broken, a check "in the mail" still pending, and a message left.
fn follow_ups(
    tx: &duly_store::Transaction,
    customer_ids: &[i64],
    currency: Currency,
    today: NaiveDate,
) -> duly_store::Result<()> {
    let ago = |days: u64| today.checked_sub_days(Days::new(days)).unwrap_or(today);
    let at = |day: NaiveDate, h: u32| {
        NaiveDateTime::new(day, NaiveTime::from_hms_opt(h, 15, 0).unwrap_or_default())
    };
    // (customer, days ago, promise, private notes, what was agreed)
    let plans: [(usize, u64, PromiseKind, &str, &str); 3] = [
        (
            2,
            16,
            PromiseKind::TransferScheduled,
            "Sorry for the delay; their bookkeeper was out. Sounded embarrassed.",
            "Your bookkeeper will send the remittance advice with the transfer.",
        ),
        (
            4,
            25,
            PromiseKind::PayOnDate,
            "Cash is tight until a big client pays them; sounded stressed.",
            "If anything changes before then, you will call me and we will work out a plan.",
        ),
        (
            9,
            3,
            PromiseKind::CheckInMail,
            "Says the check went out yesterday to our Wharf Street address.",
            "",
        ),
    ];
    for (index, days_ago, kind, notes, agreed) in plans {
        let Some(&customer_id) = customer_ids.get(index) else {
            continue;
        };
        let open = payments::open_invoices(tx, customer_id, currency)?;
        let Some(oldest) = open.first() else { continue };
        let call_day = ago(days_ago);
        let contact = NewContact {
            customer_id,
            happened_at: at(call_day, 10),
            channel: Channel::Call,
            person: Person::Billing,
            person_name: customers::get(tx, customer_id)?.details.billing.name,
            notes: notes.into(),
            agreed: agreed.into(),
            outcome: Outcome::PromisedToPay,
            next_step: "Check the payment arrived".into(),
            follow_up_on: call_day.checked_add_days(Days::new(9)),
            ladder_step: None,
        };
        if index == 4 {
            // Before that call, a friendly reminder had gone out by email.
            let sent = ago(days_ago + 15);
            let reminder = NewContact {
                channel: Channel::Email,
                happened_at: at(sent, 9),
                notes: format!("Friendly reminder about {}.", oldest.number),
                agreed: String::new(),
                outcome: Outcome::Other,
                next_step: String::new(),
                follow_up_on: None,
                ladder_step: Some(LadderStep::FriendlyReminder),
                ..contact.clone()
            };
            contact_log::insert(tx, &reminder, at(sent, 9))?;
        }
        let contact_id = contact_log::insert(tx, &contact, at(call_day, 10))?;
        let check = kind == PromiseKind::CheckInMail;
        let promise = NewPromise {
            kind,
            amount: oldest.balance,
            promised_on: call_day
                .checked_add_days(Days::new(if check { 4 } else { 7 }))
                .unwrap_or(call_day),
            made_on: call_day,
            check_number: if check { "2207".into() } else { String::new() },
            mailed_on: check.then(|| call_day.checked_sub_days(Days::new(1)).unwrap_or(call_day)),
            mailed_to: if check {
                "12 Wharf Street, Suite 3, Portland, ME 04101".into()
            } else {
                String::new()
            },
            invoice_ids: vec![oldest.id],
            notes: String::new(),
            warnings: Vec::new(),
        };
        promises::insert(
            tx,
            customer_id,
            &promise,
            currency,
            Some(contact_id),
            at(call_day, 10),
        )?;
        if kind == PromiseKind::TransferScheduled {
            // This one was kept: the transfer arrived a day early.
            let on = promise
                .promised_on
                .checked_sub_days(Days::new(1))
                .unwrap_or(call_day);
            let payment = NewPayment {
                customer_id,
                received_on: on,
                amount: oldest.balance,
                method: PaymentMethod::BankTransfer,
                reference: "ACH 880213".into(),
                memo: "As promised on the phone".into(),
                manual: None,
            };
            let id = payments::insert(tx, &payment, currency, at(on, 9))?;
            payments::allocate(
                tx,
                id,
                &[Allocation {
                    invoice_id: oldest.id,
                    amount: oldest.balance,
                }],
                currency,
                on,
            )?;
        }
    }
    if let Some(&customer_id) = customer_ids.get(14) {
        let day = ago(6);
        let message = NewContact {
            customer_id,
            happened_at: at(day, 16),
            channel: Channel::Call,
            person: Person::Escalation,
            person_name: customers::get(tx, customer_id)?.details.escalation.name,
            notes: "Left a voicemail asking for a quick call about the open invoices.".into(),
            agreed: String::new(),
            outcome: Outcome::LeftMessage,
            next_step: "Try again Thursday morning".into(),
            follow_up_on: day.checked_add_days(Days::new(3)),
            ladder_step: None,
        };
        contact_log::insert(tx, &message, at(day, 16))?;
    }
    Ok(())
}

fn insert_rate(
    tx: &duly_store::Transaction,
    name: &str,
    percent: &str,
) -> duly_store::Result<TaxRate> {
    let details = TaxRateDetails {
        name: name.into(),
        percent: d(percent),
    };
    let id = tax_rates::insert(tx, &details)?;
    Ok(TaxRate {
        id,
        name: details.name,
        percent: details.percent,
        archived: false,
    })
}

fn demo_draft(rng: &mut ChaCha8Rng, customer_id: i64, none: &TaxRate, sales: &TaxRate) -> Draft {
    let count = rng.gen_range(1..=4);
    let lines = (0..count)
        .map(|_| {
            let &(description, unit, price, taxed) = SERVICES.choose(rng).unwrap_or(&SERVICES[0]);
            let quantity = if unit == "h" {
                Decimal::new(rng.gen_range(2..=24) * 5, 1)
            } else {
                Decimal::from(rng.gen_range(1..=2))
            };
            let rate = if taxed { sales } else { none };
            Line {
                description: description.into(),
                quantity,
                unit: unit.into(),
                unit_price: d(price),
                discount_percent: if rng.gen_ratio(1, 8) {
                    Decimal::TEN
                } else {
                    Decimal::ZERO
                },
                tax: LineTax {
                    rate_id: Some(rate.id),
                    name: rate.name.clone(),
                    percent: rate.percent,
                },
            }
        })
        .collect();
    let fees = if rng.gen_ratio(1, 10) {
        vec![Fee {
            name: "Rush fee".into(),
            amount: d("50.00"),
        }]
    } else {
        Vec::new()
    };
    Draft {
        customer_id,
        lines,
        fees,
        notes: String::new(),
    }
}

fn demo_profile() -> BusinessProfile {
    BusinessProfile {
        name: "Harbor & Pine Bookkeeping".into(),
        owner_name: "Maya Lindqvist".into(),
        owner_title: "Owner".into(),
        address: "12 Wharf Street, Suite 3\nPortland, ME 04101".into(),
        country: duly_core::country::Country::from_code("US"),
        email: "maya@harborandpine.example".into(),
        phone: "(207) 555-0142".into(),
        tax_id: "EIN 84-1234567".into(),
        currency: Currency::USD,
        default_terms_days: 30,
        bank_details: "Bank transfer: Casco Bay Credit Union, routing 211274450, account 0042 7781 93".into(),
        // No IBAN: a US account has none. The card payment page shows the link.
        iban: None,
        bic: None,
        pay_link: duly_core::bank::pay_link::PayLink::parse(
            "pay_link",
            "https://pay.harborandpine.example/invoice?amount={amount}&number={invoice}",
        )
        .ok(),
        check_address: "Checks payable to Harbor & Pine Bookkeeping LLC, mailed to 12 Wharf Street, Suite 3, Portland, ME 04101".into(),
        terms_text: "Payment is due within the terms shown above. Thank you for your business.".into(),
        late_fee_text: String::new(),
        dispute_text: "Contact Maya at maya@harborandpine.example or (207) 555-0142 within 10 days and we will sort it out together.".into(),
        why_on_time: "We are a three-person practice: every invoice paid on time is a paycheck for our team.".into(),
    }
}
