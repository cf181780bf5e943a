package registerexport

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/hoptac/hoptac/internal/vntext"
)

// bom starts the file: without it Excel reads UTF-8 as the local code
// page and garbles every diacritic.
const bom = "\uFEFF"

type csvWriter struct{ w *csv.Writer }

func newCSV(w io.Writer) (*csvWriter, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	// Comma-separated, as the brief asks; Excel with a BOM reads it in
	// any locale when the file is opened through its import, and
	// LibreOffice always.
	return &csvWriter{w: csv.NewWriter(w)}, nil
}

func (c *csvWriter) header(h []string) error { return c.w.Write(h) }

func (c *csvWriter) row(cells []cell) error {
	rec := make([]string, len(cells))
	for i, x := range cells {
		switch {
		case x.isNum && x.plain:
			rec[i] = strconv.FormatInt(x.num, 10) // a year: 2025, not 2.025
		case x.isNum:
			// The Vietnamese way, as every page shows it (1.234.567): a
			// Vietnamese spreadsheet reads it as a number, and the
			// register import reads it back.
			rec[i] = vntext.FormatInt(x.num)
		default:
			rec[i] = x.text
		}
	}
	return c.w.Write(rec)
}

func (c *csvWriter) close() error {
	c.w.Flush()
	return c.w.Error()
}
