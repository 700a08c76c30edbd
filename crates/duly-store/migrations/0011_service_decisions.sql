-- Duly book, version 11: the owner's decisions on a customer's service
-- (continue, put on hold, suspend), with the reason, kept for the history.

CREATE TABLE service_decisions (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    status      TEXT NOT NULL CHECK (status IN ('active', 'on_hold', 'suspended')),
    reason      TEXT NOT NULL CHECK (reason <> ''),
    decided_at  TEXT NOT NULL
);
CREATE INDEX service_decisions_by_customer ON service_decisions (customer_id);
CREATE TRIGGER service_decisions_kept BEFORE DELETE ON service_decisions
BEGIN SELECT RAISE(ABORT, 'decisions are never deleted'); END;
