package vntext

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"ascii unchanged", "  plan 2025 ", "  plan 2025 "},
		{"leading BOM", "\uFEFFSở Tư pháp", "Sở Tư pháp"},
		{"zero-width anywhere", "Sở\u200B Tư\u200C pháp\u200D\uFEFF", "Sở Tư pháp"},
		{"NBSP to space", "Sở\u00A0Tư\u202Fpháp", "Sở Tư pháp"},
		{"NFD to NFC", norm.NFD.String("Đồng Tháp"), "Đồng Tháp"},
		{"zero-width between base and mark", "e\u200B\u0301", "é"},
		{"does not trim or collapse", " a\n\tb ", " a\n\tb "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !norm.NFC.IsNormalString(got) {
				t.Errorf("Normalize(%q) is not NFC", tt.in)
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only spaces", " \t\n\u00A0", ""},
		{"trim and collapse", "  Sở   Tài\tchính\n\nTỉnh  ", "Sở Tài chính Tỉnh"},
		{"NFD and BOM", "\uFEFF" + norm.NFD.String("Hợp tác xã"), "Hợp tác xã"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clean(tt.in); got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"ascii", "  Plan\t2025  ", "plan 2025"},
		{"agency", "Sở Kế hoạch và Đầu tư", "so ke hoach va dau tu"},
		{"NFD input", norm.NFD.String("Sở Kế hoạch và Đầu tư"), "so ke hoach va dau tu"},
		{"upper case", "ĐỒNG THÁP", "dong thap"},
		{"lower đ", "đồng đội", "dong doi"},
		{"all vowels", "àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ",
			"aaaaa aaaaaa aaaaaa eeeee eeeeee iiiii ooooo oooooo oooooo uuuuu uuuuuu yyyyy"},
		{"tabs and newlines", "Hợp\ttác\n\nxã\r\n", "hop tac xa"},
		{"NBSP", "Hợp\u00A0tác\u202Fxã", "hop tac xa"},
		{"zero-width and BOM", "\uFEFFHợp\u200Btác", "hoptac"},
		{"no lower-case form", "ℂ ϒ", "c υ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestOrder(t *testing.T) {
	in := []string{"Đà Nẵng", "Dương", "An", "Ăn", "Ân", "Bắc"}
	want := []string{"An", "Ăn", "Ân", "Bắc", "Dương", "Đà Nẵng"}

	t.Run("SortFunc", func(t *testing.T) {
		got := slices.Clone(in)
		SortFunc(got, func(s string) string { return s })
		if !slices.Equal(got, want) {
			t.Errorf("SortFunc = %q, want %q", got, want)
		}
	})
	t.Run("SortFunc NFD input", func(t *testing.T) {
		got := make([]string, len(in))
		for i, s := range in {
			got[i] = norm.NFD.String(s)
		}
		SortFunc(got, func(s string) string { return s })
		for i := range got {
			got[i] = norm.NFC.String(got[i])
		}
		if !slices.Equal(got, want) {
			t.Errorf("SortFunc = %q, want %q", got, want)
		}
	})
	t.Run("Key agrees with Compare", func(t *testing.T) {
		all := append(slices.Clone(in), "", "a", "A", "đ", "d", "e", "ê", "ơ", "ô", "o", "ư", "u")
		for _, a := range all {
			for _, b := range all {
				c := Compare(a, b)
				k := bytes.Compare(Key(a), Key(b))
				if c != k {
					t.Errorf("Compare(%q, %q) = %d, key order %d", a, b, c, k)
				}
			}
		}
	})
	t.Run("Key is deterministic and non-nil", func(t *testing.T) {
		for _, s := range append(slices.Clone(in), "") {
			k1, k2 := Key(s), Key(s)
			if k1 == nil || !bytes.Equal(k1, k2) {
				t.Errorf("Key(%q) = %x then %x", s, k1, k2)
			}
		}
	})
	t.Run("SortFunc is stable", func(t *testing.T) {
		type row struct{ name, id string }
		rows := []row{{"b", "1"}, {"a", "2"}, {"b", "3"}, {"a", "4"}}
		SortFunc(rows, func(r row) string { return r.name })
		var ids []string
		for _, r := range rows {
			ids = append(ids, r.id)
		}
		if got := strings.Join(ids, ","); got != "2,4,1,3" {
			t.Errorf("ids = %s, want 2,4,1,3", got)
		}
	})
}

func TestConcurrentKey(t *testing.T) {
	// Guards the pool: sharing one Collator across goroutines corrupts keys.
	want := Key("Đồng Tháp")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				if got := Key("Đồng Tháp"); !bytes.Equal(got, want) {
					t.Errorf("Key = %x, want %x", got, want)
					return
				}
				_ = Compare("An", "Ăn")
			}
		})
	}
	wg.Wait()
}

func TestEscapeLike(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Sở Tư pháp", "Sở Tư pháp"},
		{"percent", "100%", `100\%`},
		{"underscore", "a_b", `a\_b`},
		{"backslash first", `a\%`, `a\\\%`},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EscapeLike(tt.in); got != tt.want {
				t.Errorf("EscapeLike(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Sở Kế hoạch và Đầu tư", norm.NFD.String("ĐỒNG THÁP"),
		" a\t\nb ", "\uFEFF\u00A0x", "ℂϒİ", "\xff\xfe", "e\u200B\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if again := Fold(got); again != got {
			t.Errorf("Fold not idempotent: %q -> %q -> %q", s, got, again)
		}
		if nfd := Fold(norm.NFD.String(s)); nfd != got {
			t.Errorf("Fold of NFD %q = %q, of input %q", s, nfd, got)
		}
		if !utf8.ValidString(got) {
			t.Errorf("Fold(%q) = %q is not valid UTF-8", s, got)
		}
		for _, r := range got {
			if unicode.IsUpper(r) {
				t.Errorf("Fold(%q) = %q has upper-case %q", s, got, r)
				break
			}
		}
	})
}

func BenchmarkFold(b *testing.B) {
	inputs := []struct{ name, s string }{
		{"ascii", "So Ke hoach va Dau tu tinh Dong Thap"},
		{"nfc", "Sở Kế hoạch và Đầu tư tỉnh Đồng Tháp"},
		{"nfd", norm.NFD.String("Sở Kế hoạch và Đầu tư tỉnh Đồng Tháp")},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Fold(in.s)
			}
		})
	}
}
