package store

import (
	"context"
	"fmt"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/dedupe"
)

// distinctPair is how a distinct mark reads in the audit log.
type distinctPair struct {
	A int64 `json:"organisation_a"`
	B int64 `json:"organisation_b"`
}

// MarkDistinct records that organisations a and b are two organisations,
// so the duplicate finder never proposes the pair again. Marking a pair
// again changes nothing.
func (t *Tx) MarkDistinct(ctx context.Context, a, b int64) error {
	if a == b {
		return apperr.New(apperr.Validation, "error.merge_self")
	}
	for _, id := range []int64{a, b} {
		if _, err := t.OrganisationForUpdate(ctx, id); err != nil {
			return err
		}
	}
	k := dedupe.PairKey(a, b)
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM organisation_distinct WHERE low_id = ? AND high_id = ?`,
		k[0], k[1]).Scan(&n); err != nil {
		return fmt.Errorf("store: distinct: %w", err)
	}
	if n > 0 {
		return nil
	}
	_, userName := actor(ctx)
	if _, err := t.exec(ctx, `INSERT INTO organisation_distinct (low_id, high_id, user_name, created_at) VALUES (?, ?, ?, ?)`,
		k[0], k[1], userName, fmtTime(t.now)); err != nil {
		return fmt.Errorf("store: distinct: %w", err)
	}
	return t.audit(ctx, "create", "organisation_distinct", k[0], nil, distinctPair{A: k[0], B: k[1]})
}

// distinctPairs returns every pair marked distinct.
func (db *DB) distinctPairs(ctx context.Context) (map[[2]int64]bool, error) {
	rows, err := db.query(ctx, `SELECT low_id, high_id FROM organisation_distinct`)
	if err != nil {
		return nil, fmt.Errorf("store: distinct pairs: %w", err)
	}
	defer rows.Close()
	out := map[[2]int64]bool{}
	for rows.Next() {
		var k [2]int64
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			return nil, fmt.Errorf("store: distinct pairs: %w", err)
		}
		out[k] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: distinct pairs: %w", err)
	}
	return out, nil
}
