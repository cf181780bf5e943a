-- Revisions of what task lists show. A plan's rev is bumped in the same
-- transaction as a progress entry on one of its tasks; an agency's rev in
-- the same statement that edits it. Cached lists are keyed by them (see
-- store/version.go), so every server sharing the database sees a change at
-- once.

ALTER TABLE plans ADD COLUMN rev BIGINT NOT NULL DEFAULT 0;

ALTER TABLE agencies ADD COLUMN rev BIGINT NOT NULL DEFAULT 0;
