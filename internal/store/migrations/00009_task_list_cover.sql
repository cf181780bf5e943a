-- A covering index for task lists: a plan's tasks in order with every
-- column that decides their status (status, due date, day done) and their
-- group. Counting a plan's tasks, filtering them by status and finding
-- where page N starts then read only this index, never the tasks' rows:
-- a page's cost no longer grows with its number, nor a total with the plan.

CREATE INDEX tasks_plan_cover ON tasks (plan_id, position, status, tf_due, done_on, group_id);
