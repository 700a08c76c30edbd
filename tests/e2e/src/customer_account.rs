//! What a user does on a customer's page to get paid: record a payment, a
//! promise ("the check is in the mail" and its three questions), log a call,
//! and read the customer's Timeline, Promises and Plans tabs.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use serde::Deserialize;
use serde_json::Value;

use crate::story::User;

/// A payment as typed into the Record payment form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Payment {
    pub amount: String,
    /// "check", "bank_transfer", "card", "cash" or "other".
    pub method: String,
    /// The check number or reference.
    pub reference: String,
}

impl Payment {
    /// A check of `amount` numbered `number`.
    pub fn check(amount: &str, number: &str) -> Self {
        Self {
            amount: amount.into(),
            method: "check".into(),
            reference: number.into(),
        }
    }
}

/// The answers to the collector's questions about a check in the mail;
/// `None` leaves a question unanswered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckPromise {
    pub amount: String,
    /// "YYYY-MM-DD".
    pub mailed_on: Option<String>,
    pub check_number: Option<String>,
    /// The address as the menu lists it (its value).
    pub mailed_to: Option<String>,
    pub notes: String,
}

/// A call as typed into the Log call form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Call {
    /// The owner's private notes.
    pub notes: String,
    /// "What we agreed", which the recap confirms; may be empty.
    pub agreed: String,
    pub next_step: String,
    /// "YYYY-MM-DD", or empty.
    pub follow_up_on: String,
}

/// What the window showed while logging a call on which a check was
/// promised, and the recap it offered afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromisedCall {
    /// The line under "Expected on": when the check should arrive and until
    /// when Duly waits.
    pub expected: String,
    /// The lines under "The recap will confirm".
    pub confirms: Vec<String>,
}

/// A gentle warning beside an unanswered question.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Warning {
    /// The field it is about ("mailed_on", "check_number", "mailed_to").
    pub field: String,
    pub message: String,
}

/// One entry of a customer's Timeline, as shown.
#[derive(Debug, Clone, Deserialize)]
pub struct TimelineEntry {
    /// "invoice_issued", "payment_received", "promise", "contact", …
    pub event: String,
    /// "Payment", "Promise", "Call", "Email", …
    pub label: String,
    pub title: String,
    /// All the entry's text, title and details.
    pub text: String,
}

/// An entry of the Promises or Plans tab.
#[derive(Debug, Clone, Deserialize)]
pub struct TabEntry {
    pub title: String,
    /// The status badge: "Kept", "Pending", "active", "broken", …
    pub badge: String,
    pub text: String,
}

const WARNINGS: &str = "
    return [...document.querySelectorAll('#screen .field-warning')].map((w) => ({
        field: (w.previousElementSibling && w.previousElementSibling.dataset.field || '').replace(/^promise\\./, ''),
        message: w.textContent,
    }));";

const TIMELINE: &str = "
    return [...document.querySelectorAll('#timeline > li')].map((li) => ({
        event: li.dataset.event,
        label: li.querySelector('.event-label').textContent,
        title: li.querySelector('.event-title').textContent,
        text: li.textContent,
    }));";

const TAB_ENTRIES: &str = "
    return [...document.querySelectorAll('#customer-panel li.event')].map((li) => ({
        title: li.querySelector('.event-title').textContent,
        badge: li.querySelector('.event-title .badge').textContent,
        text: li.textContent,
    }));";

impl User {
    /// On the customer's page, records `payment` (applied oldest invoice
    /// first) and answers "Not now" to the thank-you offered; returns what
    /// was recorded, e.g. "Payment recorded: INV-0001 $400.00".
    pub async fn record_payment(&mut self, payment: &Payment) -> Result<String> {
        self.step(format!(
            "record a {} payment of {} ({})",
            payment.method, payment.amount, payment.reference
        ));
        self.open_payment_form().await?;
        self.fill_payment_form(payment).await?;
        self.click("#save-payment").await?;
        self.answer_thanks(false).await
    }

    /// Records `payment` and accepts the thank-you offered: the draft opens.
    pub async fn record_payment_and_thank(&mut self, payment: &Payment) -> Result<String> {
        self.step(format!(
            "record a {} payment of {} ({}) and thank them",
            payment.method, payment.amount, payment.reference
        ));
        self.open_payment_form().await?;
        self.fill_payment_form(payment).await?;
        self.click("#save-payment").await?;
        self.answer_thanks(true).await
    }

    /// Records a payment larger than the customer owes: returns the question
    /// asked before the rest is kept as credit (answered "Record it"), and
    /// what was recorded.
    pub async fn record_overpayment(&mut self, payment: &Payment) -> Result<(String, String)> {
        self.step(format!(
            "record a payment of {}, more than is owed",
            payment.amount
        ));
        self.open_payment_form().await?;
        self.fill_payment_form(payment).await?;
        self.click("#save-payment").await?;
        let asked = self.dialog_sentence().await?;
        self.snap_also("asked").await?;
        self.click("#modal-confirm").await?;
        self.wait_until(
            "the question is answered",
            "!document.querySelector('#modal-root .modal') || document.querySelector('#modal-root .modal h2').textContent === 'Payment recorded'",
            vec![],
        )
        .await?;
        Ok((asked, self.answer_thanks(false).await?))
    }

    /// On the Timeline, "Entered in error…" on the payment with `reference`,
    /// confirmed: returns the amount the payment form opens with, to be
    /// entered again.
    pub async fn mark_entered_in_error(&mut self, reference: &str) -> Result<String> {
        self.step(format!("mark the payment {reference} entered in error"));
        self.show_customer_tab("timeline").await?;
        let clicked: bool = self
            .js(
                "const entry = [...document.querySelectorAll('#screen .timeline li, #screen .timeline .event')]\
                     .find((el) => el.querySelector('.entered-in-error') && el.textContent.includes('(' + arguments[0] + ')'));\
                 if (entry) entry.querySelector('.entered-in-error').click(); return Boolean(entry);",
                vec![reference.into()],
            )
            .await?;
        ensure!(
            clicked,
            "the timeline has no payment {reference} to take back"
        );
        self.find("#modal-root #modal-confirm").await?;
        self.snap_also("confirm").await?;
        self.mark_screen().await?;
        self.click("#modal-confirm").await?;
        self.wait_for_screen("customers/id/payment").await?;
        self.snap().await?;
        self.js(
            "return document.querySelector('#payment-form [name=amount]').value;",
            vec![],
        )
        .await
    }

    /// On the payment form opened to enter a payment again, corrects the
    /// amount and records it; the thank-you is drafted when `thank`.
    pub async fn enter_payment_again(&mut self, amount: &str, thank: bool) -> Result<String> {
        self.step(format!("enter the payment again as {amount}"));
        self.fill("#payment-form [name=amount]", amount).await?;
        self.snap_also("filled").await?;
        self.click("#save-payment").await?;
        self.answer_thanks(thank).await
    }

    async fn open_payment_form(&mut self) -> Result<()> {
        self.mark_screen().await?;
        self.click("#record-payment").await?;
        self.wait_for_screen("customers/id/payment").await
    }

    async fn fill_payment_form(&mut self, payment: &Payment) -> Result<()> {
        self.fill("#payment-form [name=amount]", &payment.amount)
            .await?;
        self.choose("#payment-form [name=method]", &payment.method)
            .await?;
        self.fill("#payment-form [name=reference]", &payment.reference)
            .await?;
        self.snap_also("filled").await
    }

    async fn dialog_sentence(&self) -> Result<String> {
        self.find("#modal-root #modal-confirm").await?;
        self.js(
            "return document.querySelector('#modal-root .modal p').textContent;",
            vec![],
        )
        .await
    }

    /// After a payment is saved, Duly offers the thank-you: drafted
    /// (`thank`) or not now. Returns what was recorded, without the offer.
    async fn answer_thanks(&mut self, thank: bool) -> Result<String> {
        self.wait_until(
            "the thank-you is offered",
            "(() => { const h = document.querySelector('#modal-root .modal h2'); return Boolean(h) && h.textContent === 'Payment recorded'; })()",
            vec![],
        )
        .await?;
        let offered = self.dialog_sentence().await?;
        self.snap_also("recorded").await?;
        self.mark_screen().await?;
        if thank {
            self.click("#modal-confirm").await?;
            self.wait_for_screen("customers/id/draft").await?;
        } else {
            self.click("#modal-cancel").await?;
            self.wait_for_screen("customers/id").await?;
        }
        self.snap().await?;
        let (said, _) = offered
            .split_once(". Thank ")
            .with_context(|| format!("no thank-you offered: {offered:?}"))?;
        Ok(said.to_owned())
    }

    /// On the customer's page, opens Record promise, keeps "The check is in
    /// the mail", and types the amount; returns the questions it warns about.
    pub async fn start_check_promise(&mut self, amount: &str) -> Result<Vec<Warning>> {
        self.step(format!("start recording a check in the mail for {amount}"));
        self.mark_screen().await?;
        self.click("#record-promise").await?;
        self.wait_for_screen("customers/id/promise").await?;
        let kind: String = self
            .js(
                "return document.querySelector('#promise-form [name=kind]').value;",
                vec![],
            )
            .await?;
        ensure!(
            kind == "check_in_mail",
            "the promise form starts on {kind:?}, not the check in the mail"
        );
        self.fill("#promise-form [name=amount]", amount).await?;
        let warnings = self.promise_warnings().await?;
        self.snap().await?;
        Ok(warnings)
    }

    /// Answers the promise form's questions given in `answers` (the others
    /// stay as they are); returns the warnings left.
    pub async fn answer_check_questions(&mut self, answers: &CheckPromise) -> Result<Vec<Warning>> {
        let mut told = Vec::new();
        if let Some(day) = &answers.mailed_on {
            told.push(format!("mailed {day}"));
        }
        if let Some(number) = &answers.check_number {
            told.push(format!("check {number}"));
        }
        if answers.mailed_to.is_some() {
            told.push("the address".to_string());
        }
        self.step(format!("answer the check questions: {}", told.join(", ")));
        if let Some(day) = &answers.mailed_on {
            self.pick_date("#promise-form [name=mailed_on]", day)
                .await?;
        }
        if let Some(number) = &answers.check_number {
            self.fill("#promise-form [name=check_number]", number)
                .await?;
        }
        if let Some(address) = &answers.mailed_to {
            self.choose("#promise-form [name=mailed_to]", address)
                .await?;
        }
        if !answers.notes.is_empty() {
            self.fill("#promise-form [name=notes]", &answers.notes)
                .await?;
        }
        let warnings = self.promise_warnings().await?;
        self.snap().await?;
        Ok(warnings)
    }

    /// The addresses the promise form offers for "Mailed to which address?".
    pub async fn check_addresses_offered(&self) -> Result<Vec<String>> {
        self.js(
            "return [...document.querySelectorAll('#promise-form [name=mailed_to] option')]\
                 .map((o) => o.value).filter(Boolean);",
            vec![],
        )
        .await
    }

    /// Saves the promise form; returns the confirmation shown.
    pub async fn save_promise(&mut self) -> Result<String> {
        self.step("record the promise");
        self.forget_toast().await?;
        self.mark_screen().await?;
        self.click("#save-promise").await?;
        self.wait_for_screen("customers/id").await?;
        let said = self.wait_for_toast().await?;
        self.snap().await?;
        Ok(said)
    }

    /// Records a check in the mail with all its answers, from the
    /// customer's page; returns the confirmation shown.
    pub async fn record_check_promise(&mut self, promise: &CheckPromise) -> Result<String> {
        self.start_check_promise(&promise.amount).await?;
        self.answer_check_questions(promise).await?;
        self.save_promise().await
    }

    /// The warnings beside the promise questions, once the form has checked
    /// the answers (it asks the core again after each change).
    async fn promise_warnings(&self) -> Result<Vec<Warning>> {
        self.settled("the promise warnings", WARNINGS, Duration::from_millis(400))
            .await
    }

    /// On the customer's page, logs a call with `call`'s notes, next step and
    /// follow-up date; declines the recap and returns to the customer's page.
    pub async fn log_call(&mut self, call: &Call) -> Result<String> {
        self.step("log a call");
        self.mark_screen().await?;
        self.click("#log-call").await?;
        self.wait_for_screen("customers/id/call").await?;
        self.fill("#call-form [name=notes]", &call.notes).await?;
        self.fill("#call-form [name=next_step]", &call.next_step)
            .await?;
        if !call.follow_up_on.is_empty() {
            self.pick_date("#call-form [name=follow_up_on]", &call.follow_up_on)
                .await?;
        }
        self.snap_also("filled").await?;
        self.forget_toast().await?;
        self.click("#save-call").await?;
        // Saved, the form gives way to the offer of a recap email.
        self.find("#recap-done").await?;
        let said = self.wait_for_toast().await?;
        self.snap_also("recap offered").await?;
        self.mark_screen().await?;
        self.click("#recap-done").await?;
        self.wait_for_screen("customers/id").await?;
        self.snap().await?;
        Ok(said)
    }

    /// On the customer's page, logs a call on which they said a check was
    /// in the mail: the notes, what was agreed, the next step, and the
    /// check's answers. Returns the expected-arrival line the form showed
    /// and what the recap offer says it will confirm, staying on that offer.
    pub async fn log_call_with_check(
        &mut self,
        call: &Call,
        check: &CheckPromise,
    ) -> Result<PromisedCall> {
        self.step("log a call on which they promised a check");
        self.mark_screen().await?;
        self.click("#log-call").await?;
        self.wait_for_screen("customers/id/call").await?;
        self.fill("#call-form [name=notes]", &call.notes).await?;
        self.fill("#call-form [name=agreed]", &call.agreed).await?;
        self.fill("#call-form [name=next_step]", &call.next_step)
            .await?;
        if !call.follow_up_on.is_empty() {
            self.pick_date("#call-form [name=follow_up_on]", &call.follow_up_on)
                .await?;
        }
        self.choose("#call-outcome", "promised_to_pay").await?;
        let field = |name: &str| format!("#call-promise [name=\"promise.{name}\"]");
        self.fill(&field("amount"), &check.amount).await?;
        if let Some(day) = &check.mailed_on {
            self.pick_date(&field("mailed_on"), day).await?;
        }
        if let Some(number) = &check.check_number {
            self.fill(&field("check_number"), number).await?;
        }
        if let Some(address) = &check.mailed_to {
            self.choose(&field("mailed_to"), address).await?;
        }
        let expected: String = self
            .settled(
                "the expected arrival",
                "return document.querySelector('#call-promise [name=\"promise.promised_on\"]')\
                     .closest('label').querySelector('.hint').textContent;",
                Duration::from_millis(400),
            )
            .await?;
        self.snap_also("filled").await?;
        self.forget_toast().await?;
        self.click("#save-call").await?;
        self.find("#draft-recap").await?;
        self.wait_for_toast().await?;
        let confirms: Vec<String> = self
            .js(
                "return [...document.querySelectorAll('#recap-confirms li')].map((li) => li.textContent);",
                vec![],
            )
            .await?;
        self.snap_also("recap offered").await?;
        Ok(PromisedCall { expected, confirms })
    }

    /// On the recap offer after a call, opens the recap draft.
    pub async fn draft_the_recap(&mut self) -> Result<crate::Draft> {
        self.step("draft the recap email");
        self.mark_screen().await?;
        self.click("#draft-recap").await?;
        self.wait_for_screen("customers/id/draft").await?;
        self.find("#tone-panel h3").await?;
        self.snap().await?;
        self.read_draft().await
    }

    /// The customer's Timeline (newest first), from their page.
    pub async fn open_timeline(&mut self) -> Result<Vec<TimelineEntry>> {
        self.step("open the Timeline tab");
        self.show_customer_tab("timeline").await?;
        self.snap().await?;
        self.js(TIMELINE, vec![]).await
    }

    /// The customer's promises, from their page.
    pub async fn open_promises_tab(&mut self) -> Result<Vec<TabEntry>> {
        self.step("open the Promises tab");
        self.show_customer_tab("promises").await?;
        self.snap().await?;
        self.js(TAB_ENTRIES, vec![]).await
    }

    /// The customer's payment plans, from their page.
    pub async fn open_plans_tab(&mut self) -> Result<Vec<TabEntry>> {
        self.step("open the Plans tab");
        self.show_customer_tab("plans").await?;
        self.snap().await?;
        self.js(TAB_ENTRIES, vec![]).await
    }

    /// The balance in the customer page's header, e.g. "$600.00".
    pub async fn read_customer_balance(&self) -> Result<String> {
        self.js(
            "return document.getElementById('customer-balance').textContent;",
            vec![],
        )
        .await
    }

    async fn show_customer_tab(&self, tab: &str) -> Result<()> {
        self.click(&format!("#screen .tab[data-tab='{tab}']"))
            .await?;
        self.wait_until(
            "the tab is shown",
            "document.querySelector(`#screen .tab[data-tab='${arguments[0]}']`)\
                 .getAttribute('aria-selected') === 'true'",
            vec![Value::from(tab)],
        )
        .await
    }
}
