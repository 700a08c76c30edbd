-- Duly book, version 19: recurring invoices. A schedule bills a customer the
-- same lines every week, month, quarter or year; each period it bills is a
-- row of schedule_runs, whose key makes billing a period twice impossible
-- (a crash between two periods leaves the next one to the next start).

CREATE TABLE schedules (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    every        TEXT NOT NULL CHECK (every IN ('week', 'month', 'quarter', 'year')),
    starts_on    TEXT NOT NULL,
    ends_on      TEXT CHECK (ends_on IS NULL OR ends_on >= starts_on),
    max_count    INTEGER CHECK (max_count IS NULL OR max_count > 0),
    -- 0: each period becomes a draft for the owner to review; 1: issued.
    issue        INTEGER NOT NULL DEFAULT 0 CHECK (issue IN (0, 1)),
    notes        TEXT NOT NULL DEFAULT '',
    paused       INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    ended_on     TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX schedules_by_customer ON schedules (customer_id);

-- The lines each period bills; a description may hold "{{ period }}".
CREATE TABLE schedule_lines (
    schedule_id      INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    description      TEXT NOT NULL,
    quantity         TEXT NOT NULL,
    unit             TEXT NOT NULL DEFAULT '',
    unit_price       TEXT NOT NULL,
    discount_percent TEXT NOT NULL DEFAULT '0',
    tax_rate_id      INTEGER REFERENCES tax_rates (id),
    tax_name         TEXT NOT NULL DEFAULT '',
    tax_percent      TEXT NOT NULL DEFAULT '0',
    PRIMARY KEY (schedule_id, position)
);

CREATE TABLE schedule_fees (
    schedule_id  INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    PRIMARY KEY (schedule_id, position)
);

CREATE TABLE schedule_runs (
    schedule_id  INTEGER NOT NULL REFERENCES schedules (id),
    period_on    TEXT NOT NULL,
    -- NULL once the owner deleted the draft made for it: the period stays
    -- billed (skipped), never made again.
    invoice_id   INTEGER UNIQUE REFERENCES invoices (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (schedule_id, period_on)
);

CREATE TRIGGER audit_schedules_insert AFTER INSERT ON schedules
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, action, after)
    VALUES ('schedules', NEW.id, NEW.customer_id, 'create', json_object(
        'every', NEW.every, 'starts_on', NEW.starts_on, 'ends_on', NEW.ends_on,
        'max_count', NEW.max_count, 'issue', NEW.issue));
END;

CREATE TRIGGER audit_schedules_update AFTER UPDATE ON schedules
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, action, before, after)
    VALUES ('schedules', NEW.id, NEW.customer_id, 'update',
        json_object('paused', OLD.paused, 'ended_on', OLD.ended_on, 'issue', OLD.issue,
                    'ends_on', OLD.ends_on, 'max_count', OLD.max_count),
        json_object('paused', NEW.paused, 'ended_on', NEW.ended_on, 'issue', NEW.issue,
                    'ends_on', NEW.ends_on, 'max_count', NEW.max_count));
END;
