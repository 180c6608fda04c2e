-- Nothing a user recorded is destroyed (issue 12, point 1): PAQ actions, crisis exercises,
-- training campaigns, budget declarations and assessment attachments are withdrawn with a
-- reason, by whom and when, like evidence (0021). A withdrawn row (withdrawn_at not NULL)
-- no longer counts (its derived evidence is withdrawn with it) but stays listed under
-- "retirés" and in the journal.
ALTER TABLE paq_actions ADD COLUMN withdrawn_at TEXT;
ALTER TABLE paq_actions ADD COLUMN withdrawn_by TEXT;
ALTER TABLE paq_actions ADD COLUMN withdrawal_reason TEXT;
ALTER TABLE exercises ADD COLUMN withdrawn_at TEXT;
ALTER TABLE exercises ADD COLUMN withdrawn_by TEXT;
ALTER TABLE exercises ADD COLUMN withdrawal_reason TEXT;
ALTER TABLE training_campaigns ADD COLUMN withdrawn_at TEXT;
ALTER TABLE training_campaigns ADD COLUMN withdrawn_by TEXT;
ALTER TABLE training_campaigns ADD COLUMN withdrawal_reason TEXT;
ALTER TABLE assessment_attachments ADD COLUMN withdrawn_at TEXT;
ALTER TABLE assessment_attachments ADD COLUMN withdrawn_by TEXT;
ALTER TABLE assessment_attachments ADD COLUMN withdrawal_reason TEXT;

-- A budget declaration withdrawn stays; the year can then be declared again: the
-- uniqueness holds only among the current (not withdrawn) declarations. The table is
-- rebuilt (SQLite cannot drop a constraint); ids are not referenced elsewhere (the evidence
-- source names the year).
CREATE TABLE budget_declarations_next (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  total_cents @BIGINT@ NOT NULL CHECK (total_cents > 0),
  digital_cents @BIGINT@ NOT NULL CHECK (digital_cents >= 0),
  cyber_cents @BIGINT@ NOT NULL CHECK (cyber_cents >= 0),
  declared_on TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT '',
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  withdrawal_reason TEXT
);
INSERT INTO budget_declarations_next (establishment_id, year, total_cents, digital_cents,
  cyber_cents, declared_on, updated_at, updated_by)
  SELECT establishment_id, year, total_cents, digital_cents, cyber_cents, declared_on,
         updated_at, updated_by FROM budget_declarations ORDER BY id;
DROP TABLE budget_declarations;
ALTER TABLE budget_declarations_next RENAME TO budget_declarations;
CREATE UNIQUE INDEX budget_declarations_current ON budget_declarations(establishment_id, year)
  WHERE withdrawn_at IS NULL;
