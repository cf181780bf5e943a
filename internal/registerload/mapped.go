package registerload

import (
	"context"

	"io"
	"slices"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/registerimport"
	"github.com/hoptac/hoptac/internal/sheet"
	"github.com/hoptac/hoptac/internal/store"
)

// Checked is what checking a file with a chosen mapping found, for the
// web preview: the header as mapped, the summary Import would start
// from, and the first good rows as they would be written.
type Checked struct {
	Format   sheet.Format
	Encoding string
	Header   sheet.Header
	Summary  *Summary
	First    []registerimport.Record
}

// Check reads the file as ImportMapped would, with every row checked
// against coop's rules and the units, and writes nothing. mapping is the
// preview's column → field ("" leaves a column out); nil keeps the
// header's own mapping. first bounds the good rows returned.
func Check(ctx context.Context, db *store.DB, name string, r io.ReaderAt, size int64, opt Options, mapping map[int]string, first int) (*Checked, error) {
	opt = defaults(opt)
	c, _, err := check(ctx, db, name, r, size, opt, scanOptions(opt, mapping), first)
	return c, err
}

// ImportMapped is Import with the columns mapped as a person chose them
// in the preview (see Check). The mapping is checked again here, so a
// form sent back changed cannot map a field twice or name an unknown one.
func ImportMapped(ctx context.Context, db *store.DB, name string, r io.ReaderAt, size int64, opt Options, mapping map[int]string) (*Summary, error) {
	opt = defaults(opt)
	scan := scanOptions(opt, mapping)
	c, bad, err := check(ctx, db, name, r, size, opt, scan, 0)
	if err != nil {
		return nil, err
	}
	sum := c.Summary
	if sum.Invalid > 0 && !opt.ValidOnly || opt.DryRun {
		return sum, nil
	}
	rs := &resolver{db: db, cache: map[string]*store.UnitResolution{}}
	err = db.Update(ctx, func(tx *store.Tx) error {
		tx.BeginAuditGroup("import", "register", map[string]any{"file": name, "rows": sum.Valid})
		_, err := registerimport.Scan(ctx, name, r, size, scan, func(rec registerimport.Record) error {
			if bad[rec.Row] {
				return nil
			}
			return write(ctx, tx, rs, &rec, opt.Today, c.Header, sum)
		})
		if err != nil {
			return err
		}
		sum.Batch, err = tx.EndAuditGroup(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	sum.Written = true
	return sum, nil
}

func defaults(opt Options) Options {
	if opt.Today.IsZero() {
		opt.Today = time.Now()
	}
	if opt.MaxErrors <= 0 {
		opt.MaxErrors = 1000
	}
	return opt
}

func scanOptions(opt Options, mapping map[int]string) registerimport.Options {
	return registerimport.Options{Year: opt.Year, Limits: opt.Limits, MaxErrors: opt.MaxErrors, Mapping: mapping}
}

// check is Import's first pass: every row read and built, the bad ones
// remembered by row number.
func check(ctx context.Context, db *store.DB, name string, r io.ReaderAt, size int64, opt Options, scan registerimport.Options, first int) (*Checked, map[int]bool, error) {
	rs := &resolver{db: db, cache: map[string]*store.UnitResolution{}}
	var errs []fieldError
	var good []registerimport.Record
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
			return nil
		}
		if len(good) < first {
			good = append(good, rec)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
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
	return &Checked{Format: res.Format, Encoding: res.Encoding, Header: res.Header, Summary: sum, First: good}, bad, nil
}
