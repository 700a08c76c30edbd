//! How an invoice adds up. This is the one place the rounding rule lives:
//!
//! 1. **Line amount** = quantity × unit price × (100 − discount %) / 100,
//!    rounded half-up to the currency's minor unit (one rounding per line).
//! 2. **Tax** is computed per tax rate on the *sum of the line amounts at that
//!    rate*, and rounded half-up once per rate. Rounding tax per line instead
//!    drifts by a cent on invoices with many small lines (a complaint users of
//!    other invoicing tools keep raising); one rounding per rate does not.
//! 3. **Fees** are exact amounts entered in the currency's minor unit; they are
//!    not taxed.
//! 4. **Total** = Σ line amounts + Σ taxes + Σ fees, with no further rounding,
//!    so the total always equals the sum of the printed parts exactly.

use rust_decimal::Decimal;

use crate::invoice::{Fee, Line};
use crate::money::Currency;

/// The tax due at one rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxLine {
    pub name: String,
    pub percent: Decimal,
    /// Sum of the line amounts charged at this rate.
    pub base: Decimal,
    pub amount: Decimal,
}

/// Every figure of an invoice, each already rounded to the minor unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// One amount per line, in line order.
    pub line_amounts: Vec<Decimal>,
    pub subtotal: Decimal,
    /// One entry per distinct rate with a non-zero percent, in order of first use.
    pub taxes: Vec<TaxLine>,
    pub tax_total: Decimal,
    pub fees_total: Decimal,
    pub total: Decimal,
}

/// Rule 1: the amount of one line.
pub fn line_amount(currency: Currency, line: &Line) -> Decimal {
    let gross = line.quantity * line.unit_price;
    let kept = (Decimal::ONE_HUNDRED - line.discount_percent) / Decimal::ONE_HUNDRED;
    currency.round(gross * kept)
}

/// Computes an invoice's totals by the rules above.
pub fn compute(currency: Currency, lines: &[Line], fees: &[Fee]) -> Totals {
    let line_amounts: Vec<Decimal> = lines.iter().map(|l| line_amount(currency, l)).collect();
    let subtotal = line_amounts.iter().sum();

    let mut taxes: Vec<TaxLine> = Vec::new();
    for (line, amount) in lines.iter().zip(&line_amounts) {
        if line.tax.percent.is_zero() {
            continue;
        }
        match taxes
            .iter_mut()
            .find(|t| t.name == line.tax.name && t.percent == line.tax.percent)
        {
            Some(group) => group.base += amount,
            None => taxes.push(TaxLine {
                name: line.tax.name.clone(),
                percent: line.tax.percent,
                base: *amount,
                amount: Decimal::ZERO,
            }),
        }
    }
    for tax in &mut taxes {
        tax.amount = currency.round(tax.base * tax.percent / Decimal::ONE_HUNDRED);
    }
    let tax_total = taxes.iter().map(|t| t.amount).sum();
    let fees_total = fees.iter().map(|f| f.amount).sum();
    Totals {
        line_amounts,
        subtotal,
        taxes,
        tax_total,
        fees_total,
        total: subtotal + tax_total + fees_total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invoice::LineTax;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    fn line(qty: &str, price: &str, disc: &str, tax: (&str, &str)) -> Line {
        Line {
            description: "Work".into(),
            quantity: d(qty),
            unit: String::new(),
            unit_price: d(price),
            discount_percent: d(disc),
            tax: LineTax {
                rate_id: None,
                name: tax.0.into(),
                percent: d(tax.1),
            },
        }
    }

    #[test]
    fn hand_computed_three_line_invoice_with_two_rates_and_a_fee() {
        // Line 1: 3 × 120.00 = 360.00 at VAT 20 %
        // Line 2: 2.5 × 80.00 − 10 % = 180.00 at VAT 20 %
        // Line 3: 1 × 45.50 at reduced 5 %
        // VAT 20 % on 540.00 = 108.00; 5 % on 45.50 = 2.275 → 2.28
        // Fee: shipping 15.00.  Total = 585.50 + 110.28 + 15.00 = 710.78
        let lines = [
            line("3", "120", "0", ("VAT", "20")),
            line("2.5", "80", "10", ("VAT", "20")),
            line("1", "45.50", "0", ("Reduced", "5")),
        ];
        let fees = [Fee {
            name: "Shipping".into(),
            amount: d("15"),
        }];
        let t = compute(Currency::USD, &lines, &fees);
        assert_eq!(t.line_amounts, [d("360"), d("180"), d("45.50")]);
        assert_eq!(t.subtotal, d("585.50"));
        assert_eq!(t.taxes.len(), 2);
        assert_eq!((t.taxes[0].base, t.taxes[0].amount), (d("540"), d("108")));
        assert_eq!(
            (t.taxes[1].base, t.taxes[1].amount),
            (d("45.50"), d("2.28"))
        );
        assert_eq!(t.tax_total, d("110.28"));
        assert_eq!(t.total, d("710.78"));
    }

    #[test]
    fn tax_is_rounded_once_per_rate_not_per_line() {
        // Ten lines of 0.05 at 10 %: per-line rounding would give 10 × 0.01 = 0.10;
        // the rule taxes the 0.50 base once: 0.05.
        let lines: Vec<Line> = (0..10)
            .map(|_| line("1", "0.05", "0", ("GST", "10")))
            .collect();
        let t = compute(Currency::USD, &lines, &[]);
        assert_eq!(t.tax_total, d("0.05"));
        assert_eq!(t.total, d("0.55"));
    }

    #[test]
    fn line_amount_rounds_half_up() {
        // 3 × 0.335 = 1.005 → 1.01 (half-up, not banker's 1.00)
        assert_eq!(
            line_amount(Currency::USD, &line("3", "0.335", "0", ("None", "0"))),
            d("1.01")
        );
        // 1 × 10 − 33.333 % = 6.6667 → 6.67
        assert_eq!(
            line_amount(Currency::USD, &line("1", "10", "33.333", ("None", "0"))),
            d("6.67")
        );
    }

    fn decimal(max_units: i64, scale: u32) -> impl Strategy<Value = Decimal> {
        (0..=max_units).prop_map(move |n| Decimal::new(n, scale))
    }

    fn arb_line() -> impl Strategy<Value = Line> {
        (
            decimal(100_000_000, 4).prop_filter("positive", |q| !q.is_zero()),
            decimal(10_000_000_000, 4),
            decimal(100_000, 3),
            prop::sample::select(vec![
                ("None", "0"),
                ("VAT", "20"),
                ("Reduced", "5.5"),
                ("NYC", "8.875"),
            ]),
        )
            .prop_map(|(q, p, disc, (name, pct))| Line {
                description: "x".into(),
                quantity: q,
                unit: String::new(),
                unit_price: p,
                discount_percent: disc,
                tax: LineTax {
                    rate_id: None,
                    name: name.into(),
                    percent: d(pct),
                },
            })
    }

    proptest! {
        #[test]
        fn total_always_equals_its_parts(
            lines in prop::collection::vec(arb_line(), 0..40),
            fee_cents in prop::collection::vec(0i64..10_000_000, 0..4),
        ) {
            let usd = Currency::USD;
            let fees: Vec<Fee> = fee_cents
                .iter()
                .map(|c| Fee { name: "Fee".into(), amount: usd.from_minor(*c) })
                .collect();
            let t = compute(usd, &lines, &fees);
            prop_assert_eq!(t.subtotal, t.line_amounts.iter().copied().sum::<Decimal>());
            prop_assert_eq!(t.tax_total, t.taxes.iter().map(|x| x.amount).sum::<Decimal>());
            prop_assert_eq!(t.total, t.subtotal + t.tax_total + t.fees_total);
            // every printed figure is in whole cents, so the printed parts add up
            for amount in t.line_amounts.iter().chain([&t.subtotal, &t.tax_total, &t.total]) {
                prop_assert!(usd.to_minor(*amount).is_some(), "{amount} not in cents");
            }
            // each rate's base is exactly the lines at that rate, taxed once
            for tax in &t.taxes {
                let base: Decimal = lines.iter().zip(&t.line_amounts)
                    .filter(|(l, _)| l.tax.name == tax.name)
                    .map(|(_, a)| *a)
                    .sum();
                prop_assert_eq!(tax.base, base);
                prop_assert_eq!(tax.amount, usd.round(base * tax.percent / Decimal::ONE_HUNDRED));
            }
        }
    }
}
