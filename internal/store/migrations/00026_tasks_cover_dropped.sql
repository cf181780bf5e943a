-- The task lists' covering index gains dropped_on. A task's status as the
-- lists and the plan dashboard compute it (statusSQL: a dropped task is
-- never overdue) reads it, so without it every count of a plan's tasks by
-- status went to the table for each row; with it the dashboard's one pass
-- over a plan's tasks reads the index alone.

DROP INDEX tasks_plan_cover;

CREATE INDEX tasks_plan_cover ON tasks (plan_id, position, status, tf_due, done_on, group_id, rev, dropped_on);
