package store

import (
	"context"
	"fmt"

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
	return db.registerCounts(ctx, `SELECT code, NULLIF(valid_from, '') AS valid_from, form, sector, n
		FROM portal_counts WHERE n > 0`)
}

// liveCounts is what portal_counts keeps, counted from the organisations
// themselves; the differential tests compare the two.
const liveCounts = `SELECT CASE WHEN new_commune_code <> '' THEN new_commune_code ELSE commune_code END AS code,
		CASE WHEN new_commune_code <> '' THEN new_commune_valid_from ELSE commune_valid_from END AS valid_from,
		form, sector, COUNT(*) AS n
	FROM organisations WHERE status = 'active'
	GROUP BY CASE WHEN new_commune_code <> '' THEN new_commune_code ELSE commune_code END,
		CASE WHEN new_commune_code <> '' THEN new_commune_valid_from ELSE commune_valid_from END, form, sector`

// registerCounts names the units of counts, a query of (code, valid_from,
// form, sector, n).
func (db *DB) registerCounts(ctx context.Context, counts string) ([]RegisterCount, error) {
	rows, err := db.query(ctx, `SELECT
		COALESCE(CASE WHEN d.level = 'province' THEN d.code ELSE pv.code END, ''),
		COALESCE(CASE WHEN d.level = 'province' THEN d.name ELSE pv.name END, ''),
		o.code, COALESCE(u.name, ''), o.form, o.sector, o.n
		FROM (`+counts+`) o
		LEFT JOIN units u ON u.id = (SELECT c.id FROM units c WHERE c.level = 'commune' AND c.code = o.code
			AND COALESCE(c.valid_from, '') <= COALESCE(o.valid_from, '9999-12-31') ORDER BY COALESCE(c.valid_from, '') DESC LIMIT 1)
		LEFT JOIN units d ON d.id = u.parent_id
		LEFT JOIN units pv ON pv.id = d.parent_id
		ORDER BY 1, 3, 5, 6, 2, 4, 7`)
	out, err := scanAll(rows, err, func(r rowScanner) (RegisterCount, error) {
		var c RegisterCount
		err := r.Scan(&c.ProvinceCode, &c.ProvinceName, &c.CommuneCode, &c.CommuneName, &c.Form, &c.Sector, &c.Active)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: portal register counts: %w", err)
	}
	return out, nil
}
