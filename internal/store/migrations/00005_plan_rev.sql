-- A plan's revision: bumped in the same transaction as every change to what
-- its task lists show (progress, agencies). Cached lists are keyed by it, so
-- every server sharing the database sees a change at once.

ALTER TABLE plans ADD COLUMN rev BIGINT NOT NULL DEFAULT 0;
