-- The cooperative register (issue 17): organisations (THT, HTX, LHHTX),
-- their status history, managers and yearly figures, and the link of a
-- cooperative representative's account to its organisation.
--
-- A commune is an administrative unit named by its official code and the
-- day its validity starts (codes were reused by the 2025 reform). The units
-- table comes with its own migration; until then these columns carry no
-- foreign key. commune_* is the unit the organisation was recorded in,
-- new_commune_* its post-reform commune.
--
-- code is the registration code as text ("2800123456" or
-- "2800123456-001"); NULL only for a THT without one. search_fold holds
-- the folded name, short name, code and address that search reads;
-- sort_key the Vietnamese collation key of the name. status repeats the
-- latest entry of the history so lists filter on it.

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    code TEXT,
    name TEXT NOT NULL,
    name_fold TEXT NOT NULL,
    search_fold TEXT NOT NULL,
    sort_key BLOB NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    form TEXT NOT NULL,
    sector TEXT NOT NULL,
    commune_code TEXT NOT NULL DEFAULT '',
    commune_valid_from TEXT,
    new_commune_code TEXT NOT NULL DEFAULT '',
    new_commune_valid_from TEXT,
    address TEXT NOT NULL DEFAULT '',
    founded_on TEXT,
    registered_on TEXT,
    law INTEGER NOT NULL,
    converted_on TEXT,
    charter_on TEXT,
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX organisations_code ON organisations (code);
CREATE INDEX organisations_sort ON organisations (sort_key, id);
CREATE INDEX organisations_commune ON organisations (commune_code, sort_key);
CREATE INDEX organisations_new_commune ON organisations (new_commune_code, sort_key);
CREATE INDEX organisations_name_fold ON organisations (name_fold);

CREATE TABLE organisation_statuses (
    id INTEGER PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    status TEXT NOT NULL,
    on_date TEXT NOT NULL,
    until_date TEXT,
    merged_into BIGINT REFERENCES organisations (id),
    document TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX organisation_statuses_org ON organisation_statuses (organisation_id, on_date, id);

CREATE TABLE organisation_people (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    training TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (organisation_id, role)
);

-- One row per organisation and year. Money in đồng, whole numbers.
-- filing is the cooperative's own filing of the row: '' (recorded by the
-- coordinator or an import), draft, submitted, returned or accepted.
CREATE TABLE organisation_figures (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    year INTEGER NOT NULL,
    members_individual BIGINT NOT NULL DEFAULT 0,
    members_household BIGINT NOT NULL DEFAULT 0,
    members_legal BIGINT NOT NULL DEFAULT 0,
    member_coops BIGINT NOT NULL DEFAULT 0,
    employees BIGINT NOT NULL DEFAULT 0,
    member_employees BIGINT NOT NULL DEFAULT 0,
    charter_capital BIGINT NOT NULL DEFAULT 0,
    total_assets BIGINT NOT NULL DEFAULT 0,
    revenue BIGINT NOT NULL DEFAULT 0,
    profit BIGINT NOT NULL DEFAULT 0,
    avg_income BIGINT NOT NULL DEFAULT 0,
    rating TEXT NOT NULL DEFAULT '',
    exemplary INTEGER NOT NULL DEFAULT 0,
    value_chain INTEGER NOT NULL DEFAULT 0,
    high_tech INTEGER NOT NULL DEFAULT 0,
    ocop_products BIGINT NOT NULL DEFAULT 0,
    filing TEXT NOT NULL DEFAULT '',
    filing_comment TEXT NOT NULL DEFAULT '',
    submitted_at TEXT,
    reviewed_at TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, year)
);
CREATE INDEX organisation_figures_year ON organisation_figures (year, organisation_id);

ALTER TABLE users ADD COLUMN organisation_id BIGINT REFERENCES organisations (id);
