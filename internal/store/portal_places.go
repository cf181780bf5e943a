package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// PortalUnits places the communes of the portal's counts: for each code,
// the commune units that carried it, newest first, with their provinces.
// It is read whole from the unit lists (about 13,000 communes) and holds
// nothing from the register, so the portal keeps it in process under the
// units' revision (PortalVersion.Units), which register writes do not
// move: a cold page after a register write reads only the counts.
//
// The rule that makes the portal agree with the indicators: an
// organisation counts in a province only through a post-reform commune
// (a commune unit in force today, valid_to empty), as the indicators
// count it (its post-reform commune's province; a split commune's
// organisations follow the commune each was assigned to, which is what
// the register records as its post-reform commune). An organisation whose
// record reaches only a commune of before the 2025 reform is counted in
// no province: its commune is still named, and the portal shows such
// organisations in one row of their own. The seven province codes that an
// old province and a merged new one share (15, 24, 44, 52, 80, 82, 91)
// therefore name one province only, the new one.
type PortalUnits struct {
	byCode map[string][]placedUnit
}

type placedUnit struct {
	from    string // "" when the unit has no start day
	current bool   // in force today: a post-reform commune
	place   portalPlace
}

// portalPlace is where a commune code of a given day lies.
type portalPlace struct{ provinceCode, provinceName, communeName string }

// PortalUnits reads the commune units with their provinces (a pre-reform
// commune's parent is its district, whose parent is the province).
func (db *DB) PortalUnits(ctx context.Context) (*PortalUnits, error) {
	rows, err := db.query(ctx, `SELECT c.code, COALESCE(c.valid_from, ''), CASE WHEN c.valid_to IS NULL THEN 1 ELSE 0 END,
		COALESCE(CASE WHEN d.level = 'province' THEN d.code ELSE pv.code END, ''),
		COALESCE(CASE WHEN d.level = 'province' THEN d.name ELSE pv.name END, ''), c.name
		FROM units c LEFT JOIN units d ON d.id = c.parent_id LEFT JOIN units pv ON pv.id = d.parent_id
		WHERE c.level = 'commune'`)
	u := &PortalUnits{byCode: map[string][]placedUnit{}}
	_, err = scanAll(rows, err, func(r rowScanner) (struct{}, error) {
		var code string
		var cur int
		var p placedUnit
		if err := r.Scan(&code, &p.from, &cur, &p.place.provinceCode, &p.place.provinceName, &p.place.communeName); err != nil {
			return struct{}{}, err
		}
		p.current = cur == 1
		u.byCode[code] = append(u.byCode[code], p)
		return struct{}{}, nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: portal units: %w", err)
	}
	for _, list := range u.byCode {
		slices.SortFunc(list, func(a, b placedUnit) int { return cmp.Compare(b.from, a.from) })
	}
	return u, nil
}

// place names the commune that carried code on the day from ("" for no
// day: the latest), else the latest before; its province only when that
// commune is in force today. An unknown code has no place.
func (u *PortalUnits) place(code, from string) portalPlace {
	if from == "" {
		from = "9999-12-31"
	}
	for _, c := range u.byCode[code] {
		if c.from <= from {
			p := c.place
			if !c.current {
				p.provinceCode, p.provinceName = "", ""
			}
			return p
		}
	}
	return portalPlace{}
}
