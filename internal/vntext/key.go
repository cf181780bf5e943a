package vntext

import (
	"slices"
	"strings"
	"sync"
)

// A stored sort key is the collator's key re-encoded to about a third of
// its size, in the same byte order. The register keeps a key in its table
// and in seven of its indexes; at 170 bytes for a cooperative's name
// (two bytes per letter at the first level, two per letter at the
// second, one at the third) those indexes were the largest part of the
// database and of a register import's writes.
//
// The collator's key is three levels, each a sequence of weights, joined
// by 00 00: primaries of two bytes (three when the first byte's top bit
// is set), secondaries of two bytes, tertiaries of one. Two keys compare
// level by level, each level as a sequence whose end sorts before any
// weight. The compact key keeps that comparison:
//
//   - Each weight becomes one byte when it is one of the weights of the
//     letters, digits and punctuation Vietnamese names are written in
//     (tables built from the collator itself), and otherwise an escape
//     byte in the gap between its table neighbours followed by the weight
//     itself: both sort between the same neighbours.
//   - The second and third levels are mostly one common weight (no tone
//     mark, lower case). A run of it is one byte that also says whether
//     what follows the run sorts below the common weight (a smaller
//     weight, or the level's end) or above it: below-runs sort before
//     above-runs, longer below-runs after shorter ones, longer above-runs
//     before shorter ones, which is how the expanded sequences compare.
//     A run longer than one byte can count goes out as full-run bytes
//     followed by the remainder.
//   - Levels are separated by one 00 byte, which no code uses.
//
// TestKeyOrder and FuzzKeyOrder check the order against the collator's
// comparison and its own keys, and TestKeyParse that the collator's keys
// are read as this expects.

// level is one level's code: the known weights below and above its common
// weight (common 0: no runs, every known weight in lo), and the bytes each
// range starts at.
type level struct {
	common   uint32
	lo, hi   []uint32
	width    int  // bytes of a raw weight after an escape
	runBase  byte // low(0); low(k) = runBase+k, lowFull = runBase+maxRun
	highBase byte // highFull; high(k) = highBase+maxRun-k
	hiBase   byte // the first code of the weights above common
	maxRun   int
}

// newLevel lays out a level's bytes from 1 up: weights below common and
// their gaps, the below-runs, the above-runs, weights above and their
// gaps.
func newLevel(common uint32, known []uint32, width int) *level {
	l := &level{common: common, width: width}
	slices.Sort(known)
	known = slices.Compact(known)
	for _, w := range known {
		switch {
		case common == 0 || w < common:
			l.lo = append(l.lo, w)
		case w > common:
			l.hi = append(l.hi, w)
		}
	}
	next := 1 + 2*len(l.lo) + 1 // escape, (weight, escape)…
	if common == 0 {
		return l
	}
	free := 256 - next - (2*len(l.hi) + 1)
	l.maxRun = free/2 - 1
	if l.maxRun < 1 {
		// Tables hold the few dozen weights of Vietnamese letters; this
		// many would leave no byte to count a run with.
		panic("vntext: too many weights in a level's table")
	}
	l.runBase = codeByte(next)
	l.highBase = codeByte(next + l.maxRun + 1)
	l.hiBase = codeByte(next + 2*(l.maxRun+1))
	return l
}

// codeByte is n, a code of the layout newLevel makes, as a byte: maxRun
// is chosen so that every code is below 256.
func codeByte(n int) byte {
	return byte(n) //nolint:gosec // see above
}

// appendWeight appends w's code: its table byte, or the escape of the gap
// it falls in and the raw weight.
func (l *level) appendWeight(dst []byte, w uint32) []byte {
	table, base := l.lo, byte(1)
	if l.common != 0 && w > l.common {
		table, base = l.hi, l.hiBase
	}
	i, found := slices.BinarySearch(table, w)
	if found {
		return append(dst, codeByte(int(base)+2*i+1))
	}
	dst = append(dst, codeByte(int(base)+2*i))
	for s := (l.width - 1) * 8; s >= 0; s -= 8 {
		dst = append(dst, byte(w>>s)) //nolint:gosec // one byte of the weight at a time, big-endian
	}
	return dst
}

// appendRun appends a run of n common weights followed by something
// below the common weight (below) or above it.
func (l *level) appendRun(dst []byte, n int, below bool) []byte {
	for ; n >= l.maxRun; n -= l.maxRun {
		if below {
			dst = append(dst, codeByte(int(l.runBase)+l.maxRun))
		} else {
			dst = append(dst, l.highBase)
		}
	}
	if below {
		return append(dst, codeByte(int(l.runBase)+n))
	}
	return append(dst, codeByte(int(l.highBase)+l.maxRun-n))
}

// appendLevel appends a level's weights.
func (l *level) appendLevel(dst []byte, ws []uint32) []byte {
	run := 0
	for _, w := range ws {
		if l.common != 0 && w == l.common {
			run++
			continue
		}
		if run > 0 {
			dst = l.appendRun(dst, run, w < l.common)
			run = 0
		}
		dst = l.appendWeight(dst, w)
	}
	if run > 0 {
		dst = l.appendRun(dst, run, true) // the level's end sorts first
	}
	return dst
}

// rawLevels splits a collator key into its three levels of weights.
func rawLevels(k []byte) (l1, l2, l3 []uint32) {
	i := 0
	for i+1 < len(k) {
		if k[i] == 0 && k[i+1] == 0 {
			i += 2
			break
		}
		if k[i]&0x80 == 0 || i+2 >= len(k) {
			l1, i = append(l1, uint32(k[i])<<8|uint32(k[i+1])), i+2
		} else {
			l1, i = append(l1, uint32(k[i]&0x7F)<<16|uint32(k[i+1])<<8|uint32(k[i+2])), i+3
		}
	}
	for i+1 < len(k) {
		if k[i] == 0 && k[i+1] == 0 {
			i += 2
			break
		}
		l2, i = append(l2, uint32(k[i])<<8|uint32(k[i+1])), i+2
	}
	for ; i < len(k); i++ {
		l3 = append(l3, uint32(k[i]))
	}
	return l1, l2, l3
}

// keyLevels are the three levels' codes, built once from the weights of
// the characters names are written in.
var keyLevels = sync.OnceValue(func() [3]*level {
	var k1, k2, k3 []uint32
	c := collators.Get().(*collator)
	defer collators.Put(c)
	const letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyfjwz0123456789 .,-–()/&'\"+:;%"
	const toned = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
	for _, r := range letters + toned {
		for _, s := range []string{string(r), string(upper(r))} {
			l1, l2, l3 := rawLevels(c.key(s))
			k1, k2, k3 = append(k1, l1...), append(k2, l2...), append(k3, l3...)
		}
	}
	return [3]*level{newLevel(0, k1, 3), newLevel(commonSecondary, k2, 2), newLevel(commonTertiary, k3, 1)}
})

// The common weights of the second and third levels: no accent, lower
// case (TestKeyParse checks them against the collator's key of "a").
const (
	commonSecondary = 0x20
	commonTertiary  = 0x02
)

func upper(r rune) rune {
	if u := []rune(strings.ToUpper(string(r))); len(u) == 1 {
		return u[0]
	}
	return r
}

// compactKey is the collator's key k re-encoded (see above).
func compactKey(k []byte) []byte {
	ls := keyLevels()
	l1, l2, l3 := rawLevels(k)
	out := make([]byte, 0, len(l1)+len(l2)/2+len(l3)/2+8)
	out = ls[0].appendLevel(out, l1)
	out = append(out, 0)
	out = ls[1].appendLevel(out, l2)
	out = append(out, 0)
	return ls[2].appendLevel(out, l3)
}
