-- The commune after the 2025 reform of organisations stored before the
-- form and the API filled it in (store.fillNewCommune): with an empty
-- new_commune_code the indicators and the portal count them in no
-- province until someone saves them again. The rule is the store's, in
-- SQL: an organisation recorded in a commune on a known day gets the
-- commune itself while it is in force today, else its only successor
-- commune; with no candidate or several (a commune split between new
-- ones) it is left for a person who knows the address. A unit with no
-- start day dates from the earliest day the register knows, as the
-- import dates it. Candidates are counted as the store counts them, one
-- per row of the union, so a row found twice also leaves the
-- organisation alone.
--
-- The kept tables follow by their triggers on organisations, as they
-- follow any edit of new_commune_code and new_commune_valid_from: the
-- portal's register counts and revision, the indicator summary's marks and
-- the register's list versions. The per-year register counts key on form,
-- sector and status only, which this does not change. UPDATE ... FROM runs
-- on both backends (SQLite since 3.33).
UPDATE organisations SET new_commune_code = b.code, new_commune_valid_from = b.valid_from
FROM (
    SELECT o.id AS id, MIN(c.code) AS code, MIN(COALESCE(NULLIF(c.valid_from, ''), '1900-01-01')) AS valid_from
    FROM organisations o
    JOIN (
        SELECT u.code AS old_code, u.valid_from AS old_from, u.valid_to AS old_to,
            u.code AS code, u.valid_from AS valid_from
        FROM units u
        WHERE u.level = 'commune' AND u.valid_to IS NULL
        UNION ALL
        SELECT u.code, u.valid_from, u.valid_to, n.code, n.valid_from
        FROM units u
        JOIN unit_successors s ON s.unit_id = u.id
        JOIN units n ON n.id = s.successor_id
        WHERE u.valid_to IS NOT NULL AND n.level = 'commune'
    ) c ON c.old_code = o.commune_code
        AND (c.old_from IS NULL OR c.old_from <= o.commune_valid_from)
        AND (c.old_to IS NULL OR c.old_to >= o.commune_valid_from)
    WHERE o.new_commune_code = '' AND o.commune_code <> ''
        AND o.commune_valid_from IS NOT NULL AND o.commune_valid_from <> ''
    GROUP BY o.id
    HAVING COUNT(*) = 1
) b
WHERE organisations.id = b.id;
