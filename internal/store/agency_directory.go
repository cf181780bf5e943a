package store

import (
	"context"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/org"
)

// AgencyDirectory reads every agency (without aliases) into a Directory,
// for successions followed by date in memory. A province has hundreds of
// agencies: one query, read once per page or report.
func (db *DB) AgencyDirectory(ctx context.Context) (org.Directory, error) {
	return agencyDirectory(ctx, db)
}

func agencyDirectory(ctx context.Context, q querier) (org.Directory, error) {
	rows, err := q.query(ctx, `SELECT `+agencyColumns+` FROM agencies a`)
	list, err := scanAll(rows, err, scanAgency)
	if err != nil {
		return nil, fmt.Errorf("store: agency directory: %w", err)
	}
	dir := make(org.Directory, len(list))
	for _, a := range list {
		dir[a.ID] = a
	}
	return dir, nil
}

// ResponsibleOn returns the agency that answers on day for agency id's
// duties: id itself or the successor they passed to by then (see
// org.Directory.ResponsibleOn). Pages ask it for today.
func (db *DB) ResponsibleOn(ctx context.Context, id int64, day time.Time) (org.Agency, error) {
	dir, err := db.AgencyDirectory(ctx)
	if err != nil {
		return org.Agency{}, err
	}
	a, ok := dir.ResponsibleOn(id, day)
	if !ok {
		_, err := db.Agency(ctx, id) // the not-found error, with its message
		return a, err
	}
	return a, nil
}
