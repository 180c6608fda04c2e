-- Issue 19 trial: before the stages alone said « declared », the event form accepted a
-- « declaration_submitted » typed by hand. Those old events still stopped the declaration's
-- clock and counted in the time to declare, and kept the initial stage's transmission from
-- recording its own. They stay in the timeline under their own kind, `declaration_noted`
-- (« Déclaration notée à la main, avant la déclaration par étapes »), which counts for nothing
-- and is never typed again; only the event a transmission recorded (its instant, « Référence du
-- portail : … ») stays `declaration_submitted`.
UPDATE incident_events SET kind = 'declaration_noted'
WHERE kind = 'declaration_submitted' AND NOT EXISTS (
  SELECT 1 FROM incident_declarations d
  WHERE d.incident_id = incident_events.incident_id AND d.stage = 'initial'
    AND d.submitted_at IS NOT NULL AND d.submitted_at = incident_events.at_utc
    AND incident_events.note = 'Référence du portail : ' || d.portal_reference);

-- An initial stage transmitted while a hand-typed event stood in for it: the event its
-- transmission would have recorded (its instant in UTC, offset 0: the pages show Paris time).
@SQLITE@ INSERT INTO incident_events (incident_id, kind, at_utc, at_unix, offset_minutes, service,
  note, created_at, created_by)
SELECT d.incident_id, 'declaration_submitted', d.submitted_at,
  CAST(strftime('%s', d.submitted_at) AS INTEGER), 0, '',
  'Référence du portail : ' || d.portal_reference, d.submitted_at, d.submitted_by
FROM incident_declarations d
WHERE d.stage = 'initial' AND d.submitted_at IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM incident_events e
  WHERE e.incident_id = d.incident_id AND e.kind = 'declaration_submitted');
@POSTGRESQL@ INSERT INTO incident_events (incident_id, kind, at_utc, at_unix, offset_minutes,
  service, note, created_at, created_by)
SELECT d.incident_id, 'declaration_submitted', d.submitted_at,
  CAST(EXTRACT(EPOCH FROM CAST(d.submitted_at AS TIMESTAMPTZ)) AS BIGINT), 0, '',
  'Référence du portail : ' || d.portal_reference, d.submitted_at, d.submitted_by
FROM incident_declarations d
WHERE d.stage = 'initial' AND d.submitted_at IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM incident_events e
  WHERE e.incident_id = d.incident_id AND e.kind = 'declaration_submitted');
