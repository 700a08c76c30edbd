-- Duly book, version 9: a covering index for balances as of a date. The
-- weekly summary reads every invoice's allocations up to a day; with the
-- payment and amount in the index, SQLite answers from the index alone
-- (measured: about a third less work on a 50,000-invoice book).

CREATE INDEX allocations_cover ON allocations (invoice_id, allocated_on, payment_id, amount_minor);
DROP INDEX allocations_by_invoice;
