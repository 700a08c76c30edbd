//! Logging a call, email, letter or meeting; a call in which the customer
//! promised to pay records the promise too, linked to the call, in the same
//! transaction.

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::contact_log::{ContactForm, Person};
use duly_store::{contact_log, customers, policies, Book};
use serde::Serialize;

use crate::drafts;
use crate::error::Result;
use crate::promises::{self, PromiseReceipt};

#[derive(Debug, Clone, Serialize)]
pub struct ContactReceipt {
    pub contact_id: i64,
    pub promise: Option<PromiseReceipt>,
    /// What a recap to the customer would confirm (the follow-up drafting
    /// builds the email from the same facts). Never the private notes.
    pub recap: Recap,
}

#[derive(Debug, Clone, Serialize)]
pub struct Recap {
    /// Whether a recap is offered: someone was spoken to on a call or in a
    /// meeting.
    pub offered: bool,
    pub to: String,
    /// The promise made on the call, as the recap states it.
    pub promise: Option<String>,
    /// What was agreed, in the owner's words.
    pub agreed: String,
    pub next_step: String,
    pub follow_up_on: Option<NaiveDate>,
}

pub fn log(book: &mut Book, form: &ContactForm, now: NaiveDateTime) -> Result<ContactReceipt> {
    Ok(book.write(|tx| {
        let mut contact = form.validate(now)?;
        let customer = customers::get(tx, contact.customer_id)?;
        let (name, email) = match contact.person {
            Person::Billing => (
                &customer.details.billing.name,
                &customer.details.billing.email,
            ),
            Person::Escalation => (
                &customer.details.escalation.name,
                &customer.details.escalation.email,
            ),
            Person::Other => (&contact.person_name, &String::new()),
        };
        let (name, email) = (name.clone(), email.clone());
        if contact.person_name.is_empty() {
            contact.person_name = name;
        }
        let promise = match &form.promise {
            Some(p) => Some(promises::validate(
                tx,
                "promise.",
                contact.customer_id,
                p,
                now,
            )?),
            None => None,
        };
        let id = contact_log::insert(tx, &contact, now)?;
        // The promise is recorded, then read back as the recap will state it.
        let (promise, promised) = match promise {
            Some((p, currency)) => {
                let receipt =
                    promises::insert(tx, contact.customer_id, &p, currency, Some(id), now)?;
                let policy = policies::promise_policy(tx)?;
                let dates = duly_store::profile::get(tx)?.date_style();
                let words = duly_store::promises::for_customer(tx, contact.customer_id)?
                    .iter()
                    .find(|p| p.id == receipt.promise_id)
                    .map(|p| {
                        drafts::capitalize(&drafts::promise_agreed(p, policy, currency, dates))
                    });
                (Some(receipt), words)
            }
            None => (None, None),
        };
        Ok(ContactReceipt {
            contact_id: id,
            promise,
            recap: Recap {
                offered: duly_core::contact_log::recappable(contact.channel, contact.outcome),
                to: email,
                promise: promised,
                agreed: contact.agreed,
                next_step: contact.next_step,
                follow_up_on: contact.follow_up_on,
            },
        })
    })?)
}
