-- Duly book, version 3: the weekly summary's settings: aging bucket bounds,
-- the service-suspension policy, and the week the Monday reminder last ran.

ALTER TABLE policies ADD COLUMN aging_first INTEGER NOT NULL DEFAULT 30;
ALTER TABLE policies ADD COLUMN aging_second INTEGER NOT NULL DEFAULT 60;
ALTER TABLE policies ADD COLUMN aging_third INTEGER NOT NULL DEFAULT 90;
-- 0 turns a criterion off.
ALTER TABLE policies ADD COLUMN suspend_days_past_due INTEGER NOT NULL DEFAULT 90
    CHECK (suspend_days_past_due BETWEEN 0 AND 3650);
ALTER TABLE policies ADD COLUMN suspend_broken_promises INTEGER NOT NULL DEFAULT 2
    CHECK (suspend_broken_promises BETWEEN 0 AND 100);
-- ISO week (e.g. 2026-W48) of the last weekly reminder shown.
ALTER TABLE policies ADD COLUMN weekly_notice_week TEXT;

CREATE INDEX invoices_by_issue ON invoices (issue_date);
