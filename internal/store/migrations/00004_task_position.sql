-- A task's place in its plan as one stored number (group ordinal × 10⁶ +
-- task ordinal), so that an index can hand out a plan's tasks in order:
-- ordering by the group's ordinal, which lives in another table, made the
-- database sort the whole plan for every page of a long one.

ALTER TABLE tasks ADD COLUMN position BIGINT NOT NULL DEFAULT 0;

UPDATE tasks SET position = (SELECT g.ordinal FROM task_groups g WHERE g.id = tasks.group_id) * 1000000 + ordinal;

CREATE INDEX tasks_plan_position ON tasks (plan_id, position);
