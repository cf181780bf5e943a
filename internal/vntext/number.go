package vntext

import (
	"strconv"
	"strings"
)

// Vietnamese writes numbers with "." between groups of thousands and ","
// before decimals: 1.234.567 and 1,5. Every page and export formats
// numbers through these two functions, so a figure reads the same in the
// browser, in a spreadsheet and in a printed report.

// FormatInt writes n with "." between groups of three digits.
func FormatInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// FormatDecimal writes f rounded to at most places decimals, with ","
// before them, "." between thousands and no trailing zeros: 1.234,5.
func FormatDecimal(f float64, places int) string {
	s := strconv.FormatFloat(f, 'f', places, 64)
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		// Beyond int64: no grouping rather than a wrong number.
		if frac == "" {
			return whole
		}
		return whole + "," + frac
	}
	out := FormatInt(n)
	if n == 0 && strings.HasPrefix(whole, "-") && frac != "" {
		out = "-0" // -0,5: FormatInt lost the sign of zero
	}
	if frac != "" {
		out += "," + frac
	}
	return out
}
