// Package dedupe finds organisations of the register that are likely the
// same one entered twice, and says why: the same registration code, the
// same name in the same place, the same words in another order, or a name
// a letter or two away. It never compares all pairs: records are grouped
// into blocks (by code, by place, by the set of their name's words) and
// only records of one block are compared, so 200,000 organisations take
// seconds, not hours.
package dedupe

import (
	"maps"
	"slices"
	"strings"
)

// Record is what the finder knows of one organisation.
type Record struct {
	ID   int64
	Code string // registration code in its stored form, "" when none
	// NameFold is the folded name (vntext.Fold): no diacritics, lower case.
	NameFold string
	// Places are the keys of the communes the organisation lies in after
	// the 2025 reform: an old commune stands for its successors, so an
	// organisation recorded in an old commune and one recorded in its new
	// commune share a place.
	Places []string
}

// Reason is why a pair is proposed.
type Reason string

const (
	SameCode  Reason = "same_code"       // the same 10-digit code, a branch suffix aside
	SameName  Reason = "same_name_place" // the same folded name in the same place
	WordOrder Reason = "word_order"      // the same words in another order
	Similar   Reason = "similar_name"    // a small edit distance, in the same place
)

// Reasons lists every reason, strongest first: the order pairs are listed in.
func Reasons() []Reason { return []Reason{SameCode, SameName, WordOrder, Similar} }

// Why is one reason of a pair with its detail: the shared code for
// SameCode, the edit distance for Similar.
type Why struct {
	Reason   Reason `json:"reason"`
	Code     string `json:"code,omitempty"`
	Distance int    `json:"distance,omitempty"`
}

// Message is the message key that says w to a reader, with its
// arguments: the shared code, the distance.
func (w Why) Message() (key string, args []any) {
	switch w.Reason {
	case SameCode:
		return "dedupe.reason.same_code", []any{w.Code}
	case Similar:
		return "dedupe.reason.similar_name", []any{w.Distance}
	case SameName:
		return "dedupe.reason.same_name_place", nil
	}
	return "dedupe.reason.word_order", nil
}

// Pair is one candidate: A < B, and at least one reason.
type Pair struct {
	A, B int64
	Why  []Why
}

// PairKey orders two IDs the way pairs and distinct marks store them.
func PairKey(a, b int64) [2]int64 {
	if a > b {
		a, b = b, a
	}
	return [2]int64{a, b}
}

// Find returns every candidate pair of recs that is not in distinct,
// strongest reason first, then by IDs.
func Find(recs []Record, distinct map[[2]int64]bool) []Pair {
	f := finder{pairs: map[[2]int64]*Pair{}}
	keys := make([]string, len(recs))
	words := make([]string, len(recs))
	for i := range recs {
		keys[i] = NameKey(recs[i].NameFold)
		words[i] = wordSet(keys[i])
	}
	// Same code: a block per 10-digit base.
	byCode := map[string][]int{}
	for i, r := range recs {
		if base := codeBase(r.Code); base != "" {
			byCode[base] = append(byCode[base], i)
		}
	}
	for base, block := range byCode {
		for x := 0; x < len(block); x++ {
			for y := x + 1; y < len(block); y++ {
				f.add(recs[block[x]].ID, recs[block[y]].ID, Why{Reason: SameCode, Code: base})
			}
		}
	}
	// The same words in another order, anywhere: a block per word set,
	// split by exact name so identical names are never compared here.
	byWords := map[string][]int{}
	for i := range recs {
		if words[i] != "" {
			byWords[words[i]] = append(byWords[words[i]], i)
		}
	}
	for _, block := range byWords {
		if len(block) < 2 {
			continue
		}
		groups := map[string][]int{}
		for _, i := range block {
			groups[keys[i]] = append(groups[keys[i]], i)
		}
		if len(groups) < 2 {
			continue
		}
		names := slices.Sorted(maps.Keys(groups))
		for x := 0; x < len(names); x++ {
			for y := x + 1; y < len(names); y++ {
				for _, i := range groups[names[x]] {
					for _, j := range groups[names[y]] {
						f.add(recs[i].ID, recs[j].ID, Why{Reason: WordOrder})
					}
				}
			}
		}
	}
	// Same place: equal names, and names a letter or two apart. Within a
	// block sorted by length, only names whose lengths differ by at most
	// the distance allowed are compared.
	byPlace := map[string][]int{}
	for i, r := range recs {
		for _, p := range r.Places {
			if p != "" {
				byPlace[p] = append(byPlace[p], i)
			}
		}
	}
	// What the comparisons read, worked out once per record.
	runes := make([][]rune, len(recs))
	lens := make([]int, len(recs))
	digits := make([]string, len(recs))
	bags := make([]bag, len(recs))
	for i := range recs {
		runes[i] = []rune(keys[i])
		lens[i] = len(runes[i])
		bags[i] = bagOf(runes[i])
		digits[i] = digitsOf(keys[i])
	}
	var d distancer
	for _, block := range byPlace {
		slices.SortFunc(block, func(a, b int) int { return lens[a] - lens[b] })
		for x := 0; x < len(block); x++ {
			i := block[x]
			for y := x + 1; y < len(block); y++ {
				j := block[y]
				if lens[j]-lens[i] > maxDistanceAny {
					break
				}
				if recs[i].ID == recs[j].ID {
					continue
				}
				if keys[i] == keys[j] {
					if keys[i] != "" {
						f.add(recs[i].ID, recs[j].ID, Why{Reason: SameName})
					}
					continue
				}
				k := maxDistance(lens[i])
				if k == 0 || lens[j]-lens[i] > k || words[i] == words[j] || digits[i] != digits[j] ||
					bagDistance(&bags[i], &bags[j]) > k {
					continue // too short, too far, or found above as WordOrder
				}
				if dist := d.distance(runes[i], runes[j], k); dist <= k {
					f.add(recs[i].ID, recs[j].ID, Why{Reason: Similar, Distance: dist})
				}
			}
		}
	}
	out := make([]Pair, 0, len(f.pairs))
	for k, p := range f.pairs {
		if distinct[k] {
			continue
		}
		slices.SortFunc(p.Why, func(a, b Why) int { return rank(a.Reason) - rank(b.Reason) })
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b Pair) int {
		if d := rank(a.Why[0].Reason) - rank(b.Why[0].Reason); d != 0 {
			return d
		}
		if a.A != b.A {
			return cmp64(a.A, b.A)
		}
		return cmp64(a.B, b.B)
	})
	return out
}

type finder struct{ pairs map[[2]int64]*Pair }

// add records w for the pair, once per reason.
func (f *finder) add(a, b int64, w Why) {
	if a == b {
		return
	}
	k := PairKey(a, b)
	p := f.pairs[k]
	if p == nil {
		p = &Pair{A: k[0], B: k[1]}
		f.pairs[k] = p
	}
	for _, have := range p.Why {
		if have.Reason == w.Reason {
			return
		}
	}
	p.Why = append(p.Why, w)
}

func rank(r Reason) int { return slices.Index(Reasons(), r) }

func cmp64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// codeBase is the 10-digit base of a stored registration code: a branch
// (2800123456-001) and its head office share it.
func codeBase(code string) string {
	if len(code) < 10 {
		return ""
	}
	return code[:10]
}

// wordSet is the name's words sorted: the same words in another order
// give the same set.
func wordSet(key string) string {
	w := strings.Fields(key)
	if len(w) < 2 {
		return ""
	}
	slices.Sort(w)
	return strings.Join(w, " ")
}

// digitsOf is the name's digits in order: "thon 1" and "thon 2" are two
// hamlets, not a typing slip, however close the names are.
func digitsOf(key string) string {
	var b strings.Builder
	for i := 0; i < len(key); i++ {
		if key[i] >= '0' && key[i] <= '9' {
			b.WriteByte(key[i])
		}
	}
	return b.String()
}
