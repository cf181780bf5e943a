package sheet

import (
	"strings"
)

// ParseDigits reads a code made of digits (a registration or tax code)
// from a cell that a spreadsheet may have turned into a number, and
// returns it as text. What can be recovered is recovered:
//
//   - "2800123456", and the float forms "2800123456.0" and
//     "2.800123456E+09" whose every digit is still written, give
//     "2800123456";
//   - a code with a branch suffix, "2800123456-001", stays as it is.
//
// What cannot is an error (KeyCellDigitsLost), never a guess: scientific
// notation whose exponent fills in digits the mantissa does not hold
// ("2.8001E+09" is 2800100000 by arithmetic, but the code's last five
// digits are gone). A leading zero lost to a number is the caller's to
// restore, since only it knows the code's length.
func ParseDigits(s string) (string, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimPrefix(t, "'") // Excel's "keep as text" mark
	if t == "" {
		return "", cellErr(KeyCellDigits, s)
	}
	if i := strings.IndexAny(t, "eE"); i >= 0 {
		return sciDigits(s, t[:i], t[i+1:])
	}
	if whole, frac, ok := strings.Cut(t, "."); ok && allDigits(whole) && strings.Trim(frac, "0") == "" {
		t = whole // 2800123456.0: a float's rendering of a whole number
	}
	for _, part := range strings.Split(t, "-") {
		if !allDigits(part) {
			return "", cellErr(KeyCellDigits, s)
		}
	}
	return t, nil
}

// sciDigits expands mant×10^exp when every digit of the result is written
// in the mantissa.
func sciDigits(orig, mant, exp string) (string, error) {
	mant = strings.Replace(mant, ",", ".", 1)
	whole, frac, _ := strings.Cut(mant, ".")
	if !allDigits(whole) || (frac != "" && !allDigits(frac)) {
		return "", cellErr(KeyCellDigits, orig)
	}
	exp = strings.TrimPrefix(exp, "+")
	if !allDigits(exp) || len(exp) > 2 {
		return "", cellErr(KeyCellDigits, orig)
	}
	e := 0
	for i := 0; i < len(exp); i++ {
		e = e*10 + int(exp[i]-'0')
	}
	if e < len(frac) {
		return "", cellErr(KeyCellDigits, orig) // a fraction is no code
	}
	if e > len(frac) {
		return "", cellErr(KeyCellDigitsLost, orig)
	}
	return whole + frac, nil
}
