package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
)

// PendingImportTTL is how long a read plan waits for its confirm. A review
// left open longer is read again; the row is deleted when the next import
// is read.
const PendingImportTTL = 24 * time.Hour

// PendingImport is a plan read from a document and shown for review, kept
// on the server so the confirm cannot swap what was read. Result and Lines
// are JSON the importer wrote; the store does not look inside.
type PendingImport struct {
	ID          string // random, so one user cannot guess another's
	UserID      int64
	SourceName  string
	Result      string
	Lines       string
	CreatedAt   time.Time
	ExpiresAt   time.Time
	ConfirmedAt *time.Time
	PlanID      *int64 // the plan the confirm stored
}

// CreatePendingImport stores a read plan for its owner and deletes the
// pending imports that have expired.
func (t *Tx) CreatePendingImport(ctx context.Context, p *PendingImport) error {
	if _, err := t.exec(ctx, `DELETE FROM pending_imports WHERE expires_at <= ?`, fmtTime(t.now)); err != nil {
		return fmt.Errorf("store: expire pending imports: %w", err)
	}
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return fmt.Errorf("store: pending import id: %w", err)
	}
	p.ID, p.CreatedAt, p.ExpiresAt = hex.EncodeToString(b[:]), t.now, t.now.Add(PendingImportTTL)
	p.ConfirmedAt, p.PlanID = nil, nil
	_, err := t.exec(ctx, `INSERT INTO pending_imports (id, user_id, source_name, result, source_lines, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, p.ID, p.UserID, p.SourceName, p.Result, p.Lines,
		fmtTime(p.CreatedAt), fmtTime(p.ExpiresAt))
	if err != nil {
		return fmt.Errorf("store: create pending import: %w", err)
	}
	return nil
}

// PendingImport returns a pending import of userID that has not expired.
// Another user's, an expired and a missing one are all not found, so the
// answer tells nobody whether someone else's exists.
func (db *DB) PendingImport(ctx context.Context, id string, userID int64) (PendingImport, error) {
	var p PendingImport
	var created, expires string
	var confirmed sql.NullString
	var planID sql.NullInt64
	err := db.queryRow(ctx, `SELECT id, user_id, source_name, result, source_lines, created_at, expires_at,
		confirmed_at, plan_id FROM pending_imports WHERE id = ? AND user_id = ? AND expires_at > ?`,
		id, userID, fmtTime(db.Now())).Scan(&p.ID, &p.UserID, &p.SourceName, &p.Result, &p.Lines,
		&created, &expires, &confirmed, &planID)
	if err != nil {
		return p, notFound(err, "import.error.pending_gone")
	}
	p.CreatedAt, p.ExpiresAt, p.PlanID = parseTime(created), parseTime(expires), intPtr(planID)
	if confirmed.Valid {
		at := parseTime(confirmed.String)
		p.ConfirmedAt = &at
	}
	return p, nil
}

// ClaimPendingImport marks a pending import of userID confirmed, in the
// transaction that stores its plan. Exactly one claim succeeds: a second
// confirm, concurrent or later, finds the row claimed and gets a Conflict
// (an expired or foreign one, NotFound). On PostgreSQL the second UPDATE
// waits for the first transaction and then sees its claim.
func (t *Tx) ClaimPendingImport(ctx context.Context, id string, userID int64) error {
	n, err := t.execCount(ctx, `UPDATE pending_imports SET confirmed_at = ?
		WHERE id = ? AND user_id = ? AND expires_at > ? AND confirmed_at IS NULL`,
		fmtTime(t.now), id, userID, fmtTime(t.now))
	if err != nil {
		return fmt.Errorf("store: claim pending import: %w", err)
	}
	if n == 1 {
		return nil
	}
	var confirmed sql.NullString
	err = t.queryRow(ctx, `SELECT confirmed_at FROM pending_imports WHERE id = ? AND user_id = ? AND expires_at > ?`,
		id, userID, fmtTime(t.now)).Scan(&confirmed)
	if err != nil {
		return notFound(err, "import.error.pending_gone")
	}
	return apperr.New(apperr.Conflict, "import.error.already_confirmed")
}

// SetPendingImportPlan records the plan a claimed pending import became,
// so a second confirm can point to it.
func (t *Tx) SetPendingImportPlan(ctx context.Context, id string, planID int64) error {
	if _, err := t.exec(ctx, `UPDATE pending_imports SET plan_id = ? WHERE id = ?`, planID, id); err != nil {
		return fmt.Errorf("store: pending import plan: %w", err)
	}
	return nil
}
