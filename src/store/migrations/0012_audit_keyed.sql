-- The audit trail is keyed (issue 10): entries written from now on carry an HMAC under a
-- key kept outside the database (keyed = 1); older entries keep their plain SHA-256 hash
-- (keyed = 0) and are covered by the first signed checkpoint. The client's X-Request-Id is
-- kept apart from the request id the server generates.
ALTER TABLE audit_log ADD COLUMN keyed SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE audit_log ADD COLUMN client_request_id TEXT NOT NULL DEFAULT '';
