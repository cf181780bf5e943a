package store

import (
	"context"
	"fmt"
	"sync"
)

// PortalPlaces places the communes of the portal's counts: for each
// (code, day) of portal_counts, the commune's name and its province
// through the unit lists. It holds nothing from the register but which
// communes it has met, so the portal keeps it in process under the units'
// revision (PortalVersion.Units), which register writes do not move: a
// page made afresh after a register write reads only the counts, and
// places a commune it has not met yet (a code first recorded by that
// write) with one more read. Safe for concurrent use.
//
// The rule that makes the portal agree with the indicators: an
// organisation counts in a province only through a post-reform commune
// (a commune unit in force today, valid_to empty), as the indicators
// count it (its post-reform commune's province; a split commune's
// organisations follow the commune each was assigned to, which is what
// the register records as its post-reform commune). An organisation whose
// record reaches only a commune of before the 2025 reform, or a code no
// unit list knows, is counted in no province: its commune is still named
// where known, and the portal shows such organisations in one row of
// their own. The seven province codes that an old province and a merged
// new one share (15, 24, 44, 52, 80, 82, 91) therefore name one province
// only, the new one. One difference remains: the indicators read only the
// organisation's post-reform commune field, so an organisation whose
// recorded commune is itself a commune in force but whose post-reform
// field was left empty is in that commune's province here and in no
// province there.
type PortalPlaces struct {
	mu     sync.RWMutex
	places map[[2]string]portalPlace
}

// portalPlace is where a commune code of a given day lies.
type portalPlace struct{ provinceCode, provinceName, communeName string }

// NewPortalPlaces returns an empty PortalPlaces: it reads the unit lists
// when first asked.
func NewPortalPlaces() *PortalPlaces {
	return &PortalPlaces{places: map[[2]string]portalPlace{}}
}

// placer places the (code, day) pairs of one answer: those the kept
// places lack are collected while the counts are scanned and read in one
// statement afterwards (resolve).
type placer struct {
	p       *PortalPlaces
	missing bool
}

func (p *PortalPlaces) placer() *placer { return &placer{p: p} }

// at returns the place of (code, from) when known; otherwise it notes the
// miss, for resolve.
func (pl *placer) at(code, from string) (portalPlace, bool) {
	pl.p.mu.RLock()
	place, ok := pl.p.places[[2]string{code, from}]
	pl.p.mu.RUnlock()
	if !ok {
		pl.missing = true
	}
	return place, ok
}

// resolve reads, when any pair was missed, the places of every commune
// portal_counts holds now and keeps them.
func (pl *placer) resolve(ctx context.Context, db *DB) error {
	if !pl.missing {
		return nil
	}
	read, err := db.portalPlaces(ctx)
	if err != nil {
		return err
	}
	pl.p.mu.Lock()
	for k, v := range read {
		pl.p.places[k] = v
	}
	pl.p.mu.Unlock()
	return nil
}

// portalPlaces names each (code, valid_from) of portal_counts once: the
// commune's name, and its province when the commune is in force today
// (a pre-reform commune's parent is its district). A code names the
// commune unit that carried it on that day, else the latest before.
func (db *DB) portalPlaces(ctx context.Context) (map[[2]string]portalPlace, error) {
	rows, err := db.query(ctx, `SELECT o.code, o.valid_from,
		COALESCE(CASE WHEN u.valid_to IS NOT NULL THEN '' WHEN d.level = 'province' THEN d.code ELSE pv.code END, ''),
		COALESCE(CASE WHEN u.valid_to IS NOT NULL THEN '' WHEN d.level = 'province' THEN d.name ELSE pv.name END, ''),
		COALESCE(u.name, '')
		FROM (SELECT DISTINCT code, valid_from FROM portal_counts) o
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
		return nil, fmt.Errorf("store: portal places: %w", err)
	}
	places := make(map[[2]string]portalPlace, len(named))
	for _, n := range named {
		places[n.k] = n.p
	}
	return places, nil
}
