package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/unit"
	"github.com/hoptac/hoptac/internal/vntext"
)

// UnitImport is what ImportUnits changed.
type UnitImport struct {
	Created, Updated, Unchanged                int // units
	LinksCreated, LinksUpdated, LinksUnchanged int // successor links
	// Reconciled are new codes a mapping gives differently from the list
	// (06970 for 06978, Xã Ba Chẽ), matched by name and level.
	Reconciled []UnitReconciled
	// Skipped are the old codes a mapping links that no list holds (old
	// communes gone before the list was drawn up); their links are left out.
	Skipped []string
}

// UnitReconciled is one code a mapping gives differently from the list.
type UnitReconciled struct {
	MappingCode, ListCode, Name string
}

// Changed reports whether the import wrote anything.
func (r UnitImport) Changed() bool {
	return r.Created+r.Updated+r.LinksCreated+r.LinksUpdated > 0
}

// unitRow is a stored unit as the import compares it.
type unitRow struct {
	id                int64
	name, short, code string
	level             unit.Level
	parent            *int64
}

// unitEra is one side of the reform: which list a unit came from.
type unitEra struct {
	from, to any // the validity bounds every unit of the era gets
	where    string
	arg      string
}

func eraOf(k unit.Kind) unitEra {
	if k == unit.KindOldList || k == unit.KindOldToNew {
		return unitEra{from: nil, to: unit.LastOldDay.Format(dateLayout), where: `valid_to = ?`, arg: unit.LastOldDay.Format(dateLayout)}
	}
	return unitEra{from: unit.ReformDay.Format(dateLayout), to: nil, where: `valid_from = ?`, arg: unit.ReformDay.Format(dateLayout)}
}

var oldEra, newEra = eraOf(unit.KindOldList), eraOf(unit.KindNewList)

// unitInsertBatch is how many units one INSERT carries: 8 arguments a row.
const unitInsertBatch = 500

// ImportUnits stores the units of the lists and the links of the mappings
// among files, lists first, whatever their order: a unit is matched by its
// level, code and era (before or after the reform), a link by its two
// units, so importing the same files again changes nothing. A mapping's
// new code that the list gives differently is matched by name and
// reported; a link from an old code no list holds is left out and
// reported. An unknown new code fails the whole import. The audit log gets
// one entry summing the import up, when it changed anything.
func (t *Tx) ImportUnits(ctx context.Context, files []*unit.File) (UnitImport, error) {
	var res UnitImport
	files = slices.Clone(files)
	rank := map[unit.Kind]int{unit.KindOldList: 0, unit.KindNewList: 1, unit.KindOldToNew: 2, unit.KindNewToOld: 3}
	slices.SortStableFunc(files, func(a, b *unit.File) int { return rank[a.Kind] - rank[b.Kind] })
	var links []unit.Mapping
	for _, f := range files {
		if f.IsList() {
			if err := t.importUnitList(ctx, f, &res); err != nil {
				return res, err
			}
			continue
		}
		links = append(links, f.Links...)
	}
	if len(links) > 0 {
		if err := t.importUnitLinks(ctx, links, &res); err != nil {
			return res, err
		}
	}
	if !res.Changed() {
		return res, nil
	}
	return res, t.audit(ctx, "import", "unit", 0, nil, map[string]any{
		"files": len(files), "created": res.Created, "updated": res.Updated,
		"links_created": res.LinksCreated, "links_updated": res.LinksUpdated})
}

// eraUnits reads the stored units of an era by level and code.
func (t *Tx) eraUnits(ctx context.Context, era unitEra) (map[string]unitRow, error) {
	rows, err := t.query(ctx, `SELECT id, level, code, name, short_name, parent_id FROM units WHERE `+era.where, era.arg)
	list, err := scanAll(rows, err, func(r rowScanner) (unitRow, error) {
		var u unitRow
		var level string
		var parent sql.NullInt64
		err := r.Scan(&u.id, &level, &u.code, &u.name, &u.short, &parent)
		u.level, u.parent = unit.Level(level), intPtr(parent)
		return u, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: read units: %w", err)
	}
	out := make(map[string]unitRow, len(list))
	for _, u := range list {
		out[string(u.level)+u.code] = u
	}
	return out, nil
}

// importUnitList writes one list level by level, so each level's parents
// have their IDs before their children are written.
func (t *Tx) importUnitList(ctx context.Context, f *unit.File, res *UnitImport) error {
	era := eraOf(f.Kind)
	stored, err := t.eraUnits(ctx, era)
	if err != nil {
		return err
	}
	for _, level := range unit.Levels() {
		var insert []any
		n := 0
		flush := func() error {
			if n == 0 {
				return nil
			}
			_, err := t.exec(ctx, `INSERT INTO units (level, code, name, short_name, name_fold, valid_from, valid_to, parent_id) VALUES `+
				strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?),", n), ","), insert...)
			insert, n = insert[:0], 0
			if err != nil {
				return fmt.Errorf("store: insert units: %w", err)
			}
			return nil
		}
		for _, r := range f.Units {
			if r.Level != level {
				continue
			}
			var parent *int64
			if r.ParentCode != "" {
				p, ok := stored[string(unit.LevelOfCode(r.ParentCode))+r.ParentCode]
				if !ok { // Parse puts parents first; a gap here is a bug, not bad input
					return fmt.Errorf("store: unit %s: parent %s not stored", r.Code, r.ParentCode)
				}
				parent = &p.id
			}
			old, ok := stored[string(level)+r.Code]
			switch {
			case !ok:
				insert = append(insert, string(level), r.Code, r.Name, r.ShortName, vntext.Fold(r.Name), era.from, era.to, nullInt(parent))
				res.Created++
				if n++; n == unitInsertBatch {
					if err := flush(); err != nil {
						return err
					}
				}
			case old.name != r.Name || old.short != r.ShortName || !sameID(old.parent, parent):
				if _, err := t.exec(ctx, `UPDATE units SET name = ?, short_name = ?, name_fold = ?, parent_id = ? WHERE id = ?`,
					r.Name, r.ShortName, vntext.Fold(r.Name), nullInt(parent), old.id); err != nil {
					return fmt.Errorf("store: update unit: %w", err)
				}
				res.Updated++
			default:
				res.Unchanged++
			}
		}
		if err := flush(); err != nil {
			return err
		}
		if stored, err = t.eraUnits(ctx, era); err != nil {
			return err
		}
	}
	return nil
}

func sameID(a, b *int64) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// importUnitLinks writes the successor links of the mappings.
func (t *Tx) importUnitLinks(ctx context.Context, links []unit.Mapping, res *UnitImport) error {
	olds, err := t.eraUnits(ctx, oldEra)
	if err != nil {
		return err
	}
	news, err := t.eraUnits(ctx, newEra)
	if err != nil {
		return err
	}
	if len(olds) == 0 || len(news) == 0 {
		// Every link would be skipped: say why instead of reporting that.
		return i18n.Errorf(nil, "unit.import.no_lists")
	}
	stored := map[[2]int64]string{}
	rows, err := t.query(ctx, `SELECT unit_id, successor_id, share FROM unit_successors`)
	if _, err := scanAll(rows, err, func(r rowScanner) (struct{}, error) {
		var k [2]int64
		var share string
		err := r.Scan(&k[0], &k[1], &share)
		stored[k] = share
		return struct{}{}, err
	}); err != nil {
		return fmt.Errorf("store: read unit links: %w", err)
	}
	byName := map[string][]unitRow{} // new units by level and name key, for reconciling codes
	for _, u := range news {
		k := string(u.level) + unit.NameKey(u.name)
		byName[k] = append(byName[k], u)
	}
	reconciled, skipped := map[string]bool{}, map[string]bool{}
	var insert []any
	for _, m := range links {
		old, ok := olds[string(unit.LevelOfCode(m.OldCode))+m.OldCode]
		if !ok {
			if !skipped[m.OldCode] {
				skipped[m.OldCode] = true
				res.Skipped = append(res.Skipped, m.OldCode)
			}
			continue
		}
		level := unit.LevelOfCode(m.NewCode)
		cur, ok := news[string(level)+m.NewCode]
		if !ok {
			cands := byName[string(level)+unit.NameKey(m.NewName)]
			if len(cands) != 1 {
				return i18n.Errorf(nil, "unit.import.unknown_new", m.NewCode, m.NewName, m.OldName)
			}
			cur = cands[0]
			if !reconciled[m.NewCode] {
				reconciled[m.NewCode] = true
				res.Reconciled = append(res.Reconciled, UnitReconciled{MappingCode: m.NewCode, ListCode: cur.code, Name: cur.name})
			}
		}
		k := [2]int64{old.id, cur.id}
		share, ok := stored[k]
		switch {
		case !ok:
			stored[k] = string(m.Share)
			insert = append(insert, old.id, cur.id, string(m.Share))
			res.LinksCreated++
		case share != string(m.Share):
			stored[k] = string(m.Share)
			if _, err := t.exec(ctx, `UPDATE unit_successors SET share = ? WHERE unit_id = ? AND successor_id = ?`,
				string(m.Share), old.id, cur.id); err != nil {
				return fmt.Errorf("store: update unit link: %w", err)
			}
			res.LinksUpdated++
		default:
			res.LinksUnchanged++
		}
	}
	for start := 0; start < len(insert); start += 3 * unitInsertBatch {
		chunk := insert[start:min(start+3*unitInsertBatch, len(insert))]
		if _, err := t.exec(ctx, `INSERT INTO unit_successors (unit_id, successor_id, share) VALUES `+
			strings.TrimSuffix(strings.Repeat("(?, ?, ?),", len(chunk)/3), ","), chunk...); err != nil {
			return fmt.Errorf("store: insert unit links: %w", err)
		}
	}
	slices.Sort(res.Skipped)
	return nil
}
