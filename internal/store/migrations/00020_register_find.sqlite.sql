-- Finding the register at 200,000 organisations (issue 17).
--
-- Search: an FTS5 table with the trigram tokenizer over
-- organisations.search_fold, like tasks_search (00008): search_fold is
-- already vntext.Fold'ed, so a phrase query of the folded text finds
-- exactly the organisations whose folded text contains it, and
-- case_sensitive 1 keeps FTS5 from folding differently. External content:
-- the text lives once, in organisations; triggers keep the index in step
-- whatever writes the table (the form, the API, the importer, a merge).
CREATE VIRTUAL TABLE organisations_search USING fts5(
    search_fold, content='organisations', content_rowid='id', tokenize='trigram case_sensitive 1'
);
INSERT INTO organisations_search (organisations_search) VALUES ('rebuild');
-- begin block
CREATE TRIGGER organisations_search_insert AFTER INSERT ON organisations BEGIN
    INSERT INTO organisations_search (rowid, search_fold) VALUES (new.id, new.search_fold);
END;
-- end block
-- begin block
CREATE TRIGGER organisations_search_delete AFTER DELETE ON organisations BEGIN
    INSERT INTO organisations_search (organisations_search, rowid, search_fold) VALUES ('delete', old.id, old.search_fold);
END;
-- end block
-- The importer rewrites every column of a changed organisation; the index
-- is touched only when the text itself changed.
-- begin block
CREATE TRIGGER organisations_search_update AFTER UPDATE OF id, search_fold ON organisations
WHEN old.search_fold IS NOT new.search_fold OR old.id <> new.id BEGIN
    INSERT INTO organisations_search (organisations_search, rowid, search_fold) VALUES ('delete', old.id, old.search_fold);
    INSERT INTO organisations_search (rowid, search_fold) VALUES (new.id, new.search_fold);
END;
-- end block

-- Filters: a list filtered by form, sector or status walks its index in
-- name order and stops after a page.
CREATE INDEX organisations_form ON organisations (form, sort_key, id);
CREATE INDEX organisations_sector ON organisations (sector, sort_key, id);
CREATE INDEX organisations_status ON organisations (status, sort_key, id);

-- Versions of what a list depends on, so a list's total (or a search's
-- ordered matches) is worked out once per filter until the data under it
-- changes (store.orgTotalKey): 'organisations' moves with every write to
-- what lists read of organisations (text, name order, form, sector,
-- status, communes) and to the units (a unit filter's cover);
-- 'figure_rows:YYYY' when an organisation gains or loses figures of that
-- year (what a year filter reads); 'figures:YYYY' with that and with a
-- change of the year's rating or exemplary mark (what those filters
-- read); 'figures' with any of these in any year (the latest year's, read
-- by a rating filter without a year). Filing new amounts for a year moves
-- none of them. Triggers bump them, so no write path can forget; they
-- only grow.
CREATE TABLE register_versions (
    scope TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO register_versions (scope, n) VALUES ('register', 0), ('organisations', 0), ('figures', 0);
-- begin block
CREATE TRIGGER register_version_org_insert AFTER INSERT ON organisations BEGIN
    UPDATE register_versions SET n = n + 1 WHERE scope = 'organisations';
END;
-- end block
-- An edit of what no list reads (contact details, dates, the law) leaves
-- the lists as they were.
-- begin block
CREATE TRIGGER register_version_org_update AFTER UPDATE ON organisations
WHEN old.id <> new.id OR old.search_fold IS NOT new.search_fold OR old.sort_key IS NOT new.sort_key
    OR old.form IS NOT new.form OR old.sector IS NOT new.sector OR old.status IS NOT new.status
    OR old.commune_code IS NOT new.commune_code OR old.commune_valid_from IS NOT new.commune_valid_from
    OR old.new_commune_code IS NOT new.new_commune_code OR old.new_commune_valid_from IS NOT new.new_commune_valid_from
BEGIN
    UPDATE register_versions SET n = n + 1 WHERE scope = 'organisations';
END;
-- end block
-- begin block
CREATE TRIGGER register_version_org_delete AFTER DELETE ON organisations BEGIN
    UPDATE register_versions SET n = n + 1 WHERE scope = 'organisations';
END;
-- end block
-- begin block
CREATE TRIGGER register_version_unit_insert AFTER INSERT ON units BEGIN
    UPDATE register_versions SET n = n + 1 WHERE scope = 'organisations';
END;
-- end block
-- begin block
CREATE TRIGGER register_version_unit_update AFTER UPDATE ON units BEGIN
    UPDATE register_versions SET n = n + 1 WHERE scope = 'organisations';
END;
-- end block
-- begin block
CREATE TRIGGER register_version_unit_delete AFTER DELETE ON units BEGIN
    UPDATE register_versions SET n = n + 1 WHERE scope = 'organisations';
END;
-- end block
-- begin block
CREATE TRIGGER register_version_successor_insert AFTER INSERT ON unit_successors BEGIN
    UPDATE register_versions SET n = n + 1 WHERE scope = 'organisations';
END;
-- end block
-- begin block
CREATE TRIGGER register_version_successor_update AFTER UPDATE ON unit_successors BEGIN
    UPDATE register_versions SET n = n + 1 WHERE scope = 'organisations';
END;
-- end block
-- begin block
CREATE TRIGGER register_version_successor_delete AFTER DELETE ON unit_successors BEGIN
    UPDATE register_versions SET n = n + 1 WHERE scope = 'organisations';
END;
-- end block
-- begin block
CREATE TRIGGER register_version_figures_insert AFTER INSERT ON organisation_figures BEGIN
    INSERT OR IGNORE INTO register_versions (scope, n) VALUES ('figures:' || new.year, 0), ('figure_rows:' || new.year, 0);
    UPDATE register_versions SET n = n + 1 WHERE scope IN ('figures', 'figures:' || new.year, 'figure_rows:' || new.year);
END;
-- end block
-- begin block
CREATE TRIGGER register_version_figures_delete AFTER DELETE ON organisation_figures BEGIN
    UPDATE register_versions SET n = n + 1 WHERE scope IN ('figures', 'figures:' || old.year, 'figure_rows:' || old.year);
END;
-- end block
-- begin block
CREATE TRIGGER register_version_figures_move AFTER UPDATE OF organisation_id, year ON organisation_figures
WHEN old.organisation_id <> new.organisation_id OR old.year <> new.year BEGIN
    INSERT OR IGNORE INTO register_versions (scope, n) VALUES ('figures:' || new.year, 0), ('figure_rows:' || new.year, 0);
    UPDATE register_versions SET n = n + 1 WHERE scope IN ('figures', 'figures:' || old.year, 'figure_rows:' || old.year,
        'figures:' || new.year, 'figure_rows:' || new.year);
END;
-- end block
-- begin block
CREATE TRIGGER register_version_figures_mark AFTER UPDATE OF rating, exemplary ON organisation_figures
WHEN old.rating IS NOT new.rating OR old.exemplary IS NOT new.exemplary BEGIN
    INSERT OR IGNORE INTO register_versions (scope, n) VALUES ('figures:' || new.year, 0);
    UPDATE register_versions SET n = n + 1 WHERE scope IN ('figures', 'figures:' || old.year, 'figures:' || new.year);
END;
-- end block
