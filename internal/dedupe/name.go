package dedupe

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations are the forms' short names as registers write them; a
// name is compared with them spelt out, so "HTX Chè Tân Cương" and "Hợp
// tác xã Chè Tân Cương" read as the same name.
var abbreviations = map[string]string{
	"htx":   "hop tac xa",
	"tht":   "to hop tac",
	"lhhtx": "lien hiep hop tac xa",
	"qtdnd": "quy tin dung nhan dan",
}

// NameKey is the form of a folded name the finder compares: letters and
// digits only, one space between words, the forms' abbreviations spelt out.
func NameKey(fold string) string {
	words := strings.FieldsFunc(fold, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		if full, ok := abbreviations[w]; ok {
			words[i] = full
		}
	}
	return strings.Join(words, " ")
}

// maxDistanceAny is the largest distance MaxDistance allows.
const maxDistanceAny = 2

// MaxDistance is the edit distance up to which two names count as almost
// the same: none below 8 characters (short names differ in a letter and
// are different organisations), 1 up to 15, 2 from 16.
func MaxDistance(a, b string) int {
	return maxDistance(min(utf8.RuneCountInString(a), utf8.RuneCountInString(b)))
}

// maxDistance is MaxDistance for the shorter name's length n.
func maxDistance(n int) int {
	switch {
	case n < 8:
		return 0
	case n < 16:
		return 1
	}
	return maxDistanceAny
}

// Distance is the Levenshtein distance of a and b (in characters), or
// k+1 as soon as it is known to exceed k.
func Distance(a, b string, k int) int {
	var d distancer
	return d.distance([]rune(a), []rune(b), k)
}

// distancer keeps the two rows of the table between calls, so the finder
// allocates them once.
type distancer struct{ prev, cur []int }

// distance computes only the band of width 2k+1 around the diagonal and
// stops as soon as a whole row exceeds k.
func (d *distancer) distance(x, y []rune, k int) int {
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(y)-len(x) > k {
		return k + 1
	}
	const far = 1 << 30
	if cap(d.prev) < len(y)+1 {
		d.prev, d.cur = make([]int, len(y)+1), make([]int, len(y)+1)
	}
	prev, cur := d.prev[:len(y)+1], d.cur[:len(y)+1]
	for j := range prev {
		if j <= k {
			prev[j] = j
		} else {
			prev[j] = far
		}
	}
	for i := 1; i <= len(x); i++ {
		lo, hi := max(1, i-k), min(len(y), i+k)
		// Cells just outside the band read as unreachable.
		cur[lo-1] = far
		if i <= k {
			cur[0] = i
		}
		if hi < len(y) {
			cur[hi+1] = far
		}
		best := cur[lo-1]
		for j := lo; j <= hi; j++ {
			v := prev[j-1]
			if x[i-1] != y[j-1] {
				v++
			}
			if prev[j]+1 < v {
				v = prev[j] + 1
			}
			if cur[j-1]+1 < v {
				v = cur[j-1] + 1
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > k {
			return k + 1
		}
		prev, cur = cur, prev
	}
	return min(prev[len(y)], k+1)
}

// bag counts a name's characters: letters, digits, and all others as one.
type bag [37]int16

func bagOf(r []rune) bag {
	var b bag
	for _, c := range r {
		i := 36
		switch {
		case c >= 'a' && c <= 'z':
			i = int(c - 'a')
		case c >= '0' && c <= '9':
			i = 26 + int(c-'0')
		}
		b[i]++
	}
	return b
}

// bagDistance is a lower bound of the edit distance that costs a few
// dozen additions: an edit changes at most one character in and one out,
// so the larger of the surplus either way is never above the distance.
// Most pairs of a place fail it and never reach Distance.
func bagDistance(a, b *bag) int {
	var more, less int
	for i := range a {
		switch d := int(a[i]) - int(b[i]); {
		case d > 0:
			more += d
		case d < 0:
			less -= d
		}
	}
	return max(more, less)
}
