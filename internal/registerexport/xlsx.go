package registerexport

import (
	"io"

	"github.com/hoptac/hoptac/internal/store"
	"github.com/xuri/excelize/v2"
)

// Built-in number formats of SpreadsheetML: 49 is text ("@"), so a code
// typed over stays text; 3 is "#,##0", which a Vietnamese Excel shows as
// 1.234.567 while the cell stays a number that sums.
const (
	numFmtText      = 49
	numFmtThousands = 3
)

// sheetName is the one sheet's name; it is not translated, as formulas
// and scripts refer to it.
const sheetName = "Register"

// xlsxWriter streams rows to the sheet, so memory stays bounded.
type xlsxWriter struct {
	w                    io.Writer
	f                    *excelize.File
	sw                   *excelize.StreamWriter
	n                    int
	head, txt, number, p int
}

func newXLSX(w io.Writer, filter store.OrganisationFilter) (*xlsxWriter, error) {
	f := excelize.NewFile()
	x := &xlsxWriter{w: w, f: f}
	fail := func(err error) (*xlsxWriter, error) {
		_ = f.Close()
		return nil, err
	}
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return fail(err)
	}
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&x.head, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}},
		{&x.txt, excelize.Style{NumFmt: numFmtText}},
		{&x.number, excelize.Style{NumFmt: numFmtThousands}},
		{&x.p, excelize.Style{}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return fail(err)
		}
		*s.id = id
	}
	sw, err := f.NewStreamWriter(sheetName)
	if err != nil {
		return fail(err)
	}
	widths := []float64{16, 40, 16, 18, 22, 10, 10, 36, 10, 16, 16, 24}
	if filter.Year != 0 {
		widths = append(widths, 8, 12, 12, 12, 18, 18, 18, 18, 18, 12, 12, 10)
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return fail(err)
		}
	}
	// The header stays in view while scrolling a long list.
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fail(err)
	}
	x.sw = sw
	return x, nil
}

func (x *xlsxWriter) put(values []any) error {
	x.n++
	cell, err := excelize.CoordinatesToCellName(1, x.n)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, values)
}

func (x *xlsxWriter) header(h []string) error {
	values := make([]any, len(h))
	for i, s := range h {
		values[i] = excelize.Cell{StyleID: x.head, Value: s}
	}
	return x.put(values)
}

func (x *xlsxWriter) row(cells []cell) error {
	values := make([]any, len(cells))
	for i, c := range cells {
		switch {
		case c.isNum && c.plain:
			values[i] = excelize.Cell{StyleID: x.p, Value: c.num}
		case c.isNum:
			values[i] = excelize.Cell{StyleID: x.number, Value: c.num}
		case i == 0:
			// The registration code: text, never a number.
			values[i] = excelize.Cell{StyleID: x.txt, Value: c.text}
		default:
			values[i] = excelize.Cell{StyleID: x.p, Value: c.text}
		}
	}
	return x.put(values)
}

func (x *xlsxWriter) close() error {
	defer func() { _ = x.f.Close() }()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	return x.f.Write(x.w)
}
