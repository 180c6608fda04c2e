-- Issue 16: the trajectory of the electronic identification of professionals (MIE) — the
-- planned steps of an establishment (title, owner, due date, the day it was done), each of
-- which can be sent to the PAQ as an action of origin "identification" (« Identification
-- électronique », data/labels/labels.yaml, paq_sources; source_ref "identification:STEP_ID").
-- paq_actions.source is a closed list: the CHECK grows by one value, as in 0030 (PostgreSQL
-- alters the constraint; SQLite rebuilds the table and paq_notes with the same ids).
CREATE TABLE mie_steps (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  owner TEXT NOT NULL DEFAULT '',
  due TEXT NOT NULL,
  done_on TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mie_steps_establishment ON mie_steps(establishment_id, due);
@POSTGRESQL@ ALTER TABLE paq_actions DROP CONSTRAINT IF EXISTS paq_actions_source_check;
@POSTGRESQL@ ALTER TABLE paq_actions ADD CONSTRAINT paq_actions_source_check
  CHECK (source IN ('exercise', 'assessment', 'ad_audit', 'exposure_audit', 'identification', 'incident', 'manual'));
@SQLITE@ CREATE TABLE paq_notes_kept AS SELECT id, action_id, note, created_at, created_by
  FROM paq_notes;
@SQLITE@ DROP TABLE paq_notes;
@SQLITE@ CREATE TABLE paq_actions_next (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('exercise', 'assessment', 'ad_audit', 'exposure_audit',
                                         'identification', 'incident', 'manual')),
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
-- Issue 16: the DESFire contactless badges check of an establishment (CaRE FAQ): its key
-- scheme (data/identification, desfire.key_schemes), whether it runs its own key management
-- system, whether card encoding and enrolment processes are defined. One row per
-- establishment, replaced by each save.
CREATE TABLE mie_desfire (
  establishment_id @BIGINT@ PRIMARY KEY REFERENCES establishments(id) ON DELETE CASCADE,
  key_scheme TEXT NOT NULL,
  own_kms INTEGER NOT NULL CHECK (own_kms IN (0, 1)),
  processes_defined INTEGER NOT NULL CHECK (processes_defined IN (0, 1)),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT ''
);
