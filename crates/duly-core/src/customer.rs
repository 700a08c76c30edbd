//! Customers: who is billed, who to ask for help when a bill is stuck
//! (the escalation contact), and whether service continues.

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Problems};
use crate::text;

/// Whether the business keeps serving the customer. Set by the owner; the
/// suspension policy only suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ServiceStatus {
    #[default]
    Active,
    OnHold,
    Suspended,
}

impl ServiceStatus {
    /// The stored spelling; the schema's `CHECK` constraint lists the same words.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceStatus::Active => "active",
            ServiceStatus::OnHold => "on_hold",
            ServiceStatus::Suspended => "suspended",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(ServiceStatus::Active),
            "on_hold" => Some(ServiceStatus::OnHold),
            "suspended" => Some(ServiceStatus::Suspended),
            _ => None,
        }
    }
}

/// A person at the customer. The billing contact's `title` is usually empty;
/// the escalation contact's title ("Finance director") matters in letters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Contact {
    pub name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.name.is_empty() && self.email.is_empty() && self.phone.is_empty()
    }
}

/// The customer form as typed in the window (every value is text).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct CustomerForm {
    pub company: String,
    pub billing: Contact,
    pub escalation: Contact,
    pub address: String,
    /// Payment terms override in days; empty means "the business default".
    pub terms_days: String,
    pub notes: String,
    pub service_status: ServiceStatus,
    /// Never charge this customer late fees, whatever the policy says.
    pub late_fee_opt_out: bool,
}

/// A customer's details once validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomerDetails {
    pub company: String,
    pub billing: Contact,
    pub escalation: Contact,
    pub address: String,
    pub terms_days: Option<u32>,
    pub notes: String,
    pub service_status: ServiceStatus,
    pub late_fee_opt_out: bool,
}

impl CustomerForm {
    /// Checks every field and reports all problems at once.
    pub fn validate(&self) -> Result<CustomerDetails, DomainError> {
        let mut p = Problems::new();
        let company = p.take(text::line("company", "Company name", &self.company, true));
        let billing = contact(&mut p, "billing", "Billing contact", &self.billing);
        let escalation = contact(&mut p, "escalation", "Escalation contact", &self.escalation);
        let address = p.take(text::paragraph(
            "address",
            "Mailing address",
            &self.address,
            false,
        ));
        let terms_days = if self.terms_days.trim().is_empty() {
            None
        } else {
            Some(p.take(text::days(
                "terms_days",
                "Payment terms",
                &self.terms_days,
                365,
            )))
        };
        let notes = p.take(text::paragraph("notes", "Notes", &self.notes, false));
        p.finish(CustomerDetails {
            company,
            billing,
            escalation,
            address,
            terms_days,
            notes,
            service_status: self.service_status,
            late_fee_opt_out: self.late_fee_opt_out,
        })
    }
}

fn contact(p: &mut Problems, prefix: &str, label: &str, c: &Contact) -> Contact {
    let f = |name: &str| format!("{prefix}.{name}");
    Contact {
        name: p.take(text::line(
            &f("name"),
            &format!("{label}'s name"),
            &c.name,
            false,
        )),
        title: p.take(text::line(
            &f("title"),
            &format!("{label}'s title"),
            &c.title,
            false,
        )),
        email: p.take(text::email(
            &f("email"),
            &format!("{label}'s email"),
            &c.email,
            false,
        )),
        phone: p.take(text::line(
            &f("phone"),
            &format!("{label}'s phone"),
            &c.phone,
            false,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FieldError;

    fn form() -> CustomerForm {
        CustomerForm {
            company: "Zoë Ångström & Søn \"Ltd\"".into(),
            billing: Contact {
                name: "Ada".into(),
                email: "ap@zoe.example".into(),
                ..Contact::default()
            },
            escalation: Contact {
                name: "Björn".into(),
                title: "Finance director".into(),
                email: "bjorn@zoe.example".into(),
                phone: "+46 8 123 45".into(),
            },
            terms_days: "14".into(),
            ..CustomerForm::default()
        }
    }

    #[test]
    fn a_complete_form_validates() {
        let details = form().validate().expect("valid");
        assert_eq!(details.company, "Zoë Ångström & Søn \"Ltd\"");
        assert_eq!(details.terms_days, Some(14));
        assert_eq!(details.escalation.title, "Finance director");
    }

    #[test]
    fn empty_name_and_bad_email_are_both_reported() {
        let mut f = form();
        f.company = "   ".into();
        f.billing.email = "ap.zoe.example".into();
        f.terms_days = "thirty".into();
        let Err(DomainError::Invalid(errors)) = f.validate() else {
            panic!("expected invalid");
        };
        let fields: Vec<&str> = errors
            .iter()
            .map(|e: &FieldError| e.field.as_str())
            .collect();
        assert_eq!(fields, ["company", "billing.email", "terms_days"]);
        assert_eq!(errors[0].message, "Company name is required.");
    }

    #[test]
    fn service_status_spellings_round_trip() {
        for s in [
            ServiceStatus::Active,
            ServiceStatus::OnHold,
            ServiceStatus::Suspended,
        ] {
            assert_eq!(ServiceStatus::parse(s.as_str()), Some(s));
        }
    }
}
