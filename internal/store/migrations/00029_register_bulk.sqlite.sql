-- A bulk path for the register import (issue 17, "Scale and speed").
--
-- Each row an import inserted fired up to seven triggers: its FTS5 entry
-- (FTS5 also flushes its pending terms at every statement's savepoint),
-- the indicator mark of its commune, its portal count, and version bumps.
-- While register_versions holds the row of scope 'bulk', the INSERT
-- triggers below skip; the importer (store.RegisterImporter) does the
-- same work set-wise, a chunk at a time, for exactly the rows it inserted,
-- right after inserting them and before any later statement can update
-- them. The guard row is written and deleted inside the import's own
-- transaction, around its INSERT statements only: SQLite runs one writer
-- at a time and no reader sees an uncommitted row, so no other connection
-- ever sees it, and a backup never holds it. It lives in register_versions
-- (an index probe on its key) rather than a table of its own, which every
-- backup would have to carry empty. UPDATE and DELETE triggers are
-- unchanged.
DROP TRIGGER organisations_search_insert;
-- begin block
CREATE TRIGGER organisations_search_insert AFTER INSERT ON organisations
WHEN NOT EXISTS (SELECT 1 FROM register_versions WHERE scope = 'bulk') BEGIN
    INSERT INTO organisations_search (rowid, search_fold) VALUES (new.id, new.search_fold);
END;
-- end block
DROP TRIGGER register_version_org_insert;
-- begin block
CREATE TRIGGER register_version_org_insert AFTER INSERT ON organisations
WHEN NOT EXISTS (SELECT 1 FROM register_versions WHERE scope = 'bulk') BEGIN
    UPDATE register_versions SET n = n + 1 WHERE scope = 'organisations';
END;
-- end block
DROP TRIGGER organisations_portal_ins;
-- begin block
CREATE TRIGGER organisations_portal_ins AFTER INSERT ON organisations
WHEN NOT EXISTS (SELECT 1 FROM register_versions WHERE scope = 'bulk') BEGIN
    UPDATE portal_revs SET rev = rev + 1 WHERE name = 'register';
END;
-- end block
DROP TRIGGER organisations_indsum_ins;
-- begin block
CREATE TRIGGER organisations_indsum_ins AFTER INSERT ON organisations
WHEN NOT EXISTS (SELECT 1 FROM register_versions WHERE scope = 'bulk') BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid) VALUES (new.new_commune_code, 0);
END;
-- end block
DROP TRIGGER portal_counts_ins;
-- begin block
CREATE TRIGGER portal_counts_ins AFTER INSERT ON organisations
WHEN new.status = 'active' AND NOT EXISTS (SELECT 1 FROM register_versions WHERE scope = 'bulk')
BEGIN
    INSERT INTO portal_counts (code, valid_from, form, sector, n)
    VALUES (CASE WHEN new.new_commune_code <> '' THEN new.new_commune_code ELSE new.commune_code END,
        COALESCE(CASE WHEN new.new_commune_code <> '' THEN new.new_commune_valid_from ELSE new.commune_valid_from END, ''),
        new.form, new.sector, 1)
    ON CONFLICT (code, valid_from, form, sector) DO UPDATE SET n = n + 1;
END;
-- end block
DROP TRIGGER register_version_figures_insert;
-- begin block
CREATE TRIGGER register_version_figures_insert AFTER INSERT ON organisation_figures
WHEN NOT EXISTS (SELECT 1 FROM register_versions WHERE scope = 'bulk') BEGIN
    INSERT OR IGNORE INTO register_versions (scope, n) VALUES ('figures:' || new.year, 0), ('figure_rows:' || new.year, 0);
    UPDATE register_versions SET n = n + 1 WHERE scope IN ('figures', 'figures:' || new.year, 'figure_rows:' || new.year);
END;
-- end block
DROP TRIGGER figures_indsum_ins;
-- begin block
CREATE TRIGGER figures_indsum_ins AFTER INSERT ON organisation_figures
WHEN NOT EXISTS (SELECT 1 FROM register_versions WHERE scope = 'bulk') BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid)
        SELECT new_commune_code, 0 FROM organisations WHERE id = new.organisation_id;
END;
-- end block
