-- Duly book, version 21: bank statements imported.
-- Every statement line the owner decided on is kept by its fingerprint (the
-- bank's transaction id, or its date, amount, payer and text), so a line in
-- next week's overlapping statement is never imported twice. A line that
-- became a payment or a reversal points at that payment.

CREATE TABLE bank_lines (
    id           INTEGER PRIMARY KEY,
    fingerprint  TEXT NOT NULL UNIQUE,
    booked_on    TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    counterparty TEXT NOT NULL,
    text         TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('paid', 'reversed', 'skipped')),
    payment_id   INTEGER REFERENCES payments(id),
    file_name    TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    CHECK ((outcome = 'skipped') = (payment_id IS NULL))
);

-- The names a customer pays under at the bank ("MUELLER U SOEHNE" for
-- Müller & Söhne KG), remembered when the owner confirms one, by the key
-- matching compares (accents, case and company suffixes dropped).
CREATE TABLE payer_names (
    name_key    TEXT PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    name        TEXT NOT NULL
);
CREATE INDEX payer_names_customer ON payer_names(customer_id);
