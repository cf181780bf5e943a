package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/hoptac/hoptac/internal/coop"
)

// ProvinceCount is the active organisations of one legal form in a
// province, as the portal's home shows them.
type ProvinceCount struct {
	ProvinceCode, ProvinceName string // "" for communes not in the unit lists
	Form                       coop.Form
	Active                     int
}

// PortalProvinceCounts is PortalRegisterCounts summed by province and
// legal form, for the portal's home, which shows nothing finer; the
// organisations PortalPlaces places in no province are one row with an
// empty province code. Rows come in province code order, then form.
//
// It reads the totals kept at that grain (portal_province_counts,
// migration 00032): a few hundred rows, in one statement that also says
// whether they were made under the unit lists in force (the 'provinces'
// revision equals 'units'). When they were not (after a unit import, or
// the migration) they are made again from the commune cells
// (PortalProvinceCountsIn) and read once more.
// TestPortalCountsSameAsLive checks after every kind of register write
// that they equal the commune cells summed and the live answer.
func (db *DB) PortalProvinceCounts(ctx context.Context) ([]ProvinceCount, error) {
	for range 2 {
		out, fresh, err := db.keptProvinceCounts(ctx)
		if err != nil || fresh {
			return out, err
		}
		if err := db.rebuildProvinceCounts(ctx); err != nil {
			return nil, err
		}
	}
	// A unit import committed between the rebuild and the read: answer
	// from the cells, as the totals are being made again.
	return db.LivePortalProvinceCounts(ctx)
}

// LivePortalProvinceCounts is what PortalProvinceCounts keeps, summed from
// the commune cells with every commune placed afresh.
func (db *DB) LivePortalProvinceCounts(ctx context.Context) ([]ProvinceCount, error) {
	return db.PortalProvinceCountsIn(ctx, NewPortalPlaces())
}

// keptProvinceCounts reads the kept totals, and whether they were made
// under the unit lists in force, in one statement (one snapshot).
func (db *DB) keptProvinceCounts(ctx context.Context) ([]ProvinceCount, bool, error) {
	rows, err := db.query(ctx, `SELECT u.rev = p.rev, COALESCE(k.province_code, ''), COALESCE(k.province_name, ''),
		COALESCE(k.form, ''), COALESCE(k.n, 0)
		FROM (SELECT rev FROM portal_revs WHERE name = 'units') u
		CROSS JOIN (SELECT rev FROM portal_revs WHERE name = 'provinces') p
		LEFT JOIN portal_province_counts k ON u.rev = p.rev AND k.n <> 0
		ORDER BY 2, 4`)
	fresh := true
	out, err := scanAll(rows, err, func(r rowScanner) (ProvinceCount, error) {
		var c ProvinceCount
		err := r.Scan(&fresh, &c.ProvinceCode, &c.ProvinceName, &c.Form, &c.Active)
		return c, err
	})
	if err != nil {
		return nil, false, fmt.Errorf("store: portal province counts: %w", err)
	}
	if !fresh || (len(out) == 1 && out[0].Active == 0) {
		// The LEFT JOIN's one empty row: stale, or nothing active.
		out = nil
	}
	// In Go, as PortalProvinceCountsIn orders them, whatever the
	// database's collation.
	slices.SortFunc(out, func(a, b ProvinceCount) int {
		return cmp.Or(cmp.Compare(a.ProvinceCode, b.ProvinceCode), cmp.Compare(a.Form, b.Form))
	})
	return out, fresh, nil
}

// rebuildProvinceCounts makes the kept totals again from the commune
// cells, under the units' revision read first: should a unit import
// commit while they are made, the next read makes them again. The writer's
// transaction keeps register writes out meanwhile: on SQLite it holds the
// one write lock, on PostgreSQL the table in EXCLUSIVE mode, which the
// deferred additions of concurrent writers wait for; the cells are read
// after the lock is held, so a writer's changes are either in them
// (committed before) or added after (its addition waited).
func (db *DB) rebuildProvinceCounts(ctx context.Context) error {
	return db.Update(ctx, func(t *Tx) error {
		if t.d.name == "postgres" {
			if _, err := t.exec(ctx, `LOCK TABLE portal_province_counts IN EXCLUSIVE MODE`); err != nil {
				return fmt.Errorf("store: portal province counts: %w", err)
			}
		}
		// Readers that found the totals stale at once queue here; the
		// first makes them, the others find them made.
		var rev, made int64
		if err := t.queryRow(ctx, `SELECT (SELECT rev FROM portal_revs WHERE name = 'units'),
			(SELECT rev FROM portal_revs WHERE name = 'provinces')`).Scan(&rev, &made); err != nil {
			return fmt.Errorf("store: portal province counts: %w", err)
		}
		if rev == made {
			return nil
		}
		if _, err := t.exec(ctx, `DELETE FROM portal_province_counts`); err != nil {
			return fmt.Errorf("store: portal province counts: %w", err)
		}
		live, err := db.LivePortalProvinceCounts(ctx)
		if err != nil {
			return err
		}
		for _, c := range live {
			if _, err := t.exec(ctx, `INSERT INTO portal_province_counts (province_code, form, province_name, n)
				VALUES (?, ?, ?, ?)`, c.ProvinceCode, c.Form, c.ProvinceName, c.Active); err != nil {
				return fmt.Errorf("store: portal province counts: %w", err)
			}
		}
		if _, err := t.exec(ctx, `UPDATE portal_revs SET rev = ? WHERE name = 'provinces'`, rev); err != nil {
			return fmt.Errorf("store: portal province counts: %w", err)
		}
		return nil
	})
}

// PortalProvinceCountsIn is PortalProvinceCounts with the places met so
// far (the portal keeps them under the units' revision). The sectors are
// summed away in SQL (8,668 rows instead of 37,870 cells on the benchmark
// register) and the provinces in Go; the communes not placed yet are
// placed in one more read.
func (db *DB) PortalProvinceCountsIn(ctx context.Context, places *PortalPlaces) ([]ProvinceCount, error) {
	type sum struct {
		code, from string
		form       coop.Form
		n          int
	}
	rows, err := db.query(ctx, `SELECT code, valid_from, form, CAST(SUM(n) AS BIGINT) FROM portal_counts WHERE n > 0
		GROUP BY code, valid_from, form`)
	sums, err := scanAll(rows, err, func(r rowScanner) (sum, error) {
		var s sum
		return s, r.Scan(&s.code, &s.from, &s.form, &s.n)
	})
	if err != nil {
		return nil, fmt.Errorf("store: portal province counts: %w", err)
	}
	pl := places.placer()
	for _, s := range sums {
		pl.at(s.code, s.from)
	}
	if err := pl.resolve(ctx, db); err != nil {
		return nil, err
	}
	type key struct {
		province string
		form     coop.Form
	}
	at := map[key]int{}
	var out []ProvinceCount
	for _, s := range sums {
		p, _ := pl.at(s.code, s.from)
		k := key{p.provinceCode, s.form}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, ProvinceCount{ProvinceCode: p.provinceCode, ProvinceName: p.provinceName, Form: s.form})
		}
		out[i].Active += s.n
	}
	slices.SortFunc(out, func(a, b ProvinceCount) int {
		return cmp.Or(cmp.Compare(a.ProvinceCode, b.ProvinceCode), cmp.Compare(a.Form, b.Form))
	})
	return out, nil
}
