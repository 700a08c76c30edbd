-- Duly book, version 7: extensions, credit notes, disputes and payment plans.
-- Like everything that touches money, none of it is edited or deleted once
-- written: an extension is superseded by a later one, a credit note stands.

CREATE TABLE invoice_extensions (
    id           INTEGER PRIMARY KEY,
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id),
    new_due_date TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (reason <> ''),
    created_at   TEXT NOT NULL
);
CREATE INDEX invoice_extensions_by_invoice ON invoice_extensions (invoice_id);

-- The due date in force: the latest extension, or the invoice's own.
CREATE VIEW invoice_due AS
SELECT i.id AS invoice_id, i.due_date AS original_due_date,
       COALESCE((SELECT e.new_due_date FROM invoice_extensions e WHERE e.invoice_id = i.id
                 ORDER BY e.id DESC LIMIT 1), i.due_date) AS due_date
FROM invoices i;

CREATE TABLE credit_note_numbering (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    prefix     TEXT NOT NULL DEFAULT 'CN-',
    last_value INTEGER NOT NULL DEFAULT 0
);
INSERT INTO credit_note_numbering (id) VALUES (1);

CREATE TABLE disputes (
    id             INTEGER PRIMARY KEY,
    invoice_id     INTEGER NOT NULL REFERENCES invoices (id),
    line_position  INTEGER,
    cause          TEXT NOT NULL CHECK (cause IN ('price', 'quantity', 'quality', 'not_received', 'duplicate', 'other')),
    customer_words TEXT NOT NULL DEFAULT '',
    amount_minor   INTEGER NOT NULL CHECK (amount_minor > 0),
    status         TEXT NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open', 'acknowledged', 'escalated', 'resolved', 'rejected')),
    opened_on      TEXT NOT NULL,
    resolve_by     TEXT,
    closed_on      TEXT,
    resolution     TEXT CHECK (resolution IS NULL OR resolution IN ('credit_note', 'discount', 'corrected_invoice', 'explanation')),
    our_error      INTEGER NOT NULL DEFAULT 0 CHECK (our_error IN (0, 1)),
    created_at     TEXT NOT NULL
);
CREATE INDEX disputes_by_invoice ON disputes (invoice_id);

CREATE TABLE dispute_updates (
    id         INTEGER PRIMARY KEY,
    dispute_id INTEGER NOT NULL REFERENCES disputes (id),
    happened_on TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('opened', 'acknowledged', 'note', 'escalated', 'resolved', 'rejected')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE credit_notes (
    id            INTEGER PRIMARY KEY,
    sequence      INTEGER NOT NULL UNIQUE,
    number        TEXT NOT NULL UNIQUE,
    invoice_id    INTEGER NOT NULL REFERENCES invoices (id),
    line_position INTEGER,
    issued_on     TEXT NOT NULL,
    amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
    reason        TEXT NOT NULL CHECK (reason <> ''),
    dispute_id    INTEGER REFERENCES disputes (id),
    created_at    TEXT NOT NULL
);
CREATE INDEX credit_notes_by_invoice ON credit_notes (invoice_id);
CREATE TRIGGER credit_notes_fixed BEFORE UPDATE ON credit_notes
BEGIN SELECT RAISE(ABORT, 'credit notes are never edited'); END;
CREATE TRIGGER credit_notes_kept BEFORE DELETE ON credit_notes
BEGIN SELECT RAISE(ABORT, 'credit notes are never deleted'); END;

-- A corrected invoice points at the one it replaces (voided).
ALTER TABLE invoices ADD COLUMN replaces_invoice_id INTEGER REFERENCES invoices (id);

CREATE TABLE payment_plans (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    frequency    TEXT NOT NULL CHECK (frequency IN ('weekly', 'biweekly', 'monthly')),
    created_on   TEXT NOT NULL,
    cancelled_on TEXT,
    created_at   TEXT NOT NULL
);
CREATE TABLE plan_invoices (
    plan_id    INTEGER NOT NULL REFERENCES payment_plans (id),
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    PRIMARY KEY (plan_id, invoice_id)
);
CREATE TABLE plan_installments (
    plan_id      INTEGER NOT NULL REFERENCES payment_plans (id),
    position     INTEGER NOT NULL,
    due_on       TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    PRIMARY KEY (plan_id, position)
);

ALTER TABLE policies ADD COLUMN dispute_business_days INTEGER NOT NULL DEFAULT 5
    CHECK (dispute_business_days BETWEEN 1 AND 60);

-- Balances now also subtract credit notes: one definition, as before.
DROP VIEW invoice_balances;
CREATE VIEW invoice_balances AS
SELECT i.id AS invoice_id,
       CASE i.state
           WHEN 'issued' THEN i.total_minor
               - COALESCE((SELECT SUM(a.amount_minor)
                           FROM allocations a JOIN payments p ON p.id = a.payment_id
                           WHERE a.invoice_id = i.id AND p.reversed_on IS NULL), 0)
               - COALESCE((SELECT SUM(c.amount_minor) FROM credit_notes c WHERE c.invoice_id = i.id), 0)
           ELSE 0
       END AS balance_minor
FROM invoices i;
