-- Yearly budget declarations of establishments (docs/budget.md): the total budget, the
-- digital budget EXCLUDING cybersecurity and the cybersecurity budget, in euro cents. Each
-- declaration emits one budget_declaration evidence record (source "budget_declaration:YEAR").
CREATE TABLE budget_declarations (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  total_cents @BIGINT@ NOT NULL CHECK (total_cents > 0),
  digital_cents @BIGINT@ NOT NULL CHECK (digital_cents >= 0),
  cyber_cents @BIGINT@ NOT NULL CHECK (cyber_cents >= 0),
  declared_on TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT '',
  UNIQUE (establishment_id, year)
);
