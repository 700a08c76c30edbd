//! Importing customers and open invoices from another program's CSV export.
//!
//! Three steps, each a command: read the file and suggest which column is
//! which ([`describe`]); a dry run that lists every row it would skip or
//! reject and why ([`preview`]); and the import itself ([`run`]), which
//! writes nothing unless every row is acceptable, all in one transaction.
//! Every row goes through the same validation as the forms in the window.

mod customers;
pub(crate) mod invoices;
pub mod table;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use duly_core::{DomainError, FieldError};
use duly_store::{Book, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::Result;
pub use table::{Row, Table};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Customers,
    Invoices,
}

impl ImportKind {
    pub fn fields(self) -> &'static [Field] {
        match self {
            ImportKind::Customers => customers::FIELDS,
            ImportKind::Invoices => invoices::FIELDS,
        }
    }
}

/// Something a column can be imported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The form field it fills (`company`, `billing.email`, `issue_date`).
    pub key: &'static str,
    pub label: &'static str,
    pub required: bool,
    /// Several columns may fill it, joined with this (a first and a last
    /// name with a space; street, city and country with line breaks).
    pub joined_with: Option<&'static str>,
    /// Header names (lower case, letters and digits only) suggested for it.
    #[serde(skip)]
    pub headers: &'static [&'static str],
}

/// How dates are written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DateFormat {
    /// 2026-11-25
    #[default]
    Iso,
    /// 11/25/2026 (United States)
    MonthDayYear,
    /// 25/11/2026
    DayMonthYear,
    /// 25.11.2026
    DayMonthYearDots,
}

impl DateFormat {
    fn pattern(self) -> &'static str {
        match self {
            DateFormat::Iso => "%Y-%m-%d",
            DateFormat::MonthDayYear => "%m/%d/%Y",
            DateFormat::DayMonthYear => "%d/%m/%Y",
            DateFormat::DayMonthYearDots => "%d.%m.%Y",
        }
    }

    fn example(self) -> &'static str {
        match self {
            DateFormat::Iso => "2026-11-25",
            DateFormat::MonthDayYear => "11/25/2026",
            DateFormat::DayMonthYear => "25/11/2026",
            DateFormat::DayMonthYearDots => "25.11.2026",
        }
    }

    /// Reads a date cell; a time after the date ("2026-11-25 00:00") is ignored.
    pub(crate) fn parse(self, cell: &str) -> std::result::Result<NaiveDate, String> {
        let day = cell.split_whitespace().next().unwrap_or_default();
        NaiveDate::parse_from_str(day, self.pattern()).map_err(|_| {
            // Written the right way, but the month has no such day
            // ("31.11.2026"): the same date on the 1st would read.
            let days = match self {
                DateFormat::Iso => 8..10,
                DateFormat::MonthDayYear => 3..5,
                DateFormat::DayMonthYear | DateFormat::DayMonthYearDots => 0..2,
            };
            let first = day.is_ascii().then(|| {
                let mut on_first = day.to_owned();
                on_first.replace_range(days.start.min(day.len())..days.end.min(day.len()), "01");
                on_first
            });
            let no_such_day = day.len() == self.example().len()
                && first.is_some_and(|f| NaiveDate::parse_from_str(&f, self.pattern()).is_ok());
            if no_such_day {
                format!(
                    "\u{201c}{}\u{201d} is not a day of the calendar.",
                    shorten(cell)
                )
            } else {
                format!(
                    "\u{201c}{}\u{201d} is not a date written like {}.",
                    shorten(cell),
                    self.example()
                )
            }
        })
    }

    /// The format the date cells of `column` are most likely in.
    pub(crate) fn guess(table: &Table, column: usize) -> DateFormat {
        let cells = || {
            table
                .rows
                .iter()
                .filter_map(|r| r.cells.get(column))
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
        };
        let first_over_12 = |sep: char| {
            cells().any(|c| {
                c.split(sep)
                    .next()
                    .and_then(|n| n.parse::<u32>().ok())
                    .is_some_and(|n| n > 12)
            })
        };
        let sample = cells().next().unwrap_or_default();
        if sample.contains('.') {
            DateFormat::DayMonthYearDots
        } else if sample.contains('/') {
            if first_over_12('/') {
                DateFormat::DayMonthYear
            } else {
                DateFormat::MonthDayYear
            }
        } else {
            DateFormat::Iso
        }
    }
}

/// The owner's choices: what each column is (by field key; empty to leave
/// the column out) and how dates are written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Mapping {
    pub columns: Vec<String>,
    pub date_format: DateFormat,
    /// Amounts written `1.234,50` (a comma before the cents).
    pub decimal_comma: bool,
}

/// The file as the mapping step shows it.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    /// What the file is imported as; none for a bank statement, which is
    /// matched rather than imported (`bank_import`).
    pub kind: Option<ImportKind>,
    pub name: String,
    pub separator: String,
    pub headers: Vec<String>,
    /// The first rows, to recognise each column by.
    pub samples: Vec<Vec<String>>,
    pub rows: usize,
    pub fields: &'static [Field],
    /// The suggested mapping, from the column names.
    pub suggested: Mapping,
}

/// The field each column most likely fills, from the column names (empty
/// for a column to leave out); a field is suggested once unless several
/// columns may fill it.
pub(crate) fn suggest(fields: &[Field], table: &Table) -> Vec<String> {
    let mut columns: Vec<String> = Vec::with_capacity(table.headers.len());
    for header in &table.headers {
        let simple: String = header
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let taken = |key: &str| columns.iter().any(|c| c == key);
        let field = fields.iter().find(|f| {
            f.headers.contains(&simple.as_str()) && (f.joined_with.is_some() || !taken(f.key))
        });
        columns.push(field.map(|f| f.key.to_owned()).unwrap_or_default());
    }
    columns
}

/// Reads the file and suggests a mapping from its column names.
pub fn describe(kind: ImportKind, name: &str, table: &Table) -> TableView {
    view(Some(kind), kind.fields(), "issue_date", name, table)
}

/// The mapping step's view of a file whose columns fill `fields`, the
/// format of its dates guessed from the column suggested for `date_key`.
pub(crate) fn view(
    kind: Option<ImportKind>,
    fields: &'static [Field],
    date_key: &str,
    name: &str,
    table: &Table,
) -> TableView {
    let columns = suggest(fields, table);
    let date_format = columns
        .iter()
        .position(|c| c == date_key)
        .map(|i| DateFormat::guess(table, i))
        .unwrap_or_default();
    TableView {
        kind,
        name: name.to_owned(),
        separator: match table.separator {
            '\t' => "tab".to_owned(),
            s => s.to_string(),
        },
        headers: table.headers.clone(),
        samples: table.rows.iter().take(3).map(|r| r.cells.clone()).collect(),
        rows: table.rows.len(),
        fields,
        suggested: Mapping {
            columns,
            date_format,
            // Semicolon files come from where the comma is the decimal mark.
            decimal_comma: table.separator == ';',
        },
    }
}

/// A mapping checked against the file: which columns fill each field.
pub(crate) struct Columns<'a> {
    table: &'a Table,
    by_field: BTreeMap<&'static str, Vec<usize>>,
    fields: &'static [Field],
    pub(crate) date_format: DateFormat,
    pub(crate) decimal_comma: bool,
}

impl Columns<'_> {
    pub(crate) fn check<'a>(
        fields: &'static [Field],
        table: &'a Table,
        mapping: &Mapping,
    ) -> Result<Columns<'a>> {
        let mut problems = Vec::new();
        if mapping.columns.len() != table.headers.len() {
            return Err(DomainError::field(
                "mapping",
                "The column choices do not match the file; choose the file again.",
            )
            .into());
        }
        let mut by_field: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
        for (i, chosen) in mapping.columns.iter().enumerate() {
            if chosen.is_empty() {
                continue;
            }
            match fields.iter().find(|f| f.key == chosen) {
                None => problems.push(FieldError::new(
                    format!("mapping[{i}]"),
                    "Choose what this column holds from the list.",
                )),
                Some(f) => {
                    let columns = by_field.entry(f.key).or_default();
                    if f.joined_with.is_none() && !columns.is_empty() {
                        problems.push(FieldError::new(
                            format!("mapping[{i}]"),
                            format!("{} already comes from another column.", f.label),
                        ));
                    }
                    columns.push(i);
                }
            }
        }
        for f in fields.iter().filter(|f| f.required) {
            if !by_field.contains_key(f.key) {
                problems.push(FieldError::new(
                    format!("mapping.{}", f.key),
                    format!(
                        "Choose the column that holds the {}.",
                        f.label.to_lowercase()
                    ),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(DomainError::Invalid(problems).into());
        }
        Ok(Columns {
            table,
            by_field,
            fields,
            date_format: mapping.date_format,
            decimal_comma: mapping.decimal_comma,
        })
    }

    pub fn has(&self, key: &str) -> bool {
        self.by_field.contains_key(key)
    }

    /// The field's text in `row`: its columns' non-empty cells, trimmed and
    /// joined. Empty when no column fills it.
    pub fn value(&self, row: &Row, key: &str) -> String {
        let Some(columns) = self.by_field.get(key) else {
            return String::new();
        };
        let join = self
            .fields
            .iter()
            .find(|f| f.key == key)
            .and_then(|f| f.joined_with)
            .unwrap_or(" ");
        columns
            .iter()
            .filter_map(|&i| row.cells.get(i))
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(join)
    }

    /// The column names a field comes from, for messages ("Street + City"),
    /// or the field's own name when no column fills it.
    pub fn source(&self, key: &str) -> String {
        match self.by_field.get(key) {
            Some(columns) => columns
                .iter()
                .filter_map(|&i| self.table.headers.get(i))
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" + "),
            None => self
                .fields
                .iter()
                .find(|f| f.key == key)
                .map_or(key, |f| f.label)
                .to_owned(),
        }
    }

    /// A refusal from the core, said in terms of the file's columns.
    pub fn reasons(&self, error: DomainError) -> Vec<String> {
        match error {
            DomainError::Invalid(fields) => fields
                .into_iter()
                .map(|f| format!("{}: {}", self.source(&f.field), f.message))
                .collect(),
            other => vec![other.to_string()],
        }
    }
}

/// What the import would do with one row.
pub(crate) enum Plan<T> {
    Ready(T, String),
    Skip(String),
    Reject(Vec<String>),
}

/// A row the import leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowNote {
    /// The line of the file the row starts on.
    pub line: u64,
    pub reasons: Vec<String>,
}

/// The dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    pub kind: ImportKind,
    pub rows: usize,
    /// Rows that would be imported, and the first few of them in words.
    pub ready: usize,
    pub ready_sample: Vec<String>,
    /// Rows left out that do not stop the import (already in the book; an
    /// invoice with nothing owed).
    pub skipped: Vec<RowNote>,
    /// Rows that must be fixed (in the file or the mapping) first.
    pub rejected: Vec<RowNote>,
}

/// What the import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub kind: ImportKind,
    pub imported: usize,
    pub skipped: usize,
}

/// The dry run: every row checked as the import would, nothing written.
pub fn preview(
    book: &mut Book,
    kind: ImportKind,
    table: &Table,
    mapping: &Mapping,
) -> Result<Preview> {
    let columns = Columns::check(kind.fields(), table, mapping)?;
    Ok(book.read(|tx| plan(tx, kind, &columns))?)
}

/// Imports every row, or nothing: refused, with the count of rows to fix,
/// unless the dry run in the same transaction finds no row to reject.
pub fn run(
    book: &mut Book,
    kind: ImportKind,
    table: &Table,
    mapping: &Mapping,
    now: NaiveDateTime,
) -> Result<ImportReport> {
    let columns = Columns::check(kind.fields(), table, mapping)?;
    book.write(|tx| {
        let (preview, ready) = match kind {
            ImportKind::Customers => {
                let plans = customers::plan(tx, &columns)?;
                let (preview, ready) = summarize(kind, plans);
                if preview.rejected.is_empty() {
                    customers::write(tx, &ready, now)?;
                }
                (preview, ready.len())
            }
            ImportKind::Invoices => {
                let plans = invoices::plan(tx, &columns)?;
                let (preview, ready) = summarize(kind, plans);
                if preview.rejected.is_empty() {
                    invoices::write(tx, &ready, now)?;
                }
                (preview, ready.len())
            }
        };
        if !preview.rejected.is_empty() {
            return Err(not_imported(&preview).into());
        }
        Ok(ImportReport {
            kind,
            imported: ready,
            skipped: preview.skipped.len(),
        })
    })
    .map_err(Into::into)
}

fn not_imported(preview: &Preview) -> DomainError {
    let n = preview.rejected.len();
    let rows = if n == 1 { "1 row needs" } else { "rows need" };
    let message = if n == 1 {
        format!("{rows} fixing first; nothing was imported.")
    } else {
        format!("{n} {rows} fixing first; nothing was imported.")
    };
    DomainError::field("rows", message)
}

fn plan(tx: &Transaction, kind: ImportKind, columns: &Columns) -> duly_store::Result<Preview> {
    Ok(match kind {
        ImportKind::Customers => summarize(kind, customers::plan(tx, columns)?).0,
        ImportKind::Invoices => summarize(kind, invoices::plan(tx, columns)?).0,
    })
}

/// How many rows the dry run lists in words.
const SAMPLE: usize = 10;

fn summarize<T>(kind: ImportKind, plans: Vec<(u64, Plan<T>)>) -> (Preview, Vec<T>) {
    let mut preview = Preview {
        kind,
        rows: plans.len(),
        ready: 0,
        ready_sample: Vec::new(),
        skipped: Vec::new(),
        rejected: Vec::new(),
    };
    let mut ready = Vec::new();
    for (line, plan) in plans {
        match plan {
            Plan::Ready(item, words) => {
                if preview.ready_sample.len() < SAMPLE {
                    preview.ready_sample.push(words);
                }
                ready.push(item);
            }
            Plan::Skip(reason) => preview.skipped.push(RowNote {
                line,
                reasons: vec![reason],
            }),
            Plan::Reject(reasons) => preview.rejected.push(RowNote { line, reasons }),
        }
    }
    preview.ready = ready.len();
    (preview, ready)
}

/// Why a row with more cells than the header is refused.
fn extra_cells(row: &Row) -> String {
    format!(
        "The row has {} more cell(s) than the header has columns; check the separator and quotes.",
        row.extra
    )
}

fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        s.push('…');
    }
    s
}
