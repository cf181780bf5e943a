package store

import (
	"context"
	"fmt"

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
// legal form, for the portal's home, which shows nothing finer. The
// sectors are summed away in SQL along the kept table's key order (no
// sort: 8,668 rows instead of 37,870 cells on the benchmark register) and
// the communes are placed once each, as PortalRegisterCounts places them;
// the sum by province is done here. One statement joining the places to
// the cells and grouping by province cost three times as much in modernc
// SQLite as these two reads (its join and sorter are slow), so it is not
// used. A province code carried by two units (an old province whose code
// a merged one kept) takes the name of its first commune in (code, day)
// order, as the sums of PortalRegisterCounts do; TestPortalCountsSameAsLive
// checks the two agree after every kind of register write.
func (db *DB) PortalProvinceCounts(ctx context.Context) ([]ProvinceCount, error) {
	// As in registerCounts, a commune a write added between the two reads
	// has no place yet: read the pair again, a few times at most.
	for range 3 {
		out, complete, err := db.provinceCountsOnce(ctx)
		if err != nil || complete {
			return out, err
		}
	}
	out, _, err := db.provinceCountsOnce(ctx)
	return out, err
}

func (db *DB) provinceCountsOnce(ctx context.Context) ([]ProvinceCount, bool, error) {
	places, err := db.portalPlaces(ctx, `SELECT DISTINCT code, valid_from FROM portal_counts WHERE n > 0`)
	if err != nil {
		return nil, false, fmt.Errorf("store: portal province counts: %w", err)
	}
	type key struct {
		province string
		form     coop.Form
	}
	at := map[key]int{}
	names := map[string]string{}
	var out []ProvinceCount
	complete := true
	rows, err := db.query(ctx, `SELECT code, valid_from, form, CAST(SUM(n) AS BIGINT) FROM portal_counts WHERE n > 0
		GROUP BY code, valid_from, form ORDER BY code, valid_from, form`)
	_, err = scanAll(rows, err, func(r rowScanner) (struct{}, error) {
		var code, from string
		var form coop.Form
		var n int
		if err := r.Scan(&code, &from, &form, &n); err != nil {
			return struct{}{}, err
		}
		p, ok := places[[2]string{code, from}]
		complete = complete && ok
		name, seen := names[p.provinceCode]
		if !seen {
			name = p.provinceName
			names[p.provinceCode] = name
		}
		k := key{p.provinceCode, form}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, ProvinceCount{ProvinceCode: p.provinceCode, ProvinceName: name, Form: form})
		}
		out[i].Active += n
		return struct{}{}, nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("store: portal province counts: %w", err)
	}
	return out, complete, nil
}
