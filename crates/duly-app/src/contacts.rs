//! Logging a call, email, letter or meeting; a call in which the customer
//! promised to pay records the promise too, linked to the call, in the same
//! transaction.

use chrono::NaiveDateTime;
use duly_core::contact_log::{ContactForm, Person};
use duly_store::{contact_log, customers, Book};
use serde::Serialize;

use crate::error::Result;
use crate::promises::{self, PromiseReceipt};

#[derive(Debug, Clone, Serialize)]
pub struct ContactReceipt {
    pub contact_id: i64,
    pub promise: Option<PromiseReceipt>,
    /// What a recap to the customer would confirm: the notes and next step
    /// as logged (the follow-up drafting builds the email from these).
    pub recap: Recap,
}

#[derive(Debug, Clone, Serialize)]
pub struct Recap {
    pub to: String,
    pub notes: String,
    pub next_step: String,
    pub follow_up_on: Option<String>,
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
        let promise = match promise {
            Some((p, currency)) => Some(promises::insert(
                tx,
                contact.customer_id,
                &p,
                currency,
                Some(id),
                now,
            )?),
            None => None,
        };
        Ok(ContactReceipt {
            contact_id: id,
            promise,
            recap: Recap {
                to: email,
                notes: contact.notes,
                next_step: contact.next_step,
                follow_up_on: contact
                    .follow_up_on
                    .map(|d| d.format("%Y-%m-%d").to_string()),
            },
        })
    })?)
}
