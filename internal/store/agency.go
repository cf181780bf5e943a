package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/vntext"
)

// AgencyFilter selects agencies in lists.
type AgencyFilter struct {
	Query   string // folded match on name, short name or alias
	Page    int
	PerPage int
}

const agencyColumns = `a.id, a.name, a.short_name, a.kind, a.collective, a.valid_from, a.valid_to,
	a.successor_id, a.successor_since, a.flagged, a.updated_at, a.unit_id`

func scanAgency(row interface{ Scan(...any) error }) (org.Agency, error) {
	var a org.Agency
	var from, to, since sql.NullString
	var succ, unitID sql.NullInt64
	var collective, flagged int
	var updated string
	err := row.Scan(&a.ID, &a.Name, &a.ShortName, &a.Kind, &collective, &from, &to, &succ, &since, &flagged, &updated, &unitID)
	a.UnitID = intPtr(unitID)
	a.Collective, a.Flagged = collective == 1, flagged == 1
	a.ValidFrom, a.ValidTo, a.SuccessorSince = parseDate(from), parseDate(to), parseDate(since)
	a.SuccessorID = intPtr(succ)
	a.UpdatedAt = parseTime(updated)
	return a, err
}

// Agency returns one agency with its aliases.
func (db *DB) Agency(ctx context.Context, id int64) (org.Agency, error) {
	return readAgency(ctx, db, id)
}

// readAgency reads one agency with its aliases through q: the pool, or a
// transaction that must see its own writes.
func readAgency(ctx context.Context, q querier, id int64) (org.Agency, error) {
	a, err := scanAgency(q.queryRow(ctx, `SELECT `+agencyColumns+` FROM agencies a WHERE a.id = ?`, id))
	if err != nil {
		return a, notFound(err, "error.agency_not_found")
	}
	aliases, err := readAliases(ctx, q, []int64{id})
	if err != nil {
		return a, err
	}
	a.Aliases = aliases[id]
	return a, nil
}

// Agencies lists agencies in Vietnamese alphabetical order.
func (db *DB) Agencies(ctx context.Context, f AgencyFilter) ([]org.Agency, int, error) {
	where, args := "1=1", []any{}
	if q := vntext.Fold(f.Query); q != "" {
		like := "%" + vntext.EscapeLike(q) + "%"
		where = `(a.search_fold LIKE ? ESCAPE '\' OR EXISTS (SELECT 1 FROM agency_aliases x
			WHERE x.agency_id = a.id AND x.alias_fold LIKE ? ESCAPE '\'))`
		args = append(args, like, like)
	}
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM agencies a WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count agencies: %w", err)
	}
	limit, offset := limits(f.Page, f.PerPage)
	rows, err := db.query(ctx, `SELECT `+agencyColumns+` FROM agencies a WHERE `+where+
		` ORDER BY a.sort_key, a.id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	out, err := scanAll(rows, err, scanAgency)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list agencies: %w", err)
	}
	if err := attachAliases(ctx, db, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// attachAliases fills in the aliases of the agencies in list.
func attachAliases(ctx context.Context, q querier, list []org.Agency) error {
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	aliases, err := readAliases(ctx, q, ids)
	if err != nil {
		return err
	}
	for i := range list {
		list[i].Aliases = aliases[list[i].ID]
	}
	return nil
}

// readAliases maps each of the agencies ids to its aliases, in order; nil
// ids means every agency.
func readAliases(ctx context.Context, q querier, ids []int64) (map[int64][]string, error) {
	type alias struct {
		agency int64
		name   string
	}
	query, args := `SELECT agency_id, alias FROM agency_aliases ORDER BY agency_id, alias`, []any(nil)
	if ids != nil {
		if len(ids) == 0 {
			return map[int64][]string{}, nil
		}
		query, args = `SELECT agency_id, alias FROM agency_aliases WHERE agency_id IN (`+
			placeholders(len(ids))+`) ORDER BY agency_id, alias`, int64Args(ids)
	}
	rows, err := q.query(ctx, query, args...)
	list, err := scanAll(rows, err, func(r rowScanner) (alias, error) {
		var a alias
		err := r.Scan(&a.agency, &a.name)
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: aliases: %w", err)
	}
	out := map[int64][]string{}
	for _, a := range list {
		out[a.agency] = append(out[a.agency], a.name)
	}
	return out, nil
}

// AgencyByName finds an agency whose name or alias folds to the same text.
func (db *DB) AgencyByName(ctx context.Context, name string) (org.Agency, error) {
	return agencyByName(ctx, db, name)
}

// AgencyByName is db.AgencyByName inside a write transaction, so it sees
// agencies the transaction itself created (an import naming one new agency
// in two tasks creates it once).
func (t *Tx) AgencyByName(ctx context.Context, name string) (org.Agency, error) {
	return agencyByName(ctx, t, name)
}

func agencyByName(ctx context.Context, q querier, name string) (org.Agency, error) {
	f := vntext.Fold(name)
	var id int64
	err := q.queryRow(ctx, `SELECT id FROM agencies WHERE name_fold = ?
		UNION SELECT agency_id FROM agency_aliases WHERE alias_fold = ? LIMIT 1`, f, f).Scan(&id)
	if err != nil {
		return org.Agency{}, notFound(err, "error.agency_not_found")
	}
	return readAgency(ctx, q, id)
}

// AllAgencyNames returns every agency's name, aliases and whether it is a
// collective designation: what an import resolves names against.
func (db *DB) AllAgencyNames(ctx context.Context) ([]org.Agency, error) {
	rows, err := db.query(ctx, `SELECT id, name, collective FROM agencies ORDER BY id`)
	out, err := scanAll(rows, err, func(r rowScanner) (org.Agency, error) {
		var a org.Agency
		var collective int
		err := r.Scan(&a.ID, &a.Name, &collective)
		a.Collective = collective == 1
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: agency names: %w", err)
	}
	aliases, err := readAliases(ctx, db, nil)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Aliases = aliases[out[i].ID]
	}
	return out, nil
}

// CreateAgency stores a new agency.
func (t *Tx) CreateAgency(ctx context.Context, a *org.Agency) error {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	if err := t.checkAgencyName(ctx, a); err != nil {
		return err
	}
	if a.SuccessorID != nil {
		if err := t.checkSuccessor(ctx, 0, *a.SuccessorID); err != nil {
			return err
		}
	}
	if err := t.checkAgencyUnit(ctx, a); err != nil {
		return err
	}
	id, err := t.insert(ctx, `INSERT INTO agencies (name, name_fold, search_fold, sort_key, short_name, kind, collective,
		valid_from, valid_to, successor_id, successor_since, flagged, created_at, updated_at, unit_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.Name, vntext.Fold(a.Name), agencySearch(a), vntext.Key(a.Name), a.ShortName, a.Kind, boolInt(a.Collective),
		fmtDate(a.ValidFrom), fmtDate(a.ValidTo), nullInt(a.SuccessorID), fmtDate(a.SuccessorSince),
		boolInt(a.Flagged), fmtTime(t.now), fmtTime(t.now), nullInt(a.UnitID))
	if err != nil {
		return fmt.Errorf("store: create agency: %w", err)
	}
	a.ID, a.UpdatedAt = id, t.now
	if err := t.writeAliases(ctx, a); err != nil {
		return err
	}
	return t.audit(ctx, "create", "agency", a.ID, nil, a)
}

// UpdateAgency changes an agency and its aliases.
func (t *Tx) UpdateAgency(ctx context.Context, a *org.Agency) error {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	before, err := t.agency(ctx, a.ID)
	if err != nil {
		return err
	}
	if err := t.checkAgencyName(ctx, a); err != nil {
		return err
	}
	if a.SuccessorID != nil {
		if err := t.checkSuccessor(ctx, a.ID, *a.SuccessorID); err != nil {
			return err
		}
	}
	if err := t.checkAgencyUnit(ctx, a); err != nil {
		return err
	}
	_, err = t.exec(ctx, `UPDATE agencies SET name = ?, name_fold = ?, search_fold = ?, sort_key = ?, short_name = ?,
		kind = ?, collective = ?, valid_from = ?, valid_to = ?, successor_id = ?, successor_since = ?, flagged = ?,
		updated_at = ?, unit_id = ?, rev = rev + 1 WHERE id = ?`,
		a.Name, vntext.Fold(a.Name), agencySearch(a), vntext.Key(a.Name), a.ShortName, a.Kind, boolInt(a.Collective),
		fmtDate(a.ValidFrom), fmtDate(a.ValidTo), nullInt(a.SuccessorID), fmtDate(a.SuccessorSince),
		boolInt(a.Flagged), fmtTime(t.now), nullInt(a.UnitID), a.ID)
	if err != nil {
		return fmt.Errorf("store: update agency: %w", err)
	}
	a.UpdatedAt = t.now
	if _, err := t.exec(ctx, `DELETE FROM agency_aliases WHERE agency_id = ?`, a.ID); err != nil {
		return fmt.Errorf("store: update aliases: %w", err)
	}
	if err := t.writeAliases(ctx, a); err != nil {
		return err
	}
	return t.audit(ctx, "update", "agency", a.ID, before, a)
}

// AgencyForUpdate reads an agency inside a write transaction and locks it
// until the transaction ends.
func (t *Tx) AgencyForUpdate(ctx context.Context, id int64) (org.Agency, error) {
	return t.agency(ctx, id)
}

func (t *Tx) agency(ctx context.Context, id int64) (org.Agency, error) {
	// Lock the row first (a no-op UPDATE, portable where FOR UPDATE is not)
	// so two editors cannot both start from the same version.
	if _, err := t.exec(ctx, `UPDATE agencies SET updated_at = updated_at WHERE id = ?`, id); err != nil {
		return org.Agency{}, fmt.Errorf("store: lock agency: %w", err)
	}
	return readAgency(ctx, t, id)
}

func (t *Tx) writeAliases(ctx context.Context, a *org.Agency) error {
	for _, al := range a.Aliases {
		if _, err := t.exec(ctx, `INSERT INTO agency_aliases (agency_id, alias, alias_fold) VALUES (?, ?, ?)`,
			a.ID, al, vntext.Fold(al)); err != nil {
			return fmt.Errorf("store: alias: %w", err)
		}
	}
	return nil
}

// checkAgencyName refuses a name or alias that another agency already uses,
// since import resolves agencies by these names.
func (t *Tx) checkAgencyName(ctx context.Context, a *org.Agency) error {
	fe := apperr.FieldErrors{}
	names := append([]string{a.Name}, a.Aliases...)
	for i, n := range names {
		f := vntext.Fold(n)
		var other int64
		err := t.queryRow(ctx, `SELECT id FROM agencies WHERE name_fold = ? AND id <> ?
			UNION SELECT agency_id FROM agency_aliases WHERE alias_fold = ? AND agency_id <> ? LIMIT 1`,
			f, a.ID, f, a.ID).Scan(&other)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return fmt.Errorf("store: check agency name: %w", err)
		}
		if i == 0 {
			fe.Add("name", "error.field.name_taken")
		} else {
			fe.Add("aliases", "error.field.alias_taken")
		}
	}
	return fe.Err()
}

// checkSuccessor refuses a successor that does not exist or that would make
// a cycle (A → B → A), which would send follow-ups round in circles.
func (t *Tx) checkSuccessor(ctx context.Context, id, successor int64) error {
	seen := map[int64]bool{id: true}
	cur := successor
	for i := 0; i < 100; i++ {
		if seen[cur] {
			return apperr.FieldErrors{"successor_id": "error.field.successor_cycle"}.Err()
		}
		seen[cur] = true
		var next sql.NullInt64
		err := t.queryRow(ctx, `SELECT successor_id FROM agencies WHERE id = ?`, cur).Scan(&next)
		if err == sql.ErrNoRows {
			return apperr.FieldErrors{"successor_id": "error.field.successor_missing"}.Err()
		}
		if err != nil {
			return fmt.Errorf("store: successor: %w", err)
		}
		if !next.Valid {
			return nil
		}
		cur = next.Int64
	}
	return nil
}

// checkAgencyUnit refuses an administrative unit that does not exist.
func (t *Tx) checkAgencyUnit(ctx context.Context, a *org.Agency) error {
	if a.UnitID == nil {
		return nil
	}
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM units WHERE id = ?`, *a.UnitID).Scan(&n); err != nil {
		return fmt.Errorf("store: check agency unit: %w", err)
	}
	if n == 0 {
		return apperr.FieldErrors{"unit_id": "error.field.unit_missing"}.Err()
	}
	return nil
}

// agencySearch is the folded text a search matches besides the aliases:
// the name and the short name.
func agencySearch(a *org.Agency) string { return vntext.Fold(a.Name + " | " + a.ShortName) }

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
