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
// sector, with each commune's province by the rule of PortalUnits. A code
// names the unit that carried it on the day the organisation's record
// says, else the latest before. The counts are read from portal_counts,
// kept by triggers on organisations (migration 00025), so a cold portal
// reads a few thousand rows instead of the whole register; only the
// current status is read, so nothing but the count leaves the register.
func (db *DB) PortalRegisterCounts(ctx context.Context) ([]RegisterCount, error) {
	u, err := db.PortalUnits(ctx)
	if err != nil {
		return nil, err
	}
	return db.PortalRegisterCountsIn(ctx, u)
}

// PortalRegisterCountsIn is PortalRegisterCounts with the units already
// read.
func (db *DB) PortalRegisterCountsIn(ctx context.Context, u *PortalUnits) ([]RegisterCount, error) {
	return db.registerCounts(ctx, u, portalCellsSQL)
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
// or ”, form, sector, n). The cells (tens of thousands on a national
// register) are read bare and placed in Go through u: naming and sorting
// every cell in SQL cost most of a cold portal page.
func (db *DB) registerCounts(ctx context.Context, u *PortalUnits, counts string) ([]RegisterCount, error) {
	rows, err := db.query(ctx, counts)
	out, err := scanAll(rows, err, func(r rowScanner) (RegisterCount, error) {
		var c RegisterCount
		var from string
		if err := r.Scan(&c.CommuneCode, &from, &c.Form, &c.Sector, &c.Active); err != nil {
			return c, err
		}
		p := u.place(c.CommuneCode, from)
		c.ProvinceCode, c.ProvinceName, c.CommuneName = p.provinceCode, p.provinceName, p.communeName
		return c, nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: portal register counts: %w", err)
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
