-- Duly book, version 14.
--
-- 1. A check the customer mailed two weeks ago is the very promise worth
--    recording, but 0002 refused any promised date before the day the
--    promise was recorded. The expected arrival now only has to follow the
--    mailing date (or, with none, the day they told us); how long Duly
--    waits before calling it broken is the core's rule, not the table's.
--    SQLite cannot drop a CHECK, so the table is rebuilt: the rows are set
--    aside, the table is dropped and made again with the same ids, and the
--    rows put back before the audit triggers return (putting rows back is
--    not a new promise, so nothing is logged). Foreign keys from
--    promise_invoices are deferred to the end of the migration's
--    transaction, when every promise they name exists again.
-- 2. A contact keeps "what we agreed" (what a recap confirms to the
--    customer) apart from the owner's private notes.

PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE promises_kept AS SELECT * FROM promises;
DROP TABLE promises;

CREATE TABLE promises (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    kind         TEXT NOT NULL CHECK (kind IN ('check_in_mail', 'transfer_scheduled', 'pay_on_date', 'partial_amount')),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    made_on      TEXT NOT NULL,
    promised_on  TEXT NOT NULL CHECK (promised_on >= COALESCE(mailed_on, made_on)),
    check_number TEXT NOT NULL DEFAULT '',
    mailed_on    TEXT,
    mailed_to    TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    contact_id   INTEGER REFERENCES contact_log (id),
    created_at   TEXT NOT NULL
);
INSERT INTO promises (id, customer_id, kind, amount_minor, made_on, promised_on, check_number,
                      mailed_on, mailed_to, notes, contact_id, created_at)
SELECT id, customer_id, kind, amount_minor, made_on, promised_on, check_number,
       mailed_on, mailed_to, notes, contact_id, created_at
FROM promises_kept;
DROP TABLE promises_kept;
CREATE INDEX promises_by_customer ON promises (customer_id);

CREATE TRIGGER audit_promises_insert AFTER INSERT ON promises
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, action, after)
    VALUES ('promises', NEW.id, NEW.customer_id, 'record', json_object(
        'kind', NEW.kind, 'amount_minor', NEW.amount_minor, 'made_on', NEW.made_on,
        'promised_on', NEW.promised_on, 'check_number', NEW.check_number,
        'mailed_on', NEW.mailed_on, 'mailed_to', NEW.mailed_to, 'notes', NEW.notes));
END;

CREATE TRIGGER audit_promises_update AFTER UPDATE ON promises
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, action, before, after)
    VALUES ('promises', NEW.id, NEW.customer_id, 'update',
        json_object('kind', OLD.kind, 'amount_minor', OLD.amount_minor, 'made_on', OLD.made_on,
            'promised_on', OLD.promised_on, 'check_number', OLD.check_number,
            'mailed_on', OLD.mailed_on, 'mailed_to', OLD.mailed_to, 'notes', OLD.notes),
        json_object('kind', NEW.kind, 'amount_minor', NEW.amount_minor, 'made_on', NEW.made_on,
            'promised_on', NEW.promised_on, 'check_number', NEW.check_number,
            'mailed_on', NEW.mailed_on, 'mailed_to', NEW.mailed_to, 'notes', NEW.notes));
END;

CREATE TRIGGER audit_promises_delete AFTER DELETE ON promises
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, action, before)
    VALUES ('promises', OLD.id, OLD.customer_id, 'delete', json_object(
        'kind', OLD.kind, 'amount_minor', OLD.amount_minor, 'made_on', OLD.made_on,
        'promised_on', OLD.promised_on, 'notes', OLD.notes));
END;

ALTER TABLE contact_log ADD COLUMN agreed TEXT NOT NULL DEFAULT '';
