//! What a user does with an invoice once it is sent: dispute a line,
//! acknowledge and resolve the dispute, open its PDF, offer a payment plan;
//! and the late fees the policy makes overdue invoices owe.

use std::path::PathBuf;

use anyhow::{ensure, Context, Result};
use serde::Deserialize;

use crate::saved_files::{listing, new_file};
use crate::story::User;
use crate::virtual_printer;

/// What Print… did: the printers offered, the window's words, and where
/// the file that came out of the printer was kept.
pub struct Printout {
    pub offered: Vec<String>,
    pub said: String,
    pub printed: PathBuf,
}

/// A dispute as typed into the invoice's Dispute… dialog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisputeInput {
    /// "price", "quantity", "quality", "not_received", "duplicate", "other".
    pub cause: String,
    /// Empty: keep the amount the form proposes for the chosen line.
    pub amount: String,
    pub customer_words: String,
}

/// The dispute card on an invoice's page, as shown.
#[derive(Debug, Clone, Deserialize)]
pub struct DisputeCard {
    /// e.g. "Disputed: price, $250.00 in question Acknowledged".
    pub title: String,
    /// "Open", "Acknowledged", "Escalated".
    pub status: String,
    /// "Not acknowledged yet.", or "Resolution promised by Dec 9, 2026".
    pub resolution: String,
}

/// A payment plan as typed into the plan form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanInput {
    pub installments: String,
    /// "weekly", "biweekly" or "monthly".
    pub every: String,
    /// "YYYY-MM-DD".
    pub first_on: String,
}

/// The Late fees screen, as shown.
#[derive(Debug, Clone, Deserialize)]
pub struct LateFees {
    /// The policy in one sentence.
    pub policy: String,
    pub lines: Vec<LateFeeLine>,
    /// The sentence above the Charge button.
    pub summary: String,
    /// The Charge button's label, and whether it can be clicked.
    pub charge_button: String,
    pub can_charge: bool,
    pub charges: Vec<FinanceCharge>,
    /// Numbers under "Invoices not charged late fees".
    pub exempt_invoices: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LateFeeLine {
    pub invoice: String,
    /// e.g. "45 days".
    pub late: String,
    pub balance: String,
    pub fee_owed: String,
    pub already_charged: String,
    pub to_charge_now: String,
}

/// A row of "Finance-charge invoices".
#[derive(Debug, Clone, Deserialize)]
pub struct FinanceCharge {
    pub number: String,
    /// The fees it bills, e.g. "INV-0001 · $14.79".
    pub details: String,
    pub total: String,
    pub status: String,
}

const DISPUTE_CARD: &str = "
    const card = document.getElementById('dispute-card');
    if (!card) return null;
    return {
        title: card.querySelector('.event-title').textContent,
        status: card.querySelector('.event-title .badge').textContent,
        resolution: card.querySelector(':scope > p:nth-of-type(2)').textContent,
    };";

const LATE_FEES: &str = "
    const text = (id) => { const el = document.getElementById(id); return el ? el.textContent : ''; };
    // A cell's own text, without the hints under it (due date, period).
    const own = (td) => [...td.childNodes]
        .filter((n) => !(n.classList && n.classList.contains('hint')))
        .map((n) => n.textContent).join('').trim();
    // The rows of a table as {header: text}, whatever the columns' order.
    const rows = (id) => {
        const table = document.getElementById(id);
        if (!table) return [];
        const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
        return [...table.querySelectorAll('tbody tr')].map((tr) =>
            Object.fromEntries([...tr.cells].map((td, i) => [heads[i], own(td)])));
    };
    const button = document.getElementById('charge-late-fees');
    return {
        policy: text('late-fee-policy'),
        lines: rows('late-fee-lines').map((r) => ({
            invoice: r['Invoice'], late: r['Late'], balance: r['Balance'], fee_owed: r['Fee owed'],
            already_charged: r['Already charged'], to_charge_now: r['To charge now'],
        })),
        summary: text('late-fee-summary'),
        charge_button: button ? button.textContent : '',
        can_charge: Boolean(button && !button.disabled),
        exempt_invoices: [...document.querySelectorAll('#late-fee-exempt-invoices a.row-link')].map((a) => a.textContent),
        charges: rows('finance-charges').map((r) => ({
            number: r['Invoice'], details: r['For'], total: r['Total'], status: r['Status'],
        })),
    };";

impl User {
    /// The balance on the invoice's page, e.g. "$850.00".
    pub async fn read_invoice_balance(&self) -> Result<String> {
        self.js(
            "return document.getElementById('invoice-balance').textContent;",
            vec![],
        )
        .await
    }

    /// The dispute card on the invoice's page, if there is one.
    pub async fn read_dispute(&self) -> Result<Option<DisputeCard>> {
        self.js(DISPUTE_CARD, vec![]).await
    }

    /// On an issued invoice's page, opens a dispute about its line `line`
    /// (1 for the first); returns the dispute card then shown.
    pub async fn open_dispute_on_line(
        &mut self,
        line: usize,
        dispute: &DisputeInput,
    ) -> Result<DisputeCard> {
        let amount = if dispute.amount.is_empty() {
            "the line's amount"
        } else {
            &dispute.amount
        };
        self.step(format!(
            "open a dispute on line {line} ({}, {amount})",
            dispute.cause
        ));
        ensure!(line >= 1, "lines are counted from 1");
        self.click("#open-dispute").await?;
        self.find("#modal-root [name=line]").await?;
        self.choose("#modal-root [name=line]", &(line - 1).to_string())
            .await?;
        self.choose("#modal-root [name=cause]", &dispute.cause)
            .await?;
        if !dispute.amount.is_empty() {
            self.fill("#modal-root [name=amount]", &dispute.amount)
                .await?;
        }
        self.fill("#modal-root [name=customer_words]", &dispute.customer_words)
            .await?;
        self.snap_also("filled").await?;
        self.mark_screen().await?;
        self.click("#modal-confirm").await?;
        self.wait_for_screen("invoices/id").await?;
        self.find("#dispute-card").await?;
        self.snap().await?;
        self.dispute_card().await
    }

    /// Acknowledges the dispute on the invoice's page; Duly then opens the
    /// acknowledgement draft, whose heading is returned.
    pub async fn acknowledge_dispute(&mut self) -> Result<String> {
        self.step("acknowledge the dispute");
        self.mark_screen().await?;
        self.click("#acknowledge-dispute").await?;
        self.wait_for_screen("customers/id/draft").await?;
        self.find("#tone-panel h3").await?;
        self.snap().await?;
        self.read_heading().await
    }

    /// Resolves the dispute on the invoice's page with a credit note of
    /// `amount`; returns the confirmation shown, which names the credit
    /// note. Duly then opens the resolution letter's draft.
    pub async fn resolve_with_credit_note(&mut self, amount: &str, note: &str) -> Result<String> {
        self.step(format!(
            "resolve the dispute with a credit note of {amount}"
        ));
        self.click("#resolve-dispute").await?;
        self.find("#modal-root [name=resolution]").await?;
        self.choose("#modal-root [name=resolution]", "credit_note")
            .await?;
        self.fill("#modal-root [name=amount]", amount).await?;
        self.fill("#modal-root [name=note]", note).await?;
        self.snap_also("filled").await?;
        self.forget_toast().await?;
        self.mark_screen().await?;
        self.click("#modal-confirm").await?;
        self.wait_for_screen("customers/id/draft").await?;
        let said = self.wait_for_toast().await?;
        self.snap().await?;
        Ok(said)
    }

    /// "Open PDF" on the invoice's page; returns the file it wrote in the
    /// app's temporary folder (no viewer opens in a scripted run).
    pub async fn open_invoice_pdf(&mut self) -> Result<PathBuf> {
        self.step("open the invoice's PDF");
        let folder = self.temp_dir().join("duly");
        let before = listing(&folder)?;
        self.forget_toast().await?;
        self.click("#open-pdf").await?;
        let said = self.wait_for_toast().await?;
        ensure!(said == "PDF opened", "opening the PDF said {said:?}");
        self.snap().await?;
        new_file(&folder, &before, "pdf")
    }

    /// Print… on the invoice page, on the virtual printer, `copies` copies:
    /// returns the printers the dialog offered, what the window said, and
    /// the file that came out of the printer.
    pub async fn print_invoice(&mut self, copies: &str) -> Result<Printout> {
        self.step(format!("print the invoice, {copies} copies"));
        virtual_printer::check().map_err(anyhow::Error::msg)?;
        let before = virtual_printer::printed_so_far();
        self.click("#print-invoice").await?;
        self.find("#modal-root #print-printer").await?;
        let offered: Vec<String> = self
            .js(
                "return [...document.querySelectorAll('#print-printer option')].map((o) => o.value);",
                vec![],
            )
            .await?;
        self.find("#print-printer")
            .await?
            .select_by_value(virtual_printer::PRINTER)
            .await
            .context("could not choose the virtual printer")?;
        let field = self.find("#print-copies").await?;
        field.clear().await?;
        field.send_keys(copies).await?;
        self.snap_also("dialog").await?;
        self.forget_toast().await?;
        self.click("#modal-confirm").await?;
        let said = self.wait_for_toast().await?;
        let paper = tokio::task::spawn_blocking(move || virtual_printer::printed_since(&before))
            .await?
            .map_err(anyhow::Error::msg)?;
        // Kept beside the screenshots, to look at.
        let printed = self.save_dir().join("printed.pdf");
        std::fs::write(&printed, paper)
            .with_context(|| format!("could not keep {}", printed.display()))?;
        self.snap().await?;
        Ok(Printout {
            offered,
            said,
            printed,
        })
    }

    /// "Open PDF" beside the invoice's first credit note.
    pub async fn open_credit_note_pdf(&mut self) -> Result<PathBuf> {
        self.step("open the credit note's PDF");
        let folder = self.temp_dir().join("duly");
        let before = listing(&folder)?;
        self.forget_toast().await?;
        self.click("#credit-notes button").await?;
        let said = self.wait_for_toast().await?;
        ensure!(
            said == "Credit note opened",
            "opening the credit note said {said:?}"
        );
        self.snap().await?;
        new_file(&folder, &before, "pdf")
    }

    /// "Offer plan…" on the invoice's page, for that invoice alone; returns
    /// the confirmation shown. Duly then opens the plan's confirmation draft.
    pub async fn offer_plan(&mut self, plan: &PlanInput) -> Result<String> {
        self.step(format!(
            "offer a plan of {} {} installments from {}",
            plan.installments, plan.every, plan.first_on
        ));
        self.mark_screen().await?;
        self.click("#offer-plan").await?;
        self.wait_for_screen("customers/id/plan").await?;
        self.fill("#plan-form [name=count]", &plan.installments)
            .await?;
        self.choose("#plan-form [name=frequency]", &plan.every)
            .await?;
        self.pick_date("#plan-form [name=first_on]", &plan.first_on)
            .await?;
        self.snap_also("filled").await?;
        self.forget_toast().await?;
        self.mark_screen().await?;
        self.click("#save-plan").await?;
        self.wait_for_screen("customers/id/draft").await?;
        let said = self.wait_for_toast().await?;
        self.snap().await?;
        Ok(said)
    }

    /// In Settings, sets a late fee of `percent` % a month after
    /// `grace_days` days (Settings must be open).
    pub async fn set_late_fee_policy(&mut self, percent: &str, grace_days: &str) -> Result<String> {
        self.step(format!(
            "set late fees of {percent} % a month after {grace_days} days"
        ));
        self.choose("#late-fee-kind", "percent_per_month").await?;
        self.fill("#late-fee-form [name=percent_per_month]", percent)
            .await?;
        self.fill("#late-fee-form [name=grace_days]", grace_days)
            .await?;
        self.forget_toast().await?;
        self.click("#save-late-fees").await?;
        let said = self.wait_for_toast().await?;
        ensure!(
            said == "Late-fee policy saved",
            "saving the policy said {said:?}"
        );
        self.snap().await?;
        self.js(
            "return document.getElementById('late-fee-policy-sentence').textContent;",
            vec![],
        )
        .await
    }

    /// Opens the Late fees screen from the Invoices list (as of today).
    pub async fn open_late_fees(&mut self) -> Result<LateFees> {
        self.step("open the late fees");
        self.go_by_rail("invoices").await?;
        self.mark_screen().await?;
        self.click("#late-fees-link").await?;
        self.wait_for_screen("late-fees").await?;
        self.snap().await?;
        self.js(LATE_FEES, vec![]).await
    }

    /// Charges the late fees shown, confirming the dialog; returns what the
    /// dialog asked and the confirmation shown, and the screen redrawn.
    pub async fn charge_late_fees(&mut self) -> Result<(String, String, LateFees)> {
        self.step("charge the late fees");
        self.click("#charge-late-fees").await?;
        self.find("#modal-root #modal-confirm").await?;
        let asked: String = self
            .js(
                "return document.querySelector('#modal-root .modal p').textContent;",
                vec![],
            )
            .await?;
        self.snap_also("confirm").await?;
        self.forget_toast().await?;
        self.mark_screen().await?;
        self.click("#modal-confirm").await?;
        self.wait_for_screen("late-fees").await?;
        let said = self.wait_for_toast().await?;
        self.snap().await?;
        Ok((asked, said, self.js(LATE_FEES, vec![]).await?))
    }

    /// "Duplicate…" on the invoice page shown, billed to `to` (a company) or
    /// to the same customer; returns the customer the draft editor opens for.
    pub async fn duplicate_invoice(&mut self, to: Option<&str>) -> Result<String> {
        self.step(format!(
            "duplicate the invoice for {}",
            to.unwrap_or("the same customer")
        ));
        self.click("#duplicate-invoice").await?;
        self.find("#modal-root #duplicate-customer").await?;
        if let Some(company) = to {
            self.pick_customer("duplicate-customer", company)
                .await
                .with_context(|| format!("could not choose {company}"))?;
        }
        self.snap_also("confirm").await?;
        self.mark_screen().await?;
        self.click("#modal-confirm").await?;
        self.wait_for_screen("invoices/id").await?;
        self.find("#invoice-form").await?;
        self.snap().await?;
        self.js(
            "const s = document.querySelector('#invoice-form #invoice-customer');\
             return s ? s.value : '';",
            vec![],
        )
        .await
    }

    /// "Don't charge…" on `number`'s row, for that invoice only (the
    /// dialog's first choice); returns the dialog's choices and the screen
    /// redrawn.
    pub async fn dont_charge_invoice(&mut self, number: &str) -> Result<(Vec<String>, LateFees)> {
        self.step(format!("don't charge a late fee on {number}"));
        self.click(&format!("button[data-dont-charge='{number}']"))
            .await?;
        self.find("#modal-root #exempt-scope").await?;
        let choices: Vec<String> = self
            .js(
                "return [...document.querySelectorAll('#exempt-scope label.choice')].map((l) => l.textContent);",
                vec![],
            )
            .await?;
        let first: bool = self
            .js(
                "return document.querySelector('#exempt-scope input[value=invoice]').checked;",
                vec![],
            )
            .await?;
        ensure!(first, "\"Only {number}\" should be chosen by default");
        self.snap_also("confirm").await?;
        self.forget_toast().await?;
        self.mark_screen().await?;
        self.click("#modal-confirm").await?;
        self.wait_for_screen("late-fees").await?;
        let said = self.wait_for_toast().await?;
        ensure!(
            said == format!("No late fee on {number}"),
            "not charging said {said:?}"
        );
        self.snap().await?;
        Ok((choices, self.js(LATE_FEES, vec![]).await?))
    }

    /// "Charge again" beside an invoice not charged late fees.
    pub async fn charge_invoice_again(&mut self, number: &str) -> Result<LateFees> {
        self.step(format!("charge late fees on {number} again"));
        self.mark_screen().await?;
        let clicked: bool = self
            .js(
                "const li = [...document.querySelectorAll('#late-fee-exempt-invoices li')]\
                     .find((li) => li.querySelector('a').textContent === arguments[0]);\
                 if (li) li.querySelector('button').click(); return Boolean(li);",
                vec![number.into()],
            )
            .await?;
        ensure!(clicked, "{number} is not listed as not charged");
        self.wait_for_screen("late-fees").await?;
        self.snap().await?;
        self.js(LATE_FEES, vec![]).await
    }

    async fn dispute_card(&self) -> Result<DisputeCard> {
        let card: Option<DisputeCard> = self.read_dispute().await?;
        card.ok_or_else(|| anyhow::anyhow!("the invoice shows no dispute"))
    }
}
