package sheet

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The grid's bounds in the file format: a reference past them is damage.
const (
	maxSheetRows = 1 << 20
	maxSheetCols = 16384
)

// rowScanner reads the <row> elements of a sheet's XML one at a time.
type rowScanner struct {
	d    *xml.Decoder
	sst  []string
	last int  // number of the row read last
	done bool // </sheetData> or the end of the part seen
}

func newRowScanner(r io.Reader, sst []string) *rowScanner {
	return &rowScanner{d: xml.NewDecoder(r), sst: sst}
}

// row returns the next row's number and cells (a missing cell as "",
// trailing empty cells left out, as excelize does); n is 0 after the last.
func (s *rowScanner) row() (n int, cells []string, err error) {
	if s.done {
		return 0, nil, nil
	}
	for {
		tok, err := s.d.Token()
		if errors.Is(err, io.EOF) {
			s.done = true
			return 0, nil, nil
		}
		if err != nil {
			return 0, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "row" {
				continue
			}
			n = s.last + 1
			for _, a := range t.Attr {
				if a.Name.Local == "r" {
					if n, err = strconv.Atoi(a.Value); err != nil || n < 0 || n > maxSheetRows {
						return 0, nil, fmt.Errorf("sheet: row number %q", a.Value)
					}
					if n == 0 {
						n = s.last + 1
					}
				}
			}
			s.last = n
			cells, err := s.cells()
			return n, cells, err
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				s.done = true
				return 0, nil, nil
			}
		}
	}
}

// cells reads a row's cells up to </row>.
func (s *rowScanner) cells() ([]string, error) {
	var cells []string
	col := 0
	for {
		tok, err := s.d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "c" {
				continue
			}
			col++
			val, ref, keep, err := s.cell(t)
			if err != nil {
				return nil, err
			}
			if ref != "" {
				if col, err = refColumn(ref); err != nil {
					return nil, err
				}
			}
			if keep {
				for blank := col - len(cells); blank > 1; blank-- {
					cells = append(cells, "")
				}
				cells = append(cells, val)
			}
		case xml.EndElement:
			if t.Name.Local == "row" {
				return cells, nil
			}
		}
	}
}

// cell reads one <c> up to its end: its value as excelize gives it raw,
// its reference, and whether it counts (a value, or a formula).
func (s *rowScanner) cell(start xml.StartElement) (val, ref string, keep bool, err error) {
	var typ, v string
	var inline *string
	formula := false
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "r":
			ref = a.Value
		case "t":
			typ = a.Value
		case "s":
			// A style that is no number is damage; excelize dropped the
			// cell's value then, silently.
			if _, err := strconv.ParseInt(a.Value, 10, 64); err != nil {
				return "", "", false, fmt.Errorf("sheet: cell style %q", a.Value)
			}
		}
	}
	for depth := 1; depth > 0; {
		tok, err := s.d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return "", "", false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 1 {
				switch t.Name.Local {
				case "v":
					if v, err = s.text(); err != nil {
						return "", "", false, err
					}
					continue
				case "f":
					formula = true
				case "is":
					is, err := stringItem(s.d)
					if err != nil {
						return "", "", false, err
					}
					inline = &is
					continue
				}
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	switch typ {
	case "s":
		if v != "" {
			i, _ := strconv.Atoi(strings.TrimSpace(v))
			if i < 0 || i >= len(s.sst) {
				return "", "", false, fmt.Errorf("sheet: shared string %d of %d", i, len(s.sst))
			}
			v = s.sst[i]
		}
	case "inlineStr":
		if inline != nil {
			v = *inline
		}
	}
	return v, ref, v != "" || formula, nil
}

// text reads an element's text up to its end (the start already read).
func (s *rowScanner) text() (string, error) {
	var b []byte
	for depth := 1; depth > 0; {
		tok, err := s.d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 1 {
				b = append(b, t...)
			}
		}
	}
	return string(b), nil
}

// refColumn is the 1-based column of a cell reference such as "AB12".
func refColumn(ref string) (int, error) {
	col, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c >= 'A' && c <= 'Z':
			col = col*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			col = col*26 + int(c-'a') + 1
		default:
			goto digits
		}
		if col > maxSheetCols {
			return 0, fmt.Errorf("sheet: cell reference %q", ref)
		}
	}
digits:
	if col == 0 || i == len(ref) || ref[i] < '0' || ref[i] > '9' {
		return 0, fmt.Errorf("sheet: cell reference %q", ref)
	}
	row, err := strconv.Atoi(ref[i:])
	if err != nil || row < 1 || row > maxSheetRows {
		return 0, fmt.Errorf("sheet: cell reference %q", ref)
	}
	return col, nil
}

// unescapeBstr decodes the escapes a workbook writes for characters XML
// cannot hold: _xHHHH_ is the character, _x005F_ a literal underscore.
// A surrogate decodes to nothing, as in excelize.
func unescapeBstr(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if r, ok := hex4(s[i+2 : i+6]); ok {
				if r == 0x5F {
					b.WriteByte('_')
				} else if utf8.ValidRune(r) {
					b.WriteRune(r)
				}
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// hex4 reads four hexadecimal digits as a code point.
func hex4(s string) (rune, bool) {
	var r rune
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			r = r*16 + rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r*16 + rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r*16 + rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, len(s) == 4
}
