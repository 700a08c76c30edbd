//! Scenarios 1 and 2: a new user on an empty book sets up their business
//! with the guided setup (the country sets the dates and the paper) and
//! issues a first invoice with two tax rates and a fee, prints it on the
//! (virtual) printer and duplicates it; closed and started again, the app
//! still has all of it.

use anyhow::{ensure, Result};
use duly_e2e::saved_files::pdf_text;
use duly_e2e::{play, virtual_printer, Contact, CustomerInput, Profile, SetupAnswers, User};

/// 3 × 120.00 + 2.5 × 80.00 − 10 % = 540.00 at 20 % (108.00), 45.50 at 5 %
/// (2.28), plus 15.00 shipping: 585.50 + 110.28 + 15.00.
const TOTAL: &str = "$710.78";

fn profile() -> Profile {
    Profile::harbor_and_pine()
}

fn answers() -> SetupAnswers {
    SetupAnswers {
        address: "12 Wharf Street, Suite 3, Portland, ME 04101".into(),
        bank_details: "Casco Bay Credit Union, routing 211274450, account 0042 7781 93".into(),
        tax_rate: Some(("VAT 20%".into(), "20".into())),
    }
}

fn customer() -> CustomerInput {
    CustomerInput {
        company: "Northwind Traders".into(),
        billing: Contact {
            name: "Ana Trujillo".into(),
            email: "ap@northwind.example".into(),
            ..Contact::default()
        },
        escalation: Contact {
            name: "Carlos Díaz".into(),
            title: "Finance director".into(),
            email: "carlos.diaz@northwind.example".into(),
            ..Contact::default()
        },
    }
}

/// Scenario 1 up to the issued invoice; scenario 2 starts from its book.
async fn issue_first_invoice(user: &mut User) -> Result<()> {
    user.see_welcome().await?;
    let said = user.set_up_business(&profile(), &answers()).await?;
    ensure!(
        said == "Your dates will read like Nov 25, 2026, and your PDFs print on US Letter.",
        "choosing the United States said {said:?}"
    );
    // The rest of Settings waits until it is wanted.
    user.open_settings().await?;
    user.add_tax_rate("Reduced 5%", "5").await?;
    user.create_customer(&customer()).await?;
    user.start_invoice_for(&customer().company).await?;
    user.add_invoice_line(
        "Monthly bookkeeping",
        "3",
        "h",
        "120.00",
        "",
        Some("VAT 20%"),
    )
    .await?;
    user.add_invoice_line("Payroll run", "2.5", "h", "80.00", "10", Some("VAT 20%"))
        .await?;
    user.add_invoice_line("Filing fee", "1", "", "45.50", "", Some("Reduced 5%"))
        .await?;
    user.add_fee("Shipping", "15.00").await?;
    let total = user.read_live_total().await?;
    ensure!(
        total == TOTAL,
        "the editor's live total reads {total}, not {TOTAL}"
    );
    let number = user.issue_invoice().await?;
    ensure!(
        number == "INV-0001",
        "the first invoice was numbered {number}"
    );
    Ok(())
}

#[tokio::test]
async fn new_user_issues_a_first_invoice() -> Result<()> {
    play("first-invoice", async |user: &mut User| {
        issue_first_invoice(user).await?;
        let rows = user.open_invoice_list().await?;
        let company = customer().company;
        ensure!(
            rows.iter().any(|r| r.number == "INV-0001"
                && r.customer == company
                && r.status == "Open"
                && r.total == TOTAL),
            "the list should show INV-0001, open, for {company} at {TOTAL}: {rows:?}"
        );
        // Printed on paper, two copies, through the system's printing.
        user.open_invoice("INV-0001").await?;
        let printout = user.print_invoice("2").await?;
        ensure!(
            printout
                .offered
                .iter()
                .any(|p| p == virtual_printer::PRINTER),
            "the dialog offered {:?}",
            printout.offered
        );
        ensure!(
            printout.said == "Sent 2 copies of invoice INV-0001 to Duly-PDF",
            "printing said {:?}",
            printout.said
        );
        let paper = pdf_text(&printout.printed)?;
        for words in ["INV-0001", &company, TOTAL, "Balance due"] {
            ensure!(
                paper.contains(words),
                "the printed invoice lacks {words:?}:\n{paper}"
            );
        }

        // Next month's invoice starts as a copy of this one.
        let billed = user.duplicate_invoice(None).await?;
        ensure!(billed == company, "the duplicate is for {billed:?}");
        let copied = user.read_live_total().await?;
        ensure!(
            copied == TOTAL,
            "the duplicate adds up to {copied}, not {TOTAL}"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_book_survives_a_restart() -> Result<()> {
    play("restart", async |user: &mut User| {
        issue_first_invoice(user).await?;
        user.restart_app().await?;

        user.open_settings().await?;
        let seen = user.read_business_profile().await?;
        ensure!(seen == profile(), "the profile after a restart is {seen:?}");
        let mut rates = user.read_tax_rates().await?;
        rates.sort();
        let expected = [("Reduced 5%", "5%"), ("VAT 20%", "20%")];
        ensure!(
            rates
                .iter()
                .map(|(n, r)| (n.as_str(), r.as_str()))
                .eq(expected),
            "the tax rates after a restart are {rates:?}"
        );

        let page = user.open_customer(&customer().company).await?;
        let (billing, boss) = (customer().billing, customer().escalation);
        ensure!(
            page.billing == format!("{}\n{}", billing.name, billing.email)
                && page.escalation == format!("{}, {}\n{}", boss.name, boss.title, boss.email),
            "the contacts after a restart read {page:?}"
        );
        let form = user.edit_customer().await?;
        ensure!(
            form == customer(),
            "the customer form after a restart holds {form:?}"
        );

        user.open_invoice_list().await?;
        let invoice = user.open_invoice("INV-0001").await?;
        ensure!(
            invoice.total == TOTAL,
            "INV-0001's total after a restart is {}",
            invoice.total
        );
        let lines: Vec<[&str; 6]> = invoice
            .lines
            .iter()
            .map(|l| {
                [
                    &l.description,
                    &l.quantity,
                    &l.unit_price,
                    &l.discount,
                    &l.tax,
                    &l.amount,
                ]
            })
            .map(|cells| cells.map(String::as_str))
            .collect();
        let expected = [
            [
                "Monthly bookkeeping",
                "3",
                "$120.00",
                "",
                "VAT 20% (20%)",
                "$360.00",
            ],
            [
                "Payroll run",
                "2.5",
                "$80.00",
                "10%",
                "VAT 20% (20%)",
                "$180.00",
            ],
            ["Filing fee", "1", "$45.50", "", "Reduced 5% (5%)", "$45.50"],
        ];
        ensure!(
            lines == expected,
            "INV-0001's lines after a restart are {lines:?}"
        );
        Ok(())
    })
    .await
}
