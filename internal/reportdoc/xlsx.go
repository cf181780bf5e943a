package reportdoc

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Built-in number formats of SpreadsheetML: 3 is "#,##0", which a
// spreadsheet shows with the reader's own thousands separator (1.234.567
// in a Vietnamese Excel); money stays a number that sums.
const (
	numFmtThousands = 3
	numFmtOneDec    = "0.0"
)

// xlsxStyles are the style ids a workbook uses.
type xlsxStyles struct{ header, text, money, moneyBold, bold, rate int }

// WriteXLSX writes the report's tables as a workbook with four sheets:
// tasks (one row per agency's words on a task), targets, budget and rates.
// Nothing is written when r is invalid.
func WriteXLSX(w io.Writer, r Report) error {
	p, err := prepare(r)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	st, err := newXLSXStyles(f)
	if err != nil {
		return fmt.Errorf("reportdoc: xlsx styles: %w", err)
	}
	l := p.Labels
	if err := f.SetSheetName("Sheet1", l.SheetTasks); err != nil {
		return fmt.Errorf("reportdoc: xlsx: %w", err)
	}
	for _, name := range []string{l.SheetTargets, l.SheetBudget, l.SheetRates} {
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("reportdoc: xlsx: %w", err)
		}
	}
	for _, fill := range []func(*excelize.File, *prepared, xlsxStyles) error{xlsxTasks, xlsxTargets, xlsxBudget, xlsxRates} {
		if err := fill(f, p, st); err != nil {
			return fmt.Errorf("reportdoc: xlsx: %w", err)
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("reportdoc: xlsx: %w", err)
	}
	return nil
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var st xlsxStyles
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "top", Style: 1, Color: "000000"},
		{Type: "right", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	font := &excelize.Font{Family: "Times New Roman", Size: 12}
	bold := &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true}
	oneDec := numFmtOneDec
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.header, excelize.Style{Font: bold, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}}},
		{&st.text, excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.bold, excelize.Style{Font: bold, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.money, excelize.Style{Font: font, Border: border, NumFmt: numFmtThousands, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.moneyBold, excelize.Style{Font: bold, Border: border, NumFmt: numFmtThousands, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.rate, excelize.Style{Font: font, Border: border, CustomNumFmt: &oneDec, Alignment: &excelize.Alignment{Vertical: "top"}}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return st, err
		}
		*s.id = id
	}
	return st, nil
}

// sheetWriter fills one sheet row by row.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	row   int
	err   error
}

// put writes one row from column A with one style per cell.
func (s *sheetWriter) put(values []any, styles []int) {
	if s.err != nil {
		return
	}
	s.row++
	for i, v := range values {
		cell, err := excelize.CoordinatesToCellName(i+1, s.row)
		if err == nil {
			err = s.f.SetCellValue(s.sheet, cell, v)
		}
		if err == nil {
			err = s.f.SetCellStyle(s.sheet, cell, cell, styles[i])
		}
		if err != nil {
			s.err = err
			return
		}
	}
}

// widths sets the columns' widths from A, in characters.
func (s *sheetWriter) widths(ws ...float64) {
	for i, w := range ws {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err == nil && s.err == nil {
			err = s.f.SetColWidth(s.sheet, col, col, w)
		}
		if err != nil && s.err == nil {
			s.err = err
		}
	}
}

// header writes the header row and freezes it, so it stays in view.
func (s *sheetWriter) header(st xlsxStyles, titles ...string) {
	values := make([]any, len(titles))
	styles := make([]int, len(titles))
	for i, t := range titles {
		values[i], styles[i] = t, st.header
	}
	s.put(values, styles)
	if s.err == nil {
		s.err = s.f.SetPanes(s.sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
}

func repeat(id, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = id
	}
	return out
}

func xlsxTasks(f *excelize.File, p *prepared, st xlsxStyles) error {
	l := p.Labels
	s := &sheetWriter{f: f, sheet: l.SheetTasks}
	s.widths(30, 10, 50, 18, 30, 70)
	s.header(st, l.ColGroup, l.ColCode, l.ColTask, l.ColStatus, l.ColAgency, l.ColText)
	for _, g := range p.Groups {
		for _, t := range g.Tasks {
			if len(t.Reports) == 0 {
				s.put([]any{g.Title, t.Code, t.Title, t.Status, "", ""}, repeat(st.text, 6))
			}
			for _, a := range t.Reports {
				s.put([]any{g.Title, t.Code, t.Title, t.Status, a.Agency, a.Text}, repeat(st.text, 6))
			}
		}
	}
	return s.err
}

func xlsxTargets(f *excelize.File, p *prepared, st xlsxStyles) error {
	l := p.Labels
	s := &sheetWriter{f: f, sheet: l.SheetTargets}
	s.widths(6, 60, 18, 18, 18)
	s.header(st, l.ColNo, l.ColTarget, l.ColPlanned, l.ColAchieved, l.ColAssessment)
	for i, t := range p.Targets {
		s.put([]any{i + 1, t.Text, t.Planned, t.Achieved, t.Assessment}, repeat(st.text, 5))
	}
	return s.err
}

func xlsxBudget(f *excelize.File, p *prepared, st xlsxStyles) error {
	l := p.Labels
	s := &sheetWriter{f: f, sheet: l.SheetBudget}
	s.widths(6, 50, 24, 20, 20, 20)
	s.header(st, l.ColNo, l.ColItem, l.ColSource, l.ColEstimated, l.ColAllocated, l.ColSpent)
	moneyRow := []int{st.text, st.text, st.text, st.money, st.money, st.money}
	for i, b := range p.Budget {
		s.put([]any{i + 1, b.Item, b.Source, b.Estimated, b.Allocated, b.Spent}, moneyRow)
	}
	if len(p.Budget) > 0 {
		s.put([]any{"", l.Total, "", p.total.Estimated, p.total.Allocated, p.total.Spent},
			[]int{st.bold, st.bold, st.bold, st.moneyBold, st.moneyBold, st.moneyBold})
	}
	return s.err
}

func xlsxRates(f *excelize.File, p *prepared, st xlsxStyles) error {
	l := p.Labels
	s := &sheetWriter{f: f, sheet: l.SheetRates}
	s.widths(40, 16)
	s.header(st, l.ColMeasure, l.ColValue)
	rt := p.Rates
	s.put([]any{l.Expected, rt.Expected}, []int{st.text, st.money})
	s.put([]any{l.Submitted, rt.Submitted}, []int{st.text, st.money})
	s.put([]any{l.OnTime, rt.OnTime}, []int{st.text, st.money})
	s.put([]any{l.RateReportingShort, ratio(rt.Submitted, rt.Expected)}, []int{st.text, st.rate})
	s.put([]any{l.RateOnTimeShort, ratio(rt.OnTime, rt.Expected)}, []int{st.text, st.rate})
	return s.err
}

// ratio is n of d in percent, rounded to one decimal as the document
// prints it, 0 when nothing was expected.
func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(int64(float64(n)*1000/float64(d)+0.5)) / 10
}
