package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/vntext"
)

// Finding organisations at the scale of a country (200,000 organisations,
// docs/performance.md): the filter becomes SQL once per request, with the
// parts that used to run once per organisation worked out beforehand.
//
//   - The search text is looked up in a trigram index (migration 00020:
//     FTS5 on SQLite, pg_trgm on PostgreSQL) instead of a LIKE scan of
//     every row, unless it is shorter than the index's three characters.
//   - A unit filter's cover (the unit, the units under it and the old units
//     it was formed from) is read once per filter and version, as a few
//     lists of codes with the days they were in force, which the commune
//     indexes serve (organisation_find_unit.go); its matches are gathered
//     and kept as a search's are.
//   - A list without a search keeps its total, counted once per filter
//     until the data it depends on changes (orgTotal, register_versions),
//     and reads its page by walking an index in name order (a filter's,
//     or organisations_sort), which stops after the page. The count, redone
//     after every edit, reads narrow indexes only (migration 00027) and a
//     year filter's figures as one set, not one probe per organisation.
//   - A search keeps its matches' IDs in name order under the same
//     versions (orgSearchIDs): a page is then a slice of them, read by
//     primary key. Gathering them costs a sort of the matches, which the
//     next pages and readers of the same text need not repeat; people
//     search the same few words over and over. A common text's matches
//     are not gathered: the name order is walked, testing each row read,
//     as far as its first orgKeepFirst matches.

// orgWalkFrom is the number of trigram-index matches from which a search
// finds its first matches by walking organisations_sort and testing each
// row's text, rather than reading every matching row to sort it (on
// PostgreSQL the planner walks with the LIMIT that this sets): at one
// match in twenty, the first 500 are at most 10,000 rows
// into the walk, where sorting 10,000 rows costs as much as a walk of
// all 200,000 (measured with the sqlite3 shell on the 200,000-organisation
// register).
const orgWalkFrom = 10_000

// orgKeepFirst is how many of a common text's matches a search keeps in
// name order (ten pages of 50): the walk that finds them stops there, and
// the rare page past them is read on its own (orgSearchPage). Tests
// lower orgWalkFrom, and this with it.
func (db *DB) orgKeepFirst() int { return min(db.orgWalkFrom, 500) }

// orgTotalEntries bounds the totals kept: one int per filter and version;
// orgIDEntries the IDs kept for searches (8 bytes each: 16 MB).
const (
	orgTotalEntries = 20_000
	orgIDEntries    = 2_000_000
)

// orgQuery is one request's filter as SQL.
type orgQuery struct {
	where string
	args  []any
	// walk is where with the search tested per organisation walked in
	// name order, by LIKE on the row (SQLite); equal to where otherwise.
	walk     string
	walkArgs []any
	// count is where for orgTotal: the same rows.
	count     string
	countArgs []any
	// kept, when set, counts the same rows from register_year_counts
	// (migration 00030): a year filter with nothing but form, sector and
	// status beside it.
	kept     string
	keptArgs []any
	none     bool // the filter selects nothing (a unit filter with an empty cover)
	// textOnly: the search is the only filter and text is set, so the
	// trigram index's count of text is the total.
	textOnly bool
	// text is the search's argument for the SQLite trigram table, "" when
	// the search is not indexed (too short, PostgreSQL, no search).
	text   string
	search bool // the filter has a search
	// gather: the list's IDs are gathered in name order and kept, as a
	// search's are (orgSearchIDs): a search, or a unit, whose cover the
	// commune indexes find in a few thousand rows at most, where a walk
	// of a name order would test most of the register.
	gather bool
}

// orgFind turns f into SQL, reading the unit filter's cover.
func (db *DB) orgFind(ctx context.Context, f OrganisationFilter) (orgQuery, error) {
	return db.orgFindAt(ctx, f, -1)
}

// orgFindAt is orgFind with the unit filter's cover kept under ver, the
// register's organisations version read before it (orgTotalKey); a
// negative ver reads the cover afresh.
func (db *DB) orgFindAt(ctx context.Context, f OrganisationFilter, ver int64) (orgQuery, error) {
	var conds, walk []string
	var args, walkArgs []any
	var text string
	// count is where for the total: the same rows, read in the way that
	// suits counting them all rather than a page in name order.
	var count []string
	var countArgs []any
	add := func(c string, a ...any) {
		conds, args = append(conds, c), append(args, a...)
		walk, walkArgs = append(walk, c), append(walkArgs, a...)
	}
	addAll := func(c string, a ...any) {
		add(c, a...)
		count, countArgs = append(count, c), append(countArgs, a...)
	}
	if q := vntext.Fold(f.Query); q != "" {
		if sub, arg, ok := db.d.orgTextIDs(q); ok {
			conds, args = append(conds, "o.id IN ("+sub+")"), append(args, arg)
			count, countArgs = append(count, "o.id IN ("+sub+")"), append(countArgs, arg)
			// The walk in name order tests each row it reads, rather than
			// gathering every match of the index first: a common word's
			// first page is then a few hundred rows read, not its 80,000
			// matches looked up (the same rows: the FTS5 phrase of a folded
			// text matches where LIKE does).
			walk = append(walk, `o.search_fold LIKE ? ESCAPE '\'`)
			walkArgs = append(walkArgs, "%"+vntext.EscapeLike(q)+"%")
			text = arg.(string)
		} else {
			// Too short for the index, or PostgreSQL, whose planner reads
			// the GIN pg_trgm index or walks the name order as it judges.
			addAll(`o.search_fold LIKE ? ESCAPE '\'`, "%"+vntext.EscapeLike(q)+"%")
		}
	}
	for _, c := range []struct {
		col, v string
	}{{"o.form", string(f.Form)}, {"o.sector", string(f.Sector)}, {"o.status", string(f.Status)}} {
		if c.v == "" {
			continue
		}
		switch {
		case f.Commune != "" && db.d.name == "sqlite":
			// "+" keeps SQLite off the form, sector and status indexes,
			// whose name order it would otherwise walk over 150,000 HTX
			// to find a commune's few: the commune indexes narrow first.
			addAll(`+`+c.col+` = ?`, c.v)
		case c.col == "o.status" && (f.Form != "" || f.Sector != "") && db.d.name == "sqlite":
			// A name begins with its legal form ("Hợp tác xã …", "Tổ hợp
			// tác …"), so the status index's name order holds every HTX
			// before the first THT: the page walks the form's or the
			// sector's index instead, where nine in ten are active. The
			// count keeps the status, which the narrow indexes hold.
			add(`+`+c.col+` = ?`, c.v)
			count, countArgs = append(count, c.col+` = ?`), append(countArgs, c.v)
		default:
			addAll(c.col+` = ?`, c.v)
		}
	}
	if f.Commune != "" {
		c, a, none, err := db.unitCoverAt(ctx, f.Commune, f.UnitOn, ver)
		if err != nil {
			return orgQuery{}, err
		}
		if none {
			return orgQuery{none: true}, nil
		}
		addAll(c, a...)
	}
	if f.Year != 0 || f.Rating != "" || f.Exemplary {
		// The figures the filter reads: the year's, or the latest. A probe
		// of the figures' primary key per organisation left by the rest.
		var fig []string
		var a []any
		if f.Year != 0 {
			fig, a = append(fig, `y.year = ?`), append(a, f.Year)
		} else {
			fig = append(fig, `y.year = (SELECT MAX(z.year) FROM organisation_figures z WHERE z.organisation_id = o.id)`)
		}
		if f.Rating != "" {
			fig, a = append(fig, `y.rating = ?`), append(a, f.Rating)
		}
		if f.Exemplary {
			fig = append(fig, `y.exemplary = 1`)
		}
		exists := `EXISTS (SELECT 1 FROM organisation_figures y WHERE y.organisation_id = o.id AND ` +
			strings.Join(fig, " AND ") + `)`
		add(exists, a...)
		if f.Year != 0 {
			// The count reads the year's slice of organisation_figures_year
			// once, as a set, instead of probing the figures' key once per
			// organisation: on a cold cache those probes are random reads.
			count, countArgs = append(count, `o.id IN (SELECT y.organisation_id FROM organisation_figures y WHERE `+
				strings.Join(fig, " AND ")+`)`), append(countArgs, a...)
		} else {
			count, countArgs = append(count, exists), append(countArgs, a...)
		}
	}
	join := func(cs []string) string {
		if len(cs) == 0 {
			return "1=1"
		}
		return strings.Join(cs, " AND ")
	}
	q := orgQuery{where: join(conds), args: args, walk: join(walk), walkArgs: walkArgs, text: text,
		count: join(count), countArgs: countArgs,
		search: vntext.Fold(f.Query) != "", gather: vntext.Fold(f.Query) != "" || f.Commune != ""}
	q.kept, q.keptArgs = keptYearCount(f)
	q.textOnly = text != "" && len(count) == 1
	return q, nil
}

// orgTotal is how many organisations q selects, counted once per filter
// and kept under the versions of what it depends on (migration 00020):
// the organisations and units always, a year's figures for a year filter,
// all figures for a rating or exemplary filter without a year. Triggers
// bump the versions in the writing transaction, and the versions are read
// before the count, so a total is never kept under a version older than
// the data it was counted on.
func (db *DB) orgTotal(ctx context.Context, key string, q orgQuery) (int, error) {
	if n, ok := db.orgTotals.Get(key); ok && !db.noOrgTotalCache {
		return n, nil
	}
	if q.none {
		return 0, nil
	}
	var n int
	query, args := `SELECT COUNT(*) FROM organisations o WHERE `+q.count, q.countArgs
	if q.kept != "" {
		query, args = q.kept, q.keptArgs
	}
	if err := db.queryRow(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count organisations: %w", err)
	}
	db.orgTotals.Put(key, n, 1)
	return n, nil
}

// orgTotalKey is f without its page, with the versions its total depends
// on. It is read before anything else of the request (the unit cover
// included), so what is counted is never older than the key. The
// organisations version comes back as ver; rows is the version of the
// organisations' rows (migration 00035), which a kept page depends on
// beside the key, read in the same statement.
func (db *DB) orgTotalKey(ctx context.Context, f OrganisationFilter) (key string, ver, rows int64, err error) {
	scopes := []any{"organisations"}
	switch marks := f.Rating != "" || f.Exemplary; {
	case f.Year != 0 && marks:
		scopes = append(scopes, "figures:"+strconv.Itoa(f.Year))
	case f.Year != 0:
		scopes = append(scopes, "figure_rows:"+strconv.Itoa(f.Year))
	case marks:
		scopes = append(scopes, "figures")
	}
	rs, err := db.query(ctx, `SELECT scope, n FROM register_versions WHERE scope IN (`+placeholders(len(scopes)+1)+`)`,
		append(scopes, orgRowsScope)...)
	if err != nil {
		return "", 0, 0, fmt.Errorf("store: register version: %w", err)
	}
	vers := map[string]int64{}
	for rs.Next() {
		var s string
		var n int64
		if err := rs.Scan(&s, &n); err != nil {
			rs.Close()
			return "", 0, 0, fmt.Errorf("store: register version: %w", err)
		}
		vers[s] = n
	}
	if err := rs.Close(); err != nil {
		return "", 0, 0, fmt.Errorf("store: register version: %w", err)
	}
	if err := rs.Err(); err != nil {
		return "", 0, 0, fmt.Errorf("store: register version: %w", err)
	}
	g := f
	g.Query, g.Page, g.PerPage = vntext.Fold(f.Query), 0, 0
	var b strings.Builder
	b.WriteString(g.Values().Encode())
	for _, s := range scopes {
		// A year whose figures were never written since the migration has
		// no row yet: version 0, until its first write.
		fmt.Fprintf(&b, "|%s=%d", s, vers[s.(string)])
	}
	return b.String(), vers["organisations"], vers[orgRowsScope], nil
}

// orgPage reads one page of a list without a search in Vietnamese order
// of the names.
func (db *DB) orgPage(ctx context.Context, f OrganisationFilter, q orgQuery, total int) ([]coop.Organisation, error) {
	limit, offset := limits(f.Page, f.PerPage)
	if offset >= total {
		return nil, nil
	}
	rows, err := db.query(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE `+q.where+
		` ORDER BY o.sort_key, o.id LIMIT ? OFFSET ?`, append(q.args[:len(q.args):len(q.args)], limit, offset)...)
	out, err := scanAll(rows, err, scanOrganisation)
	if err != nil {
		return nil, fmt.Errorf("store: list organisations: %w", err)
	}
	return out, nil
}

// orgsByID reads the organisations of ids, in that order.
func (db *DB) orgsByID(ctx context.Context, ids []int64) ([]coop.Organisation, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := db.query(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.id IN (`+placeholders(len(ids))+`)`,
		int64Args(ids)...)
	got, err := scanAll(rows, err, scanOrganisation)
	if err != nil {
		return nil, fmt.Errorf("store: list organisations: %w", err)
	}
	byID := make(map[int64]coop.Organisation, len(got))
	for _, o := range got {
		byID[o.ID] = o
	}
	out := make([]coop.Organisation, 0, len(ids))
	for _, id := range ids {
		// An organisation removed since the IDs were kept (a merge does not
		// remove; nothing else does) would be left out, not invented.
		if o, ok := byID[id]; ok {
			out = append(out, o)
		}
	}
	return out, nil
}
