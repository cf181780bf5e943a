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

-- SQLite runs one writer at a time and a refresh is a write transaction,
-- so a mark is one row per commune, written or kept.
-- begin block
CREATE TRIGGER organisations_indsum_ins AFTER INSERT ON organisations BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid) VALUES (new.new_commune_code, 0);
END;
-- end block
-- begin block
CREATE TRIGGER organisations_indsum_del AFTER DELETE ON organisations BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid) VALUES (old.new_commune_code, 0);
END;
-- end block
-- Only the columns the sums read: the importer and the search index
-- rewrite others.
-- begin block
CREATE TRIGGER organisations_indsum_upd AFTER UPDATE ON organisations
WHEN old.id IS NOT new.id
    OR old.new_commune_code IS NOT new.new_commune_code
    OR old.commune_code IS NOT new.commune_code
    OR old.commune_valid_from IS NOT new.commune_valid_from
    OR old.new_commune_valid_from IS NOT new.new_commune_valid_from
    OR old.form IS NOT new.form
    OR old.founded_on IS NOT new.founded_on
    OR old.registered_on IS NOT new.registered_on
    OR old.charter_on IS NOT new.charter_on
    OR old.law IS NOT new.law
    OR old.converted_on IS NOT new.converted_on BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid) VALUES (old.new_commune_code, 0);
    INSERT OR IGNORE INTO indicator_marks (commune, txid) VALUES (new.new_commune_code, 0);
END;
-- end block
-- begin block
CREATE TRIGGER statuses_indsum_ins AFTER INSERT ON organisation_statuses BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid)
        SELECT new_commune_code, 0 FROM organisations WHERE id = new.organisation_id;
END;
-- end block
-- begin block
CREATE TRIGGER statuses_indsum_del AFTER DELETE ON organisation_statuses BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid)
        SELECT new_commune_code, 0 FROM organisations WHERE id = old.organisation_id;
END;
-- end block
-- begin block
CREATE TRIGGER statuses_indsum_upd AFTER UPDATE ON organisation_statuses BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid)
        SELECT new_commune_code, 0 FROM organisations WHERE id = old.organisation_id;
    INSERT OR IGNORE INTO indicator_marks (commune, txid)
        SELECT new_commune_code, 0 FROM organisations WHERE id = new.organisation_id;
END;
-- end block
-- begin block
CREATE TRIGGER people_indsum_ins AFTER INSERT ON organisation_people BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid)
        SELECT new_commune_code, 0 FROM organisations WHERE id = new.organisation_id;
END;
-- end block
-- begin block
CREATE TRIGGER people_indsum_del AFTER DELETE ON organisation_people BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid)
        SELECT new_commune_code, 0 FROM organisations WHERE id = old.organisation_id;
END;
-- end block
-- begin block
CREATE TRIGGER people_indsum_upd AFTER UPDATE ON organisation_people BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid)
        SELECT new_commune_code, 0 FROM organisations WHERE id = old.organisation_id;
    INSERT OR IGNORE INTO indicator_marks (commune, txid)
        SELECT new_commune_code, 0 FROM organisations WHERE id = new.organisation_id;
END;
-- end block
-- begin block
CREATE TRIGGER figures_indsum_ins AFTER INSERT ON organisation_figures BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid)
        SELECT new_commune_code, 0 FROM organisations WHERE id = new.organisation_id;
END;
-- end block
-- begin block
CREATE TRIGGER figures_indsum_del AFTER DELETE ON organisation_figures BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid)
        SELECT new_commune_code, 0 FROM organisations WHERE id = old.organisation_id;
END;
-- end block
-- begin block
CREATE TRIGGER figures_indsum_upd AFTER UPDATE ON organisation_figures BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid)
        SELECT new_commune_code, 0 FROM organisations WHERE id = old.organisation_id;
    INSERT OR IGNORE INTO indicator_marks (commune, txid)
        SELECT new_commune_code, 0 FROM organisations WHERE id = new.organisation_id;
END;
-- end block
-- begin block
CREATE TRIGGER units_indsum_ins AFTER INSERT ON units BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid) VALUES ('*', 0);
END;
-- end block
-- begin block
CREATE TRIGGER units_indsum_del AFTER DELETE ON units BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid) VALUES ('*', 0);
END;
-- end block
-- begin block
CREATE TRIGGER units_indsum_upd AFTER UPDATE ON units BEGIN
    INSERT OR IGNORE INTO indicator_marks (commune, txid) VALUES ('*', 0);
END;
-- end block
