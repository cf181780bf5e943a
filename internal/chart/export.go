package chart

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A chart's table goes out as a spreadsheet: a header row (Category, then
// each series), then a row per label. Values stay numbers (a percentage is
// 87.5, its header says "(%)"), so they sum and sort; labels stay text.

// bom starts the CSV: without it Excel reads UTF-8 as the local code page
// and garbles every diacritic.
const bom = "\uFEFF"

// ExportSheet is the workbook's one sheet; not translated, as formulas
// and scripts refer to it.
const ExportSheet = "Data"

func (d Data) header() []string {
	h := []string{d.Category}
	for _, s := range d.Series {
		name := s.Name
		if d.Suffix != "" {
			name += " (" + d.Suffix + ")"
		}
		h = append(h, name)
	}
	return h
}

// safeText keeps a label a label: a spreadsheet runs a cell starting with
// =, +, -, @ (or a tab or return before them) as a formula, and labels are
// agency and group names anyone with an account can type.
func safeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes d's table as UTF-8 CSV with a byte order mark; numbers
// in plain digits with "." before decimals, as spreadsheets and scripts
// read them in any locale.
func WriteCSV(w io.Writer, d Data) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	h := d.header()
	for i := range h {
		h[i] = safeText(h[i])
	}
	if err := cw.Write(h); err != nil {
		return err
	}
	for i, label := range d.Labels {
		rec := []string{safeText(label)}
		for _, s := range d.Series {
			if s.missing(i) {
				rec = append(rec, "") // no figure: empty, never a zero
				continue
			}
			rec = append(rec, strconv.FormatFloat(s.value(i), 'f', -1, 64))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes d's table as a workbook of one sheet, ExportSheet:
// labels as text, values as numbers shown with thousands separators (and
// d.Decimals decimals), the header bold and frozen.
func WriteXLSX(w io.Writer, d Data) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := f.SetSheetName("Sheet1", ExportSheet); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	if err != nil {
		return err
	}
	numStyle := &excelize.Style{NumFmt: 3} // "#,##0": 1.234 in a Vietnamese Excel
	if d.Decimals > 0 {
		format := "#,##0." + strings.Repeat("0", d.Decimals)
		numStyle = &excelize.Style{CustomNumFmt: &format}
	}
	number, err := f.NewStyle(numStyle)
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": a label that looks like a number stays text
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(ExportSheet)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 48); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, len(d.Series)+1, 16); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	var row []any
	for _, h := range d.header() {
		row = append(row, excelize.Cell{StyleID: head, Value: h})
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	for i, label := range d.Labels {
		row = []any{excelize.Cell{StyleID: text, Value: label}}
		for _, s := range d.Series {
			if s.missing(i) {
				row = append(row, nil) // no figure: an empty cell, never a zero
				continue
			}
			row = append(row, excelize.Cell{StyleID: number, Value: s.value(i)})
		}
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
