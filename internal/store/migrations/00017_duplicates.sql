-- Reconciliation of the register (issue 17): pairs the coordinator said
-- are two organisations, so the duplicate finder never proposes them
-- again, and the merges of duplicates, read back on the kept
-- organisation's page.
--
-- A distinct pair is stored once, its lower ID first.
CREATE TABLE organisation_distinct (
    low_id BIGINT NOT NULL REFERENCES organisations (id),
    high_id BIGINT NOT NULL REFERENCES organisations (id),
    user_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (low_id, high_id)
);

-- One row per merge: merged_id was folded into kept_id. The years and
-- roles are comma-separated lists: those moved to the kept organisation
-- and those both had, where the kept one's row stayed and the merged
-- one's is left on it, unchanged.
CREATE TABLE organisation_merges (
    id INTEGER PRIMARY KEY,
    kept_id BIGINT NOT NULL REFERENCES organisations (id),
    merged_id BIGINT NOT NULL REFERENCES organisations (id),
    merged_name TEXT NOT NULL,
    merged_code TEXT NOT NULL DEFAULT '',
    years_moved TEXT NOT NULL DEFAULT '',
    years_kept TEXT NOT NULL DEFAULT '',
    statuses_moved INTEGER NOT NULL DEFAULT 0,
    roles_moved TEXT NOT NULL DEFAULT '',
    roles_kept TEXT NOT NULL DEFAULT '',
    user_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX organisation_merges_kept ON organisation_merges (kept_id, id);
CREATE UNIQUE INDEX organisation_merges_merged ON organisation_merges (merged_id);
