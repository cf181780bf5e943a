-- A unit filter's matches are gathered in name order from the commune
-- indexes (organisation_find_unit.go). Each term of its cover tests the
-- day the organisation was recorded in the commune, which these indexes
-- did not hold: every match was read again from its table row, 7,530 rows
-- for the new Hải Phòng, each a page read when the list is the first
-- after an edit. With the day beside the name order the indexes answer
-- the whole gathering (sort key, day and rowid) on their own.
DROP INDEX organisations_commune;
DROP INDEX organisations_new_commune;
CREATE INDEX organisations_commune ON organisations (commune_code, sort_key, commune_valid_from);
CREATE INDEX organisations_new_commune ON organisations (new_commune_code, sort_key, new_commune_valid_from);
