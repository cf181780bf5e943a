-- The consolidated report's narrative: what the coordinator edits in the
-- browser before export, one row per plan and period. The tables, rates
-- and task texts are built from the agencies' reports every time.

CREATE TABLE consolidated_narratives (
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    number TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    issued_on TEXT,
    subject TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    assessment TEXT NOT NULL DEFAULT '',
    proposals TEXT NOT NULL DEFAULT '',
    recipients TEXT NOT NULL DEFAULT '',
    signer_authority TEXT NOT NULL DEFAULT '',
    signer_title TEXT NOT NULL DEFAULT '',
    signer_name TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (plan_id, period)
);
