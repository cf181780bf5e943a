-- PostgreSQL only (see the .postgres.sql of this number): SQLite's
-- import has skipped these per-row triggers under its bulk guard since
-- migration 00029.
SELECT 1;
