-- Duly book, version 10: the audit trail also records what came after it:
-- credit notes, disputes, extensions, payment plans, templates, email
-- settings and the ladder and dispute policies.

CREATE TRIGGER audit_credit_notes_insert AFTER INSERT ON credit_notes
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, invoice_id, action, after)
    VALUES ('credit_notes', NEW.id, (SELECT customer_id FROM invoices WHERE id = NEW.invoice_id), NEW.invoice_id,
        'issue', json_object('number', NEW.number, 'amount_minor', NEW.amount_minor, 'issued_on', NEW.issued_on,
            'line_position', NEW.line_position, 'reason', NEW.reason));
END;

CREATE TRIGGER audit_disputes_insert AFTER INSERT ON disputes
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, invoice_id, action, after)
    VALUES ('disputes', NEW.id, (SELECT customer_id FROM invoices WHERE id = NEW.invoice_id), NEW.invoice_id,
        'open', json_object('cause', NEW.cause, 'amount_minor', NEW.amount_minor, 'line_position', NEW.line_position,
            'customer_words', NEW.customer_words));
END;

CREATE TRIGGER audit_disputes_update AFTER UPDATE ON disputes
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, invoice_id, action, before, after)
    VALUES ('disputes', NEW.id, (SELECT customer_id FROM invoices WHERE id = NEW.invoice_id), NEW.invoice_id,
        'update',
        json_object('status', OLD.status, 'resolve_by', OLD.resolve_by, 'resolution', OLD.resolution, 'our_error', OLD.our_error),
        json_object('status', NEW.status, 'resolve_by', NEW.resolve_by, 'resolution', NEW.resolution, 'our_error', NEW.our_error));
END;

CREATE TRIGGER audit_invoice_extensions_insert AFTER INSERT ON invoice_extensions
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, invoice_id, action, before, after)
    VALUES ('invoice_extensions', NEW.id, (SELECT customer_id FROM invoices WHERE id = NEW.invoice_id), NEW.invoice_id,
        'extend', json_object('due_date', (SELECT due_date FROM invoices WHERE id = NEW.invoice_id)),
        json_object('due_date', NEW.new_due_date, 'reason', NEW.reason));
END;

CREATE TRIGGER audit_payment_plans_insert AFTER INSERT ON payment_plans
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, action, after)
    VALUES ('payment_plans', NEW.id, NEW.customer_id, 'create', json_object('frequency', NEW.frequency, 'created_on', NEW.created_on));
END;

CREATE TRIGGER audit_payment_plans_update AFTER UPDATE ON payment_plans
BEGIN
    INSERT INTO audit_log (table_name, row_id, customer_id, action, before, after)
    VALUES ('payment_plans', NEW.id, NEW.customer_id, 'update',
        json_object('cancelled_on', OLD.cancelled_on), json_object('cancelled_on', NEW.cancelled_on));
END;

CREATE TRIGGER audit_templates_insert AFTER INSERT ON templates
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, after)
    VALUES ('templates', NEW.rowid, 'edit', json_object('kind', NEW.kind, 'subject', NEW.subject, 'body', NEW.body));
END;

CREATE TRIGGER audit_templates_update AFTER UPDATE ON templates
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, before, after)
    VALUES ('templates', NEW.rowid, 'edit',
        json_object('kind', OLD.kind, 'subject', OLD.subject, 'body', OLD.body),
        json_object('kind', NEW.kind, 'subject', NEW.subject, 'body', NEW.body));
END;

CREATE TRIGGER audit_templates_delete AFTER DELETE ON templates
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, before)
    VALUES ('templates', OLD.rowid, 'reset', json_object('kind', OLD.kind, 'subject', OLD.subject, 'body', OLD.body));
END;

CREATE TRIGGER audit_mail_settings_update AFTER UPDATE ON mail_settings
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, before, after)
    VALUES ('mail_settings', NEW.id, 'update',
        json_object('host', OLD.host, 'port', OLD.port, 'security', OLD.security, 'username', OLD.username,
            'from_name', OLD.from_name, 'from_email', OLD.from_email),
        json_object('host', NEW.host, 'port', NEW.port, 'security', NEW.security, 'username', NEW.username,
            'from_name', NEW.from_name, 'from_email', NEW.from_email));
END;

CREATE TRIGGER audit_policies_ladder_update AFTER UPDATE ON policies
WHEN json_object('ladder_start_after_days', OLD.ladder_start_after_days, 'ladder_gaps', OLD.ladder_gaps,
        'dispute_business_days', OLD.dispute_business_days)
  IS NOT json_object('ladder_start_after_days', NEW.ladder_start_after_days, 'ladder_gaps', NEW.ladder_gaps,
        'dispute_business_days', NEW.dispute_business_days)
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, before, after)
    VALUES ('policies', NEW.id, 'update',
        json_object('ladder_start_after_days', OLD.ladder_start_after_days, 'ladder_gaps', OLD.ladder_gaps,
            'dispute_business_days', OLD.dispute_business_days),
        json_object('ladder_start_after_days', NEW.ladder_start_after_days, 'ladder_gaps', NEW.ladder_gaps,
            'dispute_business_days', NEW.dispute_business_days));
END;
