package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/coop"
)

const figureColumns = `organisation_id, year, members_individual, members_household, members_legal, member_coops,
	employees, member_employees, charter_capital, total_assets, revenue, profit, avg_income, rating, exemplary,
	value_chain, high_tech, ocop_products, filing, filing_comment, submitted_at, reviewed_at, updated_at`

func scanFigures(r rowScanner) (coop.YearFigures, error) {
	var f coop.YearFigures
	var exemplary, chain, tech int
	var submitted, reviewed sql.NullString
	var updated string
	err := r.Scan(&f.OrganisationID, &f.Year, &f.MembersIndividual, &f.MembersHousehold, &f.MembersLegal,
		&f.MemberCoops, &f.Employees, &f.MemberEmployees, &f.CharterCapital, &f.TotalAssets, &f.Revenue, &f.Profit,
		&f.AvgIncome, &f.Rating, &exemplary, &chain, &tech, &f.OCOPProducts, &f.Filing, &f.FilingComment,
		&submitted, &reviewed, &updated)
	f.Exemplary, f.ValueChain, f.HighTech = exemplary == 1, chain == 1, tech == 1
	f.SubmittedAt, f.ReviewedAt = timePtr(submitted), timePtr(reviewed)
	f.UpdatedAt = parseTime(updated)
	return f, err
}

// timePtr reads a nullable time column.
func timePtr(s sql.NullString) *time.Time {
	if !s.Valid || s.String == "" {
		return nil
	}
	t := parseTime(s.String)
	return &t
}

func fmtTimePtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return fmtTime(*t)
}

// Figures returns an organisation's yearly figures, oldest year first.
func (db *DB) Figures(ctx context.Context, orgID int64) ([]coop.YearFigures, error) {
	rows, err := db.query(ctx, `SELECT `+figureColumns+` FROM organisation_figures WHERE organisation_id = ? ORDER BY year`, orgID)
	out, err := scanAll(rows, err, scanFigures)
	if err != nil {
		return nil, fmt.Errorf("store: figures: %w", err)
	}
	return out, nil
}

// FiguresFor returns an organisation's figures of one year.
func (db *DB) FiguresFor(ctx context.Context, orgID int64, year int) (coop.YearFigures, error) {
	return figuresFor(ctx, db, orgID, year)
}

func figuresFor(ctx context.Context, q querier, orgID int64, year int) (coop.YearFigures, error) {
	f, err := scanFigures(q.queryRow(ctx, `SELECT `+figureColumns+` FROM organisation_figures
		WHERE organisation_id = ? AND year = ?`, orgID, year))
	return f, notFound(err, "error.figures_not_found")
}

// PutFigures stores an organisation's figures of f.Year and takes the
// filing a step (coop.Next): a cooperative saves a draft or submits, the
// coordinator records figures, accepts or returns a submitted filing.
// Figures that read the same as those stored, in the same filing state,
// change nothing and are not audited. The warnings are the 2023 law's
// minimum sizes the figures fall short of; they never refuse a save.
func (t *Tx) PutFigures(ctx context.Context, f *coop.YearFigures, step coop.FilingStep, byCoop bool) (changed bool, warnings []coop.Warning, err error) {
	in := *f
	changed, warnings, raced, err := t.putFigures(ctx, f, step, byCoop)
	if raced {
		// Another writer stored this year between the read and the
		// insert (PostgreSQL runs writers side by side; its row is
		// committed and visible now): the step is taken again from the
		// row it stored, as if this writer had come second.
		*f = in
		changed, warnings, raced, err = t.putFigures(ctx, f, step, byCoop)
		if raced && err == nil {
			err = fmt.Errorf("store: put figures: organisation %d, %d: stored by another writer twice", f.OrganisationID, f.Year)
		}
	}
	return changed, warnings, err
}

// putFigures is PutFigures once; raced reports that the year's row did not
// exist when read but did when inserted, and nothing was written.
func (t *Tx) putFigures(ctx context.Context, f *coop.YearFigures, step coop.FilingStep, byCoop bool) (changed bool, warnings []coop.Warning, raced bool, err error) {
	if !step.Valid() {
		return false, nil, false, apperr.FieldErrors{"filing": "error.field.filing_step"}.Err()
	}
	if err := f.Validate(t.now); err != nil {
		return false, nil, false, err
	}
	org, err := t.OrganisationForUpdate(ctx, f.OrganisationID)
	if err != nil {
		return false, nil, false, err
	}
	before, err := figuresFor(ctx, t, f.OrganisationID, f.Year)
	exists := err == nil
	if err != nil && apperr.CodeOf(err) != apperr.NotFound {
		return false, nil, false, err
	}
	next, err := coop.Next(before.Filing, step, byCoop, f.FilingComment)
	if err != nil {
		return false, nil, false, err
	}
	comment := before.FilingComment
	submitted, reviewed := before.SubmittedAt, before.ReviewedAt
	now := t.now
	switch step {
	case coop.StepSubmit:
		submitted, comment = &now, ""
	case coop.StepAccept:
		reviewed, comment = &now, ""
	case coop.StepReturn:
		reviewed, comment = &now, f.FilingComment
	}
	f.Filing, f.FilingComment, f.SubmittedAt, f.ReviewedAt = next, comment, submitted, reviewed
	warnings = f.Warnings(org.Form)
	if exists && before.SameNumbers(f) && before.Filing == next && before.FilingComment == comment {
		*f = before
		return false, warnings, false, nil
	}
	f.UpdatedAt = t.now
	args := []any{f.MembersIndividual, f.MembersHousehold, f.MembersLegal, f.MemberCoops, f.Employees,
		f.MemberEmployees, f.CharterCapital, f.TotalAssets, f.Revenue, f.Profit, f.AvgIncome, f.Rating,
		boolInt(f.Exemplary), boolInt(f.ValueChain), boolInt(f.HighTech), f.OCOPProducts, f.Filing, f.FilingComment,
		fmtTimePtr(f.SubmittedAt), fmtTimePtr(f.ReviewedAt), fmtTime(f.UpdatedAt), f.OrganisationID, f.Year}
	const cols = `members_individual, members_household, members_legal, member_coops, employees, member_employees,
		charter_capital, total_assets, revenue, profit, avg_income, rating, exemplary, value_chain, high_tech,
		ocop_products, filing, filing_comment, submitted_at, reviewed_at, updated_at`
	if exists {
		_, err = t.exec(ctx, `UPDATE organisation_figures SET (`+cols+`) = (`+placeholders(21)+`)
			WHERE organisation_id = ? AND year = ?`, args...)
	} else {
		var n int64
		n, err = t.execCount(ctx, `INSERT INTO organisation_figures (`+cols+`, organisation_id, year)
			VALUES (`+placeholders(23)+`) ON CONFLICT (organisation_id, year) DO NOTHING`, args...)
		if err == nil && n == 0 {
			return false, nil, true, nil
		}
	}
	if err != nil {
		return false, nil, false, fmt.Errorf("store: put figures: %w", err)
	}
	if !exists {
		return true, warnings, false, t.audit(ctx, "create", "organisation_figures", f.OrganisationID, nil, f)
	}
	return true, warnings, false, t.audit(ctx, "update", "organisation_figures", f.OrganisationID, before, f)
}

// FiguresOfYear returns the figures of year of the organisations ids, by
// organisation; one without figures that year is absent. Exports read a
// page of organisations at a time through it, not one query each.
func (db *DB) FiguresOfYear(ctx context.Context, ids []int64, year int) (map[int64]coop.YearFigures, error) {
	out := make(map[int64]coop.YearFigures, len(ids))
	for start := 0; start < len(ids); start += maxInArgs {
		chunk := ids[start:min(start+maxInArgs, len(ids))]
		rows, err := db.query(ctx, `SELECT `+figureColumns+` FROM organisation_figures
			WHERE year = ? AND organisation_id IN (`+placeholders(len(chunk))+`)`, append([]any{year}, int64Args(chunk)...)...)
		list, err := scanAll(rows, err, scanFigures)
		if err != nil {
			return nil, fmt.Errorf("store: figures of year: %w", err)
		}
		for _, f := range list {
			out[f.OrganisationID] = f
		}
	}
	return out, nil
}
