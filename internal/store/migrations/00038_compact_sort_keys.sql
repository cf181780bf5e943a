-- Sort keys are stored compact (internal/vntext/key.go): about a third of
-- the collator's key, in the same order. The keys of agencies' and
-- organisations' names are made again in Go after this file
-- (migrate_keys.go, rekeyNames), in the same transaction; nothing changes
-- in the schema.
SELECT 1;
