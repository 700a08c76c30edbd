//! Drafting against the demo book: every default template renders for every
//! customer who owes something, every shipped default passes the tone check,
//! and the ladder suggests what a good collector would do next.

mod common;

use common::now;
use duly_app::drafts::{self, DraftSubject};
use duly_app::templates::{self, Template, TemplateKind};
use duly_app::{customers, demo};
use duly_core::ladder::LadderStep;
use duly_store::Book;

fn demo_book() -> Book {
    let mut book = Book::open_in_memory().expect("book");
    demo::generate(&mut book, demo::DemoSize::SMALL, now().date()).expect("demo");
    book
}

#[test]
fn every_default_template_renders_for_every_owing_customer_and_passes_the_tone_check() {
    let mut book = demo_book();
    let owing: Vec<i64> = customers::list(&mut book, false, now())
        .expect("customers")
        .into_iter()
        .filter(|c| c.balance != "0.00")
        .map(|c| c.id)
        .collect();
    assert!(owing.len() > 10);
    let mut rendered = 0;
    for &customer in &owing {
        for kind in TemplateKind::ALL {
            // Plan and dispute letters need a plan or a dispute: checked
            // against the sample context below.
            if matches!(
                kind,
                TemplateKind::PlanConfirmation
                    | TemplateKind::DisputeAck
                    | TemplateKind::DisputeResolution
                    | TemplateKind::DisputeApology
                    | TemplateKind::InvoiceEmail
                    | TemplateKind::ThankYou
            ) {
                continue;
            }
            let d = match drafts::draft(&mut book, customer, kind, DraftSubject::default(), now()) {
                Ok(d) => d,
                Err(e) if kind == TemplateKind::CallRecap => {
                    assert!(e.message.contains("Log the call first"), "{e:?}");
                    continue;
                }
                // A reminder is refused exactly when nothing is overdue.
                Err(e) if kind.step().is_some() && e.message.contains("no reminder to send") => {
                    let page =
                        duly_app::history::account(&mut book, customer, now()).expect("page");
                    assert_eq!(
                        page.chaseable, "0.00",
                        "{kind:?} refused for customer {customer}"
                    );
                    continue;
                }
                Err(e) => panic!("{kind:?} for customer {customer}: {e:?}"),
            };
            assert!(
                d.tone.is_empty(),
                "{kind:?} for customer {customer}: {:?}\n{}",
                d.tone,
                d.body
            );
            assert!(
                !d.body.contains("{{") && !d.body.contains("{%"),
                "{}",
                d.body
            );
            rendered += 1;
        }
    }
    for kind in TemplateKind::ALL {
        let drafts::TemplatePreview { rendered: t, tone } =
            drafts::preview_template(&mut book, owing[0], kind, &kind.default_template(), now())
                .expect("preview");
        assert!(!t.subject.is_empty());
        let serious: Vec<_> = tone
            .iter()
            .filter(|i| {
                !matches!(
                    kind,
                    TemplateKind::InvoiceEmail
                        | TemplateKind::ThankYou
                        | TemplateKind::PlanConfirmation
                        | TemplateKind::DisputeAck
                        | TemplateKind::DisputeResolution
                        | TemplateKind::DisputeApology
                ) || !matches!(
                    i.rule,
                    duly_core::tone::ToneRule::MissingAmount
                        | duly_core::tone::ToneRule::MissingInvoiceNumber
                )
            })
            .collect();
        assert!(serious.is_empty(), "{kind:?}: {serious:?}\n{}", t.body);
    }
    assert!(rendered > 60, "rendered {rendered}");
}

#[test]
fn the_customer_with_a_broken_promise_is_asked_for_help_with_the_escalation_contact_copied() {
    let mut book = demo_book();
    // Customer 5 in the demo (index 4): a friendly reminder, then a call in
    // which they promised to pay by a date that passed.
    let rows = customers::list(&mut book, false, now()).expect("customers");
    let mut found = None;
    for row in rows {
        let d = match drafts::follow_up(&mut book, row.id, None, now()) {
            Ok(d) => d,
            // Nothing overdue: no reminder to draft for this customer.
            Err(e) if e.message.contains("no reminder to send") => continue,
            Err(e) => panic!("draft: {e:?}"),
        };
        if d.suggestion
            .as_ref()
            .is_some_and(|s| s.why.iter().any(|w| w.contains("broken")))
        {
            found = Some(d);
        }
    }
    let d = found.expect("the demo has a broken promise");
    let s = d.suggestion.as_ref().expect("suggestion");
    assert_eq!(s.step, LadderStep::ExtendCircle, "{s:?}");
    assert_eq!(d.step, Some(LadderStep::ExtendCircle));
    assert_eq!(
        d.cc.len(),
        1,
        "the escalation contact is copied from step 3"
    );
    assert!(
        d.body.contains("you let us know"),
        "the past promise is quoted politely:\n{}",
        d.body
    );
    assert!(
        d.body.contains("unfortunately we have not received it yet"),
        "{}",
        d.body
    );
    assert!(d.call_script.is_some());
    assert!(d
        .attachments
        .iter()
        .all(|a| matches!(a, drafts::Attachment::Invoice { .. })));
}

#[test]
fn a_broken_template_is_refused_before_it_is_saved() {
    let mut book = demo_book();
    let bad = Template {
        subject: "Invoice {{ numbers }}".into(),
        body: "Dear {{ customer.compny }}".into(),
    };
    let err = templates::save(&mut book, TemplateKind::FriendlyReminder, &bad, now())
        .expect_err("refused");
    assert_eq!(err.fields[0].field, "body");
    assert!(
        err.fields[0].message.contains("compny") || err.fields[0].message.contains("undefined"),
        "{err:?}"
    );
    let good = Template {
        subject: "About {{ numbers }}".into(),
        body: "Hello {{ billing.first_name }}, {{ total_owed }} is open on {{ numbers }}. {{ how_to_pay }}".into(),
    };
    let list =
        templates::save(&mut book, TemplateKind::FriendlyReminder, &good, now()).expect("saved");
    assert!(list[0].edited);
    let list = templates::reset(&mut book, TemplateKind::FriendlyReminder).expect("reset");
    assert!(!list[0].edited);
    assert_eq!(
        list[0].subject,
        TemplateKind::FriendlyReminder.default_template().subject
    );
}

/// The statement email of a paid-up customer thanks them and asks for
/// nothing: no way to pay, nothing past due, and the tone check content.
#[test]
fn the_statement_email_of_a_paid_up_customer_asks_for_nothing() {
    let mut book = demo_book();
    let paid_up = customers::list(&mut book, false, now())
        .expect("customers")
        .into_iter()
        .find(|c| c.balance == "0.00")
        .expect("the demo has a paid-up customer");
    let d = drafts::draft(
        &mut book,
        paid_up.id,
        TemplateKind::StatementEmail,
        DraftSubject::default(),
        now(),
    )
    .expect("statement email");
    assert!(d.body.contains("Your account is fully paid"), "{}", d.body);
    assert!(!d.body.contains("How to pay") && !d.body.to_lowercase().contains("past due"));
    assert_eq!(d.attachments, [drafts::Attachment::Statement]);
    assert!(d.tone.is_empty(), "{:?}", d.tone);
}

/// Every kind the app knows can be edited and kept: the book's list of
/// template kinds (a CHECK in the schema) names them all.
#[test]
fn every_template_kind_can_be_edited_and_kept() {
    let mut book = demo_book();
    for kind in TemplateKind::ALL {
        let mut edited = kind.default_template();
        edited.body.push_str("\n\nP.S. Edited.");
        let list = templates::save(&mut book, kind, &edited, now())
            .unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
        let kept = list
            .iter()
            .find(|t| t.kind == kind)
            .unwrap_or_else(|| panic!("{kind:?} listed"));
        assert!(
            kept.edited && kept.body.ends_with("P.S. Edited."),
            "{kind:?}"
        );
    }
}
