-- PostgreSQL gathers a unit filter's matches through a bitmap of the
-- commune indexes, which reads the table rows whatever the indexes hold:
-- nothing to change, the version keeps both backends in step.
SELECT 1;
