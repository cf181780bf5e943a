-- The register list's totals with a year filter (issue 17): how many
-- organisations have figures of a year, per legal form, sector and
-- current status. Counting them again after every organisation edit read
-- the year's 200,000 figure rows (0.3-1 s); this table holds a few
-- hundred rows and is kept by triggers, so no write path (the form, the
-- API, imports, merges, status changes) can forget it. A cell whose count
-- falls to zero stays, at zero.
CREATE TABLE register_year_counts (
    year INTEGER NOT NULL,
    form TEXT NOT NULL,
    sector TEXT NOT NULL,
    status TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (year, form, sector, status)
) WITHOUT ROWID;
INSERT INTO register_year_counts (year, form, sector, status, n)
SELECT y.year, o.form, o.sector, o.status, COUNT(*)
FROM organisation_figures y JOIN organisations o ON o.id = y.organisation_id
GROUP BY y.year, o.form, o.sector, o.status;

-- A year's row gains one in its organisation's cell.
-- begin block
CREATE TRIGGER register_year_counts_fig_ins AFTER INSERT ON organisation_figures
BEGIN
    INSERT INTO register_year_counts (year, form, sector, status, n)
    SELECT new.year, o.form, o.sector, o.status, 1 FROM organisations o WHERE o.id = new.organisation_id
    ON CONFLICT (year, form, sector, status) DO UPDATE SET n = n + 1;
END;
-- end block
-- begin block
CREATE TRIGGER register_year_counts_fig_del AFTER DELETE ON organisation_figures
BEGIN
    UPDATE register_year_counts SET n = n - 1
    WHERE year = old.year AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = old.organisation_id
        AND o.form = register_year_counts.form AND o.sector = register_year_counts.sector
        AND o.status = register_year_counts.status);
END;
-- end block
-- A merge moves a year's row to the kept organisation.
-- begin block
CREATE TRIGGER register_year_counts_fig_upd AFTER UPDATE OF organisation_id, year ON organisation_figures
WHEN old.organisation_id IS NOT new.organisation_id OR old.year IS NOT new.year
BEGIN
    UPDATE register_year_counts SET n = n - 1
    WHERE year = old.year AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = old.organisation_id
        AND o.form = register_year_counts.form AND o.sector = register_year_counts.sector
        AND o.status = register_year_counts.status);
    INSERT INTO register_year_counts (year, form, sector, status, n)
    SELECT new.year, o.form, o.sector, o.status, 1 FROM organisations o WHERE o.id = new.organisation_id
    ON CONFLICT (year, form, sector, status) DO UPDATE SET n = n + 1;
END;
-- end block
-- An organisation that changes form, sector or status moves each of its
-- years from the old cell to the new one; other edits cost nothing.
-- begin block
CREATE TRIGGER register_year_counts_org_upd AFTER UPDATE OF form, sector, status ON organisations
WHEN old.form IS NOT new.form OR old.sector IS NOT new.sector OR old.status IS NOT new.status
BEGIN
    UPDATE register_year_counts SET n = n - 1
    WHERE form = old.form AND sector = old.sector AND status = old.status
        AND year IN (SELECT y.year FROM organisation_figures y WHERE y.organisation_id = old.id);
    INSERT INTO register_year_counts (year, form, sector, status, n)
    SELECT y.year, new.form, new.sector, new.status, 1 FROM organisation_figures y WHERE y.organisation_id = new.id
    ON CONFLICT (year, form, sector, status) DO UPDATE SET n = n + 1;
END;
-- end block
-- No path of the application deletes an organisation; if one is, its
-- years leave the counts while it still has them.
-- begin block
CREATE TRIGGER register_year_counts_org_del BEFORE DELETE ON organisations
BEGIN
    UPDATE register_year_counts SET n = n - 1
    WHERE form = old.form AND sector = old.sector AND status = old.status
        AND year IN (SELECT y.year FROM organisation_figures y WHERE y.organisation_id = old.id);
END;
-- end block
