-- Task edits and adjustment proposals (issue 18).
-- plans.shape_rev: a revision of what progress does not change (which
-- tasks a plan has, their text, timeframes and agencies). Task lists keep
-- such data under the plan's shape (store/version.go); every edit bumps
-- this in its transaction, so no server shows a task as it was.
-- tasks.dropped_on and drop_decision: a dropped task stays, marked, with
-- the decision that dropped it.
-- task_revisions: every change to a task after import, with its before
-- and after, who made it and why, shown on the task page.
-- task_proposals: an agency officer's request to adjust a task its agency
-- leads (đề xuất điều chỉnh), and the coordinator's decision on it.

ALTER TABLE plans ADD COLUMN shape_rev BIGINT NOT NULL DEFAULT 0;

ALTER TABLE tasks ADD COLUMN dropped_on TEXT;

ALTER TABLE tasks ADD COLUMN drop_decision TEXT NOT NULL DEFAULT '';

CREATE TABLE task_proposals (
    id INTEGER PRIMARY KEY,
    task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    user_id BIGINT REFERENCES users (id),
    user_name TEXT NOT NULL DEFAULT '',
    -- What is asked, NULL where the proposal leaves it as it is; lead_ids
    -- is a JSON array of agency IDs.
    content TEXT,
    timeframe TEXT,
    lead_ids TEXT,
    drop_task INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    decided_by BIGINT REFERENCES users (id),
    decided_name TEXT NOT NULL DEFAULT '',
    decided_at TEXT,
    comment TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX task_proposals_task ON task_proposals (task_id, id);
CREATE INDEX task_proposals_agency ON task_proposals (agency_id, id);

CREATE TABLE task_revisions (
    id INTEGER PRIMARY KEY,
    task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    proposal_id BIGINT REFERENCES task_proposals (id),
    user_id BIGINT REFERENCES users (id),
    user_name TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE INDEX task_revisions_task ON task_revisions (task_id, id);
