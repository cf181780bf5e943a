-- What an imported plan document adds: where and by whom it was signed,
-- the coordinating agency, the documents it implements, its measurable
-- targets, its reporting duties, and the task table's extra columns.

ALTER TABLE plans ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN field TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN signer_title TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN coordinator TEXT NOT NULL DEFAULT '';

ALTER TABLE tasks ADD COLUMN extra_json TEXT NOT NULL DEFAULT '';

CREATE TABLE plan_implements (
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    number TEXT NOT NULL,
    doc_type TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    issued_on TEXT,
    PRIMARY KEY (plan_id, ordinal)
);

CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    parent_id BIGINT REFERENCES targets (id),
    text TEXT NOT NULL,
    measure TEXT NOT NULL DEFAULT '',
    comparator TEXT NOT NULL DEFAULT '',
    value DOUBLE PRECISION,
    value_max DOUBLE PRECISION,
    unit TEXT NOT NULL DEFAULT '',
    due TEXT
);
CREATE INDEX targets_plan ON targets (plan_id, ordinal);

CREATE TABLE reporting_duties (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    frequency TEXT NOT NULL,
    due_md TEXT NOT NULL DEFAULT '',
    recipient TEXT NOT NULL DEFAULT '',
    via TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reporting_duties_plan ON reporting_duties (plan_id, ordinal);
