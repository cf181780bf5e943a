-- The portal places each commune of its counts in a province through the
-- unit lists (store.PortalPlaces). Those lists change only with a unit
-- import, never with a register write, so the portal keeps them in
-- process under their own revision, 'units', moved by every write to the
-- units: a cold home after a register write reads only the sums.
INSERT INTO portal_revs (name, rev) VALUES ('units', 0);
-- begin block
CREATE TRIGGER units_portal_units_ins AFTER INSERT ON units
BEGIN
    UPDATE portal_revs SET rev = rev + 1 WHERE name = 'units';
END;
-- end block
-- begin block
CREATE TRIGGER units_portal_units_upd AFTER UPDATE ON units
BEGIN
    UPDATE portal_revs SET rev = rev + 1 WHERE name = 'units';
END;
-- end block
-- begin block
CREATE TRIGGER units_portal_units_del AFTER DELETE ON units
BEGIN
    UPDATE portal_revs SET rev = rev + 1 WHERE name = 'units';
END;
-- end block
