package registerimport

// seenCodes is the file's duplicate check: for every code, the years seen
// and the row each was first seen on. A register has about ten years a
// code and hundreds of thousands of codes, so it is kept compact: a
// checked code (ten digits, maybe a dash and three more) is a number, not
// a string, and the years of all codes are one slice, each code's a
// chain through it, instead of a slice (and its growth) per code. At
// 200,000 codes × 10 years this is about 30 MB where a map of strings to
// slices held about 70 MB.
type seenCodes struct {
	head  map[uint64]int32 // code → index in years of its last year seen, +1
	other map[string]int32 // codes codeKey cannot read (none once checked)
	years []seenYear
}

// seenYear is one year of a code: the row it was first seen on and the
// previous year of the same code (+1, 0 for none).
type seenYear struct {
	row  int
	year int32
	prev int32
}

func newSeenCodes() *seenCodes {
	return &seenCodes{head: map[uint64]int32{}, other: map[string]int32{}}
}

// add records code's year seen on row, and returns the row the same
// code and year were first seen on, 0 when this is the first.
func (s *seenCodes) add(code string, year, row int) int {
	key, ok := codeKey(code)
	var head int32
	if ok {
		head = s.head[key]
	} else {
		head = s.other[code]
	}
	for i := head; i != 0; i = s.years[i-1].prev {
		if y := s.years[i-1]; int(y.year) == year {
			return y.row
		}
	}
	// A year past int32 (only an unchecked --year could give one) is
	// stored wrapped and then matches nothing: a duplicate of it goes
	// unseen, no row is ever called a duplicate it is not.
	s.years = append(s.years, seenYear{row: row, year: int32(year), prev: head}) //nolint:gosec // see above
	n := int32(len(s.years))                                                     //nolint:gosec // 2^31 rows would be a file of some 600 GB
	if ok {
		s.head[key] = n
	} else {
		s.other[string([]byte(code))] = n // a copy: code may be a slice of the row's text
	}
	return 0
}

// codeKey reads a code of the form codeRE checks, "dddddddddd" or
// "dddddddddd-ddd", as one number that tells every such code apart: the
// ten digits, shifted, with the branch + 1 (0 when there is none).
func codeKey(code string) (uint64, bool) {
	if len(code) != 10 && (len(code) != 14 || code[10] != '-') {
		return 0, false
	}
	var n uint64
	for i := 0; i < 10; i++ {
		c := code[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	var branch uint64
	if len(code) == 14 {
		for i := 11; i < 14; i++ {
			c := code[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			branch = branch*10 + uint64(c-'0')
		}
		branch++
	}
	return n<<10 | branch, true
}
