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
	// Mapping is the columns as a person mapped them in the web preview
	// (column → field, "" leaves a column out); nil keeps the header's
	// own mapping. Scan checks it again, so a form sent back changed
	// cannot map a field twice or name an unknown one.
	Mapping map[int]string
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
	Statuses  int                    `json:"statuses"`        // entries added to status histories
	// MergersLeft counts rows that say "merged": the history needs the
	// organisation merged into, which a register file does not name, so
	// a person records those.
	MergersLeft int   `json:"mergers_left"`
	Batch       int64 `json:"batch,omitempty"` // the audit entry of the import, 0 when nothing changed
}

// errRollback undoes a dry run's writes once they are counted, and the
// writes of a file found bad by its end.
var errRollback = errors.New("registerload: dry run")

// chunkRows is how many good rows are stored at a time: the store reads
// and writes them with a few multi-row statements.
const chunkRows = 2000

// bytesPerRow is about what a row of a register file takes (a row of the
// generated CSV takes 290 bytes; an .xlsx, compressed, less): the file's
// size over it is the rows the import expects, which decides whether
// the store builds the organisations' indexes once at the end
// (store.RegisterImporter.DeferIndexes).
const bytesPerRow = 300

// Import reads the file and, when every row is good (or opt.ValidOnly),
// writes it. Bad rows are in the Summary, not the error; the error is
// about the file as a whole or the database.
//
// The file is read once: its rows are checked and stored as they stream
// by, chunkRows at a time, in one transaction audited as one batch, and a
// file that turns out to have a bad row (without opt.ValidOnly) is rolled
// back whole, as a dry run is.
func Import(ctx context.Context, db *store.DB, name string, r io.ReaderAt, size int64, opt Options) (*Summary, error) {
	opt = defaults(opt)
	scan := scanOptions(opt)
	rs := newResolver(db)
	var sum *Summary
	err := db.BulkUpdate(ctx, func(tx *store.Tx) error {
		sum = nil
		// The summing entry is written with the first change, before the
		// rows are counted (the log is append-only): it names the file.
		tx.BeginAuditGroup("import", "register", map[string]any{"file": name, "bytes": size})
		imp, err := tx.RegisterImporter(ctx)
		if err != nil {
			return err
		}
		defer imp.Close()
		if _, err := imp.DeferIndexes(ctx, size/bytesPerRow); err != nil {
			return err
		}
		w := &writer{imp: imp, sum: &Summary{}}
		rc := &rowCheck{rs: rs, today: opt.Today, max: opt.MaxErrors}
		var res *registerimport.Result
		mergersLeft := 0
		read := func(ctx context.Context, c *chunker) error {
			var err error
			res, err = registerimport.Scan(ctx, name, r, size, scan, func(rec registerimport.Record) error {
				o, f, ok, err := rc.build(ctx, &rec)
				if err != nil || !ok {
					return err
				}
				if rc.bad > 0 && !opt.ValidOnly {
					return nil // refused at the end: no use writing more
				}
				status, merged := statusOf(&rec)
				if merged {
					mergersLeft++
				}
				row := store.RegisterRow{Org: o, Figures: f, Keep: keepFigures(&rec), Status: status}
				row.Prepare() // here, beside the writing
				return c.add(ctx, row)
			})
			return err
		}
		// res, rc and mergersLeft are the reader's until pipeline
		// returns, which waits for it.
		if err := pipeline(ctx, read, func(rows []store.RegisterRow) error { return w.store(ctx, rows) }); err != nil {
			return err
		}
		w.sum.MergersLeft = mergersLeft
		sum = summarise(res, rc.errs, rc.bad, opt.MaxErrors)
		sum.Created, sum.Updated, sum.Unchanged = w.sum.Created, w.sum.Updated, w.sum.Unchanged
		sum.Figures, sum.Warnings = w.sum.Figures, w.sum.Warnings
		sum.Statuses, sum.MergersLeft = w.sum.Statuses, w.sum.MergersLeft
		if sum.Invalid > 0 && !opt.ValidOnly {
			return errRollback
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
		if sum.Invalid > 0 && !opt.ValidOnly {
			sum.Created, sum.Updated, sum.Unchanged, sum.Figures, sum.Warnings, sum.Statuses = 0, 0, 0, 0, 0, 0
		}
		return sum, nil
	case err != nil:
		return nil, err
	}
	sum.Written = true
	return sum, nil
}

// summarise is what the reading found: the scan's counts and errors with
// the rows coop's rules or the unit lists refused, in row order, at most
// max of them listed.
func summarise(res *registerimport.Result, errs []fieldError, bad, max int) *Summary {
	sum := &Summary{Rows: res.Rows, Skipped: res.Skipped, Valid: res.Valid - bad, Invalid: res.Invalid + bad,
		Errors: res.Errors, More: res.More}
	sum.Errors = append(sum.Errors, cellErrors(res.Header, errs)...)
	slices.SortStableFunc(sum.Errors, func(a, b *sheet.CellError) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return strings.Compare(a.Column, b.Column)
	})
	if len(sum.Errors) > max {
		sum.More += len(sum.Errors) - max
		sum.Errors = sum.Errors[:max]
	}
	return sum
}

// writer stores chunks of good rows and adds up what storing them did.
type writer struct {
	imp *store.RegisterImporter
	sum *Summary
}

func (w *writer) store(ctx context.Context, rows []store.RegisterRow) error {
	c, err := w.imp.Add(ctx, rows)
	if err != nil {
		return err
	}
	w.sum.Created += c.Created
	w.sum.Updated += c.Updated
	w.sum.Unchanged += c.Unchanged
	w.sum.Figures += c.Figures
	w.sum.Warnings += c.Warnings
	w.sum.Statuses += c.Statuses
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
