//! An invoice from the book, as the presentation model prints it.

use std::borrow::Cow;

use chrono::NaiveDate;
use duly_core::invoice::InvoiceState;
use duly_core::totals;
use duly_documents::{InvoiceColumns, InvoiceDocument, InvoiceLine, Labels, PayPanel, TotalRow};
use duly_store::customers::{self, Customer};
use duly_store::invoices::{self, Footer, Invoice};
use duly_store::Transaction;

use super::{customer_block, format, Sender};
use crate::pay_details::{Due, PayTo};

/// Everything an invoice PDF shows, read in one transaction.
pub(super) struct Source {
    sender: Sender,
    invoice: Invoice,
    customer: Customer,
}

impl Source {
    pub(super) fn read(tx: &Transaction, invoice_id: i64) -> duly_store::Result<Source> {
        let invoice = invoices::get(tx, invoice_id)?;
        Ok(Source {
            customer: customers::get(tx, invoice.header.customer_id)?,
            sender: Sender::read(tx)?,
            invoice,
        })
    }

    /// "INV-0001 Blue Heron Dental.pdf"; "Draft Blue Heron Dental.pdf".
    pub(super) fn file_name(&self) -> String {
        let number = self.invoice.header.number.as_deref().unwrap_or("Draft");
        format::file_name(&[number, &self.customer.details.company])
    }

    /// `today` dates the balance of an invoice that has been partly paid.
    pub(super) fn document(&self, today: NaiveDate) -> InvoiceDocument {
        let inv = &self.invoice;
        let h = &inv.header;
        let c = h.currency;
        let sums = totals::compute(c, &inv.lines, &inv.fees);
        let lines = inv
            .lines
            .iter()
            .zip(&sums.line_amounts)
            .map(|(l, amount)| InvoiceLine {
                description: l.description.clone(),
                quantity: format::quantity(l.quantity),
                unit: l.unit.clone(),
                unit_price: format::unit_price(c, l.unit_price),
                discount: format::percent_or_blank(l.discount_percent),
                tax: format::tax(&l.tax.name, l.tax.percent),
                amount: format::money(c, *amount),
            })
            .collect();

        let mut rows = vec![TotalRow::new("Subtotal", format::money(c, sums.subtotal))];
        rows.extend(
            inv.fees
                .iter()
                .map(|f| TotalRow::new(f.name.clone(), format::money(c, f.amount))),
        );
        rows.extend(sums.taxes.iter().map(|t| {
            let label = format::tax(&t.name, t.percent);
            TotalRow::new(
                format!("{label} on {}", format::money(c, t.base)),
                format::money(c, t.amount),
            )
        }));
        rows.push(TotalRow::strong("Total", format::money(c, sums.total)));
        let mut facts = Vec::new();
        if let Some(issued) = h.issue_date {
            facts.push(("Issue date".to_owned(), self.sender.dates().day(issued)));
        }
        if let Some(due) = h.due_date {
            facts.push(("Due date".to_owned(), self.sender.dates().day(due)));
        }
        let terms = h.terms_days.unwrap_or_else(|| {
            self.customer
                .details
                .terms_days
                .unwrap_or(self.sender.business.default_terms_days)
        });
        facts.push(("Terms".to_owned(), format::terms(terms)));
        if h.state == InvoiceState::Issued {
            // A credit note is not a payment: the customer sees each for what it is.
            let credited = c.from_minor(h.credited_minor);
            if !credited.is_zero() {
                rows.push(TotalRow::new("Credit notes", format::money(c, -credited)));
            }
            let paid = c.from_minor(h.paid_minor());
            rows.push(TotalRow::new("Amount paid", format::money(c, -paid)));
            rows.push(TotalRow::strong(
                "Balance due",
                format::money(c, c.from_minor(h.balance_minor)),
            ));
            // A reprint after a payment or credit says when its balance was true.
            if !paid.is_zero() || !credited.is_zero() {
                facts.push(("Balance as of".to_owned(), self.sender.dates().day(today)));
            }
        }

        InvoiceDocument {
            page_size: self.sender.page_size(),
            letterhead: self.sender.letterhead(),
            labels: Labels::default(),
            title: "Invoice".into(),
            number: h.number.clone().unwrap_or_default(),
            facts,
            bill_to_label: "Bill to".into(),
            bill_to: customer_block(&self.customer),
            columns: InvoiceColumns::default(),
            lines,
            totals: rows,
            pay: self.pay_panel(),
            sections: self.sections(),
            void_mark: h.state == InvoiceState::Void,
        }
    }

    /// An issued invoice prints the texts and account frozen when it was
    /// issued; a draft previews the profile's, which issuing will freeze.
    fn footer(&self) -> Cow<'_, Footer> {
        if self.invoice.header.state == InvoiceState::Draft {
            Cow::Owned(self.sender.footer())
        } else {
            Cow::Borrowed(&self.invoice.footer)
        }
    }

    /// The account to pay into and, on an issued invoice with a balance,
    /// the amount, its RF reference, the pay link and the QR code. A draft
    /// shows the account only; a paid or void invoice asks for nothing.
    fn pay_panel(&self) -> Option<PayPanel> {
        let footer = self.footer();
        let pay_to = PayTo {
            name: &self.sender.business.name,
            iban: footer.iban.as_ref(),
            bic: footer.bic.as_ref(),
            link: footer.pay_link.as_ref(),
        };
        let h = &self.invoice.header;
        match (h.state, &h.number) {
            (InvoiceState::Draft, _) => pay_to.panel(None),
            (InvoiceState::Issued, Some(number)) if h.balance_minor > 0 => {
                pay_to.panel(Some(&Due {
                    amount: h.currency.from_minor(h.balance_minor),
                    currency: h.currency,
                    numbers: vec![number.clone()],
                }))
            }
            _ => None,
        }
    }

    /// The texts under the totals, each only when there is something to say.
    /// An issued invoice prints the texts frozen when it was issued; a draft
    /// previews the profile's texts, which issuing will freeze.
    fn sections(&self) -> Vec<(String, String)> {
        let inv = &self.invoice;
        let draft_footer;
        let footer = if inv.header.state == InvoiceState::Draft {
            draft_footer = self.sender.footer();
            &draft_footer
        } else {
            &inv.footer
        };
        let void = match (&inv.header.void_reason, inv.header.voided_at) {
            (Some(reason), Some(at)) => {
                format!("Voided on {}: {reason}", self.sender.dates().day(at.date()))
            }
            (Some(reason), None) => reason.clone(),
            _ => String::new(),
        };
        [
            ("Void", void.as_str()),
            ("How to pay", &footer.payment_text),
            ("Terms and conditions", &footer.terms_text),
            ("Late fees", &footer.late_fee_text),
            ("Questions about this invoice?", &footer.dispute_text),
            ("Notes", &inv.notes),
        ]
        .into_iter()
        .filter(|(_, body)| !body.trim().is_empty())
        .map(|(heading, body)| (heading.to_owned(), body.trim().to_owned()))
        .collect()
    }
}
