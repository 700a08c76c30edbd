-- Duly book, version 18: a payment typed by mistake (wrong amount, wrong
-- customer) is marked "entered in error" instead of being called a bounce.
-- Money is still never deleted: it is reversed on the day it was received,
-- so it counts on no day at all, and the flag says why. Its reference and
-- memo may still be corrected while it stands (the payments_fixed trigger
-- already allows that).

ALTER TABLE payments ADD COLUMN entered_in_error INTEGER NOT NULL DEFAULT 0
    CHECK (entered_in_error IN (0, 1));

-- Entered in error means reversed on the very day it was received.
CREATE TRIGGER payments_error_is_void_from_the_start BEFORE UPDATE OF entered_in_error ON payments
WHEN NEW.entered_in_error = 1 AND (NEW.reversed_on IS NOT NEW.received_on OR OLD.reversed_on IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'a payment entered in error is reversed from the day it was received'); END;

DROP TRIGGER audit_payments_update;
CREATE TRIGGER audit_payments_update AFTER UPDATE ON payments
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, action, before, after)
    VALUES ('payments', NEW.id, NEW.customer_id,
        CASE WHEN NEW.entered_in_error = 1 AND OLD.entered_in_error = 0 THEN 'entered_in_error'
             WHEN OLD.reversed_on IS NULL AND NEW.reversed_on IS NOT NULL THEN 'reverse'
             ELSE 'update' END,
        json_object('received_on', OLD.received_on, 'amount_minor', OLD.amount_minor,
            'method', OLD.method, 'reference', OLD.reference, 'memo', OLD.memo,
            'reversed_on', OLD.reversed_on, 'reversal_reason', OLD.reversal_reason,
            'entered_in_error', OLD.entered_in_error),
        json_object('received_on', NEW.received_on, 'amount_minor', NEW.amount_minor,
            'method', NEW.method, 'reference', NEW.reference, 'memo', NEW.memo,
            'reversed_on', NEW.reversed_on, 'reversal_reason', NEW.reversal_reason,
            'entered_in_error', NEW.entered_in_error));
END;
