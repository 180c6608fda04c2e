-- Personal calendar subscription URLs: a calendar application fetches the deadlines of its
-- owner's scope without a session. One active secret per user, kept as the SHA-256 digest of
-- the raw token (shown once); a new one revokes the previous one; revoked rows stay.
CREATE TABLE calendar_feeds (
  id @PK@,
  user_id @BIGINT@ NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
);
CREATE INDEX calendar_feeds_user ON calendar_feeds(user_id);
