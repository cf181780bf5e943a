-- The public portal (issue 19): a plan is shown at /cong-khai only once a
-- coordinator has published it; published_at and published_by say when
-- and by whom (NULL: not published). Unpublishing clears both; the audit
-- log keeps the history.
ALTER TABLE plans ADD COLUMN published_at TEXT;
ALTER TABLE plans ADD COLUMN published_by BIGINT REFERENCES users (id);
CREATE INDEX plans_published ON plans (published_at);
-- The portal's register counts (store.PortalRegisterCounts) read only
-- these columns of the active organisations: an index holding them all is
-- read instead of the whole table.
CREATE INDEX organisations_portal ON organisations (status, new_commune_code, new_commune_valid_from, commune_code,
    commune_valid_from, form, sector);

-- Revisions of what the portal shows besides plans' own revisions:
-- 'publication' moves when a plan is published or unpublished, 'register'
-- with every write to organisations or units. The portal keys its cached
-- pages on them, read in one cheap query per request.
CREATE TABLE portal_revs (
    name TEXT PRIMARY KEY,
    rev BIGINT NOT NULL DEFAULT 0
);
INSERT INTO portal_revs (name, rev) VALUES ('publication', 0), ('register', 0);

-- Triggers rather than calls in every register write (the form, the API,
-- imports, merges, status changes): a write path added later cannot forget
-- to move the revision. The triggers are deferred to commit and bump once
-- per transaction (a transaction-local setting remembers it), so a bulk
-- import costs one bump, and the one row is locked only at the very end of
-- a transaction: two writers of different organisations cannot deadlock
-- on it.
-- begin block
CREATE FUNCTION portal_register_touch() RETURNS trigger AS $$
BEGIN
    IF COALESCE(current_setting('hoptac.register_touched', true), '') <> 'y' THEN
        PERFORM set_config('hoptac.register_touched', 'y', true);
        UPDATE portal_revs SET rev = rev + 1 WHERE name = 'register';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- end block
-- begin block
CREATE CONSTRAINT TRIGGER organisations_portal AFTER INSERT OR UPDATE OR DELETE ON organisations
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION portal_register_touch();
-- end block
-- begin block
CREATE CONSTRAINT TRIGGER units_portal AFTER INSERT OR UPDATE ON units
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION portal_register_touch();
-- end block
