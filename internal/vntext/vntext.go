// Package vntext handles Vietnamese text at input boundaries and for
// search and sorting.
//
// Vietnamese text arrives in both NFC and NFD (macOS, some Office exports,
// copy-paste from PDFs), often with BOMs, zero-width characters and
// non-breaking spaces. Normalizing once at the boundary keeps equality,
// uniqueness checks and search consistent everywhere else.
package vntext

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in NFC with invisible characters removed and
// non-breaking spaces turned into plain spaces. It is the stripping side of
// the input boundary (see Text for the refusing one): forbidden runes are
// dropped, a form feed or vertical tab becomes a line break, and bytes
// that are not UTF-8 become U+FFFD. It does not trim, so it is safe for
// multi-line text where leading indentation may matter.
func Normalize(s string) string {
	// strings.Map returns s itself when nothing changes, so the common
	// clean case does not allocate here.
	s = strings.Map(mapInvisible, s)
	// Removing zero-width characters first lets a base letter and a mark
	// they separated compose; IsNormalString avoids a copy when already NFC.
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return s
}

// mapInvisible drops zero-width characters and plain-spaces non-breaking
// ones; such characters break equality and search without being visible.
// It drops forbidden runes too, keeping page and vertical-tab breaks as
// line breaks since imported documents use them between paragraphs.
func mapInvisible(r rune) rune {
	switch r {
	case '\uFEFF', '\u200B', '\u200C', '\u200D':
		return -1
	case '\u00A0', '\u202F':
		return ' '
	case '\f', '\v':
		return '\n'
	}
	if Forbidden(r) {
		return -1
	}
	return r
}

// Clean is Normalize for single-line fields such as names: it also trims
// and collapses whitespace runs, so "Sở  Tài\tchính" and "Sở Tài chính"
// are stored identically. Like Normalize it strips forbidden runes; Line
// is the refusing form for what a person typed.
func Clean(s string) string {
	return strings.Join(strings.Fields(Normalize(s)), " ")
}

// Fold returns the search key of s: lower-case, without diacritics, đ as d
// and whitespace collapsed. Users often type without accents, so search
// compares folded forms on both sides.
func Fold(s string) string {
	// NFC first so NFD and NFC input fold alike (Hangul syllables only
	// match this way); then each rune is decomposed on its own, which
	// avoids an NFD copy of the string. Canonical reordering, the only
	// thing a per-rune decomposition skips, moves only marks, and every
	// Vietnamese tone or vowel mark is unicode.Mn and dropped anyway.
	if !isASCII(s) {
		s = Normalize(s)
	}
	f := folder{}
	f.b.Grow(len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			f.ascii(c) // most bytes even in Vietnamese text; skip the tables
			i++
			continue
		}
		p := norm.NFD.PropertiesString(s[i:])
		if d := p.Decomposition(); d != nil {
			for _, r := range string(d) {
				f.rune(r)
			}
			i += p.Size()
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:]) // invalid UTF-8 becomes U+FFFD
		f.rune(r)
		i += n
	}
	return f.b.String()
}

// folder writes folded runes, emitting a pending space only between two
// written runes so the key is trimmed and collapsed in one pass.
type folder struct {
	b     strings.Builder
	space bool
}

// rune folds one rune of a decomposed character.
func (f *folder) rune(r rune) {
	switch {
	case unicode.IsSpace(r):
		f.space = true
	case unicode.Is(unicode.Mn, r):
	case r == 'đ' || r == 'Đ':
		// đ has no decomposition in Unicode, so NFD leaves it intact.
		f.put('d')
	default:
		f.lower(r)
	}
}

// ascii folds one ASCII byte; its cases match unicode.IsSpace and
// unicode.ToLower so both paths give the same key.
func (f *folder) ascii(c byte) {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		f.space = true
		return
	}
	if Forbidden(rune(c)) {
		return // dropped, as Normalize drops it on the other path
	}
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	if f.space && f.b.Len() > 0 {
		f.b.WriteByte(' ')
	}
	f.space = false
	f.b.WriteByte(c)
}

func (f *folder) put(r rune) {
	if f.space && f.b.Len() > 0 {
		f.b.WriteByte(' ')
	}
	f.space = false
	f.b.WriteRune(r)
}

// lower writes r lower-cased. Some upper-case symbols (ℂ, ϒ) have no
// lower-case mapping; their compatibility form is used instead, so the key
// never holds upper-case letters that would make matching case-sensitive.
func (f *folder) lower(r rune) {
	if l := unicode.ToLower(r); !isUpper(l) {
		f.put(l)
		return
	}
	for _, c := range norm.NFKD.String(string(r)) {
		if c = unicode.ToLower(c); !isUpper(c) && !unicode.Is(unicode.Mn, c) {
			f.put(c) // anything still upper-case is dropped, not leaked
		}
	}
}

func isUpper(r rune) bool { return unicode.IsUpper(r) || unicode.IsTitle(r) }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// collator bundles a Collator with its key buffer; both are reusable but
// not safe for concurrent use, hence the pool.
type collator struct {
	c   *collate.Collator
	buf collate.Buffer
}

// collators holds ready Vietnamese collators: building one is costly and a
// Collator must not be shared between goroutines.
var collators = sync.Pool{
	New: func() any { return &collator{c: collate.New(language.Vietnamese)} },
}

// Key returns a sort key whose bytewise order is Vietnamese alphabetical
// order (a < ă < â < b … d < đ …), so the database can ORDER BY a BLOB
// column without knowing Vietnamese: the collator's key, made compact
// (key.go). Keys depend on the golang.org/x/text version and on key.go;
// stored keys are recomputed by a migration when either changes.
func Key(s string) []byte {
	c := collators.Get().(*collator)
	defer collators.Put(c)
	k := compactKey(c.c.KeyFromString(&c.buf, s))
	c.buf.Reset()
	return k
}

// key copies the result out because it aliases the reusable buffer.
func (c *collator) key(s string) []byte {
	k := bytes.Clone(c.c.KeyFromString(&c.buf, s))
	c.buf.Reset()
	if k == nil {
		k = []byte{} // non-nil so an empty key is stored as '' rather than NULL
	}
	return k
}

// Compare compares a and b in Vietnamese alphabetical order, agreeing with
// bytes.Compare(Key(a), Key(b)).
func Compare(a, b string) int {
	c := collators.Get().(*collator)
	defer collators.Put(c)
	return c.c.CompareString(a, b)
}

// SortFunc stably sorts xs by the Vietnamese collation of key(x). Keys are
// computed once per element because collation is far costlier than a
// byte comparison.
func SortFunc[T any](xs []T, key func(T) string) {
	if len(xs) < 2 {
		return
	}
	type item struct {
		k []byte
		v T
	}
	items := make([]item, len(xs))
	c := collators.Get().(*collator)
	for i, x := range xs {
		items[i] = item{c.key(key(x)), x}
	}
	collators.Put(c)
	slices.SortStableFunc(items, func(a, b item) int { return bytes.Compare(a.k, b.k) })
	for i := range items {
		xs[i] = items[i].v
	}
}

// likeEscaper is immutable and safe for concurrent use.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// EscapeLike escapes LIKE wildcards so user text matches literally in
// "LIKE ? ESCAPE '\'" on both SQLite and PostgreSQL.
func EscapeLike(s string) string {
	return likeEscaper.Replace(s)
}
