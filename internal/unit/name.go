package unit

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/hoptac/hoptac/internal/vntext"
)

// NameKey is the key under which two spellings of one name are equal:
// lower-case, with each word's tone mark moved to the end of the word. The
// official lists and the mappings place tones differently ("Hòa"/"Hoà",
// "Thủy"/"Thuỷ": the old and the new placement), which NameKey erases,
// while it keeps the tones and vowel marks that tell names apart ("Hòa"
// is not "Hóa"; vntext.Fold, for search, would equate them).
func NameKey(s string) string {
	words := strings.Fields(vntext.Clean(s))
	for i, w := range words {
		words[i] = wordKey(w)
	}
	return strings.Join(words, " ")
}

// tones are the five combining tone marks of Vietnamese; circumflex, breve
// and horn are vowel marks and stay in place.
var tones = map[rune]byte{'\u0300': '2', '\u0301': '1', '\u0303': '4', '\u0309': '3', '\u0323': '5'}

func wordKey(w string) string {
	var b strings.Builder
	var tone byte
	for _, r := range norm.NFD.String(w) {
		if t, ok := tones[r]; ok {
			tone = t
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	out := norm.NFC.String(b.String())
	if tone != 0 {
		out += string(tone)
	}
	return out
}

// SameName reports whether a and b are one name spelt two ways.
func SameName(a, b string) bool { return NameKey(a) == NameKey(b) }
