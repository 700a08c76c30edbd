-- Duly book, version 12: payments by date, for "received in the last 7 days"
-- on the weekly summary without reading every payment.

CREATE INDEX payments_by_received_on ON payments (received_on);
