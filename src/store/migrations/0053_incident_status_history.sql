-- Issue 19 trial: an incident's status had no date of its own; the timeline read the instants
-- of its changes back from the audit trail's summary text. The dated history of its statuses
-- (open, contained, closed): the status set, when and by whom, written in the transaction of
-- the change (incidents/store/repository.cpp set_status); the opening is its first row.
CREATE TABLE incident_status_changes (
  id @PK@,
  incident_id @BIGINT@ NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('open', 'contained', 'closed')),
  at TEXT NOT NULL,
  changed_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incident_status_changes_incident ON incident_status_changes(incident_id, id);

-- Backfill, oldest first: each incident's opening, then the changes the audit trail recorded
-- (set_status's summary ended with « : statut « LABEL » »; entity `incident`, action `update`).
INSERT INTO incident_status_changes (incident_id, status, at, changed_by)
SELECT id, 'open', created_at, created_by FROM incidents ORDER BY id;

INSERT INTO incident_status_changes (incident_id, status, at, changed_by)
SELECT i.id,
  CASE WHEN a.summary LIKE '% : statut « Ouvert »' THEN 'open'
       WHEN a.summary LIKE '% : statut « Confiné »' THEN 'contained'
       ELSE 'closed' END,
  a.at, a.actor
FROM audit_log a JOIN incidents i ON CAST(i.id AS TEXT) = a.entity_key
WHERE a.entity = 'incident' AND a.action = 'update' AND (a.summary LIKE '% : statut « Ouvert »'
  OR a.summary LIKE '% : statut « Confiné »' OR a.summary LIKE '% : statut « Clos »')
ORDER BY a.seq;

-- An incident whose latest row is not its status (changed before the audit trail said it):
-- its status at its last change.
INSERT INTO incident_status_changes (incident_id, status, at, changed_by)
SELECT i.id, i.status, COALESCE(i.closed_at, i.updated_at), ''
FROM incidents i
WHERE i.status <> (SELECT c.status FROM incident_status_changes c WHERE c.incident_id = i.id
                   ORDER BY c.id DESC LIMIT 1)
ORDER BY i.id;

-- A closed incident's last closure is dated by `closed_at` (the demo dates its closure in the
-- past; the audit trail has the instant it was recorded).
UPDATE incident_status_changes SET at = (
  SELECT i.closed_at FROM incidents i WHERE i.id = incident_status_changes.incident_id)
WHERE status = 'closed' AND id = (
  SELECT MAX(c.id) FROM incident_status_changes c
  WHERE c.incident_id = incident_status_changes.incident_id)
AND EXISTS (SELECT 1 FROM incidents i WHERE i.id = incident_status_changes.incident_id
            AND i.status = 'closed' AND i.closed_at IS NOT NULL);
