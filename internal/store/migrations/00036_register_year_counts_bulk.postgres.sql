-- PostgreSQL keeps its register counts without per-row triggers (00030):
-- nothing to change, the version keeps both backends in step.
SELECT 1;
