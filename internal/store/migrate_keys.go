package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/hoptac/hoptac/internal/vntext"
)

// codeSteps are the migration steps SQL cannot take, each run in its
// version's transaction after the version's SQL file.
var codeSteps = map[int64]func(ctx context.Context, tx *sql.Tx, d dialect) error{
	38: rekeyNames,
}

// rekeyBatch is how many names one UPDATE re-keys: on PostgreSQL every
// statement runs the register's statement triggers once, so one a row
// would cost the 200,000-row register minutes.
const rekeyBatch = 500

// rekeyNames stores again the sort keys of agencies' and organisations'
// names, made by vntext.Key: after it changes its encoding (migration
// 00038, the compact key), a stored key and a newly made one must compare
// as the names do.
func rekeyNames(ctx context.Context, tx *sql.Tx, d dialect) error {
	if d.name != "sqlite" {
		return rekeyTables(ctx, tx, d)
	}
	// Every key moves in seven indexes: beyond SQLite's default 2 MB of
	// cache that is a page read and written for nearly every row.
	if _, err := tx.ExecContext(ctx, bulkCache(true)); err != nil {
		return fmt.Errorf("re-key: %w", err)
	}
	err := rekeyTables(ctx, tx, d)
	if _, cerr := tx.ExecContext(ctx, bulkCache(false)); err == nil && cerr != nil {
		err = fmt.Errorf("re-key: %w", cerr)
	}
	return err
}

// rekeyTables is rekeyNames's work, table by table.
func rekeyTables(ctx context.Context, tx *sql.Tx, d dialect) error {
	for _, table := range []string{"agencies", "organisations"} {
		args, err := rekeyed(ctx, tx, table)
		if err != nil {
			return err
		}
		if d.name == "sqlite" {
			// SQLite's triggers run a row at a time whatever the statement,
			// and its UPDATE … FROM walks the whole table once a batch.
			if err := rekeyRows(ctx, tx, table, args); err != nil {
				return err
			}
			continue
		}
		for start := 0; start < len(args); start += 2 * rekeyBatch {
			chunk := args[start:min(start+2*rekeyBatch, len(args))]
			values := strings.Repeat(`(CAST(? AS BIGINT), CAST(? AS BLOB)), `, len(chunk)/2)
			q := d.ddl.Replace(`UPDATE ` + table + ` SET sort_key = v.column2 FROM (VALUES ` + //nolint:gosec // a table name of rekeyTables' list
				strings.TrimSuffix(values, ", ") + `) AS v WHERE ` + table + `.id = v.column1`)
			if _, err := tx.ExecContext(ctx, d.rebind(q), chunk...); err != nil {
				return fmt.Errorf("re-key %s: %w", table, err)
			}
		}
	}
	return nil
}

// rekeyRows stores the keys of args (id, key, id, key …) one row a
// statement.
func rekeyRows(ctx context.Context, tx *sql.Tx, table string, args []any) error {
	stmt, err := tx.PrepareContext(ctx, `UPDATE `+table+` SET sort_key = ? WHERE id = ?`) //nolint:gosec // a table name of rekeyTables' list
	if err != nil {
		return fmt.Errorf("re-key %s: %w", table, err)
	}
	defer stmt.Close()
	for i := 0; i < len(args); i += 2 {
		if _, err := stmt.ExecContext(ctx, args[i+1], args[i]); err != nil {
			return fmt.Errorf("re-key %s: %w", table, err)
		}
	}
	return nil
}

// rekeyed is table's IDs, each followed by the new key of its name, in
// the stored keys' order, which the new keys keep: each index holding the
// key is then rewritten from its first page to its last rather than a
// page at random for every row.
func rekeyed(ctx context.Context, tx *sql.Tx, table string) ([]any, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM `+table+` ORDER BY sort_key, id`) //nolint:gosec // a table name of rekeyTables' list
	if err != nil {
		return nil, fmt.Errorf("re-key %s: %w", table, err)
	}
	defer rows.Close()
	var args []any
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("re-key %s: %w", table, err)
		}
		args = append(args, id, vntext.Key(name))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("re-key %s: %w", table, err)
	}
	return args, nil
}
