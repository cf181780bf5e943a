-- The register's versions (00020) move once a transaction, not once a
-- statement. PostgreSQL keeps every version of a row a transaction
-- updates until it ends, and each later update of that row walks past
-- them: an import that wrote its rows one statement at a time bumped the
-- same few version rows hundreds of thousands of times in one
-- transaction, and the cost grew with the square of its size. A
-- transaction-local setting lists the scopes this transaction has moved
-- already; it rolls back with a savepoint, as the update does.
--
-- Once is enough: other transactions see the new versions and the new
-- rows together, at commit. The 'register' row is still taken by a
-- transaction's first statement on these tables, before any row of its
-- own, and held to the end, so writers still take it in one order.
-- begin block
CREATE FUNCTION register_version_bump(scopes TEXT[]) RETURNS void AS $$
DECLARE
    done TEXT := COALESCE(current_setting('hoptac.register_bumped', true), '');
    todo TEXT[];
BEGIN
    SELECT array_agg(s ORDER BY s) INTO todo FROM unnest(scopes) s
        WHERE position(',' || s || ',' IN done) = 0;
    IF todo IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO register_versions (scope, n) SELECT s, 1 FROM unnest(todo) s ORDER BY s
        ON CONFLICT (scope) DO UPDATE SET n = register_versions.n + 1;
    IF done = '' THEN
        done := ',';
    END IF;
    PERFORM set_config('hoptac.register_bumped', done || array_to_string(todo, ',') || ',', true);
END;
$$ LANGUAGE plpgsql;
-- end block
-- begin block
CREATE OR REPLACE FUNCTION register_version_lock() RETURNS trigger AS $$
BEGIN
    PERFORM register_version_bump(ARRAY['register']);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
-- begin block
CREATE OR REPLACE FUNCTION register_version_organisations() RETURNS trigger AS $$
BEGIN
    PERFORM register_version_bump(ARRAY['organisations']);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
-- begin block
CREATE OR REPLACE FUNCTION register_version_org_update() RETURNS trigger AS $$
BEGIN
    IF position(',organisations,' IN COALESCE(current_setting('hoptac.register_bumped', true), '')) > 0 THEN
        RETURN NULL;
    END IF;
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
        PERFORM register_version_bump(ARRAY['organisations']);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
-- begin block
CREATE OR REPLACE FUNCTION register_version_figures() RETURNS trigger AS $$
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
    PERFORM register_version_bump(ARRAY(SELECT 'figures'
        UNION SELECT 'figures:' || y FROM unnest(mark_years) y
        UNION SELECT 'figure_rows:' || y FROM unnest(COALESCE(rows_years, '{}')) y));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
