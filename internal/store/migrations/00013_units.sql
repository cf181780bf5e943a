-- Administrative units across the reform of 1 July 2025 (issue 17).
-- A unit is its level, its official code and its validity together: codes
-- were reused (old 10507 is Phường Cẩm Thượng, Hải Dương; new 10507 is
-- Phường Thành Đông, Hải Phòng). Codes are TEXT: their leading zeros
-- matter. valid_from NULL means in force since before the records begin
-- (the pre-reform list gives no start); valid_to NULL means in force now.
-- name is the full name ("Phường Cẩm Thượng"), short_name the bare one
-- ("Cẩm Thượng"), name_fold the folded full name that search matches.
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    level TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    name_fold TEXT NOT NULL,
    valid_from TEXT,
    valid_to TEXT,
    parent_id BIGINT REFERENCES units (id)
);
-- One unit per level, code and start; COALESCE because both backends let
-- NULLs repeat in a unique index.
CREATE UNIQUE INDEX units_identity ON units (level, code, COALESCE(valid_from, ''));
CREATE INDEX units_code ON units (code);
CREATE INDEX units_parent ON units (parent_id);

-- An old unit's successors after the reform: the whole of it went into
-- one new unit (full), or parts of it into several (partial).
CREATE TABLE unit_successors (
    unit_id BIGINT NOT NULL REFERENCES units (id),
    successor_id BIGINT NOT NULL REFERENCES units (id),
    share TEXT NOT NULL,
    PRIMARY KEY (unit_id, successor_id)
);
CREATE INDEX unit_successors_successor ON unit_successors (successor_id);

-- UBND xã X belongs to commune X.
ALTER TABLE agencies ADD COLUMN unit_id BIGINT REFERENCES units (id);
