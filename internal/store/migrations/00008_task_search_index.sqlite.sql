-- Task search by index (issue 15). An FTS5 table with the trigram
-- tokenizer indexes tasks.search_fold, which is already vntext.Fold'ed
-- (lower-case, no diacritics, đ as d), so a phrase query of the folded
-- search text finds exactly the tasks whose folded text contains it.
-- case_sensitive 1: the text is folded already; a second, different case
-- folding by FTS5 could equate characters that Fold keeps apart.
-- External content: the text lives once, in tasks; triggers keep the
-- index in step and 'rebuild' fills it for the rows already there.
CREATE VIRTUAL TABLE tasks_search USING fts5(
    search_fold, content='tasks', content_rowid='id', tokenize='trigram case_sensitive 1'
);
INSERT INTO tasks_search (tasks_search) VALUES ('rebuild');
-- begin block
CREATE TRIGGER tasks_search_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO tasks_search (rowid, search_fold) VALUES (new.id, new.search_fold);
END;
-- end block
-- begin block
CREATE TRIGGER tasks_search_delete AFTER DELETE ON tasks BEGIN
    INSERT INTO tasks_search (tasks_search, rowid, search_fold) VALUES ('delete', old.id, old.search_fold);
END;
-- end block
-- begin block
CREATE TRIGGER tasks_search_update AFTER UPDATE OF id, search_fold ON tasks BEGIN
    INSERT INTO tasks_search (tasks_search, rowid, search_fold) VALUES ('delete', old.id, old.search_fold);
    INSERT INTO tasks_search (rowid, search_fold) VALUES (new.id, new.search_fold);
END;
-- end block
