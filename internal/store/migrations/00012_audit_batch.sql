-- A bulk change (a plan imported with its tasks) is one entry that opens
-- into its rows: each row names, in batch_id, the entry that sums the
-- change up. The log stays append-only: adding a column touches no row.
ALTER TABLE audit_log ADD COLUMN batch_id BIGINT;
CREATE INDEX audit_log_batch ON audit_log (batch_id);
-- The log is read by date range and by actor.
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user_name);
