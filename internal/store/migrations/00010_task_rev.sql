-- A revision per task, bumped with every progress entry on it. A page of
-- tasks is put together from rows kept in memory under (task, rev), so a
-- progress entry makes one row be read again, not every page of its plan.
-- The covering index of task lists gains the column, so a page's IDs and
-- revisions come from the index alone.

ALTER TABLE tasks ADD COLUMN rev BIGINT NOT NULL DEFAULT 0;

DROP INDEX tasks_plan_cover;

CREATE INDEX tasks_plan_cover ON tasks (plan_id, position, status, tf_due, done_on, group_id, rev);
