-- The portal's home shows the register by province and legal form only
-- (issue 19). Summing the 37,870 cells of portal_counts and placing their
-- 3,636 communes on every cold home cost more than the page's budget on
-- PostgreSQL, so the totals are kept at that grain: active organisations
-- per province in force and form, the province code '' being the
-- organisations placed in no province (store.PortalPlaces' rule). The
-- table follows portal_counts, which every write path of the register
-- already keeps, through triggers on portal_counts; a cell's change is
-- placed with one indexed lookup of its commune.
--
-- A unit import can move every commune at once, so it does not rebuild
-- here: the totals are valid for the units' revision recorded as
-- 'provinces' in portal_revs, and the first read that finds it behind
-- 'units' rebuilds them (store.PortalProvinceCounts). -1 makes the first
-- read after this migration fill the table. A row whose count falls to
-- zero stays, at zero; readers skip it.
CREATE TABLE portal_province_counts (
    province_code TEXT NOT NULL,
    form TEXT NOT NULL,
    province_name TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (province_code, form)
);
INSERT INTO portal_revs (name, rev) VALUES ('provinces', -1);

-- The place of a cell (code, valid_from) is the commune unit that carried
-- the code on that day, else the latest before; its province when that
-- unit is in force, else none (store.portalPlaces reads the same).
-- begin block
CREATE TRIGGER portal_province_counts_ins AFTER INSERT ON portal_counts WHEN new.n <> 0
BEGIN
    INSERT INTO portal_province_counts (province_code, form, province_name, n)
    SELECT COALESCE(CASE WHEN u.valid_to IS NOT NULL THEN '' WHEN d.level = 'province' THEN d.code ELSE pv.code END, ''),
        new.form,
        COALESCE(CASE WHEN u.valid_to IS NOT NULL THEN '' WHEN d.level = 'province' THEN d.name ELSE pv.name END, ''),
        new.n
    FROM (SELECT 1) one
    LEFT JOIN units u ON u.id = (SELECT c.id FROM units c WHERE c.level = 'commune' AND c.code = new.code
        AND COALESCE(c.valid_from, '') <= COALESCE(NULLIF(new.valid_from, ''), '9999-12-31')
        ORDER BY COALESCE(c.valid_from, '') DESC LIMIT 1)
    LEFT JOIN units d ON d.id = u.parent_id
    LEFT JOIN units pv ON pv.id = d.parent_id
    WHERE TRUE
    ON CONFLICT (province_code, form) DO UPDATE SET n = n + excluded.n;
END;
-- end block
-- The application changes only a cell's n (its key is what it counts);
-- the UPSERT of the organisations' triggers is an update here.
-- begin block
CREATE TRIGGER portal_province_counts_upd AFTER UPDATE OF n ON portal_counts WHEN new.n <> old.n
BEGIN
    INSERT INTO portal_province_counts (province_code, form, province_name, n)
    SELECT COALESCE(CASE WHEN u.valid_to IS NOT NULL THEN '' WHEN d.level = 'province' THEN d.code ELSE pv.code END, ''),
        new.form,
        COALESCE(CASE WHEN u.valid_to IS NOT NULL THEN '' WHEN d.level = 'province' THEN d.name ELSE pv.name END, ''),
        new.n - old.n
    FROM (SELECT 1) one
    LEFT JOIN units u ON u.id = (SELECT c.id FROM units c WHERE c.level = 'commune' AND c.code = new.code
        AND COALESCE(c.valid_from, '') <= COALESCE(NULLIF(new.valid_from, ''), '9999-12-31')
        ORDER BY COALESCE(c.valid_from, '') DESC LIMIT 1)
    LEFT JOIN units d ON d.id = u.parent_id
    LEFT JOIN units pv ON pv.id = d.parent_id
    WHERE TRUE
    ON CONFLICT (province_code, form) DO UPDATE SET n = n + excluded.n;
END;
-- end block
-- Cells are deleted at zero; one deleted with a count takes it away.
-- begin block
CREATE TRIGGER portal_province_counts_del AFTER DELETE ON portal_counts WHEN old.n <> 0
BEGIN
    INSERT INTO portal_province_counts (province_code, form, province_name, n)
    SELECT COALESCE(CASE WHEN u.valid_to IS NOT NULL THEN '' WHEN d.level = 'province' THEN d.code ELSE pv.code END, ''),
        old.form,
        COALESCE(CASE WHEN u.valid_to IS NOT NULL THEN '' WHEN d.level = 'province' THEN d.name ELSE pv.name END, ''),
        -old.n
    FROM (SELECT 1) one
    LEFT JOIN units u ON u.id = (SELECT c.id FROM units c WHERE c.level = 'commune' AND c.code = old.code
        AND COALESCE(c.valid_from, '') <= COALESCE(NULLIF(old.valid_from, ''), '9999-12-31')
        ORDER BY COALESCE(c.valid_from, '') DESC LIMIT 1)
    LEFT JOIN units d ON d.id = u.parent_id
    LEFT JOIN units pv ON pv.id = d.parent_id
    WHERE TRUE
    ON CONFLICT (province_code, form) DO UPDATE SET n = n + excluded.n;
END;
-- end block
