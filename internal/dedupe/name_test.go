package dedupe

import "testing"

func TestDistance(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		a, b    string
		k, want int
	}{
		{"an binh", "an binh", 2, 0},
		{"an binh", "an bimh", 2, 1},
		{"an binh", "an bin", 2, 1},
		{"an binh", "xan binhh", 2, 2},
		{"an binh", "tan thanh", 2, 3}, // beyond k: k+1
		{"abc", "abcdef", 2, 3},
		{"", "ab", 2, 2},
		{"hòa", "hoa", 1, 1},
	} {
		t.Run(c.a+"/"+c.b, func(t *testing.T) {
			if got := Distance(c.a, c.b, c.k); got != c.want {
				t.Errorf("Distance(%q, %q, %d) = %d, want %d", c.a, c.b, c.k, got, c.want)
			}
		})
	}
}

func TestNameKey(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"htx che tan cuong":          "hop tac xa che tan cuong",
		"hop tac xa  che, tan-cuong": "hop tac xa che tan cuong",
		"lhhtx nong nghiep":          "lien hiep hop tac xa nong nghiep",
	} {
		if got := NameKey(in); got != want {
			t.Errorf("NameKey(%q) = %q, want %q", in, got, want)
		}
	}
}
