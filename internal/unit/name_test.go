package unit

import (
	"testing"

	"github.com/hoptac/hoptac/internal/vntext"
)

// Tone placement differs between the sources; names must match across it
// and only across it.
func TestSameName(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"Hòa", "Hoà", true},
		{"Thủy", "Thuỷ", true},
		{"Xã Hòa Bình", "xã  Hoà Bình", true},
		{"Phường Thủy Nguyên", "Phường Thuỷ Nguyên", true},
		{"Xã Khánh Hòa", "Xã Khánh Hoà", true},
		{"Ho\u0300a", "Hòa", true}, // NFD against NFC
		{"Hòa", "Hóa", false},      // another tone is another name
		{"Thủy", "Thùy", false},
		{"Hòa", "Hoa", false},
		{"Ba Chẽ", "Ba Che", false},
	} {
		if got := SameName(tc.a, tc.b); got != tc.same {
			t.Errorf("SameName(%q, %q) = %v, want %v (keys %q, %q)", tc.a, tc.b, got, tc.same, NameKey(tc.a), NameKey(tc.b))
		}
	}
}

// Search folds names with vntext.Fold, which already equates both tone
// placements (it drops every mark), so "hoa" and "Hoà" find "Hòa".
func TestFoldMatchesTonePlacements(t *testing.T) {
	for _, pair := range [][2]string{{"Hòa", "Hoà"}, {"Thủy", "Thuỷ"}, {"Hòa", "hoa"}} {
		if vntext.Fold(pair[0]) != vntext.Fold(pair[1]) {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q", pair[0], vntext.Fold(pair[0]), pair[1], vntext.Fold(pair[1]))
		}
	}
}
