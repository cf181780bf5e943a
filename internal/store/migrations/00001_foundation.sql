-- The foundation schema: agencies, plans and their tasks, progress, users,
-- sessions, API tokens and the audit log. Written once for SQLite and
-- PostgreSQL (see dialect.go for the two rewrites). Dates are TEXT
-- YYYY-MM-DD and times TEXT in UTC, fixed width, so they compare as strings
-- on both backends. *_fold columns hold the diacritic-free lower-case copy
-- that search uses; sort_key holds the Vietnamese collation key.

CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_fold TEXT NOT NULL,
    search_fold TEXT NOT NULL,
    sort_key BLOB NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    collective INTEGER NOT NULL DEFAULT 0,
    valid_from TEXT,
    valid_to TEXT,
    successor_id BIGINT REFERENCES agencies (id),
    successor_since TEXT,
    flagged INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX agencies_name_fold ON agencies (name_fold);
CREATE INDEX agencies_sort ON agencies (sort_key);

CREATE TABLE agency_aliases (
    agency_id BIGINT NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    alias_fold TEXT NOT NULL,
    PRIMARY KEY (agency_id, alias_fold)
);
CREATE INDEX agency_aliases_fold ON agency_aliases (alias_fold);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    agency_id BIGINT REFERENCES agencies (id),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);

CREATE TABLE sessions (
    token TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    expiry BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL DEFAULT '',
    doc_type TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    issuer TEXT NOT NULL DEFAULT '',
    issued_on TEXT,
    signer TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    search_fold TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE task_groups (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    title TEXT NOT NULL
);
CREATE UNIQUE INDEX task_groups_plan ON task_groups (plan_id, ordinal);

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES task_groups (id) ON DELETE CASCADE,
    code TEXT NOT NULL DEFAULT '',
    ordinal INTEGER NOT NULL,
    content TEXT NOT NULL,
    search_fold TEXT NOT NULL,
    tf_kind TEXT NOT NULL,
    tf_start TEXT,
    tf_due TEXT,
    tf_text TEXT NOT NULL DEFAULT '',
    -- The latest recorded status and the day it became done; overdue and
    -- done-late are computed from these and tf_due, never stored.
    status TEXT NOT NULL DEFAULT 'not_started',
    percent INTEGER,
    done_on TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX tasks_plan ON tasks (plan_id, ordinal);
CREATE INDEX tasks_group ON tasks (group_id, ordinal);

CREATE TABLE task_agencies (
    task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    role TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    PRIMARY KEY (task_id, role, agency_id)
);
CREATE INDEX task_agencies_agency ON task_agencies (agency_id, task_id);

CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    user_id BIGINT REFERENCES users (id),
    created_at TEXT NOT NULL
);

CREATE TABLE progress (
    id INTEGER PRIMARY KEY,
    task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    percent INTEGER,
    note TEXT NOT NULL DEFAULT '',
    evidence_url TEXT NOT NULL DEFAULT '',
    file_id BIGINT REFERENCES files (id),
    user_id BIGINT REFERENCES users (id),
    user_name TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX progress_task ON progress (task_id, id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id BIGINT,
    user_name TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
