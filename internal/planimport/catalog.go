package planimport

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Resolver names the agency a piece of text means. canonical is the
// name hoptac knows it by; collective says it stands for many agencies
// ("UBND các huyện, thị xã, thành phố"); ok is false when nothing
// matches. Parse calls it from one goroutine and remembers answers.
type Resolver interface {
	Resolve(text string) (canonical string, collective bool, ok bool)
}

// Catalog returns the built-in resolver: the standard agencies of a
// province before and after the 2025 reform and the collective
// designations plans use. It compares names folded (no marks, any case),
// with "và", "&", "-" and commas ignored, abbreviations expanded both ways
// ("Sở KH&ĐT", "Sở NN&PTNT", "UBND"), a trailing province name dropped
// ("Báo Thanh Hóa" is "Báo tỉnh") and a typo or two forgiven in long
// names ("Sở Nông nghiệp và PTNN"). It is safe for concurrent use.
func Catalog() Resolver {
	catalogOnce.Do(func() { theCatalog = newCatalog(catalogEntries) })
	return theCatalog
}

var (
	catalogOnce sync.Once
	theCatalog  *catalog
)

type catalogKey struct {
	key   string
	entry int
}

type catalog struct {
	entries []catalogEntry
	exact   map[string]int
	keys    []catalogKey // every key, for the typo-tolerant pass
	maxKey  int          // length of the longest key

	cache     sync.Map // text → catalogAnswer, for the texts every plan repeats
	cacheSize atomic.Int64
}

type catalogAnswer struct {
	name       string
	collective bool
	ok         bool
}

// maxCache bounds the answers kept across calls.
const maxCache = 20000

func newCatalog(entries []catalogEntry) *catalog {
	c := &catalog{entries: entries, exact: map[string]int{}}
	add := func(key string, i int) {
		if key == "" {
			return
		}
		if _, dup := c.exact[key]; dup {
			return // first entry wins; TestCatalogKeysUnique guards against clashes
		}
		c.exact[key] = i
		c.keys = append(c.keys, catalogKey{key, i})
		c.maxKey = max(c.maxKey, len(key))
	}
	for i, e := range entries {
		for _, name := range append([]string{e.name}, e.aliases...) {
			toks := nameTokens(name)
			full, short := nameKeys(toks)
			add(full, i)
			add(short, i)
			if len(toks) > 1 && toks[0] == "so" {
				add("s"+short[2:], i) // "SKHĐT", "STC"
			}
		}
	}
	return c
}

// Resolve implements Resolver.
func (c *catalog) Resolve(text string) (string, bool, bool) {
	if a, ok := c.cache.Load(text); ok {
		ans := a.(catalogAnswer)
		return ans.name, ans.collective, ans.ok
	}
	name, coll, ok := c.resolve(text)
	if c.cacheSize.Load() < maxCache {
		if _, loaded := c.cache.LoadOrStore(text, catalogAnswer{name, coll, ok}); !loaded {
			c.cacheSize.Add(1)
		}
	}
	return name, coll, ok
}

func (c *catalog) resolve(text string) (string, bool, bool) {
	if len(text) > 8*c.maxKey {
		return "", false, false // far longer than any name, even in capitals with marks
	}
	cands := nameCandidates(nameTokens(text))
	for _, toks := range cands {
		full, short := nameKeys(toks)
		for _, k := range []string{full, short} {
			if i, ok := c.exact[k]; ok {
				return c.entries[i].name, c.entries[i].collective, true
			}
		}
	}
	for _, toks := range cands {
		full, short := nameKeys(toks)
		for _, k := range []string{full, short} {
			if i, ok := c.nearest(k); ok {
				return c.entries[i].name, c.entries[i].collective, true
			}
		}
	}
	return "", false, false
}

// maxTypos is how many edits a key of n bytes may differ by.
func maxTypos(n int) int {
	switch {
	case n >= 16:
		return 2
	case n >= 8:
		return 1
	}
	return 0
}

// nearest finds the one entry within maxTypos of key; a tie between two
// entries is no answer.
func (c *catalog) nearest(key string) (int, bool) {
	k := maxTypos(len(key))
	if k == 0 || len(key) > c.maxKey+k {
		return 0, false
	}
	best, bestDist, tie := -1, k+1, false
	for _, ck := range c.keys {
		if d := len(ck.key) - len(key); d > k || -d > k {
			continue
		}
		d, ok := editDistance(key, ck.key, k)
		if !ok {
			continue
		}
		switch {
		case d < bestDist:
			best, bestDist, tie = ck.entry, d, false
		case d == bestDist && ck.entry != best:
			tie = true
		}
	}
	if best < 0 || tie {
		return 0, false
	}
	return best, true
}

// editDistance is the Levenshtein distance of a and b when at most k,
// computed in a band of width 2k+1 so the cost is linear.
func editDistance(a, b string, k int) (int, bool) {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > k {
		return 0, false
	}
	const inf = 1 << 30
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-k), min(len(b), i+k)
		for j := range cur {
			cur[j] = inf
		}
		if lo == 1 {
			cur[0] = i
		}
		rowMin := inf
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > k {
			return 0, false
		}
		prev, cur = cur, prev
	}
	d := prev[len(b)]
	return d, d <= k
}

// nameTokens folds a name into words: marks, case and punctuation go, and
// "và" with them, so "Sở Lao động - Thương binh & Xã hội" and "Sở Lao
// động, Thương binh và Xã hội" give the same words.
func nameTokens(s string) []string {
	f := fold(s)
	toks := strings.FieldsFunc(f, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7F)
	})
	out := toks[:0]
	for _, t := range toks {
		if t != "va" {
			out = append(out, t)
		}
	}
	return out
}

var (
	abbrevOnce          sync.Once
	institutionSorted   [][2][]string
	partsSorted         [][2][]string
	provinceTokenLists  [][]string
	unitPrefixTokenList = [][]string{{"tinh"}, {"thanh", "pho"}, {"tp"}}
)

func sortedPhrases(list [][2]string) [][2][]string {
	out := make([][2][]string, len(list))
	for i, p := range list {
		out[i] = [2][]string{strings.Fields(p[0]), strings.Fields(p[1])}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i][0]) > len(out[j][0]) })
	return out
}

func initAbbrev() {
	abbrevOnce.Do(func() {
		institutionSorted = sortedPhrases(institutionAbbrev)
		partsSorted = sortedPhrases(partAbbrev)
		for _, p := range provinces {
			provinceTokenLists = append(provinceTokenLists, strings.Fields(p))
		}
		sort.SliceStable(provinceTokenLists, func(i, j int) bool {
			return len(provinceTokenLists[i]) > len(provinceTokenLists[j])
		})
	})
}

// replacePhrases rewrites every phrase of the list found in toks.
func replacePhrases(toks []string, list [][2][]string) []string {
	out := make([]string, 0, len(toks))
	for i := 0; i < len(toks); {
		matched := false
		for _, p := range list {
			if n := len(p[0]); i+n <= len(toks) && equalTokens(toks[i:i+n], p[0]) {
				out = append(out, p[1]...)
				i += n
				matched = true
				break
			}
		}
		if !matched {
			out = append(out, toks[i])
			i++
		}
	}
	return out
}

func equalTokens(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// nameKeys returns the two comparison keys of a name: with institutions
// abbreviated, and with the parts of department names abbreviated too.
func nameKeys(toks []string) (full, short string) {
	initAbbrev()
	inst := replacePhrases(toks, institutionSorted)
	return strings.Join(inst, ""), strings.Join(replacePhrases(inst, partsSorted), "")
}

// nameCandidates are the forms of a name to look up: as written, with
// "tỉnh" added, and without a trailing province name ("Báo Thanh Hóa",
// "Liên minh Hợp tác xã TP") with and without "tỉnh".
func nameCandidates(toks []string) [][]string {
	initAbbrev()
	cands := [][]string{toks}
	withTinh := func(t []string) []string {
		if len(t) == 0 || t[len(t)-1] == "tinh" {
			return nil
		}
		return append(append([]string{}, t...), "tinh")
	}
	if w := withTinh(toks); w != nil {
		cands = append(cands, w)
	}
	if stripped := stripProvince(toks); len(stripped) > 0 && len(stripped) < len(toks) {
		cands = append(cands, stripped)
		if w := withTinh(stripped); w != nil {
			cands = append(cands, w)
		}
	}
	return cands
}

// stripProvince drops a trailing province name and the unit word before
// it ("tỉnh Thanh Hóa", "TP Hồ Chí Minh"), or a bare trailing "TP".
func stripProvince(toks []string) []string {
	for _, p := range provinceTokenLists {
		if n := len(p); len(toks) > n && equalTokens(toks[len(toks)-n:], p) {
			rest := toks[:len(toks)-n]
			for _, u := range unitPrefixTokenList {
				if m := len(u); len(rest) > m && equalTokens(rest[len(rest)-m:], u) {
					return rest[:len(rest)-m]
				}
			}
			return rest
		}
	}
	for _, u := range unitPrefixTokenList[1:] {
		if m := len(u); len(toks) > m && equalTokens(toks[len(toks)-m:], u) {
			return toks[:len(toks)-m]
		}
	}
	return toks
}
