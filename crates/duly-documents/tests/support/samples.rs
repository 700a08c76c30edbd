//! Sample documents shared by the tests, the bench and `examples/samples.rs`.
#![allow(dead_code)] // each includer uses a different subset

use duly_documents::*;

/// A small PNG logo (300 × 120 px).
pub const LOGO_PNG: &[u8] = include_bytes!("logo.png");

pub fn letterhead(logo: bool) -> Letterhead {
    Letterhead {
        name: "Müller & Søn Design Studio".into(),
        lines: vec![
            "ul. Piotrkowska 104, 90-001 Łódź, Poland".into(),
            "hello@mullerson.example · +48 42 123 45 67".into(),
            "VAT PL7251234567".into(),
        ],
        logo: logo.then(|| LOGO_PNG.to_vec()),
    }
}

/// Description of line `i` (1-based): unique, so tests can count it.
pub fn line_description(i: usize) -> String {
    match i % 4 {
        0 => format!("Item {i:03} — brand workshop, ½ day on site"),
        1 => format!("Item {i:03} — logo refinement\nTwo rounds of revisions included"),
        2 => format!("Item {i:03} — print-ready artwork for the Łódź trade fair stand, including banners, flyers and a roll-up"),
        _ => format!("Item {i:03} — hosting, monthly"),
    }
}

pub fn invoice_line(i: usize) -> InvoiceLine {
    InvoiceLine {
        description: line_description(i),
        quantity: format!("{}", 1 + i % 5),
        unit: if i.is_multiple_of(2) { "hours" } else { "pcs" }.into(),
        unit_price: "€1,250.00".into(),
        discount: if i.is_multiple_of(3) { "10%" } else { "" }.into(),
        tax: "20%".into(),
        amount: format!("€{},{:03}.50", 1 + i / 1000, i % 1000),
    }
}

pub fn invoice(lines: usize) -> InvoiceDocument {
    InvoiceDocument {
        page_size: PageSize::A4,
        letterhead: letterhead(true),
        labels: Labels::default(),
        title: "Invoice".into(),
        number: "INV-0042".into(),
        facts: vec![
            ("Issue date".into(), "25 Nov 2026".into()),
            ("Due date".into(), "25 Dec 2026".into()),
            ("Terms".into(), "Net 30".into()),
            ("PO number".into(), "PO-7731".into()),
        ],
        bill_to_label: "Bill to".into(),
        bill_to: vec![
            "Ångström Analytics AB".into(),
            "Attn: Zoë Ångström".into(),
            "Storgatan 12".into(),
            "114 51 Stockholm, Sweden".into(),
        ],
        columns: InvoiceColumns::default(),
        lines: (1..=lines).map(invoice_line).collect(),
        totals: vec![
            TotalRow::new("Subtotal", "€37,500.00"),
            TotalRow::new("Shipping", "€25.00"),
            TotalRow::new("VAT 20% on €37,525.00", "€7,505.00"),
            TotalRow::strong("Total", "€45,030.00"),
            TotalRow::new("Amount paid", "−€5,000.00"),
            TotalRow::strong("Balance due", "€40,030.00"),
        ],
        pay: Some(pay_panel()),
        sections: vec![
            (
                "How to pay".into(),
                "Bank transfer to Müller & Søn Sp. z o.o., IBAN PL61 1090 1014 0000 0712 1981 2874, \
                 BIC WBKPPLPP. Please quote INV-0042 as the reference.\n\n\
                 Cheques payable to Müller & Søn, ul. Piotrkowska 104, 90-001 Łódź, Poland."
                    .into(),
            ),
            (
                "Terms and conditions".into(),
                "Payment is due within 30 days of the issue date. Work remains our property until paid in full."
                    .into(),
            ),
            (
                "Late fees".into(),
                "Balances unpaid 7 days after the due date accrue 1.5% per month, capped at 15% of the invoice total."
                    .into(),
            ),
            (
                "Questions about this invoice?".into(),
                "If anything looks wrong, reply within 14 days or call Zofia on +48 42 123 45 67: we pause \
                 reminders while we look into it and correct our mistakes promptly."
                    .into(),
            ),
            ("Notes".into(), "Thank you for your business — it was a pleasure working with you.".into()),
        ],
        void_mark: false,
    }
}

/// The EPC payload the sample invoice's QR code carries.
pub const EPC_PAYLOAD: &str = "BCD\n002\n1\nSCT\nWBKPPLPP\nMüller & Søn Design Studio\nPL61109010140000071219812874\nEUR40030.00\n\nRF97INV0042";

pub fn pay_panel() -> PayPanel {
    PayPanel {
        heading: "Pay by bank transfer".into(),
        rows: vec![
            ("Account holder".into(), "Müller & Søn Design Studio".into()),
            ("IBAN".into(), "PL61 1090 1014 0000 0712 1981 2874".into()),
            ("BIC".into(), "WBKPPLPP".into()),
            ("Amount".into(), "€40,030.00".into()),
            ("Reference".into(), "RF97 INV0 042 (INV-0042)".into()),
            (
                "Pay online".into(),
                "https://pay.mullerson.example/checkout/invoices?amount=40030.00&currency=EUR&number=INV-0042".into(),
            ),
        ],
        qr: Some(EPC_PAYLOAD.into()),
        qr_caption: "Scan with your banking app".into(),
    }
}

pub fn statement(rows: usize) -> StatementDocument {
    StatementDocument {
        page_size: PageSize::A4,
        letterhead: letterhead(true),
        labels: Labels::default(),
        title: "Statement of account".into(),
        facts: vec![
            ("Statement date".into(), "25 Nov 2026".into()),
            ("Customer".into(), "C-0117".into()),
            ("Period".into(), "1 Jul – 25 Nov 2026".into()),
        ],
        to_label: "Statement for".into(),
        to: vec![
            "Ångström Analytics AB".into(),
            "Attn: Zoë Ångström".into(),
            "Storgatan 12".into(),
            "114 51 Stockholm, Sweden".into(),
        ],
        columns: StatementColumns::default(),
        rows: (1..=rows)
            .map(|i| {
                let payment = i.is_multiple_of(3);
                StatementRow {
                    date: format!("{} Sep 2026", 1 + i % 28),
                    reference: if payment { format!("PAY-{i:04}") } else { format!("INV-{i:04}") },
                    description: if payment {
                        format!("Payment — cheque {}", 1040 + i)
                    } else {
                        format!("Invoice {i} — design services")
                    },
                    days_past_due: if payment { String::new() } else { format!("{}", (i * 7) % 120) },
                    charge: if payment { String::new() } else { "€1,200.00".into() },
                    payment: if payment { "€800.00".into() } else { String::new() },
                    balance: format!("€{},{:03}.00", i / 2, (i * 400) % 1000),
                }
            })
            .collect(),
        pay: None,
        aging: vec![
            ("Current".into(), "€2,400.00".into()),
            ("1–30 days".into(), "€1,200.00".into()),
            ("31–60 days".into(), "€1,200.00".into()),
            ("61–90 days".into(), "€0.00".into()),
            ("Over 90 days".into(), "€600.00".into()),
        ],
        totals: vec![
            TotalRow::new("Total charges", "€9,600.00"),
            TotalRow::new("Total payments", "€4,200.00"),
            TotalRow::strong("Balance due", "€5,400.00"),
        ],
        sections: vec![(
            "How to pay".into(),
            "Bank transfer to IBAN PL61 1090 1014 0000 0712 1981 2874 (BIC WBKPPLPP), quoting your customer number C-0117."
                .into(),
        )],
    }
}

pub fn letter(paragraphs: usize) -> LetterDocument {
    let base = [
        "I hope this finds you well. I am writing about invoice INV-0042 for €40,030.00, which was due on 25 December. \
         I know the end of the year is a busy time, so I wanted to check that everything is in order with the invoice \
         and that it reached the right person.",
        "On 3 January you let us know that cheque 1042 was on its way. It has not reached us yet, so it may have been \
         delayed in the post. Could you tell me when it was sent and to which address? If it is easier, a bank transfer \
         to the account on the invoice works just as well.",
        "We are a small studio, and timely payments let us keep our team together and give projects like yours the \
         attention they deserve. If something is holding the payment up, I would be glad to talk it through — a short \
         call this week would be perfect.",
    ];
    LetterDocument {
        page_size: PageSize::A4,
        letterhead: letterhead(true),
        labels: Labels::default(),
        date: "25 January 2027".into(),
        recipient: vec![
            "Zoë Ångström".into(),
            "Ångström Analytics AB".into(),
            "Storgatan 12".into(),
            "114 51 Stockholm, Sweden".into(),
        ],
        subject: "Invoice INV-0042 — a friendly check-in".into(),
        body: std::iter::once("Dear Zoë,".to_string())
            .chain((0..paragraphs).map(|i| base[i % base.len()].to_string()))
            .collect::<Vec<_>>()
            .join("\n\n"),
        closing: "Kind regards,".into(),
        signature_name: "Zofia Müller".into(),
        signature_title: "Owner, Müller & Søn Design Studio".into(),
        pay: Some(pay_panel()),
    }
}
