//! Writes sample PDFs into the directory given as the first argument, so the
//! app team can look at the documents: `cargo run --example samples -- /tmp/duly-docs`.

#[path = "../tests/support/samples.rs"]
mod samples;

use std::path::PathBuf;

use duly_documents::{render_invoice, render_letter, render_statement, DocumentError, PageSize};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: samples <output directory>")?,
    );
    std::fs::create_dir_all(&dir)?;
    let write = |name: &str,
                 pdf: Result<Vec<u8>, DocumentError>|
     -> Result<(), Box<dyn std::error::Error>> {
        let path = dir.join(name);
        let bytes = pdf?;
        println!("{} ({} bytes)", path.display(), bytes.len());
        std::fs::write(path, bytes)?;
        Ok(())
    };

    write("invoice.pdf", render_invoice(&samples::invoice(6)))?;
    write("invoice-30.pdf", render_invoice(&samples::invoice(30)))?;
    write("invoice-300.pdf", render_invoice(&samples::invoice(300)))?;

    let mut letter_size = samples::invoice(12);
    letter_size.page_size = PageSize::UsLetter;
    letter_size.letterhead.logo = None;
    write("invoice-us-letter.pdf", render_invoice(&letter_size))?;

    let mut void = samples::invoice(6);
    void.void_mark = true;
    write("invoice-void.pdf", render_invoice(&void))?;

    let mut draft = samples::invoice(3);
    draft.number.clear();
    write("invoice-draft.pdf", render_invoice(&draft))?;

    let mut long = samples::invoice(4);
    long.lines[1].description = "A very long description. ".repeat(120);
    write("invoice-long-line.pdf", render_invoice(&long))?;

    write("statement.pdf", render_statement(&samples::statement(14)))?;
    write(
        "statement-120.pdf",
        render_statement(&samples::statement(120)),
    )?;
    write("letter.pdf", render_letter(&samples::letter(3)))?;
    write("letter-long.pdf", render_letter(&samples::letter(12)))?;
    Ok(())
}
