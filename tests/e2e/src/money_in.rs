//! What a user does with a bank statement: download it from the bank (here,
//! a CAMT.053 file written for the scenario), choose it on This week's
//! "Import bank statement", read what Duly proposes for each line, and
//! record it.

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::story::User;

/// One booked entry of a statement the scenario writes.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// "YYYY-MM-DD".
    pub booked_on: String,
    /// Signed decimal: money in positive.
    pub amount: String,
    pub party: String,
    pub text: String,
    pub check_number: String,
    /// The bank's transaction id.
    pub id: String,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A CAMT.053.001.02 statement of `entries` in `currency`, as a bank's
/// online banking exports it.
pub fn camt053(currency: &str, entries: &[Entry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n<BkToCstmrStmt>\n<GrpHdr><MsgId>E2E-1</MsgId><CreDtTm>2026-11-25T06:00:00</CreDtTm></GrpHdr>\n<Stmt><Id>E2E-STMT-1</Id>\n",
    );
    xml.push_str(&format!(
        "<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>{currency}</Ccy></Acct>\n"
    ));
    for e in entries {
        let (amount, credit) = match e.amount.strip_prefix('-') {
            Some(out) => (out, false),
            None => (e.amount.as_str(), true),
        };
        let role = if credit { "Dbtr" } else { "Cdtr" };
        let check = if e.check_number.is_empty() {
            String::new()
        } else {
            format!("<Refs><ChqNb>{}</ChqNb></Refs>", escape(&e.check_number))
        };
        xml.push_str(&format!(
            "<Ntry><Amt Ccy=\"{currency}\">{amount}</Amt><CdtDbtInd>{}</CdtDbtInd><Sts>BOOK</Sts>\
             <BookgDt><Dt>{}</Dt></BookgDt><AcctSvcrRef>{}</AcctSvcrRef>\
             <NtryDtls><TxDtls>{check}<RltdPties><{role}><Nm>{}</Nm></{role}></RltdPties>\
             <RmtInf><Ustrd>{}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n",
            if credit { "CRDT" } else { "DBIT" },
            e.booked_on,
            escape(&e.id),
            escape(&e.party),
            escape(&e.text),
        ));
    }
    xml.push_str("</Stmt>\n</BkToCstmrStmt>\n</Document>\n");
    xml
}

/// A line of the review as the screen shows it.
#[derive(Debug, Clone, Deserialize)]
pub struct ReviewRow {
    /// payment, reversal, left_out or imported.
    pub kind: String,
    pub from: String,
    pub amount: String,
    /// "Duly proposes", as text (customer, confidence, invoices, reason).
    pub proposes: String,
    /// The decision chosen, as its option's text; empty when there is none.
    pub decision: String,
}

const REVIEW: &str = "
    return [...document.querySelectorAll('#statement-lines tbody tr[data-kind]')].map((tr) => {
        const select = tr.querySelector('select.decision');
        return {
            kind: tr.dataset.kind,
            from: tr.cells[1].textContent,
            amount: tr.cells[2].textContent,
            proposes: tr.cells[3].textContent,
            decision: select ? select.options[select.selectedIndex].textContent : '',
        };
    });";

impl User {
    /// Saves `contents` as the file the next file dialog opens (the app
    /// runs with `DULY_OPEN_FILE` pointing at it), as if downloaded.
    pub fn download(&self, contents: &str) -> Result<()> {
        let path = self.desktop.open_file();
        std::fs::write(&path, contents)
            .with_context(|| format!("could not write {}", path.display()))
    }

    /// From This week, "Import bank statement" and "Choose statement
    /// file…"; returns the lines as the review shows them.
    pub async fn import_bank_statement(&mut self) -> Result<Vec<ReviewRow>> {
        self.step("import the bank statement");
        self.choose_statement_file().await?;
        self.find("#statement-lines").await?;
        self.snap().await?;
        self.js(REVIEW, vec![]).await
    }

    /// Like [`User::import_bank_statement`] for a bank's CSV export: the
    /// columns are mapped as Duly suggests ("Read the statement"); returns
    /// the lines as the review shows them.
    pub async fn import_bank_csv(&mut self) -> Result<Vec<ReviewRow>> {
        self.step("import the bank's CSV export");
        self.choose_statement_file().await?;
        self.find("#import-mapping").await?;
        self.snap_also("columns").await?;
        self.click("#import-mapping button[type=submit]").await?;
        self.find("#statement-lines").await?;
        self.snap().await?;
        self.js(REVIEW, vec![]).await
    }

    /// This week's "Import bank statement", then "Choose statement file…".
    async fn choose_statement_file(&mut self) -> Result<()> {
        self.go_by_rail("week").await?;
        self.find("#week-total").await?;
        self.mark_screen().await?;
        self.click("#money-in").await?;
        self.wait_for_screen("money-in").await?;
        self.click("#choose-statement").await
    }

    /// "Record …" under the review, confirmed; returns the message shown
    /// and lands on This week.
    pub async fn record_statement(&mut self) -> Result<String> {
        self.step("record the statement's payments");
        self.forget_toast().await?;
        self.click("#confirm-statement").await?;
        self.find("#modal-root #modal-confirm").await?;
        self.snap_also("confirm").await?;
        self.mark_screen().await?;
        self.click("#modal-confirm").await?;
        let said = self.wait_for_toast().await?;
        self.wait_for_screen("week").await?;
        self.find("#week-total").await?;
        self.snap().await?;
        Ok(said)
    }
}
