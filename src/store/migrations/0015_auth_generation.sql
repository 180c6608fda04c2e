-- A per-user counter of the changes that must end cached sessions and API tokens (sign-out,
-- password change, disabling, role or scope change, token revocation). Each such change
-- bumps it inside its own transaction; the authentication cache of every instance re-reads
-- it at most every few hundred milliseconds (docs/auth.md, "Cache of sessions").
ALTER TABLE users ADD COLUMN auth_generation @BIGINT@ NOT NULL DEFAULT 0;
