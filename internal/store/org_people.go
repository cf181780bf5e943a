package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/hoptac/hoptac/internal/coop"
)

// People returns an organisation's managers in the order of coop.Roles.
func (db *DB) People(ctx context.Context, orgID int64) ([]coop.Person, error) {
	return people(ctx, db, orgID)
}

func people(ctx context.Context, q querier, orgID int64) ([]coop.Person, error) {
	rows, err := q.query(ctx, `SELECT role, name, training, phone FROM organisation_people WHERE organisation_id = ?`, orgID)
	out, err := scanAll(rows, err, func(r rowScanner) (coop.Person, error) {
		var p coop.Person
		err := r.Scan(&p.Role, &p.Name, &p.Training, &p.Phone)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: people: %w", err)
	}
	sortPeople(out)
	return out, nil
}

func sortPeople(list []coop.Person) {
	order := coop.Roles()
	slices.SortFunc(list, func(a, b coop.Person) int {
		return slices.Index(order, a.Role) - slices.Index(order, b.Role)
	})
}

// peopleAudit is how a change of managers reads in the audit log: the whole
// list before and after.
type peopleAudit struct {
	People []coop.Person `json:"people"`
}

// SetPeople replaces an organisation's managers with list; a position not
// in list is left empty. It reports whether anything changed.
func (t *Tx) SetPeople(ctx context.Context, orgID int64, list []coop.Person) (bool, error) {
	list = slices.Clone(list)
	for i := range list {
		list[i].Normalize()
	}
	if err := coop.ValidatePeople(list); err != nil {
		return false, err
	}
	sortPeople(list)
	if _, err := t.OrganisationForUpdate(ctx, orgID); err != nil {
		return false, err
	}
	before, err := people(ctx, t, orgID)
	if err != nil {
		return false, err
	}
	if len(before) == 0 && len(list) == 0 {
		return false, nil
	}
	if same, err := sameJSON(before, list); err != nil || same {
		return false, err
	}
	if _, err := t.exec(ctx, `DELETE FROM organisation_people WHERE organisation_id = ?`, orgID); err != nil {
		return false, fmt.Errorf("store: set people: %w", err)
	}
	for _, p := range list {
		if _, err := t.exec(ctx, `INSERT INTO organisation_people (organisation_id, role, name, training, phone)
			VALUES (?, ?, ?, ?, ?)`, orgID, p.Role, p.Name, p.Training, p.Phone); err != nil {
			return false, fmt.Errorf("store: set people: %w", err)
		}
	}
	return true, t.audit(ctx, "update", "organisation_people", orgID, peopleAudit{before}, peopleAudit{list})
}
