-- A version of the organisations' rows as the register's lists show them
-- (every column, contact details and dates included: the API's list
-- returns them all), so a page of a list can be kept whole and served
-- again until any organisation is written. The 'organisations' version
-- moves only when what the lists select or order by changes, and does
-- not cover a new telephone number. Figures do not move it: the lists
-- show none.
INSERT INTO register_versions (scope, n) VALUES ('organisation_rows', 0) ON CONFLICT (scope) DO NOTHING;
-- begin block
CREATE TRIGGER register_version_org_rows AFTER UPDATE ON organisations BEGIN
    INSERT OR IGNORE INTO register_versions (scope, n) VALUES ('organisation_rows', 0);
    UPDATE register_versions SET n = n + 1 WHERE scope = 'organisation_rows';
END;
-- end block
