-- Security incidents of an establishment (issue 19; src/incidents/): the register (title,
-- status, the observatory's qualification as JSON {dimension: [values]} on the dimensions of
-- data/incidents/register.yaml), the typed events of each timeline — instants stored in UTC
-- (`at_utc` text, `at_unix` seconds for ordering and durations) with the offset they were typed
-- with — and the staged declarations to the CERT Santé (initial, complementary, final), each
-- frozen once submitted with its date, the portal's reference and the SHA-256 of its content.
CREATE TABLE incidents (
  id @PK@,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'contained', 'closed')),
  qualification TEXT NOT NULL DEFAULT '{}',
  qualified_at TEXT,
  qualified_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);
CREATE INDEX incidents_establishment ON incidents(establishment_id);

CREATE TABLE incident_events (
  id @PK@,
  incident_id @BIGINT@ NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  at_utc TEXT NOT NULL,
  at_unix @BIGINT@ NOT NULL,
  offset_minutes INTEGER NOT NULL CHECK (offset_minutes BETWEEN -840 AND 840),
  service TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incident_events_incident ON incident_events(incident_id, at_unix);

CREATE TABLE incident_declarations (
  id @PK@,
  incident_id @BIGINT@ NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  stage TEXT NOT NULL CHECK (stage IN ('initial', 'complementary', 'final')),
  content TEXT NOT NULL DEFAULT '{}',
  submitted_at TEXT,
  portal_reference TEXT NOT NULL DEFAULT '',
  digest TEXT NOT NULL DEFAULT '',
  submitted_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (incident_id, stage)
);
