package registerimport

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/sheet"
)

// Options adjust one import.
type Options struct {
	// Year the figures belong to when the file has no "Năm" column (the
	// CLI's --year); a row's own year wins.
	Year int
	// Mapping overrides the header's mapping: column index (0-based) →
	// field, "" to leave a column out (see sheet.Reader.SetMapping).
	Mapping map[int]string
	// Limits bound the reading; the zero value is sheet.DefaultLimits.
	Limits sheet.Limits
	// MaxErrors bounds the errors listed one by one (1.000 when 0); all
	// are counted.
	MaxErrors int
}

// Result is what reading a file found.
type Result struct {
	Format   sheet.Format           `json:"format"`
	Encoding string                 `json:"encoding,omitempty"` // legacy encoding converted from
	Header   sheet.Header           `json:"header"`
	Rows     int                    `json:"rows"`    // data rows read
	Skipped  map[sheet.SkipKind]int `json:"skipped"` // title, blank, totals, numbers
	Valid    int                    `json:"valid"`
	Invalid  int                    `json:"invalid"`
	Errors   []*sheet.CellError     `json:"errors"`       // the first MaxErrors, in row order
	More     int                    `json:"more_errors"`  // errors past MaxErrors
	SkipRows []sheet.Skipped        `json:"skipped_rows"` // the first skipped rows, for the report
}

// OK reports whether every row is valid.
func (r *Result) OK() bool { return r.Invalid == 0 }

// Parse reads a whole file and returns every valid record. It holds all
// records in memory; Scan streams them.
func Parse(ctx context.Context, name string, r io.ReaderAt, size int64, opt Options) (*Result, []Record, error) {
	var recs []Record
	res, err := Scan(ctx, name, r, size, opt, func(rec Record) error {
		recs = append(recs, rec)
		return nil
	})
	return res, recs, err
}

// Scan reads a file row by row and calls fn with each valid record, in
// file order; invalid rows are in the Result. Memory stays bounded by the
// codes seen (for the duplicate check), not by the rows. The error is
// about the file as a whole (unreadable, no header, a required column
// missing, fn's error); bad rows are not errors here.
func Scan(ctx context.Context, name string, r io.ReaderAt, size int64, opt Options, fn func(Record) error) (*Result, error) {
	lim := opt.Limits
	if lim == (sheet.Limits{}) {
		lim = sheet.DefaultLimits()
	}
	if opt.MaxErrors <= 0 {
		opt.MaxErrors = 1000
	}
	rd, err := sheet.Open(name, r, size, catalogue, lim)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rd.Close() }() // read only
	if opt.Mapping != nil {
		if err := rd.SetMapping(opt.Mapping); err != nil {
			return nil, err
		}
	}
	if err := requiredColumns(rd, opt); err != nil {
		return nil, err
	}
	res := &Result{Format: rd.Format(), Encoding: rd.Encoding(), Header: rd.Header()}
	// code → the years seen and the first row of each (seenCodes).
	seen := newSeenCodes()
	for {
		if res.Rows%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		res.Rows++
		rec, errs := convert(rd, row, opt)
		if len(errs) == 0 {
			if first := seen.add(rec.Code, rec.Year, row.N); first != 0 {
				errs = append(errs, &sheet.CellError{Row: row.N, Column: columnOf(rd, row, FieldCode), Key: KeyCodeTwice, Args: []any{rec.Code, first, row.N}})
			}
		}
		if len(errs) > 0 {
			res.Invalid++
			for _, e := range errs {
				if len(res.Errors) < opt.MaxErrors {
					res.Errors = append(res.Errors, e)
				} else {
					res.More++
				}
			}
			continue
		}
		res.Valid++
		if err := fn(rec); err != nil {
			return nil, err
		}
	}
	res.Skipped = rd.Counts()
	res.SkipRows = rd.Skipped()
	return res, nil
}

func columnOf(rd *sheet.Reader, row sheet.Row, field string) string {
	_, c, _ := rd.Cell(row, field)
	return c
}

// requiredColumns refuses a file that lacks a column every row needs,
// before any row is read: one message instead of one per row.
func requiredColumns(rd *sheet.Reader, opt Options) error {
	var missing []string
	need := func(ok bool, field string) {
		if !ok {
			missing = append(missing, i18n.Default().T(i18n.Vietnamese, labelKeys[field]))
		}
	}
	need(rd.Has(FieldCode), FieldCode)
	need(rd.Has(FieldName), FieldName)
	need(rd.Has(FieldCommune) || rd.Has(FieldCommuneCode), FieldCommune)
	need(rd.Has(FieldYear) || opt.Year != 0, FieldYear)
	if len(missing) > 0 {
		return i18n.Errorf(nil, "register.import.missing_columns", strings.Join(missing, ", "))
	}
	return nil
}
