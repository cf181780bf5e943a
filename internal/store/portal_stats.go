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
// post-reform one where recorded, else the one recorded), legal form and
// sector, with each commune's province by the rule of PortalPlaces. A code
// names the unit that carried it on the day the organisation's record
// says, else the latest before. The counts are read from portal_counts,
// kept by triggers on organisations (migration 00025), so a cold portal
// reads a few thousand rows instead of the whole register; only the
// current status is read, so nothing but the count leaves the register.
func (db *DB) PortalRegisterCounts(ctx context.Context) ([]RegisterCount, error) {
	return db.PortalRegisterCountsIn(ctx, NewPortalPlaces())
}

// PortalRegisterCountsIn is PortalRegisterCounts with the places met so
// far (the portal keeps them under the units' revision).
func (db *DB) PortalRegisterCountsIn(ctx context.Context, places *PortalPlaces) ([]RegisterCount, error) {
	return db.registerCounts(ctx, places, portalCellsSQL)
}

// portalCellsSQL reads the kept counts.
const portalCellsSQL = `SELECT code, valid_from, form, sector, n FROM portal_counts WHERE n > 0
		ORDER BY code, valid_from, form, sector`

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
// or empty, form, sector, n). The cells (tens of thousands on a national
// register) are read bare and placed in Go through places, each commune
// once: naming and sorting every cell in SQL cost most of a cold portal
// page.
func (db *DB) registerCounts(ctx context.Context, places *PortalPlaces, counts string) ([]RegisterCount, error) {
	var froms []string
	rows, err := db.query(ctx, counts)
	out, err := scanAll(rows, err, func(r rowScanner) (RegisterCount, error) {
		var c RegisterCount
		var from string
		err := r.Scan(&c.CommuneCode, &from, &c.Form, &c.Sector, &c.Active)
		froms = append(froms, from)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: portal register counts: %w", err)
	}
	pl := places.placer()
	for i, c := range out {
		pl.at(c.CommuneCode, froms[i])
	}
	if err := pl.resolve(ctx, db); err != nil {
		return nil, err
	}
	for i, c := range out {
		p, _ := pl.at(c.CommuneCode, froms[i])
		out[i].ProvinceCode, out[i].ProvinceName, out[i].CommuneName = p.provinceCode, p.provinceName, p.communeName
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
	return grouped, nil
}
