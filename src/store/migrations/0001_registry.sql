-- Regions (ARS), GHTs and establishments with the services they run.
-- Tokens: @PK@ (auto-increment primary key), @BIGINT@ (64-bit integer), replaced per backend.
CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE ghts (
  id @PK@,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE establishments (
  id @PK@,
  finess_et TEXT NOT NULL UNIQUE,
  finess_ej TEXT NOT NULL,
  name TEXT NOT NULL,
  name_search TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('sanitaire', 'medico_social')),
  type TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  department TEXT NOT NULL,
  city TEXT NOT NULL DEFAULT '',
  ght_id @BIGINT@ REFERENCES ghts(id),
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE INDEX establishments_name ON establishments(name_search);
CREATE INDEX establishments_region ON establishments(region_code, name_search);
CREATE INDEX establishments_ght ON establishments(ght_id, name_search);
CREATE INDEX establishments_ej ON establishments(finess_ej);

CREATE TABLE establishment_services (
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  service TEXT NOT NULL,
  PRIMARY KEY (establishment_id, service)
);
