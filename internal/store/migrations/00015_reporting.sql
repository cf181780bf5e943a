-- The reporting cycle: the plan's coordinating agency as a link, reporting
-- schedules (the imported duties become schedules), the member agencies of
-- collective designations, and the agencies' reports per period with their
-- task lines and history. "once" was an old word for ad hoc.

ALTER TABLE plans ADD COLUMN coordinator_agency_id BIGINT REFERENCES agencies (id);

UPDATE reporting_duties SET frequency = 'ad_hoc' WHERE frequency = 'once';

CREATE TABLE reporting_schedules (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    duty_id BIGINT REFERENCES reporting_duties (id) ON DELETE SET NULL,
    frequency TEXT NOT NULL,
    cutoff INTEGER NOT NULL DEFAULT 15,
    due_md TEXT NOT NULL DEFAULT '',
    due_after INTEGER NOT NULL DEFAULT 6,
    start_on TEXT,
    end_on TEXT,
    due_on TEXT,
    include_support INTEGER NOT NULL DEFAULT 0,
    recipient TEXT NOT NULL DEFAULT '',
    via TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reporting_schedules_plan ON reporting_schedules (plan_id, id);

INSERT INTO reporting_schedules (plan_id, duty_id, frequency, due_md, recipient, via)
    SELECT plan_id, id, frequency, due_md, recipient, via FROM reporting_duties ORDER BY plan_id, ordinal;

CREATE TABLE designation_members (
    designation_id BIGINT NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    PRIMARY KEY (designation_id, member_id)
);
CREATE INDEX designation_members_member ON designation_members (member_id);

CREATE TABLE report_submissions (
    id INTEGER PRIMARY KEY,
    schedule_id BIGINT NOT NULL REFERENCES reporting_schedules (id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    state TEXT NOT NULL,
    narrative TEXT NOT NULL DEFAULT '',
    difficulties TEXT NOT NULL DEFAULT '',
    proposals TEXT NOT NULL DEFAULT '',
    due_on TEXT NOT NULL,
    -- first_sent_at decides the on-time rate; late marks the last sending.
    first_sent_at TEXT,
    sent_at TEXT,
    late INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX report_submissions_one ON report_submissions (schedule_id, period, agency_id);
CREATE INDEX report_submissions_agency ON report_submissions (agency_id, period);

CREATE TABLE report_task_lines (
    submission_id BIGINT NOT NULL REFERENCES report_submissions (id) ON DELETE CASCADE,
    task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT '',
    done TEXT NOT NULL DEFAULT '',
    figures TEXT NOT NULL DEFAULT '',
    file_id BIGINT REFERENCES files (id),
    budget_estimated BIGINT NOT NULL DEFAULT 0,
    budget_allocated BIGINT NOT NULL DEFAULT 0,
    budget_spent BIGINT NOT NULL DEFAULT 0,
    budget_source TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (submission_id, task_id)
);

CREATE TABLE report_events (
    id INTEGER PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES report_submissions (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    late INTEGER NOT NULL DEFAULT 0,
    user_id BIGINT REFERENCES users (id),
    user_name TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE INDEX report_events_submission ON report_events (submission_id, id);
