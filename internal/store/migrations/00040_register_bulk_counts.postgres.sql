-- A register import counts the organisations it inserts in the portal's
-- cells set-wise, in one statement for many chunks
-- (RegisterImporter.countInserted), as the SQLite bulk path of migration
-- 00029 counts them a chunk at a time. Its INSERT statements into
-- organisations run with the transaction-local setting
-- hoptac.register_bulk 'on', set just before them and cleared just
-- after: only then do these two per-row triggers skip. At 200,000 new organisations the per-row
-- counts cost 7 s of a 70 s import, and the deferred portal mark queued
-- one event a row for the commit.
DROP TRIGGER portal_counts_ins ON organisations;
CREATE TRIGGER portal_counts_ins AFTER INSERT ON organisations
FOR EACH ROW WHEN (NEW.status = 'active' AND current_setting('hoptac.register_bulk', true) IS DISTINCT FROM 'on')
EXECUTE FUNCTION portal_counts_apply();
DROP TRIGGER organisations_portal ON organisations;
CREATE CONSTRAINT TRIGGER organisations_portal AFTER INSERT OR UPDATE OR DELETE ON organisations
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (current_setting('hoptac.register_bulk', true) IS DISTINCT FROM 'on')
EXECUTE FUNCTION portal_register_touch();
