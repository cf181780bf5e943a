package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// A unit filter at the scale of a country: the new Hải Phòng covers 518
// units of the old and new lists. Its cover is read once per filter and
// version (orgFindKept) and becomes a few IN lists of codes, which the
// commune indexes serve; its matches, a few thousand at most, are then
// gathered in name order and kept as a search's are.

// orgCoverCost bounds the covers kept, counted in bound values (the new
// Hải Phòng's is about 800).
const orgCoverCost = 200_000

// orgCover is a unit filter's condition (unitCover).
type orgCover struct {
	cond string
	args []any
	none bool
}

// unitCoverAt is unitCover kept under ver, the register's organisations
// version, which every write to the units moves (register_versions): the
// recursive query over the country's unit lists costs about 10 ms however
// small the cover, and a cover serves every filter that names its unit,
// whatever else they filter on, until the next write.
func (db *DB) unitCoverAt(ctx context.Context, code string, on time.Time, ver int64) (string, []any, bool, error) {
	key := ""
	if ver >= 0 && !db.noOrgTotalCache {
		key = fmt.Sprintf("%s|%s|%d", code, on.Format(dateLayout), ver)
		if c, ok := db.orgCovers.Get(key); ok {
			return c.cond, c.args, c.none, nil
		}
	}
	cond, args, none, err := db.unitCover(ctx, code, on)
	if err != nil {
		return "", nil, false, err
	}
	if key != "" {
		db.orgCovers.Put(key, orgCover{cond: cond, args: args, none: none}, 1+len(args))
	}
	return cond, args, none, nil
}

// unitCover is unitCond with the cover read once: the condition matching
// an organisation recorded in (or moved to) a covered unit, on the same
// terms as unitCond, with the covered codes and their days as bound values. none
// is true when units carry the code but none is picked (then nothing
// matches, as with unitCond). A code no unit carries is matched as
// recorded.
func (db *DB) unitCover(ctx context.Context, code string, on time.Time) (cond string, args []any, none bool, err error) {
	var known int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM units WHERE code = ?`, code).Scan(&known); err != nil {
		return "", nil, false, fmt.Errorf("store: unit filter: %w", err)
	}
	if known == 0 {
		return `(o.commune_code = ? OR o.new_commune_code = ?)`, []any{code, code}, false, nil
	}
	ids, err := db.coverIDs(ctx, code, on)
	if err != nil {
		return "", nil, false, err
	}
	if len(ids) == 0 {
		return "", nil, true, nil
	}
	rows, err := db.query(ctx, `SELECT u.code, u.valid_from, u.valid_to FROM units u WHERE u.id IN (`+
		placeholders(len(ids))+`) ORDER BY u.code, u.valid_from, u.valid_to`, int64Args(ids)...)
	type coded struct {
		code string
		span coverSpan
	}
	got, err := scanAll(rows, err, func(r rowScanner) (coded, error) {
		var c coded
		return c, r.Scan(&c.code, &c.span.from, &c.span.to)
	})
	if err != nil {
		return "", nil, false, fmt.Errorf("store: unit filter: %w", err)
	}
	// The days each covered code was in force, per code: an organisation
	// recorded under the code matches when its day falls in one of them.
	spans := map[string][]coverSpan{}
	var codes []string
	for _, c := range got {
		if _, ok := spans[c.code]; !ok {
			codes = append(codes, c.code)
		}
		spans[c.code] = append(spans[c.code], c.span)
	}
	if len(codes) == 0 {
		return "", nil, true, nil
	}
	cond, args = coverCond(codes, spans)
	return cond, args, false, nil
}

// coverIDs is what coverSQL selects, walked one level a query: the units
// of code (in force on on, when set), then the units under them and the
// old units they were formed from, to the bottom. SQLite materialises
// coverSQL's union of both kinds of edge on every step, 10 ms on the
// country's unit lists even for a commune; each level here is two lookups
// by index, and a province's cover is four levels deep.
func (db *DB) coverIDs(ctx context.Context, code string, on time.Time) ([]int64, error) {
	pick, a := "", []any{code}
	if !on.IsZero() {
		d := on.Format(dateLayout)
		pick, a = " AND "+validOnSQL, append(a, d, d)
	}
	rows, err := db.query(ctx, `SELECT u.id FROM units u WHERE u.code = ?`+pick, a...)
	level, err := scanAll(rows, err, scanID)
	if err != nil {
		return nil, fmt.Errorf("store: unit filter: %w", err)
	}
	seen := map[int64]bool{}
	var out []int64
	for len(level) > 0 {
		var fresh []int64
		for _, id := range level {
			if !seen[id] {
				seen[id] = true
				fresh = append(fresh, id)
			}
		}
		out = append(out, fresh...)
		if len(fresh) == 0 {
			break
		}
		in := placeholders(len(fresh))
		rows, err := db.query(ctx, `SELECT x.id FROM units x WHERE x.parent_id IN (`+in+`)
			UNION SELECT s.unit_id FROM unit_successors s WHERE s.successor_id IN (`+in+`)`,
			append(int64Args(fresh), int64Args(fresh)...)...)
		if level, err = scanAll(rows, err, scanID); err != nil {
			return nil, fmt.Errorf("store: unit filter: %w", err)
		}
	}
	return out, nil
}

// coverSpan is when a unit was in force: NULL is an open end.
type coverSpan struct{ from, to *string }

// coverCond matches an organisation whose commune, or post-reform
// commune, is one of codes on a day one of the code's covered units was
// in force (or recorded without a day), as unitCond's EXISTS does per
// row. Codes with the same spans share one IN list, so a province's
// hundreds of communes become a few terms each served by the commune
// indexes, with no subquery per organisation: most codes were in force
// over one span, the old list's or the new one's.
func coverCond(codes []string, spans map[string][]coverSpan) (string, []any) {
	type group struct {
		codes []any
		spans []coverSpan
	}
	var groups []*group
	bySpans := map[string]*group{}
	for _, c := range codes {
		var k strings.Builder
		for _, s := range spans[c] {
			fmt.Fprintf(&k, "%s|%s;", spanEnd(s.from), spanEnd(s.to))
		}
		g := bySpans[k.String()]
		if g == nil {
			g = &group{spans: spans[c]}
			bySpans[k.String()] = g
			groups = append(groups, g)
		}
		g.codes = append(g.codes, c)
	}
	var terms []string
	var args []any
	for _, col := range []string{"commune", "new_commune"} {
		for _, g := range groups {
			term := `o.` + col + `_code IN (` + placeholders(len(g.codes)) + `)`
			args = append(args, g.codes...)
			if !alwaysInForce(g.spans) {
				var days []string
				for _, s := range g.spans {
					var in []string
					if s.from != nil {
						in, args = append(in, `o.`+col+`_valid_from >= ?`), append(args, *s.from)
					}
					if s.to != nil {
						in, args = append(in, `o.`+col+`_valid_from <= ?`), append(args, *s.to)
					}
					days = append(days, `(`+strings.Join(in, ` AND `)+`)`)
				}
				term += ` AND (o.` + col + `_valid_from IS NULL OR ` + strings.Join(days, ` OR `) + `)`
			}
			terms = append(terms, `(`+term+`)`)
		}
	}
	return `(` + strings.Join(terms, ` OR `) + `)`, args
}

func spanEnd(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

// alwaysInForce is whether one of spans has no end either side.
func alwaysInForce(spans []coverSpan) bool {
	for _, s := range spans {
		if s.from == nil && s.to == nil {
			return true
		}
	}
	return false
}
