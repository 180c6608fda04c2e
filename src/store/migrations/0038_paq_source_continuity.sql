-- Issue 15: the lessons of a continuity test (what failed in a plan's test or a restore test)
-- go to the PAQ in one click as an action of origin "continuity" (« Continuité d'activité »,
-- data/labels/labels.yaml, paq_sources; source_ref "continuity_test:TEST_ID:YYYY-MM-DD" or
-- "restore_test:TEST_ID:YYYY-MM-DD", read in words by src/paq/source_ref.cpp).
-- paq_actions.source is a closed list: the CHECK grows by one value, as in 0030 and 0037
-- (PostgreSQL alters the constraint; SQLite rebuilds the table and paq_notes with the same ids).
@POSTGRESQL@ ALTER TABLE paq_actions DROP CONSTRAINT IF EXISTS paq_actions_source_check;
@POSTGRESQL@ ALTER TABLE paq_actions ADD CONSTRAINT paq_actions_source_check
  CHECK (source IN ('exercise', 'assessment', 'ad_audit', 'exposure_audit', 'identification', 'continuity', 'incident', 'manual'));
@SQLITE@ CREATE TABLE paq_notes_kept AS SELECT id, action_id, note, created_at, created_by
  FROM paq_notes;
@SQLITE@ DROP TABLE paq_notes;
@SQLITE@ CREATE TABLE paq_actions_next (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('exercise', 'assessment', 'ad_audit', 'exposure_audit',
                                         'identification', 'continuity', 'incident', 'manual')),
  source_ref TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  due_date TEXT,
  priority TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
  status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  cyber INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_on TEXT NOT NULL,
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  withdrawal_reason TEXT
);
@SQLITE@ INSERT INTO paq_actions_next (id, establishment_id, title, description, source,
  source_ref, owner, due_date, priority, status, progress, cyber, created_at, created_by,
  updated_at, updated_on, withdrawn_at, withdrawn_by, withdrawal_reason)
  SELECT id, establishment_id, title, description, source, source_ref, owner, due_date,
         priority, status, progress, cyber, created_at, created_by, updated_at, updated_on,
         withdrawn_at, withdrawn_by, withdrawal_reason FROM paq_actions ORDER BY id;
@SQLITE@ DROP TABLE paq_actions;
@SQLITE@ ALTER TABLE paq_actions_next RENAME TO paq_actions;
@SQLITE@ CREATE INDEX paq_actions_establishment ON paq_actions(establishment_id, status);
@SQLITE@ CREATE TABLE paq_notes (
  id @PK@,
  action_id @BIGINT@ NOT NULL REFERENCES paq_actions(id) ON DELETE CASCADE,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT ''
);
@SQLITE@ INSERT INTO paq_notes (id, action_id, note, created_at, created_by)
  SELECT id, action_id, note, created_at, created_by FROM paq_notes_kept ORDER BY id;
@SQLITE@ DROP TABLE paq_notes_kept;
@SQLITE@ CREATE INDEX paq_notes_action ON paq_notes(action_id, id);
