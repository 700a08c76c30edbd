-- Duly book, version 1: business profile, numbering, tax rates, customers and
-- invoices. Money is INTEGER minor units (cents) so sums in SQL are exact;
-- quantities, prices and percents are canonical decimal TEXT because they may
-- carry more decimals than the currency. Enum columns carry CHECK constraints
-- that mirror the Rust enums.

CREATE TABLE business_profile (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    name               TEXT NOT NULL DEFAULT '',
    owner_name         TEXT NOT NULL DEFAULT '',
    owner_title        TEXT NOT NULL DEFAULT '',
    address            TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    phone              TEXT NOT NULL DEFAULT '',
    tax_id             TEXT NOT NULL DEFAULT '',
    currency           TEXT NOT NULL DEFAULT 'USD',
    default_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (default_terms_days BETWEEN 0 AND 365),
    bank_details       TEXT NOT NULL DEFAULT '',
    check_address      TEXT NOT NULL DEFAULT '',
    terms_text         TEXT NOT NULL DEFAULT '',
    late_fee_text      TEXT NOT NULL DEFAULT '',
    dispute_text       TEXT NOT NULL DEFAULT '',
    why_on_time        TEXT NOT NULL DEFAULT '',
    logo               BLOB,
    logo_mime          TEXT CHECK (logo_mime IN ('image/png', 'image/jpeg')),
    CHECK ((logo IS NULL) = (logo_mime IS NULL))
);
INSERT INTO business_profile (id) VALUES (1);

-- Gapless numbering: a document takes the next value inside the transaction
-- that issues it, so a failed issue rolls the number back with everything else.
CREATE TABLE number_sequences (
    kind       TEXT PRIMARY KEY CHECK (kind IN ('invoice')),
    prefix     TEXT NOT NULL,
    last_value INTEGER NOT NULL DEFAULT 0 CHECK (last_value >= 0)
);
INSERT INTO number_sequences (kind, prefix) VALUES ('invoice', 'INV-');

CREATE TABLE tax_rates (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL CHECK (name <> ''),
    percent  TEXT NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

CREATE TABLE customers (
    id               INTEGER PRIMARY KEY,
    company          TEXT NOT NULL CHECK (company <> ''),
    billing_name     TEXT NOT NULL DEFAULT '',
    billing_title    TEXT NOT NULL DEFAULT '',
    billing_email    TEXT NOT NULL DEFAULT '',
    billing_phone    TEXT NOT NULL DEFAULT '',
    escalation_name  TEXT NOT NULL DEFAULT '',
    escalation_title TEXT NOT NULL DEFAULT '',
    escalation_email TEXT NOT NULL DEFAULT '',
    escalation_phone TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL DEFAULT '',
    terms_days       INTEGER CHECK (terms_days BETWEEN 0 AND 365),
    notes            TEXT NOT NULL DEFAULT '',
    service_status   TEXT NOT NULL DEFAULT 'active'
                     CHECK (service_status IN ('active', 'on_hold', 'suspended')),
    archived         INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE invoices (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers (id),
    state         TEXT NOT NULL CHECK (state IN ('draft', 'issued', 'void')),
    sequence      INTEGER UNIQUE,
    number        TEXT UNIQUE,
    issue_date    TEXT,
    due_date      TEXT,
    terms_days    INTEGER,
    currency      TEXT NOT NULL,
    notes         TEXT NOT NULL DEFAULT '',
    subtotal_minor INTEGER NOT NULL DEFAULT 0,
    tax_minor     INTEGER NOT NULL DEFAULT 0,
    fees_minor    INTEGER NOT NULL DEFAULT 0,
    total_minor   INTEGER NOT NULL DEFAULT 0,
    -- The footer texts as they were when the invoice was issued, so a later
    -- change in Settings never alters what the customer received.
    payment_text  TEXT NOT NULL DEFAULT '',
    terms_text    TEXT NOT NULL DEFAULT '',
    late_fee_text TEXT NOT NULL DEFAULT '',
    dispute_text  TEXT NOT NULL DEFAULT '',
    void_reason   TEXT,
    voided_at     TEXT,
    issued_at     TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((state = 'draft') = (number IS NULL)),
    CHECK ((number IS NULL) = (sequence IS NULL)),
    CHECK (state = 'draft' OR (issue_date IS NOT NULL AND due_date IS NOT NULL AND due_date >= issue_date)),
    CHECK ((state = 'void') = (void_reason IS NOT NULL)),
    CHECK (total_minor = subtotal_minor + tax_minor + fees_minor)
);
CREATE INDEX invoices_by_customer ON invoices (customer_id);
CREATE INDEX invoices_by_state_due ON invoices (state, due_date);

CREATE TABLE invoice_lines (
    invoice_id       INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    description      TEXT NOT NULL,
    quantity         TEXT NOT NULL,
    unit             TEXT NOT NULL DEFAULT '',
    unit_price       TEXT NOT NULL,
    discount_percent TEXT NOT NULL DEFAULT '0',
    tax_rate_id      INTEGER REFERENCES tax_rates (id),
    tax_name         TEXT NOT NULL DEFAULT '',
    tax_percent      TEXT NOT NULL DEFAULT '0',
    amount_minor     INTEGER NOT NULL,
    PRIMARY KEY (invoice_id, position)
);

CREATE TABLE invoice_fees (
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    PRIMARY KEY (invoice_id, position)
);

-- Defence in depth: even a bug in the application cannot rewrite what a
-- customer has received. Issued lines and fees are frozen; issued invoices are
-- never deleted; their figures and dates never change.
CREATE TRIGGER invoice_lines_frozen_insert BEFORE INSERT ON invoice_lines
WHEN (SELECT state FROM invoices WHERE id = NEW.invoice_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'issued invoice lines are frozen'); END;
CREATE TRIGGER invoice_lines_frozen_update BEFORE UPDATE ON invoice_lines
WHEN (SELECT state FROM invoices WHERE id = OLD.invoice_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'issued invoice lines are frozen'); END;
CREATE TRIGGER invoice_lines_frozen_delete BEFORE DELETE ON invoice_lines
WHEN (SELECT state FROM invoices WHERE id = OLD.invoice_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'issued invoice lines are frozen'); END;
CREATE TRIGGER invoice_fees_frozen_insert BEFORE INSERT ON invoice_fees
WHEN (SELECT state FROM invoices WHERE id = NEW.invoice_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'issued invoice fees are frozen'); END;
CREATE TRIGGER invoice_fees_frozen_update BEFORE UPDATE ON invoice_fees
WHEN (SELECT state FROM invoices WHERE id = OLD.invoice_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'issued invoice fees are frozen'); END;
CREATE TRIGGER invoice_fees_frozen_delete BEFORE DELETE ON invoice_fees
WHEN (SELECT state FROM invoices WHERE id = OLD.invoice_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'issued invoice fees are frozen'); END;
CREATE TRIGGER issued_invoices_kept BEFORE DELETE ON invoices
WHEN OLD.state <> 'draft'
BEGIN SELECT RAISE(ABORT, 'issued invoices are never deleted'); END;
CREATE TRIGGER issued_invoices_fixed BEFORE UPDATE ON invoices
WHEN OLD.state <> 'draft' AND (
    NEW.number IS NOT OLD.number OR NEW.total_minor IS NOT OLD.total_minor
    OR NEW.customer_id IS NOT OLD.customer_id OR NEW.issue_date IS NOT OLD.issue_date
    OR NEW.due_date IS NOT OLD.due_date OR NEW.state = 'draft'
    OR (OLD.state = 'void' AND NEW.state <> 'void'))
BEGIN SELECT RAISE(ABORT, 'issued invoices are never edited'); END;

-- What is still owed on each invoice, defined once. Until payments exist an
-- issued invoice owes its total; the payments migration redefines this view to
-- subtract allocations, and every query that needs a balance reads it here.
CREATE VIEW invoice_balances AS
SELECT id AS invoice_id,
       CASE state WHEN 'issued' THEN total_minor ELSE 0 END AS balance_minor
FROM invoices;
