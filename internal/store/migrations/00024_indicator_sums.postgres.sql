-- Indicator sums kept in a summary (issue 19). Computing every indicator of
-- a year aggregates all organisations, their figures and managers (3.9 s
-- at 200,000 organisations x 10 years); the summary keeps exactly the rows
-- store.IndicatorSumsLive returns, per year, post-reform commune and
-- mapped flag, so a read adds up a few thousand rows instead.
--
-- How it stays right: triggers on everything the sums read
-- (organisations, organisation_statuses, organisation_people,
-- organisation_figures, units) write a mark naming the post-reform commune
-- that changed, the old one and the new one ('*' when the units change:
-- everything). A mark covers every year, since an organisation's activity
-- on 31/12 of any year depends on its whole status history and dates. A
-- read (store.IndicatorSumsFor), in one transaction that first takes the
-- lock row indicator_refresh so refreshers run one at a time, moves the
-- marks it can see into indicator_stale for every year already summed
-- (deleting exactly those marks), recomputes the stale communes of its
-- year with the live statements, stores them and clears their stale rows,
-- then answers from the summary. A mark committed after that move is
-- never deleted by it, so no write is lost.
CREATE TABLE indicator_sums (
    year INTEGER NOT NULL,
    commune TEXT NOT NULL,
    mapped INTEGER NOT NULL,
    -- s00 … s24: the sums in the order of indicator.Sum* (SumFigures …
    -- SumLaw2012); store.TestIndicatorSummaryColumns checks the count.
    s00 BIGINT NOT NULL DEFAULT 0,
    s01 BIGINT NOT NULL DEFAULT 0,
    s02 BIGINT NOT NULL DEFAULT 0,
    s03 BIGINT NOT NULL DEFAULT 0,
    s04 BIGINT NOT NULL DEFAULT 0,
    s05 BIGINT NOT NULL DEFAULT 0,
    s06 BIGINT NOT NULL DEFAULT 0,
    s07 BIGINT NOT NULL DEFAULT 0,
    s08 BIGINT NOT NULL DEFAULT 0,
    s09 BIGINT NOT NULL DEFAULT 0,
    s10 BIGINT NOT NULL DEFAULT 0,
    s11 BIGINT NOT NULL DEFAULT 0,
    s12 BIGINT NOT NULL DEFAULT 0,
    s13 BIGINT NOT NULL DEFAULT 0,
    s14 BIGINT NOT NULL DEFAULT 0,
    s15 BIGINT NOT NULL DEFAULT 0,
    s16 BIGINT NOT NULL DEFAULT 0,
    s17 BIGINT NOT NULL DEFAULT 0,
    s18 BIGINT NOT NULL DEFAULT 0,
    s19 BIGINT NOT NULL DEFAULT 0,
    s20 BIGINT NOT NULL DEFAULT 0,
    s21 BIGINT NOT NULL DEFAULT 0,
    s22 BIGINT NOT NULL DEFAULT 0,
    s23 BIGINT NOT NULL DEFAULT 0,
    s24 BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (year, commune, mapped)
);
-- The years the summary holds for every commune; a year not listed is
-- summed in full on its first read.
CREATE TABLE indicator_sum_years (
    year INTEGER NOT NULL,
    PRIMARY KEY (year)
);
-- (year, commune) pairs of summed years whose rows are out of date
-- ('*': the whole year). Written and cleared only by refreshers.
CREATE TABLE indicator_stale (
    year INTEGER NOT NULL,
    commune TEXT NOT NULL,
    PRIMARY KEY (year, commune)
);
-- Communes changed since the last refresh, written by the triggers. txid
-- is the writing transaction on PostgreSQL (0 on SQLite), so writers of
-- the same commune never wait on each other's mark.
CREATE TABLE indicator_marks (
    commune TEXT NOT NULL,
    txid BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (commune, txid)
);
-- One row a refresher updates first: the lock that keeps two refreshers
-- from storing sums out of order.
CREATE TABLE indicator_refresh (
    n BIGINT NOT NULL
);
INSERT INTO indicator_refresh (n) VALUES (0);

-- PostgreSQL: statement triggers read the rows a statement changed from
-- its transition tables and write one mark per commune and transaction;
-- a mark's key holds the transaction, so concurrent writers of one commune
-- never wait on each other (no lock order, no deadlock).
-- begin block
CREATE FUNCTION indsum_mark_org() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO indicator_marks (commune, txid)
        SELECT DISTINCT new_commune_code, txid_current() FROM new_rows ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO indicator_marks (commune, txid)
        SELECT DISTINCT new_commune_code, txid_current() FROM old_rows ON CONFLICT DO NOTHING;
    ELSE
        -- Only the columns the sums read: the importer and the search
        -- index rewrite others.
        INSERT INTO indicator_marks (commune, txid)
        SELECT DISTINCT v.code, txid_current() FROM (
            SELECT o.new_commune_code AS c, n.new_commune_code AS d FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE o.new_commune_code IS DISTINCT FROM n.new_commune_code
            OR o.commune_code IS DISTINCT FROM n.commune_code
            OR o.commune_valid_from IS DISTINCT FROM n.commune_valid_from
            OR o.new_commune_valid_from IS DISTINCT FROM n.new_commune_valid_from
            OR o.form IS DISTINCT FROM n.form
            OR o.founded_on IS DISTINCT FROM n.founded_on
            OR o.registered_on IS DISTINCT FROM n.registered_on
            OR o.charter_on IS DISTINCT FROM n.charter_on
            OR o.law IS DISTINCT FROM n.law
            OR o.converted_on IS DISTINCT FROM n.converted_on) ch,
            LATERAL (VALUES (ch.c), (ch.d)) v (code)
        ON CONFLICT DO NOTHING;
        -- A row whose id changed (hoptac never does it) is marked on both
        -- sides.
        INSERT INTO indicator_marks (commune, txid)
        SELECT DISTINCT c, txid_current() FROM (
            SELECT new_commune_code AS c FROM old_rows WHERE id NOT IN (SELECT id FROM new_rows)
            UNION ALL SELECT new_commune_code FROM new_rows WHERE id NOT IN (SELECT id FROM old_rows)) x
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
-- begin block
CREATE FUNCTION indsum_mark_child() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO indicator_marks (commune, txid)
        SELECT DISTINCT g.new_commune_code, txid_current() FROM organisations g
        WHERE g.id IN (SELECT organisation_id FROM old_rows) ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO indicator_marks (commune, txid)
        SELECT DISTINCT g.new_commune_code, txid_current() FROM organisations g
        WHERE g.id IN (SELECT organisation_id FROM new_rows) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
-- begin block
CREATE FUNCTION indsum_mark_all() RETURNS trigger AS $$
BEGIN
    INSERT INTO indicator_marks (commune, txid) VALUES ('*', txid_current()) ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
CREATE TRIGGER org_indsum_ins AFTER INSERT ON organisations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indsum_mark_org();
CREATE TRIGGER org_indsum_del AFTER DELETE ON organisations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indsum_mark_org();
CREATE TRIGGER org_indsum_upd AFTER UPDATE ON organisations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indsum_mark_org();
CREATE TRIGGER statuses_indsum_ins AFTER INSERT ON organisation_statuses
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indsum_mark_child();
CREATE TRIGGER statuses_indsum_del AFTER DELETE ON organisation_statuses
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indsum_mark_child();
CREATE TRIGGER statuses_indsum_upd AFTER UPDATE ON organisation_statuses
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indsum_mark_child();
CREATE TRIGGER people_indsum_ins AFTER INSERT ON organisation_people
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indsum_mark_child();
CREATE TRIGGER people_indsum_del AFTER DELETE ON organisation_people
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indsum_mark_child();
CREATE TRIGGER people_indsum_upd AFTER UPDATE ON organisation_people
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indsum_mark_child();
CREATE TRIGGER figures_indsum_ins AFTER INSERT ON organisation_figures
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indsum_mark_child();
CREATE TRIGGER figures_indsum_del AFTER DELETE ON organisation_figures
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indsum_mark_child();
CREATE TRIGGER figures_indsum_upd AFTER UPDATE ON organisation_figures
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indsum_mark_child();
CREATE TRIGGER units_indsum AFTER INSERT OR UPDATE OR DELETE ON units
    FOR EACH STATEMENT EXECUTE FUNCTION indsum_mark_all();
