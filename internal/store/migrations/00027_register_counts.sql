-- The register list's totals (store.orgTotal) are counted again after
-- every edit of an organisation. A count by legal form, sector and status
-- reads only these narrow indexes, not the wide rows of the table (about
-- 140,000 of them for the HTX in agriculture of a 200,000-organisation
-- register); each index also holds the row's id, which a year filter
-- looks up in the year's set of figures. The second serves a filter
-- without a legal form.
CREATE INDEX organisations_counts ON organisations (form, sector, status, id);
CREATE INDEX organisations_counts_sector ON organisations (sector, status, id);
