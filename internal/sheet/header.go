package sheet

import (
	"strings"
	"unicode"

	"github.com/hoptac/hoptac/internal/vntext"
)

// Column is one field a caller reads, with the header texts that name it.
// Money columns are scaled by the unit their header (or a "Đơn vị tính"
// line above the table) states.
type Column struct {
	Field   string
	Aliases []string
	Money   bool
}

// Catalogue lists the fields of a kind of file.
type Catalogue []Column

// Squeeze is the form header texts are compared in: folded (no marks,
// lower case, đ as d), every run of punctuation or spaces made one space,
// and whatever is in brackets removed ("Vốn điều lệ (triệu đồng)" and
// "VỐN ĐIỀU LỆ" both give "von dieu le"). "Mã số HTX" gives "ma so htx".
func Squeeze(s string) string {
	s = vntext.Fold(s)
	var b strings.Builder
	depth, space := 0, false
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
			space = true
		case r == ')' || r == ']':
			if depth > 0 {
				depth--
			}
			space = true
		case depth > 0:
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// squeezeAll is Squeeze keeping the bracketed part, for units.
func squeezeAll(s string) string {
	return Squeeze(strings.NewReplacer("(", " ", ")", " ", "[", " ", "]", " ").Replace(s))
}

// units are the money units a header or a "Đơn vị tính" line may state,
// longest first so "nghin dong" is not read as "dong".
var units = []struct {
	words string
	n     int64
}{
	{"ty dong", 1_000_000_000},
	{"trieu dong", 1_000_000},
	{"nghin dong", 1_000},
	{"ngan dong", 1_000},
	{"trieu", 1_000_000},
	{"nghin", 1_000},
	{"ngan", 1_000},
	{"dong", 1},
	{"vnd", 1},
	{"d", 1},
}

// UnitOf returns the money unit a header text states, in đồng: 1.000.000
// for "Vốn điều lệ (triệu đồng)"; ok is false when it states none.
func UnitOf(header string) (int64, bool) {
	s := " " + squeezeAll(header) + " "
	for _, u := range units {
		if strings.Contains(s, " "+u.words+" ") {
			return u.n, true
		}
	}
	return 0, false
}

// tableUnit reads a "Đơn vị tính: triệu đồng" (ĐVT) line above a table.
func tableUnit(cells []string) (int64, bool) {
	for _, c := range cells {
		s := squeezeAll(c)
		if strings.HasPrefix(s, "don vi tinh") || strings.HasPrefix(s, "don vi") || strings.HasPrefix(s, "dvt") {
			if n, ok := UnitOf(c); ok {
				return n, true
			}
		}
	}
	return 0, false
}

// index maps squeezed aliases to their field.
func (c Catalogue) index() map[string]string {
	m := map[string]string{}
	for _, col := range c {
		m[Squeeze(col.Field)] = col.Field
		for _, a := range col.Aliases {
			m[Squeeze(a)] = col.Field
		}
	}
	return m
}

func (c Catalogue) isMoney(field string) bool {
	for _, col := range c {
		if col.Field == field {
			return col.Money
		}
	}
	return false
}

// Has reports whether field is in the catalogue.
func (c Catalogue) Has(field string) bool {
	for _, col := range c {
		if col.Field == field {
			return true
		}
	}
	return false
}

// match maps the cells of a row to fields; it returns how many matched.
// A field named twice keeps its first column.
func (c Catalogue) match(idx map[string]string, cells []string) ([]string, int) {
	fields := make([]string, len(cells))
	seen := map[string]bool{}
	n := 0
	for i, cell := range cells {
		f, ok := idx[Squeeze(cell)]
		if !ok || seen[f] {
			continue
		}
		seen[f] = true
		fields[i] = f
		n++
	}
	return fields, n
}

// SkipKind says why a row was not data.
type SkipKind string

const (
	SkipTitle   SkipKind = "title"   // above the header
	SkipBlank   SkipKind = "blank"   // no text in any cell
	SkipTotals  SkipKind = "totals"  // "Tổng cộng", "Cộng"
	SkipNumbers SkipKind = "numbers" // "(1) (2) (3)": the columns' numbers under the header
)

// totalsWords are what a totals row's first filled cell says, squeezed.
var totalsWords = []string{"tong cong", "cong", "tong", "tong so", "cong toan tinh"}

func isBlank(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}

// isTotals reports a row whose first or second filled cell says "Tổng
// cộng" or "Cộng" (the first is often the row number column left empty or
// a dash).
func isTotals(cells []string) bool {
	seen := 0
	for _, c := range cells {
		if c == "" {
			continue
		}
		s := Squeeze(c)
		for _, w := range totalsWords {
			if s == w || strings.HasPrefix(s, "tong cong ") {
				return true
			}
		}
		if seen++; seen == 2 {
			return false
		}
	}
	return false
}

// isNumbering reports a row of column numbers: "1 2 3 …" or "(1) (2) …",
// at least three, rising.
func isNumbering(cells []string) bool {
	n, last := 0, 0
	for _, c := range cells {
		if c == "" {
			continue
		}
		t := strings.Trim(c, "()[] ")
		if !allDigits(t) || len(t) > 3 {
			return false
		}
		v := atoi(t)
		if v <= last {
			return false
		}
		last = v
		n++
	}
	return n >= 3
}
