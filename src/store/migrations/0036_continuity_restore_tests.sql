-- Restore tests of the continuity register's IT resources (issue 15; src/continuity/): a
-- technical restore of one resource on a date, the restore's measured duration and the data
-- lost (minutes: the age of the copy restored), and the business referent who checked the
-- functions afterwards. The resource's latest restore test is set against the RTO and RPO the
-- BIAs require of it (the strictest DMIA and PDMA of the activities using it), and the gap
-- shown. Nothing is deleted: a row is withdrawn with a reason (0022) and kept.
CREATE TABLE continuity_restore_tests (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  resource_id @BIGINT@ NOT NULL REFERENCES continuity_resources(id) ON DELETE CASCADE,
  held_on TEXT NOT NULL,
  restore_minutes INTEGER NOT NULL CHECK (restore_minutes >= 0),
  data_loss_minutes INTEGER NOT NULL CHECK (data_loss_minutes >= 0),
  checked_by TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  withdrawal_reason TEXT
);
CREATE INDEX continuity_restore_tests_resource ON continuity_restore_tests(resource_id);
CREATE INDEX continuity_restore_tests_establishment ON continuity_restore_tests(establishment_id);
