-- Imports read but not yet confirmed. The review screen used to carry the
-- whole parse result in a hidden field and the confirm stored whatever came
-- back; now the result stays here between review and confirm, owned by the
-- user who uploaded it, and the confirm form sends only the editable fields.
-- In the database rather than the session so that it survives a restart and
-- any server sharing the database can take the confirm. plan_id and
-- confirmed_at are set by the one confirm that may succeed.

CREATE TABLE pending_imports (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    source_name TEXT NOT NULL,
    result TEXT NOT NULL,
    source_lines TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    confirmed_at TEXT,
    plan_id BIGINT REFERENCES plans (id) ON DELETE SET NULL
);
CREATE INDEX pending_imports_expires ON pending_imports (expires_at);
