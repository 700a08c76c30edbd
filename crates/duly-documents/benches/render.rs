//! Rendering time of a typical (30-line) and a long (300-line) invoice, in process.

#[path = "../tests/support/samples.rs"]
mod samples;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use duly_documents::render_invoice;

fn invoices(c: &mut Criterion) {
    for lines in [30, 300] {
        let doc = samples::invoice(lines);
        c.bench_function(&format!("render_invoice {lines} lines"), |b| {
            b.iter(|| render_invoice(black_box(&doc)))
        });
    }
}

criterion_group!(benches, invoices);
criterion_main!(benches);
