-- Sessions are found by SHA-256 of their token, as API tokens are, so the
-- table (and every backup of it) holds nothing a browser could present.
-- Stored plain tokens are dropped: their holders log in again.

DELETE FROM sessions;

ALTER TABLE sessions RENAME COLUMN token TO token_hash;
