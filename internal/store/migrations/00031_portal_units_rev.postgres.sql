-- The portal places each commune of its counts in a province through the
-- unit lists (store.PortalPlaces). Those lists change only with a unit
-- import, never with a register write, so the portal keeps them in
-- process under their own revision, 'units', moved by every write to the
-- units: a cold home after a register write reads only the sums.
-- The revision moves once per transaction (a transaction-local setting
-- remembers it): a unit import writing thousands of rows would otherwise
-- update one row thousands of times in one transaction, and PostgreSQL
-- keeps every version of it until the end (see 00028).
INSERT INTO portal_revs (name, rev) VALUES ('units', 0);
-- begin block
CREATE FUNCTION portal_units_touch() RETURNS trigger AS $$
BEGIN
    IF COALESCE(current_setting('hoptac.units_touched', true), '') <> 'y' THEN
        PERFORM set_config('hoptac.units_touched', 'y', true);
        UPDATE portal_revs SET rev = rev + 1 WHERE name = 'units';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
-- begin block
CREATE TRIGGER units_portal_units AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
FOR EACH STATEMENT EXECUTE FUNCTION portal_units_touch();
-- end block
