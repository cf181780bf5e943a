package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/dedupe"
	"github.com/hoptac/hoptac/internal/unit"
)

// Duplicate is one candidate pair of the register with its reasons.
type Duplicate struct {
	A, B coop.Organisation
	Why  []dedupe.Why
}

// Duplicates returns a page of the likely duplicates of the register,
// strongest reason first, and how many there are. Merged organisations
// and pairs marked distinct are left out. Comparing the whole register
// takes seconds at 200,000 organisations (BenchmarkDuplicates), so the
// pairs found are kept under the version of what they are found from
// (duplicatePairs), and only the distinct marks, a small table, are read
// on every call.
func (db *DB) Duplicates(ctx context.Context, page, perPage int) ([]Duplicate, int, error) {
	found, err := db.duplicatePairs(ctx)
	if err != nil {
		return nil, 0, err
	}
	distinct, err := db.distinctPairs(ctx)
	if err != nil {
		return nil, 0, err
	}
	// Find leaves distinct pairs out of its sorted list in the same way.
	pairs := make([]dedupe.Pair, 0, len(found))
	for _, p := range found {
		if !distinct[dedupe.PairKey(p.A, p.B)] {
			pairs = append(pairs, p)
		}
	}
	limit, offset := limits(page, perPage)
	if offset > len(pairs) {
		offset = len(pairs)
	}
	shown := pairs[offset:min(offset+limit, len(pairs))]
	out := make([]Duplicate, 0, len(shown))
	for _, p := range shown {
		a, err := db.Organisation(ctx, p.A)
		if err != nil {
			return nil, 0, err
		}
		b, err := db.Organisation(ctx, p.B)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, Duplicate{A: a, B: b, Why: p.Why})
	}
	return out, len(pairs), nil
}

// dupPairEntries bounds the pairs kept (a few versions' worth at 200,000
// organisations, which have about 10,000 pairs).
const dupPairEntries = 100_000

// duplicatePairs is every candidate pair of the register, distinct marks
// not yet left out, kept under the version 'organisations' of
// register_versions: triggers move it, in the writing transaction, with
// every change to what the finder reads (codes, names, communes and their
// dates, statuses) and to the units that place a commune. The version is
// read before the records, so pairs are never kept under a version older
// than what they were found from.
func (db *DB) duplicatePairs(ctx context.Context) ([]dedupe.Pair, error) {
	var v int64
	if err := db.queryRow(ctx, `SELECT n FROM register_versions WHERE scope = 'organisations'`).Scan(&v); err != nil {
		return nil, fmt.Errorf("store: register version: %w", err)
	}
	key := strconv.FormatInt(v, 10)
	if pairs, ok := db.dupPairs.Get(key); ok && !db.noOrgTotalCache {
		return pairs, nil
	}
	recs, err := db.duplicateRecords(ctx)
	if err != nil {
		return nil, err
	}
	pairs := dedupe.Find(recs, nil)
	if !db.noOrgTotalCache {
		db.dupPairs.Put(key, pairs, len(pairs)+1)
	}
	return pairs, nil
}

// duplicateRecords reads what the finder compares of every organisation
// not merged into another, with the places it lies in after the reform.
func (db *DB) duplicateRecords(ctx context.Context) ([]dedupe.Record, error) {
	places, err := db.placeResolver(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT id, code, name_fold, commune_code, commune_valid_from, new_commune_code,
		new_commune_valid_from FROM organisations WHERE status <> ? ORDER BY id`, coop.StatusMerged)
	if err != nil {
		return nil, fmt.Errorf("store: duplicate records: %w", err)
	}
	defer rows.Close()
	var out []dedupe.Record
	for rows.Next() {
		var r dedupe.Record
		var code, from, newFrom sql.NullString
		var commune, newCommune string
		if err := rows.Scan(&r.ID, &code, &r.NameFold, &commune, &from, &newCommune, &newFrom); err != nil {
			return nil, fmt.Errorf("store: duplicate records: %w", err)
		}
		r.Code = code.String
		r.Places = places.of(commune, from.String, newCommune, newFrom.String)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: duplicate records: %w", err)
	}
	return out, nil
}

// placeResolver turns the communes an organisation was recorded in into
// the communes in force they stand for: an old commune's successors, a
// commune in force itself. It holds every commune and succession link in
// memory (some ten thousand), read once per search.
type placeResolver struct {
	units      map[string][]unitSpan // code -> the communes that carried it
	successors map[int64][]int64     // old unit -> the new ones it went into
}

// unitSpan is a commune and its validity, "" for an open end.
type unitSpan struct {
	id       int64
	from, to string
}

func (db *DB) placeResolver(ctx context.Context) (*placeResolver, error) {
	p := &placeResolver{units: map[string][]unitSpan{}, successors: map[int64][]int64{}}
	if err := db.communeSpans(ctx, p.units); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT unit_id, successor_id FROM unit_successors`)
	if err != nil {
		return nil, fmt.Errorf("store: places: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var from, to int64
		if err := rows.Scan(&from, &to); err != nil {
			return nil, fmt.Errorf("store: places: %w", err)
		}
		p.successors[from] = append(p.successors[from], to)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: places: %w", err)
	}
	return p, nil
}

// unitOn is the commune that carried code on day (the register's
// commune_valid_from, a day within the unit's validity: 1900-01-01 for a
// unit older than the records).
func (p *placeResolver) unitOn(code, day string) (int64, bool) {
	for _, u := range p.units[code] {
		if (u.from == "" || u.from <= day) && (u.to == "" || day <= u.to) {
			return u.id, true
		}
	}
	return 0, false
}

// of returns the place keys of an organisation recorded in commune (from)
// and, after the reform, newCommune (newFrom). A commune the unit lists do
// not know is a place of its own, named by its code and start.
func (p *placeResolver) of(commune, from, newCommune, newFrom string) []string {
	var out []string
	add := func(k string) {
		for _, have := range out {
			if have == k {
				return
			}
		}
		out = append(out, k)
	}
	for _, c := range [][2]string{{commune, from}, {newCommune, newFrom}} {
		if c[0] == "" {
			continue
		}
		id, ok := p.unitOn(c[0], c[1])
		if !ok {
			add("c:" + c[0] + "|" + c[1])
			continue
		}
		next := p.successors[id]
		if len(next) == 0 {
			add("u:" + strconv.FormatInt(id, 10))
		}
		for _, n := range next {
			add("u:" + strconv.FormatInt(n, 10))
		}
	}
	return out
}

// communeSpans fills units with every commune by its code.
func (db *DB) communeSpans(ctx context.Context, units map[string][]unitSpan) error {
	rows, err := db.query(ctx, `SELECT id, code, COALESCE(valid_from, ''), COALESCE(valid_to, '') FROM units
		WHERE level = ?`, unit.LevelCommune)
	if err != nil {
		return fmt.Errorf("store: places: %w", err)
	}
	defer func() { _ = rows.Close() }() // read only
	for rows.Next() {
		var u unitSpan
		var code string
		if err := rows.Scan(&u.id, &code, &u.from, &u.to); err != nil {
			return fmt.Errorf("store: places: %w", err)
		}
		units[code] = append(units[code], u)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: places: %w", err)
	}
	return nil
}
