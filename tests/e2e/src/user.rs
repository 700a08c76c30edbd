//! What a user does in Duly, one helper per action, named as they would say
//! it, so scenarios read like the user's story. Each helper is a step: it
//! acts through the window as a person would (clicks, typing), waits until
//! the window shows the result, and saves a screenshot of where it got to.
//! Helpers that read a screen return what it shows, as text.

use std::collections::HashMap;
use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use fantoccini::Locator;
use serde::Deserialize;
use serde_json::Value;

use crate::story::{type_into, User};

/// The business profile fields a scenario fills (Settings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub business_name: String,
    pub owner_name: String,
    /// ISO code, e.g. "USD".
    pub currency: String,
    pub default_terms_days: String,
    /// ISO 3166 code, e.g. "US"; empty leaves the country unchosen.
    pub country: String,
}

impl Profile {
    /// The scenarios' usual business: a US bookkeeping practice, net 30.
    pub fn harbor_and_pine() -> Self {
        Profile {
            business_name: "Harbor & Pine Bookkeeping".into(),
            owner_name: "Maya Lindqvist".into(),
            currency: "USD".into(),
            default_terms_days: "30".into(),
            country: "US".into(),
        }
    }
}

/// What the first-run setup asks beyond the profile's name, owner, currency
/// and terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetupAnswers {
    pub address: String,
    pub bank_details: String,
    /// (name, percent), or none to skip the step.
    pub tax_rate: Option<(String, String)>,
}

/// A contact on the customer form; billing contacts have no title.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
}

/// The customer form, as typed in or as read back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerInput {
    pub company: String,
    pub billing: Contact,
    pub escalation: Contact,
}

impl CustomerInput {
    /// (input name, value) for every field of the form this scenario uses.
    fn fields(&self) -> [(&'static str, &str); 8] {
        [
            ("company", &self.company),
            ("billing.name", &self.billing.name),
            ("billing.email", &self.billing.email),
            ("billing.phone", &self.billing.phone),
            ("escalation.name", &self.escalation.name),
            ("escalation.title", &self.escalation.title),
            ("escalation.email", &self.escalation.email),
            ("escalation.phone", &self.escalation.phone),
        ]
    }

    fn from_form(mut form: HashMap<String, String>) -> Self {
        let mut take = |name: &str| form.remove(name).unwrap_or_default();
        Self {
            company: take("company"),
            billing: Contact {
                name: take("billing.name"),
                title: String::new(),
                email: take("billing.email"),
                phone: take("billing.phone"),
            },
            escalation: Contact {
                name: take("escalation.name"),
                title: take("escalation.title"),
                email: take("escalation.email"),
                phone: take("escalation.phone"),
            },
        }
    }
}

/// A customer page as shown: the contact cards are their lines of text.
#[derive(Debug, Clone, Deserialize)]
pub struct CustomerPage {
    pub name: String,
    /// e.g. "Ana Trujillo\nap@northwind.example"
    pub billing: String,
    /// e.g. "Carlos Díaz, Finance director\ncarlos@northwind.example"
    pub escalation: String,
    /// The ladder's next step line under the name, or empty.
    pub next_step: String,
    /// "Your follow-up: …", as logged with the last contact, or empty.
    pub planned: String,
}

/// One row of the Invoices list, as shown.
#[derive(Debug, Clone, Deserialize)]
pub struct InvoiceRow {
    /// "INV-0001", or "Draft".
    pub number: String,
    pub customer: String,
    pub status: String,
    pub total: String,
}

/// An issued invoice's page, as shown.
#[derive(Debug, Clone, Deserialize)]
pub struct InvoicePage {
    pub number: String,
    pub customer: String,
    pub status: String,
    pub total: String,
    pub lines: Vec<InvoiceLine>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InvoiceLine {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub discount: String,
    pub tax: String,
    pub amount: String,
}

/// A message the window shows beside an input.
#[derive(Debug, Clone, Deserialize)]
pub struct FieldError {
    /// The core's field path, e.g. "lines[0].quantity".
    pub field: String,
    pub message: String,
    /// The message sits right after the input it is about.
    pub after_its_input: bool,
}

const INVOICE_ROWS: &str = "
    return [...document.querySelectorAll('#invoice-results .invoice-table tbody tr')].map((tr) => {
        const cell = [...tr.cells].map((td) => td.textContent.trim());
        return { number: cell[0], customer: cell[1], status: cell[4], total: cell[5] };
    });";

const INVOICE_PAGE: &str = "
    const text = (id) => document.getElementById(id).textContent;
    return {
        number: text('invoice-number').replace(/^Invoice /, ''),
        customer: text('invoice-customer'),
        status: text('invoice-status'),
        total: text('invoice-total'),
        lines: [...document.querySelectorAll('#invoice-lines tbody tr')].map((tr) => {
            const cell = [...tr.cells].map((td) => td.textContent);
            return { description: cell[0], quantity: cell[1], unit_price: cell[3],
                     discount: cell[4], tax: cell[5], amount: cell[6] };
        }),
    };";

const CUSTOMER_PAGE: &str = "
    const card = (id) => [...document.querySelectorAll(`#${id} p`)].map((p) => p.textContent).join('\\n');
    return {
        name: document.getElementById('customer-name').textContent,
        billing: card('billing-contact'),
        escalation: card('escalation-contact'),
        next_step: (document.getElementById('customer-next-step') || { textContent: '' }).textContent,
        planned: (document.getElementById('customer-planned') || { textContent: '' }).textContent,
    };";

/// The field messages shown in the invoice editor once a new one appeared
/// (older ones are marked by the helper before it acts), else null.
const FRESH_FIELD_ERRORS: &str = "
    const notes = [...document.querySelectorAll('#invoice-form .field-error')];
    if (!notes.some((note) => !note.__e2eSeen)) return null;
    return notes.map((note) => ({
        field: note.dataset.errorFor,
        message: note.textContent,
        after_its_input: Boolean(note.previousElementSibling
            && note.previousElementSibling.dataset.field === note.dataset.errorFor),
    }));";

impl User {
    /// The screen a new user sees on an empty book.
    pub async fn see_welcome(&mut self) -> Result<()> {
        self.step("see the welcome screen");
        self.wait_for_screen("welcome").await?;
        self.snap().await
    }

    /// The guided setup from the welcome screen, one step at a time, each
    /// step's screenshot taken before it is saved. Returns what the country
    /// step said the book's dates and paper will be.
    pub async fn set_up_business(
        &mut self,
        profile: &Profile,
        answers: &SetupAnswers,
    ) -> Result<String> {
        self.step(format!(
            "set up {} with the guided setup",
            profile.business_name
        ));
        self.mark_screen().await?;
        self.click("#setup-business").await?;
        self.wait_for_screen("setup").await?;
        let next = async |user: &mut User, step: u32| -> Result<()> {
            user.snap_also(&format!("step-{step}")).await?;
            user.click("#setup-next").await?;
            user.wait_until(
                &format!("setup step {step} is saved"),
                "(() => { const f = document.getElementById('setup-form');\
                   return f ? f.dataset.step === arguments[0] : Boolean(document.getElementById('setup-done')); })()",
                vec![(step + 1).to_string().into()],
            )
            .await
        };
        self.fill("#setup-form [name=name]", &profile.business_name)
            .await?;
        self.fill("#setup-form [name=owner_name]", &profile.owner_name)
            .await?;
        next(self, 1).await?;
        self.fill("#setup-form [name=address]", &answers.address)
            .await?;
        if !profile.country.is_empty() {
            self.find("#setup-form [name=country]")
                .await?
                .select_by_value(&profile.country)
                .await
                .with_context(|| format!("could not choose the country {}", profile.country))?;
        }
        let said: String = self
            .js(
                "return document.getElementById('country-hint').textContent;",
                vec![],
            )
            .await?;
        next(self, 2).await?;
        self.find("#setup-form [name=currency]")
            .await?
            .select_by_value(&profile.currency)
            .await
            .with_context(|| format!("could not choose the currency {}", profile.currency))?;
        self.fill(
            "#setup-form [name=default_terms_days]",
            &profile.default_terms_days,
        )
        .await?;
        next(self, 3).await?;
        self.fill("#setup-form [name=bank_details]", &answers.bank_details)
            .await?;
        next(self, 4).await?;
        if let Some((name, percent)) = &answers.tax_rate {
            self.fill("#setup-form [name=tax_name]", name).await?;
            self.fill("#setup-form [name=tax_percent]", percent).await?;
        }
        next(self, 5).await?;
        self.wait_until(
            "the rail shows the business name",
            "document.getElementById('book-name').textContent === arguments[0]",
            vec![profile.business_name.clone().into()],
        )
        .await?;
        self.snap().await?;
        Ok(said)
    }

    pub async fn open_settings(&mut self) -> Result<()> {
        self.step("open Settings");
        self.go_by_rail("settings").await?;
        self.snap().await
    }

    /// Settings → About → Licences…: returns the version line and each
    /// licence kind listed for the third-party crates ("MIT License · 180
    /// crates").
    pub async fn open_about(&mut self) -> Result<About> {
        self.step("open About and its licences");
        self.find("#about-card").await?;
        let card: String = self
            .js(
                "return document.querySelector('#about-card').innerText;",
                vec![],
            )
            .await?;
        self.mark_screen().await?;
        self.click("#open-about").await?;
        self.wait_for_screen("about").await?;
        self.click("#about-crates details.licence-kind summary")
            .await?;
        self.snap().await?;
        let version: String = self
            .js(
                "return document.querySelector('#about-version').textContent;",
                vec![],
            )
            .await?;
        let licences: Vec<String> = self
            .js(
                "return [...document.querySelectorAll('#about-crates details.licence-kind > summary')].map((s) => s.textContent);",
                vec![],
            )
            .await?;
        let fonts: String = self
            .js(
                "return document.querySelector('#about-fonts').innerText;",
                vec![],
            )
            .await?;
        Ok(About {
            card,
            version,
            licences,
            fonts,
        })
    }

    /// Fills the business profile in Settings and saves it.
    pub async fn fill_business_profile(&mut self, profile: &Profile) -> Result<()> {
        self.step(format!(
            "fill the business profile of {}",
            profile.business_name
        ));
        self.fill("#profile-form [name=name]", &profile.business_name)
            .await?;
        self.fill("#profile-form [name=owner_name]", &profile.owner_name)
            .await?;
        self.find("#profile-form [name=currency]")
            .await?
            .select_by_value(&profile.currency)
            .await
            .with_context(|| format!("could not choose the currency {}", profile.currency))?;
        self.fill(
            "#profile-form [name=default_terms_days]",
            &profile.default_terms_days,
        )
        .await?;
        if !profile.country.is_empty() {
            self.find("#profile-form [name=country]")
                .await?
                .select_by_value(&profile.country)
                .await
                .with_context(|| format!("could not choose the country {}", profile.country))?;
        }
        self.snap_also("filled").await?;
        self.click("#save-profile").await?;
        self.wait_until(
            "the rail shows the business name",
            "document.getElementById('book-name').textContent === arguments[0]",
            vec![profile.business_name.clone().into()],
        )
        .await?;
        self.snap().await
    }

    /// In Settings, types the mailing address for checks and saves the
    /// profile (Settings must be open).
    pub async fn set_check_address(&mut self, address: &str) -> Result<()> {
        self.step(format!("set the mailing address for checks: {address}"));
        self.fill("#profile-form [name=check_address]", address)
            .await?;
        self.forget_toast().await?;
        self.click("#save-profile").await?;
        let said = self.wait_for_toast().await?;
        ensure!(said == "Profile saved", "saving the profile said {said:?}");
        self.snap().await
    }

    /// The business profile as Settings shows it (Settings must be open).
    pub async fn read_business_profile(&mut self) -> Result<Profile> {
        self.step("read the business profile");
        let form: HashMap<String, String> = self
            .js(
                "const f = document.getElementById('profile-form');\
                 return Object.fromEntries([...f.querySelectorAll('[name]')].map((el) => [el.name, el.value]));",
                vec![],
            )
            .await?;
        let field = |name: &str| form.get(name).cloned().unwrap_or_default();
        Ok(Profile {
            business_name: field("name"),
            owner_name: field("owner_name"),
            currency: field("currency"),
            default_terms_days: field("default_terms_days"),
            country: field("country"),
        })
    }

    /// Adds a tax rate in Settings (Settings must be open).
    pub async fn add_tax_rate(&mut self, name: &str, percent: &str) -> Result<()> {
        self.step(format!("add the tax rate {name} at {percent} %"));
        self.fill("#tax-rate-form [name=name]", name).await?;
        self.fill("#tax-rate-form [name=percent]", percent).await?;
        self.mark_screen().await?;
        self.click("#add-tax-rate").await?;
        self.wait_for_screen("settings").await?;
        self.wait_until(
            "the rate is listed",
            "[...document.querySelectorAll('#tax-rates tbody td:first-child')].some((td) => td.textContent === arguments[0])",
            vec![name.into()],
        )
        .await?;
        self.snap().await
    }

    /// The tax rates Settings lists, as (name, rate) (Settings must be open).
    pub async fn read_tax_rates(&mut self) -> Result<Vec<(String, String)>> {
        self.step("read the tax rates");
        self.js(
            "return [...document.querySelectorAll('#tax-rates tbody tr')]\
                 .map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent]);",
            vec![],
        )
        .await
    }

    /// The company names in the customer list.
    pub async fn open_customer_list(&mut self) -> Result<Vec<String>> {
        self.step("open the customer list");
        self.go_by_rail("customers").await?;
        self.snap().await?;
        self.js(
            "return [...document.querySelectorAll('#customer-table a.row-link')].map((a) => a.textContent);",
            vec![],
        )
        .await
    }

    /// Adds a customer from the customer list and lands on their page.
    pub async fn create_customer(&mut self, customer: &CustomerInput) -> Result<()> {
        self.step(format!("create the customer {}", customer.company));
        self.go_by_rail("customers").await?;
        self.mark_screen().await?;
        self.click("#new-customer").await?;
        self.wait_for_screen("customers/new").await?;
        for (name, value) in customer.fields() {
            if !value.is_empty() {
                self.fill(&format!("#customer-form [name='{name}']"), value)
                    .await?;
            }
        }
        self.snap_also("filled").await?;
        self.mark_screen().await?;
        self.click("#save-customer").await?;
        self.wait_for_screen("customers/id").await?;
        self.snap().await
    }

    /// Opens a customer's page from the customer list.
    pub async fn open_customer(&mut self, company: &str) -> Result<CustomerPage> {
        self.step(format!("open the customer {company}"));
        self.go_by_rail("customers").await?;
        let mut link = None;
        for candidate in self
            .window
            .find_all(Locator::Css("#customer-table a.row-link"))
            .await?
        {
            if candidate.text().await? == company {
                link = Some(candidate);
                break;
            }
        }
        let link = link.with_context(|| format!("the customer list has no {company:?}"))?;
        self.mark_screen().await?;
        link.click().await.context("could not click the customer")?;
        self.wait_for_screen("customers/id").await?;
        self.snap().await?;
        self.js(CUSTOMER_PAGE, vec![]).await
    }

    /// Opens the edit form from the customer page; returns what it holds.
    pub async fn edit_customer(&mut self) -> Result<CustomerInput> {
        self.step("edit the customer's details");
        self.mark_screen().await?;
        self.click("#edit-customer").await?;
        self.wait_for_screen("customers/id/edit").await?;
        self.snap().await?;
        let form = self
            .js(
                "const f = document.getElementById('customer-form');\
                 return Object.fromEntries([...f.querySelectorAll('[name]')].map((el) => [el.name, el.value]));",
                vec![],
            )
            .await?;
        Ok(CustomerInput::from_form(form))
    }

    /// From the customer page: ticks "Never charge this customer late fees"
    /// in the edit form and saves; returns the line under the name.
    pub async fn stop_late_fees_for_customer(&mut self) -> Result<String> {
        self.step("stop late fees for this customer");
        self.mark_screen().await?;
        self.click("#edit-customer").await?;
        self.wait_for_screen("customers/id/edit").await?;
        self.click("#late-fee-opt-out").await?;
        self.snap_also("ticked").await?;
        self.mark_screen().await?;
        self.click("#save-customer").await?;
        self.wait_for_screen("customers/id").await?;
        self.snap().await?;
        self.js(
            "return document.querySelector('#screen .screen-head .sub').textContent;",
            vec![],
        )
        .await
    }

    /// The main heading of the screen shown now.
    pub async fn read_heading(&self) -> Result<String> {
        self.js(
            "return document.querySelector('#screen h1').textContent;",
            vec![],
        )
        .await
    }

    /// Opens the customer's page and starts a new invoice for them.
    pub async fn start_invoice_for(&mut self, company: &str) -> Result<()> {
        self.open_customer(company).await?;
        self.step(format!("start an invoice for {company}"));
        self.mark_screen().await?;
        self.click("#new-invoice-for-customer").await?;
        self.wait_for_screen("invoices/new").await?;
        let billed: String = self
            .js(
                "return document.getElementById('invoice-customer').value;",
                vec![],
            )
            .await?;
        ensure!(
            billed == company,
            "the new invoice bills {billed:?}, not {company:?}"
        );
        self.snap().await
    }

    /// Chooses `company` in the customer picker `#id`, as a person would:
    /// types the name, waits for Rust's matches and presses the one offered.
    pub(crate) async fn pick_customer(&self, id: &str, company: &str) -> Result<()> {
        self.fill(&format!("#{id}"), company).await?;
        let offered = "const names = [...document.querySelectorAll(`#${arguments[0]}-options [role=option] .picker-company`)];\
                       return names.findIndex((n) => n.textContent === arguments[1]);";
        self.wait_until(
            &format!("{company} is offered"),
            &format!("(() => {{ {offered} }})() >= 0"),
            vec![id.into(), company.into()],
        )
        .await?;
        let index: i64 = self.js(offered, vec![id.into(), company.into()]).await?;
        self.click(&format!("#{id}-options-{index}")).await?;
        let chosen: String = self
            .js(
                "return document.getElementById(arguments[0]).value;",
                vec![id.into()],
            )
            .await?;
        ensure!(
            chosen == company,
            "the picker shows {chosen:?}, not {company:?}"
        );
        Ok(())
    }

    /// Fills the empty line of the editor, or adds one; `tax` is the tax
    /// rate's name (None: "No tax").
    pub async fn add_invoice_line(
        &mut self,
        description: &str,
        quantity: &str,
        unit: &str,
        unit_price: &str,
        discount_percent: &str,
        tax: Option<&str>,
    ) -> Result<()> {
        self.step(format!("add the line {description}"));
        let last_is_blank: bool = self
            .js(
                "const row = [...document.querySelectorAll('#line-rows tr.line-row')].pop();\
                 return Boolean(row) && ['description', 'unit_price']\
                     .every((key) => !row.querySelector(`[data-key=${key}]`).value);",
                vec![],
            )
            .await?;
        if !last_is_blank {
            self.add_row("#add-line", "#line-rows tr.line-row").await?;
        }
        let rows = self
            .window
            .find_all(Locator::Css("#line-rows tr.line-row"))
            .await?;
        let row = rows.last().context("the editor has no line")?;
        let typed = [
            ("description", description),
            ("quantity", quantity),
            ("unit", unit),
            ("unit_price", unit_price),
            ("discount_percent", discount_percent),
        ];
        for (key, value) in typed {
            let input = row.find(Locator::Css(&format!("[data-key={key}]"))).await?;
            type_into(&input, value)
                .await
                .with_context(|| format!("could not type {value:?} as the line's {key}"))?;
        }
        let label = tax.unwrap_or("No tax");
        let mut chosen = false;
        for option in row
            .find_all(Locator::Css("[data-key=tax_rate_id] option"))
            .await?
        {
            let text = option.text().await?;
            if text == label || text.starts_with(&format!("{label} (")) {
                option
                    .click()
                    .await
                    .context("could not choose the tax rate")?;
                chosen = true;
                break;
            }
        }
        ensure!(chosen, "the line's tax menu has no {label:?}");
        self.snap().await
    }

    /// Adds a fee (shipping, a late fee…) below the lines.
    pub async fn add_fee(&mut self, name: &str, amount: &str) -> Result<()> {
        self.step(format!("add the fee {name} of {amount}"));
        self.add_row("#add-fee", "#fee-rows .fee-row").await?;
        let rows = self
            .window
            .find_all(Locator::Css("#fee-rows .fee-row"))
            .await?;
        let row = rows.last().context("the editor has no fee")?;
        type_into(&row.find(Locator::Css("[data-key=name]")).await?, name).await?;
        type_into(&row.find(Locator::Css("[data-key=amount]")).await?, amount).await?;
        self.snap().await
    }

    /// The editor's total, once the live preview has caught up with typing.
    pub async fn read_live_total(&mut self) -> Result<String> {
        self.step("read the live total");
        let total: String = self
            .settled(
                "the live total",
                "const t = document.getElementById('total-total'); return t ? t.textContent : null;",
                Duration::from_millis(400),
            )
            .await?;
        self.snap().await?;
        Ok(total)
    }

    /// Saves the draft; it opens as a draft invoice.
    pub async fn save_draft(&mut self) -> Result<()> {
        self.step("save the draft");
        self.mark_screen().await?;
        self.click("#save-draft").await?;
        self.wait_for_screen("invoices/id").await?;
        self.snap().await
    }

    /// Saves a draft with mistakes; returns the messages shown beside the
    /// fields once they have settled.
    pub async fn save_draft_expecting_errors(&mut self) -> Result<Vec<FieldError>> {
        self.step("save the draft, which has mistakes");
        self.js::<Value>(
            "for (const note of document.querySelectorAll('.field-error')) note.__e2eSeen = true; return null;",
            vec![],
        )
        .await?;
        self.click("#save-draft").await?;
        let errors = self
            .settled(
                "the field messages",
                FRESH_FIELD_ERRORS,
                Duration::from_millis(300),
            )
            .await?;
        self.snap().await?;
        Ok(errors)
    }

    /// Issues the invoice in the editor (confirming the dialog); returns its
    /// number, from the invoice page it lands on.
    pub async fn issue_invoice(&mut self) -> Result<String> {
        self.step("issue the invoice");
        self.issue(None).await
    }

    /// Issues the invoice in the editor dated `issue_date` ("YYYY-MM-DD",
    /// chosen in the confirm dialog; the due date follows from the terms);
    /// returns its number.
    pub async fn issue_invoice_dated(&mut self, issue_date: &str) -> Result<String> {
        self.step(format!("issue the invoice dated {issue_date}"));
        self.issue(Some(issue_date)).await
    }

    async fn issue(&mut self, issue_date: Option<&str>) -> Result<String> {
        self.click("#issue-invoice").await?;
        self.wait_until(
            "the confirm dialog opens",
            "document.querySelector('#modal-root #modal-confirm')",
            vec![],
        )
        .await?;
        if let Some(day) = issue_date {
            self.pick_date("#modal-root [name=issue_date]", day).await?;
        }
        self.snap_also("confirm").await?;
        self.mark_screen().await?;
        self.click("#modal-confirm").await?;
        self.wait_for_screen("invoices/id").await?;
        self.find("#invoice-number").await?;
        self.snap().await?;
        Ok(self.read_invoice_page().await?.number)
    }

    /// The rows of the Invoices list.
    pub async fn open_invoice_list(&mut self) -> Result<Vec<InvoiceRow>> {
        self.step("open the invoice list");
        self.go_by_rail("invoices").await?;
        self.snap().await?;
        self.js(INVOICE_ROWS, vec![]).await
    }

    /// Chooses a status tab ("all", "draft", "open", "overdue", "paid",
    /// "void") in the Invoices list.
    pub async fn filter_invoices(&mut self, status: &str) -> Result<Vec<InvoiceRow>> {
        self.step(format!("show the {status} invoices"));
        self.mark_screen().await?;
        self.click(&format!(".tab[data-filter='{status}']")).await?;
        self.wait_for_screen("invoices").await?;
        self.snap().await?;
        self.js(INVOICE_ROWS, vec![]).await
    }

    /// Types into the Invoices search box; returns the rows it finds.
    pub async fn search_invoices(&mut self, text: &str) -> Result<Vec<InvoiceRow>> {
        self.step(format!("search the invoices for {text}"));
        self.js::<Value>(
            "const shown = document.querySelector('#invoice-results > *'); if (shown) shown.__e2eSeen = true; return null;",
            vec![],
        )
        .await?;
        self.fill("#invoice-search", text).await?;
        self.wait_until(
            "the results are redrawn",
            "(() => { const shown = document.querySelector('#invoice-results > *'); return shown && !shown.__e2eSeen; })()",
            vec![],
        )
        .await?;
        self.snap().await?;
        self.js(INVOICE_ROWS, vec![]).await
    }

    /// Opens an issued invoice from the Invoices list (shown first if need
    /// be) by its number.
    pub async fn open_invoice(&mut self, number: &str) -> Result<InvoicePage> {
        self.step(format!("open the invoice {number}"));
        ensure!(
            number.chars().all(|c| c.is_alphanumeric() || c == '-'),
            "invoice numbers are letters, digits and dashes"
        );
        self.go_by_rail("invoices").await?;
        let link =
            format!("//div[@id='invoice-results']//a[@class='row-link' and text()='{number}']");
        // The list shows a page; an invoice further down is found by its number.
        let shown: bool = self
            .js(
                "return document.evaluate(arguments[0], document, null, XPathResult.BOOLEAN_TYPE, null).booleanValue;",
                vec![link.clone().into()],
            )
            .await?;
        if !shown {
            self.search_invoices(number).await?;
        }
        let link = self
            .window
            .find(Locator::XPath(&link))
            .await
            .with_context(|| format!("the invoice list has no {number}"))?;
        self.mark_screen().await?;
        link.click().await.context("could not click the invoice")?;
        self.wait_for_screen("invoices/id").await?;
        self.find("#invoice-number").await?;
        self.snap().await?;
        self.read_invoice_page().await
    }

    async fn read_invoice_page(&self) -> Result<InvoicePage> {
        self.js(INVOICE_PAGE, vec![]).await
    }

    /// From the welcome screen, "Try with a demo book": the demo opens on
    /// its home screen, under the demo banner.
    pub async fn open_demo_book(&mut self) -> Result<()> {
        self.step("try Duly with the demo book");
        self.mark_screen().await?;
        self.click("#try-demo").await?;
        self.wait_until(
            "the demo book opens",
            "(() => { const page = document.querySelector('#screen > .page');\
                return page && !page.__e2eSeen && !document.getElementById('demo-banner').hidden; })()",
            vec![],
        )
        .await?;
        self.snap().await
    }

    /// Whether the "You are exploring the demo book" banner is on screen.
    pub async fn sees_demo_banner(&self) -> Result<bool> {
        Ok(self.find("#demo-banner").await?.is_displayed().await?)
    }

    /// Closes the app and starts it again on the same book, in a new
    /// WebDriver session, as a user quitting and coming back.
    pub async fn restart_app(&mut self) -> Result<()> {
        self.step("close the app and start it again");
        self.reopen().await
    }

    /// Closes the app and starts it again on the same book, with its
    /// "today" (`--today`) set to `today` ("YYYY-MM-DD"): weeks have passed.
    pub async fn restart_app_on(&mut self, today: &str) -> Result<()> {
        self.step(format!("close the app and start it again on {today}"));
        self.desktop.start.today = today.to_string();
        self.reopen().await
    }

    pub(crate) async fn reopen(&mut self) -> Result<()> {
        self.reopen_after(|_| Ok(())).await
    }

    /// Closes the app, lets `change` do something to the book file while no
    /// Duly has it, and starts the app again on it.
    pub(crate) async fn reopen_after(
        &mut self,
        change: impl FnOnce(&std::path::Path) -> Result<()>,
    ) -> Result<()> {
        self.window
            .clone()
            .close()
            .await
            .context("could not close the app")?;
        self.desktop.wait_until_app_closed().await?;
        self.wait_until_book_released().await?;
        change(&self.desktop.book_path())?;
        self.window = self.desktop.open_window().await?;
        self.wait_until(
            "the app shows its first screen",
            "document.querySelector('#screen > .page')",
            vec![],
        )
        .await?;
        self.snap().await
    }

    /// Turns `alert` into a flag, so a script injected through data would
    /// be noticed instead of blocking the window.
    pub async fn watch_for_injected_scripts(&self) -> Result<()> {
        self.js::<Value>(
            "window.alert = () => { window.__xss = true; }; return null;",
            vec![],
        )
        .await
        .map(drop)
    }

    /// Fails if the screen holds an element or ran a script that came from
    /// data (`<img src=x onerror=alert(1)>` typed as a name).
    pub async fn check_no_script_ran(&self) -> Result<()> {
        let (images, alerted): (u32, bool) = self
            .js(
                "return [document.querySelectorAll('img[src=\"x\"]').length, window.__xss === true];",
                vec![],
            )
            .await?;
        if images > 0 || alerted {
            bail!("data became markup: {images} injected <img>, alert called: {alerted}");
        }
        Ok(())
    }

    /// Clicks a link of the left rail ("customers", "invoices", "settings"),
    /// unless its screen is already shown.
    /// With unsaved typing on screen, clicks the rail's `nav` link: Duly
    /// asks first. Returns the question asked; the dialog stays open.
    pub async fn try_to_leave_for(&mut self, nav: &str) -> Result<String> {
        self.step(format!("try to leave for {nav} with unsaved work"));
        self.click(&format!("a.rail-link[data-nav='{nav}']"))
            .await?;
        self.find("#modal-confirm").await?;
        self.snap().await?;
        self.js(
            "return document.querySelector('#modal-root h2').textContent;",
            vec![],
        )
        .await
    }

    /// Answers "Leave without saving?": stay (Cancel) or leave. Returns the
    /// screen then shown (`data-screen`).
    pub async fn answer_leave(&mut self, leave: bool) -> Result<String> {
        self.step(if leave {
            "leave without saving"
        } else {
            "stay on the page"
        });
        if leave {
            self.mark_screen().await?;
            self.click("#modal-confirm").await?;
            self.wait_until(
                "another screen appears",
                "(() => { const p = document.querySelector('#screen > .page'); return p && !p.__e2eSeen; })()",
                vec![],
            )
            .await?;
        } else {
            self.click("#modal-root .actions .button:not(#modal-confirm)")
                .await?;
        }
        // The editor may still show its field errors: not a failure here.
        let screen: String = self
            .settled(
                "the screen once the dialog is gone",
                "return document.querySelector('#modal-root .modal') ? null \
                     : document.querySelector('#screen > .page').dataset.screen;",
                Duration::from_millis(300),
            )
            .await?;
        self.snap().await?;
        Ok(screen)
    }

    /// The description typed on line `index` (0 for the first) of the
    /// invoice editor.
    pub async fn read_line_description(&self, index: usize) -> Result<String> {
        self.js(
            "const rows = document.querySelectorAll('.lines tbody tr');\
             return rows[arguments[0]] ? rows[arguments[0]].querySelector('[data-key=description]').value : '';",
            vec![index.into()],
        )
        .await
    }

    pub(crate) async fn go_by_rail(&self, nav: &str) -> Result<()> {
        // Until the first screen is shown, the app may still move to its
        // home screen by itself.
        self.find("#screen > .page").await?;
        let here: bool = self
            .js(
                "return location.hash === '#/' + arguments[0];",
                vec![nav.into()],
            )
            .await?;
        if here {
            return Ok(());
        }
        self.mark_screen().await?;
        self.click(&format!("a.rail-link[data-nav='{nav}']"))
            .await?;
        self.wait_for_screen(nav).await
    }

    /// Clicks `button` and waits until one more `rows` element is there.
    async fn add_row(&self, button: &str, rows: &str) -> Result<()> {
        let count = |css: &str| format!("document.querySelectorAll('{css}').length");
        let before: u32 = self.js(&format!("return {};", count(rows)), vec![]).await?;
        self.click(button).await?;
        self.wait_until(
            "a new row appears",
            &format!("{} === arguments[0]", count(rows)),
            vec![(before + 1).into()],
        )
        .await
    }
}

/// What Settings → About showed.
#[derive(Debug, Clone)]
pub struct About {
    /// The card at the end of Settings.
    pub card: String,
    /// "Version 0.1.0".
    pub version: String,
    /// One per licence kind: "MIT License · 180 crates".
    pub licences: Vec<String>,
    pub fonts: String,
}
