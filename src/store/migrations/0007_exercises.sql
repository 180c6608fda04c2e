-- Crisis exercises (docs/exercises.md): a scenario list that can grow, exercises of an
-- establishment (plan, run, RETEX, declaration), their main courante, their injects and
-- their RETEX items. A held exercise emits one crisis_exercise evidence record (source
-- "crisis_exercise:ID"); RETEX items become PAQ actions (source_ref "exercise:ID:item:N").
CREATE TABLE exercise_scenarios (
  code TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 100
);
INSERT INTO exercise_scenarios (code, label, position) VALUES ('ransomware', 'Rançongiciel', 10);
INSERT INTO exercise_scenarios (code, label, position) VALUES ('data_theft', 'Vol de données', 20);
INSERT INTO exercise_scenarios (code, label, position) VALUES ('supplier_loss', 'Perte d''un fournisseur', 30);
INSERT INTO exercise_scenarios (code, label, position) VALUES ('network_loss', 'Perte du réseau', 40);

CREATE TABLE exercises (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  date TEXT NOT NULL,
  scenario TEXT NOT NULL REFERENCES exercise_scenarios(code),
  format TEXT NOT NULL CHECK (format IN ('table_top', 'live')),
  objectives TEXT NOT NULL DEFAULT '',
  participants TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL CHECK (status IN ('planned', 'running', 'closed')),
  started_at TEXT,
  retex_date TEXT,
  retex_worked TEXT NOT NULL DEFAULT '',
  retex_failed TEXT NOT NULL DEFAULT '',
  retex_decisions TEXT NOT NULL DEFAULT '',
  declared_on TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);
CREATE INDEX exercises_establishment ON exercises(establishment_id, date);

CREATE TABLE exercise_log (
  id @PK@,
  exercise_id @BIGINT@ NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  author TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX exercise_log_exercise ON exercise_log(exercise_id, at, id);

CREATE TABLE exercise_injects (
  id @PK@,
  exercise_id @BIGINT@ NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
  offset_minutes INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  played_at TEXT
);
CREATE INDEX exercise_injects_exercise ON exercise_injects(exercise_id, offset_minutes, id);

CREATE TABLE exercise_retex_items (
  id @PK@,
  exercise_id @BIGINT@ NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  text TEXT NOT NULL,
  priority TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
  UNIQUE (exercise_id, n)
);
