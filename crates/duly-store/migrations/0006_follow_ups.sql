-- Duly book, version 6: the follow-up ladder. Sent (or exported) drafts are
-- logged with their ladder step; edited templates are kept in the book (a
-- kind without a row uses the default shipped with Duly); the ladder's timing
-- and the SMTP settings live here too. The SMTP password never does: it is
-- kept in the OS keychain.

ALTER TABLE contact_log ADD COLUMN ladder_step TEXT CHECK (ladder_step IS NULL OR ladder_step IN
    ('friendly_reminder', 'personal_note', 'extend_circle', 'formal_reminder', 'options', 'last_resort'));

CREATE TABLE templates (
    kind       TEXT PRIMARY KEY CHECK (kind IN (
                   'friendly_reminder', 'personal_note', 'extend_circle', 'formal_reminder', 'options',
                   'last_resort', 'invoice_email', 'call_recap', 'thank_you', 'plan_confirmation',
                   'dispute_ack', 'dispute_resolution', 'dispute_apology')),
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

ALTER TABLE policies ADD COLUMN ladder_start_after_days INTEGER NOT NULL DEFAULT 3;
ALTER TABLE policies ADD COLUMN ladder_gaps TEXT NOT NULL DEFAULT '7,7,10,10,14';

CREATE TABLE mail_settings (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    host      TEXT NOT NULL DEFAULT '',
    port      INTEGER NOT NULL DEFAULT 587 CHECK (port BETWEEN 1 AND 65535),
    security  TEXT NOT NULL DEFAULT 'starttls' CHECK (security IN ('starttls', 'tls', 'none')),
    username  TEXT NOT NULL DEFAULT '',
    from_name TEXT NOT NULL DEFAULT '',
    from_email TEXT NOT NULL DEFAULT ''
);
INSERT INTO mail_settings (id) VALUES (1);
