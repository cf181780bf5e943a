package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/dedupe"
	"github.com/hoptac/hoptac/internal/plan"
)

// MergeOrganisations folds organisation mergedID into keptID, as one
// change: the merged one's yearly figures, managers and status history
// move to the kept one, except a year or a position the kept one already
// has, which stays as the kept one had it (the merged one's row is left on
// the merged organisation, untouched, and the merge names it). The kept
// organisation's status is then where the joined history ends, as for any
// entry added to it (coop.Current). The merged
// organisation then gets the status "merged into" the kept one, dated
// today, so lists and the duplicate finder leave it out. Its
// representatives' accounts move to the kept organisation (each audited as
// a change of the account), since the merged one can no longer be filed
// for: left behind, they would act for a record nobody reads. The merge is
// audited and kept for the kept organisation's page (Merges).
func (t *Tx) MergeOrganisations(ctx context.Context, keptID, mergedID int64) (dedupe.Merge, error) {
	kept, err := t.OrganisationForUpdate(ctx, keptID)
	if err != nil {
		return dedupe.Merge{}, err
	}
	merged, err := t.OrganisationForUpdate(ctx, mergedID)
	if err != nil {
		return dedupe.Merge{}, err
	}
	if err := dedupe.CheckMerge(kept, merged); err != nil {
		return dedupe.Merge{}, err
	}
	_, by := actor(ctx)
	m := dedupe.Merge{KeptID: keptID, MergedID: mergedID, MergedName: merged.Name, MergedCode: merged.Code, By: by, At: t.now}
	if m.YearsMoved, m.YearsKept, err = t.moveFigures(ctx, keptID, mergedID); err != nil {
		return m, err
	}
	if m.RolesMoved, m.RolesKept, err = t.movePeople(ctx, keptID, mergedID); err != nil {
		return m, err
	}
	if m.StatusesMoved, err = t.moveStatuses(ctx, keptID, mergedID); err != nil {
		return m, err
	}
	if err := t.moveAccounts(ctx, keptID, mergedID); err != nil {
		return m, err
	}
	st := coop.Status{OrganisationID: mergedID, Kind: coop.StatusMerged, On: plan.Today(t.now), MergedInto: &keptID}
	if err := t.AddStatus(ctx, &st); err != nil {
		return m, err
	}
	m.ID, err = t.insert(ctx, `INSERT INTO organisation_merges (kept_id, merged_id, merged_name, merged_code, years_moved,
		years_kept, statuses_moved, roles_moved, roles_kept, user_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		keptID, mergedID, m.MergedName, m.MergedCode, joinList(m.YearsMoved), joinList(m.YearsKept), m.StatusesMoved,
		joinList(m.RolesMoved), joinList(m.RolesKept), by, fmtTime(t.now))
	if err != nil {
		return m, fmt.Errorf("store: merge: %w", err)
	}
	return m, t.audit(ctx, "merge", "organisation_merge", keptID, nil, m)
}

// moveFigures moves the merged organisation's years the kept one lacks.
func (t *Tx) moveFigures(ctx context.Context, keptID, mergedID int64) (moved, both []int, err error) {
	years := func(id int64) ([]int, error) {
		rows, err := t.query(ctx, `SELECT year FROM organisation_figures WHERE organisation_id = ? ORDER BY year`, id)
		return scanAll(rows, err, func(r rowScanner) (int, error) {
			var y int
			return y, r.Scan(&y)
		})
	}
	kept, err := years(keptID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: merge figures: %w", err)
	}
	merged, err := years(mergedID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: merge figures: %w", err)
	}
	moved, both = dedupe.Split(kept, merged)
	for _, y := range moved {
		if _, err := t.exec(ctx, `UPDATE organisation_figures SET organisation_id = ? WHERE organisation_id = ? AND year = ?`,
			keptID, mergedID, y); err != nil {
			return nil, nil, fmt.Errorf("store: merge figures: %w", err)
		}
	}
	return moved, both, nil
}

// movePeople moves the merged organisation's managers in positions the
// kept one has not filled.
func (t *Tx) movePeople(ctx context.Context, keptID, mergedID int64) (moved, both []coop.Role, err error) {
	roles := func(id int64) ([]coop.Role, error) {
		list, err := people(ctx, t, id)
		out := make([]coop.Role, 0, len(list))
		for _, p := range list {
			out = append(out, p.Role)
		}
		return out, err
	}
	kept, err := roles(keptID)
	if err != nil {
		return nil, nil, err
	}
	merged, err := roles(mergedID)
	if err != nil {
		return nil, nil, err
	}
	moved, both = dedupe.Split(kept, merged)
	for _, r := range moved {
		if _, err := t.exec(ctx, `UPDATE organisation_people SET organisation_id = ? WHERE organisation_id = ? AND role = ?`,
			keptID, mergedID, r); err != nil {
			return nil, nil, fmt.Errorf("store: merge people: %w", err)
		}
	}
	return moved, both, nil
}

// moveAccounts links the accounts acting for the merged organisation to
// the kept one, through SetUserOrganisation so each is audited as an
// administrator's change would be.
func (t *Tx) moveAccounts(ctx context.Context, keptID, mergedID int64) error {
	rows, err := t.query(ctx, `SELECT id FROM users WHERE organisation_id = ? ORDER BY id`, mergedID)
	ids, err := scanAll(rows, err, scanID)
	if err != nil {
		return fmt.Errorf("store: merge accounts: %w", err)
	}
	for _, id := range ids {
		if err := t.SetUserOrganisation(ctx, id, &keptID); err != nil {
			return err
		}
	}
	return nil
}

// moveStatuses moves the merged organisation's status history, except an
// entry saying it merged into the kept one (which would point the kept
// one at itself), and sets the kept one's status to where its history
// now ends.
func (t *Tx) moveStatuses(ctx context.Context, keptID, mergedID int64) (int, error) {
	n, err := t.execCount(ctx, `UPDATE organisation_statuses SET organisation_id = ?
		WHERE organisation_id = ? AND (merged_into IS NULL OR merged_into <> ?)`, keptID, mergedID, keptID)
	if err != nil {
		return 0, fmt.Errorf("store: merge statuses: %w", err)
	}
	if n == 0 {
		return 0, nil
	}
	history, err := statuses(ctx, t, keptID)
	if err != nil {
		return 0, err
	}
	if err := t.settle(ctx); err != nil {
		return 0, err
	}
	if _, err := t.exec(ctx, `UPDATE organisations SET status = ?, updated_at = ? WHERE id = ?`,
		coop.Current(history), fmtTime(t.now), keptID); err != nil {
		return 0, fmt.Errorf("store: merge statuses: %w", err)
	}
	return int(n), nil
}

// Merges returns the merges into organisation id, oldest first.
func (db *DB) Merges(ctx context.Context, id int64) ([]dedupe.Merge, error) {
	rows, err := db.query(ctx, `SELECT id, kept_id, merged_id, merged_name, merged_code, years_moved, years_kept,
		statuses_moved, roles_moved, roles_kept, user_name, created_at FROM organisation_merges WHERE kept_id = ? ORDER BY id`, id)
	out, err := scanAll(rows, err, func(r rowScanner) (dedupe.Merge, error) {
		var m dedupe.Merge
		var moved, kept, rolesMoved, rolesKept, at string
		err := r.Scan(&m.ID, &m.KeptID, &m.MergedID, &m.MergedName, &m.MergedCode, &moved, &kept, &m.StatusesMoved,
			&rolesMoved, &rolesKept, &m.By, &at)
		m.YearsMoved, m.YearsKept = splitInts(moved), splitInts(kept)
		m.RolesMoved, m.RolesKept = splitRoles(rolesMoved), splitRoles(rolesKept)
		m.At = parseTime(at)
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: merges: %w", err)
	}
	return out, nil
}

// joinList writes a short list as "2021,2022".
func joinList[T any](xs []T) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, ",")
}

func splitInts(s string) []int {
	var out []int
	for _, p := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(p); err == nil {
			out = append(out, n)
		}
	}
	return out
}

func splitRoles(s string) []coop.Role {
	var out []coop.Role
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			out = append(out, coop.Role(p))
		}
	}
	return out
}
