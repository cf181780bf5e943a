package sheet

import (
	"math/big"
	"strconv"
	"strings"
)

// Source says how a cell's text was written, which decides how its
// numbers read. An .xlsx cell holding a number comes as the number's
// machine form ("1234.5", "2800123456"): "." is the decimal point. A CSV
// is what a person or Excel in Vietnamese wrote: "." groups thousands and
// "," is the decimal comma ("1.234.567", "1,5").
type Source int

const (
	Vietnamese Source = iota // CSV and text cells
	Machine                  // .xlsx cells (raw values)
)

// maxExponent bounds the exponent of scientific notation, so that
// "1e999999999" cannot make big.Rat allocate without end.
const maxExponent = 30

// ParseNumber reads a number written the Vietnamese way ("1.234.567",
// "1,5", "-12", "1 234 567") or, from an .xlsx, in machine form ("1234.5",
// "2.8001E+09"). Scientific notation is read from either source, since
// Excel writes it into CSV files too. Where a CSV cell is ambiguous,
// Vietnamese wins, except that one "." not followed by exactly three
// digits ("1.5") can only be a decimal point.
func ParseNumber(s string, src Source) (*big.Rat, error) {
	canon, ok := canonicalNumber(strings.TrimSpace(s), src)
	if !ok {
		return nil, cellErr(KeyCellNumber, s)
	}
	r, ok := new(big.Rat).SetString(canon)
	if !ok {
		return nil, cellErr(KeyCellNumber, s)
	}
	return r, nil
}

// canonicalNumber rewrites s as "[-]digits[.digits][e±digits]".
func canonicalNumber(s string, src Source) (string, bool) {
	if s == "" || len(s) > 64 {
		return "", false
	}
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "\u2212"): // the minus sign some exports write
		neg, s = true, s[len("\u2212"):]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	s = strings.TrimLeft(s, " ")
	mant, exp := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp = s[:i], s[i+1:]
		e, err := strconv.Atoi(exp)
		if err != nil || e > maxExponent || e < -maxExponent {
			return "", false
		}
		exp = "e" + strconv.Itoa(e)
		// Scientific notation is machine-written: its separator is the
		// decimal one, "." or "," by the writer's locale.
		mant = strings.Replace(mant, ",", ".", 1)
		if !plainDecimal(mant) {
			return "", false
		}
	} else {
		var ok bool
		if mant, ok = decimalForm(mant, src); !ok {
			return "", false
		}
	}
	if neg {
		mant = "-" + mant
	}
	return mant + exp, true
}

// decimalForm turns grouped or decimal-comma digits into "digits[.digits]".
func decimalForm(s string, src Source) (string, bool) {
	s = strings.ReplaceAll(s, " ", "") // "1 234 567", a grouping some files use
	if s == "" {
		return "", false
	}
	// A workbook gives number cells in machine form, but also text cells
	// a person typed the Vietnamese way, and excelize does not say which.
	// Only "41.256" (one "." before exactly three digits) reads both
	// ways; it is taken as thousands, the way text cells write it: a
	// number cell holding a fraction of exactly three decimals is rarer
	// in a register than a figure typed as text.
	if src == Machine && plainDecimal(s) && !(strings.Count(s, ".") == 1 && groupsOfThree(s, '.')) {
		return s, true
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	switch {
	case dots == 0 && commas == 0:
	case commas == 0 && dots == 1 && !groupsOfThree(s, '.'):
		// "1.5": a decimal point, never a thousands group.
	case commas == 0:
		if !groupsOfThree(s, '.') {
			return "", false
		}
		s = strings.ReplaceAll(s, ".", "")
	case dots == 0 && commas == 1:
		s = strings.Replace(s, ",", ".", 1)
	case dots == 0:
		// "1,234,567": English grouping, as an English-locale CSV has it.
		if !groupsOfThree(s, ',') {
			return "", false
		}
		s = strings.ReplaceAll(s, ",", "")
	default:
		whole, frac, _ := strings.Cut(s, ",")
		if strings.Contains(frac, ",") || strings.Contains(frac, ".") || !groupsOfThree(whole, '.') {
			return "", false
		}
		s = strings.ReplaceAll(whole, ".", "") + "." + frac
	}
	return s, plainDecimal(s)
}

// groupsOfThree reports whether s is digits grouped by sep in threes, the
// first group one to three digits long.
func groupsOfThree(s string, sep byte) bool {
	parts := strings.Split(s, string(sep))
	if len(parts) < 2 {
		return false
	}
	for i, p := range parts {
		if !allDigits(p) || (i == 0 && len(p) > 3) || (i > 0 && len(p) != 3) {
			return false
		}
	}
	return true
}

// plainDecimal reports "digits[.digits]" (".5" and "5." too).
func plainDecimal(s string) bool {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" {
		return false
	}
	return (whole == "" || allDigits(whole)) && (frac == "" || allDigits(frac))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseInt reads a whole number (see ParseNumber). "12,0" is 12; "12,5"
// is an error, not a rounding.
func ParseInt(s string, src Source) (int64, error) {
	if len(s) <= 18 && allDigits(s) { // most cells: no need for big.Rat
		return strconv.ParseInt(s, 10, 64)
	}
	r, err := ParseNumber(s, src)
	if err != nil {
		return 0, err
	}
	if !r.IsInt() {
		return 0, cellErr(KeyCellInteger, s)
	}
	n := r.Num()
	if !n.IsInt64() {
		return 0, cellErr(KeyCellOverflow, s)
	}
	return n.Int64(), nil
}

// ParseMoney reads an amount written in units of unit đồng (1 for đồng,
// 1.000 for nghìn đồng, 1.000.000 for triệu đồng) and returns it in đồng,
// rounded half away from zero to a whole đồng; an amount past int64 is an
// error rather than a wrong figure.
func ParseMoney(s string, src Source, unit int64) (int64, error) {
	if unit <= 0 {
		unit = 1
	}
	canon, ok := canonicalNumber(strings.TrimSpace(s), src)
	if !ok {
		return 0, cellErr(KeyCellNumber, s)
	}
	if n, ok := smallMoney(canon, unit); ok {
		return n, nil
	}
	r, ok := new(big.Rat).SetString(canon)
	if !ok {
		return 0, cellErr(KeyCellNumber, s)
	}
	r.Mul(r, new(big.Rat).SetInt64(unit))
	n := roundRat(r)
	if !n.IsInt64() {
		return 0, cellErr(KeyCellOverflow, s)
	}
	return n.Int64(), nil
}

// roundRat rounds r half away from zero.
func roundRat(r *big.Rat) *big.Int {
	num, den := new(big.Int).Set(r.Num()), r.Denom()
	neg := num.Sign() < 0
	num.Abs(num)
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if m.Lsh(m, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return q
}

// smallMoney computes canon × unit in int64 when that is exact and safe:
// canon is "[-]digits[.digits]" and unit 10^k, with the whole part and
// the fraction each at most 18-k digits long, so no product passes 2×10^18
// (int64 holds 9,2×10^18); anything else goes to big.Rat.
func smallMoney(canon string, unit int64) (int64, bool) {
	neg := strings.HasPrefix(canon, "-")
	if neg {
		canon = canon[1:]
	}
	whole, frac, _ := strings.Cut(canon, ".")
	if strings.ContainsAny(canon, "eE") {
		return 0, false
	}
	pow, k := int64(1), 0
	for pow < unit && k < 18 {
		pow *= 10
		k++
	}
	if pow != unit || len(whole)+k > 18 || len(frac)+k > 18 {
		return 0, false
	}
	var w, f int64
	for i := 0; i < len(whole); i++ {
		w = w*10 + int64(whole[i]-'0')
	}
	den := int64(1)
	for i := 0; i < len(frac); i++ {
		f = f*10 + int64(frac[i]-'0')
		den *= 10
	}
	// Round half away from zero: the sign is put back after.
	n := w*unit + (f*unit*2+den)/(2*den)
	if neg {
		n = -n
	}
	return n, true
}
