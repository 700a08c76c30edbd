-- Duly book, version 15: the statement of account gets an email of its own
-- ("statement_email"), whose template the owner may edit like the others.
-- The kind is listed in the templates table's CHECK, which SQLite cannot
-- alter: the table is rebuilt with the same rows (and rowids, which the
-- audit trail names), and its audit triggers put back after them.

CREATE TEMP TABLE templates_kept AS SELECT rowid AS kept_rowid, * FROM templates;
DROP TABLE templates;

CREATE TABLE templates (
    kind       TEXT PRIMARY KEY CHECK (kind IN (
                   'friendly_reminder', 'personal_note', 'extend_circle', 'formal_reminder', 'options',
                   'last_resort', 'invoice_email', 'call_recap', 'thank_you', 'plan_confirmation',
                   'dispute_ack', 'dispute_resolution', 'dispute_apology', 'statement_email')),
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO templates (rowid, kind, subject, body, updated_at)
SELECT kept_rowid, kind, subject, body, updated_at FROM templates_kept;
DROP TABLE templates_kept;

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
