package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/org"
)

// DesignationMembers lists the member agencies of a collective designation
// ("UBND các huyện, thị xã, thành phố"), in Vietnamese alphabetical order.
func (db *DB) DesignationMembers(ctx context.Context, designationID int64) ([]org.Agency, error) {
	rows, err := db.query(ctx, `SELECT `+agencyColumns+` FROM designation_members m JOIN agencies a ON a.id = m.member_id
		WHERE m.designation_id = ? ORDER BY a.sort_key, a.id`, designationID)
	list, err := scanAll(rows, err, scanAgency)
	if err != nil {
		return nil, fmt.Errorf("store: designation members: %w", err)
	}
	return append([]org.Agency{}, list...), nil
}

// designationMembers maps every designation that has members to their IDs.
func designationMembers(ctx context.Context, q querier) (map[int64][]int64, error) {
	type pair struct{ d, m int64 }
	rows, err := q.query(ctx, `SELECT designation_id, member_id FROM designation_members ORDER BY designation_id, member_id`)
	list, err := scanAll(rows, err, func(r rowScanner) (pair, error) {
		var p pair
		err := r.Scan(&p.d, &p.m)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: designation members: %w", err)
	}
	out := map[int64][]int64{}
	for _, p := range list {
		out[p.d] = append(out[p.d], p.m)
	}
	return out, nil
}

// SetDesignationMembers replaces the member list of a collective
// designation. Members are ordinary agencies: a designation inside a
// designation would expand without end.
func (t *Tx) SetDesignationMembers(ctx context.Context, designationID int64, members []int64) error {
	d, err := readAgency(ctx, t, designationID)
	if err != nil {
		return err
	}
	if !d.Collective {
		return apperr.FieldErrors{"designation": "error.field.not_collective"}.Err()
	}
	slices.Sort(members)
	members = slices.Compact(members)
	for _, id := range members {
		m, err := readAgency(ctx, t, id)
		if apperr.CodeOf(err) == apperr.NotFound {
			return apperr.FieldErrors{"members": "error.agency_not_found"}.Err()
		}
		if err != nil {
			return err
		}
		if m.Collective {
			return apperr.FieldErrors{"members": "error.field.member_collective"}.Err()
		}
	}
	before, err := designationMembers(ctx, t)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, `DELETE FROM designation_members WHERE designation_id = ?`, designationID); err != nil {
		return fmt.Errorf("store: designation members: %w", err)
	}
	for _, id := range members {
		if _, err := t.exec(ctx, `INSERT INTO designation_members (designation_id, member_id) VALUES (?, ?)`,
			designationID, id); err != nil {
			return fmt.Errorf("store: designation member: %w", err)
		}
	}
	type list struct {
		Members []int64 `json:"members"`
	}
	return t.audit(ctx, "update", "designation", designationID, list{before[designationID]}, list{members})
}
