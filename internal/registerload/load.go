// Package registerload imports a cooperative register file (.xlsx or
// .csv) into the store: every row is checked first, against coop's rules
// and the administrative units, and only a file without a bad row is
// written (or, when asked, only its good rows), in one transaction whose
// audit entries are one batch. Rows stream through registerimport.Scan
// twice, checked then written, so memory does not grow with the file.
package registerload

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/coop"
	"github.com/hoptac/hoptac/internal/registerimport"
	"github.com/hoptac/hoptac/internal/sheet"
	"github.com/hoptac/hoptac/internal/store"
)

// Options adjust one import.
type Options struct {
	Year      int          // the figures' year when the file has no "Năm" column
	ValidOnly bool         // write the good rows of a file that has bad ones
	DryRun    bool         // check and count, write nothing
	Limits    sheet.Limits // zero: sheet.DefaultLimits
	MaxErrors int          // errors listed one by one (1.000 when 0); all are counted
	Today     time.Time    // bounds the figures' year; zero: now
}

// Summary is what an import read and did.
type Summary struct {
	Rows      int                    `json:"rows"` // data rows read
	Skipped   map[sheet.SkipKind]int `json:"skipped"`
	Valid     int                    `json:"valid"`
	Invalid   int                    `json:"invalid"`
	Errors    []*sheet.CellError     `json:"errors"` // in row order
	More      int                    `json:"more_errors"`
	Written   bool                   `json:"written"` // false for a dry run or a refused file
	Created   int                    `json:"created"` // organisations
	Updated   int                    `json:"updated"`
	Unchanged int                    `json:"unchanged"`
	Figures   int                    `json:"figures_changed"` // years of figures added or changed
	Warnings  int                    `json:"warnings"`        // the law's minimum sizes figures fall short of
	Batch     int64                  `json:"batch,omitempty"` // the audit entry of the import, 0 when nothing changed
}

// errRollback undoes a dry run's writes once they are counted.
var errRollback = errors.New("registerload: dry run")

// Import reads the file and, when every row is good (or opt.ValidOnly),
// writes it. Bad rows are in the Summary, not the error; the error is
// about the file as a whole or the database.
func Import(ctx context.Context, db *store.DB, name string, r io.ReaderAt, size int64, opt Options) (*Summary, error) {
	if opt.Today.IsZero() {
		opt.Today = time.Now()
	}
	if opt.MaxErrors <= 0 {
		opt.MaxErrors = 1000
	}
	scan := registerimport.Options{Year: opt.Year, Limits: opt.Limits, MaxErrors: opt.MaxErrors}
	rs := &resolver{db: db, cache: map[string]*store.UnitResolution{}}

	// Pass 1: every row checked; the rows coop's rules or the unit lists
	// refuse are remembered by number (a few, or the import stops).
	var errs []fieldError
	bad := map[int]bool{}
	res, err := registerimport.Scan(ctx, name, r, size, scan, func(rec registerimport.Record) error {
		_, _, fe, err := rs.build(ctx, &rec, opt.Today)
		if err != nil {
			return err
		}
		if len(fe) > 0 {
			bad[rec.Row] = true
			if len(errs) < opt.MaxErrors {
				errs = append(errs, fe...)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sum := &Summary{Rows: res.Rows, Skipped: res.Skipped, Valid: res.Valid - len(bad), Invalid: res.Invalid + len(bad),
		Errors: res.Errors, More: res.More}
	sum.Errors = append(sum.Errors, cellErrors(res.Header, errs)...)
	slices.SortStableFunc(sum.Errors, func(a, b *sheet.CellError) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return strings.Compare(a.Column, b.Column)
	})
	if len(sum.Errors) > opt.MaxErrors {
		sum.More += len(sum.Errors) - opt.MaxErrors
		sum.Errors = sum.Errors[:opt.MaxErrors]
	}
	if sum.Invalid > 0 && !opt.ValidOnly {
		return sum, nil
	}

	// Pass 2: the good rows written in one transaction, audited as one
	// batch; a dry run rolls it back once it is counted.
	err = db.Update(ctx, func(tx *store.Tx) error {
		tx.BeginAuditGroup("import", "register", map[string]any{"file": name, "rows": sum.Valid})
		_, err := registerimport.Scan(ctx, name, r, size, scan, func(rec registerimport.Record) error {
			if bad[rec.Row] {
				return nil
			}
			return write(ctx, tx, rs, &rec, opt.Today, res.Header, sum)
		})
		if err != nil {
			return err
		}
		if sum.Batch, err = tx.EndAuditGroup(ctx); err != nil {
			return err
		}
		if opt.DryRun {
			return errRollback
		}
		return nil
	})
	switch {
	case errors.Is(err, errRollback):
		sum.Batch = 0
		return sum, nil
	case err != nil:
		return nil, err
	}
	sum.Written = true
	return sum, nil
}

// write stores one good row: the organisation under its registration
// code, then its year's figures.
func write(ctx context.Context, tx *store.Tx, rs *resolver, rec *registerimport.Record, today time.Time, h sheet.Header, sum *Summary) error {
	o, f, fe, err := rs.build(ctx, rec, today)
	if err != nil {
		return err
	}
	if len(fe) > 0 { // checked in pass 1; the file changed in between
		return cellErrors(h, fe[:1])[0]
	}
	before, err := tx.OrganisationByCode(ctx, o.Code)
	exists := err == nil
	if err != nil && !isNotFound(err) {
		return err
	}
	if exists {
		// What a register file has no column for stays as it was.
		o.Website, o.ConvertedOn, o.CharterOn = before.Website, before.ConvertedOn, before.CharterOn
	}
	changed, err := tx.UpsertOrganisation(ctx, o)
	if err != nil {
		return err
	}
	switch {
	case !exists:
		sum.Created++
	case changed:
		sum.Updated++
	default:
		sum.Unchanged++
	}
	f.OrganisationID = o.ID
	figChanged, warnings, err := tx.PutFigures(ctx, f, coop.StepSave, false)
	if err != nil {
		return err
	}
	if figChanged {
		sum.Figures++
	}
	sum.Warnings += len(warnings)
	return nil
}

// cellErrors names each error's column by the file's header.
func cellErrors(h sheet.Header, errs []fieldError) []*sheet.CellError {
	out := make([]*sheet.CellError, 0, len(errs))
	for _, e := range errs {
		col := e.field
		for i, f := range h.Fields {
			if f == e.field && i < len(h.Texts) && h.Texts[i] != "" {
				col = h.Texts[i]
				break
			}
		}
		out = append(out, &sheet.CellError{Row: e.row, Column: col, Key: e.key, Args: e.args})
	}
	return out
}
