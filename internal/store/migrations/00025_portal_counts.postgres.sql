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

-- One function for the three events: the old row's cell loses one, the
-- new row's gains one. A row-level trigger takes the cell's row lock until
-- commit, so two writers of organisations in the same commune, form and
-- sector wait for each other; a register write is short and the import is
-- one writer, which is the price of counts that are always exact.
-- begin block
CREATE FUNCTION portal_counts_apply() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'active' THEN
        UPDATE portal_counts SET n = n - 1
        WHERE code = CASE WHEN OLD.new_commune_code <> '' THEN OLD.new_commune_code ELSE OLD.commune_code END
            AND valid_from = COALESCE(CASE WHEN OLD.new_commune_code <> '' THEN OLD.new_commune_valid_from
                ELSE OLD.commune_valid_from END, '')
            AND form = OLD.form AND sector = OLD.sector;
        DELETE FROM portal_counts
        WHERE code = CASE WHEN OLD.new_commune_code <> '' THEN OLD.new_commune_code ELSE OLD.commune_code END
            AND valid_from = COALESCE(CASE WHEN OLD.new_commune_code <> '' THEN OLD.new_commune_valid_from
                ELSE OLD.commune_valid_from END, '')
            AND form = OLD.form AND sector = OLD.sector AND n <= 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'active' THEN
        INSERT INTO portal_counts (code, valid_from, form, sector, n)
        VALUES (CASE WHEN NEW.new_commune_code <> '' THEN NEW.new_commune_code ELSE NEW.commune_code END,
            COALESCE(CASE WHEN NEW.new_commune_code <> '' THEN NEW.new_commune_valid_from ELSE NEW.commune_valid_from END, ''),
            NEW.form, NEW.sector, 1)
        ON CONFLICT (code, valid_from, form, sector) DO UPDATE SET n = portal_counts.n + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
CREATE TRIGGER portal_counts_ins AFTER INSERT ON organisations
FOR EACH ROW WHEN (NEW.status = 'active') EXECUTE FUNCTION portal_counts_apply();
CREATE TRIGGER portal_counts_del AFTER DELETE ON organisations
FOR EACH ROW WHEN (OLD.status = 'active') EXECUTE FUNCTION portal_counts_apply();
-- An update leaves the counts alone unless a column they key on or the
-- status changed: the import's unchanged rows and the contact edits cost
-- nothing.
CREATE TRIGGER portal_counts_upd AFTER UPDATE OF status, form, sector, commune_code, commune_valid_from,
    new_commune_code, new_commune_valid_from ON organisations
FOR EACH ROW WHEN ((OLD.status = 'active' OR NEW.status = 'active') AND (OLD.status IS DISTINCT FROM NEW.status
    OR OLD.form IS DISTINCT FROM NEW.form OR OLD.sector IS DISTINCT FROM NEW.sector
    OR OLD.commune_code IS DISTINCT FROM NEW.commune_code OR OLD.commune_valid_from IS DISTINCT FROM NEW.commune_valid_from
    OR OLD.new_commune_code IS DISTINCT FROM NEW.new_commune_code
    OR OLD.new_commune_valid_from IS DISTINCT FROM NEW.new_commune_valid_from))
EXECUTE FUNCTION portal_counts_apply();
