-- The portal's home shows the register by province and legal form only
-- (issue 19). Summing the 37,870 cells of portal_counts and placing their
-- 3,636 communes on every cold home cost more than the page's budget on
-- PostgreSQL, so the totals are kept at that grain: active organisations
-- per province in force and form, the province code '' being the
-- organisations placed in no province (store.PortalPlaces' rule). The
-- table follows portal_counts, which every write path of the register
-- already keeps.
--
-- A unit import can move every commune at once, so it does not rebuild
-- here: the totals are valid for the units' revision recorded as
-- 'provinces' in portal_revs, and the first read that finds it behind
-- 'units' rebuilds them (store.PortalProvinceCounts), holding the table
-- in EXCLUSIVE mode so that no transaction adds its changes meanwhile.
-- -1 makes the first read after this migration fill the table. A row
-- whose count falls to zero stays, at zero; readers skip it.
CREATE TABLE portal_province_counts (
    province_code TEXT NOT NULL,
    form TEXT NOT NULL,
    province_name TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (province_code, form)
);
INSERT INTO portal_revs (name, rev) VALUES ('provinces', -1);

-- Every write in a province would otherwise update one of a few hundred
-- rows, holding its lock to commit (two writers in one province and form
-- would wait for each other), and an import would update the same rows
-- hundreds of thousands of times in one transaction, each version kept to
-- its end (see 00028). As register_year_counts does (00030), each change
-- of a cell is appended to portal_province_pending under the
-- transaction's id, with a row marked first whose deferred trigger adds
-- the transaction's changes up at commit: placed once per commune, in
-- key order (so two writers lock rows in one order), and removes them.
CREATE TABLE portal_province_pending (
    tx BIGINT NOT NULL,
    code TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    form TEXT NOT NULL,
    d BIGINT NOT NULL,
    first BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX portal_province_pending_tx ON portal_province_pending (tx);

-- begin block
CREATE FUNCTION portal_province_note() RETURNS trigger AS $$
DECLARE
    c TEXT;
    f TEXT;
    frm TEXT;
    delta BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        c := OLD.code; f := OLD.valid_from; frm := OLD.form; delta := -OLD.n;
    ELSIF TG_OP = 'INSERT' THEN
        c := NEW.code; f := NEW.valid_from; frm := NEW.form; delta := NEW.n;
    ELSE
        c := NEW.code; f := NEW.valid_from; frm := NEW.form; delta := NEW.n - OLD.n;
    END IF;
    IF delta = 0 THEN
        RETURN NULL;
    END IF;
    IF COALESCE(current_setting('hoptac.portal_provinces_marked', true), '') <> '1' THEN
        INSERT INTO portal_province_pending (tx, code, valid_from, form, d, first)
        VALUES (txid_current(), '', '', '', 0, TRUE);
        PERFORM set_config('hoptac.portal_provinces_marked', '1', true);
    END IF;
    INSERT INTO portal_province_pending (tx, code, valid_from, form, d) VALUES (txid_current(), c, f, frm, delta);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
-- The application changes only a cell's n (its key is what it counts);
-- the UPSERT of the organisations' triggers is an update here.
CREATE TRIGGER portal_province_note AFTER INSERT OR UPDATE OF n OR DELETE ON portal_counts
FOR EACH ROW EXECUTE FUNCTION portal_province_note();

-- The place of a cell (code, valid_from) is the commune unit that carried
-- the code on that day, else the latest before; its province when that
-- unit is in force, else none (store.portalPlaces reads the same).
-- begin block
CREATE FUNCTION portal_province_fold() RETURNS trigger AS $$
BEGIN
    INSERT INTO portal_province_counts (province_code, form, province_name, n)
    SELECT COALESCE(CASE WHEN u.valid_to IS NOT NULL THEN '' WHEN d.level = 'province' THEN d.code ELSE pv.code END, ''),
        s.form,
        MIN(COALESCE(CASE WHEN u.valid_to IS NOT NULL THEN '' WHEN d.level = 'province' THEN d.name ELSE pv.name END, '')),
        SUM(s.d)
    FROM (SELECT code, valid_from, form, SUM(d) AS d FROM portal_province_pending WHERE tx = NEW.tx AND NOT first
        GROUP BY code, valid_from, form) s
    LEFT JOIN units u ON u.id = (SELECT c.id FROM units c WHERE c.level = 'commune' AND c.code = s.code
        AND COALESCE(c.valid_from, '') <= COALESCE(NULLIF(s.valid_from, ''), '9999-12-31')
        ORDER BY COALESCE(c.valid_from, '') DESC LIMIT 1)
    LEFT JOIN units d ON d.id = u.parent_id
    LEFT JOIN units pv ON pv.id = d.parent_id
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (province_code, form) DO UPDATE SET n = portal_province_counts.n + EXCLUDED.n;
    DELETE FROM portal_province_pending WHERE tx = NEW.tx;
    -- Should the constraints be set immediate, a later statement of the
    -- same transaction marks it again.
    PERFORM set_config('hoptac.portal_provinces_marked', '', true);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
CREATE CONSTRAINT TRIGGER portal_province_fold AFTER INSERT ON portal_province_pending
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.first) EXECUTE FUNCTION portal_province_fold();
