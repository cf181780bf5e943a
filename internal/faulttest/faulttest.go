// Package faulttest proves that hoptac keeps what it acknowledged: its test
// kills a real server with SIGKILL in the middle of bursts of writes, over
// and over, and checks after every restart that each acknowledged write is
// there and that nothing is half written.
//
// The checks live here, outside the test, so other tests (the backup's)
// judge a database by the same rules: Check reads a hoptac database and
// lists every broken invariant.
package faulttest

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hoptac/hoptac/internal/apptest"
	"github.com/hoptac/hoptac/internal/store/storetest"
)

// Need stops a test whose prerequisite is missing: under CI=true it fails,
// elsewhere it is skipped, saying why (apptest.Need).
func Need(t testing.TB, format string, args ...any) {
	t.Helper()
	apptest.Need(t, format, args...)
}

// FreshDSN returns the --db value of a new, empty database on the backend
// this run uses; see storetest.DSN.
func FreshDSN(t testing.TB) string {
	t.Helper()
	return storetest.DSN(t)
}

// Stats is what Check read and what it found wrong.
type Stats struct {
	Tasks             int // tasks
	TasksWithProgress int // tasks whose status was checked against their latest progress
	Progress          int // progress rows, each checked against its audit entry
	AuditProgress     int // audit entries for progress
	Audit             int // all audit entries
	ForeignKeys       int // foreign keys checked (PostgreSQL) or 0 (SQLite checks all at once)
	Problems          []string
}

func (s *Stats) problem(format string, args ...any) {
	s.Problems = append(s.Problems, fmt.Sprintf(format, args...))
}

// Check reads a hoptac database (dialect "sqlite" or "postgres") and
// reports every broken invariant in Stats.Problems; the error is for
// queries that fail. The invariants:
//
//   - SQLite's integrity_check says ok and foreign_key_check finds nothing;
//     on PostgreSQL every single-column foreign key is checked by a query.
//   - Each progress row has exactly one audit entry ('create', 'progress',
//     its id) whose recorded entry names the same task and note, and no
//     audit entry names a missing progress row: the two are written in one
//     transaction.
//   - Each task with progress has the status of its latest entry (highest
//     id), the percent of the latest entry that gave one, and a done_on
//     exactly when it is done: RecordProgress moves the task in the same
//     transaction.
//
// It assumes progress rows are never deleted, which holds for hoptac today.
func Check(ctx context.Context, db *sql.DB, dialect string) (Stats, error) {
	var s Stats
	if err := checkStorage(ctx, db, dialect, &s); err != nil {
		return s, err
	}
	if err := checkAudit(ctx, db, &s); err != nil {
		return s, err
	}
	if err := checkTasks(ctx, db, &s); err != nil {
		return s, err
	}
	return s, nil
}

func checkStorage(ctx context.Context, db *sql.DB, dialect string, s *Stats) error {
	if dialect == "sqlite" {
		lines, err := column[string](ctx, db, "PRAGMA integrity_check")
		if err != nil {
			return fmt.Errorf("integrity_check: %w", err)
		}
		if len(lines) != 1 || lines[0] != "ok" {
			s.problem("integrity_check: %s", strings.Join(lines, "; "))
		}
		rows, err := db.QueryContext(ctx, "PRAGMA foreign_key_check")
		if err != nil {
			return fmt.Errorf("foreign_key_check: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var table, parent string
			var rowid sql.NullInt64
			var fk int64
			if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
				return err
			}
			s.problem("foreign_key_check: %s row %d points at a missing %s", table, rowid.Int64, parent)
		}
		return rows.Err()
	}
	rows, err := db.QueryContext(ctx, `SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, af.attname
		FROM pg_constraint c
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
		JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
		WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.connamespace = current_schema()::regnamespace`)
	if err != nil {
		return fmt.Errorf("list foreign keys: %w", err)
	}
	type fk struct{ table, col, parent, pcol string }
	var fks []fk
	for rows.Next() {
		var f fk
		if err := rows.Scan(&f.table, &f.col, &f.parent, &f.pcol); err != nil {
			rows.Close()
			return err
		}
		fks = append(fks, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, f := range fks {
		var n int
		q := fmt.Sprintf(`SELECT count(*) FROM %s x WHERE x.%s IS NOT NULL AND NOT EXISTS
			(SELECT 1 FROM %s p WHERE p.%s = x.%s)`, f.table, ident(f.col), f.parent, ident(f.pcol), ident(f.col))
		if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil {
			return fmt.Errorf("check %s.%s: %w", f.table, f.col, err)
		}
		if n > 0 {
			s.problem("foreign key %s.%s: %d rows point at a missing %s", f.table, f.col, n, f.parent)
		}
		s.ForeignKeys++
	}
	return nil
}

func ident(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// column reads the values of a one-column query.
func column[T any](ctx context.Context, db *sql.DB, q string) ([]T, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func firstIDs(ids []int64) string {
	var b strings.Builder
	for i, id := range ids {
		if i == 10 {
			fmt.Fprintf(&b, " … (%d in all)", len(ids))
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, id)
	}
	return b.String()
}

func checkAudit(ctx context.Context, db *sql.DB, s *Stats) error {
	if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM progress),
		(SELECT count(*) FROM audit_log WHERE entity = 'progress'), (SELECT count(*) FROM audit_log)`).
		Scan(&s.Progress, &s.AuditProgress, &s.Audit); err != nil {
		return fmt.Errorf("count progress and audit: %w", err)
	}
	if s.Progress != s.AuditProgress {
		s.problem("%d progress rows but %d audit entries for progress", s.Progress, s.AuditProgress)
	}
	orphans, err := column[int64](ctx, db, `SELECT p.id FROM progress p WHERE NOT EXISTS (SELECT 1 FROM audit_log a
		WHERE a.entity = 'progress' AND a.action = 'create' AND a.entity_id = p.id) ORDER BY p.id`)
	if err != nil {
		return fmt.Errorf("progress without audit: %w", err)
	}
	if len(orphans) > 0 {
		s.problem("progress rows without their audit entry: %s", firstIDs(orphans))
	}
	ghosts, err := column[int64](ctx, db, `SELECT a.id FROM audit_log a WHERE a.entity = 'progress'
		AND NOT EXISTS (SELECT 1 FROM progress p WHERE p.id = a.entity_id) ORDER BY a.id`)
	if err != nil {
		return fmt.Errorf("audit without progress: %w", err)
	}
	if len(ghosts) > 0 {
		s.problem("audit entries for progress rows that do not exist: %s", firstIDs(ghosts))
	}
	dups, err := column[int64](ctx, db, `SELECT entity_id FROM audit_log WHERE entity = 'progress'
		GROUP BY entity_id HAVING count(*) > 1 ORDER BY entity_id`)
	if err != nil {
		return fmt.Errorf("duplicate audit: %w", err)
	}
	if len(dups) > 0 {
		s.problem("progress rows with more than one audit entry: %s", firstIDs(dups))
	}
	// The audit entry records the entry as written: same task, same note.
	rows, err := db.QueryContext(ctx, `SELECT p.id, p.task_id, p.note, a.after_json FROM progress p
		JOIN audit_log a ON a.entity = 'progress' AND a.entity_id = p.id`)
	if err != nil {
		return fmt.Errorf("audit contents: %w", err)
	}
	defer rows.Close()
	var bad []int64
	for rows.Next() {
		var id, task int64
		var note string
		var after sql.NullString
		if err := rows.Scan(&id, &task, &note, &after); err != nil {
			return err
		}
		var rec struct {
			ID     int64  `json:"id"`
			TaskID int64  `json:"task_id"`
			Note   string `json:"note"`
		}
		if !after.Valid || json.Unmarshal([]byte(after.String), &rec) != nil ||
			rec.ID != id || rec.TaskID != task || rec.Note != note {
			bad = append(bad, id)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(bad) > 0 {
		s.problem("progress rows whose audit entry records something else: %s", firstIDs(bad))
	}
	return nil
}

func checkTasks(ctx context.Context, db *sql.DB, s *Stats) error {
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM tasks`).Scan(&s.Tasks); err != nil {
		return fmt.Errorf("count tasks: %w", err)
	}
	rows, err := db.QueryContext(ctx, `SELECT t.id, t.status, t.percent, t.done_on, p.id, p.status,
		(SELECT p2.percent FROM progress p2 WHERE p2.task_id = t.id AND p2.percent IS NOT NULL
			ORDER BY p2.id DESC LIMIT 1)
		FROM tasks t JOIN progress p ON p.id = (SELECT max(p3.id) FROM progress p3 WHERE p3.task_id = t.id)
		ORDER BY t.id`)
	if err != nil {
		return fmt.Errorf("tasks and their latest progress: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var task, latest int64
		var status, latestStatus string
		var percent, latestPercent sql.NullInt64
		var doneOn sql.NullString
		if err := rows.Scan(&task, &status, &percent, &doneOn, &latest, &latestStatus, &latestPercent); err != nil {
			return err
		}
		s.TasksWithProgress++
		if status != latestStatus {
			s.problem("task %d has status %s, its latest progress %d says %s", task, status, latest, latestStatus)
		}
		if percent != latestPercent {
			s.problem("task %d has percent %s, its latest progress with a percent says %s (latest entry %d)",
				task, nullString(percent), nullString(latestPercent), latest)
		}
		if (status == "done") != (doneOn.Valid && doneOn.String != "") {
			s.problem("task %d has status %s but done_on %q", task, status, doneOn.String)
		}
	}
	return rows.Err()
}

func nullString(n sql.NullInt64) string {
	if !n.Valid {
		return "NULL"
	}
	return fmt.Sprint(n.Int64)
}
