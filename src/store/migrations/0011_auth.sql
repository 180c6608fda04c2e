-- Accounts, sessions, API tokens, invitations and login throttling (docs/auth.md).
-- A user holds one role on one scope: scope_level names which of region_code, ght_id,
-- establishment_id is set.
CREATE TABLE users (
  id @PK@,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  scope_level TEXT NOT NULL CHECK (scope_level IN ('nation', 'region', 'ght', 'establishment')),
  region_code TEXT NOT NULL DEFAULT '',
  ght_id @BIGINT@ NOT NULL DEFAULT 0,
  establishment_id @BIGINT@ NOT NULL DEFAULT 0,
  totp_secret TEXT NOT NULL DEFAULT '',
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  totp_last_step @BIGINT@ NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE recovery_codes (
  id @PK@,
  user_id @BIGINT@ NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);

-- Server-side sessions: the cookie carries a random id, the table its SHA-256.
-- stage: 'password' (second factor still to pass or to enrol) or 'full'.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id @BIGINT@ NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  stage TEXT NOT NULL CHECK (stage IN ('password', 'full')),
  csrf TEXT NOT NULL,
  created_at_s @BIGINT@ NOT NULL,
  last_seen_s @BIGINT@ NOT NULL,
  remote TEXT NOT NULL DEFAULT '',
  pending_secret TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id @PK@,
  user_id @BIGINT@ NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  role TEXT NOT NULL,
  scope_level TEXT NOT NULL,
  region_code TEXT NOT NULL DEFAULT '',
  ght_id @BIGINT@ NOT NULL DEFAULT 0,
  establishment_id @BIGINT@ NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  expires_on TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE invitations (
  id @PK@,
  token_hash TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  scope_level TEXT NOT NULL,
  region_code TEXT NOT NULL DEFAULT '',
  ght_id @BIGINT@ NOT NULL DEFAULT 0,
  establishment_id @BIGINT@ NOT NULL DEFAULT 0,
  invited_by @BIGINT@ NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  expires_at_s @BIGINT@ NOT NULL,
  used_at TEXT
);

-- Failed logins per key ("account:<email>" or "address:<ip>"): progressive delays.
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_s @BIGINT@ NOT NULL,
  locked_until_s @BIGINT@ NOT NULL
);
