-- The portal's register counts (issue 19): how many organisations are
-- active per commune (the post-reform one where recorded, else the one
-- recorded, with the day its code took effect), legal form and sector.
-- Counting 200,000 organisations on every register change made the
-- portal's home take seconds; this table holds a few thousand rows and is
-- kept by triggers, so no write path (the form, the API, imports, merges,
-- status changes) can forget it. valid_from is '' where the organisation's
-- record has no day, so that the key has no NULL. Rows whose count falls
-- to zero are removed: the table holds only what the portal shows.
CREATE TABLE portal_counts (
    code TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    form TEXT NOT NULL,
    sector TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (code, valid_from, form, sector)
);
INSERT INTO portal_counts (code, valid_from, form, sector, n)
SELECT CASE WHEN new_commune_code <> '' THEN new_commune_code ELSE commune_code END,
    COALESCE(CASE WHEN new_commune_code <> '' THEN new_commune_valid_from ELSE commune_valid_from END, ''),
    form, sector, COUNT(*)
FROM organisations WHERE status = 'active'
GROUP BY 1, 2, 3, 4;

-- begin block
CREATE TRIGGER portal_counts_ins AFTER INSERT ON organisations WHEN new.status = 'active'
BEGIN
    INSERT INTO portal_counts (code, valid_from, form, sector, n)
    VALUES (CASE WHEN new.new_commune_code <> '' THEN new.new_commune_code ELSE new.commune_code END,
        COALESCE(CASE WHEN new.new_commune_code <> '' THEN new.new_commune_valid_from ELSE new.commune_valid_from END, ''),
        new.form, new.sector, 1)
    ON CONFLICT (code, valid_from, form, sector) DO UPDATE SET n = n + 1;
END;
-- end block
-- begin block
CREATE TRIGGER portal_counts_del AFTER DELETE ON organisations WHEN old.status = 'active'
BEGIN
    UPDATE portal_counts SET n = n - 1
    WHERE code = CASE WHEN old.new_commune_code <> '' THEN old.new_commune_code ELSE old.commune_code END
        AND valid_from = COALESCE(CASE WHEN old.new_commune_code <> '' THEN old.new_commune_valid_from
            ELSE old.commune_valid_from END, '')
        AND form = old.form AND sector = old.sector;
    DELETE FROM portal_counts
    WHERE code = CASE WHEN old.new_commune_code <> '' THEN old.new_commune_code ELSE old.commune_code END
        AND valid_from = COALESCE(CASE WHEN old.new_commune_code <> '' THEN old.new_commune_valid_from
            ELSE old.commune_valid_from END, '')
        AND form = old.form AND sector = old.sector AND n <= 0;
END;
-- end block
-- An update leaves the counts alone unless a column they key on or the
-- status changed: the import's unchanged rows and the contact edits cost
-- nothing. The old row's cell loses one and the new row's gains one.
-- begin block
CREATE TRIGGER portal_counts_upd AFTER UPDATE OF status, form, sector, commune_code, commune_valid_from,
    new_commune_code, new_commune_valid_from ON organisations
WHEN (old.status = 'active' OR new.status = 'active') AND (old.status IS NOT new.status
    OR old.form IS NOT new.form OR old.sector IS NOT new.sector
    OR old.commune_code IS NOT new.commune_code OR old.commune_valid_from IS NOT new.commune_valid_from
    OR old.new_commune_code IS NOT new.new_commune_code OR old.new_commune_valid_from IS NOT new.new_commune_valid_from)
BEGIN
    UPDATE portal_counts SET n = n - 1
    WHERE old.status = 'active'
        AND code = CASE WHEN old.new_commune_code <> '' THEN old.new_commune_code ELSE old.commune_code END
        AND valid_from = COALESCE(CASE WHEN old.new_commune_code <> '' THEN old.new_commune_valid_from
            ELSE old.commune_valid_from END, '')
        AND form = old.form AND sector = old.sector;
    DELETE FROM portal_counts
    WHERE code = CASE WHEN old.new_commune_code <> '' THEN old.new_commune_code ELSE old.commune_code END
        AND valid_from = COALESCE(CASE WHEN old.new_commune_code <> '' THEN old.new_commune_valid_from
            ELSE old.commune_valid_from END, '')
        AND form = old.form AND sector = old.sector AND n <= 0;
    INSERT INTO portal_counts (code, valid_from, form, sector, n)
    SELECT CASE WHEN new.new_commune_code <> '' THEN new.new_commune_code ELSE new.commune_code END,
        COALESCE(CASE WHEN new.new_commune_code <> '' THEN new.new_commune_valid_from ELSE new.commune_valid_from END, ''),
        new.form, new.sector, 1
    WHERE new.status = 'active'
    ON CONFLICT (code, valid_from, form, sector) DO UPDATE SET n = n + 1;
END;
-- end block
