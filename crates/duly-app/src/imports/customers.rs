//! Customers from a CSV file: each row is validated as the customer form
//! would be. A company already in the book is skipped (so importing a file
//! twice adds nothing); the same company twice in the file is refused.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use duly_core::customer::{Contact, CustomerDetails, CustomerForm, ServiceStatus};
use duly_store::{customers, Transaction};

use super::{Columns, Field, Plan};

const LINE: Option<&str> = Some(" ");
const LINES: Option<&str> = Some("\n");

pub const FIELDS: &[Field] = &[
    Field {
        key: "company",
        label: "Company name",
        required: true,
        joined_with: None,
        headers: &[
            "company",
            "companyname",
            "name",
            "client",
            "clientname",
            "customer",
            "customername",
            "organization",
            "organisation",
            "business",
            "displayname",
        ],
    },
    Field {
        key: "billing.name",
        label: "Billing contact's name",
        required: false,
        joined_with: LINE,
        headers: &[
            "billingname",
            "contact",
            "contactname",
            "firstname",
            "lastname",
            "contactfirstname",
            "contactlastname",
            "billingcontact",
            "primarycontact",
            "fullname",
        ],
    },
    Field {
        key: "billing.title",
        label: "Billing contact's title",
        required: false,
        joined_with: None,
        headers: &["billingtitle", "title", "jobtitle", "contacttitle"],
    },
    Field {
        key: "billing.email",
        label: "Billing contact's email",
        required: false,
        joined_with: None,
        headers: &[
            "billingemail",
            "email",
            "emailaddress",
            "contactemail",
            "mainemail",
        ],
    },
    Field {
        key: "billing.phone",
        label: "Billing contact's phone",
        required: false,
        joined_with: None,
        headers: &[
            "billingphone",
            "phone",
            "phonenumber",
            "contactphone",
            "workphone",
            "telephone",
            "tel",
            "mobile",
        ],
    },
    Field {
        key: "escalation.name",
        label: "Escalation contact's name",
        required: false,
        joined_with: LINE,
        headers: &["escalationname"],
    },
    Field {
        key: "escalation.title",
        label: "Escalation contact's title",
        required: false,
        joined_with: None,
        headers: &["escalationtitle"],
    },
    Field {
        key: "escalation.email",
        label: "Escalation contact's email",
        required: false,
        joined_with: None,
        headers: &["escalationemail"],
    },
    Field {
        key: "escalation.phone",
        label: "Escalation contact's phone",
        required: false,
        joined_with: None,
        headers: &["escalationphone"],
    },
    Field {
        key: "address",
        label: "Mailing address",
        required: false,
        joined_with: LINES,
        headers: &[
            "address",
            "address1",
            "address2",
            "street",
            "street1",
            "street2",
            "aptsuite",
            "city",
            "state",
            "stateprovince",
            "province",
            "region",
            "postalcode",
            "postcode",
            "zip",
            "zipcode",
            "country",
            "billingaddress",
            "billingstreet",
            "billingcity",
            "billingstate",
            "billingzip",
            "billingpostalcode",
            "billingcountry",
        ],
    },
    Field {
        key: "terms_days",
        label: "Payment terms (days)",
        required: false,
        joined_with: None,
        headers: &["termsdays", "terms", "paymentterms", "netterms", "net"],
    },
    Field {
        key: "notes",
        label: "Notes",
        required: false,
        joined_with: LINES,
        headers: &["notes", "note", "privatenotes", "publicnotes", "comments"],
    },
    Field {
        key: "service_status",
        label: "Service status",
        required: false,
        joined_with: None,
        headers: &["servicestatus", "status"],
    },
];

/// `active`, `on hold` / `on_hold`, `suspended` in any case; empty is active.
fn service_status(text: &str) -> Result<ServiceStatus, String> {
    let t = text.trim().to_lowercase().replace([' ', '-'], "_");
    if t.is_empty() {
        return Ok(ServiceStatus::Active);
    }
    ServiceStatus::parse(&t).ok_or_else(|| {
        format!(
            "\u{201c}{}\u{201d} is not a service status (active, on hold or suspended).",
            text.trim()
        )
    })
}

/// Other programs write terms as "Net 30" or "Due on receipt".
fn terms_days(text: &str) -> String {
    let t = text.trim();
    let lower = t.to_lowercase();
    if lower.contains("receipt") {
        return "0".to_owned();
    }
    match lower.strip_prefix("net") {
        Some(days) => days.trim_start_matches([' ', '-']).trim().to_owned(),
        None => t.to_owned(),
    }
}

pub(super) fn plan(
    tx: &Transaction,
    columns: &Columns,
) -> duly_store::Result<Vec<(u64, Plan<CustomerDetails>)>> {
    let in_book: std::collections::HashSet<String> = customers::list(tx, true)?
        .into_iter()
        .map(|s| key(&s.customer.details.company))
        .collect();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let plans = columns
        .table
        .rows
        .iter()
        .map(|row| {
            let v = |k: &str| columns.value(row, k);
            let contact = |who: &str| Contact {
                name: v(&format!("{who}.name")),
                title: v(&format!("{who}.title")),
                email: v(&format!("{who}.email")),
                phone: v(&format!("{who}.phone")),
            };
            let status = service_status(&v("service_status"));
            let form = CustomerForm {
                company: v("company"),
                billing: contact("billing"),
                escalation: contact("escalation"),
                address: v("address"),
                terms_days: terms_days(&v("terms_days")),
                notes: v("notes"),
                service_status: status.clone().unwrap_or_default(),
                // Other tools have no such column: the policy applies until
                // the owner says otherwise.
                late_fee_opt_out: false,
            };
            let plan = match (form.validate(), status) {
                _ if row.extra > 0 => Plan::Reject(vec![super::extra_cells(row)]),
                (Ok(details), Ok(_)) => {
                    let k = key(&details.company);
                    if in_book.contains(&k) {
                        Plan::Skip(format!("{} is already in the book.", details.company))
                    } else if let Some(first) = seen.get(&k) {
                        Plan::Reject(vec![format!(
                            "{} is also on line {first}; keep one of the two rows.",
                            details.company
                        )])
                    } else {
                        seen.insert(k, row.line);
                        let words = details.company.clone();
                        Plan::Ready(details, words)
                    }
                }
                (valid, status) => {
                    let mut reasons = valid.err().map(|e| columns.reasons(e)).unwrap_or_default();
                    if let Err(m) = status {
                        reasons.push(format!("{}: {m}", columns.source("service_status")));
                    }
                    Plan::Reject(reasons)
                }
            };
            (row.line, plan)
        })
        .collect();
    Ok(plans)
}

/// Company names compare without case or surrounding space.
fn key(company: &str) -> String {
    company.trim().to_lowercase()
}

pub(super) fn write(
    tx: &Transaction,
    ready: &[CustomerDetails],
    now: NaiveDateTime,
) -> duly_store::Result<()> {
    for details in ready {
        customers::insert(tx, details, now)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::terms_days;

    #[test]
    fn terms_as_other_programs_write_them() {
        for (typed, days) in [
            ("Net 30", "30"),
            ("net-15", "15"),
            ("NET30", "30"),
            ("Due on receipt", "0"),
            ("45", "45"),
            ("", ""),
        ] {
            assert_eq!(terms_days(typed), days, "{typed}");
        }
    }
}
