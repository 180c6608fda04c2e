-- Staff cybersecurity training (docs/training.md): per establishment and year, the staff
-- categories with their headcount and the people trained (distinct people, with initial and
-- continuing training as sub-counts); awareness campaigns (phishing simulations, e-learning,
-- sessions …). Saving a year emits one training_coverage evidence record (source
-- "training_coverage:YEAR").
CREATE TABLE training_years (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  recorded_on TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT '',
  UNIQUE (establishment_id, year)
);

CREATE TABLE training_categories (
  id @PK@,
  year_id @BIGINT@ NOT NULL REFERENCES training_years(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  headcount INTEGER NOT NULL CHECK (headcount >= 0),
  trained INTEGER NOT NULL CHECK (trained >= 0 AND trained <= headcount),
  trained_initial INTEGER NOT NULL CHECK (trained_initial >= 0 AND trained_initial <= trained),
  trained_continuing INTEGER NOT NULL CHECK (trained_continuing >= 0 AND trained_continuing <= trained)
);
CREATE INDEX training_categories_year ON training_categories(year_id, position);

CREATE TABLE training_campaigns (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('phishing', 'elearning', 'session', 'poster', 'other')),
  audience TEXT NOT NULL DEFAULT '',
  targeted INTEGER,
  participants INTEGER,
  emails_sent INTEGER,
  clicks INTEGER,
  credentials INTEGER,
  reports INTEGER,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX training_campaigns_establishment ON training_campaigns(establishment_id, date);
