//! What is in the book, for the welcome screen and the window's first choice
//! of screen.

use duly_store::{profile, Book};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub business_name: String,
    /// The business profile has at least a name.
    pub set_up: bool,
    /// How the window writes dates: the book's style, as in its messages
    /// and PDFs.
    pub date_style: duly_core::country::DateStyle,
    pub customers: i64,
    pub invoices: i64,
    pub issued: i64,
}

pub fn get(book: &mut Book) -> crate::Result<Overview> {
    Ok(book.read(|tx| {
        let business = profile::get(tx)?;
        let count =
            |sql: &str| -> duly_store::Result<i64> { Ok(tx.query_row(sql, [], |r| r.get(0))?) };
        Ok(Overview {
            set_up: business.is_set_up(),
            date_style: business.date_style(),
            business_name: business.name,
            customers: count("SELECT COUNT(*) FROM customers WHERE archived = 0")?,
            invoices: count("SELECT COUNT(*) FROM invoices")?,
            issued: count("SELECT COUNT(*) FROM invoices WHERE state <> 'draft'")?,
        })
    })?)
}
