//! The presentation model: what a document says, already formatted.
//!
//! Every value is a `String` the caller has formatted in the user's locale
//! (money, dates, quantities, percentages). This crate never parses or
//! formats a number: it only lays the strings out, so rounding and locale
//! rules live in one place, upstream.

/// Paper the document is laid out for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PageSize {
    /// ISO A4, 210 × 297 mm (most of the world).
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in (215.9 × 279.4 mm) for North American customers.
    UsLetter,
}

/// Who the document is from, printed at the top of the first page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Letterhead {
    /// Business name, printed in bold.
    pub name: String,
    /// Address lines, email, phone, tax id — one printed line each.
    pub lines: Vec<String>,
    /// PNG or JPEG bytes, drawn top-left and scaled to fit 40 × 20 mm.
    pub logo: Option<Vec<u8>>,
}

/// Words the renderer prints on its own, in the user's language.
///
/// The caller localises these like any other string; [`Default`] gives English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// Footer page counter; `{page}` and `{pages}` are replaced, e.g. "Page {page} of {pages}".
    pub page_of: String,
    /// Appended to the document title in the running head of continuation pages.
    pub continued: String,
    /// Printed instead of the number, and as a watermark, on an invoice without a number.
    pub draft: String,
    /// The mark stamped on every page of a voided invoice.
    pub void: String,
}

impl Default for Labels {
    fn default() -> Self {
        Self {
            page_of: "Page {page} of {pages}".into(),
            continued: "continued".into(),
            draft: "DRAFT".into(),
            void: "VOID".into(),
        }
    }
}

/// A row of the totals block under a table ("Subtotal", "VAT 20% on 540.00", "Balance due").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TotalRow {
    /// What the amount is.
    pub label: String,
    /// The formatted amount, right-aligned.
    pub amount: String,
    /// Bold with a rule above: for "Total" and "Balance due".
    pub strong: bool,
}

impl TotalRow {
    /// A plain row.
    pub fn new(label: impl Into<String>, amount: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            amount: amount.into(),
            strong: false,
        }
    }

    /// A bold row with a rule above it.
    pub fn strong(label: impl Into<String>, amount: impl Into<String>) -> Self {
        Self {
            strong: true,
            ..Self::new(label, amount)
        }
    }
}

/// Column header labels of the invoice table.
///
/// The unit, discount and tax columns are left out of the printed table when
/// no line has a value for them, so a simple invoice is not cluttered with
/// empty columns. [`Default`] gives English labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceColumns {
    pub description: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub discount: String,
    pub tax: String,
    pub amount: String,
}

impl Default for InvoiceColumns {
    fn default() -> Self {
        Self {
            description: "Description".into(),
            quantity: "Qty".into(),
            unit: "Unit".into(),
            unit_price: "Unit price".into(),
            discount: "Discount".into(),
            tax: "Tax".into(),
            amount: "Amount".into(),
        }
    }
}

/// One itemised invoice line, every field already formatted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvoiceLine {
    /// Free text; may be long and contain `'\n'`: it is wrapped to the column.
    pub description: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub discount: String,
    pub tax: String,
    pub amount: String,
}

/// Everything printed on an invoice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvoiceDocument {
    pub page_size: PageSize,
    pub letterhead: Letterhead,
    pub labels: Labels,
    /// "Invoice", "Credit note", …
    pub title: String,
    /// "INV-0001"; empty for a draft, which then shows [`Labels::draft`] prominently.
    pub number: String,
    /// Label/value pairs beside the customer block: issue date, due date, terms, PO number.
    pub facts: Vec<(String, String)>,
    /// Heading over the customer block, e.g. "Bill to".
    pub bill_to_label: String,
    /// Customer company, billing contact, address lines; the first is printed in bold.
    pub bill_to: Vec<String>,
    pub columns: InvoiceColumns,
    pub lines: Vec<InvoiceLine>,
    /// Subtotal, fees, taxes, total, payments and balance, in printing order.
    pub totals: Vec<TotalRow>,
    /// The payment panel under the totals, when there is an account or a
    /// link to pay with.
    pub pay: Option<PayPanel>,
    /// (heading, body) after the totals: how to pay, terms, late fees, disputes, notes.
    /// Bodies are wrapped; blank lines separate paragraphs.
    pub sections: Vec<(String, String)>,
    /// Stamp [`Labels::void`] across every page: a voided invoice stays on record.
    pub void_mark: bool,
}

/// How to pay this document, in a panel of its own: the account, the
/// reference and amount to quote, a payment link, and a QR code a banking
/// app scans to fill the transfer in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PayPanel {
    /// "Pay by bank transfer".
    pub heading: String,
    /// (label, value) rows: "IBAN", "BIC", "Reference", "Amount", "Pay online".
    /// Long values (a link) wrap.
    pub rows: Vec<(String, String)>,
    /// The text the QR code carries (the EPC payload); `None` prints no code.
    pub qr: Option<String>,
    /// Printed under the code, e.g. "Scan with your banking app".
    pub qr_caption: String,
}

/// Column header labels of the statement table. [`Default`] gives English labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementColumns {
    pub date: String,
    pub reference: String,
    pub description: String,
    pub days_past_due: String,
    pub charge: String,
    pub payment: String,
    pub balance: String,
}

impl Default for StatementColumns {
    fn default() -> Self {
        Self {
            date: "Date".into(),
            reference: "Reference".into(),
            description: "Description".into(),
            days_past_due: "Days past due".into(),
            charge: "Charge".into(),
            payment: "Payment".into(),
            balance: "Balance".into(),
        }
    }
}

/// One statement row: an invoice, payment or credit, with the running balance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatementRow {
    pub date: String,
    pub reference: String,
    pub description: String,
    /// Empty for payments and for invoices not yet due.
    pub days_past_due: String,
    pub charge: String,
    pub payment: String,
    pub balance: String,
}

/// A statement of account: open invoices and payments, aging, and what is owed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatementDocument {
    pub page_size: PageSize,
    pub letterhead: Letterhead,
    pub labels: Labels,
    /// "Statement of account".
    pub title: String,
    /// Label/value pairs: statement date, customer number, period.
    pub facts: Vec<(String, String)>,
    /// Heading over the customer block, e.g. "Statement for".
    pub to_label: String,
    /// Customer company, contact and address lines; the first is printed in bold.
    pub to: Vec<String>,
    pub columns: StatementColumns,
    pub rows: Vec<StatementRow>,
    /// (bucket, amount) pairs: Current, 1–30, 31–60, 61–90, Over 90 days past due.
    pub aging: Vec<(String, String)>,
    pub totals: Vec<TotalRow>,
    /// The payment panel after the totals, as on the invoice.
    pub pay: Option<PayPanel>,
    /// (heading, body) after the totals, as on the invoice.
    pub sections: Vec<(String, String)>,
}

/// A personal letter on the business letterhead (follow-ups, dispute replies).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LetterDocument {
    pub page_size: PageSize,
    pub letterhead: Letterhead,
    pub labels: Labels,
    pub date: String,
    /// Name, company and address lines of the addressee.
    pub recipient: Vec<String>,
    /// Printed in bold above the body.
    pub subject: String,
    /// Paragraphs separated by blank lines; single newlines are kept as line breaks.
    pub body: String,
    /// "Kind regards,".
    pub closing: String,
    pub signature_name: String,
    pub signature_title: String,
    /// How to pay what the letter asks for (a reminder's invoices), under
    /// the signature; none for a letter that asks for nothing.
    pub pay: Option<PayPanel>,
}

/// One table of a report: a heading, its columns (numeric ones right-aligned)
/// and rows of preformatted cells; `empty` is printed when there are no rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportTable {
    pub heading: String,
    pub columns: Vec<String>,
    /// One flag per column: right-align (amounts, days).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    pub empty: String,
}

/// A report for the owner (the weekly past-due summary): title and facts,
/// an aging panel, then headed tables, then notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportDocument {
    pub page_size: PageSize,
    pub letterhead: Letterhead,
    pub labels: Labels,
    pub title: String,
    /// Label/value pairs under the title: as-of date, totals, DSO.
    pub facts: Vec<(String, String)>,
    /// (bucket, amount) pairs shown as a panel.
    pub aging: Vec<(String, String)>,
    pub tables: Vec<ReportTable>,
    pub sections: Vec<(String, String)>,
}
