//! The contact log: every call, email, letter or meeting, with what was said,
//! what happens next and when to follow up. A call in which the customer
//! promised to pay carries the promise with it.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Problems};
use crate::ladder::LadderStep;
use crate::promise::PromiseForm;
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[default]
    Call,
    Email,
    Letter,
    Meeting,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    #[default]
    Reached,
    LeftMessage,
    NoAnswer,
    PromisedToPay,
    Disputed,
    Other,
}

/// Who was spoken to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Person {
    #[default]
    Billing,
    Escalation,
    Other,
}

macro_rules! spelled {
    ($t:ty { $($v:ident => $s:literal),+ $(,)? }) => {
        impl $t {
            /// The stored spelling; the schema's `CHECK` constraint lists the same words.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(Self::$v),)+ _ => None }
            }
        }
    };
}
spelled!(Channel { Call => "call", Email => "email", Letter => "letter", Meeting => "meeting" });
spelled!(Outcome {
    Reached => "reached",
    LeftMessage => "left_message",
    NoAnswer => "no_answer",
    PromisedToPay => "promised_to_pay",
    Disputed => "disputed",
    Other => "other",
});
spelled!(Person { Billing => "billing", Escalation => "escalation", Other => "other" });

impl Outcome {
    /// Whether anyone was spoken to: a voicemail or no answer is not a
    /// conversation, and there is nothing to recap.
    pub fn spoke(self) -> bool {
        !matches!(self, Outcome::LeftMessage | Outcome::NoAnswer)
    }
}

impl Channel {
    /// A call or a meeting: a conversation a recap can confirm in writing.
    pub fn is_conversation(self) -> bool {
        matches!(self, Channel::Call | Channel::Meeting)
    }
}

/// Whether a contact can be recapped: a call or meeting where someone was
/// reached. The one rule behind the recap offer, the timeline's "Recap…"
/// and the recap draft.
pub fn recappable(channel: Channel, outcome: Outcome) -> bool {
    channel.is_conversation() && outcome.spoke()
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct ContactForm {
    pub customer_id: Option<i64>,
    /// `YYYY-MM-DDTHH:MM`, as a datetime-local input sends it.
    pub happened_at: String,
    pub channel: Channel,
    pub person: Person,
    /// Needed when `person` is `other`; otherwise the contact's name is used.
    pub person_name: String,
    /// The owner's private notes: never in a template, draft or PDF.
    pub notes: String,
    /// What was agreed, in the owner's words: what a recap confirms.
    pub agreed: String,
    pub outcome: Outcome,
    pub next_step: String,
    pub follow_up_on: String,
    /// Filled when the outcome is "promised to pay".
    pub promise: Option<PromiseForm>,
}

/// A validated log entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    pub customer_id: i64,
    pub happened_at: NaiveDateTime,
    pub channel: Channel,
    pub person: Person,
    pub person_name: String,
    /// Private to the owner.
    pub notes: String,
    /// Confirmed to the customer by the recap.
    pub agreed: String,
    pub outcome: Outcome,
    pub next_step: String,
    pub follow_up_on: Option<NaiveDate>,
    /// Set when the contact was a follow-up drafted from the ladder.
    pub ladder_step: Option<LadderStep>,
}

impl ContactForm {
    pub fn validate(&self, now: NaiveDateTime) -> Result<NewContact, DomainError> {
        let mut p = Problems::new();
        let customer_id = self.customer_id.unwrap_or_else(|| {
            p.add("customer_id", "Choose the customer.");
            0
        });
        let happened_at = p.take(
            NaiveDateTime::parse_from_str(self.happened_at.trim(), "%Y-%m-%dT%H:%M")
                .or_else(|_| {
                    NaiveDateTime::parse_from_str(self.happened_at.trim(), "%Y-%m-%dT%H:%M:%S")
                })
                .map_err(|_| {
                    crate::FieldError::new(
                        "happened_at",
                        "When did it happen? Give a date and time.",
                    )
                }),
        );
        if (happened_at.date() - now.date()).num_days() > 0 {
            p.add(
                "happened_at",
                "That is in the future; log contacts once they happened.",
            );
        }
        let person_name = p.take(text::line(
            "person_name",
            "Name",
            &self.person_name,
            self.person == Person::Other,
        ));
        let notes = p.take(text::paragraph("notes", "Notes", &self.notes, false));
        let agreed = p.take(text::paragraph(
            "agreed",
            "What we agreed",
            &self.agreed,
            false,
        ));
        let next_step = p.take(text::line("next_step", "Next step", &self.next_step, false));
        let follow_up_on = if self.follow_up_on.trim().is_empty() {
            None
        } else {
            Some(p.take(text::date(
                "follow_up_on",
                "Follow-up date",
                &self.follow_up_on,
            )))
        };
        if follow_up_on.is_some_and(|d| d < happened_at.date()) && !p.has_problem("follow_up_on") {
            p.add(
                "follow_up_on",
                "The follow-up date cannot come before the contact.",
            );
        }
        if self.outcome == Outcome::PromisedToPay && self.promise.is_none() {
            p.add(
                "outcome",
                "Record what they promised, so Duly can hold them to it.",
            );
        }
        p.finish(NewContact {
            customer_id,
            happened_at,
            channel: self.channel,
            person: self.person,
            person_name,
            notes,
            agreed,
            outcome: self.outcome,
            next_step,
            follow_up_on,
            ladder_step: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 10)
            .and_then(|d| d.and_hms_opt(15, 0, 0))
            .expect("valid")
    }

    fn call() -> ContactForm {
        ContactForm {
            customer_id: Some(1),
            happened_at: "2026-03-10T14:30".into(),
            notes: "Spoke with Ada; cash is tight until the 15th.".into(),
            next_step: "Call again after the 15th".into(),
            follow_up_on: "2026-03-16".into(),
            ..ContactForm::default()
        }
    }

    #[test]
    fn a_call_with_notes_and_a_follow_up_validates() {
        let c = call().validate(now()).expect("valid");
        assert_eq!(c.follow_up_on, NaiveDate::from_ymd_opt(2026, 3, 16));
        assert_eq!(c.person, Person::Billing);
    }

    #[test]
    fn bad_dates_missing_names_and_unrecorded_promises_are_refused() {
        let mut f = call();
        f.follow_up_on = "2026-03-01".into();
        f.person = Person::Other;
        f.outcome = Outcome::PromisedToPay;
        f.happened_at = "yesterday".into();
        let Err(DomainError::Invalid(e)) = f.validate(now()) else {
            panic!("expected refusal");
        };
        let fields: Vec<&str> = e.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, ["happened_at", "person_name", "outcome"]);
    }

    #[test]
    fn spellings_round_trip() {
        for o in [
            Outcome::Reached,
            Outcome::LeftMessage,
            Outcome::NoAnswer,
            Outcome::PromisedToPay,
            Outcome::Disputed,
            Outcome::Other,
        ] {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(Channel::parse("meeting"), Some(Channel::Meeting));
        assert_eq!(Person::parse("escalation"), Some(Person::Escalation));
    }
}
