-- Finding the register at 200,000 organisations (issue 17).
--
-- Search: pg_trgm's GIN index serves "search_fold LIKE '%q%'" directly
-- (the database rechecks each candidate, so results stay exact substring
-- matches), as for tasks (00008). pg_trgm is a trusted extension
-- (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX organisations_search_trgm ON organisations USING gin (search_fold gin_trgm_ops);

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
--
-- Statement triggers, not row triggers: an import of thousands of rows
-- bumps each version once a statement, not once a row. Every statement
-- on these tables first bumps 'register' (BEFORE, so before it locks any
-- row of its own): writers of the register thereby take the version rows
-- in one order and cannot deadlock on them; they also queue behind one
-- another, which the register's few writers afford.
CREATE TABLE register_versions (
    scope TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO register_versions (scope, n) VALUES ('register', 0), ('organisations', 0), ('figures', 0);
-- begin block
CREATE FUNCTION register_version_lock() RETURNS trigger AS $$
BEGIN
    UPDATE register_versions SET n = n + 1 WHERE scope = 'register';
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
-- begin block
CREATE FUNCTION register_version_organisations() RETURNS trigger AS $$
BEGIN
    UPDATE register_versions SET n = n + 1 WHERE scope = 'organisations';
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
-- An edit of what no list reads (contact details, dates, the law) leaves
-- the lists as they were: the rows' listed columns are compared as
-- multisets before and after.
-- begin block
CREATE FUNCTION register_version_org_update() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        (SELECT id, search_fold, sort_key, form, sector, status, commune_code, commune_valid_from,
            new_commune_code, new_commune_valid_from FROM new_rows
         EXCEPT ALL SELECT id, search_fold, sort_key, form, sector, status, commune_code, commune_valid_from,
            new_commune_code, new_commune_valid_from FROM old_rows)
        UNION ALL
        (SELECT id, search_fold, sort_key, form, sector, status, commune_code, commune_valid_from,
            new_commune_code, new_commune_valid_from FROM old_rows
         EXCEPT ALL SELECT id, search_fold, sort_key, form, sector, status, commune_code, commune_valid_from,
            new_commune_code, new_commune_valid_from FROM new_rows)) THEN
        UPDATE register_versions SET n = n + 1 WHERE scope = 'organisations';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
-- What a statement changed of the figures, from its transition tables:
-- the (organisation, year) pairs that appeared or disappeared, and the
-- (organisation, year, rating, exemplary) rows that did; an UPDATE's rows
-- are compared as multisets, since its transition tables do not pair
-- them.
-- begin block
CREATE FUNCTION register_version_figures() RETURNS trigger AS $$
DECLARE
    rows_years INT[];
    mark_years INT[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT year) INTO rows_years FROM new_rows;
        mark_years := rows_years;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT year) INTO rows_years FROM old_rows;
        mark_years := rows_years;
    ELSE
        SELECT array_agg(DISTINCT year) INTO rows_years FROM (
            (SELECT organisation_id, year FROM new_rows EXCEPT ALL SELECT organisation_id, year FROM old_rows)
            UNION ALL
            (SELECT organisation_id, year FROM old_rows EXCEPT ALL SELECT organisation_id, year FROM new_rows)) c;
        SELECT array_agg(DISTINCT year) INTO mark_years FROM (
            (SELECT organisation_id, year, rating, exemplary FROM new_rows
             EXCEPT ALL SELECT organisation_id, year, rating, exemplary FROM old_rows)
            UNION ALL
            (SELECT organisation_id, year, rating, exemplary FROM old_rows
             EXCEPT ALL SELECT organisation_id, year, rating, exemplary FROM new_rows)) c;
    END IF;
    IF mark_years IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO register_versions (scope, n)
    SELECT s, 1 FROM (SELECT 'figures' AS s
        UNION SELECT 'figures:' || y FROM unnest(mark_years) y
        UNION SELECT 'figure_rows:' || y FROM unnest(COALESCE(rows_years, '{}')) y) v
    ORDER BY s
    ON CONFLICT (scope) DO UPDATE SET n = register_versions.n + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
CREATE TRIGGER register_version_lock_org BEFORE INSERT OR UPDATE OR DELETE ON organisations
    FOR EACH STATEMENT EXECUTE FUNCTION register_version_lock();
CREATE TRIGGER register_version_lock_figures BEFORE INSERT OR UPDATE OR DELETE ON organisation_figures
    FOR EACH STATEMENT EXECUTE FUNCTION register_version_lock();
CREATE TRIGGER register_version_lock_units BEFORE INSERT OR UPDATE OR DELETE ON units
    FOR EACH STATEMENT EXECUTE FUNCTION register_version_lock();
CREATE TRIGGER register_version_lock_successors BEFORE INSERT OR UPDATE OR DELETE ON unit_successors
    FOR EACH STATEMENT EXECUTE FUNCTION register_version_lock();
CREATE TRIGGER register_version_org_insert AFTER INSERT OR DELETE ON organisations
    FOR EACH STATEMENT EXECUTE FUNCTION register_version_organisations();
CREATE TRIGGER register_version_org_update AFTER UPDATE ON organisations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION register_version_org_update();
CREATE TRIGGER register_version_units AFTER INSERT OR UPDATE OR DELETE ON units
    FOR EACH STATEMENT EXECUTE FUNCTION register_version_organisations();
CREATE TRIGGER register_version_successors AFTER INSERT OR UPDATE OR DELETE ON unit_successors
    FOR EACH STATEMENT EXECUTE FUNCTION register_version_organisations();
CREATE TRIGGER register_version_figures_insert AFTER INSERT ON organisation_figures
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION register_version_figures();
CREATE TRIGGER register_version_figures_update AFTER UPDATE ON organisation_figures
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION register_version_figures();
CREATE TRIGGER register_version_figures_delete AFTER DELETE ON organisation_figures
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION register_version_figures();
