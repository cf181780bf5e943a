-- How each measurable target of a plan is checked (issue 19): the
-- indicator it is linked to, its comparator and value or range, the
-- baseline the straight path starts from, the deadline and the unit.
-- One link per target; the coordinator edits it, audited as
-- "target_link". A target re-imported away takes its link with it.

CREATE TABLE target_links (
    target_id BIGINT NOT NULL PRIMARY KEY REFERENCES targets (id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    comparator TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    value_max DOUBLE PRECISION,
    baseline_year INTEGER NOT NULL,
    baseline_value DOUBLE PRECISION,
    deadline TEXT NOT NULL,
    scope TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
