-- Task search by index (issue 15). pg_trgm's GIN index serves
-- "search_fold LIKE '%q%'" directly (the database rechecks each candidate,
-- so results stay exact substring matches). pg_trgm is a trusted extension
-- (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX tasks_search_trgm ON tasks USING gin (search_fold gin_trgm_ops);
