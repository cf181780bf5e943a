package store

import "context"

// UpdateStatements says how many batched UPDATE statements the importer
// ran (PostgreSQL; SQLite updates a row a statement and runs none).
func (r *RegisterImporter) UpdateStatements() int {
	n := 0
	for _, u := range []*multiUpdate{r.orgUpd, r.figUpd} {
		if u != nil {
			n += u.statements
		}
	}
	return n
}

// WriterPragma reads a pragma on the writer's one connection (SQLite).
func (db *DB) WriterPragma(name string) (int64, error) {
	var n int64
	err := db.w.QueryRow(`PRAGMA ` + name).Scan(&n)
	return n, err
}

// Analyses says how many times the importer analysed the register's
// tables (PostgreSQL).
func (r *RegisterImporter) Analyses() int { return r.analyses }

// QueryRowForTest reads one row inside the transaction.
func (t *Tx) QueryRowForTest(ctx context.Context, q string, dest ...any) error {
	return t.tx.QueryRowContext(ctx, q).Scan(dest...)
}
