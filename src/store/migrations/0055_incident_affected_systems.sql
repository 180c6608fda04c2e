-- Issue 19 trial: the qualification's « Systèmes et services touchés », linked to the
-- establishment's own lists: its registry services (`service`, a code of establishments.services)
-- or one of its IT resources inventoried by the continuity module (`resource_id`). One row per
-- service or resource touched; the set is replaced, in one transaction with its audit entry, when
-- the incident is qualified (incidents/store/repository.cpp qualify).
CREATE TABLE incident_affected_systems (
  id @PK@,
  incident_id @BIGINT@ NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  service TEXT NOT NULL DEFAULT '',
  resource_id @BIGINT@ REFERENCES continuity_resources(id) ON DELETE CASCADE,
  CHECK ((service <> '' AND resource_id IS NULL) OR (service = '' AND resource_id IS NOT NULL))
);
CREATE INDEX incident_affected_systems_incident ON incident_affected_systems(incident_id, id);
