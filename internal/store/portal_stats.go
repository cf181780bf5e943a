package store

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hoptac/hoptac/internal/coop"
)

// RegisterCount is one cell of the portal's register statistics: how many
// organisations of a legal form and sector are active in a commune.
type RegisterCount struct {
	ProvinceCode, ProvinceName string // "" when the commune is not in the unit lists
	CommuneCode, CommuneName   string // the post-reform commune when known, else the one recorded
	Form                       coop.Form
	Sector                     coop.Sector
	Active                     int
}

// PortalRegisterCounts counts the active organisations by commune (the
// post-reform one where recorded), legal form and sector, with each
// commune's province through the unit lists (a pre-reform commune's parent
// is its district). A code names the unit that carried it on the day the
// organisation's record says, else the latest before. The counts are read
// from portal_counts, kept by triggers on organisations (migration 00025),
// so a cold portal reads a few thousand rows instead of the whole
// register; only the current status is read, so nothing but the count
// leaves the register.
func (db *DB) PortalRegisterCounts(ctx context.Context) ([]RegisterCount, error) {
	return db.registerCounts(ctx, `SELECT code, valid_from, form, sector, n FROM portal_counts WHERE n > 0
		ORDER BY code, valid_from, form, sector`)
}

// liveCounts is what portal_counts keeps, counted from the organisations
// themselves; the differential tests compare the two.
const liveCounts = `SELECT CASE WHEN new_commune_code <> '' THEN new_commune_code ELSE commune_code END AS code,
		COALESCE(CASE WHEN new_commune_code <> '' THEN new_commune_valid_from ELSE commune_valid_from END, '') AS valid_from,
		form, sector, COUNT(*) AS n
	FROM organisations WHERE status = 'active'
	GROUP BY CASE WHEN new_commune_code <> '' THEN new_commune_code ELSE commune_code END,
		COALESCE(CASE WHEN new_commune_code <> '' THEN new_commune_valid_from ELSE commune_valid_from END, ''), form, sector
	ORDER BY 1, 2, 3, 4`

// registerCounts names the units of counts, a query of (code, valid_from
// or ”, form, sector, n). The cells (tens of thousands on a national
// register) are read bare and the units are looked up once per commune
// (a few thousand), then joined and sorted here: naming and sorting every
// cell in SQL cost most of a cold portal page. The two reads are two
// statements: a cell of a commune that a write added between them has no
// place yet, and the pair is read again (a few times at most, then the
// commune stays unnamed, as an unknown code is).
func (db *DB) registerCounts(ctx context.Context, counts string) ([]RegisterCount, error) {
	for range 3 {
		out, complete, err := db.registerCountsOnce(ctx, counts)
		if err != nil || complete {
			return out, err
		}
	}
	out, _, err := db.registerCountsOnce(ctx, counts)
	return out, err
}

// portalPlace is where a commune code of a given day lies.
type portalPlace struct{ provinceCode, provinceName, communeName string }

// portalPlaces names each (code, valid_from) that distinct, a query of
// distinct (code, valid_from or ”), returns, once per commune: the
// commune's name and its province through the unit lists.
func (db *DB) portalPlaces(ctx context.Context, distinct string) (map[[2]string]portalPlace, error) {
	rows, err := db.query(ctx, `SELECT o.code, o.valid_from,
		COALESCE(CASE WHEN d.level = 'province' THEN d.code ELSE pv.code END, ''),
		COALESCE(CASE WHEN d.level = 'province' THEN d.name ELSE pv.name END, ''),
		COALESCE(u.name, '')
		FROM (`+distinct+`) o
		LEFT JOIN units u ON u.id = (SELECT c.id FROM units c WHERE c.level = 'commune' AND c.code = o.code
			AND COALESCE(c.valid_from, '') <= COALESCE(NULLIF(o.valid_from, ''), '9999-12-31')
			ORDER BY COALESCE(c.valid_from, '') DESC LIMIT 1)
		LEFT JOIN units d ON d.id = u.parent_id
		LEFT JOIN units pv ON pv.id = d.parent_id`)
	type keyed struct {
		k [2]string
		p portalPlace
	}
	named, err := scanAll(rows, err, func(r rowScanner) (keyed, error) {
		var n keyed
		err := r.Scan(&n.k[0], &n.k[1], &n.p.provinceCode, &n.p.provinceName, &n.p.communeName)
		return n, err
	})
	if err != nil {
		return nil, err
	}
	places := make(map[[2]string]portalPlace, len(named))
	for _, n := range named {
		places[n.k] = n.p
	}
	return places, nil
}

func (db *DB) registerCountsOnce(ctx context.Context, counts string) ([]RegisterCount, bool, error) {
	places, err := db.portalPlaces(ctx, `SELECT DISTINCT code, valid_from FROM (`+counts+`) c`)
	if err != nil {
		return nil, false, fmt.Errorf("store: portal register counts: %w", err)
	}
	complete := true
	rows, err := db.query(ctx, counts)
	out, err := scanAll(rows, err, func(r rowScanner) (RegisterCount, error) {
		var c RegisterCount
		var from string
		if err := r.Scan(&c.CommuneCode, &from, &c.Form, &c.Sector, &c.Active); err != nil {
			return c, err
		}
		p, ok := places[[2]string{c.CommuneCode, from}]
		complete = complete && ok
		c.ProvinceCode, c.ProvinceName, c.CommuneName = p.provinceCode, p.provinceName, p.communeName
		return c, nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("store: portal register counts: %w", err)
	}
	// The cells come in code order; grouping them by province keeps that
	// order inside each and costs one pass, where a sort on six keys
	// cost a fifth of the page.
	at := map[string]int{}
	for _, c := range out {
		at[c.ProvinceCode]++
	}
	next := 0
	for _, p := range slices.Sorted(maps.Keys(at)) {
		at[p], next = next, next+at[p]
	}
	grouped := make([]RegisterCount, len(out))
	for _, c := range out {
		grouped[at[c.ProvinceCode]] = c
		at[c.ProvinceCode]++
	}
	out = grouped
	return out, complete, nil
}
