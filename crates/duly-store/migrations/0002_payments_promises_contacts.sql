-- Duly book, version 2: payments and their allocations, promises to pay, and
-- the contact log. Nothing here is ever deleted: a bounced payment is
-- reversed (dated, with a reason) and stops counting from that date.

CREATE TABLE payments (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers (id),
    received_on     TEXT NOT NULL,
    amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
    method          TEXT NOT NULL CHECK (method IN ('check', 'bank_transfer', 'card', 'cash', 'other')),
    reference       TEXT NOT NULL DEFAULT '',
    memo            TEXT NOT NULL DEFAULT '',
    reversed_on     TEXT,
    reversal_reason TEXT,
    created_at      TEXT NOT NULL,
    CHECK ((reversed_on IS NULL) = (reversal_reason IS NULL)),
    CHECK (reversed_on IS NULL OR reversed_on >= received_on)
);
CREATE INDEX payments_by_customer ON payments (customer_id, received_on);

-- A share of a payment given to an invoice. `allocated_on` is the day the
-- money was applied: the payment's date, or later when credit is applied.
CREATE TABLE allocations (
    id           INTEGER PRIMARY KEY,
    payment_id   INTEGER NOT NULL REFERENCES payments (id),
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    allocated_on TEXT NOT NULL
);
CREATE INDEX allocations_by_invoice ON allocations (invoice_id);
CREATE INDEX allocations_by_payment ON allocations (payment_id);

-- Money is never rewritten: payments keep their amount and date, allocations
-- are never changed or removed (a reversal is recorded on the payment).
CREATE TRIGGER payments_fixed BEFORE UPDATE ON payments
WHEN NEW.amount_minor IS NOT OLD.amount_minor OR NEW.received_on IS NOT OLD.received_on
  OR NEW.customer_id IS NOT OLD.customer_id OR (OLD.reversed_on IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'payments are never edited; reverse instead'); END;
CREATE TRIGGER payments_kept BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'payments are never deleted; reverse instead'); END;
CREATE TRIGGER allocations_fixed BEFORE UPDATE ON allocations
BEGIN SELECT RAISE(ABORT, 'allocations are never edited'); END;
CREATE TRIGGER allocations_kept BEFORE DELETE ON allocations
BEGIN SELECT RAISE(ABORT, 'allocations are never deleted'); END;

CREATE TABLE contact_log (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    happened_at  TEXT NOT NULL,
    channel      TEXT NOT NULL CHECK (channel IN ('call', 'email', 'letter', 'meeting')),
    person       TEXT NOT NULL CHECK (person IN ('billing', 'escalation', 'other')),
    person_name  TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    outcome      TEXT NOT NULL CHECK (outcome IN ('reached', 'left_message', 'no_answer', 'promised_to_pay', 'disputed', 'other')),
    next_step    TEXT NOT NULL DEFAULT '',
    follow_up_on TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX contact_log_by_customer ON contact_log (customer_id, happened_at);

CREATE TABLE promises (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    kind         TEXT NOT NULL CHECK (kind IN ('check_in_mail', 'transfer_scheduled', 'pay_on_date', 'partial_amount')),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    made_on      TEXT NOT NULL,
    promised_on  TEXT NOT NULL CHECK (promised_on >= made_on),
    check_number TEXT NOT NULL DEFAULT '',
    mailed_on    TEXT,
    mailed_to    TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    contact_id   INTEGER REFERENCES contact_log (id),
    created_at   TEXT NOT NULL
);
CREATE INDEX promises_by_customer ON promises (customer_id);

CREATE TABLE promise_invoices (
    promise_id INTEGER NOT NULL REFERENCES promises (id),
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    PRIMARY KEY (promise_id, invoice_id)
);

-- The owner's settings for promises (one row).
CREATE TABLE policies (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    promise_grace_days INTEGER NOT NULL DEFAULT 3 CHECK (promise_grace_days BETWEEN 0 AND 60),
    check_mail_days   INTEGER NOT NULL DEFAULT 5 CHECK (check_mail_days BETWEEN 0 AND 60)
);
INSERT INTO policies (id) VALUES (1);

-- What each invoice still owes: its total less the allocations of payments
-- that were not reversed. Redefined here, the one place balances come from.
DROP VIEW invoice_balances;
CREATE VIEW invoice_balances AS
SELECT i.id AS invoice_id,
       CASE i.state
           WHEN 'issued' THEN i.total_minor - COALESCE((
               SELECT SUM(a.amount_minor)
               FROM allocations a JOIN payments p ON p.id = a.payment_id
               WHERE a.invoice_id = i.id AND p.reversed_on IS NULL), 0)
           ELSE 0
       END AS balance_minor
FROM invoices i;

-- What each payment has not yet given to an invoice: the customer's credit.
CREATE VIEW payment_credit AS
SELECT p.id AS payment_id, p.customer_id,
       CASE WHEN p.reversed_on IS NULL
            THEN p.amount_minor - COALESCE((SELECT SUM(a.amount_minor) FROM allocations a WHERE a.payment_id = p.id), 0)
            ELSE 0
       END AS credit_minor
FROM payments p;
