package registerload

import (
	"context"
	"io"
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
	opt.Mapping = mapping
	return check(ctx, db, name, r, size, opt, scanOptions(opt), first)
}

// ImportMapped is Import with the columns mapped as a person chose them
// in the preview (see Check).
func ImportMapped(ctx context.Context, db *store.DB, name string, r io.ReaderAt, size int64, opt Options, mapping map[int]string) (*Summary, error) {
	opt.Mapping = mapping
	return Import(ctx, db, name, r, size, opt)
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

func scanOptions(opt Options) registerimport.Options {
	return registerimport.Options{Year: opt.Year, Limits: opt.Limits, MaxErrors: opt.MaxErrors, Mapping: opt.Mapping}
}

// check reads every row and builds it as Import does, writing nothing.
func check(ctx context.Context, db *store.DB, name string, r io.ReaderAt, size int64, opt Options, scan registerimport.Options, first int) (*Checked, error) {
	rc := &rowCheck{rs: newResolver(db), today: opt.Today, max: opt.MaxErrors}
	var good []registerimport.Record
	res, err := registerimport.Scan(ctx, name, r, size, scan, func(rec registerimport.Record) error {
		if _, _, ok, err := rc.build(ctx, &rec); err != nil || !ok {
			return err
		}
		if len(good) < first {
			good = append(good, rec)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sum := summarise(res, rc.errs, rc.bad, opt.MaxErrors)
	return &Checked{Format: res.Format, Encoding: res.Encoding, Header: res.Header, Summary: sum, First: good}, nil
}
