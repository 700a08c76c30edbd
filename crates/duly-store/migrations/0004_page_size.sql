-- Duly book, version 4: the paper the customer-facing PDFs (invoices,
-- statements, letters) are laid out for: ISO A4 or US Letter.

ALTER TABLE policies ADD COLUMN page_size TEXT NOT NULL DEFAULT 'a4' CHECK (page_size IN ('a4','us_letter'));
