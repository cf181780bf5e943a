package sheet

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/zipbound"
)

// xlsxSource streams the rows of the first sheet of a workbook through
// excelize's row iterator, raw values (numbers in machine form, dates as
// serials), so that no number format of the file's author decides what a
// figure reads as.
type xlsxSource struct {
	f    *excelize.File
	rows *excelize.Rows
	name string
	n    int
}

// newXLSX checks the archive against the limits before excelize sees it:
// what every member declares, then what every member really unpacks to
// (read through zipbound and thrown away), so a bomb whose headers lie
// stops at its first byte past a bound. Only then does excelize open it,
// held to the same total.
func newXLSX(name string, ra io.ReaderAt, size int64, lim Limits) (*xlsxSource, error) {
	zr, err := zipbound.NewReader(ra, size, lim.Zip)
	if err != nil {
		return nil, zipErr(name, err)
	}
	if err := zr.Verify(); err != nil {
		return nil, zipErr(name, err)
	}
	opts := excelize.Options{RawCellValue: true}
	if lim.Zip.MaxTotalSize > 0 {
		opts.UnzipSizeLimit = lim.Zip.MaxTotalSize
		opts.UnzipXMLSizeLimit = min(lim.Zip.MaxTotalSize, 16<<20)
	}
	f, err := excelize.OpenReader(io.NewSectionReader(ra, 0, size), opts)
	if err != nil {
		return nil, zipErr(name, err)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		_ = f.Close()
		return nil, i18n.Errorf(nil, KeyEmpty, name)
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		_ = f.Close()
		return nil, zipErr(name, err)
	}
	return &xlsxSource{f: f, rows: rows, name: name}, nil
}

// next returns a row and its number; the iterator yields every row,
// missing ones as empty, so the count is the row's number.
func (s *xlsxSource) next() ([]string, int, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, 0, zipErr(s.name, err)
		}
		return nil, 0, io.EOF
	}
	s.n++
	cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, 0, zipErr(s.name, err)
	}
	return cells, s.n, nil
}

func (s *xlsxSource) close() error {
	err := s.rows.Close()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// zipErr says what stopped the reading of a workbook: a bound passed (a
// likely bomb), or damage.
func zipErr(name string, err error) error {
	var le *zipbound.LimitError
	var corrupt flate.CorruptInputError
	switch {
	case errors.As(err, &le):
		return i18n.Errorf(err, KeyUnpacked, name)
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrAlgorithm),
		errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &corrupt):
		return i18n.Errorf(err, KeyDamaged, name)
	}
	return i18n.Errorf(err, KeyDamaged, name)
}
