package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A search's matches, and a unit filter's, are gathered in name order and
// kept (organisation_find.go says why); these are the statements that find
// them: in the trigram index, or by walking the name order.

// orgTextIDs returns a subquery selecting the ids of the organisations
// whose folded text contains the folded query q, served by SQLite's FTS5
// trigram table (migration 00020), as taskTextIDs does for tasks: q as one
// phrase, inner quotes doubled, so every character of q must appear. ok
// is false when q is too short for the index, and on PostgreSQL, where a
// plain LIKE is served by the pg_trgm index.
func (d dialect) orgTextIDs(q string) (sub string, arg any, ok bool) {
	if d.name != "sqlite" || utf8.RuneCountInString(q) < minIndexedSearch {
		return "", nil, false
	}
	return `SELECT rowid FROM organisations_search WHERE organisations_search MATCH ?`,
		`"` + strings.ReplaceAll(q, `"`, `""`) + `"`, true
}

// orgSearchIDs is the IDs of the organisations a search selects, in
// Vietnamese order of their names, and how many there are, kept under key
// (orgTotalKey). For a text with orgWalkFrom matches or more, only the
// first orgKeepFirst IDs are kept, on both backends: sorting all of a
// common word's matches ("hop tac xa": 81,000) overflows PostgreSQL's
// work_mem onto disk, where a count and a bounded top-N sort do not; the
// rare page past them is read on its own (orgSearchPage).
func (db *DB) orgSearchIDs(ctx context.Context, key string, q orgQuery, ver int64) ([]int64, int, error) {
	if ids, ok := db.orgIDs.Get(key); ok && !db.noOrgTotalCache {
		if n, ok := db.orgTotals.Get(key); ok {
			return ids, n, nil
		}
	}
	if q.none {
		return nil, 0, nil
	}
	if ids, total, ok, err := db.orgTextRanked(ctx, q, ver); err != nil {
		return nil, 0, err
	} else if ok {
		// The same IDs the statements below keep: a common text's first
		// orgKeepFirst, every match of the others.
		if total >= db.orgWalkFrom {
			ids = ids[:min(len(ids), db.orgKeepFirst())]
		}
		db.keepSearch(key, ids, total)
		return ids, total, nil
	}
	where, args, limit, total := q.where, q.args, "", -1
	if q.text != "" {
		var n int
		if err := db.queryRow(ctx, `SELECT COUNT(*) FROM organisations_search WHERE organisations_search MATCH ?`,
			q.text).Scan(&n); err != nil {
			return nil, 0, fmt.Errorf("store: search organisations: %w", err)
		}
		if n >= db.orgWalkFrom {
			// Walk the name order only as far as the first orgKeepFirst
			// matches, as PostgreSQL does, testing each row read: the walk
			// of all 200,000 names cost three times as much for "hop tac
			// xa" (81,000 matches), and gathering them all first from the
			// index as much again; the search's first pages are what people
			// read. The index's count is the total when the text is the
			// only filter.
			where, args, limit = q.walk, q.walkArgs, ` LIMIT `+strconv.Itoa(db.orgKeepFirst())
			if q.textOnly {
				total = n
			} else if err := db.queryRow(ctx, `SELECT COUNT(*) FROM organisations o WHERE `+q.count,
				q.countArgs...).Scan(&total); err != nil {
				return nil, 0, fmt.Errorf("store: search organisations: %w", err)
			}
		}
	}
	if db.d.name == "postgres" && q.search {
		// Only a search counts first: a unit filter without one gathers
		// all its matches, a province's few thousand, which is cheaper
		// than counting them beside a year's 200,000 figure rows and then
		// sorting them again.
		if err := db.queryRow(ctx, `SELECT COUNT(*) FROM organisations o WHERE `+q.count, q.countArgs...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("store: search organisations: %w", err)
		}
		// A search of fewer matches gathers them all, as SQLite's does:
		// with a LIMIT, PostgreSQL walks the name order testing each row
		// in the belief that the matches are spread evenly, and the
		// 3,315 matches of "htx nong nghiep", which come late in that
		// order, cost a walk of 114,000 rows (250 ms) against a sort of
		// the index's matches (30 ms).
		if total >= db.orgWalkFrom {
			limit = ` LIMIT ` + strconv.Itoa(db.orgKeepFirst())
		}
	}
	rows, err := db.query(ctx, `SELECT o.id FROM organisations o WHERE `+where+` ORDER BY o.sort_key, o.id`+limit, args...)
	ids, err := scanAll(rows, err, scanID)
	if err != nil {
		return nil, 0, fmt.Errorf("store: search organisations: %w", err)
	}
	if total < 0 {
		total = len(ids)
	}
	db.keepSearch(key, ids, total)
	return ids, total, nil
}

// keepSearch keeps a search's IDs and total under key.
func (db *DB) keepSearch(key string, ids []int64, total int) {
	if !db.noOrgTotalCache {
		db.orgIDs.Put(key, ids, len(ids)+1)
		db.orgTotals.Put(key, total, 1)
	}
}

// orgSearchPage is one page of a search's matches past those kept.
func (db *DB) orgSearchPage(ctx context.Context, q orgQuery, limit, offset int) ([]int64, error) {
	rows, err := db.query(ctx, `SELECT o.id FROM organisations o WHERE `+q.where+` ORDER BY o.sort_key, o.id LIMIT ? OFFSET ?`,
		append(q.args[:len(q.args):len(q.args)], limit, offset)...)
	ids, err := scanAll(rows, err, scanID)
	if err != nil {
		return nil, fmt.Errorf("store: search organisations: %w", err)
	}
	return ids, nil
}
