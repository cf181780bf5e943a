-- Indicators (issue 19). The register's indicators are computed from the
-- organisations and their figures; this index lets the computation read
-- every organisation's commune, form and dates in one pass without
-- touching the wide rows (organisations_new_commune alone would send each
-- row to the table).
CREATE INDEX organisations_indicator ON organisations (new_commune_code, commune_code, commune_valid_from,
    new_commune_valid_from, form, founded_on, registered_on, charter_on, law, converted_on);

-- The indicators the register cannot compute (the collective economy's
-- share of GRDP, the budget spent on support), entered by hand: one value
-- per indicator, year and unit ('' for the whole province or register),
-- with where it comes from and who entered it when.
CREATE TABLE indicator_values (
    id INTEGER PRIMARY KEY,
    indicator TEXT NOT NULL,
    year INTEGER NOT NULL,
    unit_code TEXT NOT NULL DEFAULT '',
    value DOUBLE PRECISION NOT NULL,
    source TEXT NOT NULL,
    entered_by BIGINT REFERENCES users (id),
    entered_at TEXT NOT NULL
);
CREATE UNIQUE INDEX indicator_values_key ON indicator_values (indicator, year, unit_code);
