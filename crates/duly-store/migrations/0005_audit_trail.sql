-- Duly book, version 5: data safety. An append-only audit trail filled by
-- triggers, so every change to what matters (issued invoices, money, promises,
-- customers, the profile and the settings) is recorded by the book itself,
-- whichever code path made it; and the reference an imported invoice had in
-- the program it came from, so importing the same file twice is caught.
--
-- `at` is SQLite's own clock (local time), not the app's "today": it records
-- when the write happened, which is a fact about the file, not domain logic.
-- `before` and `after` are JSON objects (json_object) of the row's columns;
-- money stays in integer minor units as stored.

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    customer_id INTEGER,
    invoice_id  INTEGER,
    action      TEXT NOT NULL,
    before      TEXT CHECK (before IS NULL OR json_valid(before)),
    after       TEXT CHECK (after IS NULL OR json_valid(after))
);
CREATE INDEX audit_by_customer ON audit_log (customer_id, id);
CREATE INDEX audit_by_invoice ON audit_log (invoice_id, id);
CREATE INDEX audit_by_row ON audit_log (table_name, row_id);

-- The trail is written only by the triggers below and never rewritten.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

ALTER TABLE invoices ADD COLUMN imported_ref TEXT;
CREATE UNIQUE INDEX invoices_by_imported_ref ON invoices (imported_ref)
    WHERE imported_ref IS NOT NULL;

-- Customers ---------------------------------------------------------------
CREATE TRIGGER audit_customers_insert AFTER INSERT ON customers
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, action, after)
    VALUES ('customers', NEW.id, NEW.id, 'create', json_object(
        'company', NEW.company, 'billing_name', NEW.billing_name,
        'billing_title', NEW.billing_title, 'billing_email', NEW.billing_email,
        'billing_phone', NEW.billing_phone, 'escalation_name', NEW.escalation_name,
        'escalation_title', NEW.escalation_title, 'escalation_email', NEW.escalation_email,
        'escalation_phone', NEW.escalation_phone, 'address', NEW.address,
        'terms_days', NEW.terms_days, 'notes', NEW.notes,
        'service_status', NEW.service_status, 'archived', NEW.archived));
END;

CREATE TRIGGER audit_customers_update AFTER UPDATE ON customers
WHEN json_object(
        'company', OLD.company, 'billing_name', OLD.billing_name,
        'billing_title', OLD.billing_title, 'billing_email', OLD.billing_email,
        'billing_phone', OLD.billing_phone, 'escalation_name', OLD.escalation_name,
        'escalation_title', OLD.escalation_title, 'escalation_email', OLD.escalation_email,
        'escalation_phone', OLD.escalation_phone, 'address', OLD.address,
        'terms_days', OLD.terms_days, 'notes', OLD.notes,
        'service_status', OLD.service_status, 'archived', OLD.archived)
  IS NOT json_object(
        'company', NEW.company, 'billing_name', NEW.billing_name,
        'billing_title', NEW.billing_title, 'billing_email', NEW.billing_email,
        'billing_phone', NEW.billing_phone, 'escalation_name', NEW.escalation_name,
        'escalation_title', NEW.escalation_title, 'escalation_email', NEW.escalation_email,
        'escalation_phone', NEW.escalation_phone, 'address', NEW.address,
        'terms_days', NEW.terms_days, 'notes', NEW.notes,
        'service_status', NEW.service_status, 'archived', NEW.archived)
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, action, before, after)
    VALUES ('customers', NEW.id, NEW.id, 'update', json_object(
        'company', OLD.company, 'billing_name', OLD.billing_name,
        'billing_title', OLD.billing_title, 'billing_email', OLD.billing_email,
        'billing_phone', OLD.billing_phone, 'escalation_name', OLD.escalation_name,
        'escalation_title', OLD.escalation_title, 'escalation_email', OLD.escalation_email,
        'escalation_phone', OLD.escalation_phone, 'address', OLD.address,
        'terms_days', OLD.terms_days, 'notes', OLD.notes,
        'service_status', OLD.service_status, 'archived', OLD.archived),
    json_object(
        'company', NEW.company, 'billing_name', NEW.billing_name,
        'billing_title', NEW.billing_title, 'billing_email', NEW.billing_email,
        'billing_phone', NEW.billing_phone, 'escalation_name', NEW.escalation_name,
        'escalation_title', NEW.escalation_title, 'escalation_email', NEW.escalation_email,
        'escalation_phone', NEW.escalation_phone, 'address', NEW.address,
        'terms_days', NEW.terms_days, 'notes', NEW.notes,
        'service_status', NEW.service_status, 'archived', NEW.archived));
END;

CREATE TRIGGER audit_customers_delete AFTER DELETE ON customers
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, action, before)
    VALUES ('customers', OLD.id, OLD.id, 'delete', json_object(
        'company', OLD.company, 'billing_name', OLD.billing_name,
        'billing_email', OLD.billing_email, 'address', OLD.address,
        'notes', OLD.notes, 'service_status', OLD.service_status));
END;

-- Issued invoices: the issue (with the lines and fees as sent), the void,
-- and any other change to an invoice that is no longer a draft. Drafts are
-- scratch paper and are not audited.
CREATE TRIGGER audit_invoices_issue AFTER UPDATE ON invoices
WHEN OLD.state = 'draft' AND NEW.state <> 'draft'
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, invoice_id, action, after)
    VALUES ('invoices', NEW.id, NEW.customer_id, NEW.id, 'issue', json_object(
        'number', NEW.number, 'state', NEW.state, 'issue_date', NEW.issue_date,
        'due_date', NEW.due_date, 'terms_days', NEW.terms_days, 'currency', NEW.currency,
        'subtotal_minor', NEW.subtotal_minor, 'tax_minor', NEW.tax_minor,
        'fees_minor', NEW.fees_minor, 'total_minor', NEW.total_minor,
        'notes', NEW.notes, 'imported_ref', NEW.imported_ref,
        'lines', json((SELECT json_group_array(json_object(
                'description', description, 'quantity', quantity, 'unit', unit,
                'unit_price', unit_price, 'discount_percent', discount_percent,
                'tax_name', tax_name, 'tax_percent', tax_percent,
                'amount_minor', amount_minor))
            FROM (SELECT * FROM invoice_lines WHERE invoice_id = NEW.id ORDER BY position))),
        'fees', json((SELECT json_group_array(json_object('name', name, 'amount_minor', amount_minor))
            FROM (SELECT * FROM invoice_fees WHERE invoice_id = NEW.id ORDER BY position)))));
END;

CREATE TRIGGER audit_invoices_insert_issued AFTER INSERT ON invoices
WHEN NEW.state <> 'draft'
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, invoice_id, action, after)
    VALUES ('invoices', NEW.id, NEW.customer_id, NEW.id, 'issue', json_object(
        'number', NEW.number, 'state', NEW.state, 'issue_date', NEW.issue_date,
        'due_date', NEW.due_date, 'currency', NEW.currency,
        'total_minor', NEW.total_minor, 'imported_ref', NEW.imported_ref));
END;

CREATE TRIGGER audit_invoices_void AFTER UPDATE ON invoices
WHEN OLD.state = 'issued' AND NEW.state = 'void'
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, invoice_id, action, before, after)
    VALUES ('invoices', NEW.id, NEW.customer_id, NEW.id, 'void',
        json_object('number', OLD.number, 'state', OLD.state, 'void_reason', OLD.void_reason,
            'voided_at', OLD.voided_at),
        json_object('number', NEW.number, 'state', NEW.state, 'void_reason', NEW.void_reason,
            'voided_at', NEW.voided_at));
END;

CREATE TRIGGER audit_invoices_update AFTER UPDATE ON invoices
WHEN OLD.state <> 'draft' AND NOT (OLD.state = 'issued' AND NEW.state = 'void')
  AND json_object('state', OLD.state, 'notes', OLD.notes, 'payment_text', OLD.payment_text,
        'terms_text', OLD.terms_text, 'late_fee_text', OLD.late_fee_text,
        'dispute_text', OLD.dispute_text, 'void_reason', OLD.void_reason,
        'imported_ref', OLD.imported_ref)
  IS NOT json_object('state', NEW.state, 'notes', NEW.notes, 'payment_text', NEW.payment_text,
        'terms_text', NEW.terms_text, 'late_fee_text', NEW.late_fee_text,
        'dispute_text', NEW.dispute_text, 'void_reason', NEW.void_reason,
        'imported_ref', NEW.imported_ref)
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, invoice_id, action, before, after)
    VALUES ('invoices', NEW.id, NEW.customer_id, NEW.id, 'update',
        json_object('number', OLD.number, 'state', OLD.state, 'notes', OLD.notes,
            'payment_text', OLD.payment_text, 'terms_text', OLD.terms_text, 'late_fee_text', OLD.late_fee_text,
            'dispute_text', OLD.dispute_text, 'void_reason', OLD.void_reason,
            'imported_ref', OLD.imported_ref),
        json_object('number', NEW.number, 'state', NEW.state, 'notes', NEW.notes,
            'payment_text', NEW.payment_text, 'terms_text', NEW.terms_text, 'late_fee_text', NEW.late_fee_text,
            'dispute_text', NEW.dispute_text, 'void_reason', NEW.void_reason,
            'imported_ref', NEW.imported_ref));
END;

-- Money: payments as received, each share given to an invoice, reversals.
CREATE TRIGGER audit_payments_insert AFTER INSERT ON payments
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, action, after)
    VALUES ('payments', NEW.id, NEW.customer_id, 'record', json_object(
        'received_on', NEW.received_on, 'amount_minor', NEW.amount_minor,
        'method', NEW.method, 'reference', NEW.reference, 'memo', NEW.memo));
END;

CREATE TRIGGER audit_payments_update AFTER UPDATE ON payments
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, action, before, after)
    VALUES ('payments', NEW.id, NEW.customer_id,
        CASE WHEN OLD.reversed_on IS NULL AND NEW.reversed_on IS NOT NULL
             THEN 'reverse' ELSE 'update' END,
        json_object('received_on', OLD.received_on, 'amount_minor', OLD.amount_minor,
            'method', OLD.method, 'reference', OLD.reference, 'memo', OLD.memo,
            'reversed_on', OLD.reversed_on, 'reversal_reason', OLD.reversal_reason),
        json_object('received_on', NEW.received_on, 'amount_minor', NEW.amount_minor,
            'method', NEW.method, 'reference', NEW.reference, 'memo', NEW.memo,
            'reversed_on', NEW.reversed_on, 'reversal_reason', NEW.reversal_reason));
END;

CREATE TRIGGER audit_allocations_insert AFTER INSERT ON allocations
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, invoice_id, action, after)
    VALUES ('allocations', NEW.id,
        (SELECT customer_id FROM payments WHERE id = NEW.payment_id), NEW.invoice_id,
        'allocate', json_object(
            'payment_id', NEW.payment_id,
            'invoice_number', (SELECT number FROM invoices WHERE id = NEW.invoice_id),
            'amount_minor', NEW.amount_minor, 'allocated_on', NEW.allocated_on));
END;

-- Promises to pay and the invoices each one covers.
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

CREATE TRIGGER audit_promise_invoices_insert AFTER INSERT ON promise_invoices
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, invoice_id, action, after)
    VALUES ('promise_invoices', NEW.promise_id,
        (SELECT customer_id FROM promises WHERE id = NEW.promise_id), NEW.invoice_id,
        'cover', json_object(
            'promise_id', NEW.promise_id,
            'invoice_number', (SELECT number FROM invoices WHERE id = NEW.invoice_id)));
END;

-- The business profile and the settings. The weekly reminder's bookkeeping
-- (policies.weekly_notice_week) and the numbering counter are not settings
-- and are left out; the issue of each number is recorded above.
CREATE TRIGGER audit_business_profile_update AFTER UPDATE ON business_profile
WHEN json_object('name', OLD.name, 'owner_name', OLD.owner_name, 'owner_title', OLD.owner_title,
        'address', OLD.address, 'email', OLD.email, 'phone', OLD.phone, 'tax_id', OLD.tax_id,
        'currency', OLD.currency, 'default_terms_days', OLD.default_terms_days,
        'bank_details', OLD.bank_details, 'check_address', OLD.check_address,
        'terms_text', OLD.terms_text, 'late_fee_text', OLD.late_fee_text,
        'dispute_text', OLD.dispute_text, 'why_on_time', OLD.why_on_time,
        'logo_mime', OLD.logo_mime, 'logo_bytes', length(OLD.logo))
  IS NOT json_object('name', NEW.name, 'owner_name', NEW.owner_name, 'owner_title', NEW.owner_title,
        'address', NEW.address, 'email', NEW.email, 'phone', NEW.phone, 'tax_id', NEW.tax_id,
        'currency', NEW.currency, 'default_terms_days', NEW.default_terms_days,
        'bank_details', NEW.bank_details, 'check_address', NEW.check_address,
        'terms_text', NEW.terms_text, 'late_fee_text', NEW.late_fee_text,
        'dispute_text', NEW.dispute_text, 'why_on_time', NEW.why_on_time,
        'logo_mime', NEW.logo_mime, 'logo_bytes', length(NEW.logo))
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, before, after)
    VALUES ('business_profile', NEW.id, 'update',
        json_object('name', OLD.name, 'owner_name', OLD.owner_name, 'owner_title', OLD.owner_title,
            'address', OLD.address, 'email', OLD.email, 'phone', OLD.phone, 'tax_id', OLD.tax_id,
            'currency', OLD.currency, 'default_terms_days', OLD.default_terms_days,
            'bank_details', OLD.bank_details, 'check_address', OLD.check_address,
            'terms_text', OLD.terms_text, 'late_fee_text', OLD.late_fee_text,
            'dispute_text', OLD.dispute_text, 'why_on_time', OLD.why_on_time,
            'logo_mime', OLD.logo_mime, 'logo_bytes', length(OLD.logo)),
        json_object('name', NEW.name, 'owner_name', NEW.owner_name, 'owner_title', NEW.owner_title,
            'address', NEW.address, 'email', NEW.email, 'phone', NEW.phone, 'tax_id', NEW.tax_id,
            'currency', NEW.currency, 'default_terms_days', NEW.default_terms_days,
            'bank_details', NEW.bank_details, 'check_address', NEW.check_address,
            'terms_text', NEW.terms_text, 'late_fee_text', NEW.late_fee_text,
            'dispute_text', NEW.dispute_text, 'why_on_time', NEW.why_on_time,
            'logo_mime', NEW.logo_mime, 'logo_bytes', length(NEW.logo)));
END;

CREATE TRIGGER audit_policies_update AFTER UPDATE ON policies
WHEN json_object('promise_grace_days', OLD.promise_grace_days, 'check_mail_days', OLD.check_mail_days,
        'aging_first', OLD.aging_first, 'aging_second', OLD.aging_second, 'aging_third', OLD.aging_third,
        'suspend_days_past_due', OLD.suspend_days_past_due,
        'suspend_broken_promises', OLD.suspend_broken_promises, 'page_size', OLD.page_size)
  IS NOT json_object('promise_grace_days', NEW.promise_grace_days, 'check_mail_days', NEW.check_mail_days,
        'aging_first', NEW.aging_first, 'aging_second', NEW.aging_second, 'aging_third', NEW.aging_third,
        'suspend_days_past_due', NEW.suspend_days_past_due,
        'suspend_broken_promises', NEW.suspend_broken_promises, 'page_size', NEW.page_size)
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, before, after)
    VALUES ('policies', NEW.id, 'update',
        json_object('promise_grace_days', OLD.promise_grace_days, 'check_mail_days', OLD.check_mail_days,
            'aging_first', OLD.aging_first, 'aging_second', OLD.aging_second, 'aging_third', OLD.aging_third,
            'suspend_days_past_due', OLD.suspend_days_past_due,
            'suspend_broken_promises', OLD.suspend_broken_promises, 'page_size', OLD.page_size),
        json_object('promise_grace_days', NEW.promise_grace_days, 'check_mail_days', NEW.check_mail_days,
            'aging_first', NEW.aging_first, 'aging_second', NEW.aging_second, 'aging_third', NEW.aging_third,
            'suspend_days_past_due', NEW.suspend_days_past_due,
            'suspend_broken_promises', NEW.suspend_broken_promises, 'page_size', NEW.page_size));
END;

CREATE TRIGGER audit_number_sequences_update AFTER UPDATE ON number_sequences
WHEN OLD.prefix IS NOT NEW.prefix
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, before, after)
    VALUES ('number_sequences', NEW.rowid, 'update',
        json_object('kind', OLD.kind, 'prefix', OLD.prefix),
        json_object('kind', NEW.kind, 'prefix', NEW.prefix));
END;

CREATE TRIGGER audit_tax_rates_insert AFTER INSERT ON tax_rates
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, after)
    VALUES ('tax_rates', NEW.id, 'create',
        json_object('name', NEW.name, 'percent', NEW.percent, 'archived', NEW.archived));
END;

CREATE TRIGGER audit_tax_rates_update AFTER UPDATE ON tax_rates
WHEN json_object('name', OLD.name, 'percent', OLD.percent, 'archived', OLD.archived)
  IS NOT json_object('name', NEW.name, 'percent', NEW.percent, 'archived', NEW.archived)
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, before, after)
    VALUES ('tax_rates', NEW.id, 'update',
        json_object('name', OLD.name, 'percent', OLD.percent, 'archived', OLD.archived),
        json_object('name', NEW.name, 'percent', NEW.percent, 'archived', NEW.archived));
END;
