//! The facts of customers' accounts, read for `duly_core::standing`: one
//! customer's for a page, or everyone's at once for the weekly summary (a
//! query per table, grouped in memory, rather than a query per customer).
//!
//! Only raw facts come out (totals, dates, allocations, reversals); every
//! balance and status is worked out by the core, never by SQL.

use std::collections::HashMap;

use duly_core::customer::ServiceStatus;
use duly_core::ladder::LadderStep;
use duly_core::payment::PaymentMethod;
use duly_core::promise::{PromiseFacts, PromiseKind};
use duly_core::standing::{
    AccountFacts, Allocation, ContactRecord, CreditNoteFacts, DisputeRecord, InvoiceFacts,
    PaymentRecord, PlanRecord, PromiseRecord,
};
use duly_core::Currency;
use rusqlite::{Connection, Row};

use crate::codec;
use crate::error::{Result, StoreError};

/// Whose accounts to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every customer, archived ones included (they may still owe).
    All,
    Customer(i64),
}

impl Scope {
    /// The `WHERE` condition on a customer id column, and its parameter.
    fn filter(self, column: &str) -> (String, Option<i64>) {
        match self {
            Scope::All => ("?1 IS NULL".to_owned(), None),
            Scope::Customer(id) => (format!("{column} = ?1"), Some(id)),
        }
    }
}

/// Reads the accounts in `scope`, ordered by customer id.
pub fn facts(conn: &Connection, currency: Currency, scope: Scope) -> Result<Vec<AccountFacts>> {
    let mut accounts: HashMap<i64, AccountFacts> = HashMap::new();
    {
        let (filter, id) = scope.filter("id");
        each(
            conn,
            &format!("SELECT id, service_status, late_fee_opt_out FROM customers WHERE {filter}"),
            id,
            |r| {
                let customer_id: i64 = r.get(0)?;
                let mut facts = AccountFacts::empty(customer_id);
                facts.service_status = ServiceStatus::parse(&r.get::<_, String>(1)?)
                    .ok_or_else(|| StoreError::Corrupt("customers.service_status".into()))?;
                facts.late_fee_exempt = r.get(2)?;
                accounts.insert(customer_id, facts);
                Ok(())
            },
        )?;
    }
    if let Scope::Customer(id) = scope {
        if !accounts.contains_key(&id) {
            return Err(StoreError::not_found("That customer no longer exists."));
        }
    }

    let (filter, id) = scope.filter("i.customer_id");
    let finance_charges = crate::late_fees::charge_invoice_ids(conn)?;
    let mut extensions: HashMap<i64, Vec<_>> = HashMap::new();
    each(
        conn,
        &format!(
            "SELECT e.invoice_id, substr(e.created_at, 1, 10), e.new_due_date
             FROM invoice_extensions e JOIN invoices i ON i.id = e.invoice_id
             WHERE {filter} ORDER BY e.id"
        ),
        id,
        |r| {
            let granted = codec::date("invoice_extensions.created_at", &r.get::<_, String>(1)?)?;
            let due = codec::date("invoice_extensions.new_due_date", &r.get::<_, String>(2)?)?;
            extensions
                .entry(r.get(0)?)
                .or_default()
                .push((granted, due));
            Ok(())
        },
    )?;
    each(
        conn,
        &format!(
            "SELECT i.id, i.customer_id, i.state, i.number, i.issue_date, i.due_date,
                    i.total_minor, substr(i.voided_at, 1, 10),
                    EXISTS (SELECT 1 FROM late_fee_exempt_invoices x WHERE x.invoice_id = i.id)
             FROM invoices i WHERE {filter} ORDER BY i.id"
        ),
        id,
        |r| {
            let invoice_id: i64 = r.get(0)?;
            let draft = r.get::<_, String>(2)? == "draft";
            let issued_on = codec::opt_date("invoices.issue_date", r.get(4)?)?;
            let invoice = InvoiceFacts {
                id: invoice_id,
                number: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                issued_on: if draft { None } else { issued_on },
                due_on: codec::opt_date("invoices.due_date", r.get(5)?)?,
                extensions: extensions.remove(&invoice_id).unwrap_or_default(),
                total: currency.from_minor(r.get(6)?),
                voided_on: codec::opt_date("invoices.voided_at", r.get(7)?)?,
                finance_charge: finance_charges.contains(&invoice_id),
                late_fee_exempt: r.get(8)?,
            };
            account(&mut accounts, r.get(1)?)?.invoices.push(invoice);
            Ok(())
        },
    )?;
    each(
        conn,
        &format!(
            "SELECT c.invoice_id, i.customer_id, c.amount_minor, c.issued_on
             FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id WHERE {filter} ORDER BY c.id"
        ),
        id,
        |r| {
            let credit = CreditNoteFacts {
                invoice_id: r.get(0)?,
                amount: currency.from_minor(r.get(2)?),
                issued_on: codec::date("credit_notes.issued_on", &r.get::<_, String>(3)?)?,
            };
            account(&mut accounts, r.get(1)?)?.credit_notes.push(credit);
            Ok(())
        },
    )?;
    each(
        conn,
        &format!(
            "SELECT d.id, d.invoice_id, i.customer_id, d.opened_on, d.closed_on, d.resolve_by
             FROM disputes d JOIN invoices i ON i.id = d.invoice_id WHERE {filter} ORDER BY d.id"
        ),
        id,
        |r| {
            let dispute = DisputeRecord {
                id: r.get(0)?,
                invoice_id: r.get(1)?,
                opened_on: codec::date("disputes.opened_on", &r.get::<_, String>(3)?)?,
                closed_on: codec::opt_date("disputes.closed_on", r.get(4)?)?,
                resolve_by: codec::opt_date("disputes.resolve_by", r.get(5)?)?,
            };
            account(&mut accounts, r.get(2)?)?.disputes.push(dispute);
            Ok(())
        },
    )?;

    let (filter, id) = scope.filter("p.customer_id");
    each(
        conn,
        &format!(
            "SELECT p.id, p.customer_id, p.received_on, p.amount_minor, p.method, p.reference, p.reversed_on
             FROM payments p WHERE {filter} ORDER BY p.received_on, p.id"
        ),
        id,
        |r| {
            let payment = PaymentRecord {
                id: r.get(0)?,
                received_on: codec::date("payments.received_on", &r.get::<_, String>(2)?)?,
                amount: currency.from_minor(r.get(3)?),
                method: PaymentMethod::parse(&r.get::<_, String>(4)?)
                    .ok_or_else(|| StoreError::Corrupt("payments.method".into()))?,
                reference: r.get(5)?,
                reversed_on: codec::opt_date("payments.reversed_on", r.get(6)?)?,
            };
            account(&mut accounts, r.get(1)?)?.payments.push(payment);
            Ok(())
        },
    )?;
    each(
        conn,
        &format!(
            "SELECT a.payment_id, a.invoice_id, p.customer_id, a.amount_minor, a.allocated_on
             FROM allocations a JOIN payments p ON p.id = a.payment_id WHERE {filter} ORDER BY a.id"
        ),
        id,
        |r| {
            let allocation = Allocation {
                payment_id: r.get(0)?,
                invoice_id: r.get(1)?,
                amount: currency.from_minor(r.get(3)?),
                allocated_on: codec::date("allocations.allocated_on", &r.get::<_, String>(4)?)?,
            };
            account(&mut accounts, r.get(2)?)?
                .allocations
                .push(allocation);
            Ok(())
        },
    )?;
    let mut covered: HashMap<i64, Vec<i64>> = HashMap::new();
    each(
        conn,
        &format!(
            "SELECT pi.promise_id, pi.invoice_id FROM promise_invoices pi
             JOIN promises p ON p.id = pi.promise_id WHERE {filter} ORDER BY pi.invoice_id"
        ),
        id,
        |r| {
            covered.entry(r.get(0)?).or_default().push(r.get(1)?);
            Ok(())
        },
    )?;
    each(
        conn,
        &format!(
            "SELECT p.id, p.customer_id, p.kind, p.amount_minor, p.made_on, p.promised_on, p.check_number,
                    p.mailed_on
             FROM promises p WHERE {filter} ORDER BY p.made_on, p.id"
        ),
        id,
        |r| {
            let promise_id: i64 = r.get(0)?;
            let promise = PromiseRecord {
                id: promise_id,
                facts: PromiseFacts {
                    kind: PromiseKind::parse(&r.get::<_, String>(2)?)
                        .ok_or_else(|| StoreError::Corrupt("promises.kind".into()))?,
                    amount: currency.from_minor(r.get(3)?),
                    made_on: codec::date("promises.made_on", &r.get::<_, String>(4)?)?,
                    promised_on: codec::date("promises.promised_on", &r.get::<_, String>(5)?)?,
                    check_number: r.get(6)?,
                    mailed_on: codec::opt_date("promises.mailed_on", r.get(7)?)?,
                },
                invoice_ids: covered.remove(&promise_id).unwrap_or_default(),
            };
            account(&mut accounts, r.get(1)?)?.promises.push(promise);
            Ok(())
        },
    )?;
    let customer = match scope {
        Scope::All => None,
        Scope::Customer(id) => Some(id),
    };
    let mut plans = crate::plans::list(conn, customer)?;
    plans.reverse(); // oldest first, like every other list here
    for plan in plans {
        let record = PlanRecord {
            id: plan.id,
            invoice_ids: plan.invoice_ids,
            created_on: plan.created_on,
            cancelled_on: plan.cancelled_on,
            installments: plan
                .installments
                .into_iter()
                .map(|(on, minor)| (on, currency.from_minor(minor)))
                .collect(),
        };
        account(&mut accounts, plan.customer_id)?.plans.push(record);
    }

    let (filter, id) = scope.filter("customer_id");
    each(
        conn,
        &format!(
            "SELECT customer_id, substr(happened_at, 1, 10), ladder_step FROM contact_log
             WHERE {filter} ORDER BY happened_at, id"
        ),
        id,
        |r| {
            let contact = ContactRecord {
                on: codec::date("contact_log.happened_at", &r.get::<_, String>(1)?)?,
                ladder_step: r
                    .get::<_, Option<String>>(2)?
                    .map(|s| {
                        LadderStep::parse(&s)
                            .ok_or_else(|| StoreError::Corrupt("contact_log.ladder_step".into()))
                    })
                    .transpose()?,
            };
            account(&mut accounts, r.get(0)?)?.contacts.push(contact);
            Ok(())
        },
    )?;

    let mut out: Vec<AccountFacts> = accounts.into_values().collect();
    out.sort_by_key(|a| a.customer_id);
    Ok(out)
}

/// The account a row belongs to; a row of a customer not read is corrupt.
fn account(
    accounts: &mut HashMap<i64, AccountFacts>,
    customer_id: i64,
) -> Result<&mut AccountFacts> {
    accounts
        .get_mut(&customer_id)
        .ok_or_else(|| StoreError::Corrupt(format!("customer {customer_id} is missing")))
}

/// Runs `sql` with the scope's parameter and hands each row to `f`.
fn each(
    conn: &Connection,
    sql: &str,
    id: Option<i64>,
    mut f: impl FnMut(&Row) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([id])?;
    while let Some(row) = rows.next()? {
        f(row)?;
    }
    Ok(())
}
