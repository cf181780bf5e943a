package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/hoptac/hoptac/internal/i18n"
	"github.com/hoptac/hoptac/internal/vntext"
)

const sampleSize = 64 << 10

// csvSource streams records of a CSV file. The separator (";" as Excel
// writes in a Vietnamese locale, or ",") and the encoding are decided from
// the first 64 KB; legacy 8-bit text is decoded field by field, which is
// safe because ";", ",", quotes and line breaks are the same bytes in
// every encoding read here.
type csvSource struct {
	r      *csv.Reader
	decode func(string) string // nil for UTF-8
	name   string
	end    int // the line the previous record ended on
}

func newCSV(name string, ra io.ReaderAt, size int64) (*csvSource, string, error) {
	sample := make([]byte, min(size, sampleSize))
	if _, err := ra.ReadAt(sample, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, "", i18n.Errorf(err, KeyDamaged, name)
	}
	var start int64
	if bytes.HasPrefix(sample, []byte{0xEF, 0xBB, 0xBF}) {
		start = 3
		sample = sample[3:]
	}
	if looksBinary(sample) {
		return nil, "", i18n.Errorf(nil, KeyNotSpreadsheet, name)
	}
	s := &csvSource{name: name}
	enc := ""
	if !utf8.Valid(trimPartialRune(sample)) {
		d := vntext.DetectLegacyBytes(sample)
		if d == nil {
			return nil, "", i18n.Errorf(nil, KeyEncoding, name)
		}
		enc = d.Name
		s.decode = func(f string) string { return d.Decode([]byte(f)) }
	}
	r := csv.NewReader(io.NewSectionReader(ra, start, size-start))
	r.Comma = detectComma(sample)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	s.r = r
	return s, enc, nil
}

// next returns a record and the line it starts on, which is the row a
// spreadsheet shows unless an earlier cell held a line break. encoding/csv
// skips empty lines; the numbers keep counting them, so the Reader
// reports them as blank rows.
func (s *csvSource) next() ([]string, int, error) {
	rec, err := s.r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, 0, io.EOF
		}
		var pe *csv.ParseError
		line := s.end + 1
		if errors.As(err, &pe) {
			line = pe.StartLine
		}
		return nil, 0, i18n.Errorf(err, KeyCSV, s.name, line)
	}
	line, _ := s.r.FieldPos(0)
	s.end = line
	for _, f := range rec {
		s.end += strings.Count(f, "\n")
	}
	if s.decode != nil {
		for i := range rec {
			rec[i] = s.decode(rec[i])
		}
	}
	return rec, line, nil
}

func (s *csvSource) close() error { return nil }

// trimPartialRune drops a rune the sample cut in two.
func trimPartialRune(b []byte) []byte {
	for i := 0; i < utf8.UTFMax && i < len(b); i++ {
		if utf8.RuneStart(b[len(b)-1-i]) {
			if !utf8.FullRune(b[len(b)-1-i:]) {
				return b[:len(b)-1-i]
			}
			break
		}
	}
	return b
}

// detectComma picks ";" or "," by which splits the sample's lines into the
// same number of fields most often (title lines and decimal commas make a
// plain count unreliable).
func detectComma(sample []byte) rune {
	best, bestScore := ',', -1
	for _, c := range []byte{';', ','} {
		counts := map[int]int{}
		for _, line := range bytes.SplitN(sample, []byte("\n"), 200) {
			if n := countOutsideQuotes(line, c); n > 0 {
				counts[n]++
			}
		}
		score := 0
		for n, lines := range counts {
			if lines*n > score {
				score = lines * n
			}
		}
		if score > bestScore {
			best, bestScore = rune(c), score
		}
	}
	return best
}

func countOutsideQuotes(line []byte, c byte) int {
	n, quoted := 0, false
	for _, b := range line {
		switch {
		case b == '"':
			quoted = !quoted
		case b == c && !quoted:
			n++
		}
	}
	return n
}

// looksBinary reports bytes text never holds: a NUL, or many C0 controls.
func looksBinary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			ctl++
		}
	}
	return ctl*100 > len(b)
}
