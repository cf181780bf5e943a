-- Accounts and access (issue 16).
-- must_change_password: a one-time password (a new account, the demo's, an
-- administrator's reset) lets its holder do nothing but choose their own.
-- sessions.user_id: whose session a row is, so a user can see and end their
-- sessions and disabling an account ends its sessions in the database,
-- which every server sharing it reads on each request. created_at, seen_at
-- and agent are what the "active sessions" list shows.
-- api_tokens: a name, an optional expiry, when it was last used, and when it
-- was revoked; a revoked token keeps its row for the audit trail.

ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;

ALTER TABLE sessions ADD COLUMN user_id BIGINT;
ALTER TABLE sessions ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN seen_at TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN agent TEXT NOT NULL DEFAULT '';
CREATE INDEX sessions_user ON sessions (user_id);

ALTER TABLE api_tokens ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT;
ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT;
CREATE INDEX api_tokens_user ON api_tokens (user_id);
