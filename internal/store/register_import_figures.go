package store

import (
	"context"
	"fmt"

	"github.com/hoptac/hoptac/internal/coop"
)

// putFigures stores the rows' figures as PutFigures would with the
// coordinator's StepSave (the filing state stays as it was): the stored
// figures of the chunk are read a year and a batch of organisations a
// query, new and changed years written through the prepared statements.
func (r *RegisterImporter) putFigures(ctx context.Context, rows []RegisterRow, states map[string]*orgState, c *RegisterCounts) error {
	stored, err := r.storedFigures(ctx, rows)
	if err != nil {
		return err
	}
	var inserts [][]any           // new years, for a multi-row INSERT
	inserted := map[int][]int64{} // year: the organisations given a new row of it
	put := func() error { return r.putFigureRows(ctx, rows, states, stored, c, &inserts, inserted) }
	if r.bulk() { // PostgreSQL's figure triggers are statement triggers: nothing to skip
		err = r.guarded(ctx, put)
	} else {
		err = put()
	}
	if err != nil {
		return err
	}
	return r.afterInsertFigures(ctx, inserted)
}

// putFigureRows is putFigures' loop, run under the bulk guard: it updates
// the changed years, inserts the new ones (on PostgreSQL it collects both,
// written many to a statement at its end) and notes, by year, the
// organisations it inserted a row for.
func (r *RegisterImporter) putFigureRows(ctx context.Context, rows []RegisterRow, states map[string]*orgState,
	stored map[figKey]coop.YearFigures, c *RegisterCounts, inserts *[][]any, inserted map[int][]int64) error {
	t := r.t
	var updates [][]any // changed years, on PostgreSQL for a batched UPDATE
	for _, row := range rows {
		f := row.Figures
		if err := f.Validate(t.now); err != nil {
			return err
		}
		before, exists := stored[figKey{f.OrganisationID, f.Year}]
		if exists && row.Keep != nil {
			row.Keep(&before, f)
		}
		f.Filing, f.FilingComment, f.SubmittedAt, f.ReviewedAt = before.Filing, before.FilingComment, before.SubmittedAt, before.ReviewedAt
		c.Warnings += len(f.Warnings(row.Org.Form))
		if exists && before.SameNumbers(f) {
			continue
		}
		c.Figures++
		f.UpdatedAt = t.now
		args := figureArgs(f)
		if exists {
			if r.figUpd != nil {
				updates = append(updates, args)
			} else if _, err := r.updFig.ExecContext(ctx, args...); err != nil {
				return fmt.Errorf("store: register import: update figures: %w", err)
			}
			if err := r.auditYear(states[row.Org.Code], &before, f); err != nil {
				return err
			}
			continue
		}
		inserted[f.Year] = append(inserted[f.Year], f.OrganisationID)
		if r.multiRow() {
			*inserts = append(*inserts, args)
		} else if _, err := r.insFig.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("store: register import: insert figures: %w", err)
		}
		if err := r.auditYear(states[row.Org.Code], nil, f); err != nil {
			return err
		}
	}
	if err := r.figUpd.runIf(ctx, t, updates); err != nil {
		return err
	}
	return r.insertFiguresMulti(ctx, *inserts)
}

type figKey struct {
	org  int64
	year int
}

// storedFigures reads the stored figures of the rows' organisations and
// years.
func (r *RegisterImporter) storedFigures(ctx context.Context, rows []RegisterRow) (map[figKey]coop.YearFigures, error) {
	byYear := map[int][]any{}
	for _, row := range rows {
		if f := row.Figures; !r.newOrg(f.OrganisationID) {
			byYear[f.Year] = append(byYear[f.Year], f.OrganisationID)
		}
	}
	out := map[figKey]coop.YearFigures{}
	for year, ids := range byYear {
		for start := 0; start < len(ids); start += registerBatch {
			chunk := ids[start:min(start+registerBatch, len(ids))]
			rs, err := r.t.query(ctx, `SELECT `+figureColumns+` FROM organisation_figures
				WHERE year = ? AND organisation_id IN (`+placeholders(len(chunk))+`)`, append([]any{year}, chunk...)...)
			list, err := scanAll(rs, err, scanFigures)
			if err != nil {
				return nil, fmt.Errorf("store: register import: %w", err)
			}
			for _, f := range list {
				out[figKey{f.OrganisationID, f.Year}] = f
			}
		}
	}
	return out, nil
}

// newOrg reports whether the organisation was created by this import
// after its figures could have been stored: it has none to read.
func (r *RegisterImporter) newOrg(id int64) bool { return r.created[id] }

// figureArgs are f's columns in the order of figWrite, then its
// organisation and year.
func figureArgs(f *coop.YearFigures) []any {
	return []any{f.MembersIndividual, f.MembersHousehold, f.MembersLegal, f.MemberCoops, f.Employees,
		f.MemberEmployees, f.CharterCapital, f.TotalAssets, f.Revenue, f.Profit, f.AvgIncome, f.Rating,
		boolInt(f.Exemplary), boolInt(f.ValueChain), boolInt(f.HighTech), f.OCOPProducts, f.Filing, f.FilingComment,
		fmtTimePtr(f.SubmittedAt), fmtTimePtr(f.ReviewedAt), fmtTime(f.UpdatedAt), f.OrganisationID, f.Year}
}
