//! How a customer is told to pay: the rows of a document's payment panel,
//! its EPC QR code, and the lines a message says, all from the same facts
//! (the account, the amount owed that day, the invoice's RF reference), so
//! an invoice, a statement and a reminder never disagree.

use duly_core::bank::account::{Bic, Iban};
use duly_core::bank::epc_qr::{Remittance, Transfer};
use duly_core::bank::pay_link::PayLink;
use duly_core::bank::reference::CreditorReference;
use duly_core::Currency;
use duly_documents::PayPanel;
use rust_decimal::Decimal;

use crate::documents::format;

/// Where the money goes: the account and the payment page, as the profile
/// has them now or as an invoice froze them when issued.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PayTo<'a> {
    /// The account holder's name, the business.
    pub name: &'a str,
    pub iban: Option<&'a Iban>,
    pub bic: Option<&'a Bic>,
    pub link: Option<&'a PayLink>,
}

/// An amount the customer is asked to pay and what it pays.
#[derive(Debug, Clone)]
pub(crate) struct Due {
    pub amount: Decimal,
    pub currency: Currency,
    /// The invoices it pays, by number; one invoice has an RF reference.
    pub numbers: Vec<String>,
}

impl Due {
    /// The RF reference to quote: only for one invoice whose number makes one.
    fn reference(&self) -> Option<CreditorReference> {
        match self.numbers.as_slice() {
            [one] => CreditorReference::for_invoice(one),
            _ => None,
        }
    }

    fn single(&self) -> Option<&str> {
        match self.numbers.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }
}

impl<'a> PayTo<'a> {
    /// The account and page as the profile has them now (statements and
    /// messages; an issued invoice uses the ones it froze).
    pub(crate) fn of(business: &'a duly_core::profile::BusinessProfile) -> PayTo<'a> {
        PayTo {
            name: &business.name,
            iban: business.iban.as_ref(),
            bic: business.bic.as_ref(),
            link: business.pay_link.as_ref(),
        }
    }

    /// Is there anything to print beyond the owner's own payment text?
    pub(crate) fn is_set(&self) -> bool {
        self.iban.is_some() || self.link.is_some()
    }

    /// The panel for a document asking for `due` (`None`: a draft, which
    /// shows the account only; a reference, an amount, a link and a code
    /// come with the number). No panel without an account or a link to
    /// print.
    pub(crate) fn panel(&self, due: Option<&Due>) -> Option<PayPanel> {
        if !self.is_set() {
            return None;
        }
        let mut rows = Vec::new();
        if let Some(iban) = self.iban {
            rows.push(("Account holder".to_owned(), self.name.to_owned()));
            rows.push(("IBAN".to_owned(), iban.to_string()));
            if let Some(bic) = self.bic {
                rows.push(("BIC".to_owned(), bic.as_str().to_owned()));
            }
        }
        if let Some(due) = due {
            let link = self.link_for(due);
            // Without an account, the panel is the link: several invoices
            // have none, and an amount with nowhere to pay it says nothing.
            if self.iban.is_none() && link.is_none() {
                return None;
            }
            rows.push(("Amount".to_owned(), format::money(due.currency, due.amount)));
            rows.push(("Reference".to_owned(), quote(due)));
            if let Some(link) = link {
                rows.push(("Pay online".to_owned(), link));
            }
        }
        if rows.is_empty() {
            return None;
        }
        Some(PayPanel {
            heading: if self.iban.is_some() {
                "Pay by bank transfer".into()
            } else {
                "Pay online".into()
            },
            rows,
            qr: due.and_then(|due| self.epc_payload(due)),
            qr_caption: "Scan with your banking app".into(),
        })
    }

    /// The lines a message puts under "How to pay", after the owner's own
    /// payment text: the account, and for each amount asked its reference and
    /// link.
    pub(crate) fn message_lines(&self, dues: &[Due]) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(iban) = self.iban {
            let bic = self
                .bic
                .map(|b| format!(", BIC {}", b.as_str()))
                .unwrap_or_default();
            lines.push(format!("Bank transfer to {}, IBAN {iban}{bic}", self.name));
            for due in dues {
                lines.push(format!(
                    "  {}: {}, reference {}",
                    due.numbers.join(", "),
                    format::money(due.currency, due.amount),
                    quote(due)
                ));
            }
        }
        let links: Vec<String> = dues
            .iter()
            .filter_map(|due| Some(format!("  {}: {}", due.single()?, self.link_for(due)?)))
            .collect();
        if !links.is_empty() {
            lines.push("Pay online:".into());
            lines.extend(links);
        }
        lines
    }

    /// The payment page for one invoice, with its amount and number.
    fn link_for(&self, due: &Due) -> Option<String> {
        let number = due.single()?;
        Some(
            self.link?
                .for_invoice(number, due.amount, due.currency, due.reference().as_ref()),
        )
    }

    /// The EPC QR code's text: euro amounts only, into the account, quoting
    /// the RF reference (or the invoice numbers).
    fn epc_payload(&self, due: &Due) -> Option<String> {
        if due.currency.code() != "EUR" || due.amount <= Decimal::ZERO {
            return None;
        }
        Transfer {
            name: self.name,
            iban: self.iban?,
            bic: self.bic,
            amount: Some(due.amount),
            remittance: match due.reference() {
                Some(r) => Remittance::Structured(r),
                None => Remittance::Text(due.numbers.join(" ")),
            },
        }
        .payload()
    }
}

/// What the transfer should quote: the RF reference and the number it
/// stands for, or the numbers themselves.
fn quote(due: &Due) -> String {
    match due.reference() {
        Some(r) => format!("{r} ({})", due.numbers.join(", ")),
        None => due.numbers.join(", "),
    }
}
