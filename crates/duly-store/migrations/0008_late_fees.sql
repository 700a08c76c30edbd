-- Duly book, version 8: late fees. The owner's policy (in `policies`), a
-- per-customer opt-out, and every late fee charged, each one tied to the
-- overdue invoice it is for and to the finance-charge invoice that bills it.
-- Amounts are integer minor units; the percent is canonical decimal TEXT.

-- The kind mirrors duly_core::late_fee::LateFeeKind. A NULL minimum or cap
-- means none.
ALTER TABLE policies ADD COLUMN late_fee_kind TEXT NOT NULL DEFAULT 'none'
    CHECK (late_fee_kind IN ('none', 'flat', 'percent_per_month'));
ALTER TABLE policies ADD COLUMN late_fee_flat_minor INTEGER NOT NULL DEFAULT 0
    CHECK (late_fee_flat_minor >= 0);
ALTER TABLE policies ADD COLUMN late_fee_percent TEXT NOT NULL DEFAULT '0';
ALTER TABLE policies ADD COLUMN late_fee_grace_days INTEGER NOT NULL DEFAULT 0
    CHECK (late_fee_grace_days BETWEEN 0 AND 365);
ALTER TABLE policies ADD COLUMN late_fee_minimum_minor INTEGER
    CHECK (late_fee_minimum_minor IS NULL OR late_fee_minimum_minor >= 0);
ALTER TABLE policies ADD COLUMN late_fee_cap_minor INTEGER
    CHECK (late_fee_cap_minor IS NULL OR late_fee_cap_minor > 0);

-- A customer the owner never charges late fees (a key account, a friend).
ALTER TABLE customers ADD COLUMN late_fee_opt_out INTEGER NOT NULL DEFAULT 0
    CHECK (late_fee_opt_out IN (0, 1));

-- One row per overdue invoice per finance-charge invoice: the fee charged
-- for it through `through_date`. The total ever charged for an invoice is
-- the sum of its rows (waived ones included: a waived period is forgiven, not
-- billed again), which is what makes charging idempotent.
CREATE TABLE late_fee_charges (
    id                INTEGER PRIMARY KEY,
    invoice_id        INTEGER NOT NULL REFERENCES invoices (id),
    through_date      TEXT NOT NULL,
    amount_minor      INTEGER NOT NULL CHECK (amount_minor > 0),
    charge_invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    waived_at         TEXT,
    waiver_reason     TEXT,
    created_at        TEXT NOT NULL,
    CHECK ((waived_at IS NULL) = (waiver_reason IS NULL)),
    CHECK (waiver_reason IS NULL OR waiver_reason <> ''),
    CHECK (charge_invoice_id <> invoice_id)
);
-- A day is charged at most once per invoice.
CREATE UNIQUE INDEX late_fee_charges_once ON late_fee_charges (invoice_id, through_date);
CREATE INDEX late_fee_charges_by_charge ON late_fee_charges (charge_invoice_id);

-- Append-only: a charge is never removed or rewritten; the one change allowed
-- is recording its waiver, once.
CREATE TRIGGER late_fee_charges_kept BEFORE DELETE ON late_fee_charges
BEGIN SELECT RAISE(ABORT, 'late fee charges are never deleted; waive instead'); END;
CREATE TRIGGER late_fee_charges_fixed BEFORE UPDATE ON late_fee_charges
WHEN OLD.waived_at IS NOT NULL OR NEW.waived_at IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.invoice_id IS NOT OLD.invoice_id
  OR NEW.through_date IS NOT OLD.through_date OR NEW.amount_minor IS NOT OLD.amount_minor
  OR NEW.charge_invoice_id IS NOT OLD.charge_invoice_id OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'late fee charges are never edited; only a waiver is recorded'); END;

-- The audit trail (see version 5) for what this version adds.
CREATE TRIGGER audit_late_fee_charges_insert AFTER INSERT ON late_fee_charges
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, invoice_id, action, after)
    VALUES ('late_fee_charges', NEW.id,
        (SELECT customer_id FROM invoices WHERE id = NEW.invoice_id), NEW.invoice_id,
        'record', json_object(
            'invoice_number', (SELECT number FROM invoices WHERE id = NEW.invoice_id),
            'through_date', NEW.through_date, 'amount_minor', NEW.amount_minor,
            'charge_invoice_number', (SELECT number FROM invoices WHERE id = NEW.charge_invoice_id)));
END;

CREATE TRIGGER audit_late_fee_charges_waive AFTER UPDATE ON late_fee_charges
WHEN OLD.waived_at IS NULL AND NEW.waived_at IS NOT NULL
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, invoice_id, action, before, after)
    VALUES ('late_fee_charges', NEW.id,
        (SELECT customer_id FROM invoices WHERE id = NEW.invoice_id), NEW.invoice_id,
        'waive', json_object('waiver_reason', OLD.waiver_reason),
        json_object('waiver_reason', NEW.waiver_reason));
END;

CREATE TRIGGER audit_policies_late_fee_update AFTER UPDATE ON policies
WHEN json_object('late_fee_kind', OLD.late_fee_kind, 'late_fee_flat_minor', OLD.late_fee_flat_minor,
        'late_fee_percent', OLD.late_fee_percent, 'late_fee_grace_days', OLD.late_fee_grace_days,
        'late_fee_minimum_minor', OLD.late_fee_minimum_minor, 'late_fee_cap_minor', OLD.late_fee_cap_minor)
  IS NOT json_object('late_fee_kind', NEW.late_fee_kind, 'late_fee_flat_minor', NEW.late_fee_flat_minor,
        'late_fee_percent', NEW.late_fee_percent, 'late_fee_grace_days', NEW.late_fee_grace_days,
        'late_fee_minimum_minor', NEW.late_fee_minimum_minor, 'late_fee_cap_minor', NEW.late_fee_cap_minor)
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, before, after)
    VALUES ('policies', NEW.id, 'update',
        json_object('late_fee_kind', OLD.late_fee_kind, 'late_fee_flat_minor', OLD.late_fee_flat_minor,
            'late_fee_percent', OLD.late_fee_percent, 'late_fee_grace_days', OLD.late_fee_grace_days,
            'late_fee_minimum_minor', OLD.late_fee_minimum_minor, 'late_fee_cap_minor', OLD.late_fee_cap_minor),
        json_object('late_fee_kind', NEW.late_fee_kind, 'late_fee_flat_minor', NEW.late_fee_flat_minor,
            'late_fee_percent', NEW.late_fee_percent, 'late_fee_grace_days', NEW.late_fee_grace_days,
            'late_fee_minimum_minor', NEW.late_fee_minimum_minor, 'late_fee_cap_minor', NEW.late_fee_cap_minor));
END;

CREATE TRIGGER audit_customers_late_fee_opt_out AFTER UPDATE OF late_fee_opt_out ON customers
WHEN OLD.late_fee_opt_out IS NOT NEW.late_fee_opt_out
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, action, before, after)
    VALUES ('customers', NEW.id, NEW.id, 'update',
        json_object('late_fee_opt_out', OLD.late_fee_opt_out),
        json_object('late_fee_opt_out', NEW.late_fee_opt_out));
END;
