-- The quality improvement plan (PAQ): actions of an establishment and their progress notes
-- (docs/paq.md). Each action emits one paq_action evidence record (source "paq_action:ID").
CREATE TABLE paq_actions (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('exercise', 'assessment', 'ad_audit', 'incident', 'manual')),
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
  updated_on TEXT NOT NULL
);
CREATE INDEX paq_actions_establishment ON paq_actions(establishment_id, status);

CREATE TABLE paq_notes (
  id @PK@,
  action_id @BIGINT@ NOT NULL REFERENCES paq_actions(id) ON DELETE CASCADE,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX paq_notes_action ON paq_notes(action_id, id);
