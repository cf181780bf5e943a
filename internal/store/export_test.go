package store

import "context"

// MigrateTo exposes migrateTo to the external tests.
func (db *DB) MigrateTo(ctx context.Context, version int64) error { return db.migrateTo(ctx, version) }
