package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hoptac/hoptac/internal/unit"
)

// UnitResolution is where a unit stands after the reform: itself when it
// is still in force, else the new units that took it over.
type UnitResolution struct {
	Unit unit.Unit // the unit the code named on the day asked
	// Communes are the new communes it went into, each full or partial
	// (for a commune still in force: itself, full).
	Communes []unit.Link
	// Provinces are the new provinces those communes (or the old province
	// itself) belong to, usually one.
	Provinces []unit.Unit
}

// ResolveUnit finds the unit that carried code on day on and the new
// commune(s) and province(s) that stand for it after the reform: an old
// commune of Hải Dương resolves to its commune(s) in the new Hải Phòng.
func (db *DB) ResolveUnit(ctx context.Context, code string, on time.Time) (UnitResolution, error) {
	u, err := db.UnitOn(ctx, code, on)
	if err != nil {
		return UnitResolution{}, err
	}
	res := UnitResolution{Unit: u}
	current := []unit.Link{{Unit: u, Share: unit.ShareFull}}
	if u.ValidTo != nil {
		if current, err = db.UnitSuccessors(ctx, u.ID); err != nil {
			return res, err
		}
	}
	seen := map[int64]bool{}
	for _, l := range current {
		switch l.Unit.Level {
		case unit.LevelCommune:
			res.Communes = append(res.Communes, l)
			if l.Unit.ParentID != nil && !seen[*l.Unit.ParentID] {
				seen[*l.Unit.ParentID] = true
				p, err := db.Unit(ctx, *l.Unit.ParentID)
				if err != nil {
					return res, fmt.Errorf("store: province of unit %d: %w", l.Unit.ID, err)
				}
				res.Provinces = append(res.Provinces, p)
			}
		case unit.LevelProvince:
			if !seen[l.Unit.ID] {
				seen[l.Unit.ID] = true
				res.Provinces = append(res.Provinces, l.Unit)
			}
		}
	}
	return res, nil
}

// UnitCoverage returns the IDs, sorted, of every unit, old or new, that
// lies within unit id: the unit, the units under it, the old units it was
// formed from (full or partial) and the units under those, to the bottom.
// A filter on the new Hải Phòng thereby takes in what was recorded in old
// Hải Dương communes. A partial predecessor is included: part of it is
// within the unit, and a record in it may be. An old unit covers only
// itself and the units under it.
func (db *DB) UnitCoverage(ctx context.Context, id int64) ([]int64, error) {
	if _, err := db.Unit(ctx, id); err != nil {
		return nil, err
	}
	seen := map[int64]bool{id: true}
	frontier := []int64{id}
	for len(frontier) > 0 {
		var next []int64
		for start := 0; start < len(frontier); start += maxInArgs {
			chunk := frontier[start:min(start+maxInArgs, len(frontier))]
			in := placeholders(len(chunk))
			args := int64Args(chunk)
			rows, err := db.query(ctx, `SELECT id FROM units WHERE parent_id IN (`+in+`)
				UNION SELECT unit_id FROM unit_successors WHERE successor_id IN (`+in+`)`, append(args, args...)...)
			if err != nil {
				return nil, fmt.Errorf("store: unit coverage: %w", err)
			}
			found, err := scanIDs(rows)
			if err != nil {
				return nil, fmt.Errorf("store: unit coverage: %w", err)
			}
			for _, f := range found {
				if !seen[f] {
					seen[f] = true
					next = append(next, f)
				}
			}
		}
		frontier = next
	}
	out := make([]int64, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	slices.Sort(out)
	return out, nil
}

// maxInArgs bounds an IN list, twice per statement, far below both
// backends' limit on bound parameters.
const maxInArgs = 500
