-- A register import's figure rows (issue 17): the year counts' INSERT
-- trigger skips under the bulk guard, as the register's other INSERT
-- triggers do, and the importer adds each chunk's new rows to the counts
-- set-wise (RegisterImporter.afterInsertFigures). At 200,000 rows the
-- trigger's lookup and upsert a row were a third of storing the figures,
-- and any trigger at all makes SQLite keep a statement journal for every
-- INSERT.
DROP TRIGGER register_year_counts_fig_ins;
-- begin block
CREATE TRIGGER register_year_counts_fig_ins AFTER INSERT ON organisation_figures
WHEN NOT EXISTS (SELECT 1 FROM register_versions WHERE scope = 'bulk')
BEGIN
    INSERT INTO register_year_counts (year, form, sector, status, n)
    SELECT new.year, o.form, o.sector, o.status, 1 FROM organisations o WHERE o.id = new.organisation_id
    ON CONFLICT (year, form, sector, status) DO UPDATE SET n = n + 1;
END;
-- end block
