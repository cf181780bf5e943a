package store

import (
	"context"
	"fmt"

	"github.com/hoptac/hoptac/internal/coop"
)

// OrgCursor is where a walk through a list stopped: the last organisation
// read, by its place in Vietnamese name order (its sort key, then its ID).
// The zero cursor is the start of the list.
type OrgCursor struct {
	SortKey []byte // the collation key, compared as bytes
	ID      int64
	// started says the cursor is past the start; walk is the search plan
	// chosen on the first call, kept so later calls do not count again.
	started, walk bool
}

// OrganisationsAfter reads up to limit organisations f selects (its page
// fields ignored), in the list's order, after cur, and the cursor to go
// on from. An export reads a whole list so, by keyset rather than OFFSET:
// a page costs the same however far into the list, and an organisation
// added or removed before the cursor while the export runs neither
// repeats nor skips one of the others, as it would shift an OFFSET.
// Fewer than limit organisations means the list ended.
func (db *DB) OrganisationsAfter(ctx context.Context, f OrganisationFilter, cur OrgCursor, limit int) ([]coop.Organisation, OrgCursor, error) {
	if limit <= 0 {
		limit = DefaultPerPage
	}
	q, err := db.orgFind(ctx, f)
	if err != nil || q.none {
		return nil, cur, err
	}
	if !cur.started && q.text != "" {
		// As for a search's matches (orgSearchIDs): many trigram matches
		// are read walking the name order; a few, sorted.
		var n int
		if err := db.queryRow(ctx, `SELECT COUNT(*) FROM organisations_search WHERE organisations_search MATCH ?`,
			q.text).Scan(&n); err != nil {
			return nil, cur, fmt.Errorf("store: export organisations: %w", err)
		}
		cur.walk = n >= db.orgWalkFrom
	}
	where, args := q.where, q.args
	if cur.walk {
		where, args = q.walk, q.walkArgs
	}
	args = args[:len(args):len(args)]
	if cur.started {
		where += ` AND (o.sort_key, o.id) > (?, ?)`
		args = append(args, cur.SortKey, cur.ID)
	}
	rows, err := db.query(ctx, `SELECT `+orgColumns+`, o.sort_key FROM organisations o WHERE `+where+
		` ORDER BY o.sort_key, o.id LIMIT ?`, append(args, limit)...)
	next := cur
	out, err := scanAll(rows, err, func(r rowScanner) (coop.Organisation, error) {
		o, err := scanOrganisation(withExtra{r, []any{&next.SortKey}})
		next.ID = o.ID
		return o, err
	})
	if err != nil {
		return nil, cur, fmt.Errorf("store: export organisations: %w", err)
	}
	if len(out) == 0 {
		return nil, cur, nil
	}
	next.started = true
	return out, next, nil
}

// withExtra scans a row's trailing columns into extra, after what the
// caller's scanner asks for.
type withExtra struct {
	r     rowScanner
	extra []any
}

func (w withExtra) Scan(dest ...any) error { return w.r.Scan(append(dest, w.extra...)...) }
