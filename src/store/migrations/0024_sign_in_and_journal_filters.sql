-- Users at national scale and the journal's filters (issue 12, points 11 and 12): the time of
-- each account's last sign-in (NULL: never signed in), and indexes for the journal filtered
-- by author or by kind of object, newest first.
ALTER TABLE users ADD COLUMN last_sign_in_at TEXT;
CREATE INDEX audit_log_actor ON audit_log(actor, seq);
CREATE INDEX audit_log_entity ON audit_log(entity, seq);
