-- No query looks organisations up by their folded name: the duplicate
-- finder reads the whole register, and the search reads search_fold.
-- The index cost every insert and rename (1.4 s of a 200,000-row
-- import on PostgreSQL) and 13 MB.
DROP INDEX organisations_name_fold;
