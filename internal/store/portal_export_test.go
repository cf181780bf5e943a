package store

import "context"

// LivePortalRegisterCounts counts what PortalRegisterCounts reads from the
// kept table straight from the organisations, for the differential test.
func (db *DB) LivePortalRegisterCounts(ctx context.Context) ([]RegisterCount, error) {
	return db.registerCounts(ctx, NewPortalPlaces(), liveCounts)
}

// ExecForTest runs statements the application has no path for (deleting
// an organisation), in one transaction, so the triggers' delete case is
// tested too.
func (db *DB) ExecForTest(ctx context.Context, queries []string, args ...any) error {
	return db.Update(ctx, func(t *Tx) error {
		for _, q := range queries {
			if _, err := t.exec(ctx, q, args...); err != nil {
				return err
			}
		}
		return nil
	})
}
