-- Issue 19, what 0046 left undone. The files joined to an incident (checked by
-- common/attachment.hpp: type by extension and content, 5 Mio at most), base64 with their
-- SHA-256, optionally linked to an event of its timeline; never deleted: withdrawn with a reason
-- (store/withdrawal.hpp, hence the establishment's id on the row), kept and shown as withdrawn.
-- And the instant an incident was closed (its place in the establishment's history), set when
-- its status becomes closed and cleared when it is reopened; the incidents already closed take
-- the instant of their last change.
CREATE TABLE incident_attachments (
  id @PK@,
  incident_id @BIGINT@ NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  establishment_id @BIGINT@ NOT NULL REFERENCES establishments(id) ON DELETE CASCADE,
  event_id @BIGINT@ REFERENCES incident_events(id) ON DELETE CASCADE,
  description TEXT NOT NULL DEFAULT '',
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes @BIGINT@ NOT NULL CHECK (size_bytes > 0),
  sha256 TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  withdrawal_reason TEXT
);
CREATE INDEX incident_attachments_incident ON incident_attachments(incident_id, id);

ALTER TABLE incidents ADD COLUMN closed_at TEXT;
UPDATE incidents SET closed_at = updated_at WHERE status = 'closed';
