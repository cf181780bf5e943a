-- The register list's totals with a year filter (issue 17): how many
-- organisations have figures of a year, per legal form, sector and
-- current status. Counting them again after every organisation edit read
-- the year's 200,000 figure rows; this table holds a few hundred rows and
-- is kept by triggers, so no write path (the form, the API, imports,
-- merges, status changes) can forget it. A cell whose count falls to zero
-- stays, at zero.
CREATE TABLE register_year_counts (
    year INTEGER NOT NULL,
    form TEXT NOT NULL,
    sector TEXT NOT NULL,
    status TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (year, form, sector, status)
);
INSERT INTO register_year_counts (year, form, sector, status, n)
SELECT y.year, o.form, o.sector, o.status, COUNT(*)
FROM organisation_figures y JOIN organisations o ON o.id = y.organisation_id
GROUP BY y.year, o.form, o.sector, o.status;

-- The counts move once a transaction, at its commit (as the versions of
-- 00028 do, for the same reason): PostgreSQL keeps every version of a
-- row a transaction updates until it ends, so an import that moved the
-- same few cells once a statement would slow with the square of its
-- size. Each statement appends its changes, summed per cell, to
-- register_year_pending under the transaction's id; the transaction's
-- first append also adds a row marked first, whose deferred trigger adds
-- the transaction's changes up into the counts at commit, cells in key
-- order (so two writers take the cells' locks in one order and cannot
-- deadlock), and removes them. A transaction-local setting says the
-- marker is there; it and the appended rows roll back with a savepoint.
CREATE TABLE register_year_pending (
    tx BIGINT NOT NULL,
    year INTEGER NOT NULL,
    form TEXT NOT NULL,
    sector TEXT NOT NULL,
    status TEXT NOT NULL,
    d BIGINT NOT NULL,
    first BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX register_year_pending_tx ON register_year_pending (tx);

-- begin block
CREATE FUNCTION register_year_mark() RETURNS void AS $$
BEGIN
    IF COALESCE(current_setting('hoptac.register_year_marked', true), '') = '1' THEN
        RETURN;
    END IF;
    INSERT INTO register_year_pending (tx, year, form, sector, status, d, first)
    VALUES (txid_current(), 0, '', '', '', 0, TRUE);
    PERFORM set_config('hoptac.register_year_marked', '1', true);
END;
$$ LANGUAGE plpgsql;
-- end block
-- begin block
CREATE FUNCTION register_year_fold() RETURNS trigger AS $$
BEGIN
    INSERT INTO register_year_counts (year, form, sector, status, n)
    SELECT year, form, sector, status, SUM(d) FROM register_year_pending WHERE tx = NEW.tx AND NOT first
    GROUP BY year, form, sector, status ORDER BY year, form, sector, status
    ON CONFLICT (year, form, sector, status) DO UPDATE SET n = register_year_counts.n + EXCLUDED.n;
    DELETE FROM register_year_pending WHERE tx = NEW.tx;
    -- Should the constraints be set immediate, a later statement of the
    -- same transaction marks it again.
    PERFORM set_config('hoptac.register_year_marked', '', true);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
CREATE CONSTRAINT TRIGGER register_year_fold AFTER INSERT ON register_year_pending
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.first) EXECUTE FUNCTION register_year_fold();

-- Figure rows inserted, deleted, or moved to another organisation or
-- year (a merge), in the cell of their organisation as it is now.
-- begin block
CREATE FUNCTION register_year_figures() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO register_year_pending (tx, year, form, sector, status, d)
        SELECT txid_current(), c.year, o.form, o.sector, o.status, COUNT(*)
        FROM new_rows c JOIN organisations o ON o.id = c.organisation_id
        GROUP BY c.year, o.form, o.sector, o.status;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO register_year_pending (tx, year, form, sector, status, d)
        SELECT txid_current(), c.year, o.form, o.sector, o.status, -COUNT(*)
        FROM old_rows c JOIN organisations o ON o.id = c.organisation_id
        GROUP BY c.year, o.form, o.sector, o.status;
    ELSE
        INSERT INTO register_year_pending (tx, year, form, sector, status, d)
        SELECT txid_current(), c.year, o.form, o.sector, o.status, SUM(c.d)
        FROM ((SELECT organisation_id, year, 1 AS d FROM new_rows
               EXCEPT ALL SELECT organisation_id, year, 1 FROM old_rows)
              UNION ALL
              (SELECT organisation_id, year, -1 AS d FROM old_rows
               EXCEPT ALL SELECT organisation_id, year, -1 FROM new_rows)) c
        JOIN organisations o ON o.id = c.organisation_id
        GROUP BY c.year, o.form, o.sector, o.status;
    END IF;
    IF FOUND THEN
        PERFORM register_year_mark();
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
CREATE TRIGGER register_year_figures_insert AFTER INSERT ON organisation_figures
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION register_year_figures();
CREATE TRIGGER register_year_figures_update AFTER UPDATE ON organisation_figures
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION register_year_figures();
CREATE TRIGGER register_year_figures_delete AFTER DELETE ON organisation_figures
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION register_year_figures();

-- An organisation that changes form, sector or status moves each of its
-- years from the old cell to the new one; other edits cost nothing. One
-- that is deleted (no path of the application does) takes its years out
-- while it still has them.
-- begin block
CREATE FUNCTION register_year_organisation() RETURNS trigger AS $$
BEGIN
    INSERT INTO register_year_pending (tx, year, form, sector, status, d)
    SELECT txid_current(), y.year, OLD.form, OLD.sector, OLD.status, -1
    FROM organisation_figures y WHERE y.organisation_id = OLD.id;
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO register_year_pending (tx, year, form, sector, status, d)
        SELECT txid_current(), y.year, NEW.form, NEW.sector, NEW.status, 1
        FROM organisation_figures y WHERE y.organisation_id = NEW.id;
    END IF;
    IF FOUND THEN
        PERFORM register_year_mark();
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
CREATE TRIGGER register_year_organisation_update AFTER UPDATE OF form, sector, status ON organisations
FOR EACH ROW WHEN (OLD.form IS DISTINCT FROM NEW.form OR OLD.sector IS DISTINCT FROM NEW.sector
    OR OLD.status IS DISTINCT FROM NEW.status)
EXECUTE FUNCTION register_year_organisation();
CREATE TRIGGER register_year_organisation_delete BEFORE DELETE ON organisations
FOR EACH ROW EXECUTE FUNCTION register_year_organisation();
