package registerimport

import (
	"io"

	"github.com/hoptac/hoptac/internal/sheet"
)

// Header reads only as far as a file's header and returns it with the
// mapping the catalogue gives each column, for a preview that shows the
// columns even when that mapping lacks a required field (which Scan
// refuses before it reads a row). The file's own problems (not a
// spreadsheet, too large, a bomb, no header) are its error. A zero lim is
// sheet.DefaultLimits.
func Header(name string, r io.ReaderAt, size int64, lim sheet.Limits) (sheet.Header, error) {
	if lim == (sheet.Limits{}) {
		lim = sheet.DefaultLimits()
	}
	rd, err := sheet.Open(name, r, size, catalogue, lim)
	if err != nil {
		return sheet.Header{}, err
	}
	defer func() { _ = rd.Close() }() // read only
	return rd.Header(), nil
}
