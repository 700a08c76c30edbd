-- Duly book, version 17: late fees waived for one invoice, not the whole
-- customer ("don't charge on this one: we were late delivering it"). A row
-- of its own, so the issued invoice itself is never edited; removing the row
-- charges it again. Both are in the audit trail.

CREATE TABLE late_fee_exempt_invoices (
    invoice_id  INTEGER PRIMARY KEY REFERENCES invoices (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL
);

CREATE TRIGGER audit_late_fee_exempt_insert AFTER INSERT ON late_fee_exempt_invoices
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, invoice_id, action, after)
    VALUES ('late_fee_exempt_invoices', NEW.invoice_id,
        (SELECT customer_id FROM invoices WHERE id = NEW.invoice_id), NEW.invoice_id, 'exempt',
        json_object('invoice_number', (SELECT number FROM invoices WHERE id = NEW.invoice_id),
                    'late_fees', 'not charged'));
END;

CREATE TRIGGER audit_late_fee_exempt_delete AFTER DELETE ON late_fee_exempt_invoices
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, invoice_id, action, before)
    VALUES ('late_fee_exempt_invoices', OLD.invoice_id,
        (SELECT customer_id FROM invoices WHERE id = OLD.invoice_id), OLD.invoice_id, 'charge_again',
        json_object('invoice_number', (SELECT number FROM invoices WHERE id = OLD.invoice_id),
                    'late_fees', 'not charged'));
END;
