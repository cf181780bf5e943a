-- E-mail and in-app notifications (issue 18, urges).
-- mail_settings: the one row of SMTP settings an administrator keeps
-- (environment variables override it at start-up, see internal/mail).
-- mail_outbox: every message to send. dedupe_key is unique so the same
-- reminder, queued twice by two servers or two runs, is one row. A worker
-- claims a row by writing claimed_by and claimed_until and setting state
-- 'sending'; only the claimant marks it sent. A claim whose claimed_until
-- has passed (its server died while sending) may be claimed again.
-- notifications: what a user sees on their pages, as an i18n key with its
-- arguments (JSON array) or as plain text, with an optional link.

CREATE TABLE mail_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    host TEXT NOT NULL DEFAULT '',
    port INTEGER NOT NULL DEFAULT 587,
    tls_mode TEXT NOT NULL DEFAULT 'starttls',
    username TEXT NOT NULL DEFAULT '',
    password TEXT NOT NULL DEFAULT '',
    from_address TEXT NOT NULL DEFAULT '',
    from_name TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);

CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT '',
    dedupe_key TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    claimed_by TEXT,
    claimed_until TEXT,
    last_error TEXT NOT NULL DEFAULT '',
    sent_at TEXT,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX mail_outbox_dedupe ON mail_outbox (dedupe_key);
CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at);

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    msg_key TEXT NOT NULL DEFAULT '',
    args TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
