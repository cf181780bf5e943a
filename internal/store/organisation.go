package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/vntext"
)

const orgColumns = `o.id, o.code, o.name, o.short_name, o.form, o.sector, o.commune_code, o.commune_valid_from,
	o.new_commune_code, o.new_commune_valid_from, o.address, o.founded_on, o.registered_on, o.law, o.converted_on,
	o.charter_on, o.phone, o.email, o.website, o.status, o.updated_at`

func scanOrganisation(row rowScanner) (coop.Organisation, error) {
	var o coop.Organisation
	var code, communeFrom, newFrom, founded, registered, converted, charter sql.NullString
	var updated string
	err := row.Scan(&o.ID, &code, &o.Name, &o.ShortName, &o.Form, &o.Sector, &o.CommuneCode, &communeFrom,
		&o.NewCommuneCode, &newFrom, &o.Address, &founded, &registered, &o.Law, &converted, &charter,
		&o.Phone, &o.Email, &o.Website, &o.Status, &updated)
	o.Code = code.String
	o.CommuneValidFrom, o.NewCommuneValidFrom = parseDate(communeFrom), parseDate(newFrom)
	o.FoundedOn, o.RegisteredOn = parseDate(founded), parseDate(registered)
	o.ConvertedOn, o.CharterOn = parseDate(converted), parseDate(charter)
	o.UpdatedAt = parseTime(updated)
	return o, err
}

// Organisation returns one organisation of the register.
func (db *DB) Organisation(ctx context.Context, id int64) (coop.Organisation, error) {
	return readOrganisation(ctx, db, id)
}

// OrganisationForUpdate reads an organisation inside a write transaction,
// which on both backends holds the write lock until it ends.
func (t *Tx) OrganisationForUpdate(ctx context.Context, id int64) (coop.Organisation, error) {
	return readOrganisation(ctx, t, id)
}

func readOrganisation(ctx context.Context, q querier, id int64) (coop.Organisation, error) {
	o, err := scanOrganisation(q.queryRow(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.id = ?`, id))
	return o, notFound(err, "error.organisation_not_found")
}

// OrganisationByCode finds an organisation by its registration code, in
// any of the forms NormalizeCode accepts.
func (db *DB) OrganisationByCode(ctx context.Context, code string) (coop.Organisation, error) {
	return organisationByCode(ctx, db, code)
}

// OrganisationByCode is db.OrganisationByCode inside a transaction, which
// sees the organisations it created itself.
func (t *Tx) OrganisationByCode(ctx context.Context, code string) (coop.Organisation, error) {
	return organisationByCode(ctx, t, code)
}

func organisationByCode(ctx context.Context, q querier, code string) (coop.Organisation, error) {
	c, ok := coop.NormalizeCode(code)
	if !ok {
		return coop.Organisation{}, apperr.New(apperr.NotFound, "error.organisation_not_found")
	}
	o, err := scanOrganisation(q.queryRow(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.code = ?`, c))
	return o, notFound(err, "error.organisation_not_found")
}

// orgSearch is the folded text search reads: name, short name, code and
// address, so one box finds an organisation by any of them.
func orgSearch(o *coop.Organisation) string {
	return vntext.Fold(strings.Join([]string{o.Name, o.ShortName, o.Code, o.Address}, " "))
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// orgValues are the stored columns of o in the order of orgWrite.
func orgValues(o *coop.Organisation) []any { return orgValuesWith(o, nil) }

// orgValuesWith is orgValues with the text derived ahead, if it fits o.
func orgValuesWith(o *coop.Organisation, text *orgText) []any {
	x := text.of(o)
	return []any{nullText(o.Code), o.Name, x.nameFold, x.search, x.key, o.ShortName,
		o.Form, o.Sector, o.CommuneCode, fmtDate(o.CommuneValidFrom), o.NewCommuneCode, fmtDate(o.NewCommuneValidFrom),
		o.Address, fmtDate(o.FoundedOn), fmtDate(o.RegisteredOn), int(o.Law), fmtDate(o.ConvertedOn), fmtDate(o.CharterOn),
		o.Phone, o.Email, o.Website}
}

const orgWrite = `code, name, name_fold, search_fold, sort_key, short_name, form, sector, commune_code,
	commune_valid_from, new_commune_code, new_commune_valid_from, address, founded_on, registered_on, law,
	converted_on, charter_on, phone, email, website`

// checkOrg normalises and validates o, gives it its commune after the
// reform when it has none (fillNewCommune), and refuses a registration
// code another organisation holds.
func (t *Tx) checkOrg(ctx context.Context, o *coop.Organisation) error {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	if err := t.fillNewCommune(ctx, o); err != nil {
		return err
	}
	if o.Code == "" {
		return nil
	}
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM organisations WHERE code = ? AND id <> ?`, o.Code, o.ID).Scan(&n); err != nil {
		return fmt.Errorf("store: check code: %w", err)
	}
	if n > 0 {
		return apperr.FieldErrors{"code": "error.field.registration_code_taken"}.Err()
	}
	return nil
}

// CreateOrganisation stores a new organisation. It starts active: later
// statuses are entries of its history (AddStatus).
func (t *Tx) CreateOrganisation(ctx context.Context, o *coop.Organisation) error {
	o.ID, o.Status = 0, coop.StatusActive
	if err := t.checkOrg(ctx, o); err != nil {
		return err
	}
	id, err := t.insert(ctx, `INSERT INTO organisations (`+orgWrite+`, status, created_at, updated_at)
		VALUES (`+placeholders(21)+`, ?, ?, ?)`, append(orgValues(o), o.Status, fmtTime(t.now), fmtTime(t.now))...)
	if err != nil {
		return fmt.Errorf("store: create organisation: %w", err)
	}
	o.ID, o.UpdatedAt = id, t.now
	return t.audit(ctx, "create", "organisation", o.ID, nil, o)
}

// UpdateOrganisation changes an organisation's register entry. Its status
// is not changed here but by its history (AddStatus).
func (t *Tx) UpdateOrganisation(ctx context.Context, o *coop.Organisation) error {
	before, err := t.OrganisationForUpdate(ctx, o.ID)
	if err != nil {
		return err
	}
	o.Status = before.Status
	if err := t.checkOrg(ctx, o); err != nil {
		return err
	}
	_, err = t.updateOrg(ctx, &before, o)
	return err
}

// updateOrg writes o over before when they differ and audits the change;
// it reports whether anything changed.
func (t *Tx) updateOrg(ctx context.Context, before, o *coop.Organisation) (bool, error) {
	o.UpdatedAt = before.UpdatedAt
	if same, err := sameJSON(before, o); err != nil || same {
		return false, err
	}
	if err := t.settle(ctx); err != nil {
		return false, err
	}
	_, err := t.exec(ctx, `UPDATE organisations SET (`+orgWrite+`, updated_at) = (`+placeholders(21)+`, ?) WHERE id = ?`,
		append(orgValues(o), fmtTime(t.now), o.ID)...)
	if err != nil {
		return false, fmt.Errorf("store: update organisation: %w", err)
	}
	o.UpdatedAt = t.now
	return true, t.audit(ctx, "update", "organisation", o.ID, before, o)
}

// UpsertOrganisation stores o under its registration code: a new
// organisation when no one holds the code, else an update of the one that
// does, which keeps its ID and status. It reports whether anything
// changed, so importing the same file again changes nothing and audits
// nothing. A THT without a code cannot be upserted.
func (t *Tx) UpsertOrganisation(ctx context.Context, o *coop.Organisation) (changed bool, err error) {
	o.Normalize()
	if o.Code == "" {
		return false, apperr.FieldErrors{"code": "error.field.required"}.Err()
	}
	before, err := t.OrganisationByCode(ctx, o.Code)
	if apperr.CodeOf(err) == apperr.NotFound {
		if err := o.Validate(); err != nil {
			return false, err
		}
		return true, t.CreateOrganisation(ctx, o)
	}
	if err != nil {
		return false, err
	}
	o.ID, o.Status = before.ID, before.Status
	if err := t.checkOrg(ctx, o); err != nil {
		return false, err
	}
	return t.updateOrg(ctx, &before, o)
}

// sameJSON reports whether a and b read the same: what the audit log would
// show as no change. Comparing the values behind pointers (dates) is what
// == on the structs would not do.
func sameJSON(a, b any) (bool, error) {
	x, err := json.Marshal(a)
	if err != nil {
		return false, fmt.Errorf("store: compare: %w", err)
	}
	y, err := json.Marshal(b)
	if err != nil {
		return false, fmt.Errorf("store: compare: %w", err)
	}
	return bytes.Equal(x, y), nil
}
