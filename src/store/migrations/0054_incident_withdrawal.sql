-- Issue 19 trial: an incident created by mistake (a test, a duplicate, not a security
-- incident) could not be taken back. It is withdrawn with a reason, by whom and when
-- (store/withdrawal.hpp), never deleted: kept and shown « Retiré », out of the statistics and
-- of the regulatory clocks, its submitted declaration stages kept frozen.
ALTER TABLE incidents ADD COLUMN withdrawn_at TEXT;
ALTER TABLE incidents ADD COLUMN withdrawn_by TEXT;
ALTER TABLE incidents ADD COLUMN withdrawal_reason TEXT;
