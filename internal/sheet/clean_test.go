package sheet

import (
	"testing"

	"github.com/hoptac/hoptac/internal/vntext"
)

// cleanCases are cells clean must read exactly as vntext.Clean does.
var cleanCases = []string{
	"", " ", "  ", "a", " a", "a ", "a  b", "a\tb", "a\nb", "1400123456",
	"HTX Nông nghiệp Cẩm Thượng", " HTX Nông nghiệp", "HTX Nông nghiệp ", "HTX  Nông nghiệp",
	"HTX\u00a0Nông nghiệp", "HTX\u3000Nông", "HTX\u2003Nông", "Nông\u200bnghiệp", "\ufeffNông",
	"Nông\tnghiệp", "Nông\r\nnghiệp", "Nông\u0085nghiệp", "Nông\u2028nghiệp",
	"Nông\u202fnghiệp", "Xã Ca\u0300m", "Cẩm Thượng\x7f", "Cẩm \x01Thượng", "\xff\xfe Cẩm", "Cẩm \xff",
	"đ", "Đường Láng ", "Phường  Ba Đình", "Tỉnh Hải Dương\v",
}

func TestCleanIsVntextClean(t *testing.T) {
	for _, s := range cleanCases {
		if got, want := clean(s), vntext.Clean(s); got != want {
			t.Errorf("clean(%q) = %q, vntext.Clean gives %q", s, got, want)
		}
	}
}

func FuzzCleanIsVntextClean(f *testing.F) {
	for _, s := range cleanCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := clean(s), vntext.Clean(s); got != want {
			t.Errorf("clean(%q) = %q, vntext.Clean gives %q", s, got, want)
		}
	})
}

func BenchmarkClean(b *testing.B) {
	cells := []string{"HTX Nông nghiệp Cẩm Thượng", "Xã Cẩm Thượng", "Thôn 3, xã Cẩm Thượng, huyện Cẩm Giàng", "1400123456", "2024"}
	for b.Loop() {
		for _, c := range cells {
			clean(c)
		}
	}
}
