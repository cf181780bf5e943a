package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/hoptac/hoptac/internal/plan"
	"github.com/hoptac/hoptac/internal/target"
)

// PlanTargetLinks returns a plan's targets in order with their links by
// target ID: what a re-import of the plan's document carries its links
// from (target.Carry). The review screen reads it to say which links a
// re-import keeps.
func (db *DB) PlanTargetLinks(ctx context.Context, planID int64) ([]plan.Target, map[int64]target.Link, error) {
	return readPlanTargetLinks(ctx, db, planID)
}

// PlanTargetLinks is DB.PlanTargetLinks inside the transaction that
// stores the re-import, so the links carried are the ones committed with
// it.
func (t *Tx) PlanTargetLinks(ctx context.Context, planID int64) ([]plan.Target, map[int64]target.Link, error) {
	return readPlanTargetLinks(ctx, t, planID)
}

func readPlanTargetLinks(ctx context.Context, q querier, planID int64) ([]plan.Target, map[int64]target.Link, error) {
	rows, err := q.query(ctx, `SELECT id, parent_id, text FROM targets WHERE plan_id = ? ORDER BY ordinal`, planID)
	targets, err := scanAll(rows, err, func(r rowScanner) (plan.Target, error) {
		var tg plan.Target
		var parent sql.NullInt64
		err := r.Scan(&tg.ID, &parent, &tg.Text)
		tg.ParentID = intPtr(parent)
		return tg, err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: targets: %w", err)
	}
	rows, err = q.query(ctx, `SELECT `+targetLinkColumns+` FROM target_links l
		JOIN targets t ON t.id = l.target_id WHERE t.plan_id = ?`, planID)
	list, err := scanAll(rows, err, scanTargetLink)
	if err != nil {
		return nil, nil, fmt.Errorf("store: target links: %w", err)
	}
	links := make(map[int64]target.Link, len(list))
	for _, l := range list {
		links[l.TargetID] = l
	}
	return targets, links, nil
}
