-- Issue 19 trial: a timeline event typed wrong (two « Violation de données notifiée à la
-- CNIL » at different times, the wrong one driving the 72-hour clock) could not be corrected.
-- It is withdrawn with a reason, by whom and when, never deleted: kept and shown « Retiré »,
-- out of the durations, clocks, pre-filled declarations and statistics.
ALTER TABLE incident_events ADD COLUMN withdrawn_at TEXT;
ALTER TABLE incident_events ADD COLUMN withdrawn_by TEXT;
ALTER TABLE incident_events ADD COLUMN withdrawal_reason TEXT;
