// Package sheet reads tabular uploads (.xlsx and .csv) row by row, within
// bounds, for imports that turn rows into typed records: it finds the
// header row among title rows, maps header texts to a caller's fields,
// skips blank, totals and column-number rows (and says so), decodes legacy
// Vietnamese encodings, and parses cells written the Vietnamese way
// (numbers, dates, money with a stated unit, codes a spreadsheet turned
// into numbers). It holds one row at a time, so a file of any number of
// rows reads in bounded memory.
package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/vntext"
	"github.com/hoptac/hoptac/internal/zipbound"
)

// Limits bound what reading one file may cost.
type Limits struct {
	MaxBytes     int64           // the file's size
	Zip          zipbound.Limits // an .xlsx's unpacking
	MaxColumns   int             // cells in one row
	MaxCellBytes int             // bytes in one cell
	HeaderRows   int             // rows searched for the header
}

// DefaultLimits suit a province's register: 200.000 rows of a CSV are
// about 60 MB; a file of 100 MB is refused. A workbook's sheet streams, so
// its XML may unpack far past the office-document default (200.000 rows
// written with inline strings are 300 MB of XML in a 33 MB file); the
// ratio bound still stops bombs, which compress a thousand times, where a
// sheet compresses ten.
func DefaultLimits() Limits {
	z := zipbound.Default
	z.MaxMemberSize = 512 << 20
	z.MaxTotalSize = 1 << 30
	return Limits{MaxBytes: 80 << 20, Zip: z, MaxColumns: 256, MaxCellBytes: 16 << 10, HeaderRows: 30}
}

// Format is the kind of file read.
type Format string

const (
	XLSX Format = "xlsx"
	CSV  Format = "csv"
)

// Header is the row that names the columns, and what each column maps to.
type Header struct {
	Row    int      // 1-based row number in the file
	Texts  []string // the header cells as the file writes them (NFC)
	Fields []string // the field of each column; "" for a column not read
	Units  []int64  // each money column's unit in đồng; 1 when none is stated
}

// Row is one data row: its number as the spreadsheet shows it and its
// cells, trimmed and in NFC. Cells may be fewer than the header's columns.
type Row struct {
	N     int
	Cells []string
}

// Skipped is a row that was not data.
type Skipped struct {
	Row  int
	Kind SkipKind
}

// maxSkipped bounds the skipped rows listed one by one; Counts counts all.
const maxSkipped = 200

type rowSource interface {
	next() ([]string, int, error) // a row and its 1-based number; io.EOF after the last
	close() error
}

// Reader reads the data rows of one file.
type Reader struct {
	name     string
	format   Format
	encoding string
	src      rowSource
	lim      Limits
	cat      Catalogue
	header   Header
	pending  []Row // rows read past the header while looking for it
	last     int   // number of the last row read from src
	skipped  []Skipped
	counts   map[SkipKind]int
	convert  func(string) string // legacy text carried as Latin-1 runes
	afterHdr bool                // no data row read yet: a numbering row may come
	column   map[string]int
	tblUnit  int64
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Open reads a file's first rows up to its header. name decides nothing
// but is used in messages (and a ".csv" name with zip bytes is still read
// as a workbook: the bytes say what a file is). Errors are *i18n.Error
// with a Key… key.
func Open(name string, r io.ReaderAt, size int64, cat Catalogue, lim Limits) (rd *Reader, err error) {
	base := path.Base(name)
	defer func() {
		if p := recover(); p != nil { // excelize on a file it did not expect
			rd, err = nil, i18n.Errorf(fmt.Errorf("sheet: panic: %v", p), KeyDamaged, base)
		}
	}()
	if lim.MaxBytes > 0 && size > lim.MaxBytes {
		return nil, i18n.Errorf(nil, KeyTooLarge, base, vntext.FormatDecimal(float64(size)/(1<<20), 1), lim.MaxBytes>>20)
	}
	if size == 0 {
		return nil, i18n.Errorf(nil, KeyEmpty, base)
	}
	head := make([]byte, min(size, 8))
	if _, err := r.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, i18n.Errorf(err, KeyDamaged, base)
	}
	rd = &Reader{name: base, lim: lim, cat: cat, counts: map[SkipKind]int{}}
	ext := strings.ToLower(path.Ext(name))
	switch {
	case bytes.HasPrefix(head, zipMagic):
		rd.format = XLSX
		rd.src, err = newXLSX(base, r, size, lim)
	case bytes.Equal(head, oleMagic):
		return nil, i18n.Errorf(nil, KeyXLS, base)
	case ext == ".xlsx" || ext == ".xls" || ext == ".ods":
		return nil, i18n.Errorf(nil, KeyNotSpreadsheet, base)
	default:
		rd.format = CSV
		rd.src, rd.encoding, err = newCSV(base, r, size)
	}
	if err != nil {
		return nil, err
	}
	if err := rd.findHeader(); err != nil {
		_ = rd.src.close()
		return nil, err
	}
	return rd, nil
}

// findHeader reads up to HeaderRows rows and takes the one naming most
// fields (at least two) as the header; rows above it are titles.
func (rd *Reader) findHeader() error {
	idx := rd.cat.index()
	var rows []Row
	best, bestN := -1, 1
	for len(rows) < max(rd.lim.HeaderRows, 1) {
		row, err := rd.read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return i18n.Errorf(nil, KeyEmpty, rd.name)
	}
	var sample strings.Builder
	for _, row := range rows {
		sample.WriteString(strings.Join(row.Cells, " "))
		sample.WriteByte('\n')
	}
	if d := vntext.DetectLegacy(sample.String()); d != nil {
		rd.encoding = d.Name
		rd.convert = d.Convert
		for _, row := range rows {
			for i, c := range row.Cells {
				row.Cells[i] = vntext.Clean(d.Convert(c))
			}
		}
	}
	for i, row := range rows {
		if _, n := rd.cat.match(idx, row.Cells); n > bestN {
			best, bestN = i, n
		}
	}
	if best < 0 {
		return i18n.Errorf(nil, KeyNoHeader, rd.name, len(rows))
	}
	for _, row := range rows[:best] {
		if u, ok := tableUnit(row.Cells); ok {
			rd.tblUnit = u
		}
		if isBlank(row.Cells) {
			rd.skip(row.N, SkipBlank)
		} else {
			rd.skip(row.N, SkipTitle)
		}
	}
	texts := rows[best].Cells
	fields, _ := rd.cat.match(idx, texts)
	rd.header = Header{Row: rows[best].N, Texts: texts, Fields: fields}
	rd.pending = rows[best+1:]
	rd.afterHdr = true
	rd.remap()
	return nil
}

// remap recomputes the units and the field → column index.
func (rd *Reader) remap() {
	h := &rd.header
	h.Units = make([]int64, len(h.Texts))
	rd.column = map[string]int{}
	for i, f := range h.Fields {
		h.Units[i] = 1
		if f == "" {
			continue
		}
		rd.column[f] = i
		if rd.cat.isMoney(f) {
			if u, ok := UnitOf(h.Texts[i]); ok {
				h.Units[i] = u
			} else if rd.tblUnit > 0 {
				h.Units[i] = rd.tblUnit
			}
		}
	}
}

// read returns the next row of the file, cleaned and bounded. Rows the
// source passed over (empty lines of a CSV) are counted as blank.
func (rd *Reader) read() (Row, error) {
	cells, n, err := rd.src.next()
	if err != nil {
		return Row{}, err
	}
	for gap := rd.last + 1; gap < n; gap++ {
		rd.skip(gap, SkipBlank)
	}
	rd.last = max(rd.last, n)
	if rd.lim.MaxColumns > 0 && len(cells) > rd.lim.MaxColumns {
		// Trailing empty cells (a sheet formatted far to the right) are no
		// reason to refuse a row.
		for len(cells) > rd.lim.MaxColumns && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		if len(cells) > rd.lim.MaxColumns {
			return Row{}, i18n.Errorf(nil, KeyTooWide, rd.name, n, rd.lim.MaxColumns)
		}
	}
	out := make([]string, len(cells))
	for i, c := range cells {
		if rd.lim.MaxCellBytes > 0 && len(c) > rd.lim.MaxCellBytes {
			return Row{}, i18n.Errorf(nil, KeyCellTooLong, rd.name, n, rd.lim.MaxCellBytes)
		}
		if rd.convert != nil {
			c = rd.convert(c)
		}
		out[i] = clean(c)
	}
	return Row{N: n, Cells: out}, nil
}

func (rd *Reader) skip(n int, k SkipKind) {
	rd.counts[k]++
	if len(rd.skipped) < maxSkipped {
		rd.skipped = append(rd.skipped, Skipped{Row: n, Kind: k})
	}
}

// Next returns the next data row, skipping (and counting) blank rows,
// totals rows and a row of column numbers right under the header. It
// returns io.EOF after the last row.
func (rd *Reader) Next() (Row, error) {
	for {
		var row Row
		if len(rd.pending) > 0 {
			row, rd.pending = rd.pending[0], rd.pending[1:]
		} else {
			var err error
			if row, err = rd.read(); err != nil {
				return Row{}, err
			}
		}
		cells, n := row.Cells, row.N
		switch {
		case isBlank(cells):
			rd.skip(n, SkipBlank)
			continue
		case rd.afterHdr && isNumbering(cells):
			rd.afterHdr = false
			rd.skip(n, SkipNumbers)
			continue
		case isTotals(cells):
			rd.skip(n, SkipTotals)
			continue
		}
		rd.afterHdr = false
		return row, nil
	}
}
